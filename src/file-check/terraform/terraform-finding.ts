import { TerraformRuleStyle } from './terraform-subject';
import { Evaluation } from '../../policy/evaluate';
import { findingText, FindingText } from '../../policy/finding-text';
import { SourceInput } from '../../policy/rule-catalogue';

/** The note for a rule with neither `filter` nor `prefix`: the AWS provider warns about it, and a later major version will refuse it. */
export function withoutScopeNote(label: string): string {
  return `Rule ${label} has neither filter {} nor prefix: the AWS provider warns about such a rule and says a later version will refuse it;`
    + ' add filter {} to keep it on the whole bucket.';
}

/** The catalogue's fix wording for each way a bucket's rules are written. */
const FIX_INPUT: Record<TerraformRuleStyle, SourceInput> = {
  configuration: 'terraform',
  inline: 'terraform-inline',
  none: 'terraform-no-configuration',
};

/** The finding for a verdict, with the fix in HCL for the way the bucket's rules are written; undefined when compliant. */
export function terraformFindingFor(evaluation: Evaluation, maxDays: number, style: TerraformRuleStyle): FindingText | undefined {
  return findingText(evaluation, maxDays, FIX_INPUT[style]);
}
