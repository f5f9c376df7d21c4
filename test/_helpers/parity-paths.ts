import { App, aws_s3 as s3, CfnParameter, Stack } from 'aws-cdk-lib';
import { AbortIncompleteUploadsChecker } from '../../src';
import { ruleIdOf, Verdict } from '../../src/policy/verdict';
import { LifecycleCase } from '../fixtures/lifecycle-cases';

/**
 * What the parity tests share: one case's bucket in a stack, and what each path must say about it,
 * as `RULE-ID`, `RULE-ID unresolved` or `none`.
 */
export function bucketIn(c: LifecycleCase) {
  const app = new App();
  const stack = new Stack(app, 'Stack');
  new CfnParameter(stack, 'AbortDays', { type: 'Number', default: 1 });
  const bucket = new s3.CfnBucket(stack, 'Bucket', { lifecycleConfiguration: c.cfn });
  return { app, stack, bucket };
}

export function expected(c: LifecycleCase): string {
  if (c.verdict === Verdict.UNRESOLVED) return 'MultipartUpload-MPU1 unresolved';
  return ruleIdOf(c.verdict) ?? 'none';
}

/** The Aspect's annotation on the case's bucket. */
export function viaAspect(c: LifecycleCase): string {
  const { app } = bucketIn(c);
  AbortIncompleteUploadsChecker.applyTo(app, { maxDays: c.maxDays });
  const messages = app.synth().stacks[0].messages.filter(m => String(m.entry.data).includes('MultipartUpload-'));
  if (messages.length === 0) return 'none';
  expect(messages).toHaveLength(1);
  const [id] = String(messages[0].entry.data).split(':');
  return messages[0].level === 'warning' && String(messages[0].entry.data).includes('cannot tell') ? `${id} unresolved` : id;
}
