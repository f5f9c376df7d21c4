import { Evaluation } from '../policy/evaluate';
import { MultipartUploadRuleId, Verdict } from '../policy/verdict';

export interface TemplateFinding {
  readonly ruleId: MultipartUploadRuleId;
  /** True when the rules could not be judged: a warning, whatever the level. */
  readonly unresolved: boolean;
  /** What is wrong and the fix, in the template's terms. */
  readonly message: string;
}

/** The finding for a verdict, worded for a CloudFormation or SAM template; undefined when compliant. */
export function templateFindingFor(evaluation: Evaluation, maxDays: number): TemplateFinding | undefined {
  switch (evaluation.verdict) {
    case Verdict.COMPLIANT:
      return undefined;
    case Verdict.UNRESOLVED:
      return {
        ruleId: MultipartUploadRuleId.MPU1,
        unresolved: true,
        message: `cannot tell whether the bucket aborts incomplete multipart uploads: ${evaluation.reason}. `
          + `Write the abort rule with literal values, or acknowledge ${MultipartUploadRuleId.MPU1} with a reason in the resource's Metadata.`,
      };
    case Verdict.TOO_LATE:
      return {
        ruleId: MultipartUploadRuleId.MPU2,
        unresolved: false,
        message: `the bucket keeps the parts of failed multipart uploads too long: ${evaluation.reason}. `
          + `Set AbortIncompleteMultipartUpload.DaysAfterInitiation to ${maxDays} or less in the rule without Prefix or filters.`,
      };
    case Verdict.INVALID_RULE:
      return {
        ruleId: MultipartUploadRuleId.MPU3,
        unresolved: false,
        message: `S3 will reject this bucket's LifecycleConfiguration at deploy time: ${evaluation.reason}. `
          + 'Move AbortIncompleteMultipartUpload to a rule without TagFilters, ObjectSizeGreaterThan or ObjectSizeLessThan, '
          + 'with DaysAfterInitiation a whole number >= 1.',
      };
    default:
      return {
        ruleId: MultipartUploadRuleId.MPU1,
        unresolved: false,
        message: `the bucket keeps the parts of failed multipart uploads forever, invisible and billed: ${evaluation.reason}. `
          + 'Add to LifecycleConfiguration.Rules: { Id: abort-incomplete-uploads, Status: Enabled, '
          + `AbortIncompleteMultipartUpload: { DaysAfterInitiation: ${maxDays} } }, with no Prefix, TagFilters or ObjectSize filter.`,
      };
  }
}
