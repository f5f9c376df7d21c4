/**
 * Rule ids shared by the Aspect, the cdk-nag pack, `mpu-check` and `mpu-audit`.
 *
 * Each rule's name, descriptions, help and fixes are kept with its id in the rule catalogue, which
 * every one of them reads.
 */
export enum MultipartUploadRuleId {
  /** No rule aborts incomplete uploads for the whole bucket: missing, disabled or prefix-scoped only. */
  MPU1 = 'MultipartUpload-MPU1',
  /** Incomplete uploads are aborted later than the allowed maximum. */
  MPU2 = 'MultipartUpload-MPU2',
  /** An abort rule combined with a tag or object-size filter (or invalid days): S3 rejects the deploy. */
  MPU3 = 'MultipartUpload-MPU3',
}

/**
 * The inputs a finding's fix is worded for: a CDK app, a CloudFormation or SAM template, a
 * Terraform bucket whose rules are in an aws_s3_bucket_lifecycle_configuration, in inline
 * lifecycle_rule blocks, or nowhere yet, and a live bucket (mpu-audit, in the S3 API's terms).
 */
export type FixInput = 'cdk' | 'cloudformation' | 'terraform' | 'terraform-inline' | 'terraform-no-configuration' | 'live-bucket';

/** Every FixInput, for code that walks them all. */
export const FIX_INPUTS: readonly FixInput[] = ['cdk', 'cloudformation', 'terraform', 'terraform-inline', 'terraform-no-configuration', 'live-bucket'];

/** The inputs whose values can be unresolved (a token, a parameter, a Terraform variable): every one but a live bucket. */
export type SourceInput = Exclude<FixInput, 'live-bucket'>;

/** How a broken rule is reported by default: SARIF's level, cdk-nag's message level. */
export type RuleSeverity = 'error' | 'warning';

/** One rule: everything a front-end says about it. cfn-lint keeps the same on each rule class. */
export interface RuleDefinition {
  readonly id: MultipartUploadRuleId;
  /** What a compliant bucket does, in PascalCase: the cdk-nag rule function's name and SARIF's rule name. */
  readonly name: string;
  /** One sentence: SARIF's shortDescription. */
  readonly shortDescription: string;
  /** What is wrong and why it costs: SARIF's fullDescription. */
  readonly fullDescription: (maxDays: number) => string;
  readonly severity: RuleSeverity;
  /** SARIF's tags. */
  readonly tags: readonly string[];
  /** The fix and how to acknowledge it, in a template's terms, as plain text: SARIF's help. */
  readonly help: (maxDays: number) => string;
  /** The same as `help`, in Markdown. */
  readonly helpMarkdown: (maxDays: number) => string;
  /** What cdk-nag prints first: what is wrong. */
  readonly nagInfo: (maxDays: number) => string;
  /** What cdk-nag prints under it: why it matters and the fix in a CDK app's terms. */
  readonly nagExplanation: (maxDays: number) => string;
  /** What is wrong, at the start of a finding's message, before the evaluator's reason. */
  readonly problem: (input: FixInput) => string;
  /** The fix, at the end of a finding's message, in each input's terms. */
  readonly fix: Readonly<Record<FixInput, (maxDays: number) => string>>;
}

/** A finding whose values could not be judged: reported under MPU1, as a warning. */
export interface UnresolvedWording {
  readonly ruleId: MultipartUploadRuleId;
  readonly problem: string;
  readonly fix: Readonly<Record<SourceInput, string>>;
}

/** The rule mpu-check asks for, in HCL. */
function abortRuleHcl(maxDays: number): string {
  return `rule { id = "abort-incomplete-uploads" status = "Enabled" filter {} abort_incomplete_multipart_upload { days_after_initiation = ${maxDays} } }`;
}

const CDK_WHOLE_BUCKET_RULE = 'lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(N) }] with no prefix, tag or size filter';

