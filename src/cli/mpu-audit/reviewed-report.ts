import { AccountScope, AuditSettings } from './run-settings';
import { reportScopeOf } from '../../audit/audit';
import { formatDuration } from '../../audit/duration';
import { ReviewedReport, reviewedReportFrom } from '../../audit/report-file';
import { CliIo } from '../cli-io';
import { readJsonFile } from '../json-file';
import { UsageError } from '../options/usage-error';

const MAKE_ONE = 'give a report written by mpu-audit --format json --output FILE';

/**
 * About 400,000 uploads, at the 700 bytes or so that the report gives each: a string of the file
 * and the objects JSON.parse makes of it take a few times as much memory, and Node.js holds no
 * string over 512 MiB at all.
 */
export const MAX_REPORT_BYTES = 256 * 1024 * 1024;

/** What a run of `--from-report` was given beside the file: the options that decide the uploads. */
export interface ReviewRun {
  readonly audit: Pick<AuditSettings, 'olderThanSeconds' | 'prefix' | 'keep'>;
  readonly account: AccountScope;
}

/**
 * The report of `--from-report FILE`, refused with one line (a UsageError) when it cannot be
 * read, is not a report, or was made with other scope options than this run's.
 */
export function readReviewedReport(io: CliIo, path: string, run: ReviewRun): ReviewedReport {
  const source = `--from-report ${path}`;
  const value = readJsonFile(io, source, path, {
    maxBytes: MAX_REPORT_BYTES,
    unreadable: MAKE_ONE,
    tooLarge: 'make a report of fewer uploads (--bucket, --prefix), abort its orphans, then the next',
    notJson: MAKE_ONE,
  });
  let report: ReviewedReport;
  try {
    report = reviewedReportFrom(source, value);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const difference = scopeDifference(report, run);
  if (difference !== undefined) {
    throw new UsageError(`${source} was made with ${difference.report}, and this run has ${difference.run}: `
      + 'give the options the report was made with, or make a new report');
  }
  return report;
}

/** The first option whose value differs between the report and the run, as each of them has it. */
function scopeDifference(report: ReviewedReport, run: ReviewRun): { report: string; run: string } | undefined {
  const made = reportScopeOf({
    ...report.scope,
    prefix: report.scope.prefix ?? undefined,
    keep: { prefixes: report.scope.excludePrefixes, initiators: report.scope.keepInitiators },
  });
  const given = reportScopeOf({ buckets: run.account.buckets, regions: run.account.regions, prefix: run.audit.prefix, keep: run.audit.keep });
  const prefix = (value: string | null) => (value === null ? [] : [value]);
  const sides = [
    ['older-than', listed('older-than', [formatDuration(report.olderThanSeconds)]), listed('older-than', [formatDuration(run.audit.olderThanSeconds)])],
    ['bucket', listed('bucket', made.buckets), listed('bucket', given.buckets)],
    ['region', listed('region', made.regions), listed('region', given.regions)],
    ['prefix', listed('prefix', prefix(made.prefix)), listed('prefix', prefix(given.prefix))],
    ['exclude-prefix', listed('exclude-prefix', made.excludePrefixes), listed('exclude-prefix', given.excludePrefixes)],
    ['keep-initiator', listed('keep-initiator', made.keepInitiators), listed('keep-initiator', given.keepInitiators)],
  ];
  const differing = sides.find(([, inReport, inRun]) => inReport !== inRun);
  if (differing === undefined) return undefined;
  const [name, inReport, inRun] = differing;
  const describe = (value: string) => (value === '' ? `no --${name}` : value);
  return { report: describe(inReport), run: describe(inRun) };
}

/** `--bucket a --bucket b`, or '' for none. */
function listed(name: string, values: readonly string[]): string {
  return values.map(value => `--${name} ${value}`).join(' ');
}
