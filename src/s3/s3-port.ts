import type { LifecycleRule, TransitionDefaultMinimumObjectSize } from './aws-sdk';

/** Who ListMultipartUploads says started an upload (`Initiator`) or owns it (`Owner`). */
export interface UploadPrincipal {
  /** An IAM user or assumed-role ARN, a canonical user ID on AWS; the user id on Ceph RGW. */
  readonly id: string;
  readonly displayName: string;
}

/** A bucket, with the region its requests must go to. */
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
 * The S3 operations of the audit and of the uploader's clean-up. Pagination and per-region clients are
 * hidden behind it, so the engines can run against a fake in unit tests.
 */
export interface S3Port {
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
