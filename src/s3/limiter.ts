/**
 * Runs at most `limit` tasks at a time; the others wait in order. The limit
 * follows the server: `throttled()` (S3 said SlowDown) halves it, at most
 * once per window of `limit` tasks, and every window of tasks that finish
 * without a halving raises it by one, up to the concurrency it started with
 * (additive increase, multiplicative decrease, as TCP does).
 */
export interface Limiter {
  readonly stats: LimiterStats;
  <T>(task: () => Promise<T>): Promise<T>;
  /** The server asked to slow down. */
  throttled(): void;
}

export interface LimiterStats {
  /** Tasks allowed at once right now. */
  readonly limit: number;
  /** The lowest limit reached. */
  readonly lowestLimit: number;
  /** SlowDown answers reported through `throttled()`. */
  readonly throttles: number;
}

export function createLimiter(concurrency: number): Limiter {
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new Error(`concurrency must be a whole number >= 1 (got ${concurrency})`);
  }
  const stats = { limit: concurrency, lowestLimit: concurrency, throttles: 0 };
  let running = 0;
  // Tasks started since the last decrease: the ones in flight at a decrease may
  // all be throttled too, and one overload should halve the limit once, not once per request.
  let startedSinceDecrease = concurrency;
  let finishedSinceChange = 0;
  const waiting: Array<() => void> = [];

  const startWaiting = () => {
    while (running < stats.limit && waiting.length > 0) {
      running++;
      startedSinceDecrease++;
      waiting.shift()!();
    }
  };
  const finish = () => {
    running--;
    if (++finishedSinceChange >= stats.limit && stats.limit < concurrency) {
      stats.limit++;
      finishedSinceChange = 0;
      // A whole window went through without a throttle: the next one is news.
      startedSinceDecrease = Math.max(startedSinceDecrease, stats.limit);
    }
    startWaiting();
  };

  const limiter = async <T>(task: () => Promise<T>): Promise<T> => {
    if (running < stats.limit && waiting.length === 0) {
      running++;
      startedSinceDecrease++;
    } else {
      await new Promise<void>(resolve => waiting.push(resolve));
    }
    try {
      return await task();
    } finally {
      finish();
    }
  };
  const throttled = () => {
    stats.throttles++;
    if (startedSinceDecrease < stats.limit) return;
    stats.limit = Math.max(1, Math.floor(stats.limit / 2));
    stats.lowestLimit = Math.min(stats.lowestLimit, stats.limit);
    startedSinceDecrease = 0;
    finishedSinceChange = 0;
  };
  return Object.assign(limiter, { throttled, stats: stats as LimiterStats });
}
