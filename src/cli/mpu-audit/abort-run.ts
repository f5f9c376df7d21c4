import { keptLines } from './kept-lines';
import { AuditSettings, CleanUp, RunSettings } from './run-settings';
import { AbortResult, AbortTarget, abortTargets, abortUploads } from '../../audit/abort-orphans';
import { formatDuration } from '../../audit/duration';
import { recheckTargets } from '../../audit/recheck-targets';
import { humanBytes } from '../../audit/render/human-size';
import { AuditReport } from '../../audit/report';
import { ReviewedReport } from '../../audit/report-file';
import { withAdaptiveLimit } from '../../s3/adaptive-limit';
import { S3Port } from '../../s3/s3-port';
import { CliIo } from '../cli-io';

/**
 * `--abort --from-report`: each orphan of the reviewed report is looked up again, and only those
 * still there as the report has them are aborted. True when part of the clean-up failed.
 */
export async function abortReviewed(s3: S3Port, reviewed: ReviewedReport, path: string, settings: RunSettings, io: CliIo): Promise<boolean> {
  const { audit: auditSettings } = settings;
  const targets = abortTargets(reviewed);
  const recheck = await withAdaptiveLimit(s3, auditSettings.concurrency,
    limit => recheckTargets(s3, targets, { olderThanSeconds: auditSettings.olderThanSeconds, now: io.now?.() ?? new Date(), limit }));
  const listed = recheck.current.length + recheck.gone.length + recheck.leftAlone.length + recheck.failed.length;
  io.stderr(`mpu-audit: ${path} (made ${reviewed.generatedAt}) lists ${listed} orphaned upload(s): ${recheck.current.length} still there; `
    + `${recheck.gone.length} gone since (completed or aborted meanwhile); ${recheck.leftAlone.length} left alone; ${recheck.failed.length} could not be checked\n`);
  for (const t of recheck.leftAlone) io.stderr(`  left alone s3://${t.bucket}/${t.key} (upload ${t.uploadId}): ${t.why}\n`);
  for (const t of recheck.failed) io.stderr(`  not checked s3://${t.bucket}/${t.key} (upload ${t.uploadId}): ${t.error}\n`);
  const abortFailed = await abortAndReport(s3, recheck.current, reviewed, settings, io);
  return abortFailed || recheck.leftAlone.length > 0 || recheck.failed.length > 0;
}

/**
 * Aborts `targets` of `report` (interruptible), then prints what was done and the report's uploads
 * kept on purpose. True when some abort failed or did not run.
 */
export async function abortAndReport(
  s3: S3Port, targets: AbortTarget[], report: Pick<AuditReport, 'buckets' | 'partsRead'> | ReviewedReport, settings: RunSettings, io: CliIo,
): Promise<boolean> {
  const result = await abortWithInterrupt(s3, targets, report.partsRead, settings.cleanUp, settings.audit, io);
  const failed = reportAbort(io, settings.audit, result);
  keptLines(report).forEach(line => io.stderr(line));
  return failed;
}

async function abortWithInterrupt(
  s3: S3Port, targets: AbortTarget[], sizesKnown: boolean, cleanUp: CleanUp, auditSettings: AuditSettings, io: CliIo,
): Promise<AbortResult> {
  let stop = false;
  // Handles the first interrupt only: a second one gets the default, and ends the process at once.
  const unregister = io.onInterrupt?.(() => {
    stop = true;
    release();
    io.stderr('\nmpu-audit: interrupted: finishing the aborts in flight, starting no more (interrupt again to quit at once)\n');
  });
  let registered = true;
  const release = () => {
    if (registered) unregister?.();
    registered = false;
  };
  try {
    return await abortUploads(s3, targets, { yes: cleanUp.yes, concurrency: auditSettings.concurrency, sizesKnown, stopRequested: () => stop });
  } finally {
    release();
  }
}

/** Prints what --abort did or would do; true when some abort failed or did not run. */
function reportAbort(io: CliIo, auditSettings: AuditSettings, result: AbortResult): boolean {
  const older = formatDuration(auditSettings.olderThanSeconds);
  if (!result.executed) {
    const total = sizeOf(result.targets.map(t => t.bytes));
    io.stderr(`mpu-audit: dry run: --abort would abort ${result.targets.length} upload(s) older than ${older}, ${total}. Add --yes to do it.\n`);
    for (const t of result.targets) io.stderr(`  would abort s3://${t.bucket}/${t.key} (upload ${t.uploadId}${t.bytes === null ? '' : `, ${t.bytes} bytes`})\n`);
    return false;
  }
  const notRun = result.targets.length - result.aborted.length - result.alreadyGone.length - result.failed.length;
  io.stderr(`mpu-audit: aborted ${result.aborted.length} of ${result.targets.length} orphaned upload(s), freed ${sizeOf([result.bytesFreed])}; `
    + `${result.alreadyGone.length} were already gone (completed or aborted meanwhile); ${result.failed.length} failed`
    + `${result.failed.length > 0 ? `, still holding ${sizeOf([result.bytesNotFreed])}` : ''}; ${notRun} not started\n`);
  for (const f of result.failed) io.stderr(`  failed s3://${f.bucket}/${f.key} (upload ${f.uploadId}): ${f.error}\n`);
  if (notRun > 0) io.stderr('mpu-audit: run the same command again to abort the rest\n');
  return result.failed.length > 0 || notRun > 0;
}

/** `1.5 KiB (1536 bytes)`, or `size not read (--summary)`. */
function sizeOf(bytes: Array<number | null>): string {
  if (bytes.some(b => b === null)) return 'size not read (--summary)';
  const total = bytes.reduce<number>((n, b) => n + (b ?? 0), 0);
  return `${humanBytes(total)} (${total} bytes)`;
}

