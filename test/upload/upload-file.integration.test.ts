import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, ListMultipartUploadsCommand, S3Client } from '@aws-sdk/client-s3';
import { SdkS3 } from '../../src/s3/sdk-s3';
import { SdkUploadS3, verifiedAbortOf } from '../../src/upload/sdk-upload-s3';
import { uploadFile, UploadFileOptions } from '../../src/upload/upload-file';
import { clientOf, localS3Server, newBucket } from '../_helpers/s3-test-server';

const server = localS3Server();
const describeS3 = server ? describe : describe.skip;

const MIB = 1024 * 1024;
const PART = 5 * MIB;

function fileOf(size: number, seed = 1): { path: string; bytes: Buffer } {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i += 512) bytes[i] = (i / 512 + seed) % 251;
  const path = join(mkdtempSync(join(tmpdir(), 'mpu-upload-')), 'file.bin');
  writeFileSync(path, bytes);
  return { path, bytes };
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describeS3('uploadFile on the AWS SDK against a real S3 server (Ceph RGW)', () => {
  let client: S3Client;
  let bucket: string;
  const audit = () => new SdkS3({
    endpointUrl: server!.endpointUrl,
    region: server!.region,
    credentials: { accessKeyId: server!.accessKeyId, secretAccessKey: server!.secretAccessKey },
  });
  const port = (key: string) => new SdkUploadS3(audit(), { name: bucket, region: server!.region }, key);
  const options = (key: string, more: Partial<UploadFileOptions> = {}): UploadFileOptions => ({
    partSize: PART, abortUpload: verifiedAbortOf(audit(), { name: bucket, region: server!.region }, key), ...more,
  });
  const stored = async (key: string) => {
    const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return sha256(await object.Body!.transformToByteArray());
  };
  const incomplete = async (key: string) =>
    ((await client.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: key }))).Uploads ?? []).filter(u => u.Key === key);

  beforeAll(async () => {
    client = clientOf(server!);
    bucket = await newBucket(client, 'upload');
  });

  test('a file of three parts lands byte for byte; the same call again sends nothing', async () => {
    const { path, bytes } = fileOf(2 * PART + 1234);
    expect(await uploadFile(port('three.bin'), path, options('three.bin'))).toMatchObject({ outcome: 'completed', partsSent: 3, partsReused: 0 });
    expect(await stored('three.bin')).toBe(sha256(bytes));
    expect(await uploadFile(port('three.bin'), path, options('three.bin'))).toMatchObject({ outcome: 'unchanged', bytes: bytes.length });
    expect(await incomplete('three.bin')).toEqual([]);
  });

  test('a 0-byte file and a file under one part go as one PutObject', async () => {
    for (const size of [0, 3 * MIB]) {
      const { path, bytes } = fileOf(size);
      expect(await uploadFile(port(`one-${size}`), path, options(`one-${size}`))).toMatchObject({ outcome: 'completed', uploadId: null, partsSent: 1 });
      expect(await stored(`one-${size}`)).toBe(sha256(bytes));
    }
  });

  test('stopped after two parts, the upload stays; the same call again resumes it with RGW\'s MD5 ETags and sends only the rest', async () => {
    const { path, bytes } = fileOf(4 * PART);
    const stop = new AbortController();
    const first = await uploadFile(port('resume.bin'), path, options('resume.bin', {
      concurrency: 1, signal: stop.signal, onProgress: p => { if (p.partsDone === 2) stop.abort(); },
    }));
    expect(first).toMatchObject({ outcome: 'stopped', partsDone: 2, partsTotal: 4 });
    expect(await incomplete('resume.bin')).toHaveLength(1);
    const second = await uploadFile(port('resume.bin'), path, options('resume.bin'));
    expect(second).toMatchObject({ outcome: 'completed', partsSent: 2, partsReused: 2, bytesSent: 2 * PART });
    expect(await stored('resume.bin')).toBe(sha256(bytes));
    expect(await incomplete('resume.bin')).toEqual([]);
  });

  test('an upload of the file before it changed is not stitched in: a new upload, and the stale one aborted and verified gone', async () => {
    const before = fileOf(3 * PART, 1);
    const stop = new AbortController();
    await uploadFile(port('changed.bin'), before.path, options('changed.bin', {
      concurrency: 1, signal: stop.signal, onProgress: p => (p.partsDone > 0 ? stop.abort() : undefined),
    }));
    const after = fileOf(3 * PART, 2);
    const result = await uploadFile(port('changed.bin'), after.path, options('changed.bin'));
    expect(result).toMatchObject({ outcome: 'completed', partsSent: 3, partsReused: 0 });
    expect(result.outcome === 'completed' && result.staleUploads.map(s => [s.why, s.abort?.gone])).toEqual([
      ['its part 1 differs from bytes 0 to 5242879 of the file (the file changed?)', true],
    ]);
    expect(await stored('changed.bin')).toBe(sha256(after.bytes));
    expect(await incomplete('changed.bin')).toEqual([]);
  });
});
