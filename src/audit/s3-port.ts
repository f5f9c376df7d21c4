import type { LifecycleRule, TransitionDefaultMinimumObjectSize } from './aws-sdk';
import type { UploadPrincipal } from './keep-rules';

/** A bucket to audit, with the region its requests must go to. */
export interface BucketRef {
  readonly name: string;
  readonly region: string;
}

/** One incomplete multipart upload as ListMultipartUploads returns it. */
export interface UploadRef {
  readonly key: string;
  readonly uploadId: string;
  readonly initiated: Date;
  readonly storageClass: string;
  /**
   * Who started it (`Initiator`), as ListMultipartUploads says; null or absent when the server
   * leaves it out, and absent in a reference built only to abort or read the upload.
   */
  readonly initiator?: UploadPrincipal | null;
  /** Who owns it (`Owner`), likewise. */
  readonly owner?: UploadPrincipal | null;
}

/**
 * A bucket's lifecycle configuration as read: the rules and the bucket-wide
 * setting that PutBucketLifecycleConfiguration would otherwise reset.
 */
export interface BucketLifecycle {
  readonly rules: LifecycleRule[];
  readonly transitionDefaultMinimumObjectSize?: TransitionDefaultMinimumObjectSize | string;
}

export interface PartsTotal {
  readonly parts: number;
  readonly bytes: number;
}

/** What happened to one AbortMultipartUpload call. */
export type AbortOutcome = 'aborted' | 'already-gone';

/**
 * The only S3 surface the audit uses. Pagination and per-region clients are
 * hidden behind it, so the audit core can run against a fake in unit tests.
 */
export interface AuditS3 {
  /** Every bucket the credentials can list, each with its region. */
  listBuckets(): Promise<BucketRef[]>;
  /** The region of a named bucket (for `--bucket`). */
  bucketRegion(name: string): Promise<string>;
  /** Pages of the bucket's incomplete uploads, following both markers. */
  listUploads(bucket: BucketRef, prefix?: string): AsyncIterable<UploadRef[]>;
  /**
   * Parts and bytes of one upload, summed over every page of ListParts; null
   * when the upload was completed or aborted after it was listed (NoSuchUpload).
   */
  sumParts(bucket: BucketRef, upload: UploadRef): Promise<PartsTotal | null>;
  /** The bucket's lifecycle configuration; undefined when it has none. */
  getLifecycle(bucket: BucketRef): Promise<BucketLifecycle | undefined>;
  /** Replaces the bucket's whole lifecycle configuration. */
  putLifecycle(bucket: BucketRef, lifecycle: BucketLifecycle): Promise<void>;
  /** The bucket's tags by key (GetBucketTagging); empty when it has none (NoSuchTagSet). */
  getBucketTags(bucket: BucketRef): Promise<ReadonlyMap<string, string>>;
  abortUpload(bucket: BucketRef, upload: UploadRef): Promise<AbortOutcome>;
  /**
   * Calls `listener` each time the server answers a request with SlowDown (or
   * another throttling error), even when the request is then retried and
   * succeeds, so that callers can send fewer requests at once. Returns a
   * function that removes the listener.
   */
  onThrottled?(listener: () => void): () => void;
}
