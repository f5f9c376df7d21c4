import { NagRuleCompliance } from 'cdk-nag';
import { MultipartUploadChecks, rules } from '../../src';
import { evaluateCloudFormationLifecycle } from '../../src/policy/evaluate-cloudformation';
import { Verdict } from '../../src/policy/verdict';
import { bucketIn, expected, viaAspect } from '../_helpers/parity-paths';
import { LIFECYCLE_CASES, LifecycleCase } from '../fixtures/lifecycle-cases';

/** What each path says about one case, as `RULE-ID`, `RULE-ID unresolved` or `none`. */
function viaEvaluator(c: LifecycleCase): string {
  const { stack, bucket } = bucketIn(c);
  const evaluation = evaluateCloudFormationLifecycle(stack.resolve(bucket.lifecycleConfiguration), { maxDays: c.maxDays });
  return evaluation.verdict === Verdict.UNRESOLVED ? 'MultipartUpload-MPU1 unresolved' : evaluation.ruleId ?? 'none';
}

function viaNagPack(c: LifecycleCase): string {
  const { app } = bucketIn(c);
  const report = new MultipartUploadChecks(app, { maxDays: c.maxDays }).validateScope(app);
  if (report.violations.length === 0) return 'none';
  expect(report.violations).toHaveLength(1);
  const [violation] = report.violations;
  return violation.description.startsWith('Rule threw an error') ? `${violation.ruleName} unresolved` : violation.ruleName;
}

/** The exported rule functions, as a cdk-nag pack of the user's own would apply them. */
function viaRuleFunctions(c: LifecycleCase): string {
  const { bucket } = bucketIn(c);
  const byId = { 'MultipartUpload-MPU1': rules.S3BucketAbortsIncompleteUploads, 'MultipartUpload-MPU2': rules.S3BucketAbortsIncompleteUploadsInTime, 'MultipartUpload-MPU3': rules.S3BucketAbortRuleAccepted };
  try {
    const broken = Object.entries(byId).filter(([, rule]) => rule(bucket, c.maxDays) === NagRuleCompliance.NON_COMPLIANT).map(([id]) => id);
    expect(broken.length).toBeLessThanOrEqual(1);
    return broken[0] ?? 'none';
  } catch (error) {
    return (error as Error).message.startsWith('MultipartUpload-MPU1: cannot tell') ? 'MultipartUpload-MPU1 unresolved' : String(error);
  }
}

describe('parity: the shared case table through every synth-time path', () => {
  test.each(LIFECYCLE_CASES)('$name: evaluator, Aspect, cdk-nag pack and rule functions agree', (c) => {
    const want = expected(c);
    expect({ evaluator: viaEvaluator(c), aspect: viaAspect(c), nag: viaNagPack(c), rules: viaRuleFunctions(c) })
      .toEqual({ evaluator: want, aspect: want, nag: want, rules: want });
  });
});
