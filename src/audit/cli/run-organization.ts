import { CliArgs, UsageError } from './args';
import { auditOptionsOf, outputProblem, s3OptionsOf } from './options-from-args';
import { describeError, redact } from '../errors';
import { createLimiter } from '../limiter';
import { auditAccountRegion, OrganizationSummary, summarizeOrganization } from '../organization/account-region-audit';
import { accountRegions, memberRoleArn, OrganizationAccounts } from '../organization/organization-accounts';
import { organizationSummaryFrom } from '../organization/organization-summary-file';
import { PriceTable } from '../pricing';
import { renderOrganizationTable } from '../render/organization-table';
import { AuditS3 } from '../s3-port';
import { SdkAuditS3Options } from '../sdk-s3';
import { CliIo, ExitCode } from './run-cli';

/** How the CLI reaches AWS Organizations: the SDK in the binary, a fake in tests. */
export type OrganizationsFactory = (options: { readonly profile?: string; readonly region?: string }) => OrganizationAccounts;

/**
 * `--accounts-from-organization`: every active account crossed with every `--region`,
 * each audited through the member role, a bounded number at once, then summed up.
 */
export async function runOrganizationAudit(
  args: CliArgs, io: CliIo, makeS3: (options: SdkAuditS3Options) => AuditS3, makeOrganizations: OrganizationsFactory, prices?: PriceTable,
): Promise<ExitCode> {
  const { roleName, accountConcurrency } = args.organization!;
  const homeRegion = io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION;
  let accounts;
  try {
    accounts = await makeOrganizations({ profile: args.profile, region: homeRegion }).listActiveAccounts();
  } catch (error) {
    io.stderr(`mpu-audit: cannot list the organization's accounts: ${redact(describeError(error))}; `
      + '--accounts-from-organization needs organizations:ListAccounts, in the management account or a delegated administrator\n');
    return ExitCode.INCOMPLETE;
  }
  const targets = accountRegions(accounts, args.regions);
  const partition = partitionOf(args.regions[0]);
  const limit = createLimiter(accountConcurrency);
  let done = 0;
  const results = await Promise.all(targets.map(target => limit(async () => {
    const s3 = makeS3({ ...s3OptionsOf(args, target.region), roleArn: memberRoleArn(target.accountId, roleName, partition) });
    const result = await auditAccountRegion(target, s3, auditOptionsOf(args, prices, io.now?.()));
    done++;
    if (io.stderrIsTerminal) io.stderr(`\rmpu-audit: ${done}/${targets.length} accounts and regions${done === targets.length ? '\n' : ''}`);
    return result.summary;
  })));
  const summary = summarizeOrganization(results, io.now?.() ?? new Date());
  const written = await writeSummary(io, args, summary);
  if (written !== ExitCode.OK) return written;

  const { totals } = summary;
  if (args.failOnBytes !== undefined && totals.bytes !== null && totals.bytes > args.failOnBytes) {
    io.stderr(`mpu-audit: ${totals.bytes} orphaned bytes across the organization exceed --fail-on-bytes ${args.failOnBytes}\n`);
    return ExitCode.THRESHOLD_CROSSED;
  }
  if (args.failOnMissingRule && totals.bucketsFailingRule > 0) {
    io.stderr(`mpu-audit: ${totals.bucketsFailingRule} bucket(s) across the organization do not abort incomplete uploads in time (--fail-on-missing-rule)\n`);
    return ExitCode.THRESHOLD_CROSSED;
  }
  if (totals.failedTargets > 0 || totals.failedBuckets > 0) {
    io.stderr(`mpu-audit: incomplete: ${totals.failedTargets} account and region pair(s) could not be audited, `
      + `${totals.failedBuckets} bucket(s) could not be read in full\n`);
    return ExitCode.INCOMPLETE;
  }
  return ExitCode.OK;
}

/** `--render-summary FILE`: the summary of an earlier run, as a table or JSON; no AWS call. */
export async function renderSummaryFile(io: CliIo, args: CliArgs): Promise<ExitCode> {
  const path = args.renderSummary!;
  let summary: OrganizationSummary;
  try {
    let text: string;
    try {
      text = io.readFile(path);
    } catch (error) {
      throw new UsageError(`--render-summary ${path} cannot be read: ${describeError(error)}`);
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new UsageError(`--render-summary ${path} is not valid JSON: ${(error as Error).message}`);
    }
    summary = organizationSummaryFrom(`--render-summary ${path}`, value);
  } catch (error) {
    io.stderr(`mpu-audit: ${(error as Error).message}\n`);
    return ExitCode.USAGE;
  }
  return writeSummary(io, args, summary);
}

async function writeSummary(io: CliIo, args: CliArgs, summary: OrganizationSummary): Promise<ExitCode> {
  const text = args.format === 'json' ? `${JSON.stringify(summary, null, 2)}\n` : renderOrganizationTable(summary);
  if (args.output === undefined) {
    await io.stdout(text);
    return ExitCode.OK;
  }
  try {
    io.writeFile(args.output, [text], args.force);
    return ExitCode.OK;
  } catch (error) {
    io.stderr(outputProblem(args.output, error));
    return ExitCode.USAGE;
  }
}

/** The partition of the member roles' ARNs, from the regions audited. */
function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}
