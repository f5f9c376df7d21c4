/**
 * One line about a failed request: the S3 error code and message, never the
 * request itself (signed URLs and credentials stay out of reports and logs).
 */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { name?: string; Code?: string }).Code ?? error.name;
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    const message = redact(error.message || 'no message');
    const prefix = code && code !== 'Error' ? `${code}${status ? ` (HTTP ${status})` : ''}: ` : '';
    return `${prefix}${message}`;
  }
  return redact(String(error));
}

/** Strips query strings (signatures) and anything that looks like a secret from a message. */
export function redact(text: string): string {
  return text
    .replace(/(https?:\/\/[^\s?]+)\?\S*/g, '$1?…')
    .replace(/(X-Amz-(Signature|Credential|Security-Token)=)[^&\s]+/gi, '$1…')
    .replace(/(aws_secret_access_key|secretAccessKey|sessionToken|SecretAccessKey)(\s*[=:]\s*)\S+/g, '$1$2…');
}

/** No credentials could be loaded: no request can succeed, so the run stops rather than failing bucket by bucket. */
export function isCredentialsError(error: unknown): boolean {
  const name = (error as { name?: string } | undefined)?.name ?? '';
  return name === 'CredentialsProviderError' || /credential/i.test(name);
}
