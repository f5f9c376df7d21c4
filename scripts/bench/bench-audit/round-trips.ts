import {
  GetBucketLifecycleConfigurationCommand, ListBucketsCommand, ListMultipartUploadsCommand, ListPartsCommand, S3Client,
} from '@aws-sdk/client-s3';
import { CallsByOperation, Fixture } from './fixture';
import { mulberry32 } from '../../lib/mulberry32';
import { median } from '../median';

/** The median round trip of each operation an audit makes, in ms. */
export type RoundTrips = { readonly [K in keyof CallsByOperation]: number };

/**
 * Times the fixture's own calls one at a time through `client` (the proxy):
 * ListBuckets, every bucket's lifecycle and first page of uploads, and ListParts
 * on `partSamples` uploads drawn with a fixed seed. ListParts is what an audit
 * mostly sends, and it takes the server longer than a lifecycle read.
 */
export async function measureRoundTrips(client: S3Client, fixture: Fixture, partSamples = 200): Promise<RoundTrips> {
  const timed = async (send: () => Promise<unknown>) => {
    const start = process.hrtime.bigint();
    await send();
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  const listBuckets: number[] = [];
  const getLifecycle: number[] = [];
  const listUploads: number[] = [];
  const uploads: Array<{ bucket: string; key: string; uploadId: string }> = [];
  for (let round = 0; round < 5; round++) listBuckets.push(await timed(() => client.send(new ListBucketsCommand({}))));
  for (const bucket of fixture.buckets) {
    getLifecycle.push(await timed(() => client.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket.name })).catch(() => undefined)));
    let page: Awaited<ReturnType<typeof listUploadsPage>> | undefined;
    listUploads.push(await timed(async () => { page = await listUploadsPage(client, bucket.name); }));
    uploads.push(...(page?.Uploads ?? []).map(u => ({ bucket: bucket.name, key: u.Key!, uploadId: u.UploadId! })));
  }
  const random = mulberry32(11);
  const listParts: number[] = [];
  for (let i = 0; i < partSamples; i++) {
    const upload = uploads[Math.floor(random() * uploads.length)];
    listParts.push(await timed(() => client.send(new ListPartsCommand({ Bucket: upload.bucket, Key: upload.key, UploadId: upload.uploadId }))));
  }
  return { listBuckets: median(listBuckets), getLifecycle: median(getLifecycle), listUploads: median(listUploads), listParts: median(listParts) };
}

/** Calls x round trip, summed over the operations, divided by the requests in flight: no audit can be faster. */
export function lowerBoundSeconds(calls: CallsByOperation, roundTrips: RoundTrips, concurrency: number): number {
  const ms = (Object.keys(calls) as Array<keyof CallsByOperation>).reduce((total, op) => total + calls[op] * roundTrips[op], 0);
  return ms / 1000 / concurrency;
}

function listUploadsPage(client: S3Client, bucket: string) {
  return client.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
}