const TEMPLATE_ABORT_RULE = (maxDays: number) =>
  `Rules:\n  - Id: abort-incomplete-uploads\n    Status: Enabled\n    AbortIncompleteMultipartUpload:\n      DaysAfterInitiation: ${maxDays}`;

const S3_API_ABORT_RULE = (maxDays: number) =>
  `{ "ID": "abort-incomplete-uploads", "Status": "Enabled", "Filter": { "Prefix": "" }, "AbortIncompleteMultipartUpload": { "DaysAfterInitiation": ${maxDays} } }`;

/** PutBucketLifecycleConfiguration replaces every rule: the fix of a live bucket says so. */
const S3_API_WHOLE_CONFIGURATION = 'through aws s3api put-bucket-lifecycle-configuration, together with every rule the bucket holds (it replaces them all)';

const TEMPLATE_ACKNOWLEDGE = 'To keep a bucket as it is, acknowledge the rule with a reason in the resource\'s Metadata: '
  + 'cdk-mpu-guard: { acknowledge: [{ id: MultipartUpload-MPUn, reason: "..." }] }.';

const TERRAFORM_ACKNOWLEDGE = `or acknowledge it with a comment in its .tf block: # mpu-check:acknowledge ${MultipartUploadRuleId.MPU1} <reason>.`;

const TAGS: readonly string[] = ['cost', 's3', 'lifecycle'];

const MPU1: RuleDefinition = {
  id: MultipartUploadRuleId.MPU1,
  name: 'S3BucketAbortsIncompleteUploads',
  shortDescription: 'The S3 bucket keeps the parts of failed multipart uploads forever.',
  fullDescription: () => 'No enabled lifecycle rule aborts incomplete multipart uploads for the whole bucket (none at all, a disabled one, '
    + 'or rules limited to some prefixes). The parts of an upload that never completed are invisible to LIST and GET, and billed until the upload is aborted.',
  severity: 'error',
  tags: TAGS,
  help: maxDays => 'Add a whole-bucket rule (no Prefix, TagFilters or ObjectSize filter) to the bucket\'s LifecycleConfiguration: '
    + `{ Id: abort-incomplete-uploads, Status: Enabled, AbortIncompleteMultipartUpload: { DaysAfterInitiation: ${maxDays} } }. ${TEMPLATE_ACKNOWLEDGE}`,
  helpMarkdown: maxDays => 'Add a whole-bucket rule (no `Prefix`, `TagFilters` or `ObjectSize` filter) to the bucket\'s `LifecycleConfiguration`:\n\n'
    + `\`\`\`yaml\nLifecycleConfiguration:\n${indent(TEMPLATE_ABORT_RULE(maxDays))}\n\`\`\`\n\n${TEMPLATE_ACKNOWLEDGE}`,
  nagInfo: () => 'The S3 bucket keeps the parts of failed multipart uploads forever: no enabled lifecycle rule aborts incomplete uploads for the whole bucket.',
  nagExplanation: () => 'Parts of an upload that never completed are invisible to LIST and GET but billed until the upload is aborted. '
    + 'Add a lifecycle rule with abortIncompleteMultipartUploadAfter and no prefix, tag or size filter.',
  problem: () => 'the bucket keeps the parts of failed multipart uploads forever, invisible and billed',
  fix: {
    'cdk': maxDays => `Add ${CDK_WHOLE_BUCKET_RULE.replace('N', String(maxDays))} to the bucket, or use ResilientBucket from cdk-mpu-guard.`,
    'cloudformation': maxDays => 'Add to LifecycleConfiguration.Rules: { Id: abort-incomplete-uploads, Status: Enabled, '
      + `AbortIncompleteMultipartUpload: { DaysAfterInitiation: ${maxDays} } }, with no Prefix, TagFilters or ObjectSize filter.`,
    'terraform': maxDays => `Add to the bucket's aws_s3_bucket_lifecycle_configuration (a second one would replace it): ${abortRuleHcl(maxDays)}.`,
    'terraform-inline': maxDays => 'Add to the bucket: lifecycle_rule { id = "abort-incomplete-uploads" enabled = true '
      + `abort_incomplete_multipart_upload_days = ${maxDays} }, or move its rules to an aws_s3_bucket_lifecycle_configuration with ${abortRuleHcl(maxDays)}.`,
    'terraform-no-configuration': maxDays => `Add an aws_s3_bucket_lifecycle_configuration for the bucket with ${abortRuleHcl(maxDays)}.`,
    'live-bucket': maxDays => `Run mpu-audit --fix-lifecycle --days ${maxDays}, which adds a whole-bucket abort rule and keeps every other rule, `
      + `or add ${S3_API_ABORT_RULE(maxDays)} ${S3_API_WHOLE_CONFIGURATION}.`,
  },
};

