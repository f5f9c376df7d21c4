/** One incomplete upload in the report. */
export interface UploadReport {
  readonly key: string;
  readonly uploadId: string;
  /** ISO 8601. */
  readonly initiated: string;
  readonly ageSeconds: number;
  readonly storageClass: string;
  readonly parts: number;
  readonly bytes: number;
  /** Older than `olderThan`: an orphan. Younger uploads are in progress and never touched. */
  readonly orphan: boolean;
}

/** One bucket in the report. Counts are of orphans only. */
export interface BucketReport {
  readonly name: string;
  readonly region: string;
  /** A rule id (`MultipartUpload-MPU1`..`3`), `COMPLIANT`, or `UNKNOWN` when the lifecycle could not be read. */
  readonly verdict: string;
  /** The evaluator's reason, for people. */
  readonly verdictReason: string;
  readonly uploads: number;
  readonly parts: number;
  readonly bytes: number;
  /** ISO 8601 of the oldest orphan; null when there is none. */
  readonly oldestInitiated: string | null;
  readonly estimatedMonthlyCostUsd: number;
  /** Uploads younger than `olderThan`, reported and never touched. */
  readonly inProgress: { readonly uploads: number; readonly bytes: number };
  /** Why the bucket could not be read in full; null when it was. */
  readonly error: string | null;
  /** Every incomplete upload found, orphans and in-progress ones. */
  readonly uploadList: UploadReport[];
}

export interface ReportTotals {
  readonly buckets: number;
  readonly uploads: number;
  readonly parts: number;
  readonly bytes: number;
  readonly estimatedMonthlyCostUsd: number;
  /** Buckets with an error: when above 0 the report is incomplete. */
  readonly failedBuckets: number;
  /** Buckets whose verdict is a rule id. */
  readonly bucketsFailingRule: number;
}

/** What `mpu-audit` prints, and what `audit()` returns. */
export interface AuditReport {
  /** ISO 8601. */
  readonly generatedAt: string;
  /** Uploads older than this many seconds are orphans. */
  readonly olderThanSeconds: number;
  /** The latest DaysAfterInitiation that counts as in time. */
  readonly maxDays: number;
  readonly totals: ReportTotals;
  readonly buckets: BucketReport[];
}
