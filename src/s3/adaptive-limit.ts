import { createLimiter, Limiter } from './limiter';
import { S3Port } from './s3-port';

/** Runs `work` with a limiter of `concurrency` requests that slows down whenever `s3` reports a SlowDown. */
export async function withAdaptiveLimit<T>(s3: S3Port, concurrency: number, work: (limit: Limiter) => Promise<T>): Promise<T> {
  const limit = createLimiter(concurrency);
  const stopListening = s3.onThrottled?.(limit.throttled);
  try {
    return await work(limit);
  } finally {
    stopListening?.();
  }
}
