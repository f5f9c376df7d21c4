/** What stands for the user name and password of a URL wherever one is printed. */
export const REDACTED_USERINFO = '***';

/**
 * `text` with the user name and password of every URL in it replaced by `***`:
 * `http://user:secret@host:7480` becomes `http://***@host:7480`, and `user@` alone too. An
 * endpoint written without its scheme (`user:secret@host`, which --endpoint-url refuses, and
 * then quotes) loses its `user:secret@` as well; an address with no password (`alice@example.com`)
 * is kept. The userinfo ends at the last `@` before the path, as URL parsers read it, so a
 * password holding an `@` is hidden whole.
 */
export function redactUrlCredentials(text: string): string {
  return text
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#]*@/gi, `$1${REDACTED_USERINFO}@`)
    .replace(/(^|[\s"'(=])[^\s"'(=/:@]+:[^\s"'/?#]*@(?=[^\s@])/g, `$1${REDACTED_USERINFO}@`);
}
