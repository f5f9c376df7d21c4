import {
  CreateBucketCommand, CreateMultipartUploadCommand, PutBucketLifecycleConfigurationCommand, S3Client, UploadPartCommand,
} from '@aws-sdk/client-s3';
import { createLimiter } from '../../../src/s3/limiter';
import { mulberry32 } from '../../lib/mulberry32';

/** The benchmark's fixture: what is seeded, and the exact answer every approach must give. */
export interface Fixture {
  readonly buckets: Array<{ readonly name: string; readonly uploads: number; readonly abortRule: boolean }>;
  readonly uploads: number;
  readonly parts: number;
  readonly bytes: number;
  /** The largest number of parts in one upload. */
  readonly maxParts: number;
  /** The fewest API calls an audit of the fixture needs (see BENCHMARKS.md). */
  readonly minimumCalls: number;
  /** The same calls by operation. */
  readonly callsByOperation: CallsByOperation;
}

export interface CallsByOperation {
  readonly listBuckets: number;
  readonly getLifecycle: number;
  readonly listUploads: number;
  readonly listParts: number;
}

export interface FixtureSpec {
  readonly buckets: number;
  readonly uploads: number;
  /** Uploads in the first bucket. */
  readonly bigBucketUploads: number;
  /** Parts of one upload in the second bucket. */
  readonly bigUploadParts: number;
  /** The last this many buckets get a whole-bucket abort rule. */
  readonly bucketsWithAbortRule: number;
  /** Every other upload gets 1 to this many parts. */
  readonly maxPartsPerUpload: number;
  readonly seed: number;
}

/** The fixture, scaled to run in a few minutes. */
export const STANDARD_FIXTURE: FixtureSpec = {
  buckets: 20, uploads: 5000, bigBucketUploads: 2000, bigUploadParts: 2500, bucketsWithAbortRule: 5, maxPartsPerUpload: 5, seed: 42,
};

/** Abort rule days large enough that the server's lifecycle run (a "day" is 10 s) never acts during a run. */
export const FIXTURE_ABORT_DAYS = 3650;

/** Seeds `spec` on the server behind `client` and returns the exact answer. Part sizes are 1 to 100 bytes. */
export async function seedFixture(client: S3Client, spec: FixtureSpec, prefix = 'bench'): Promise<Fixture> {
  const random = mulberry32(spec.seed);
  const limit = createLimiter(48);
  const others = spec.buckets - 1;
  const spread = spec.uploads - spec.bigBucketUploads;
  const buckets = Array.from({ length: spec.buckets }, (_, i) => ({
    name: `${prefix}-${String(i).padStart(2, '0')}`,
    uploads: i === 0 ? spec.bigBucketUploads : Math.floor(spread / others) + (i <= spread % others ? 1 : 0),
    abortRule: i >= spec.buckets - spec.bucketsWithAbortRule,
  }));
  let parts = 0;
  let bytes = 0;
  let maxParts = 0;
  let listUploadCalls = 0;
  let listPartsCalls = 0;
  const work: Array<Promise<unknown>> = [];
  for (const bucket of buckets) {
    await client.send(new CreateBucketCommand({ Bucket: bucket.name }));
    if (bucket.abortRule) {
      await client.send(new PutBucketLifecycleConfigurationCommand({
        Bucket: bucket.name,
        LifecycleConfiguration: { Rules: [{ ID: 'abort', Status: 'Enabled', Filter: { Prefix: '' }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: FIXTURE_ABORT_DAYS } }] },
      }));
    }
    listUploadCalls += Math.max(1, Math.ceil(bucket.uploads / 1000));
    for (let u = 0; u < bucket.uploads; u++) {
      const partCount = bucket.name.endsWith('-01') && u === 0 ? spec.bigUploadParts : 1 + Math.floor(random() * spec.maxPartsPerUpload);
      const sizes = Array.from({ length: partCount }, () => 1 + Math.floor(random() * 100));
      parts += partCount;
      bytes += sizes.reduce((a, b) => a + b, 0);
      maxParts = Math.max(maxParts, partCount);
      listPartsCalls += Math.ceil(partCount / 1000);
      const key = `data/${String(u).padStart(6, '0')}.bin`;
      work.push(limit(() => client.send(new CreateMultipartUploadCommand({ Bucket: bucket.name, Key: key }))).then(({ UploadId }) => Promise.all(
        sizes.map((size, p) => limit(() => client.send(new UploadPartCommand({
          Bucket: bucket.name, Key: key, UploadId, PartNumber: p + 1, Body: Buffer.alloc(size, p % 251),
        })))))));
    }
  }
  await Promise.all(work);
  const callsByOperation = { listBuckets: 1, getLifecycle: spec.buckets, listUploads: listUploadCalls, listParts: listPartsCalls };
  const minimumCalls = Object.values(callsByOperation).reduce((a, b) => a + b, 0);
  return { buckets, uploads: buckets.reduce((n, b) => n + b.uploads, 0), parts, bytes, maxParts, minimumCalls, callsByOperation };
}