const MPU2: RuleDefinition = {
  id: MultipartUploadRuleId.MPU2,
  name: 'S3BucketAbortsIncompleteUploadsInTime',
  shortDescription: 'The S3 bucket aborts incomplete multipart uploads too late.',
  fullDescription: maxDays => `The whole-bucket rule aborts incomplete uploads later than ${maxDays} days after initiation; the orphaned parts are billed until then.`,
  severity: 'error',
  tags: TAGS,
  help: maxDays => `Set AbortIncompleteMultipartUpload.DaysAfterInitiation to ${maxDays} or less in the whole-bucket rule. ${TEMPLATE_ACKNOWLEDGE}`,
  helpMarkdown: maxDays => `Set \`AbortIncompleteMultipartUpload.DaysAfterInitiation\` to ${maxDays} or less in the whole-bucket rule.\n\n${TEMPLATE_ACKNOWLEDGE}`,
  nagInfo: maxDays => `The S3 bucket aborts incomplete multipart uploads later than ${maxDays} days after initiation.`,
  nagExplanation: maxDays => `Orphaned parts are billed until the abort. Set abortIncompleteMultipartUploadAfter to ${maxDays} days or less.`,
  problem: () => 'the bucket keeps the parts of failed multipart uploads too long',
  fix: {
    'cdk': maxDays => `Set abortIncompleteMultipartUploadAfter to Duration.days(${maxDays}) or less on the whole-bucket lifecycle rule.`,
    'cloudformation': maxDays => `Set AbortIncompleteMultipartUpload.DaysAfterInitiation to ${maxDays} or less in the rule without Prefix or filters.`,
    'terraform': maxDays => terraformTooLate(maxDays),
    'terraform-inline': maxDays => `Set abort_incomplete_multipart_upload_days = ${maxDays} (or less) in a lifecycle_rule with no prefix and no tags.`,
    'terraform-no-configuration': maxDays => terraformTooLate(maxDays),
    'live-bucket': maxDays => `Run mpu-audit --fix-lifecycle --days ${maxDays}, which adds a whole-bucket abort rule in time and keeps every other rule, `
      + `or set AbortIncompleteMultipartUpload.DaysAfterInitiation to ${maxDays} or less in the whole-bucket rule ${S3_API_WHOLE_CONFIGURATION}.`,
  },
};

