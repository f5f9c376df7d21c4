import { isDeepStrictEqual } from 'node:util';
import { withAdaptiveLimit } from './adaptive-limit';
import { describeDenied, describeError } from './errors';
import { LifecycleFixPlan, planLifecycleFix } from './lifecycle-fix-plan';
import { AuditReport, BucketReport } from './report';
import { AuditS3, BucketLifecycle, BucketRef } from './s3-port';
import { evaluateLifecycle } from '../policy/evaluate';
import { lifecycleFromS3Api } from '../policy/from-s3-api';
import { Verdict } from '../policy/verdict';

export interface LifecycleFixOptions {
  /** DaysAfterInitiation of the added rule. */
  readonly days: number;
  readonly maxDays: number;
  /** Write the change; without it this is a dry run. */
  readonly yes: boolean;
  readonly concurrency: number;
}

export interface LifecycleFixResult {
  readonly bucket: string;
  readonly region: string;
  readonly plan: LifecycleFixPlan;
  /** True once the server holds the merged configuration and it was read back. */
  readonly applied: boolean;
  /** True when the configuration was written, even if the read-back then found a problem. */
  readonly written: boolean;
  readonly error: string | null;
}

/** The buckets the fix is for: read in full, and not compliant. */
export function bucketsToFix(report: AuditReport): BucketReport[] {
  return report.buckets.filter(b => b.error === null && b.verdict !== 'COMPLIANT');
}

/**
 * Adds the whole-bucket abort rule to the buckets that need it, keeping every
 * existing rule. Before writing it reads the configuration again and refuses
 * if another writer changed it since the plan; after writing it reads it back
 * and checks that every earlier rule is still there, unchanged.
 */
export async function fixLifecycles(s3: AuditS3, buckets: readonly BucketRef[], options: LifecycleFixOptions): Promise<LifecycleFixResult[]> {
  return withAdaptiveLimit(s3, options.concurrency, limit => Promise.all(buckets.map(async bucket => {
    let plan: LifecycleFixPlan = { action: 'refuse', reason: 'the lifecycle configuration could not be read' };
    let permission = 's3:GetLifecycleConfiguration';
    try {
      const before = await limit(() => s3.getLifecycle(bucket));
      plan = planLifecycleFix(before, options.days, options.maxDays);
      if (plan.action !== 'add' || !options.yes) {
        return { bucket: bucket.name, region: bucket.region, plan, applied: false, written: false, error: null };
      }
      const again = await limit(() => s3.getLifecycle(bucket));
      if (!isDeepStrictEqual(again, before)) {
        return failed(bucket, plan, 'the lifecycle configuration changed after it was read (another writer?); nothing was written. Run mpu-audit again.');
      }
      const merged = plan.lifecycle;
      permission = 's3:PutLifecycleConfiguration';
      await limit(() => s3.putLifecycle(bucket, merged));
      let after: BucketLifecycle | undefined;
      try {
        after = await limit(() => s3.getLifecycle(bucket));
      } catch (error) {
        return { ...failed(bucket, plan, `written, but it could not be read back: ${describeError(error)}`), written: true };
      }
      const problem = readBackProblem(before, merged, after, options.maxDays);
      if (problem) {
        return { ...failed(bucket, plan, `written, but ${problem}: check the bucket by hand`), written: true };
      }
      return { bucket: bucket.name, region: bucket.region, plan, applied: true, written: true, error: null };
    } catch (error) {
      return failed(bucket, plan, describeDenied(error, permission));
    }
  })));
}

/** What is wrong with the configuration read back after the write, if anything. Servers may reorder the rules. */
function readBackProblem(
  before: BucketLifecycle | undefined, written: BucketLifecycle, after: BucketLifecycle | undefined, maxDays: number,
): string | undefined {
  const rules = after?.rules ?? [];
  if (rules.length !== written.rules.length) {
    return `the server holds ${rules.length} rules where ${written.rules.length} were written`;
  }
  const changed = (before?.rules ?? []).find(rule => !rules.some(held => isDeepStrictEqual(held, rule)));
  if (changed) {
    return `the rule ${changed.ID ?? '(no id)'} reads back differently`;
  }
  if (after?.transitionDefaultMinimumObjectSize !== before?.transitionDefaultMinimumObjectSize) {
    return 'TransitionDefaultMinimumObjectSize reads back differently';
  }
  const check = evaluateLifecycle(lifecycleFromS3Api(rules), { maxDays });
  return check.verdict === Verdict.COMPLIANT ? undefined : `the bucket is still not compliant: ${check.reason}`;
}

function failed(bucket: BucketRef, plan: LifecycleFixPlan, error: string): LifecycleFixResult {
  return { bucket: bucket.name, region: bucket.region, plan, applied: false, written: false, error };
}
