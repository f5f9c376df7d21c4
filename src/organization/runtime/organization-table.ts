import { OrganizationSummary } from './account-region-audit';
import { humanBytes } from '../../audit/render/human-size';
import { alignedLines, formatUsd, HumanColumn } from '../../audit/render/table';

const COLUMNS: readonly HumanColumn[] = [
  { title: 'Account', numeric: false },
  { title: 'Name', numeric: false },
  { title: 'Region', numeric: false },
  { title: 'Buckets', numeric: true },
  { title: 'Failing rule', numeric: true },
  { title: 'Orphaned uploads', numeric: true },
  { title: 'Size', numeric: true },
  { title: 'Est. USD/month', numeric: true },
  { title: 'Error', numeric: false },
];

/**
 * An organization's summary as a plain-text table: one row per account and region,
 * a TOTAL row, then notes on what the totals leave out.
 */
export function renderOrganizationTable(summary: OrganizationSummary): string {
  const orDash = <T>(value: T | null, format: (v: T) => string) => (value === null ? '-' : format(value));
  const rows = summary.results.map(r => [
    r.accountId,
    r.accountName ?? '',
    r.region,
    String(r.buckets),
    String(r.bucketsFailingRule),
    String(r.uploads),
    orDash(r.bytes, humanBytes),
    orDash(r.estimatedMonthlyCostUsd, formatUsd),
    r.error ?? (r.failedBuckets > 0 ? `${r.failedBuckets} bucket(s) not read in full` : '-'),
  ]);
  const t = summary.totals;
  rows.push([
    'TOTAL', `${t.accounts} account(s)`, '', String(t.buckets), String(t.bucketsFailingRule), String(t.uploads),
    orDash(t.bytes, humanBytes), orDash(t.estimatedMonthlyCostUsd, formatUsd), '',
  ]);
  const notes: string[] = [];
  if (t.failedTargets > 0) notes.push(`${t.failedTargets} account and region pair(s) could not be audited; totals cover the others.`);
  if (t.failedBuckets > 0) notes.push(`${t.failedBuckets} bucket(s) could not be read in full; totals cover the others.`);
  return [...alignedLines(COLUMNS, rows), ...notes].join('\n') + '\n';
}
