import { withAdaptiveLimit } from './adaptive-limit';
import { describeDenied, isCredentialsError } from './errors';
import { createLimiter, Limiter } from './limiter';
import { DEFAULT_PRICES_USD_PER_GB_MONTH, monthlyCostUsd, PriceTable } from './pricing';
import { AuditReport, BucketReport, UploadReport } from './report';
import { AuditS3, BucketRef, PartsTotal, UploadRef } from './s3-port';
import { DEFAULT_MAX_DAYS, evaluateLifecycle, requireWholeDays } from '../policy/evaluate';
import { lifecycleFromS3Api } from '../policy/from-s3-api';
import { Verdict } from '../policy/verdict';

/** Uploads younger than this are in progress, not orphans. */
export const DEFAULT_OLDER_THAN_SECONDS = 24 * 3600;
/** Requests in flight at once. */
export const DEFAULT_CONCURRENCY = 16;
/** Buckets audited at once, per request in flight. */
const BUCKETS_PER_REQUEST = 4;

export interface AuditOptions {
  /** Only these buckets (`--bucket`); default: every bucket the credentials can list. */
  readonly buckets?: readonly string[];
  /** Only buckets in these regions (`--region`); default: every region. */
  readonly regions?: readonly string[];
  /** Only uploads whose key starts with this (`--prefix`). */
  readonly prefix?: string;
  /** Uploads older than this are orphans; default 24 h. */
  readonly olderThanSeconds?: number;
  /** The latest DaysAfterInitiation that counts as in time; default 7. */
  readonly maxDays?: number;
  readonly prices?: PriceTable;
  /** Requests in flight at once; default 16. */
  readonly concurrency?: number;
  /** The audit's clock; default now. */
  readonly now?: Date;
  /**
   * Skip ListParts: counts and ages only, parts and bytes null. For accounts so
   * large that one call per upload is too many.
   */
  readonly summary?: boolean;
  /**
   * Keep every upload in `uploadList` (default true). Without it the audit's
   * memory does not grow with the number of uploads; the counts are the same.
   */
  readonly keepUploadList?: boolean;
  /**
   * Called with each upload once its parts are summed, in each bucket's listing
   * order: a report writer can keep uploads out of the heap, or stream them.
   */
  readonly onUpload?: (bucket: BucketRef, upload: UploadReport) => void;
  /** Called as buckets finish, for a progress display. */
  readonly onProgress?: (progress: AuditProgress) => void;
  /**
   * Stops the audit early (a deadline): buckets not started get the error
   * NOT_AUDITED, and a bucket whose listing was cut gets LISTING_STOPPED, so the
   * report says exactly what it covered. Requests in flight still finish.
   */
  readonly signal?: AbortSignal;
}

/** The error of a bucket the audit never started because `signal` stopped it. */
export const NOT_AUDITED = 'not audited: the run was stopped before this bucket';
/** The error of a bucket whose listing `signal` cut short. */
export const LISTING_STOPPED = 'uploads: the run was stopped before the listing finished';

export interface AuditProgress {
  readonly bucketsDone: number;
  readonly bucketsTotal: number;
  readonly uploadsSeen: number;
}

/**
 * Scans the buckets and returns the report. One bucket that cannot be read
 * gets an error in its entry and never stops the audit.
 */
export async function audit(s3: AuditS3, options: AuditOptions = {}): Promise<AuditReport> {
  const now = options.now ?? new Date();
  const olderThanSeconds = options.olderThanSeconds ?? DEFAULT_OLDER_THAN_SECONDS;
  const maxDays = requireWholeDays('maxDays', options.maxDays ?? DEFAULT_MAX_DAYS);
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  return withAdaptiveLimit(s3, concurrency, limit => auditWith(s3, limit, concurrency, options, now, olderThanSeconds, maxDays));
}

