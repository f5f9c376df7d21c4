import { AbortOutcome, S3Port, BucketLifecycle, BucketRef, PartsTotal, UploadRef } from '../../src/s3/s3-port';

export interface FakeBucket {
  readonly region: string;
  lifecycle?: BucketLifecycle;
  /** Uploads with their part sizes. */
  uploads: Array<UploadRef & { readonly partSizes: number[] }>;
  /** Every call on this bucket fails with this error. */
  readonly failWith?: Error;
  /** The bucket's tags; none when absent. */
  tags?: Record<string, string>;
  /** GetBucketTagging on this bucket fails with this error. */
  readonly tagsFailWith?: Error;
}

/** An in-memory S3Port that pages uploads `pageSize` at a time and records every call. */
export class FakeS3 implements S3Port {
  public readonly calls: string[] = [];

  constructor(public readonly buckets: Record<string, FakeBucket>, private readonly pageSize = 2) {}

  public async listBuckets(): Promise<BucketRef[]> {
    this.calls.push('listBuckets');
    return Object.entries(this.buckets).map(([name, b]) => ({ name, region: b.region }));
  }

  public async bucketRegion(name: string): Promise<string> {
    this.calls.push(`bucketRegion ${name}`);
    return this.bucket(name).region;
  }

  public async *listUploads(bucket: BucketRef, prefix?: string): AsyncIterable<UploadRef[]> {
    const uploads = this.bucket(bucket.name).uploads.filter(u => u.key.startsWith(prefix ?? ''));
    for (let i = 0; i < uploads.length || i === 0; i += this.pageSize) {
      this.calls.push(`listUploads ${bucket.name}@${bucket.region}`);
      // As ListMultipartUploads answers: the listing, without the fake's part sizes.
      yield uploads.slice(i, i + this.pageSize).map(({ partSizes: _, ...upload }) => upload);
    }
  }

  public async sumParts(bucket: BucketRef, upload: UploadRef): Promise<PartsTotal | null> {
    this.calls.push(`sumParts ${bucket.name} ${upload.key}`);
    const found = this.bucket(bucket.name).uploads.find(u => u.uploadId === upload.uploadId);
    if (!found) return null;
    return { parts: found.partSizes.length, bytes: found.partSizes.reduce((a, b) => a + b, 0) };
  }

  public async getLifecycle(bucket: BucketRef): Promise<BucketLifecycle | undefined> {
    this.calls.push(`getLifecycle ${bucket.name}`);
    return this.bucket(bucket.name).lifecycle;
  }

  public async putLifecycle(bucket: BucketRef, lifecycle: BucketLifecycle): Promise<void> {
    this.calls.push(`putLifecycle ${bucket.name}`);
    this.bucket(bucket.name).lifecycle = lifecycle;
  }

  public async getBucketTags(bucket: BucketRef): Promise<ReadonlyMap<string, string>> {
    this.calls.push(`getBucketTags ${bucket.name}`);
    const b = this.bucket(bucket.name);
    if (b.tagsFailWith) throw b.tagsFailWith;
    return new Map(Object.entries(b.tags ?? {}));
  }

  public async abortUpload(bucket: BucketRef, upload: UploadRef): Promise<AbortOutcome> {
    this.calls.push(`abortUpload ${bucket.name} ${upload.uploadId}`);
    const b = this.bucket(bucket.name);
    const before = b.uploads.length;
    b.uploads = b.uploads.filter(u => u.uploadId !== upload.uploadId);
    return b.uploads.length < before ? 'aborted' : 'already-gone';
  }

  private bucket(name: string): FakeBucket {
    const bucket = this.buckets[name];
    if (!bucket) throw Object.assign(new Error('The specified bucket does not exist'), { name: 'NoSuchBucket', $metadata: { httpStatusCode: 404 } });
    if (bucket.failWith) throw bucket.failWith;
    return bucket;
  }
}

export function fakeUpload(key: string, ageSeconds: number, partSizes: number[], now: Date, storageClass = 'STANDARD', initiatorId = 'fake-user') {
  const initiator = { id: initiatorId, displayName: initiatorId };
  return { key, uploadId: `id-${key}`, initiated: new Date(now.getTime() - ageSeconds * 1000), storageClass, initiator, owner: initiator, partSizes };
}

export const accessDenied = () => Object.assign(new Error('Access Denied'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });

/** A FakeS3 whose deadline (`signal`) passes while the listing of `cutBucket` reads its second page. */
export class DeadlineAtSecondPage extends FakeS3 {
  private readonly deadline = new AbortController();
  public readonly signal: AbortSignal = this.deadline.signal;

  constructor(buckets: Record<string, FakeBucket>, pageSize: number, private readonly cutBucket: string) {
    super(buckets, pageSize);
  }

  public async *listUploads(...args: Parameters<FakeS3['listUploads']>) {
    let pages = 0;
    for await (const page of super.listUploads(...args)) {
      if (args[0].name === this.cutBucket && ++pages === 2) this.deadline.abort();
      yield page;
    }
  }
}
