import { abortAndReport, abortReviewed } from './abort-run';
import { MPU_AUDIT } from './command';
import { readReviewedReport } from './reviewed-report';
import { OrganizationsFactory, renderSummaryFile, runOrganizationAudit } from './run-organization';
import { exitCodeOf } from './run-outcome';
import { RunSettings, runSettingsOf } from './run-settings';
import { abortTargets } from '../../audit/abort-orphans';
import { audit } from '../../audit/audit';
import { bucketsToFix, fixLifecycles, LifecycleFixResult } from '../../audit/lifecycle-fix-apply';
import { describeFix } from '../../audit/lifecycle-fix-plan';
import { fixManagedWarning, leftToSourceReason, sourceFixLines } from '../../audit/managed-fix-text';
import { priceTableFrom, PriceTable } from '../../audit/pricing';
import { renderChunks } from '../../audit/render';
import { AuditReport, BucketReport } from '../../audit/report';
import { ReviewedReport } from '../../audit/report-file';
import { UploadSpool } from '../../audit/upload-spool';
import { describeError, redact } from '../../s3/errors';
import { S3Port } from '../../s3/s3-port';
import { S3ConnectionOptions } from '../../s3/sdk-s3';
import { CliIo } from '../cli-io';
import { runCommand } from '../command-skeleton';
import { envRegion } from '../env-var';
import { ExitCode } from '../exit-code';
import { readJsonFile } from '../json-file';
import { S3Connection } from '../options/connection-options';
import { UsageError } from '../options/usage-error';
import { writeReport } from '../report-writer';
import { startUpProblem } from '../start-up-problem';

export type S3Factory = (options: S3ConnectionOptions) => S3Port;

/** Runs `mpu-audit` with `argv` (without node and the script) and returns the exit code. */
export function runCli(
  argv: readonly string[], io: CliIo, makeS3: S3Factory, makeOrganizations: OrganizationsFactory = noOrganizations,
): Promise<ExitCode> {
  return runCommand(MPU_AUDIT, argv, io, ({ options, given }) => runAudit(runSettingsOf(options, given), io, makeS3, makeOrganizations));
}

async function runAudit(settings: RunSettings, io: CliIo, makeS3: S3Factory, makeOrganizations: OrganizationsFactory): Promise<ExitCode> {
  const prices = settings.priceTable === undefined ? undefined : readPriceTable(io, settings.priceTable);
  if (settings.renderSummary !== undefined) return renderSummaryFile(io, settings.renderSummary, settings.report);
  const { audit: auditSettings, s3: connection, report: reportSettings, failOn, cleanUp } = settings;
  if (settings.organization) {
    return runOrganizationAudit({ scope: settings.organization, audit: auditSettings, s3: connection, report: reportSettings, failOn },
      io, makeS3, makeOrganizations, prices);
  }

  let reviewed: ReviewedReport | undefined;
  if (cleanUp.fromReport !== undefined) {
    try {
      ({ report: reviewed, settings } = readReviewedReport(io, cleanUp.fromReport, settings));
    } catch (error) {
      io.stderr(`mpu-audit: ${redact((error as Error).message)}\n`);
      return ExitCode.USAGE;
    }
  }

  let startUpFailure: Error | undefined;
  const s3 = makeS3({
    ...connection,
    region: envRegion(io.env),
    onStartUpFailure: error => { startUpFailure ??= error; },
  });
  if (reviewed !== undefined) {
    let failed: boolean;
    try {
      failed = await abortReviewed(s3, reviewed, cleanUp.fromReport!, settings, io);
    } catch (error) {
      return failedToStart(io, connection, startUpFailure ?? error);
    }
    if (startUpFailure) return failedToStart(io, connection, startUpFailure);
    return failed ? ExitCode.INCOMPLETE : ExitCode.OK;
  }

  const spool = reportSettings.format === 'json' ? new UploadSpool() : undefined;
  let report: AuditReport;
  try {
    report = await audit(s3, {
      ...auditSettings,
      prices,
      now: io.now?.(),
      buckets: settings.account.buckets,
      regions: settings.account.regions,
      // Only --abort needs the uploads as objects; JSON takes them from the spool, off the heap.
      keepUploadList: cleanUp.abort,
      onUpload: spool ? (bucket, upload) => spool.add(bucket.name, upload) : undefined,
      onProgress: io.stderrIsTerminal
        ? p => io.stderr(`\rmpu-audit: ${p.bucketsDone}/${p.bucketsTotal} buckets, ${p.uploadsSeen} uploads${p.bucketsDone === p.bucketsTotal ? '\n' : ''}`)
        : undefined,
    });
  } catch (error) {
    return failedToStart(io, connection, startUpFailure ?? error);
  }
  // With --bucket, each bucket failed on its own; one line says why, and no report.
  if (startUpFailure) return failedToStart(io, connection, startUpFailure);

  // A bucket whose uploads could not be listed reports none, as audit() does; the spool may hold a few.
  const uploadsOf = spool ? (bucket: BucketReport) => (bucket.uploads + bucket.inProgress.uploads > 0 ? spool.uploads(bucket.name) : []) : undefined;
  if (!await writeReport('mpu-audit', io, reportSettings, renderChunks(report, reportSettings.format, uploadsOf))) return ExitCode.USAGE;

  let cleanUpFailed = false;
  if (cleanUp.abort) {
    cleanUpFailed = await abortAndReport(s3, abortTargets(report), report, settings, io) || cleanUpFailed;
  }
  if (cleanUp.fixLifecycle) {
    const buckets = bucketsToFix(report);
    const { maxDays, concurrency } = auditSettings;
    const results = await fixLifecycles(s3, buckets, { days: cleanUp.days, maxDays, yes: cleanUp.yes, concurrency, fixManaged: cleanUp.fixManaged });
    cleanUpFailed = reportFix(io, results, report.totals.failedBuckets) || cleanUpFailed;
  }

  const { bytes, bucketsFailingRule, failedBuckets } = report.totals;
  const incomplete = failedBuckets > 0 || cleanUpFailed
    ? `${failedBuckets} bucket(s) could not be read in full${cleanUpFailed ? ', and part of the clean-up failed' : ''}`
    : undefined;
  return exitCodeOf('mpu-audit', { bytes, bucketsFailingRule, incomplete }, failOn, io.stderr);
}

