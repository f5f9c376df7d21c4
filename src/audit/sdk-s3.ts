import {
  AbortMultipartUploadCommand, GetBucketLifecycleConfigurationCommand, GetBucketLocationCommand, HeadBucketCommand,
  ListBucketsCommand, ListMultipartUploadsCommand, ListPartsCommand, PutBucketLifecycleConfigurationCommand,
  PutBucketLifecycleConfigurationCommandInput, S3Client, S3ClientConfig,
} from '@aws-sdk/client-s3';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { AbortOutcome, AuditS3, BucketLifecycle, BucketRef, PartsTotal, UploadRef } from './s3-port';

/** How to reach S3. */
export interface SdkAuditS3Options {
  /** A named profile from the shared config files (`--profile`). */
  readonly profile?: string;
  /** A role to assume for every request (`--role-arn`). */
  readonly roleArn?: string;
  /** An S3-compatible endpoint (`--endpoint-url`); all buckets are then reached through it. */
  readonly endpointUrl?: string;
  /** Path-style addressing; default on with an endpoint URL. */
  readonly forcePathStyle?: boolean;
  /** The region for requests that have no bucket (ListBuckets) and for the endpoint; default from the environment, else us-east-1. */
  readonly region?: string;
  /** Attempts per request (SlowDown, 503, timeouts are retried with backoff); default 8. */
  readonly maxAttempts?: number;
}

export const DEFAULT_MAX_ATTEMPTS = 8;

/** The audit's S3 surface on the AWS SDK v3, one client per region. */
export class SdkAuditS3 implements AuditS3 {
  private readonly clients = new Map<string, S3Client>();
  private readonly throttleListeners = new Set<() => void>();
  private readonly homeRegion: string;

  constructor(private readonly options: SdkAuditS3Options = {}) {
    this.homeRegion = options.region ?? 'us-east-1';
  }

  public async listBuckets(): Promise<BucketRef[]> {
    const buckets: BucketRef[] = [];
    let token: string | undefined;
    do {
      const page = await this.client(this.homeRegion).send(new ListBucketsCommand({ ContinuationToken: token, MaxBuckets: 1000 }));
      // Servers that leave out BucketRegion are asked per bucket, all at once.
      buckets.push(...await Promise.all((page.Buckets ?? []).filter(b => b.Name).map(async b => ({
        name: b.Name!,
        region: b.BucketRegion ?? await this.bucketRegion(b.Name!),
      }))));
      token = page.ContinuationToken;
    } while (token);
    return buckets;
  }

  public async bucketRegion(name: string): Promise<string> {
    const client = this.client(this.homeRegion);
    try {
      const { LocationConstraint } = await client.send(new GetBucketLocationCommand({ Bucket: name }));
      // Buckets in us-east-1 answer no constraint; the oldest eu-west-1 buckets answer 'EU'.
      return !LocationConstraint ? 'us-east-1' : LocationConstraint === 'EU' ? 'eu-west-1' : LocationConstraint;
    } catch (error) {
      // HeadBucket names the region even when the bucket lives elsewhere; keep the first error otherwise.
      const head = await client.send(new HeadBucketCommand({ Bucket: name })).catch(() => undefined);
      if (head?.BucketRegion) return head.BucketRegion;
      throw error;
    }
  }

  public async *listUploads(bucket: BucketRef, prefix?: string): AsyncIterable<UploadRef[]> {
    let keyMarker: string | undefined;
    let uploadIdMarker: string | undefined;
    for (;;) {
      const page = await this.clientFor(bucket).send(new ListMultipartUploadsCommand({
        Bucket: bucket.name, Prefix: prefix, KeyMarker: keyMarker, UploadIdMarker: uploadIdMarker,
      }));
      yield (page.Uploads ?? []).map(upload => ({
        key: upload.Key ?? '',
        uploadId: upload.UploadId ?? '',
        initiated: upload.Initiated ?? new Date(0),
        storageClass: upload.StorageClass ?? 'STANDARD',
      }));
      // Some servers send the markers on the last page too: only IsTruncated says there is more.
      if (!page.IsTruncated) return;
      if (page.NextKeyMarker === keyMarker && page.NextUploadIdMarker === uploadIdMarker) {
        throw new Error(`ListMultipartUploads on ${bucket.name} said there is more but gave the same markers again`);
      }
      keyMarker = page.NextKeyMarker;
      uploadIdMarker = page.NextUploadIdMarker;
    }
  }