const MPU3: RuleDefinition = {
  id: MultipartUploadRuleId.MPU3,
  name: 'S3BucketAbortRuleAccepted',
  shortDescription: 'S3 rejects this bucket\'s abort rule at deploy time.',
  fullDescription: () => 'A rule combines AbortIncompleteMultipartUpload with a tag or object-size filter, or gives days below 1: S3 answers 400 and the deploy fails.',
  severity: 'error',
  tags: TAGS,
  help: () => `Move AbortIncompleteMultipartUpload to a rule without TagFilters, ObjectSizeGreaterThan or ObjectSizeLessThan, with whole days >= 1. ${TEMPLATE_ACKNOWLEDGE}`,
  helpMarkdown: () => 'Move `AbortIncompleteMultipartUpload` to a rule without `TagFilters`, `ObjectSizeGreaterThan` or `ObjectSizeLessThan`, '
    + `with whole days >= 1.\n\n${TEMPLATE_ACKNOWLEDGE}`,
  nagInfo: () => 'The S3 bucket combines AbortIncompleteMultipartUpload with a tag or object-size filter, which S3 rejects at deploy time.',
  nagExplanation: () => 'S3 answers 400 for an abort action in a rule that filters on tags or object size. Move the abort action to a rule without those filters.',
  problem: input => (input === 'live-bucket'
    ? 'the bucket\'s lifecycle configuration holds an abort rule that S3 rejects'
    : `S3 will reject this bucket's ${input === 'cloudformation' ? 'LifecycleConfiguration' : 'lifecycle configuration'} at deploy time`),
  fix: {
    'cdk': () => 'Move abortIncompleteMultipartUploadAfter to a rule without tagFilters, objectSizeGreaterThan or objectSizeLessThan, with whole days >= 1.',
    'cloudformation': () => 'Move AbortIncompleteMultipartUpload to a rule without TagFilters, ObjectSizeGreaterThan or ObjectSizeLessThan, '
      + 'with DaysAfterInitiation a whole number >= 1.',
    'terraform': () => terraformInvalid(),
    'terraform-inline': () => 'Move abort_incomplete_multipart_upload_days to a lifecycle_rule without tags, with a whole number of days >= 1.',
    'terraform-no-configuration': () => terraformInvalid(),
    'live-bucket': () => 'Move AbortIncompleteMultipartUpload to a rule whose Filter has no Tag, ObjectSizeGreaterThan or ObjectSizeLessThan, '
      + `with DaysAfterInitiation a whole number >= 1, and write the configuration back ${S3_API_WHOLE_CONFIGURATION}.`,
  },
};

/** Every rule, in id order: the one place a rule is defined. */
export const RULE_CATALOGUE: Readonly<Record<MultipartUploadRuleId, RuleDefinition>> = {
  [MultipartUploadRuleId.MPU1]: MPU1,
  [MultipartUploadRuleId.MPU2]: MPU2,
  [MultipartUploadRuleId.MPU3]: MPU3,
};

/** The rules in id order, for outputs that list them (SARIF's rules array, the cdk-nag pack). */
export const RULES: readonly RuleDefinition[] = Object.values(MultipartUploadRuleId).map(id => RULE_CATALOGUE[id]);

/** True when `text` is one of the rule ids. */
export function isRuleId(text: string): text is MultipartUploadRuleId {
  return Object.prototype.hasOwnProperty.call(RULE_CATALOGUE, text);
}

/** What a finding says when the lifecycle rules could not be judged. */
export const UNRESOLVED: UnresolvedWording = {
  ruleId: MultipartUploadRuleId.MPU1,
  problem: 'cannot tell whether the bucket aborts incomplete multipart uploads',
  fix: {
    'cdk': `Use literal values in the abort rule, or acknowledge ${MultipartUploadRuleId.MPU1} with a reason.`,
    'cloudformation': `Write the abort rule with literal values, or acknowledge ${MultipartUploadRuleId.MPU1} with a reason in the resource's Metadata.`,
    'terraform': terraformUnresolved(),
    'terraform-inline': terraformUnresolved(),
    'terraform-no-configuration': terraformUnresolved(),
  },
};

function terraformTooLate(maxDays: number): string {
  return `Set abort_incomplete_multipart_upload { days_after_initiation = ${maxDays} } (or less) in a rule with filter {}.`;
}

function terraformInvalid(): string {
  return 'Move abort_incomplete_multipart_upload to a rule with filter {} (no tag, and, or object_size_* filter), '
    + 'with days_after_initiation a whole number >= 1.';
}

function terraformUnresolved(): string {
  return `Give the abort rule literal values, or variables with a default or a value in terraform.tfvars, ${TERRAFORM_ACKNOWLEDGE}`;
}

function indent(text: string): string {
  return text.split('\n').map(line => `  ${line}`).join('\n');
}
