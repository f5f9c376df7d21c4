import { AuditReport } from '../audit/report';

/** The namespace the monitor publishes to unless told otherwise. */
export const DEFAULT_MONITOR_NAMESPACE = 'MpuGuard';

/** The monitor's metric names: documented in docs/monitor.md, used by the construct's alarm and metric methods. */
export enum MonitorMetric {
  /** Bytes in orphaned uploads: in total, and per bucket (dimension `BucketName`). */
  ORPHANED_BYTES = 'OrphanedBytes',
  /** Orphaned uploads: in total, and per bucket (dimension `BucketName`). */
  ORPHANED_UPLOADS = 'OrphanedUploads',
  /** Estimated monthly storage cost of the orphaned bytes, in USD: in total. */
  ORPHANED_COST_USD = 'OrphanedMonthlyCostUsd',
  /** Buckets whose lifecycle does not abort incomplete uploads in time (MPU1..MPU3): in total. */
  BUCKETS_FAILING_ABORT_RULE = 'BucketsFailingAbortRule',
  /** Buckets read in full: the totals cover exactly these. */
  BUCKETS_AUDITED = 'BucketsAudited',
  /** Buckets that could not be read in full (denied, gone, or the run's time ran out): above 0, the totals are a lower bound. */
  BUCKETS_NOT_AUDITED = 'BucketsNotAudited',
  /** Orphans the clean-up aborted in this run (only with clean-up on). */
  ABORTED_UPLOADS = 'AbortedUploads',
  /** Bytes the clean-up freed in this run (only with clean-up on). */
  ABORTED_BYTES = 'AbortedBytes',
  /** Orphans the clean-up could not remove in this run: the abort failed, or parts survived every verified abort (only with clean-up on). */
  ABORT_FAILURES = 'AbortFailures',
  /** Bytes those uploads still hold (only with clean-up on). */
  FAILED_ABORT_BYTES = 'FailedAbortBytes',
  /** Abort rules added in this run (only with the lifecycle fix on). */
  ABORT_RULES_ADDED = 'AbortRulesAdded',
}

/** The dimension of the per-bucket metrics. */
export const BUCKET_DIMENSION = 'BucketName';

/** One CloudWatch datum, in the SDK's shape but without its types, so the core does not load the SDK. */
export interface MetricDatum {
  readonly MetricName: string;
  readonly Value: number;
  readonly Unit: 'Bytes' | 'Count' | 'None';
  readonly Timestamp: Date;
  readonly Dimensions?: ReadonlyArray<{ readonly Name: string; readonly Value: string }>;
}

/** What the clean-up steps did, when they ran. */
export interface CleanUpCounts {
  readonly abortedUploads?: number;
  readonly abortedBytes?: number;
  readonly abortFailures?: number;
  readonly failedAbortBytes?: number;
  readonly abortRulesAdded?: number;
}

/**
 * The datums of one run. Totals cover the buckets read in full; a bucket that was not
 * gets no per-bucket datum (missing data, not a false 0).
 */
export function metricData(report: AuditReport, perBucket: boolean, cleanUp: CleanUpCounts = {}): MetricDatum[] {
  const at = new Date(report.generatedAt);
  const datum = (name: MonitorMetric, value: number, unit: MetricDatum['Unit'], bucket?: string): MetricDatum => ({
    MetricName: name,
    Value: value,
    Unit: unit,
    Timestamp: at,
    ...(bucket === undefined ? {} : { Dimensions: [{ Name: BUCKET_DIMENSION, Value: bucket }] }),
  });
  const { totals } = report;
  const data = [
    datum(MonitorMetric.ORPHANED_BYTES, totals.bytes ?? 0, 'Bytes'),
    datum(MonitorMetric.ORPHANED_UPLOADS, totals.uploads, 'Count'),
    datum(MonitorMetric.ORPHANED_COST_USD, totals.estimatedMonthlyCostUsd ?? 0, 'None'),
    datum(MonitorMetric.BUCKETS_FAILING_ABORT_RULE, totals.bucketsFailingRule, 'Count'),
    datum(MonitorMetric.BUCKETS_AUDITED, totals.buckets - totals.failedBuckets, 'Count'),
    datum(MonitorMetric.BUCKETS_NOT_AUDITED, totals.failedBuckets, 'Count'),
  ];
  if (cleanUp.abortedUploads !== undefined) data.push(datum(MonitorMetric.ABORTED_UPLOADS, cleanUp.abortedUploads, 'Count'));
  if (cleanUp.abortedBytes !== undefined) data.push(datum(MonitorMetric.ABORTED_BYTES, cleanUp.abortedBytes, 'Bytes'));
  if (cleanUp.abortFailures !== undefined) data.push(datum(MonitorMetric.ABORT_FAILURES, cleanUp.abortFailures, 'Count'));
  if (cleanUp.failedAbortBytes !== undefined) data.push(datum(MonitorMetric.FAILED_ABORT_BYTES, cleanUp.failedAbortBytes, 'Bytes'));
  if (cleanUp.abortRulesAdded !== undefined) data.push(datum(MonitorMetric.ABORT_RULES_ADDED, cleanUp.abortRulesAdded, 'Count'));
  if (perBucket) {
    for (const bucket of report.buckets.filter(b => b.error === null)) {
      data.push(datum(MonitorMetric.ORPHANED_BYTES, bucket.bytes ?? 0, 'Bytes', bucket.name));
      data.push(datum(MonitorMetric.ORPHANED_UPLOADS, bucket.uploads, 'Count', bucket.name));
    }
  }
  return data;
}
