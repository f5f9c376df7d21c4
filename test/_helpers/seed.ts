import {
  CompleteMultipartUploadCommand, CreateMultipartUploadCommand, S3Client, UploadPartCommand,
} from '@aws-sdk/client-s3';
import { createLimiter } from '../../src/s3/limiter';

export interface Seeded {
  readonly key: string;
  readonly uploadId: string;
  readonly parts: number;
  readonly bytes: number;
}

const limit = createLimiter(24);

/** Starts an upload and sends `partSizes.length` parts of those sizes, never completing it. */
export async function seedUpload(client: S3Client, bucket: string, key: string, partSizes: readonly number[]): Promise<Seeded> {
  const { UploadId } = await limit(() => client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key })));
  await Promise.all(partSizes.map((size, i) => limit(() => client.send(new UploadPartCommand({
    Bucket: bucket, Key: key, UploadId, PartNumber: i + 1, Body: Buffer.alloc(size, i % 251),
  })))));
  return { key, uploadId: UploadId!, parts: partSizes.length, bytes: partSizes.reduce((a, b) => a + b, 0) };
}

/** An upload that was completed: an object, not an orphan. */
export async function seedCompleted(client: S3Client, bucket: string, key: string, size: number): Promise<void> {
  const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
  const part = { Bucket: bucket, Key: key, UploadId, PartNumber: 1, Body: Buffer.alloc(size, 7) };
  const { ETag } = await client.send(new UploadPartCommand(part));
  const parts = { Parts: [{ PartNumber: 1, ETag }] };
  await client.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId, MultipartUpload: parts }));
}

export function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}
