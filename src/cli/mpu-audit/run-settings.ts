import { MpuAuditOptions } from './options';
import { FailOn } from './run-outcome';
import { KeepRules } from '../../audit/keep-rules';
import { ManagedTag } from '../../audit/managed-by';
import { ReportFormat } from '../../audit/render';
import { S3Connection, s3ConnectionOf } from '../options/connection-options';
import { ReportTarget } from '../report-writer';

/** How each audit runs, the same for one account and for each of an organization's. */
export interface AuditSettings {
  readonly prefix?: string;
  /** `--exclude-prefix`, `--keep-initiator`: uploads reported as kept and never aborted. */
  readonly keep: KeepRules;
  readonly olderThanSeconds: number;
  readonly maxDays: number;
  readonly concurrency: number;
  readonly summary: boolean;
  /** `--managed-tag`: tags that mark a bucket as managed, besides CloudFormation's. */
  readonly managedTags: readonly ManagedTag[];
}

/** The report's format, and where it goes. */
export interface ReportSettings extends ReportTarget {
  readonly format: ReportFormat;
}

/** The buckets audited in the account of the credentials. */
export interface AccountScope {
  readonly buckets: readonly string[];
  readonly regions: readonly string[];
}

/** `--accounts-from-organization`: every active account, through a role in each, in each region. */
export interface OrganizationScope {
  readonly roleName: string;
  readonly accountConcurrency: number;
  readonly regions: readonly string[];
}

/** What is done about the orphans and the rules once the report is written. */
export interface CleanUp {
  readonly abort: boolean;
  /** `--from-report FILE`: abort the orphans of this reviewed JSON report instead of auditing. */
  readonly fromReport?: string;
  readonly fixLifecycle: boolean;
  /** DaysAfterInitiation of the rule --fix-lifecycle adds. */
  readonly days: number;
  /** `--fix-managed`: --fix-lifecycle writes to managed buckets too. */
  readonly fixManaged: boolean;
  readonly yes: boolean;
}

/** A command line of mpu-audit, as the parts of the run need it. */
export interface RunSettings {
  /** `--render-summary FILE`: render an organization summary; no AWS call. */
  readonly renderSummary?: string;
  readonly organization?: OrganizationScope;
  readonly account: AccountScope;
  /** The path of a price table, read before anything runs. */
  readonly priceTable?: string;
  readonly audit: AuditSettings;
  readonly s3: S3Connection;
  readonly report: ReportSettings;
  readonly failOn: FailOn;
  readonly cleanUp: CleanUp;
  /** The long names of the options the command line gave; `--from-report` takes the rest from the report. */
  readonly given: ReadonlySet<string>;
}

export function runSettingsOf(options: MpuAuditOptions, given: ReadonlySet<string>): RunSettings {
  return {
    renderSummary: options.renderSummary,
    organization: options.accountsFromOrganization
      // The mode requires --role-name.
      ? { roleName: options.roleName!, accountConcurrency: options.accountConcurrency, regions: options.region }
      : undefined,
    account: { buckets: options.bucket, regions: options.region },
    priceTable: options.priceTable,
    audit: {
      prefix: options.prefix,
      keep: { prefixes: options.excludePrefix, initiators: options.keepInitiator },
      olderThanSeconds: options.olderThan,
      maxDays: options.maxDays,
      concurrency: options.concurrency,
      summary: options.summary,
      managedTags: options.managedTag,
    },
    s3: s3ConnectionOf(options),
    report: { format: options.format, output: options.output, force: options.force },
    failOn: { failOnBytes: options.failOnBytes, failOnMissingRule: options.failOnMissingRule },
    cleanUp: {
      abort: options.abort,
      fromReport: options.fromReport,
      fixLifecycle: options.fixLifecycle,
      days: options.days,
      fixManaged: options.fixManaged,
      yes: options.yes,
    },
    given,
  };
}
