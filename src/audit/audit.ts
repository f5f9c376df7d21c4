import { KeepRules, keepReasonOf } from './keep-rules';
import { ManagedTag, readManagedBy } from './managed-by';
import { DEFAULT_PRICES_USD_PER_GB_MONTH, PriceTable } from './pricing';
import { AuditReport, BucketFinding, BucketReport, ReportScope, UploadReport } from './report';
import { totalsOf } from './report-totals';
import { scanUploads, UploadScan, UploadScanContext } from './upload-scan';
import { UploadTally } from './upload-tally';
import { roundUsd } from './usd';
import { DEFAULT_MAX_DAYS, evaluateLifecycle, requireWholeDays } from '../policy/evaluate';
import { lifecycleFromS3Api } from '../policy/from-s3-api';
import { Verdict } from '../policy/verdict';
import { withAdaptiveLimit } from '../s3/adaptive-limit';
import { describeDenied, isCredentialsError } from '../s3/errors';
import { createLimiter, Limiter } from '../s3/limiter';
import { S3Port, BucketRef } from '../s3/s3-port';

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
  /**
   * Tags that mark a bucket as managed (`--managed-tag`), besides CloudFormation's
   * `aws:cloudformation:stack-name`, which always does; see `BucketReport.managedBy`.
   */
  readonly managedTags?: readonly ManagedTag[];
  /**
   * Uploads kept on purpose (`--exclude-prefix`, `--keep-initiator`): still reported, with
   * `kept` set to the reason and counted in `keptOrphans`, and never aborted. Default: none.
   */
  readonly keep?: KeepRules;
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
   * report says exactly what it covered; `BucketReport.stopped` says which for
   * programs. Requests in flight still finish.
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
export async function audit(s3: S3Port, options: AuditOptions = {}): Promise<AuditReport> {
  const now = options.now ?? new Date();
  const olderThanSeconds = options.olderThanSeconds ?? DEFAULT_OLDER_THAN_SECONDS;
  const maxDays = requireWholeDays('maxDays', options.maxDays ?? DEFAULT_MAX_DAYS);
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  return withAdaptiveLimit(s3, concurrency, limit => auditWith(s3, limit, concurrency, options, now, olderThanSeconds, maxDays));
}

async function auditWith(
  s3: S3Port, limit: Limiter, concurrency: number, options: AuditOptions, now: Date, olderThanSeconds: number, maxDays: number,
): Promise<AuditReport> {
  const context: BucketContext = {
    s3,
    limit,
    now,
    olderThanSeconds,
    maxDays,
    prefix: options.prefix,
    managedTags: options.managedTags ?? [],
    prices: options.prices ?? DEFAULT_PRICES_USD_PER_GB_MONTH,
    summary: options.summary ?? false,
    keepUploadList: options.keepUploadList ?? true,
    keepReason: keepReasonOf(options.keep),
    onUpload: options.onUpload,
    signal: options.signal,
  };

  const { buckets, failed } = await bucketsInScope(s3, limit, options);
  const progress = { bucketsDone: 0, bucketsTotal: buckets.length, uploadsSeen: 0 };
  // Thousands of buckets started at once would queue a page of uploads each; a few per
  // request in flight keep the requests busy (most buckets need two calls) with bounded memory.
  const bucketSlots = createLimiter(BUCKETS_PER_REQUEST * concurrency);
  const reports = await Promise.all(buckets.map(bucket => bucketSlots(async () => {
    const report = options.signal?.aborted ? notAudited(bucket) : await auditBucket(bucket, context);
    progress.bucketsDone++;
    progress.uploadsSeen += report.uploads + report.inProgress.uploads;
    options.onProgress?.({ ...progress });
    return report;
  })));
  const all = [...failed, ...reports].sort((a, b) => a.name.localeCompare(b.name));
  const partsRead = !context.summary;
  const throttling = { slowDowns: limit.stats.throttles, lowestConcurrency: limit.stats.lowestLimit };
  return {
    generatedAt: now.toISOString(),
    olderThanSeconds,
    maxDays,
    scope: reportScopeOf(options),
    partsRead,
    throttling,
    totals: totalsOf(all, partsRead),
    buckets: all,
  };
}

/** The scope a report of these options records: each list sorted and without repeats, so that order and repeats do not count. */
export function reportScopeOf(options: Pick<AuditOptions, 'buckets' | 'regions' | 'prefix' | 'keep'>): ReportScope {
  const sorted = (values: readonly string[] | undefined) => [...new Set(values ?? [])].sort();
  return {
    buckets: sorted(options.buckets),
    regions: sorted(options.regions),
    prefix: options.prefix ?? null,
    excludePrefixes: sorted(options.keep?.prefixes),
    keepInitiators: sorted(options.keep?.initiators),
  };
}

interface BucketContext extends UploadScanContext {
  readonly maxDays: number;
  readonly managedTags: readonly ManagedTag[];
  readonly prices: PriceTable;
}

async function bucketsInScope(s3: S3Port, limit: Limiter, options: AuditOptions): Promise<{ buckets: BucketRef[]; failed: BucketReport[] }> {
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
  const [verdict, managedBy, { tally, complete }] = await Promise.all([
    lifecycleFinding(bucket, context).catch((error): LifecycleFinding => {
      errors.push(`lifecycle: ${describeDenied(error, 's3:GetLifecycleConfiguration')}`);
      return { verdict: 'UNKNOWN', reason: 'the lifecycle configuration could not be read' };
    }),
    // Never an error of the bucket: tags that cannot be read make managedBy unknown.
    readManagedBy(context.s3, context.limit, bucket, context.managedTags),
    scanUploads(bucket, context).catch((error): UploadScan => {
      errors.push(`uploads: ${describeDenied(error, 's3:ListBucketMultipartUploads and s3:ListMultipartUploadParts')}`);
      return { tally: new UploadTally(), complete: true };
    }),
  ]);
  if (!complete) errors.push(LISTING_STOPPED);
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
    keptOrphans: { uploads: tally.keptOrphans, bytes: read ? tally.keptOrphanBytes : null },
    error: errors.length > 0 ? errors.join('; ') : null,
    managedBy,
    ...(complete ? {} : { stopped: 'listing-stopped' }),
    uploadList: tally.list,
  };
}

interface LifecycleFinding {
  readonly verdict: BucketFinding;
  readonly reason: string;
}

async function lifecycleFinding(bucket: BucketRef, context: BucketContext): Promise<LifecycleFinding> {
  const lifecycle = await context.limit(() => context.s3.getLifecycle(bucket));
  const evaluation = evaluateLifecycle(lifecycleFromS3Api(lifecycle?.rules), { maxDays: context.maxDays });
  const verdict = evaluation.ruleId ?? (evaluation.verdict === Verdict.COMPLIANT ? 'COMPLIANT' : 'UNKNOWN');
  return { verdict, reason: evaluation.reason };
}

function notAudited(bucket: BucketRef): BucketReport {
  return { ...failedBucket(bucket, NOT_AUDITED), stopped: 'not-audited' };
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
    keptOrphans: { uploads: 0, bytes: 0 },
    error,
    managedBy: { kind: 'unknown', error: 'tags: not read, the bucket could not be read' },
    uploadList: [],
  };
}
