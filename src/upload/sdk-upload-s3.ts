import { namingDeniedPermission } from './denied-permission';
import { ListedPart } from './existing-upload';
import { Checksums, UPLOAD_CHECKSUM_ALGORITHMS, UploadChecksumAlgorithm } from './part-checksum';
import { partDeadlineMs } from './part-deadline';
import { encryptionOnCreate, encryptionOnUse, UploadEncryption } from './upload-encryption';
import { AbortCheck } from './upload-file';
import { IncompleteUpload, LandedPart, PartChecksum, StoredObject, UploadS3 } from './upload-s3-port';
import { UploadOperation } from '../facts/upload-permissions';
import {
  CompleteMultipartUploadCommand, CreateMultipartUploadCommand, HeadObjectCommand, ListMultipartUploadsCommand, ListPartsCommand,
  PutObjectCommand, S3Client, UploadPartCommand,
} from '../s3/aws-sdk';
import { isUploadGone, partPages, uploadPages } from '../s3/s3-pages';
import { S3Port, BucketRef } from '../s3/s3-port';
import { DEFAULT_READ_TIMEOUT_MS, SdkS3, S3ConnectionOptions } from '../s3/sdk-s3';
import { abortVerified } from '../s3/verified-abort';

/** How the uploader's requests differ from the other engines'. */
export interface SdkUploadS3Options {
  readonly encryption?: UploadEncryption;
  /** The read timeout of the S3 layer's client, from which each part's deadline is sized (part-deadline.ts); default 60 s. */
  readonly readTimeoutMs?: number;
}

/**
 * One bucket and key of S3 through the AWS SDK v3, as the uploader needs it. Requests go through
 * the S3 layer's clients (`SdkS3`): the same retries, region redirects and throttling signal.
 */
export class SdkUploadS3 implements UploadS3 {
  constructor(
    private readonly s3: SdkS3,
    private readonly bucket: BucketRef,
    private readonly key: string,
    private readonly options: SdkUploadS3Options = {},
  ) {}

  public async headObject(signal?: AbortSignal): Promise<StoredObject | undefined> {
    try {
      const head = await this.send('HeadObject', client => client.send(new HeadObjectCommand({
        Bucket: this.bucket.name, Key: this.key, ChecksumMode: 'ENABLED', ...encryptionOnUse(this.options.encryption),
      }), { abortSignal: signal }));
      return { size: head.ContentLength ?? 0, etag: head.ETag ?? '', checksums: checksumsOf(head) };
    } catch (error) {
      if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return undefined;
      throw error;
    }
  }

  public async listIncompleteUploads(signal?: AbortSignal): Promise<IncompleteUpload[]> {
    const found: IncompleteUpload[] = [];
    const pages = uploadPages((keyMarker, uploadIdMarker) => this.send('ListMultipartUploads', client => client.send(new ListMultipartUploadsCommand({
      Bucket: this.bucket.name, Prefix: this.key, KeyMarker: keyMarker, UploadIdMarker: uploadIdMarker,
    }), { abortSignal: signal })), this.bucket.name);
    for await (const page of pages) {
      for (const upload of page) {
        if (upload.Key === this.key && upload.UploadId) {
          found.push({ uploadId: upload.UploadId, initiated: upload.Initiated ?? new Date(0), checksumAlgorithm: upload.ChecksumAlgorithm });
        }
      }
    }
    return found;
  }

  public async listParts(uploadId: string, signal?: AbortSignal): Promise<ListedPart[] | null> {
    const parts: ListedPart[] = [];
    const pages = partPages(marker => this.send('ListParts', client => client.send(new ListPartsCommand({
      // S3 wants the SSE-C key to list the checksums of an SSE-C upload's parts.
      Bucket: this.bucket.name, Key: this.key, UploadId: uploadId, PartNumberMarker: marker, ...encryptionOnUse(this.options.encryption),
    }), { abortSignal: signal })), `${this.bucket.name}/${this.key}`);
    try {
      for await (const page of pages) {
        for (const part of page) parts.push({ partNumber: part.PartNumber ?? 0, size: part.Size ?? 0, etag: part.ETag ?? '', checksums: checksumsOf(part) });
      }
    } catch (error) {
      if (isUploadGone(error)) return null;
      throw error;
    }
    return parts;
  }

  public async createUpload(algorithm: UploadChecksumAlgorithm): Promise<string> {
    const { UploadId } = await this.send('CreateMultipartUpload', client => client.send(new CreateMultipartUploadCommand({
      Bucket: this.bucket.name, Key: this.key, ChecksumAlgorithm: algorithm, ...encryptionOnCreate(this.options.encryption),
    })));
    if (!UploadId) throw new Error(`CreateMultipartUpload on s3://${this.bucket.name}/${this.key} answered without an upload id`);
    return UploadId;
  }

