import { LifecycleAddPlan } from './lifecycle-fix-plan';
import { lifecycleToCloudFormation } from './lifecycle-to-cloudformation';
import { TAGGING_PERMISSION } from './managed-by';
import { ManagedBy } from './report';
import { yamlLines } from './yaml-text';

/** Under the bucket's lines of the fix. */
const INDENT = '  ';
/** The text to copy, under its label. */
const BLOCK = '      ';

/**
 * Why `--fix-lifecycle` left a bucket as it was, after `not changed: `: managed by a stack or
 * a tool (the change belongs in its source), or tags that could not be read.
 */
export function leftToSourceReason(managedBy: ManagedBy): string {
  switch (managedBy.kind) {
    case 'cloudformation':
      return `managed by stack ${managedBy.stackName}: fix the source; the stack's next update would undo a rule written here `
        + '(--fix-managed writes it anyway)';
    case 'tag':
      return `managed by the tag ${managedBy.key}=${managedBy.value} (--managed-tag): fix the source, in the tool that owns the bucket; `
        + 'its next run would undo a rule written here (--fix-managed writes it anyway)';
    default:
      return `its tags could not be read (${managedBy.error}), so whether a stack manages it is unknown: allow ${TAGGING_PERMISSION}, `
        + 'or add --fix-managed to write it anyway';
  }
}

/** The warning for a managed bucket that `--fix-managed` writes (or would write) anyway. */
export function fixManagedWarning(bucket: string, managedBy: ManagedBy): string {
  switch (managedBy.kind) {
    case 'cloudformation':
      return `${bucket} is managed by stack ${managedBy.stackName}: the stack's next update reverts this rule; fix the source too (below)`;
    case 'tag':
      return `${bucket} is managed by the tag ${managedBy.key}=${managedBy.value}: the owning tool's next run reverts this rule; fix the source too (below)`;
    default:
      return `the tags of ${bucket} could not be read (${managedBy.error}): if a stack manages it, its next update reverts this rule`;
  }
}

/**
 * The change to make in the source of a managed bucket. A stack's tags do not say whether a CDK
 * app or a template made it, so both forms: the construct's prop (or ResilientBucket, or the
 * fixing Aspect) and the template's merged `LifecycleConfiguration` as YAML. For a tag, the
 * merged configuration in the S3 API's shape. None when the tags could not be read.
 */
export function sourceFixLines(managedBy: ManagedBy, plan: LifecycleAddPlan): string[] {
  switch (managedBy.kind) {
    case 'cloudformation':
      return [...cdkFixLines(plan, managedBy.logicalId), ...templateFixLines(plan, managedBy.logicalId)];
    case 'tag':
      return s3ApiFixLines(plan);
    default:
      return [];
  }
}

function cdkFixLines(plan: LifecycleAddPlan, logicalId: string | null): string[] {
  const days = plan.added.AbortIncompleteMultipartUpload?.DaysAfterInitiation;
  const rule = `{ id: ${tsString(plan.added.ID ?? '')}, abortIncompleteMultipartUploadAfter: Duration.days(${days}) }`;
  return [
    `${INDENT}In a CDK app, on the bucket${logicalId === null ? '' : ` whose logical id is ${logicalId}`}, one of:`,
    `${INDENT}  - in its lifecycleRules prop, beside its other rules, with no prefix, tag or size filter:`,
    `${BLOCK}${rule}`,
    `${INDENT}  - ResilientBucket (cdk-mpu-guard) in place of s3.Bucket, with the same props and:`,
    `${BLOCK}abortIncompleteUploadsAfter: Duration.days(${days})`,
    `${INDENT}  - for every bucket of the app, at synth:`,
    `${BLOCK}AbortIncompleteUploadsFixer.applyTo(app, { maxDays: ${days} });`,
  ];
}

function templateFixLines(plan: LifecycleAddPlan, logicalId: string | null): string[] {
  const { configuration, notConverted } = lifecycleToCloudFormation(plan.lifecycle);
  const resource = logicalId === null ? 'the bucket\'s resource' : `the resource ${logicalId}`;
  return [
    `${INDENT}In a CloudFormation template, under the Properties of ${resource}: every rule the bucket holds now, plus the abort rule `
      + '(a rule that is not in the template is lost at the next update too):',
    ...yamlLines({ LifecycleConfiguration: configuration }, BLOCK.length),
    ...notConverted.map(field => `${INDENT}not in the template's shape, add it by hand: ${field}`),
  ];
}

function s3ApiFixLines(plan: LifecycleAddPlan): string[] {
  const size = plan.lifecycle.transitionDefaultMinimumObjectSize;
  return [
    `${INDENT}The merged configuration, every rule the bucket holds now plus the abort rule, as`
      + ` aws s3api put-bucket-lifecycle-configuration --lifecycle-configuration takes it${size === undefined ? '' : ` (with --transition-default-minimum-object-size ${size})`}:`,
    ...JSON.stringify({ Rules: plan.lifecycle.rules }, null, 2).split('\n').map(line => `${BLOCK}${line}`),
  ];
}

/** A TypeScript string literal in single quotes. */
function tsString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, '\\\'')}'`;
}