async function auditWith(
  s3: AuditS3, limit: Limiter, concurrency: number, options: AuditOptions, now: Date, olderThanSeconds: number, maxDays: number,
): Promise<AuditReport> {
  const context: BucketContext = {
    s3,
    limit,
    now,
    olderThanSeconds,
    maxDays,
    prefix: options.prefix,
    prices: options.prices ?? DEFAULT_PRICES_USD_PER_GB_MONTH,
    summary: options.summary ?? false,
    keepUploadList: options.keepUploadList ?? true,
    onUpload: options.onUpload,
    signal: options.signal,
  };

  const { buckets, failed } = await bucketsInScope(s3, limit, options);
  const progress = { bucketsDone: 0, bucketsTotal: buckets.length, uploadsSeen: 0 };
  // Thousands of buckets started at once would queue a page of uploads each; a few per
  // request in flight keep the requests busy (most buckets need two calls) with bounded memory.
  const bucketSlots = createLimiter(BUCKETS_PER_REQUEST * concurrency);
  const reports = await Promise.all(buckets.map(bucket => bucketSlots(async () => {
    const report = options.signal?.aborted ? failedBucket(bucket, NOT_AUDITED) : await auditBucket(bucket, context);
    progress.bucketsDone++;
    progress.uploadsSeen += report.uploads + report.inProgress.uploads;
    options.onProgress?.({ ...progress });
    return report;
  })));
  const all = [...failed, ...reports].sort((a, b) => a.name.localeCompare(b.name));
  const partsRead = !context.summary;
  const throttling = { slowDowns: limit.stats.throttles, lowestConcurrency: limit.stats.lowestLimit };
  return { generatedAt: now.toISOString(), olderThanSeconds, maxDays, partsRead, throttling, totals: totalsOf(all, partsRead), buckets: all };
}

interface BucketContext {
  readonly s3: AuditS3;
  readonly limit: Limiter;
  readonly now: Date;
  readonly olderThanSeconds: number;
  readonly maxDays: number;
  readonly prefix?: string;
  readonly prices: PriceTable;
  readonly summary: boolean;
  readonly keepUploadList: boolean;
  readonly onUpload?: (bucket: BucketRef, upload: UploadReport) => void;
  readonly signal?: AbortSignal;
}

async function bucketsInScope(s3: AuditS3, limit: Limiter, options: AuditOptions): Promise<{ buckets: BucketRef[]; failed: BucketReport[] }> {
  const failed: BucketReport[] = [];
  let buckets: BucketRef[];
  if (options.buckets && options.buckets.length > 0) {
    const named = await Promise.all([...new Set(options.buckets)].map(async name => {
      try {
        return { name, region: await limit(() => s3.bucketRegion(name)) };
      } catch (error) {
        if (isCredentialsError(error)) throw error;
        failed.push(failedBucket({ name, region: 'unknown' }, describeDenied(error, 's3:GetBucketLocation')));
        return undefined;
      }
    }));
    buckets = named.filter((b): b is BucketRef => b !== undefined);
  } else {
    buckets = await limit(() => s3.listBuckets());
  }
  const regions = options.regions && options.regions.length > 0 ? new Set(options.regions) : undefined;
  return { buckets: regions ? buckets.filter(b => regions.has(b.region)) : buckets, failed };
}

async function auditBucket(bucket: BucketRef, context: BucketContext): Promise<BucketReport> {
  const errors: string[] = [];
  let stopped = false;
  const [verdict, tally] = await Promise.all([
    verdictOf(bucket, context).catch(error => {
      errors.push(`lifecycle: ${describeDenied(error, 's3:GetLifecycleConfiguration')}`);
      return { verdict: 'UNKNOWN', reason: 'the lifecycle configuration could not be read' };
    }),
    tallyUploads(bucket, context).catch(error => {
      if (error instanceof ListingStopped) {
        stopped = true;
        return error.tally;
      }
      errors.push(`uploads: ${describeDenied(error, 's3:ListBucketMultipartUploads and s3:ListMultipartUploadParts')}`);
      return new UploadTally();
    }),
  ]);
  if (stopped) errors.push(LISTING_STOPPED);
  const read = !context.summary;
  return {
    name: bucket.name,
    region: bucket.region,
    verdict: verdict.verdict,
    verdictReason: verdict.reason,
    uploads: tally.orphans,
    parts: read ? tally.orphanParts : null,
    bytes: read ? tally.orphanBytes : null,
    oldestInitiated: tally.oldestOrphan,
    estimatedMonthlyCostUsd: read ? roundUsd(tally.orphanCostUsd(context.prices)) : null,
    inProgress: { uploads: tally.young, bytes: read ? tally.youngBytes : null },
    error: errors.length > 0 ? errors.join('; ') : null,
    uploadList: tally.list,
  };
}

