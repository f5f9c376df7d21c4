import {
  AbortMultipartUploadCommand, fromTemporaryCredentials, GetBucketLifecycleConfigurationCommand, GetBucketLocationCommand,
  HeadBucketCommand, ListBucketsCommand, ListMultipartUploadsCommand, ListPartsCommand, PutBucketLifecycleConfigurationCommand,
  PutBucketLifecycleConfigurationCommandInput, S3Client, S3ClientConfig,
  GetBucketTaggingCommand,
} from './aws-sdk';
import { isUploadGone, partPages, uploadPages } from './s3-pages';
import { AbortOutcome, S3Port, BucketLifecycle, BucketRef, PartsTotal, UploadPrincipal, UploadRef } from './s3-port';
import { StartUpFailure, StartUpFailureDetector } from './start-up-failure-detector';

/** How to reach S3. */
export interface S3ConnectionOptions {
  /** A named profile from the shared config files (`--profile`). */
  readonly profile?: string;
  /** A role to assume for every request (`--role-arn`). */
  readonly roleArn?: string;
  /**
   * Credentials to use (or to assume `roleArn` with) instead of the SDK's default chain:
   * a program that holds them already, such as a test acting as several users.
   */
  readonly credentials?: S3ClientConfig['credentials'];
  /** An S3-compatible endpoint (`--endpoint-url`); all buckets are then reached through it. */
  readonly endpointUrl?: string;
  /** Path-style addressing; default on with an endpoint URL. */
  readonly forcePathStyle?: boolean;
  /** Requests to buckets go to the Transfer Acceleration endpoint (`--accelerate` of mpu-upload). */
  readonly accelerate?: boolean;
  /** The region for requests that have no bucket (ListBuckets) and for the endpoint; default from the environment, else us-east-1. */
  readonly region?: string;
  /** Attempts per request (SlowDown, 503, timeouts are retried with backoff); default 8. */
  readonly maxAttempts?: number;
  /** Milliseconds a request may wait without a byte from the server before it is cut and retried; default 60,000. */
  readonly readTimeoutMs?: number;
  /**
   * Called once when no request can succeed: the first requests got no answer at all (see
   * start-up-failure-detector.ts; a wrong endpoint, region or network: EndpointUnreachableError), or the
   * server rejected the credentials before any request succeeded (CredentialsRejectedError). Every
   * request then fails at once with the same error.
   */
  readonly onStartUpFailure?: (error: StartUpFailure) => void;
}

export const DEFAULT_MAX_ATTEMPTS = 8;
export const DEFAULT_READ_TIMEOUT_MS = 60_000;

/** S3 on the AWS SDK v3 for every engine, one client per region: retries, region redirects, throttling signal, start-up failure detection. */
export class SdkS3 implements S3Port {
  private readonly clients = new Map<string, S3Client>();
  private readonly throttleListeners = new Set<() => void>();
  /** Buckets that answered 301 with another region, and that region. */
  private readonly redirects = new Map<string, string>();
  private readonly homeRegion: string;
  private readonly startUpFailures: StartUpFailureDetector;

  constructor(private readonly options: S3ConnectionOptions = {}) {
    this.homeRegion = options.region ?? 'us-east-1';
    this.startUpFailures = new StartUpFailureDetector(region => options.endpointUrl ?? `S3 in ${region}`, options.onStartUpFailure);
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
    const pages = uploadPages((keyMarker, uploadIdMarker) => this.send(bucket, client => client.send(new ListMultipartUploadsCommand({
      Bucket: bucket.name, Prefix: prefix, KeyMarker: keyMarker, UploadIdMarker: uploadIdMarker,
    }))), bucket.name);
    for await (const page of pages) {
      yield page.map(upload => {
        const initiator = principalOf(upload.Initiator);
        return {
          key: upload.Key ?? '',
          uploadId: upload.UploadId ?? '',
          initiated: upload.Initiated ?? new Date(0),
          storageClass: upload.StorageClass ?? 'STANDARD',
          initiator,
          // Mostly the same principal (always on RGW): one object for both, as --abort holds every upload.
          owner: samePrincipal(initiator, upload.Owner) ? initiator : principalOf(upload.Owner),
        };
      });
    }
  }

  public async sumParts(bucket: BucketRef, upload: UploadRef): Promise<PartsTotal | null> {
    let parts = 0;
    let bytes = 0;
    const pages = partPages(marker => this.send(bucket, client => client.send(new ListPartsCommand({
      Bucket: bucket.name, Key: upload.key, UploadId: upload.uploadId, PartNumberMarker: marker,
    }))), `${bucket.name}/${upload.key}`);
    try {
      for await (const page of pages) {
        parts += page.length;
        bytes += page.reduce((n, part) => n + (part.Size ?? 0), 0);
      }
    } catch (error) {
      if (isUploadGone(error)) return null;
      throw error;
    }
    return { parts, bytes };
  }

