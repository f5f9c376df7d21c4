import { CleanUpCounts, MetricDatum, metricData } from '../monitor-metrics';
import { MonitorSettings } from './monitor-settings';
import { abortOrphans, keptUploads } from '../../audit/abort-orphans';
import { audit } from '../../audit/audit';
import { bucketsToFix, fixLifecycles } from '../../audit/lifecycle-fix-apply';
import { AuditReport, ManagedBy } from '../../audit/report';
import { S3Port } from '../../s3/s3-port';

/** CloudWatch's PutMetricData, one request per call. */
export interface MetricsPort {
  putMetricData(namespace: string, data: readonly MetricDatum[]): Promise<void>;
}

/** Failed uploads named in the run's log line: the count and the bytes cover them all. */
const MAX_FAILURES_LOGGED = 50;

/** PutMetricData takes at most 1,000 datums per request. */
const MAX_DATUMS_PER_REQUEST = 1000;

export interface MonitorRunOptions {
  readonly now?: Date;
  /** Fires shortly before the function's time runs out: the run stops and reports what it covered. */
  readonly signal?: AbortSignal;
}

/** What one run did: logged as JSON by the function and returned as its result. */
export interface MonitorRunResult {
  readonly generatedAt: string;
  /** False when the deadline stopped the run: the totals then cover `bucketsAudited` only. */
  readonly complete: boolean;
  readonly bucketsAudited: number;
  /** Every bucket not read in full, with why: denied, gone, or not reached in time. */
  readonly bucketsNotAudited: Array<{ readonly name: string; readonly error: string }>;
  readonly orphanedUploads: number;
  readonly orphanedBytes: number;
  readonly estimatedMonthlyCostUsd: number;
  readonly bucketsFailingAbortRule: number;
  /** Null unless clean-up is on. */
  readonly cleanUp: CleanUpResult | null;
  /** Null unless the lifecycle fix is on. */
  readonly lifecycleFix: LifecycleFixSummary | null;
  readonly datumsPublished: number;
}

export interface CleanUpResult {
  /** Orphans the clean-up left alone on purpose (keepUploadsUnderPrefixes, keepUploadsInitiatedBy). */
  readonly kept: number;
  readonly aborted: number;
  readonly alreadyGone: number;
  /** Uploads still there after the clean-up: the abort failed, or parts survived every verified abort. */
  readonly failed: number;
  readonly bytesFreed: number;
  /** Bytes the failed uploads still hold (`FailedAbortBytes`). */
  readonly failedBytes: number;
  /** The first MAX_FAILURES_LOGGED failed uploads, each with why. */
  readonly failures: Array<{ readonly bucket: string; readonly key: string; readonly uploadId: string; readonly error: string }>;
  /** Why the step did not run; null when it did. */
  readonly skipped: string | null;
}

export interface LifecycleFixSummary {
  /** Buckets that now hold the abort rule. */
  readonly added: string[];
  /** Buckets the fix refused or failed, and why: they are left as they were. */
  readonly refused: Array<{ readonly bucket: string; readonly reason: string }>;
  /**
   * Buckets that need the rule but are managed by a CloudFormation stack (or their tags could not
   * be read), and who manages them: left as they were, since the stack's next update would undo
   * the rule. The fix belongs in the stack's source.
   */
  readonly managed: Array<{ readonly bucket: string; readonly managedBy: ManagedBy }>;
  /** Why the step did not run; null when it did. */
  readonly skipped: string | null;
}

/**
 * One scheduled run: the audit mpu-audit runs, then the optional clean-up and
 * lifecycle fix on the same code paths as `--abort --yes` and
 * `--fix-lifecycle --yes`, then the metrics.
 */