  public async uploadPart(uploadId: string, partNumber: number, body: Buffer, checksum: PartChecksum, signal: AbortSignal): Promise<string> {
    const { ETag } = await this.send('UploadPart', client => client.send(new UploadPartCommand({
      Bucket: this.bucket.name,
      Key: this.key,
      UploadId: uploadId,
      PartNumber: partNumber,
      Body: body,
      ContentLength: body.length,
      [checksumMember(checksum.algorithm)]: checksum.value,
      ...encryptionOnUse(this.options.encryption),
    }), this.requestOptions(body.length, signal)));
    return ETag ?? '';
  }

  public async completeUpload(uploadId: string, parts: readonly LandedPart[]): Promise<string> {
    const { ETag } = await this.send('CompleteMultipartUpload', client => client.send(new CompleteMultipartUploadCommand({
      Bucket: this.bucket.name,
      Key: this.key,
      UploadId: uploadId,
      MultipartUpload: {
        Parts: parts.map(p => ({
          PartNumber: p.partNumber, ETag: p.etag, ...(p.checksum && { [checksumMember(p.checksum.algorithm)]: p.checksum.value }),
        })),
      },
      ...encryptionOnUse(this.options.encryption),
    })));
    return ETag ?? '';
  }

  public async putObject(body: Buffer, checksum: PartChecksum, signal: AbortSignal): Promise<string> {
    const { ETag } = await this.send('PutObject', client => client.send(new PutObjectCommand({
      Bucket: this.bucket.name,
      Key: this.key,
      Body: body,
      ContentLength: body.length,
      [checksumMember(checksum.algorithm)]: checksum.value,
      ...encryptionOnCreate(this.options.encryption),
    }), this.requestOptions(body.length, signal)));
    return ETag ?? '';
  }

  public onThrottled(listener: () => void): () => void {
    return this.s3.onThrottled(listener);
  }

  /** Each attempt to send `bytes` is cut at a deadline sized to them, and retried. */
  private requestOptions(bytes: number, signal: AbortSignal): { abortSignal: AbortSignal; requestTimeout: number } {
    return { abortSignal: signal, requestTimeout: partDeadlineMs(bytes, this.options.readTimeoutMs ?? DEFAULT_READ_TIMEOUT_MS) };
  }

  /** An AccessDenied answer names the IAM action `operation` needs. */
  private async send<T>(operation: UploadOperation, request: (client: S3Client) => Promise<T>): Promise<T> {
    try {
      return await this.s3.sendToBucket(this.bucket, request);
    } catch (error) {
      throw namingDeniedPermission(operation, error);
    }
  }
}

/** The SDK's member for a checksum of `algorithm`: ChecksumCRC32 and so on. */
function checksumMember(algorithm: UploadChecksumAlgorithm): `Checksum${UploadChecksumAlgorithm}` {
  return `Checksum${algorithm}`;
}

/** The checksums of a part or an object, from the SDK's members. */
function checksumsOf(members: Partial<Record<`Checksum${UploadChecksumAlgorithm}`, string>>): Checksums {
  const found: Record<string, string> = {};
  for (const algorithm of UPLOAD_CHECKSUM_ALGORITHMS) {
    const value = members[checksumMember(algorithm)];
    if (value) found[algorithm] = value;
  }
  return found;
}

/** The uploader's abort of one of its key's uploads, with the S3 layer's verified abort. */
export function verifiedAbortOf(s3: S3Port, bucket: BucketRef, key: string): (uploadId: string) => Promise<AbortCheck> {
  return async uploadId => {
    const verified = await abortVerified(s3, bucket, { key, uploadId });
    switch (verified.outcome) {
      case 'aborted':
      case 'already-gone':
        return { gone: true, detail: verified.outcome === 'aborted' ? `aborted (${verified.aborts} abort${verified.aborts === 1 ? '' : 's'})` : 'already gone' };
      case 'failed':
        return { gone: false, detail: verified.error };
      default:
        return { gone: false, detail: 'not aborted' };
    }
  };
}

/** What the uploader needs of one key: its S3 surface and its verified abort. */
export interface UploadClient {
  readonly s3: UploadS3;
  readonly abortUpload: (uploadId: string) => Promise<AbortCheck>;
}

/**
 * The uploader's client for `bucket` and `key` on the AWS SDK: the S3 layer's clients, in the bucket's
 * region as far as it is known (`connection.region`, else us-east-1; a 301 naming another is followed).
 */
export function sdkUploadClient(connection: S3ConnectionOptions, bucket: string, key: string, options: SdkUploadS3Options = {}): UploadClient {
  const s3 = new SdkS3(connection);
  const ref = { name: bucket, region: connection.region ?? 'us-east-1' };
  return { s3: new SdkUploadS3(s3, ref, key, { readTimeoutMs: connection.readTimeoutMs, ...options }), abortUpload: verifiedAbortOf(s3, ref, key) };
}
