import { createLimiter, Limiter } from './limiter';
import { AuditS3 } from './s3-port';

/** Runs `work` with a limiter of `concurrency` requests that slows down whenever `s3` reports a SlowDown. */
export async function withAdaptiveLimit<T>(s3: AuditS3, concurrency: number, work: (limit: Limiter) => Promise<T>): Promise<T> {
  const limit = createLimiter(concurrency);
  const stopListening = s3.onThrottled?.(limit.throttled);
  try {
    return await work(limit);
  } finally {
    stopListening?.();
  }
}
