import { MultipartUploadRuleId } from '../../policy/verdict';

/** What each rule means, in a template's terms, for SARIF's rule descriptions and help. */
export interface RuleHelp {
  readonly id: MultipartUploadRuleId;
  readonly name: string;
  readonly short: string;
  readonly full: (maxDays: number) => string;
  readonly help: (maxDays: number) => string;
  readonly helpMarkdown: (maxDays: number) => string;
}

const abortRule = (maxDays: number) => `Rules:\n  - Id: abort-incomplete-uploads\n    Status: Enabled\n    AbortIncompleteMultipartUpload:\n      DaysAfterInitiation: ${maxDays}`;

const acknowledge = 'To keep a bucket as it is, acknowledge the rule with a reason in the resource\'s Metadata: '
  + 'cdk-mpu-guard: { acknowledge: [{ id: MultipartUpload-MPUn, reason: "..." }] }.';

export const RULE_HELP: readonly RuleHelp[] = [
  {
    id: MultipartUploadRuleId.MPU1,
    name: 'BucketAbortsIncompleteUploads',
    short: 'The S3 bucket keeps the parts of failed multipart uploads forever.',
    full: () => 'No enabled lifecycle rule aborts incomplete multipart uploads for the whole bucket (none at all, a disabled one, '
      + 'or rules limited to some prefixes). The parts of an upload that never completed are invisible to LIST and GET, and billed until the upload is aborted.',
    help: maxDays => 'Add a whole-bucket rule (no Prefix, TagFilters or ObjectSize filter) to the bucket\'s LifecycleConfiguration: '
      + `{ Id: abort-incomplete-uploads, Status: Enabled, AbortIncompleteMultipartUpload: { DaysAfterInitiation: ${maxDays} } }. ${acknowledge}`,
    helpMarkdown: maxDays => 'Add a whole-bucket rule (no `Prefix`, `TagFilters` or `ObjectSize` filter) to the bucket\'s `LifecycleConfiguration`:\n\n'
      + `\`\`\`yaml\nLifecycleConfiguration:\n${indent(abortRule(maxDays))}\n\`\`\`\n\n${acknowledge}`,
  },
  {
    id: MultipartUploadRuleId.MPU2,
    name: 'BucketAbortsIncompleteUploadsInTime',
    short: 'The S3 bucket aborts incomplete multipart uploads too late.',
    full: maxDays => `The whole-bucket rule aborts incomplete uploads later than ${maxDays} days after initiation; the orphaned parts are billed until then.`,
    help: maxDays => `Set AbortIncompleteMultipartUpload.DaysAfterInitiation to ${maxDays} or less in the whole-bucket rule. ${acknowledge}`,
    helpMarkdown: maxDays => `Set \`AbortIncompleteMultipartUpload.DaysAfterInitiation\` to ${maxDays} or less in the whole-bucket rule.\n\n${acknowledge}`,
  },
  {
    id: MultipartUploadRuleId.MPU3,
    name: 'BucketAbortRuleAccepted',
    short: 'S3 rejects this bucket\'s abort rule at deploy time.',
    full: () => 'A rule combines AbortIncompleteMultipartUpload with a tag or object-size filter, or gives days below 1: S3 answers 400 and the deploy fails.',
    help: () => `Move AbortIncompleteMultipartUpload to a rule without TagFilters, ObjectSizeGreaterThan or ObjectSizeLessThan, with whole days >= 1. ${acknowledge}`,
    helpMarkdown: () => `Move \`AbortIncompleteMultipartUpload\` to a rule without \`TagFilters\`, \`ObjectSizeGreaterThan\` or \`ObjectSizeLessThan\`, with whole days >= 1.\n\n${acknowledge}`,
  },
];

function indent(text: string): string {
  return text.split('\n').map(line => `  ${line}`).join('\n');
}
