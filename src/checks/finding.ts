import { Evaluation } from '../policy/evaluate';
import { MultipartUploadRuleId, Verdict } from '../policy/verdict';

export interface Finding {
  readonly ruleId: MultipartUploadRuleId;
  /** True when the rules could not be judged (a token): reported as a warning. */
  readonly unresolved: boolean;
  /** Starts with the rule id; says what is wrong and the CDK prop that fixes it. */
  readonly message: string;
}

const WHOLE_BUCKET_RULE = 'lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(N) }] with no prefix, tag or size filter';

/** The finding for a verdict, or undefined when the bucket is compliant. */
export function findingFor(evaluation: Evaluation, maxDays: number): Finding | undefined {
  switch (evaluation.verdict) {
    case Verdict.COMPLIANT:
      return undefined;
    case Verdict.UNRESOLVED:
      return finding(MultipartUploadRuleId.MPU1, true,
        `cannot tell whether the bucket aborts incomplete multipart uploads: ${evaluation.reason}. `
        + `Use literal values in the abort rule, or acknowledge ${MultipartUploadRuleId.MPU1} with a reason.`);
    case Verdict.TOO_LATE:
      return finding(MultipartUploadRuleId.MPU2, false,
        `the bucket keeps the parts of failed multipart uploads too long: ${evaluation.reason}. `
        + `Set abortIncompleteMultipartUploadAfter to Duration.days(${maxDays}) or less on the whole-bucket lifecycle rule.`);
    case Verdict.INVALID_RULE:
      return finding(MultipartUploadRuleId.MPU3, false,
        `S3 will reject this bucket's lifecycle configuration at deploy time: ${evaluation.reason}. `
        + 'Move abortIncompleteMultipartUploadAfter to a rule without tagFilters, objectSizeGreaterThan or objectSizeLessThan, with whole days >= 1.');
    default:
      return finding(MultipartUploadRuleId.MPU1, false,
        `the bucket keeps the parts of failed multipart uploads forever, invisible and billed: ${evaluation.reason}. `
        + `Add ${WHOLE_BUCKET_RULE.replace('N', String(maxDays))} to the bucket, or use ResilientBucket from cdk-mpu-guard.`);
  }
}

function finding(ruleId: MultipartUploadRuleId, unresolved: boolean, text: string): Finding {
  return { ruleId, unresolved, message: `${ruleId}: ${text}` };
}
