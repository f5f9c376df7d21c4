import { audit, AuditOptions } from '../../audit/audit';
import { BucketReport } from '../../audit/report';
import { roundUsd } from '../../audit/usd';
import { describeError, redact } from '../../s3/errors';
import { S3Port } from '../../s3/s3-port';

/** One member account and one region: a unit of work of an organization-wide audit. */
export interface AccountRegion {
  readonly accountId: string;
  /** The account's name in the organization, when known. */
  readonly accountName?: string;
  readonly region: string;
}

/** What one account and region add to an organization's summary. */
export interface AccountRegionSummary {
  readonly accountId: string;
  readonly accountName: string | null;
  readonly region: string;
  readonly buckets: number;
  /** Buckets whose verdict is a rule id (no abort rule, too late, partial). */
  readonly bucketsFailingRule: number;
  /** Buckets that could not be read in full; their counts are not in the totals. */
  readonly failedBuckets: number;
  readonly uploads: number;
  readonly bytes: number | null;
  readonly estimatedMonthlyCostUsd: number | null;
  /** Why this account and region could not be audited at all (role not assumable, ...); null when it was. */
  readonly error: string | null;
}

/** One line of the organization's JSON-lines report: a bucket, with its account, without its upload list (nor `stopped`: `error` says it). */
export type AccountBucketLine = { readonly accountId: string; readonly accountName: string | null } & Omit<BucketReport, 'uploadList' | 'stopped'>;

export interface AccountRegionAudit {
  readonly summary: AccountRegionSummary;
  /** One per bucket in the region. */
  readonly lines: AccountBucketLine[];
}

/**
 * Audits the buckets of one region with `s3`, which already acts in the member
 * account (a role assumed there). Never throws: an account that cannot be audited
 * gets an error in its summary, so one account never stops the others.
 */
export async function auditAccountRegion(target: AccountRegion, s3: S3Port, options: AuditOptions = {}): Promise<AccountRegionAudit> {
  const accountName = target.accountName ?? null;
  try {
    const report = await audit(s3, { ...options, regions: [target.region], keepUploadList: false, onUpload: undefined });
    return {
      summary: {
        accountId: target.accountId,
        accountName,
        region: target.region,
        buckets: report.totals.buckets,
        bucketsFailingRule: report.totals.bucketsFailingRule,
        failedBuckets: report.totals.failedBuckets,
        uploads: report.totals.uploads,
        bytes: report.totals.bytes,
        estimatedMonthlyCostUsd: report.totals.estimatedMonthlyCostUsd,
        error: null,
      },
      lines: report.buckets.map(({ uploadList: _, stopped: _stopped, ...bucket }) => ({ accountId: target.accountId, accountName, ...bucket })),
    };
  } catch (error) {
    return { summary: failedTarget(target, redact(describeError(error))), lines: [] };
  }
}

/** The summary of an account and region that could not be audited at all: zeros, and why. */
export function failedTarget(target: AccountRegion, error: string): AccountRegionSummary {
  return {
    accountId: target.accountId,
    accountName: target.accountName ?? null,
    region: target.region,
    buckets: 0,
    bucketsFailingRule: 0,
    failedBuckets: 0,
    uploads: 0,
    bytes: 0,
    estimatedMonthlyCostUsd: 0,
    error,
  };
}

/** The organization's run in one object: what `mpu-audit --render-summary` shows as a table. */
export interface OrganizationSummary {
  /** ISO 8601. */
  readonly generatedAt: string;
  readonly results: AccountRegionSummary[];
  readonly totals: {
    readonly accounts: number;
    readonly buckets: number;
    readonly bucketsFailingRule: number;
    readonly failedBuckets: number;
    readonly uploads: number;
    /** Null when any account was audited without part sizes. */
    readonly bytes: number | null;
    readonly estimatedMonthlyCostUsd: number | null;
    /** Account-and-region pairs that could not be audited at all. */
    readonly failedTargets: number;
  };
}

/** Adds up the results, ordered by account then region. */
export function summarizeOrganization(results: readonly AccountRegionSummary[], generatedAt: Date): OrganizationSummary {
  const sorted = [...results].sort((a, b) => a.accountId.localeCompare(b.accountId) || a.region.localeCompare(b.region));
  const read = sorted.filter(r => r.error === null);
  const total = (pick: (r: AccountRegionSummary) => number) => read.reduce((sum, r) => sum + pick(r), 0);
  const nullable = (pick: (r: AccountRegionSummary) => number | null) =>
    (read.some(r => pick(r) === null) ? null : total(r => pick(r)!));
  const cost = nullable(r => r.estimatedMonthlyCostUsd);
  return {
    generatedAt: generatedAt.toISOString(),
    results: sorted,
    totals: {
      accounts: new Set(sorted.map(r => r.accountId)).size,
      buckets: total(r => r.buckets),
      bucketsFailingRule: total(r => r.bucketsFailingRule),
      failedBuckets: total(r => r.failedBuckets),
      uploads: total(r => r.uploads),
      bytes: nullable(r => r.bytes),
      estimatedMonthlyCostUsd: cost === null ? null : roundUsd(cost),
      failedTargets: sorted.length - read.length,
    },
  };
}
