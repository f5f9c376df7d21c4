import { Evaluation } from './evaluate';
import { MultipartUploadRuleId, Verdict } from './verdict';

/** How the fix of each finding is said in the terms of one input: CDK props, a template, HCL. */
export interface FixWording {
  /** What the input calls the bucket's lifecycle rules as a whole, e.g. `LifecycleConfiguration`. */
  readonly configuration: string;
  readonly unresolved: string;
  readonly tooLate: (maxDays: number) => string;
  readonly invalid: string;
  readonly missing: (maxDays: number) => string;
}

export interface FindingText {
  readonly ruleId: MultipartUploadRuleId;
  /** True when the rules could not be judged: a warning, whatever the level. */
  readonly unresolved: boolean;
  /** What is wrong, why it matters, and the fix in the input's terms (without the rule id). */
  readonly text: string;
}

/**
 * The finding for a verdict, the same sentence for every input but the fix, which `fix` words;
 * undefined when the bucket is compliant.
 */
export function findingText(evaluation: Evaluation, maxDays: number, fix: FixWording): FindingText | undefined {
  switch (evaluation.verdict) {
    case Verdict.COMPLIANT:
      return undefined;
    case Verdict.UNRESOLVED:
      return {
        ruleId: MultipartUploadRuleId.MPU1,
        unresolved: true,
        text: `cannot tell whether the bucket aborts incomplete multipart uploads: ${evaluation.reason}. ${fix.unresolved}`,
      };
    case Verdict.TOO_LATE:
      return {
        ruleId: MultipartUploadRuleId.MPU2,
        unresolved: false,
        text: `the bucket keeps the parts of failed multipart uploads too long: ${evaluation.reason}. ${fix.tooLate(maxDays)}`,
      };
    case Verdict.INVALID_RULE:
      return {
        ruleId: MultipartUploadRuleId.MPU3,
        unresolved: false,
        text: `S3 will reject this bucket's ${fix.configuration} at deploy time: ${evaluation.reason}. ${fix.invalid}`,
      };
    default:
      return {
        ruleId: MultipartUploadRuleId.MPU1,
        unresolved: false,
        text: `the bucket keeps the parts of failed multipart uploads forever, invisible and billed: ${evaluation.reason}. ${fix.missing(maxDays)}`,
      };
  }
}
