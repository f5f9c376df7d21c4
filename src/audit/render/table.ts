import { humanBytes } from './human-size';
import { managedMarker, managedNotes } from './managed-cells';
import { formatDuration } from '../duration';
import { AuditReport, BucketReport } from '../report';

/** A column of the human-readable reports (terminal table and markdown). */
export interface HumanColumn {
  readonly title: string;
  /** Numbers are right-aligned, text left-aligned. */
  readonly numeric: boolean;
}

/** The columns of the terminal table and of the markdown table, in order. */
export const HUMAN_COLUMNS: readonly HumanColumn[] = [
  { title: 'Bucket', numeric: false },
  { title: 'Region', numeric: false },
  { title: 'Verdict', numeric: false },
  { title: 'Managed', numeric: false },
  { title: 'Orphaned uploads', numeric: true },
  { title: 'Parts', numeric: true },
  { title: 'Size', numeric: true },
  { title: 'Oldest', numeric: true },
  { title: 'Est. USD/month', numeric: true },
  { title: 'Error', numeric: false },
];

/** The label of the totals row. */
export const TOTAL_LABEL = 'TOTAL';

/** USD with 2 decimals; `<0.01` for an amount above 0 that would show as 0.00. */
export function formatUsd(usd: number): string {
  if (usd > 0 && usd < 0.005) return '<0.01';
  return usd.toFixed(2);
}

/**
 * The human cells of each bucket, then of the totals row (as plain text, not yet escaped or padded).
 * The totals row shows `report.totals`: buckets with an error are not in it.
 */
export function humanRows(report: AuditReport): string[][] {
  const rows = report.buckets.map(bucket => [
    bucket.name,
    bucket.region,
    bucket.verdict,
    managedMarker(bucket.managedBy),
    String(bucket.uploads),
    orNotRead(bucket.parts, String),
    orNotRead(bucket.bytes, humanBytes),
    ageOf(report, bucket.oldestInitiated),
    orNotRead(bucket.estimatedMonthlyCostUsd, formatUsd),
    bucket.error ?? '-',
  ]);
  const totals = report.totals;
  rows.push([
    TOTAL_LABEL,
    '',
    '',
    '',
    String(totals.uploads),
    orNotRead(totals.parts, String),
    orNotRead(totals.bytes, humanBytes),
    ageOf(report, oldestOf(report.buckets.filter(b => b.error === null))),
    orNotRead(totals.estimatedMonthlyCostUsd, formatUsd),
    '',
  ]);
  return rows;
}

/** The sentences under a human report: buckets that failed, uploads in progress. None when there is nothing to say. */
export function reportNotes(report: AuditReport): string[] {
  const notes: string[] = [];
  if (!report.partsRead) {
    notes.push('Summary (--summary): uploads counted and aged from ListMultipartUploads only; parts, sizes and costs were not read.');
  }
  const { failedBuckets, buckets } = report.totals;
  if (failedBuckets > 0) {
    notes.push(`${failedBuckets} of ${buckets} ${plural(buckets, 'bucket', 'buckets')} could not be read in full; totals cover the others.`);
  }
  const { slowDowns, lowestConcurrency } = report.throttling;
  if (slowDowns > 0) {
    notes.push(`S3 asked to slow down ${slowDowns} ${plural(slowDowns, 'time', 'times')}; the audit went down to ${lowestConcurrency} `
      + `${plural(lowestConcurrency, 'request', 'requests')} at once and retried them.`);
  }
  const kept = report.totals.keptOrphans;
  if (kept.uploads > 0) {
    const size = kept.bytes === null ? '' : ` (${humanBytes(kept.bytes)})`;
    notes.push(`${kept.uploads} ${plural(kept.uploads, 'orphaned upload', 'orphaned uploads')}${size} ${plural(kept.uploads, 'is', 'are')} `
      + 'kept on purpose (see --exclude-prefix/--keep-initiator): counted above, never aborted.');
  }
  const inProgress = report.buckets.reduce((n, b) => n + b.inProgress.uploads, 0);
  if (inProgress > 0) {
    const younger = formatDuration(report.olderThanSeconds);
    notes.push(inProgress === 1
      ? `1 upload younger than ${younger} is in progress and was not counted.`
      : `${inProgress} uploads younger than ${younger} are in progress and were not counted.`);
  }
  notes.push(...managedNotes(report));
  return notes;
}

/**
 * The report as a plain-text table for a terminal: one row per bucket, a TOTAL row,
 * then the notes. No colours; control characters in cells become spaces so that
 * every bucket stays on one line.
 */
export function renderTable(report: AuditReport): string {
  return [...alignedLines(HUMAN_COLUMNS, humanRows(report)), ...reportNotes(report)].join('\n') + '\n';
}

/** A header of the upper-cased titles, then the rows: numbers right-aligned, text left-aligned, two spaces apart. */
export function alignedLines(columns: readonly HumanColumn[], rows: readonly string[][]): string[] {
  const cells = [columns.map(c => c.title.toUpperCase()), ...rows].map(row => row.map(oneLine));
  const widths = columns.map((_, i) => Math.max(...cells.map(row => row[i].length)));
  const last = columns.length - 1;
  return cells.map(row => row
    .map((cell, i) => {
      if (columns[i].numeric) return cell.padStart(widths[i]);
      return i === last ? cell : cell.padEnd(widths[i]);
    })
    .join('  ')
    .trimEnd());
}

/** `-` for a value that was not read (a summary). */
function orNotRead<T>(value: T | null, format: (value: T) => string): string {
  return value === null ? '-' : format(value);
}

/** How long before `generatedAt` the upload started: `-` for none. */
function ageOf(report: AuditReport, initiated: string | null): string {
  if (initiated === null) return '-';
  const seconds = (Date.parse(report.generatedAt) - Date.parse(initiated)) / 1000;
  if (!Number.isFinite(seconds)) return '?';
  return formatDuration(Math.max(0, seconds));
}

function oldestOf(buckets: readonly BucketReport[]): string | null {
  let oldest: string | null = null;
  let oldestTime = Infinity;
  for (const bucket of buckets) {
    if (bucket.oldestInitiated === null) continue;
    const time = Date.parse(bucket.oldestInitiated);
    if (oldest === null || time < oldestTime) {
      oldest = bucket.oldestInitiated;
      oldestTime = time;
    }
  }
  return oldest;
}

/** The text with each run of control characters (line breaks, tabs, terminal escapes) turned into one space. */
export function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}