async function verdictOf(bucket: BucketRef, context: BucketContext): Promise<{ verdict: string; reason: string }> {
  const lifecycle = await context.limit(() => context.s3.getLifecycle(bucket));
  const evaluation = evaluateLifecycle(lifecycleFromS3Api(lifecycle?.rules), { maxDays: context.maxDays });
  const verdict = evaluation.ruleId ?? (evaluation.verdict === Verdict.COMPLIANT ? 'COMPLIANT' : 'UNKNOWN');
  return { verdict, reason: evaluation.reason };
}

/** Part sums started but not finished, per bucket: listing waits while this many are open. */
const MAX_OPEN_SUMS = 2000;

/**
 * Lists the bucket's uploads and sums their parts as a stream: listing runs
 * ahead of the sums by at most MAX_OPEN_SUMS uploads, and each upload is
 * counted and dropped when its sum is in (kept only with `keepUploadList`).
 */
async function tallyUploads(bucket: BucketRef, context: BucketContext): Promise<UploadTally> {
  const tally = new UploadTally();
  const inOrder = context.onUpload ? new InOrder<MutableUploadReport>(entry => context.onUpload!(bucket, entry)) : undefined;
  const pages = context.s3.listUploads(bucket, context.prefix)[Symbol.asyncIterator]();
  let open = 0;
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  const settled = () => {
    open--;
    wake?.();
  };
  const room = (free: number) => new Promise<void>(resolve => {
    wake = () => {
      if (open <= MAX_OPEN_SUMS - free) resolve();
    };
    wake();
  });
  let complete = false;
  while (!failure && !context.signal?.aborted) {
    const page = await context.limit(() => pages.next());
    if (page.done) {
      complete = true;
      break;
    }
    for (const upload of page.value) {
      if (open >= MAX_OPEN_SUMS) await room(1);
      if (failure) break;
      const entry = uploadReport(upload, context);
      if (context.keepUploadList) tally.list.push(entry);
      const place = inOrder?.reserve();
      open++;
      partsOf(bucket, upload, context).then(
        parts => {
          // Completed or aborted since it was listed: no longer an incomplete upload.
          if (parts === null) {
            if (context.keepUploadList) tally.list.splice(tally.list.indexOf(entry), 1);
          } else {
            tally.add(entry, parts);
          }
          if (place !== undefined) inOrder!.fill(place, parts === null ? null : entry);
        },
        error => {
          failure ??= { error };
        },
      ).finally(settled);
    }
  }
  await room(MAX_OPEN_SUMS);
  if (failure) throw failure.error;
  if (!complete) throw new ListingStopped(tally);
  return tally;
}

/** The listing stopped at the signal; what was counted so far is kept for the report. */
class ListingStopped extends Error {
  constructor(public readonly tally: UploadTally) {
    super(LISTING_STOPPED);
  }
}

/** Undefined with `summary`; null when the upload is gone. */
async function partsOf(bucket: BucketRef, upload: UploadRef, context: BucketContext): Promise<PartsTotal | null | undefined> {
  return context.summary ? undefined : context.limit(() => context.s3.sumParts(bucket, upload));
}

type MutableUploadReport = { -readonly [K in keyof UploadReport]: UploadReport[K] };

