import { Evaluation } from '../policy/evaluate';
import { FixWording, findingText } from '../policy/finding-text';
import { MultipartUploadRuleId } from '../policy/verdict';

export interface TemplateFinding {
  readonly ruleId: MultipartUploadRuleId;
  /** True when the rules could not be judged: a warning, whatever the level. */
  readonly unresolved: boolean;
  /** What is wrong and the fix, in the template's terms. */
  readonly message: string;
}

/** The fixes in a CloudFormation or SAM template's terms. */
const TEMPLATE_FIXES: FixWording = {
  configuration: 'LifecycleConfiguration',
  unresolved: 'Write the abort rule with literal values, or acknowledge MultipartUpload-MPU1 with a reason in the resource\'s Metadata.',
  tooLate: maxDays => `Set AbortIncompleteMultipartUpload.DaysAfterInitiation to ${maxDays} or less in the rule without Prefix or filters.`,
  invalid: 'Move AbortIncompleteMultipartUpload to a rule without TagFilters, ObjectSizeGreaterThan or ObjectSizeLessThan, '
    + 'with DaysAfterInitiation a whole number >= 1.',
  missing: maxDays => 'Add to LifecycleConfiguration.Rules: { Id: abort-incomplete-uploads, Status: Enabled, '
    + `AbortIncompleteMultipartUpload: { DaysAfterInitiation: ${maxDays} } }, with no Prefix, TagFilters or ObjectSize filter.`,
};

/** The finding for a verdict, worded for a CloudFormation or SAM template; undefined when compliant. */
export function templateFindingFor(evaluation: Evaluation, maxDays: number): TemplateFinding | undefined {
  const finding = findingText(evaluation, maxDays, TEMPLATE_FIXES);
  return finding && { ruleId: finding.ruleId, unresolved: finding.unresolved, message: finding.text };
}
