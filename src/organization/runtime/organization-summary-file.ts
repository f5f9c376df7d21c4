import { AccountRegionSummary, OrganizationSummary } from './account-region-audit';
import { jsonKindOf } from '../../audit/json-kind';

type Fail = (what: string) => Error;

/** The kinds of value a field may hold, as a message names them. */
type FieldKind = 'string' | 'number' | 'string or null' | 'number or null';

/** The figures that each result and the totals both have. */
const FIGURES = {
  buckets: 'number',
  bucketsFailingRule: 'number',
  failedBuckets: 'number',
  uploads: 'number',
  bytes: 'number or null',
  estimatedMonthlyCostUsd: 'number or null',
} as const;

const RESULT_FIELDS: Readonly<Record<keyof AccountRegionSummary, FieldKind>> = {
  accountId: 'string', accountName: 'string or null', region: 'string', ...FIGURES, error: 'string or null',
};

const TOTALS_FIELDS: Readonly<Record<keyof OrganizationSummary['totals'], FieldKind>> = { accounts: 'number', ...FIGURES, failedTargets: 'number' };

/**
 * Checks that `value` (a parsed summary.json) is an organization summary, and names the first
 * field that is missing or of another kind, so a wrong file gets one clear line instead of a
 * table of undefined (or a crash). Returns only the fields of a summary: whatever else the file
 * holds is neither rendered nor written back. No message quotes a value of the file.
 */
export function organizationSummaryFrom(source: string, value: unknown): OrganizationSummary {
  const fail: Fail = what => new Error(`${source} is not an organization summary (summary.json of an OrganizationAudit run or mpu-audit --accounts-from-organization --format json): ${what}`);
  const summary = objectAt(value, 'it', fail);
  const generatedAt = summary.generatedAt;
  if (typeof generatedAt !== 'string') throw fail(`generatedAt ${isNot(generatedAt, 'string')}`);
  if (!Array.isArray(summary.results)) throw fail(`results ${isNot(summary.results, 'list')}`);
  const results = summary.results.map((result, i) => fields(objectAt(result, `results[${i}]`, fail), `results[${i}]`, RESULT_FIELDS, fail));
  const totals = fields(objectAt(summary.totals, 'totals', fail), 'totals', TOTALS_FIELDS, fail);
  return { generatedAt, results, totals };
}

function objectAt(value: unknown, at: string, fail: Fail): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw fail(`${at} ${isNot(value, 'object')}`);
  return value as Record<string, unknown>;
}

/** The fields of `spec` from `object`, each checked against its kind. */
function fields<T>(object: Record<string, unknown>, at: string, spec: Readonly<Record<keyof T, FieldKind>>, fail: Fail): T {
  const checked: Record<string, unknown> = {};
  for (const [field, kind] of Object.entries<FieldKind>(spec)) {
    const value = Object.hasOwn(object, field) ? object[field] : undefined;
    const nullable = kind.endsWith(' or null');
    const type = kind.replace(' or null', '');
    if (!(typeof value === type || (nullable && value === null))) throw fail(`${at}.${field} ${isNot(value, kind)}`);
    checked[field] = value;
  }
  return checked as T;
}

/** `is missing`, or `is a string, not a number or null`. */
function isNot(value: unknown, wanted: string): string {
  if (value === undefined) return 'is missing';
  const article = /^[aeiou]/.test(wanted) ? 'an' : 'a';
  return `is ${jsonKindOf(value)}, not ${article} ${wanted}`;
}