function uploadReport(upload: UploadRef, context: BucketContext): MutableUploadReport {
  const ageSeconds = Math.max(0, Math.floor((context.now.getTime() - upload.initiated.getTime()) / 1000));
  return {
    key: upload.key,
    uploadId: upload.uploadId,
    initiated: upload.initiated.toISOString(),
    ageSeconds,
    storageClass: upload.storageClass,
    parts: null,
    bytes: null,
    orphan: ageSeconds >= context.olderThanSeconds,
  };
}

/**
 * Hands items on in the order their places were reserved, each as soon as
 * every earlier one is in; a place filled with null is skipped.
 */
class InOrder<T> {
  private readonly waiting: Array<T | null | undefined> = [];
  private first = 0;

  constructor(private readonly handOn: (item: T) => void) {}

  public reserve(): number {
    return this.first + this.waiting.push(undefined) - 1;
  }

  public fill(place: number, item: T | null): void {
    this.waiting[place - this.first] = item;
    let ready = 0;
    for (; ready < this.waiting.length && this.waiting[ready] !== undefined; ready++) {
      if (this.waiting[ready] !== null) this.handOn(this.waiting[ready]!);
    }
    this.waiting.splice(0, ready);
    this.first += ready;
  }
}

/** A bucket's counts, added up one upload at a time. */
class UploadTally {
  public orphans = 0;
  public orphanParts = 0;
  public orphanBytes = 0;
  public oldestOrphan: string | null = null;
  public young = 0;
  public youngBytes = 0;
  public readonly list: MutableUploadReport[] = [];
  /** Orphaned bytes per storage class: whole numbers, so the cost does not depend on the order sums come in. */
  private readonly orphanBytesByClass = new Map<string, number>();

  public add(entry: MutableUploadReport, parts: PartsTotal | undefined): void {
    entry.parts = parts?.parts ?? null;
    entry.bytes = parts?.bytes ?? null;
    const bytes = parts?.bytes ?? 0;
    if (!entry.orphan) {
      this.young++;
      this.youngBytes += bytes;
      return;
    }
    this.orphans++;
    this.orphanParts += parts?.parts ?? 0;
    this.orphanBytes += bytes;
    this.orphanBytesByClass.set(entry.storageClass, (this.orphanBytesByClass.get(entry.storageClass) ?? 0) + bytes);
    if (this.oldestOrphan === null || entry.initiated < this.oldestOrphan) this.oldestOrphan = entry.initiated;
  }

  public orphanCostUsd(prices: PriceTable): number {
    return sum([...this.orphanBytesByClass].map(([storageClass, bytes]) => monthlyCostUsd(bytes, storageClass, prices)));
  }
}

function failedBucket(bucket: BucketRef, error: string): BucketReport {
  return {
    name: bucket.name,
    region: bucket.region,
    verdict: 'UNKNOWN',
    verdictReason: 'the bucket could not be read',
    uploads: 0,
    parts: 0,
    bytes: 0,
    oldestInitiated: null,
    estimatedMonthlyCostUsd: 0,
    inProgress: { uploads: 0, bytes: 0 },
    error,
    uploadList: [],
  };
}

/** Totals over the buckets read without error; failed buckets are counted apart. */
function totalsOf(buckets: BucketReport[], partsRead: boolean): AuditReport['totals'] {
  const read = buckets.filter(b => b.error === null);
  return {
    buckets: buckets.length,
    uploads: sum(read.map(b => b.uploads)),
    parts: partsRead ? sum(read.map(b => b.parts ?? 0)) : null,
    bytes: partsRead ? sum(read.map(b => b.bytes ?? 0)) : null,
    estimatedMonthlyCostUsd: partsRead ? roundUsd(sum(read.map(b => b.estimatedMonthlyCostUsd ?? 0))) : null,
    failedBuckets: buckets.length - read.length,
    bucketsFailingRule: buckets.filter(b => b.verdict.startsWith('MultipartUpload-')).length,
  };
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function roundUsd(usd: number): number {
  return Math.round(usd * 10000) / 10000;
}
