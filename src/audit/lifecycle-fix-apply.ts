import { isDeepStrictEqual } from 'node:util';
import { LifecycleFixPlan, planLifecycleFix } from './lifecycle-fix-plan';
import { ManagedTag, readManagedBy } from './managed-by';
import { AuditReport, BucketReport, ManagedBy } from './report';
import { evaluateLifecycle } from '../policy/evaluate';
import { lifecycleFromS3Api } from '../policy/from-s3-api';
import { Verdict } from '../policy/verdict';
import { withAdaptiveLimit } from '../s3/adaptive-limit';
import { describeDenied, describeError } from '../s3/errors';
import { S3Port, BucketLifecycle, BucketRef } from '../s3/s3-port';

export interface LifecycleFixOptions {
  /** DaysAfterInitiation of the added rule. */
  readonly days: number;
  readonly maxDays: number;
  /** Write the change; without it this is a dry run. */
  readonly yes: boolean;
  readonly concurrency: number;
  /**
   * Write to managed buckets too (`--fix-managed`), and to buckets whose tags could not be read;
   * the stack's next update (or the owning tool's next run) then takes the rule away again.
   * Default false: such a bucket gets its plan and `leftToSource`, and nothing is written.
   */
  readonly fixManaged?: boolean;
  /** Tags that mark a bucket as managed, for buckets given without `managedBy` (see AuditOptions.managedTags). */
  readonly managedTags?: readonly ManagedTag[];
}

/** A bucket to fix, with who manages it as the audit found it; without `managedBy`, its tags are read first. */
export interface LifecycleFixTarget extends BucketRef {
  readonly managedBy?: ManagedBy | null;
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
  /** Who manages the bucket; null: no one (its tags were read and name none). */
  readonly managedBy: ManagedBy | null;
  /**
   * True when the bucket needs the rule (the plan adds it) but is managed, or its tags could not
   * be read, and `fixManaged` is off: nothing was written, and the change belongs in its source.
   */
  readonly leftToSource: boolean;
}

/** The buckets the fix is for: read in full, and not compliant. */
export function bucketsToFix(report: AuditReport): BucketReport[] {
  return report.buckets.filter(b => b.error === null && b.verdict !== 'COMPLIANT');
}

/**
 * Adds the whole-bucket abort rule to the buckets that need it, keeping every
 * existing rule. Before writing it reads the configuration again and refuses
 * if another writer changed it since the plan; after writing it reads it back
 * and checks that every earlier rule is still there, unchanged. A managed bucket
 * (see ManagedBy) is planned but not written unless `fixManaged`.
 */
export async function fixLifecycles(
  s3: S3Port, buckets: readonly LifecycleFixTarget[], options: LifecycleFixOptions,
): Promise<LifecycleFixResult[]> {
  return withAdaptiveLimit(s3, options.concurrency, limit => Promise.all(buckets.map(async bucket => {
    let plan: LifecycleFixPlan = { action: 'refuse', reason: 'the lifecycle configuration could not be read' };
    let managedBy: ManagedBy | null = bucket.managedBy ?? null;
    const result = (fields: Pick<LifecycleFixResult, 'applied' | 'written' | 'error'>, leftToSource = false): LifecycleFixResult =>
      ({ bucket: bucket.name, region: bucket.region, plan, ...fields, managedBy, leftToSource });
    const failed = (error: string, written = false) => result({ applied: false, written, error });
    let permission = 's3:GetLifecycleConfiguration';
    try {
      const [before, found] = await Promise.all([
        limit(() => s3.getLifecycle(bucket)),
        bucket.managedBy !== undefined ? bucket.managedBy : readManagedBy(s3, limit, bucket, options.managedTags),
      ]);
      managedBy = found;
      plan = planLifecycleFix(before, options.days, options.maxDays);
      const notWritten = { applied: false, written: false, error: null };
      if (plan.action !== 'add') return result(notWritten);
      if (managedBy !== null && !options.fixManaged) return result(notWritten, true);
      if (!options.yes) return result(notWritten);
      const again = await limit(() => s3.getLifecycle(bucket));
      if (!isDeepStrictEqual(again, before)) {
        return failed('the lifecycle configuration changed after it was read (another writer?); nothing was written. Run mpu-audit again.');
      }
      const merged = plan.lifecycle;
      permission = 's3:PutLifecycleConfiguration';
      await limit(() => s3.putLifecycle(bucket, merged));
      let after: BucketLifecycle | undefined;
      try {
        after = await limit(() => s3.getLifecycle(bucket));
      } catch (error) {
        return failed(`written, but it could not be read back: ${describeError(error)}`, true);
      }
      const problem = readBackProblem(before, merged, after, options.maxDays);
      if (problem) {
        return failed(`written, but ${problem}: check the bucket by hand`, true);
      }
      return result({ applied: true, written: true, error: null });
    } catch (error) {
      return failed(describeDenied(error, permission));
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
