import { managedCsvFields } from './managed-cells';
import { AuditReport } from '../report';

/** The header row of the CSV report. */
const CSV_COLUMNS: readonly string[] = [
  'bucket',
  'region',
  'verdict',
  'uploads',
  'parts',
  'bytes',
  'oldest_initiated',
  'estimated_monthly_cost_usd',
  'managed_by',
  'managed_by_name',
  'error',
];

/**
 * The report as RFC 4180 CSV (with `\n` line ends): one row per bucket, exact bytes,
 * an empty field for null. Text fields that a spreadsheet would run as a formula get a leading `'`.
 */
export function renderCsv(report: AuditReport): string {
  const rows = report.buckets.map(bucket => [
    textField(bucket.name),
    textField(bucket.region),
    textField(bucket.verdict),
    String(bucket.uploads),
    numberField(bucket.parts),
    numberField(bucket.bytes),
    textField(bucket.oldestInitiated),
    numberField(bucket.estimatedMonthlyCostUsd),
    ...managedCsvFields(bucket.managedBy).map(textField),
    textField(bucket.error),
  ]);
  return [CSV_COLUMNS.join(','), ...rows.map(row => row.join(','))].join('\n') + '\n';
}

function numberField(value: number | null): string {
  return value === null ? '' : String(value);
}

/** Guards against formula injection (OWASP: `=`, `+`, `-`, `@`, tab, CR), then quotes when needed. */
function textField(text: string | null): string {
  if (text === null) return '';
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
