import { S3Port, BucketRef } from './s3-port';

/** Runs one request: a Limiter, or at once. */
type RunRequest = <T>(request: () => Promise<T>) => Promise<T>;
const runNow: RunRequest = request => request();

/**
 * The start of each wanted upload of `key` that ListMultipartUploads still lists (among the
 * uploads of the keys `key` is a prefix of); stops once all are found. `eachPage` runs each
 * page's request, e.g. through a limiter.
 */
export async function listedUploads(
  s3: S3Port, bucket: BucketRef, key: string, wanted: ReadonlySet<string>, eachPage: RunRequest = runNow,
): Promise<Map<string, Date>> {
  const found = new Map<string, Date>();
  const pages = s3.listUploads(bucket, key)[Symbol.asyncIterator]();
  try {
    while (found.size < wanted.size) {
      const page = await eachPage(() => pages.next());
      if (page.done) break;
      for (const upload of page.value) {
        if (upload.key === key && wanted.has(upload.uploadId)) found.set(upload.uploadId, upload.initiated);
      }
    }
  } finally {
    await pages.return?.();
  }
  return found;
}
