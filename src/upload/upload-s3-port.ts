import { ListedPart } from './existing-upload';

/** An incomplete upload of the key, as ListMultipartUploads gives it. */
export interface IncompleteUpload {
  readonly uploadId: string;
  readonly initiated: Date;
}

/** An object as HeadObject gives it. */
export interface StoredObject {
  readonly size: number;
  readonly etag: string;
}

/**
 * The only S3 surface the uploader uses, for one bucket and key, so that its engine runs
 * against a fake in unit tests. Retries (SlowDown, 503, resets, stalls) happen below it.
 */
export interface UploadS3 {
  /** The object now under the key; undefined when there is none. */
  headObject(): Promise<StoredObject | undefined>;
  /** The key's incomplete uploads (that key only, not keys it is a prefix of), every page. */
  listIncompleteUploads(): Promise<IncompleteUpload[]>;
  /** Every part of the upload, every page; null when it is gone (completed or aborted). */
  listParts(uploadId: string): Promise<ListedPart[] | null>;
  createUpload(): Promise<string>;
  /** Sends one part with its Content-MD5, so that S3 refuses bytes changed on the way; returns its ETag. */
  uploadPart(uploadId: string, partNumber: number, body: Buffer, md5Base64: string, signal: AbortSignal): Promise<string>;
  /** Returns the object's ETag. */
  completeUpload(uploadId: string, parts: ReadonlyArray<{ readonly partNumber: number; readonly etag: string }>): Promise<string>;
  /** A file of one part, in one request with its Content-MD5; returns the object's ETag. */
  putObject(body: Buffer, md5Base64: string, signal: AbortSignal): Promise<string>;
  /** Calls `listener` on each throttling answer, even one then retried; returns a function that removes it. */
  onThrottled?(listener: () => void): () => void;
}
