import { Evaluation } from '../policy/evaluate';
import { FixWording, findingText } from '../policy/finding-text';
import { MultipartUploadRuleId } from '../policy/verdict';

export interface Finding {
  readonly ruleId: MultipartUploadRuleId;
  /** True when the rules could not be judged (a token): reported as a warning. */
  readonly unresolved: boolean;
  /** Starts with the rule id; says what is wrong and the CDK prop that fixes it. */
  readonly message: string;
}

const WHOLE_BUCKET_RULE = 'lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(N) }] with no prefix, tag or size filter';

/** The fixes in a CDK app's terms. */
const CDK_FIXES: FixWording = {
  configuration: 'lifecycle configuration',
  unresolved: `Use literal values in the abort rule, or acknowledge ${MultipartUploadRuleId.MPU1} with a reason.`,
  tooLate: maxDays => `Set abortIncompleteMultipartUploadAfter to Duration.days(${maxDays}) or less on the whole-bucket lifecycle rule.`,
  invalid: 'Move abortIncompleteMultipartUploadAfter to a rule without tagFilters, objectSizeGreaterThan or objectSizeLessThan, with whole days >= 1.',
  missing: maxDays => `Add ${WHOLE_BUCKET_RULE.replace('N', String(maxDays))} to the bucket, or use ResilientBucket from cdk-mpu-guard.`,
};

/** The finding for a verdict, or undefined when the bucket is compliant. */
export function findingFor(evaluation: Evaluation, maxDays: number): Finding | undefined {
  const finding = findingText(evaluation, maxDays, CDK_FIXES);
  return finding && { ruleId: finding.ruleId, unresolved: finding.unresolved, message: `${finding.ruleId}: ${finding.text}` };
}
