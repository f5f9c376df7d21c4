import { basename } from 'node:path';
import { BUCKET_NAME, BUCKET_NAME_RULE } from '../../facts/input-facts';
import { UsageError } from '../options/usage-error';

/** Where the file goes. */
export interface S3Target {
  readonly bucket: string;
  readonly key: string;
}

/** S3 keys are at most 1,024 bytes of UTF-8. */
const MAX_KEY_BYTES = 1024;

/**
 * `s3://BUCKET/KEY`. As with `aws s3 cp`, a URL that ends in `/` (or names only the bucket) takes
 * the file's name as the last part of the key.
 */
export function parseS3Target(text: string, file: string): S3Target {
  const url = /^s3:\/\/([^/]*)(?:\/(.*))?$/.exec(text);
  if (!url) {
    const hint = /^[a-z0-9.-]+\//.test(text) ? `: write s3://${text}` : ', like s3://my-bucket/backups/file.tar';
    throw new UsageError(`the destination must be an S3 URL s3://BUCKET/KEY${hint} (got "${text}")`);
  }
  const [, bucket, path = ''] = url;
  if (!BUCKET_NAME.test(bucket)) throw new UsageError(`the bucket of ${text} must be a bucket name: ${BUCKET_NAME_RULE} (got "${bucket}")`);
  const key = path === '' || path.endsWith('/') ? `${path}${basename(file)}` : path;
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) {
    throw new UsageError(`the key of ${text} is ${Buffer.byteLength(key, 'utf8')} bytes: S3 keys are at most ${MAX_KEY_BYTES} bytes of UTF-8`);
  }
  return { bucket, key };
}
