import { ValueParser } from '../options/option-table';
import { UsageError } from '../options/usage-error';

const AES256_KEY_BYTES = 32;

/** An SSE-C key: 32 bytes written as they are (as the AWS CLI v1 takes it), or their base64. */
export const sseCustomerKey: ValueParser<Buffer> = (flag, text) => {
  const raw = Buffer.from(text, 'utf8');
  if (raw.length === AES256_KEY_BYTES) return raw;
  const decoded = Buffer.from(text, 'base64');
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(text) && decoded.length === AES256_KEY_BYTES) return decoded;
  throw new UsageError(`${flag} must be a 256-bit key: 32 bytes, or their base64 (44 characters), like the output of openssl rand -base64 32 `
    + `(got ${raw.length} bytes)`);
};
