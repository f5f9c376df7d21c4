import { breaksRule, BucketReport, ReportTotals } from './report';
import { roundUsd } from './usd';

/** Totals over the buckets read without error; failed buckets are counted apart. */
export function totalsOf(buckets: BucketReport[], partsRead: boolean): ReportTotals {
  const read = buckets.filter(b => b.error === null);
  return {
    buckets: buckets.length,
    uploads: sum(read.map(b => b.uploads)),
    parts: partsRead ? sum(read.map(b => b.parts ?? 0)) : null,
    bytes: partsRead ? sum(read.map(b => b.bytes ?? 0)) : null,
    estimatedMonthlyCostUsd: partsRead ? roundUsd(sum(read.map(b => b.estimatedMonthlyCostUsd ?? 0))) : null,
    failedBuckets: buckets.length - read.length,
    bucketsFailingRule: buckets.filter(b => breaksRule(b.verdict)).length,
    keptOrphans: {
      uploads: sum(read.map(b => b.keptOrphans.uploads)),
      bytes: partsRead ? sum(read.map(b => b.keptOrphans.bytes ?? 0)) : null,
    },
  };
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
