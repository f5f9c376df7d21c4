import { isRuleId, MultipartUploadRuleId } from '../policy/rule-catalogue';
import { UploadPrincipal } from '../s3/s3-port';

/**
 * What the audit found about a bucket's lifecycle: the rule it breaks, `COMPLIANT`, or `UNKNOWN`
 * when the lifecycle could not be read. A rule id and not the evaluator's Verdict, so that a
 * report names the same rules as the Aspect and the cdk-nag pack.
 */
export type BucketFinding = MultipartUploadRuleId | 'COMPLIANT' | 'UNKNOWN';

/** True when the finding is a rule the bucket breaks (one of the rule catalogue's ids). */
export function breaksRule(finding: BucketFinding): finding is MultipartUploadRuleId {
  return isRuleId(finding);
}

/**
 * Why a bucket was not read in full because `AuditOptions.signal` stopped the audit: it was
 * never started (`not-audited`), or its listing was cut short (`listing-stopped`).
 */
export type BucketStop = 'not-audited' | 'listing-stopped';

/** One incomplete upload in the report. */
export interface UploadReport {
  readonly key: string;
  readonly uploadId: string;
  /** ISO 8601. */
  readonly initiated: string;
  readonly ageSeconds: number;
  readonly storageClass: string;
  /** Null in a summary (`--summary`): ListParts was not called. */
  readonly parts: number | null;
  readonly bytes: number | null;
  /** Older than `olderThan`: an orphan. Younger uploads are in progress and never touched. */
  readonly orphan: boolean;
  /** Who started the upload (ListMultipartUploads' `Initiator`); null when the server left it out. */
  readonly initiator: UploadPrincipal | null;
  /** Who owns it (`Owner`); null when the server left it out. */
  readonly owner: UploadPrincipal | null;
  /**
   * Why the upload is kept on purpose (`--exclude-prefix`, `--keep-initiator`), e.g.
   * `key under --exclude-prefix tmp/`; null when it is not. `--abort` never aborts a kept upload.
   * Set on in-progress uploads too; the counts of kept uploads count orphans only.
   */
  readonly kept: string | null;
}

/** Orphans kept on purpose: counted in `uploads` and `bytes` too (they are billed), and never aborted. */
export interface KeptOrphans {
  readonly uploads: number;
  /** Null in a summary (`--summary`). */
  readonly bytes: number | null;
}

/**
 * Who owns a bucket's configuration besides S3, from its tags (`BucketReport.managedBy`):
 * - `cloudformation`: the bucket carries `aws:cloudformation:stack-name`, which CloudFormation (and so
 *   the CDK) puts on every bucket it creates; `stackId` and `logicalId` are the values of
 *   `aws:cloudformation:stack-id` and `aws:cloudformation:logical-id`, null when absent.
 * - `tag`: the bucket carries a tag named with `--managed-tag` (`AuditOptions.managedTags`); `key`
 *   and `value` are the tag as the bucket holds it.
 * - `unknown`: the tags could not be read (`error` says why, with `s3:GetBucketTagging` when denied),
 *   or the bucket was not read at all.
 *
 * A bucket's next stack update (or the owning tool's next run) puts its own lifecycle back, so
 * `--fix-lifecycle` leaves a managed bucket, and one whose tags could not be read, to its source.
 */
export type ManagedBy =
  | { readonly kind: 'cloudformation'; readonly stackName: string; readonly stackId: string | null; readonly logicalId: string | null }
  | { readonly kind: 'tag'; readonly key: string; readonly value: string }
  | { readonly kind: 'unknown'; readonly error: string };

/** One bucket in the report. Counts are of orphans only. */
export interface BucketReport {
  readonly name: string;
  readonly region: string;
  /** A rule id (`MultipartUpload-MPU1`..`3`), `COMPLIANT`, or `UNKNOWN` when the lifecycle could not be read. */
  readonly verdict: BucketFinding;
  /** The evaluator's reason, for people. */
  readonly verdictReason: string;
  readonly uploads: number;
  /** Parts, bytes and cost are null in a summary (`--summary`): ListParts was not called. */
  readonly parts: number | null;
  readonly bytes: number | null;
  /** ISO 8601 of the oldest orphan; null when there is none. */
  readonly oldestInitiated: string | null;
  readonly estimatedMonthlyCostUsd: number | null;
  /** Uploads younger than `olderThan`, reported and never touched. */
  readonly inProgress: { readonly uploads: number; readonly bytes: number | null };
  /** Orphans kept on purpose (`--exclude-prefix`, `--keep-initiator`). */
  readonly keptOrphans: KeptOrphans;
  /** Why the bucket could not be read in full; null when it was. */
  readonly error: string | null;
  /**
   * The stack or tool that manages the bucket, from its tags (see ManagedBy); null when its tags were
   * read and name none. Tags that cannot be read never make `error` set: they make this `unknown`.
   */
  readonly managedBy: ManagedBy | null;
  /**
   * Set when the audit was stopped before this bucket was read in full (`error` then says so too);
   * absent otherwise. For programs: the rendered reports leave it out.
   */
  readonly stopped?: BucketStop;
  /** Every incomplete upload found, orphans and in-progress ones. */
  readonly uploadList: UploadReport[];
}

export interface ReportTotals {
  readonly buckets: number;
  readonly uploads: number;
  /** Null in a summary (`--summary`). */
  readonly parts: number | null;
  readonly bytes: number | null;
  readonly estimatedMonthlyCostUsd: number | null;
  /** Buckets with an error: when above 0 the report is incomplete. */
  readonly failedBuckets: number;
  /** Buckets whose verdict is a rule id. */
  readonly bucketsFailingRule: number;
  /** Orphans kept on purpose, over the buckets read without error. */
  readonly keptOrphans: KeptOrphans;
}

export interface Throttling {
  /** Answers of SlowDown (or another throttling error, 429 or 503), each then retried. */
  readonly slowDowns: number;
  /** The fewest requests in flight the audit went down to; `--concurrency` when it never slowed down. */
  readonly lowestConcurrency: number;
}

/**
 * The options that decide which uploads a report holds, so that `--abort --from-report`
 * can refuse to act on a report made with other ones.
 */
export interface ReportScope {
  /** `--bucket`, sorted and without repeats; empty: every bucket the credentials can list. */
  readonly buckets: string[];
  /** `--region`, sorted and without repeats; empty: every region. */
  readonly regions: string[];
  /** `--prefix`; null: every upload. */
  readonly prefix: string | null;
  /** `--exclude-prefix`, sorted and without repeats: uploads kept on purpose. */
  readonly excludePrefixes: string[];
  /** `--keep-initiator`, sorted and without repeats: uploads kept on purpose. */
  readonly keepInitiators: string[];
}

/** What `mpu-audit` prints, and what `audit()` returns. */
export interface AuditReport {
  /** ISO 8601. */
  readonly generatedAt: string;
  /** Uploads older than this many seconds are orphans. */
  readonly olderThanSeconds: number;
  /** The latest DaysAfterInitiation that counts as in time. */
  readonly maxDays: number;
  /** The buckets, regions and prefix the audit covered. */
  readonly scope: ReportScope;
  /** False for a summary (`--summary`): counts and ages only, no parts or bytes. */
  readonly partsRead: boolean;
  /** How often S3 asked the audit to slow down, and how far it did. */
  readonly throttling: Throttling;
  readonly totals: ReportTotals;
  readonly buckets: BucketReport[];
}
