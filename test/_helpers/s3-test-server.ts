import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  AbortMultipartUploadCommand, CreateBucketCommand, DeleteBucketCommand, DeleteObjectCommand, ListMultipartUploadsCommand,
  ListObjectsV2Command, S3Client,
} from '@aws-sdk/client-s3';
import { localS3Client, localS3ServerEnv, startLocalS3Server } from '../../scripts/lib/local-s3-server';

/** How to reach the local Ceph RGW that scripts/s3-server.sh runs. */
export interface LocalS3Server {
  readonly endpointUrl: string;
  readonly region: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** The second user, for AccessDenied and two-account cases. */
  readonly other: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Environment for a child process that should use the first user. */
  readonly env: Record<string, string>;
}

let started: LocalS3Server | undefined;

/**
 * Starts the local S3 server (or finds it running) and returns how to reach it.
 * Without the Debian packages it returns undefined so that the integration
 * tests skip with a message, except under CI=true, where it fails.
 */
export function localS3Server(): LocalS3Server | undefined {
  if (started) return started;
  if (!hasRadosgw()) {
    const how = 'install it with `bash scripts/s3-server-install.sh` (root or sudo), or run `bash scripts/test.sh`, which does';
    if (process.env.CI === 'true') {
      throw new Error(`The local S3 server (Ceph RGW) is not installed and CI=true never skips the integration tests: ${how}.`);
    }
    // eslint-disable-next-line no-console
    console.warn(`Skipping the S3 integration tests: the local S3 server (Ceph RGW) is not installed; ${how}.`);
    return undefined;
  }
  startLocalS3Server();
  const env = localS3ServerEnv();
  started = {
    endpointUrl: env.S3_ENDPOINT_URL,
    region: env.AWS_REGION,
    accessKeyId: env.AWS_ACCESS_KEY_ID,
    secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
    other: { accessKeyId: env.OTHER_AWS_ACCESS_KEY_ID, secretAccessKey: env.OTHER_AWS_SECRET_ACCESS_KEY },
    env: { AWS_ACCESS_KEY_ID: env.AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: env.AWS_SECRET_ACCESS_KEY, AWS_REGION: env.AWS_REGION },
  };
  return started;
}

function hasRadosgw(): boolean {
  try {
    execFileSync('sh', ['-c', 'command -v radosgw'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** An SDK client on the server, as the first user unless `as` says otherwise. */
export function clientOf(server: LocalS3Server, as: 'first' | 'other' = 'first'): S3Client {
  const user = as === 'first' ? server : server.other;
  return localS3Client(server.endpointUrl, server.region, user.accessKeyId, user.secretAccessKey);
}

/** Creates a bucket with a unique name starting with `label`. */
export async function newBucket(client: S3Client, label: string): Promise<string> {
  const name = `${label}-${randomBytes(4).toString('hex')}`;
  await client.send(new CreateBucketCommand({ Bucket: name }));
  return name;
}

/** Aborts a bucket's uploads, deletes its objects, then the bucket: RGW's lifecycle worker slows down with many leftover buckets. */
export async function removeBucket(client: S3Client, bucket: string): Promise<void> {
  const uploads = await client.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
  for (const upload of uploads.Uploads ?? []) {
    await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: upload.Key, UploadId: upload.UploadId }));
  }
  const objects = await client.send(new ListObjectsV2Command({ Bucket: bucket }));
  for (const object of objects.Contents ?? []) await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: object.Key }));
  await client.send(new DeleteBucketCommand({ Bucket: bucket }));
}
