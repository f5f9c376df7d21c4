import { writeFileSync } from 'node:fs';
import { runMpuAudit } from '../../_helpers/run-mpu-audit';
import { expectOneLine, scratchDirectory, SECRET } from '../untrusted-input';

const at = scratchDirectory('mpu-audit-render-summary-');
const NOT_A_SUMMARY = 'is not an organization summary (summary.json of an OrganizationAudit run or mpu-audit --accounts-from-organization --format json)';

/** A summary.json of one account and region whose result has `result`'s fields beside its counts. */
function summaryFile(result: Record<string, unknown>): string {
  const path = at(`summary-${Object.keys(result).join('-')}.json`);
  const counts = { buckets: 1, bucketsFailingRule: 0, failedBuckets: 0, uploads: 0 };
  writeFileSync(path, JSON.stringify({
    generatedAt: '2026-11-22T12:00:00.000Z',
    results: [{ accountId: '111111111111', region: 'eu-west-1', ...counts, ...result }],
    totals: { accounts: 1, ...counts, bytes: null, estimatedMonthlyCostUsd: null, failedTargets: 0 },
  }));
  return path;
}

describe('mpu-audit --render-summary (the built bin) names a missing field or one of the wrong kind: exit 2, no crash', () => {
  test.each([
    [{ accountName: 'prod', bytes: 5, error: null }, 'results[0].estimatedMonthlyCostUsd is missing'],
    [{ accountName: 'prod', estimatedMonthlyCostUsd: 1, error: null }, 'results[0].bytes is missing'],
    [{ accountName: 'prod', bytes: 5, estimatedMonthlyCostUsd: SECRET, error: null }, 'results[0].estimatedMonthlyCostUsd is a string, not a number or null'],
    [{ accountName: 'prod', bytes: 5, estimatedMonthlyCostUsd: 1, error: { SECRET } }, 'results[0].error is an object, not a string or null'],
  ])('%j', (result, field) => {
    const path = summaryFile(result);
    for (const format of ['table', 'json']) {
      expectOneLine('mpu-audit', runMpuAudit(['--render-summary', path, '--format', format]), 2, `--render-summary ${path} ${NOT_A_SUMMARY}: ${field}`);
    }
  });
});
