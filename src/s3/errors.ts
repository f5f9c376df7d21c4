import { redactUrlCredentials } from './url-credentials';

/**
 * One line about a failed request: the S3 error code and message, never the
 * request itself (signed URLs and credentials stay out of reports and logs).
 */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { name?: string; Code?: string }).Code ?? error.name;
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    // The SDK's message for an error answer without one (RGW's 403s have none) says nothing.
    const message = error.message && error.message !== 'UnknownError' ? redact(oneLine(error.message)) : undefined;
    if (!code || code === 'Error') return message ?? 'no message';
    const prefix = `${code}${status ? ` (HTTP ${status})` : ''}`;
    return message === undefined ? prefix : `${prefix}: ${message}`;
  }
  return redact(oneLine(String(error)));
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** Strips the user and password of URLs, query strings (signatures) and anything that looks like a secret from a message. */
export function redact(text: string): string {
  return redactUrlCredentials(text)
    .replace(/(https?:\/\/[^\s?]+)\?\S*/g, '$1?…')
    .replace(/(X-Amz-(Signature|Credential|Security-Token)["']?\s*[=:]\s*["']?)[^&\s"',}]+/gi, '$1…')
    // The Authorization header of a signed request.
    .replace(/\b(Credential|Signature)=[^,\s]+/g, '$1=…')
    .replace(/(aws_secret_access_key|aws_session_token|secretAccessKey|sessionToken|SecretAccessKey|SessionToken)(["']?\s*[=:]\s*["']?)[^\s"',}]+/gi, '$1$2…');
}

/**
 * describeError, and on AccessDenied the permission the request needed, so
 * that the message says what to add to the policy.
 */
export function describeDenied(error: unknown, permission: string): string {
  const denied = (error as { name?: string } | undefined)?.name === 'AccessDenied';
  return denied ? `${describeError(error)}; needs ${permission}` : describeError(error);
}

/** No credentials could be loaded: no request can succeed, so the run stops rather than failing bucket by bucket. */
export function isCredentialsError(error: unknown): boolean {
  const name = (error as { name?: string } | undefined)?.name ?? '';
  return name === 'CredentialsProviderError' || /credential/i.test(name);
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'ETIMEDOUT', 'EPROTO',
  'ERR_SSL_WRONG_VERSION_NUMBER', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** A request that got no answer at all: refused, a host that does not resolve, no route, TLS failed, no connection in time. */
export function isConnectionError(error: unknown): boolean {
  const e = error as { code?: string; name?: string; message?: string; $metadata?: { httpStatusCode?: number } } | undefined;
  if (!e || e.$metadata?.httpStatusCode !== undefined) return false;
  return CONNECTION_CODES.has(e.code ?? '') || (e.name === 'TimeoutError' && /without establishing a connection/.test(e.message ?? ''));
}

/**
 * The endpoint never answered any request: a wrong URL or region, a server
 * that is down, no network. Not retryable, so every later request fails at once.
 */
export class EndpointUnreachableError extends Error {
  /** The connection error, in one line. */
  public readonly reason: string;

  constructor(public readonly endpoint: string, error: unknown) {
    const reason = describeError(error);
    super(`${redactUrlCredentials(endpoint)} cannot be reached: ${reason}`);
    this.name = 'EndpointUnreachable';
    this.reason = reason;
  }
}

const REJECTED_CREDENTIALS = new Set(['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'ExpiredToken', 'InvalidToken', 'TokenRefreshRequired']);

/** The server's answer that the credentials themselves are wrong or expired (not a missing permission). */
export function isCredentialsRejection(error: unknown): boolean {
  return REJECTED_CREDENTIALS.has((error as { name?: string } | undefined)?.name ?? '');
}

/** The server rejected the credentials before any request succeeded: no request can. */
export class CredentialsRejectedError extends Error {
  /** The server's answer, in one line. */
  public readonly reason: string;

  constructor(error: unknown) {
    const reason = describeError(error);
    super(`the credentials were rejected: ${reason}`);
    this.name = 'CredentialsRejected';
    this.reason = reason;
  }
}
