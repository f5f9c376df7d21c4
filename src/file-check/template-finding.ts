import { Evaluation } from '../policy/evaluate';
import { findingText } from '../policy/finding-text';
import { MultipartUploadRuleId } from '../policy/rule-catalogue';

export interface TemplateFinding {
  readonly ruleId: MultipartUploadRuleId;
  /** True when the rules could not be judged: a warning, whatever the level. */
  readonly unresolved: boolean;
  /** What is wrong and the fix, in the template's terms (the catalogue's `cloudformation` fix). */
  readonly message: string;
}

/** The finding for a verdict, worded for a CloudFormation or SAM template; undefined when compliant. */
export function templateFindingFor(evaluation: Evaluation, maxDays: number): TemplateFinding | undefined {
  const finding = findingText(evaluation, maxDays, 'cloudformation');
  return finding && { ruleId: finding.ruleId, unresolved: finding.unresolved, message: finding.text };
}
