import { AccountRegionSummary, OrganizationSummary } from './account-region-audit';

/**
 * Checks that `value` (a parsed summary.json) is an organization summary, and names
 * the first field that is not, so a wrong file gets one clear line instead of a table of undefined.
 */
export function organizationSummaryFrom(source: string, value: unknown): OrganizationSummary {
  const fail = (what: string) => new Error(`${source} is not an organization summary (summary.json of an OrganizationAudit run or mpu-audit --accounts-from-organization --format json): ${what}`);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw fail('it is not a JSON object');
  const summary = value as Record<string, unknown>;
  if (typeof summary.generatedAt !== 'string') throw fail('generatedAt is missing');
  if (!Array.isArray(summary.results)) throw fail('results is not a list');
  if (typeof summary.totals !== 'object' || summary.totals === null) throw fail('totals is missing');
  summary.results.forEach((result, i) => checkResult(result, i, fail));
  const totals = summary.totals as Record<string, unknown>;
  for (const field of ['accounts', 'buckets', 'bucketsFailingRule', 'failedBuckets', 'uploads', 'failedTargets']) {
    if (typeof totals[field] !== 'number') throw fail(`totals.${field} is not a number`);
  }
  for (const field of ['bytes', 'estimatedMonthlyCostUsd']) {
    if (totals[field] !== null && typeof totals[field] !== 'number') throw fail(`totals.${field} is not a number or null`);
  }
  return value as OrganizationSummary;
}

function checkResult(value: unknown, index: number, fail: (what: string) => Error): asserts value is AccountRegionSummary {
  const result = value as Record<string, unknown>;
  if (typeof value !== 'object' || value === null) throw fail(`results[${index}] is not an object`);
  for (const field of ['accountId', 'region']) {
    if (typeof result[field] !== 'string') throw fail(`results[${index}].${field} is not a string`);
  }
  for (const field of ['buckets', 'bucketsFailingRule', 'failedBuckets', 'uploads']) {
    if (typeof result[field] !== 'number') throw fail(`results[${index}].${field} is not a number`);
  }
}
