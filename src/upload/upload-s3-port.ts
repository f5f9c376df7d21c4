import { ListedPart } from './existing-upload';
import { Checksums, UploadChecksumAlgorithm } from './part-checksum';

/** An incomplete upload of the key, as ListMultipartUploads gives it. */
export interface IncompleteUpload {
  readonly uploadId: string;
  readonly initiated: Date;
  /** The checksum algorithm it was created with; undefined for none (or a server that has none). */
  readonly checksumAlgorithm?: string;
}

/** An object as HeadObject gives it. */
export interface StoredObject {
  readonly size: number;
  readonly etag: string;
  /** Its checksums, where the server gives them (S3 does when asked: HeadObject's ChecksumMode). */
  readonly checksums: Checksums;
}

/** A part's checksum, as it is sent. */
export interface PartChecksum {
  readonly algorithm: UploadChecksumAlgorithm;
  /** Base64. */
  readonly value: string;
}

/** A part to complete the upload with. */
export interface LandedPart {
  readonly partNumber: number;
  readonly etag: string;
  /** Undefined for a reused part the server listed without one. */
  readonly checksum?: PartChecksum;
}

/**
 * The only S3 surface the uploader uses, for one bucket and key, so that its engine runs
 * against a fake in unit tests. Retries (SlowDown, 503, resets, stalls) happen below it.
 * A `signal` cuts the request, and its retries, when it aborts (an interrupt).
 */
export interface UploadS3 {
  /** The object now under the key; undefined when there is none. */
  headObject(signal?: AbortSignal): Promise<StoredObject | undefined>;
  /** The key's incomplete uploads (that key only, not keys it is a prefix of), every page. */
  listIncompleteUploads(signal?: AbortSignal): Promise<IncompleteUpload[]>;
  /** Every part of the upload, every page; null when it is gone (completed or aborted). */
  listParts(uploadId: string, signal?: AbortSignal): Promise<ListedPart[] | null>;
  /** Starts an upload whose parts carry checksums of `algorithm`; returns its upload ID. */
  createUpload(algorithm: UploadChecksumAlgorithm): Promise<string>;
  /** Sends one part with its checksum, so that S3 refuses bytes changed on the way; returns its ETag. */
  uploadPart(uploadId: string, partNumber: number, body: Buffer, checksum: PartChecksum, signal: AbortSignal): Promise<string>;
  /** Returns the object's ETag. */
  completeUpload(uploadId: string, parts: readonly LandedPart[]): Promise<string>;
  /** A file of one part, in one request with its checksum; returns the object's ETag. */
  putObject(body: Buffer, checksum: PartChecksum, signal: AbortSignal): Promise<string>;
  /** Calls `listener` on each throttling answer, even one then retried; returns a function that removes it. */
  onThrottled?(listener: () => void): () => void;
}
