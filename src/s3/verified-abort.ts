import { describeDenied } from './errors';
import { listedUploads } from './listed-uploads';
import { S3Port, BucketRef, PartsTotal, UploadRef } from './s3-port';

/** AbortMultipartUpload requests sent for one upload at most, each followed by a check. */
export const DEFAULT_MAX_ABORTS = 3;
/** Milliseconds before the second abort of an upload; each later one waits twice as long. */
export const DEFAULT_ABORT_BACKOFF_MS = 500;

/** The upload to abort: what AbortMultipartUpload and ListParts need. */
export type UploadToAbort = Pick<UploadRef, 'key' | 'uploadId'>;

export interface VerifiedAbortOptions {
  /** AbortMultipartUpload requests at most; default DEFAULT_MAX_ABORTS (3). */
  readonly maxAborts?: number;
  /** Wait before the second abort, doubled for each later one; default DEFAULT_ABORT_BACKOFF_MS (500). */
  readonly backoffMs?: number;
  /**
   * Runs each request (every abort and every check), e.g. through a limiter, so that they count
   * against its concurrency; the waits between attempts run outside it. Default: at once.
   */
  readonly schedule?: <T>(request: () => Promise<T>) => Promise<T>;
  /** Asked when the first abort is about to be sent; true sends nothing and the outcome is `not-started`. */
  readonly stopRequested?: () => boolean;
}

/** How a verified abort ended, with the AbortMultipartUpload requests it sent. */
export type VerifiedAbortOutcome =
  /** An abort of ours answered, and the upload is gone. */
  | { readonly outcome: 'aborted'; readonly aborts: number }
  /** The first abort answered NoSuchUpload (completed or aborted by someone else), and the check agrees. */
  | { readonly outcome: 'already-gone'; readonly aborts: number }
  /**
   * An abort or a check failed, or the upload was still there after `maxAborts` aborts; `remaining`:
   * its parts and bytes at the last check, null when no check could read them.
   */
  | { readonly outcome: 'failed'; readonly aborts: number; readonly error: string; readonly remaining: PartsTotal | null }
  /** `stopRequested` said stop before anything was sent. */
  | { readonly outcome: 'not-started'; readonly aborts: 0 };

/**
 * Aborts one upload and makes sure it is gone. S3 documents that an abort may have to be repeated:
 * a part in flight when the abort lands can still complete, and its storage stays billed. So after
 * each abort, ListParts must answer NoSuchUpload (or, when it lists no parts or is denied, the
 * upload must no longer be listed); while parts remain it aborts again, up to `maxAborts` times,
 * with a short backoff. A request that fails (after the SDK's own retries) ends it as failed with the error.
 */
export async function abortVerified(
  s3: S3Port, bucket: BucketRef, upload: UploadToAbort, options: VerifiedAbortOptions = {},
): Promise<VerifiedAbortOutcome> {
  const maxAborts = options.maxAborts ?? DEFAULT_MAX_ABORTS;
  if (!Number.isInteger(maxAborts) || maxAborts < 1) throw new Error(`maxAborts must be a whole number >= 1 (got ${maxAborts})`);
  const schedule = options.schedule ?? (<T>(request: () => Promise<T>) => request());
  const ref: UploadRef = { ...upload, initiated: new Date(0), storageClass: '' };
  let answeredAborted = false;
  let left: StillThere | undefined;
  for (let aborts = 1; aborts <= maxAborts; aborts++) {
    if (aborts > 1) await sleep((options.backoffMs ?? DEFAULT_ABORT_BACKOFF_MS) * 2 ** (aborts - 2));
    let answer: 'aborted' | 'already-gone' | 'not-started';
    try {
      answer = await schedule(() => (aborts === 1 && options.stopRequested?.() ? Promise.resolve('not-started' as const) : s3.abortUpload(bucket, ref)));
    } catch (error) {
      return { outcome: 'failed', aborts, error: describeDenied(error, 's3:AbortMultipartUpload'), remaining: left?.remaining ?? null };
    }
    if (answer === 'not-started') return { outcome: 'not-started', aborts: 0 };
    answeredAborted ||= answer === 'aborted';
    try {
      left = await schedule(() => whatIsLeft(s3, bucket, ref));
    } catch (error) {
      const check = describeDenied(error, isDenied(error) ? 's3:ListBucketMultipartUploads' : 's3:ListMultipartUploadParts');
      return { outcome: 'failed', aborts, error: `the abort answered, but the check that the upload is gone failed: ${check}`, remaining: null };
    }
    if (left === undefined) return { outcome: answeredAborted ? 'aborted' : 'already-gone', aborts };
  }
  const times = `${maxAborts} abort${maxAborts === 1 ? '' : 's'}`;
  const error = left!.remaining
    ? `${describeParts(left!.remaining)} still there after ${times}`
    : `still listed after ${times}; its parts could not be read: ${left!.unreadable}`;
  return { outcome: 'failed', aborts: maxAborts, error, remaining: left!.remaining };
}

/** An upload that is not gone: its parts, or why they could not be read. */
interface StillThere {
  readonly remaining: PartsTotal | null;
  readonly unreadable?: string;
}

/** `2 parts (10485760 bytes)`. */
export function describeParts(total: PartsTotal): string {
  return `${total.parts} part${total.parts === 1 ? '' : 's'} (${total.bytes} bytes)`;
}

/** What is left of the upload: undefined when it is gone. */
async function whatIsLeft(s3: S3Port, bucket: BucketRef, upload: UploadRef): Promise<StillThere | undefined> {
  let parts: PartsTotal | null;
  try {
    parts = await s3.sumParts(bucket, upload);
  } catch (error) {
    // Ceph RGW answers AccessDenied, not NoSuchUpload, to a caller who is not the bucket's owner once the upload is gone
    // (as S3 does for a missing object to a caller without s3:ListBucket): the listing decides.
    if (!isDenied(error)) throw error;
    return await isListed(s3, bucket, upload) ? { remaining: null, unreadable: describeDenied(error, 's3:ListMultipartUploadParts') } : undefined;
  }
  if (parts === null) return undefined;
  // ListParts listed nothing: the upload may be gone but not yet from ListParts' view, or still there without parts.
  if (parts.parts === 0 && !await isListed(s3, bucket, upload)) return undefined;
  return { remaining: parts };
}

function isDenied(error: unknown): boolean {
  return (error as { name?: string } | undefined)?.name === 'AccessDenied';
}

/** Whether ListMultipartUploads still lists the upload. */
async function isListed(s3: S3Port, bucket: BucketRef, upload: UploadRef): Promise<boolean> {
  return (await listedUploads(s3, bucket, upload.key, new Set([upload.uploadId]))).has(upload.uploadId);
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise(resolve => setTimeout(resolve, ms)) : Promise.resolve();
}
