import { MultipartUploadRuleId } from './rule-catalogue';

export { MultipartUploadRuleId } from './rule-catalogue';

/**
 * What the lifecycle evaluator concluded about one bucket.
 */
export enum Verdict {
  /** An enabled whole-bucket rule aborts incomplete uploads within the allowed days. */
  COMPLIANT = 'COMPLIANT',
  /** No enabled rule aborts incomplete uploads (no rules, none with the action, or only disabled ones). */
  MISSING = 'MISSING',
  /** Enabled abort rules exist, but only for some prefixes: uploads elsewhere are never aborted. */
  PARTIAL_COVERAGE = 'PARTIAL_COVERAGE',
  /** A whole-bucket rule aborts incomplete uploads, but later than the allowed maximum. */
  TOO_LATE = 'TOO_LATE',
  /** An abort rule that S3 rejects (a tag or object-size filter, or days below 1): the deploy fails. */
  INVALID_RULE = 'INVALID_RULE',
  /** A value is still a token or an intrinsic, so the rules cannot be judged at synthesis. */
  UNRESOLVED = 'UNRESOLVED',
}

/** The rule a verdict breaks, or undefined for COMPLIANT and UNRESOLVED. */
export function ruleIdOf(verdict: Verdict): MultipartUploadRuleId | undefined {
  switch (verdict) {
    case Verdict.MISSING:
    case Verdict.PARTIAL_COVERAGE:
      return MultipartUploadRuleId.MPU1;
    case Verdict.TOO_LATE:
      return MultipartUploadRuleId.MPU2;
    case Verdict.INVALID_RULE:
      return MultipartUploadRuleId.MPU3;
    default:
      return undefined;
  }
}
