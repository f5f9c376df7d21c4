/**
 * Time kept back from a function's timeout: requests in flight when the deadline fires finish
 * (the functions' S3 clients cut a request after 20 s without a byte), and the results are
 * published or written.
 */
export const DEADLINE_MARGIN_MS = 60_000;

/** The part of Lambda's context the functions read. */
export interface LambdaContext {
  getRemainingTimeInMillis(): number;
}

/**
 * Runs `work` with a signal that fires DEADLINE_MARGIN_MS before the function's time runs out,
 * so a run that cannot finish stops in time to report what it covered.
 */
export async function withDeadline<T>(context: LambdaContext, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), Math.max(0, context.getRemainingTimeInMillis() - DEADLINE_MARGIN_MS));
  try {
    return await work(deadline.signal);
  } finally {
    clearTimeout(timer);
  }
}
