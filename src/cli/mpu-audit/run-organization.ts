import { AuditSettings, OrganizationScope, ReportSettings } from './run-settings';
import { PriceTable } from '../../audit/pricing';
import { auditAccountRegion, OrganizationSummary, summarizeOrganization } from '../../organization/runtime/account-region-audit';
import { accountRegions, memberRoleArn, OrganizationAccounts } from '../../organization/runtime/organization-accounts';
import { organizationSummaryFrom } from '../../organization/runtime/organization-summary-file';
import { renderOrganizationTable } from '../../organization/runtime/organization-table';
import { describeError, redact } from '../../s3/errors';
import { createLimiter } from '../../s3/limiter';
import { S3Port } from '../../s3/s3-port';
import { S3ConnectionOptions } from '../../s3/sdk-s3';
import { CliIo } from '../cli-io';
import { envRegion } from '../env-var';
import { ExitCode } from '../exit-code';
import { exitCodeOf, FailOn } from './run-outcome';
import { readJsonFile } from '../json-file';
import { S3Connection } from '../options/connection-options';
import { writeReport } from '../report-writer';

/** How the CLI reaches AWS Organizations: the SDK in the binary, a fake in tests. */
export type OrganizationsFactory = (options: { readonly profile?: string; readonly region?: string }) => OrganizationAccounts;

/** What an organization audit is told by the command line. */
export interface OrganizationRun {
  readonly scope: OrganizationScope;
  readonly audit: AuditSettings;
  readonly s3: S3Connection;
  readonly report: ReportSettings;
  readonly failOn: FailOn;
}

/**
 * `--accounts-from-organization`: every active account crossed with every `--region`,
 * each audited through the member role, a bounded number at once, then summed up.
 */
export async function runOrganizationAudit(
  run: OrganizationRun, io: CliIo, makeS3: (options: S3ConnectionOptions) => S3Port, makeOrganizations: OrganizationsFactory, prices?: PriceTable,
): Promise<ExitCode> {
  const { roleName, accountConcurrency, regions } = run.scope;
  const homeRegion = envRegion(io.env);
  let accounts;
  try {
    accounts = await makeOrganizations({ profile: run.s3.profile, region: homeRegion }).listActiveAccounts();
  } catch (error) {
    io.stderr(`mpu-audit: cannot list the organization's accounts: ${redact(describeError(error))}; `
      + '--accounts-from-organization needs organizations:ListAccounts, in the management account or a delegated administrator\n');
    return ExitCode.INCOMPLETE;
  }
  const targets = accountRegions(accounts, regions);
  const partition = partitionOf(regions[0]);
  const limit = createLimiter(accountConcurrency);
  let done = 0;
  const results = await Promise.all(targets.map(target => limit(async () => {
    const s3 = makeS3({ ...run.s3, region: target.region, roleArn: memberRoleArn(target.accountId, roleName, partition) });
    const result = await auditAccountRegion(target, s3, { ...run.audit, prices, now: io.now?.() });
    done++;
    if (io.stderrIsTerminal) io.stderr(`\rmpu-audit: ${done}/${targets.length} accounts and regions${done === targets.length ? '\n' : ''}`);
    return result.summary;
  })));
  const summary = summarizeOrganization(results, io.now?.() ?? new Date());
  const written = await writeSummary(io, run.report, summary);
  if (written !== ExitCode.OK) return written;

  const { bytes, bucketsFailingRule, failedTargets, failedBuckets } = summary.totals;
  const incomplete = failedTargets > 0 || failedBuckets > 0
    ? `${failedTargets} account and region pair(s) could not be audited, ${failedBuckets} bucket(s) could not be read in full`
    : undefined;
  return exitCodeOf('mpu-audit', { bytes, bucketsFailingRule, incomplete }, run.failOn, io.stderr, ' across the organization');
}

/** About 200,000 account-and-region rows (5,000 accounts in 40 regions), at the 300 bytes or so of each. */
const MAX_SUMMARY_BYTES = 64 * 1024 * 1024;

/** `--render-summary FILE`: the summary of an earlier run, as a table or JSON; no AWS call. */
export async function renderSummaryFile(io: CliIo, path: string, report: ReportSettings): Promise<ExitCode> {
  const source = `--render-summary ${path}`;
  let summary: OrganizationSummary;
  try {
    summary = organizationSummaryFrom(source, readJsonFile(io, source, path, {
      maxBytes: MAX_SUMMARY_BYTES,
      unreadable: 'give the path of a summary.json',
      tooLarge: 'give the summary.json of one organization audit',
    }));
  } catch (error) {
    io.stderr(`mpu-audit: ${(error as Error).message}\n`);
    return ExitCode.USAGE;
  }
  return writeSummary(io, report, summary);
}

async function writeSummary(io: CliIo, report: ReportSettings, summary: OrganizationSummary): Promise<ExitCode> {
  const text = report.format === 'json' ? `${JSON.stringify(summary, null, 2)}\n` : renderOrganizationTable(summary);
  return await writeReport('mpu-audit', io, report, [text]) ? ExitCode.OK : ExitCode.USAGE;
}

/** The partition of the member roles' ARNs, from the regions audited. */
function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}
