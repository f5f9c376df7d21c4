import { TerraformRuleStyle } from './terraform-subject';
import { Evaluation } from '../../policy/evaluate';
import { FixWording, findingText, FindingText } from '../../policy/finding-text';

/** The note for a rule with neither `filter` nor `prefix`: the AWS provider warns about it, and a later major version will refuse it. */
export function withoutScopeNote(label: string): string {
  return `Rule ${label} has neither filter {} nor prefix: the AWS provider warns about such a rule and says a later version will refuse it;`
    + ' add filter {} to keep it on the whole bucket.';
}

/** The rule mpu-check asks for, in HCL. */
function abortRuleHcl(maxDays: number): string {
  return `rule { id = "abort-incomplete-uploads" status = "Enabled" filter {} abort_incomplete_multipart_upload { days_after_initiation = ${maxDays} } }`;
}

const ACKNOWLEDGE = 'or acknowledge it with a comment in its .tf block: # mpu-check:acknowledge MultipartUpload-MPU1 <reason>.';

const CONFIGURATION_FIXES: FixWording = {
  configuration: 'lifecycle configuration',
  unresolved: `Give the abort rule literal values, or variables with a default or a value in terraform.tfvars, ${ACKNOWLEDGE}`,
  tooLate: maxDays => `Set abort_incomplete_multipart_upload { days_after_initiation = ${maxDays} } (or less) in a rule with filter {}.`,
  invalid: 'Move abort_incomplete_multipart_upload to a rule with filter {} (no tag, and, or object_size_* filter), '
    + 'with days_after_initiation a whole number >= 1.',
  missing: maxDays => `Add to the bucket's aws_s3_bucket_lifecycle_configuration (a second one would replace it): ${abortRuleHcl(maxDays)}.`,
};

const INLINE_FIXES: FixWording = {
  ...CONFIGURATION_FIXES,
  tooLate: maxDays => `Set abort_incomplete_multipart_upload_days = ${maxDays} (or less) in a lifecycle_rule with no prefix and no tags.`,
  invalid: 'Move abort_incomplete_multipart_upload_days to a lifecycle_rule without tags, with a whole number of days >= 1.',
  missing: maxDays => 'Add to the bucket: lifecycle_rule { id = "abort-incomplete-uploads" enabled = true '
    + `abort_incomplete_multipart_upload_days = ${maxDays} }, or move its rules to an aws_s3_bucket_lifecycle_configuration with ${abortRuleHcl(maxDays)}.`,
};

const NO_CONFIGURATION_FIXES: FixWording = {
  ...CONFIGURATION_FIXES,
  missing: maxDays => `Add an aws_s3_bucket_lifecycle_configuration for the bucket with ${abortRuleHcl(maxDays)}.`,
};

const FIXES: Record<TerraformRuleStyle, FixWording> = {
  configuration: CONFIGURATION_FIXES,
  inline: INLINE_FIXES,
  none: NO_CONFIGURATION_FIXES,
};

/** The finding for a verdict, with the fix in HCL for the way the bucket's rules are written; undefined when compliant. */
export function terraformFindingFor(evaluation: Evaluation, maxDays: number, style: TerraformRuleStyle): FindingText | undefined {
  return findingText(evaluation, maxDays, FIXES[style]);
}
