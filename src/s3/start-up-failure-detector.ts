import { CredentialsRejectedError, EndpointUnreachableError, isConnectionError, isCredentialsRejection } from './errors';

/**
 * Attempts at a connection before the endpoint has ever answered: enough for a blip, and a
 * wrong URL fails in well under a second instead of the few seconds of the full retry budget.
 */
const ATTEMPTS_BEFORE_FIRST_ANSWER = 3;

export type StartUpFailure = EndpointUnreachableError | CredentialsRejectedError;

/**
 * Tells a run that no request can succeed from one that has trouble with some:
 * connection errors before the endpoint ever answered, and credentials rejected
 * before any request succeeded, fail the whole run at once (StartUpFailure);
 * after that they are the failing request's own problem.
 */
export class StartUpFailureDetector {
  /** Some request got an answer (any HTTP status). */
  private answered = false;
  /** Some request succeeded: the credentials work. */
  private succeeded = false;
  private failure?: StartUpFailure;

  constructor(
    private readonly endpointOf: (region: string) => string,
    private readonly onFailure?: (error: StartUpFailure) => void,
  ) {}

  /** Runs one attempt of a request (inside the SDK's retry loop), `request` being the HTTP request. */
  public async attempt<T>(region: string, request: unknown, send: () => Promise<T>): Promise<T> {
    if (this.failure) throw this.failure;
    try {
      const result = await send();
      this.answered = true;
      this.succeeded = true;
      return result;
    } catch (error) {
      if (!isConnectionError(error)) {
        // An error response is an answer; a credentials error before sending is not.
        if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode !== undefined) this.answered = true;
        if (!this.succeeded && isCredentialsRejection(error)) throw this.fail(new CredentialsRejectedError(error));
        throw error;
      }
      if (this.answered) throw error;
      const { attempt, max } = attemptOf(request);
      if (attempt < Math.min(max, ATTEMPTS_BEFORE_FIRST_ANSWER) && sdkRetries(error)) throw error;
      throw this.fail(new EndpointUnreachableError(this.endpointOf(region), error));
    }
  }

  private fail(error: StartUpFailure): StartUpFailure {
    this.failure ??= error;
    this.onFailure?.(this.failure);
    return this.failure;
  }
}

/** The connection errors the SDK's standard retry strategy retries; a TLS failure, say, it does not. */
function sdkRetries(error: unknown): boolean {
  const e = error as { code?: string; name?: string };
  return e.name === 'TimeoutError' || ['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN'].includes(e.code ?? '');
}

/** The SDK's `amz-sdk-request: attempt=2; max=8` header, read back. */
function attemptOf(request: unknown): { attempt: number; max: number } {
  const header = (request as { headers?: Record<string, string> } | undefined)?.headers?.['amz-sdk-request'] ?? '';
  const match = /attempt=(\d+); max=(\d+)/.exec(header);
  return match ? { attempt: Number(match[1]), max: Number(match[2]) } : { attempt: 1, max: 1 };
}
