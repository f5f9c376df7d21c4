import { describeError } from './errors';
import { createLimiter, Limiter } from './limiter';
import { DEFAULT_PRICES_USD_PER_GB_MONTH, monthlyCostUsd, PriceTable } from './pricing';
import { AuditReport, BucketReport, UploadReport } from './report';
import { AuditS3, BucketRef, UploadRef } from './s3-port';
import { DEFAULT_MAX_DAYS, evaluateLifecycle, requireWholeDays } from '../policy/evaluate';
import { lifecycleFromS3Api } from '../policy/from-s3-api';
import { Verdict } from '../policy/verdict';

/** Uploads younger than this are in progress, not orphans. */
export const DEFAULT_OLDER_THAN_SECONDS = 24 * 3600;
/** Requests in flight at once. */
export const DEFAULT_CONCURRENCY = 16;

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
  /** Called as buckets finish, for a progress display. */
  readonly onProgress?: (progress: AuditProgress) => void;
}

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
  const limit = createLimiter(options.concurrency ?? DEFAULT_CONCURRENCY);
  const context: BucketContext = {
    s3,
    limit,
    now,
    olderThanSeconds,
    maxDays,
    prefix: options.prefix,
    prices: options.prices ?? DEFAULT_PRICES_USD_PER_GB_MONTH,
    summary: options.summary ?? false,
  };

  const { buckets, failed } = await bucketsInScope(s3, limit, options);
  const progress = { bucketsDone: 0, bucketsTotal: buckets.length, uploadsSeen: 0 };
  const reports = await Promise.all(buckets.map(async bucket => {
    const report = await auditBucket(bucket, context);
    progress.bucketsDone++;
    progress.uploadsSeen += report.uploadList.length;
    options.onProgress?.({ ...progress });
    return report;
  }));
  const all = [...failed, ...reports].sort((a, b) => a.name.localeCompare(b.name));
  const partsRead = !context.summary;
  return { generatedAt: now.toISOString(), olderThanSeconds, maxDays, partsRead, totals: totalsOf(all, partsRead), buckets: all };
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
}

async function bucketsInScope(s3: AuditS3, limit: Limiter, options: AuditOptions): Promise<{ buckets: BucketRef[]; failed: BucketReport[] }> {
  const failed: BucketReport[] = [];
  let buckets: BucketRef[];
  if (options.buckets && options.buckets.length > 0) {
    const named = await Promise.all([...new Set(options.buckets)].map(async name => {
      try {
        return { name, region: await limit(() => s3.bucketRegion(name)) };
      } catch (error) {
        failed.push(failedBucket({ name, region: 'unknown' }, describeError(error)));
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
  const [verdict, uploads] = await Promise.all([
    verdictOf(bucket, context).catch(error => {
      errors.push(`lifecycle: ${describeError(error)}`);
      return { verdict: 'UNKNOWN', reason: 'the lifecycle configuration could not be read' };
    }),
    uploadsOf(bucket, context).catch(error => {
      errors.push(`uploads: ${describeError(error)}`);
      return [] as UploadReport[];
    }),
  ]);
  const orphans = uploads.filter(u => u.orphan);
  const young = uploads.filter(u => !u.orphan);
  const oldest = orphans.reduce<string | null>((min, u) => (min === null || u.initiated < min ? u.initiated : min), null);
  const read = !context.summary;
  return {
    name: bucket.name,
    region: bucket.region,
    verdict: verdict.verdict,
    verdictReason: verdict.reason,
    uploads: orphans.length,
    parts: read ? sum(orphans.map(u => u.parts ?? 0)) : null,
    bytes: read ? sum(orphans.map(u => u.bytes ?? 0)) : null,
    oldestInitiated: oldest,
    estimatedMonthlyCostUsd: read ? roundUsd(sum(orphans.map(u => monthlyCostUsd(u.bytes ?? 0, u.storageClass, context.prices)))) : null,
    inProgress: { uploads: young.length, bytes: read ? sum(young.map(u => u.bytes ?? 0)) : null },
    error: errors.length > 0 ? errors.join('; ') : null,
    uploadList: uploads,
  };
}

async function verdictOf(bucket: BucketRef, context: BucketContext): Promise<{ verdict: string; reason: string }> {
  const lifecycle = await context.limit(() => context.s3.getLifecycle(bucket));
  const evaluation = evaluateLifecycle(lifecycleFromS3Api(lifecycle?.rules), { maxDays: context.maxDays });
  const verdict = evaluation.ruleId ?? (evaluation.verdict === Verdict.COMPLIANT ? 'COMPLIANT' : 'UNKNOWN');
  return { verdict, reason: evaluation.reason };
}

/** Part sums started but not finished, per bucket, before the next page is listed. */
const MAX_PENDING_SUMS = 2000;

async function uploadsOf(bucket: BucketRef, context: BucketContext): Promise<UploadReport[]> {
  const pages = context.s3.listUploads(bucket, context.prefix)[Symbol.asyncIterator]();
  const done: UploadReport[] = [];
  let pending: Array<Promise<UploadReport>> = [];
  for (;;) {
    const page = await context.limit(() => pages.next());
    if (page.done) break;
    pending.push(...page.value.map(upload => uploadReport(bucket, upload, context)));
    // Listing runs ahead of the part sums by at most this much, so a bucket of
    // 100,000 uploads never holds 100,000 requests in the queue.
    if (pending.length > MAX_PENDING_SUMS) {
      done.push(...await Promise.all(pending));
      pending = [];
    }
  }
  done.push(...await Promise.all(pending));
  return done;
}

async function uploadReport(bucket: BucketRef, upload: UploadRef, context: BucketContext): Promise<UploadReport> {
  const { parts, bytes } = context.summary
    ? { parts: null, bytes: null }
    : await context.limit(() => context.s3.sumParts(bucket, upload));
  const ageSeconds = Math.max(0, Math.floor((context.now.getTime() - upload.initiated.getTime()) / 1000));
  return {
    key: upload.key,
    uploadId: upload.uploadId,
    initiated: upload.initiated.toISOString(),
    ageSeconds,
    storageClass: upload.storageClass,
    parts,
    bytes,
    orphan: ageSeconds >= context.olderThanSeconds,
  };
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