  public async getLifecycle(bucket: BucketRef): Promise<BucketLifecycle | undefined> {
    try {
      const answer = await this.send(bucket, client => client.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket.name })));
      return { rules: answer.Rules ?? [], transitionDefaultMinimumObjectSize: answer.TransitionDefaultMinimumObjectSize };
    } catch (error) {
      if ((error as { name?: string }).name === 'NoSuchLifecycleConfiguration') return undefined;
      throw error;
    }
  }

  public async putLifecycle(bucket: BucketRef, lifecycle: BucketLifecycle): Promise<void> {
    await this.send(bucket, client => client.send(new PutBucketLifecycleConfigurationCommand({
      Bucket: bucket.name,
      LifecycleConfiguration: { Rules: lifecycle.rules },
      TransitionDefaultMinimumObjectSize: lifecycle.transitionDefaultMinimumObjectSize as PutBucketLifecycleConfigurationCommandInput['TransitionDefaultMinimumObjectSize'],
    })));
  }

  public async getBucketTags(bucket: BucketRef): Promise<ReadonlyMap<string, string>> {
    try {
      const answer = await this.send(bucket, client => client.send(new GetBucketTaggingCommand({ Bucket: bucket.name })));
      return new Map((answer.TagSet ?? []).map(tag => [tag.Key ?? '', tag.Value ?? '']));
    } catch (error) {
      if ((error as { name?: string }).name === 'NoSuchTagSet') return new Map();
      throw error;
    }
  }

  public async abortUpload(bucket: BucketRef, upload: UploadRef): Promise<AbortOutcome> {
    try {
      const abort = new AbortMultipartUploadCommand({ Bucket: bucket.name, Key: upload.key, UploadId: upload.uploadId });
      await this.send(bucket, client => client.send(abort));
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

  /**
   * Sends a bucket's request to its region, through the clients of this object (their retries, throttling
   * signal and start-up failure detection), for the operations outside `S3Port` (the uploader's).
   */
  public sendToBucket<T>(bucket: BucketRef, request: (client: S3Client) => Promise<T>): Promise<T> {
    return this.send(bucket, request);
  }

  /**
   * Sends a bucket's request to its region. A 301 that names another region
   * (the bucket moved, or its region was guessed wrong) is sent again there, and
   * the bucket's later requests go there first. The SDK's own followRegionRedirects
   * swaps the region of the whole client while a request is redirected, which
   * breaks the requests in flight beside it.
   */
  private async send<T>(bucket: BucketRef, request: (client: S3Client) => Promise<T>): Promise<T> {
    const region = this.redirects.get(bucket.name) ?? (this.options.endpointUrl ? this.homeRegion : bucket.region);
    try {
      return await request(this.client(region));
    } catch (error) {
      const redirect = redirectRegion(error);
      if (redirect === undefined || redirect === region) throw error;
      this.redirects.set(bucket.name, redirect);
      return request(this.client(redirect));
    }
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
      client.middlewareStack.add(next => async args => this.startUpFailures.attempt(region, args.request, () => next(args)),
        { step: 'finalizeRequest', priority: 'low', name: 'mpuAuditStartUpFailures' });
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
      useAccelerateEndpoint: this.options.accelerate,
      // Nothing here changes a client's middleware after its first request, so resolve it once per command.
      cacheMiddleware: true,
      // Standard, not adaptive: the SDK's adaptive rate limiter cuts its rate on every
      // throttle and, with a steady share of SlowDowns, never recovers. The engines
      // adapt their concurrency instead (see limiter.ts).
      retryMode: 'standard',
      maxAttempts: this.options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      // Checksums only where S3 requires one: S3-compatible servers do not all know the newer headers.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      // socketTimeout, not requestTimeout: the SDK's requestTimeout only logs a warning unless told to throw,
      // and a slow but moving ListParts of 10,000 parts must not be cut; a silent socket must.
      // A request that passes its own requestTimeout (the uploader's parts) is cut, and retried, at that deadline.
      requestHandler: { connectionTimeout: 5_000, socketTimeout: this.options.readTimeoutMs ?? DEFAULT_READ_TIMEOUT_MS, throwOnRequestTimeout: true },
      // The SDK logs nothing by default, except one warning it prints with console.warn, over nine lines, when
      // --profile meets AWS_ACCESS_KEY_ID; the profile wins, as with the AWS CLI, and stderr keeps one line per problem.
      logger: QUIET_LOGGER,
      credentials: roleArn
        ? fromTemporaryCredentials({
          params: { RoleArn: roleArn, RoleSessionName: 'mpu-audit' },
          masterCredentials: this.options.credentials as Parameters<typeof fromTemporaryCredentials>[0]['masterCredentials'],
          clientConfig: { region, profile },
        })
        : this.options.credentials,
    };
  }
}

/** An upload's Initiator or Owner; null when the server sent neither an ID nor a name. */
function principalOf(principal: { ID?: string; DisplayName?: string } | undefined): UploadPrincipal | null {
  if (!principal?.ID && !principal?.DisplayName) return null;
  return { id: principal.ID ?? '', displayName: principal.DisplayName ?? '' };
}

function samePrincipal(principal: UploadPrincipal | null, other: { ID?: string; DisplayName?: string } | undefined): boolean {
  return principal !== null && principal.id === (other?.ID ?? '') && principal.displayName === (other?.DisplayName ?? '');
}

const QUIET_LOGGER = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

const THROTTLING_CODES = new Set(['SlowDown', 'Throttling', 'ThrottlingException', 'RequestLimitExceeded', 'TooManyRequestsException', 'RequestThrottled']);

/** SlowDown and its relatives, or any 429 or 503 answer: the server wants fewer requests. */
function isThrottling(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  const status = e?.$metadata?.httpStatusCode;
  return THROTTLING_CODES.has(e?.name ?? '') || status === 429 || status === 503;
}

/** The region a 301 PermanentRedirect names in its x-amz-bucket-region header, if any. */
function redirectRegion(error: unknown): string | undefined {
  const e = error as { $metadata?: { httpStatusCode?: number }; $response?: { headers?: Record<string, string> } };
  if (e?.$metadata?.httpStatusCode !== 301) return undefined;
  return e.$response?.headers?.['x-amz-bucket-region'] || undefined;
}