  public async sumParts(bucket: BucketRef, upload: UploadRef): Promise<PartsTotal> {
    let parts = 0;
    let bytes = 0;
    let marker: string | undefined;
    for (;;) {
      const page = await this.clientFor(bucket).send(new ListPartsCommand({
        Bucket: bucket.name, Key: upload.key, UploadId: upload.uploadId, PartNumberMarker: marker,
      }));
      for (const part of page.Parts ?? []) {
        parts++;
        bytes += part.Size ?? 0;
      }
      if (!page.IsTruncated) return { parts, bytes };
      if (page.NextPartNumberMarker === marker) {
        throw new Error(`ListParts on ${bucket.name}/${upload.key} said there is more but gave the same marker again`);
      }
      marker = page.NextPartNumberMarker;
    }
  }

  public async getLifecycle(bucket: BucketRef): Promise<BucketLifecycle | undefined> {
    try {
      const answer = await this.clientFor(bucket).send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket.name }));
      return { rules: answer.Rules ?? [], transitionDefaultMinimumObjectSize: answer.TransitionDefaultMinimumObjectSize };
    } catch (error) {
      if ((error as { name?: string }).name === 'NoSuchLifecycleConfiguration') return undefined;
      throw error;
    }
  }

  public async putLifecycle(bucket: BucketRef, lifecycle: BucketLifecycle): Promise<void> {
    await this.clientFor(bucket).send(new PutBucketLifecycleConfigurationCommand({
      Bucket: bucket.name,
      LifecycleConfiguration: { Rules: lifecycle.rules },
      TransitionDefaultMinimumObjectSize: lifecycle.transitionDefaultMinimumObjectSize as PutBucketLifecycleConfigurationCommandInput['TransitionDefaultMinimumObjectSize'],
    }));
  }

  public async abortUpload(bucket: BucketRef, upload: UploadRef): Promise<AbortOutcome> {
    try {
      await this.clientFor(bucket).send(new AbortMultipartUploadCommand({ Bucket: bucket.name, Key: upload.key, UploadId: upload.uploadId }));
      return 'aborted';
    } catch (error) {
      if ((error as { name?: string }).name === 'NoSuchUpload') return 'already-gone';
      throw error;
    }
  }

  public onThrottled(listener: () => void): () => void {
    this.throttleListeners.add(listener);
    return () => this.throttleListeners.delete(listener);
  }

  private clientFor(bucket: BucketRef): S3Client {
    // Through an S3-compatible endpoint the bucket's reported region (RGW says 'default') is not an AWS region.
    return this.client(this.options.endpointUrl ? this.homeRegion : bucket.region);
  }

  private client(region: string): S3Client {
    let client = this.clients.get(region);
    if (!client) {
      client = new S3Client(this.configFor(region));
      // Inside the retry middleware, so every throttled attempt is seen, not only the last.
      client.middlewareStack.add(next => async args => {
        try {
          return await next(args);
        } catch (error) {
          if (isThrottling(error)) this.throttleListeners.forEach(listener => listener());
          throw error;
        }
      }, { step: 'finalizeRequest', priority: 'low', name: 'mpuAuditThrottleSignal' });
      this.clients.set(region, client);
    }
    return client;
  }

  private configFor(region: string): S3ClientConfig {
    const { profile, roleArn, endpointUrl } = this.options;
    return {
      region,
      profile,
      endpoint: endpointUrl,
      forcePathStyle: this.options.forcePathStyle ?? endpointUrl !== undefined,
      // Nothing here changes a client's middleware after its first request, so resolve it once per command.
      cacheMiddleware: true,
      // Standard, not adaptive: the SDK's adaptive rate limiter cuts its rate on every
      // throttle and, with a steady share of SlowDowns, never recovers. The audit
      // adapts its concurrency instead (see limiter.ts).
      retryMode: 'standard',
      maxAttempts: this.options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      // Checksums only where S3 requires one: S3-compatible servers do not all know the newer headers.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
      credentials: roleArn
        ? fromTemporaryCredentials({ params: { RoleArn: roleArn, RoleSessionName: 'mpu-audit' }, clientConfig: { region, profile } })
        : undefined,
    };
  }
}

const THROTTLING_CODES = new Set(['SlowDown', 'Throttling', 'ThrottlingException', 'RequestLimitExceeded', 'TooManyRequestsException', 'RequestThrottled']);

/** SlowDown and its relatives, or any 429 or 503 answer: the server wants fewer requests. */
function isThrottling(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  const status = e?.$metadata?.httpStatusCode;
  return THROTTLING_CODES.has(e?.name ?? '') || status === 429 || status === 503;
}