export async function runMonitor(
  s3: S3Port, metrics: MetricsPort, settings: MonitorSettings, options: MonitorRunOptions = {},
): Promise<MonitorRunResult> {
  const cleaning = settings.abortOrphansOlderThanDays !== null;
  const report = await audit(s3, {
    regions: settings.regions,
    buckets: settings.buckets,
    olderThanSeconds: settings.olderThanSeconds,
    maxDays: settings.maxDays,
    concurrency: settings.concurrency,
    keepUploadList: cleaning,
    keep: {
      prefixes: settings.keepUploadsUnderPrefixes,
      initiators: settings.keepUploadsInitiatedBy,
      prefixRuleName: 'keepUploadsUnderPrefixes',
      initiatorRuleName: 'keepUploadsInitiatedBy',
    },
    now: options.now,
    signal: options.signal,
  });
  const stopped = () => options.signal?.aborted === true;
  const outOfTime = 'the run reached its deadline before this step';

  let cleanUp: CleanUpResult | null = null;
  if (cleaning) {
    cleanUp = stopped()
      ? { kept: 0, aborted: 0, alreadyGone: 0, failed: 0, bytesFreed: 0, failedBytes: 0, failures: [], skipped: outOfTime }
      : await abortOldOrphans(s3, report, settings.abortOrphansOlderThanDays!, settings.concurrency, stopped);
  }
  let lifecycleFix: LifecycleFixSummary | null = null;
  if (settings.fixLifecycleDays !== null) {
    lifecycleFix = stopped() ? { added: [], refused: [], managed: [], skipped: outOfTime } : await addAbortRules(s3, report, settings);
  }

  const counts: CleanUpCounts = {
    abortedUploads: cleanUp?.aborted,
    abortedBytes: cleanUp?.bytesFreed,
    abortFailures: cleanUp?.failed,
    failedAbortBytes: cleanUp?.failedBytes,
    abortRulesAdded: lifecycleFix?.added.length,
  };
  const data = metricData(report, settings.perBucketMetrics, counts);
  for (let i = 0; i < data.length; i += MAX_DATUMS_PER_REQUEST) {
    await metrics.putMetricData(settings.namespace, data.slice(i, i + MAX_DATUMS_PER_REQUEST));
  }

  const { totals } = report;
  return {
    generatedAt: report.generatedAt,
    complete: !report.buckets.some(b => b.stopped !== undefined),
    bucketsAudited: totals.buckets - totals.failedBuckets,
    bucketsNotAudited: report.buckets.filter(b => b.error !== null).map(b => ({ name: b.name, error: b.error! })),
    orphanedUploads: totals.uploads,
    orphanedBytes: totals.bytes ?? 0,
    estimatedMonthlyCostUsd: totals.estimatedMonthlyCostUsd ?? 0,
    bucketsFailingAbortRule: totals.bucketsFailingRule,
    cleanUp,
    lifecycleFix,
    datumsPublished: data.length,
  };
}

/** `--abort --yes` on the report narrowed to orphans at least `days` old: younger ones and in-progress uploads are never targets. */
async function abortOldOrphans(s3: S3Port, report: AuditReport, days: number, concurrency: number, stopped: () => boolean): Promise<CleanUpResult> {
  const minAgeSeconds = days * 86400;
  const old: AuditReport = {
    ...report,
    buckets: report.buckets.map(b => ({ ...b, uploadList: b.uploadList.filter(u => u.orphan && u.ageSeconds >= minAgeSeconds) })),
  };
  const result = await abortOrphans(s3, old, { yes: true, concurrency, stopRequested: stopped });
  return {
    kept: keptUploads(old).length,
    aborted: result.aborted.length,
    alreadyGone: result.alreadyGone.length,
    failed: result.failed.length,
    bytesFreed: result.bytesFreed ?? 0,
    failedBytes: result.bytesNotFreed ?? 0,
    failures: result.failed.slice(0, MAX_FAILURES_LOGGED).map(f => ({ bucket: f.bucket, key: f.key, uploadId: f.uploadId, error: f.error })),
    skipped: null,
  };
}

/** `--fix-lifecycle --yes` (without --fix-managed) on the buckets read in full that fail the rule. */
async function addAbortRules(s3: S3Port, report: AuditReport, settings: MonitorSettings): Promise<LifecycleFixSummary> {
  const { maxDays, concurrency } = settings;
  const results = await fixLifecycles(s3, bucketsToFix(report), { days: settings.fixLifecycleDays!, maxDays, yes: true, concurrency });
  return {
    added: results.filter(r => r.applied).map(r => r.bucket),
    refused: results.filter(r => !r.applied && (r.error !== null || r.plan.action === 'refuse'))
      .map(r => ({ bucket: r.bucket, reason: r.error ?? (r.plan.action === 'refuse' ? r.plan.reason : '') })),
    managed: results.filter(r => r.leftToSource && r.managedBy !== null).map(r => ({ bucket: r.bucket, managedBy: r.managedBy! })),
    skipped: null,
  };
}