function noOrganizations(): never {
  throw new Error('this caller of runCli gave no way to reach AWS Organizations');
}

/** A price table names a few storage classes, in a few hundred bytes: 1 MiB is far more than one needs. */
const MAX_PRICE_TABLE_BYTES = 1024 * 1024;

function readPriceTable(io: CliIo, path: string): PriceTable {
  const source = `--price-table ${path}`;
  const value = readJsonFile(io, source, path, {
    maxBytes: MAX_PRICE_TABLE_BYTES,
    unreadable: 'give the path of a JSON file like {"STANDARD": 0.023}',
    tooLarge: 'give a price table, one price per storage class like {"STANDARD": 0.023}',
    notJson: 'write an object like {"STANDARD": 0.023}',
  });
  try {
    return priceTableFrom(source, value);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function failedToStart(io: CliIo, connection: S3Connection, error: unknown): ExitCode {
  const problem = startUpProblem(error, { profile: connection.profile, endpointUrl: connection.endpointUrl, env: io.env, readFile: io.readFile });
  if (problem !== undefined) {
    io.stderr(`mpu-audit: ${problem}\n`);
    return ExitCode.USAGE;
  }
  io.stderr(`mpu-audit: cannot list the buckets to audit: ${describeError(error)}\n`);
  return ExitCode.INCOMPLETE;
}

/**
 * Prints the --fix-lifecycle diff and outcome; true when a bucket could not be fixed. A managed
 * bucket left to its source counts as not fixed, as a refused one does: it still lacks the rule.
 */
function reportFix(io: CliIo, results: LifecycleFixResult[], unreadBuckets: number): boolean {
  let failed = false;
  const left = { managed: 0, unknown: 0 };
  for (const result of results) {
    for (const line of describeFix(result.bucket, result.plan)) io.stderr(`${line}\n`);
    const { plan, managedBy } = result;
    if (result.error !== null) {
      failed = true;
      io.stderr(`  ${result.written ? '' : 'not changed: '}${result.error}\n`);
    } else if (plan.action === 'add' && result.leftToSource && managedBy !== null) {
      failed = true;
      left[managedBy.kind === 'unknown' ? 'unknown' : 'managed']++;
      io.stderr(`  not changed: ${leftToSourceReason(managedBy)}\n`);
      for (const line of sourceFixLines(managedBy, plan)) io.stderr(`${line}\n`);
    } else if (plan.action === 'add') {
      io.stderr(result.applied ? '  written and read back\n' : '  dry run: add --yes to write it\n');
      if (managedBy !== null) {
        io.stderr(`mpu-audit: warning: ${fixManagedWarning(result.bucket, managedBy)}\n`);
        for (const line of sourceFixLines(managedBy, plan)) io.stderr(`${line}\n`);
      }
    } else if (plan.action === 'refuse') {
      failed = true;
    }
  }
  if (left.managed + left.unknown > 0) {
    const which = [
      ...(left.managed > 0 ? [`${left.managed} managed bucket(s)`] : []),
      ...(left.unknown > 0 ? [`${left.unknown} bucket(s) whose tags could not be read`] : []),
    ];
    io.stderr(`mpu-audit: --fix-lifecycle left ${which.join(' and ')} as they were: fix them in their source (above), `
      + 'or add --fix-managed to write them anyway, until their next stack update or tool run reverts it\n');
  }
  if (results.length === 0) {
    io.stderr(`mpu-audit: --fix-lifecycle: every bucket read already aborts incomplete uploads in time${unreadBuckets > 0
      ? `; ${unreadBuckets} bucket(s) could not be read and were left alone` : ''}\n`);
  }
  return failed;
}
