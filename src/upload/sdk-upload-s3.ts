import { ListedPart } from './existing-upload';
import { AbortCheck } from './upload-file';
import { IncompleteUpload, StoredObject, UploadS3 } from './upload-s3-port';
import {
  CompleteMultipartUploadCommand, CreateMultipartUploadCommand, HeadObjectCommand, ListMultipartUploadsCommand, ListPartsCommand,
  PutObjectCommand, S3Client, UploadPartCommand,
} from '../audit/aws-sdk';
import { isUploadGone, partPages, uploadPages } from '../audit/s3-pages';
import { AuditS3 } from '../audit/s3-port';
import { abortVerified } from '../audit/verified-abort';

/** One bucket and key of S3 through the AWS SDK v3, as the uploader needs it. */
export class SdkUploadS3 implements UploadS3 {
  constructor(private readonly client: S3Client, private readonly bucket: string, private readonly key: string) {}

  public async headObject(): Promise<StoredObject | undefined> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.key }));
      return { size: head.ContentLength ?? 0, etag: head.ETag ?? '' };
    } catch (error) {
      if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return undefined;
      throw error;
    }
  }

  public async listIncompleteUploads(): Promise<IncompleteUpload[]> {
    const found: IncompleteUpload[] = [];
    const pages = uploadPages((keyMarker, uploadIdMarker) => this.client.send(new ListMultipartUploadsCommand({
      Bucket: this.bucket, Prefix: this.key, KeyMarker: keyMarker, UploadIdMarker: uploadIdMarker,
    })), this.bucket);
    for await (const page of pages) {
      for (const upload of page) {
        if (upload.Key === this.key && upload.UploadId) found.push({ uploadId: upload.UploadId, initiated: upload.Initiated ?? new Date(0) });
      }
    }
    return found;
  }

  public async listParts(uploadId: string): Promise<ListedPart[] | null> {
    const parts: ListedPart[] = [];
    const pages = partPages(marker => this.client.send(new ListPartsCommand({
      Bucket: this.bucket, Key: this.key, UploadId: uploadId, PartNumberMarker: marker,
    })), `${this.bucket}/${this.key}`);
    try {
      for await (const page of pages) {
        for (const part of page) parts.push({ partNumber: part.PartNumber ?? 0, size: part.Size ?? 0, etag: part.ETag ?? '' });
      }
    } catch (error) {
      if (isUploadGone(error)) return null;
      throw error;
    }
    return parts;
  }

  public async createUpload(): Promise<string> {
    const { UploadId } = await this.client.send(new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: this.key }));
    if (!UploadId) throw new Error(`CreateMultipartUpload on s3://${this.bucket}/${this.key} answered without an upload id`);
    return UploadId;
  }

  public async uploadPart(uploadId: string, partNumber: number, body: Buffer, md5Base64: string, signal: AbortSignal): Promise<string> {
    const { ETag } = await this.client.send(new UploadPartCommand({
      Bucket: this.bucket, Key: this.key, UploadId: uploadId, PartNumber: partNumber, Body: body, ContentMD5: md5Base64, ContentLength: body.length,
    }), { abortSignal: signal });
    return ETag ?? '';
  }

  public async completeUpload(uploadId: string, parts: ReadonlyArray<{ readonly partNumber: number; readonly etag: string }>): Promise<string> {
    const { ETag } = await this.client.send(new CompleteMultipartUploadCommand({
      Bucket: this.bucket,
      Key: this.key,
      UploadId: uploadId,
      MultipartUpload: { Parts: parts.map(p => ({ PartNumber: p.partNumber, ETag: p.etag })) },
    }));
    return ETag ?? '';
  }

  public async putObject(body: Buffer, md5Base64: string, signal: AbortSignal): Promise<string> {
    const { ETag } = await this.client.send(new PutObjectCommand({
      Bucket: this.bucket, Key: this.key, Body: body, ContentMD5: md5Base64, ContentLength: body.length,
    }), { abortSignal: signal });
    return ETag ?? '';
  }
}

/** The uploader's abort of one of its key's uploads, as the audit's verified abort does it. */
export function verifiedAbortOf(s3: AuditS3, bucket: { name: string; region: string }, key: string): (uploadId: string) => Promise<AbortCheck> {
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
