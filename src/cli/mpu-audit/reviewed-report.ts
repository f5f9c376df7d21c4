import { RunSettings } from './run-settings';
import { reportScopeOf } from '../../audit/audit';
import { formatDuration, parseDuration } from '../../audit/duration';
import { oneLine } from '../../audit/render/table';
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
const MAX_REPORT_BYTES = 256 * 1024 * 1024;

/**
 * The report of `--from-report FILE`, and the run's settings with the options the report was made
 * with (`--older-than` and the scope: `--bucket`, `--region`, `--prefix`, `--exclude-prefix`,
 * `--keep-initiator`), as a saved plan is applied with the options it was made with. Refused with
 * one line (a UsageError) when the file cannot be read or is not a report, or when the command
 * line gives one of those options with another value than the report's.
 */
export function readReviewedReport(io: CliIo, path: string, settings: RunSettings): { report: ReviewedReport; settings: RunSettings } {
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
  const differing = recordedOptions(report, settings).find(option => settings.given.has(option.name) && option.made !== option.given);
  if (differing !== undefined) {
    const { name, made, given } = differing;
    throw new UsageError(`${source} was made with ${made}, and this run gives ${given}: `
      + `drop --${name} to apply the report with the options it was made with, or make a new report`);
  }
  return { report, settings: withOptionsOf(report, settings) };
}

/** The settings of the run with the options recorded in the report in place of the command line's. */
function withOptionsOf(report: ReviewedReport, settings: RunSettings): RunSettings {
  const { scope } = report;
  return {
    ...settings,
    account: { buckets: scope.buckets, regions: scope.regions },
    audit: {
      ...settings.audit,
      olderThanSeconds: report.olderThanSeconds,
      prefix: scope.prefix ?? undefined,
      keep: { prefixes: scope.excludePrefixes, initiators: scope.keepInitiators },
    },
  };
}

/**
 * Each option the report records, written as the report and as the run have it (`--bucket a
 * --bucket b`, `no --bucket`); lists sorted and without repeats, so that order and repeats do not count.
 */
function recordedOptions(report: ReviewedReport, settings: RunSettings): Array<{ name: string; made: string; given: string }> {
  const made = reportScopeOf({
    ...report.scope,
    prefix: report.scope.prefix ?? undefined,
    keep: { prefixes: report.scope.excludePrefixes, initiators: report.scope.keepInitiators },
  });
  const { account, audit } = settings;
  const given = reportScopeOf({ buckets: account.buckets, regions: account.regions, prefix: audit.prefix, keep: audit.keep });
  const prefix = (value: string | null) => (value === null ? [] : [value]);
  const options: Array<[string, readonly string[], readonly string[]]> = [
    ['older-than', [exactDuration(report.olderThanSeconds)], [exactDuration(audit.olderThanSeconds)]],
    ['bucket', made.buckets, given.buckets],
    ['region', made.regions, given.regions],
    ['prefix', prefix(made.prefix), prefix(given.prefix)],
    ['exclude-prefix', made.excludePrefixes, given.excludePrefixes],
    ['keep-initiator', made.keepInitiators, given.keepInitiators],
  ];
  return options.map(([name, inReport, inRun]) => ({ name, made: listed(name, inReport), given: listed(name, inRun) }));
}

/** `24h` for 86400, and `90061s` for a number of seconds that no shorter form gives back exactly. */
function exactDuration(seconds: number): string {
  const short = formatDuration(seconds);
  return parseDuration('', short) === seconds ? short : `${seconds}s`;
}

/** `--bucket a --bucket b`, or `no --bucket`; a value a shell would split or that holds control characters is quoted. */
function listed(name: string, values: readonly string[]): string {
  if (values.length === 0) return `no --${name}`;
  return values.map(value => `--${name} ${/^[\w./:=@+,-]+$/.test(value) ? value : oneLine(JSON.stringify(value))}`).join(' ');
}
