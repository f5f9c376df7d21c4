import { Evaluation } from './evaluate';
import { findingText } from './finding-text';
import { MultipartUploadRuleId } from './rule-catalogue';

export interface Finding {
  readonly ruleId: MultipartUploadRuleId;
  /** True when the rules could not be judged (a token): reported as a warning. */
  readonly unresolved: boolean;
  /** Starts with the rule id; says what is wrong and the CDK prop that fixes it (the catalogue's `cdk` fix). */
  readonly message: string;
}

/** The finding for a verdict, or undefined when the bucket is compliant. */
export function findingFor(evaluation: Evaluation, maxDays: number): Finding | undefined {
  const finding = findingText(evaluation, maxDays, 'cdk');
  return finding && { ruleId: finding.ruleId, unresolved: finding.unresolved, message: `${finding.ruleId}: ${finding.text}` };
}
