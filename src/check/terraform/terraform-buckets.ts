import { TERRAFORM_BUCKET_TYPES, TERRAFORM_LIFECYCLE_CONFIGURATION_TYPE } from '../../policy/bucket-types';
import { lifecycleFromTerraformInlineRules, lifecycleFromTerraformRules } from '../../policy/from-terraform';
import { LifecycleView, unresolved } from '../../policy/lifecycle-view';
import { Acknowledgement } from '../acknowledgement';
import { EvaluatedResource } from './module-tree';
import { withoutScopeNote } from './terraform-finding';
import { TerraformInstance, TerraformSubject } from './terraform-subject';
import { isReference, isUnknown, Reference, TerraformValue, toPlainJson } from './terraform-value';

/**
 * The buckets of a module tree, each with the lifecycle configuration that targets it (through a
 * reference such as `aws_s3_bucket.logs.id`, or the bucket's literal name), and every lifecycle
 * configuration that targets no bucket of the tree, judged on its own rules.
 */
export function terraformSubjects(resources: readonly EvaluatedResource[]): TerraformSubject[] {
  const buckets = resources.filter(resource => TERRAFORM_BUCKET_TYPES.includes(resource.type));
  const configurations = resources.filter(resource => resource.type === TERRAFORM_LIFECYCLE_CONFIGURATION_TYPE);
  const attached = new Map<EvaluatedResource, EvaluatedResource[]>();
  const untied: EvaluatedResource[] = [];
  for (const configuration of configurations) {
    const targets = targetsOf(configuration.body.bucket, buckets);
    if (targets.length === 0) untied.push(configuration);
    for (const bucket of targets) attached.set(bucket, [...attached.get(bucket) ?? [], configuration]);
  }
  // A configuration whose bucket is only known after apply may be the one of any bucket without one.
  const unknownTarget = untied.find(configuration => isUnknown(configuration.body.bucket));
  const subjects = new Map<string, { first: EvaluatedResource; instances: TerraformInstance[]; configurations: EvaluatedResource[] }>();
  for (const bucket of buckets) {
    const own = attached.get(bucket) ?? [];
    const entry = subjects.get(bucket.writtenAddress) ?? { first: bucket, instances: [], configurations: [] };
    entry.instances.push(bucketInstance(bucket, own, unknownTarget));
    entry.configurations.push(...own);
    subjects.set(bucket.writtenAddress, entry);
  }
  for (const configuration of untied) {
    const entry = subjects.get(configuration.writtenAddress) ?? { first: configuration, instances: [], configurations: [] };
    entry.instances.push({ ...configurationInstance(configuration), key: keyOf(configuration) });
    subjects.set(configuration.writtenAddress, entry);
  }
  const inSourceOrder = [...subjects.values()].sort((a, b) =>
    a.first.block.file.localeCompare(b.first.block.file) || a.first.block.line - b.first.block.line);
  return inSourceOrder.map(({ first, instances, configurations: targeting }) => ({
    address: first.writtenAddress,
    type: first.type,
    place: { file: first.block.file, line: first.block.line, column: first.block.column },
    instances,
    acknowledgements: mergedAcknowledgements([first, ...targeting]),
  }));
}

function targetsOf(target: TerraformValue, buckets: readonly EvaluatedResource[]): EvaluatedResource[] {
  if (isReference(target)) return buckets.filter(bucket => referencesBucket(target, bucket));
  if (typeof target === 'string') return buckets.filter(bucket => bucket.body.bucket === target);
  return [];
}

function referencesBucket(reference: Reference, bucket: EvaluatedResource): boolean {
  if (reference.address !== bucket.blockAddress) return false;
  if (!['id', 'bucket'].includes(reference.attributes[0] ?? '')) return false;
  if (!bucket.keyed) return reference.key === undefined;
  // A for_each not known before apply on both sides: the configuration's instance key is the bucket's.
  if (isUnknown(reference.key)) return bucket.instance.key === undefined;
  return reference.key !== undefined && JSON.stringify(reference.key) === JSON.stringify(bucket.instance.key);
}

function bucketInstance(
  bucket: EvaluatedResource, configurations: readonly EvaluatedResource[], unknownTarget: EvaluatedResource | undefined,
): TerraformInstance {
  const key = keyOf(bucket);
  const inline = bucket.body.lifecycle_rule;
  const hasInline = Array.isArray(inline) ? inline.length > 0 : inline !== undefined;
  const [configuration, ...others] = configurations;
  if (configuration !== undefined) {
    const { lifecycle, notes } = configurationInstance(configuration);
    const extra = [
      ...others.map(other => `${other.instanceAddress} targets this bucket too: each apply replaces the other's rules.`),
      ...(hasInline ? ['The bucket also has inline lifecycle_rule blocks: the provider lets them and the configuration overwrite each other.'] : []),
    ];
    return { key, lifecycle, style: 'configuration', notes: [...notes ?? [], ...extra], rulesIn: configuration.writtenAddress };
  }
  if (hasInline) return { key, lifecycle: inlineLifecycle(inline), style: 'inline' };
  if (unknownTarget !== undefined) {
    return {
      key,
      lifecycle: { rules: [] },
      style: 'none',
      unresolved: `its rules may be those of ${unknownTarget.instanceAddress}, whose bucket is ${describe(unknownTarget.body.bucket)}`,
    };
  }
  return { key, lifecycle: { rules: [] }, style: 'none' };
}

function configurationInstance(configuration: EvaluatedResource): TerraformInstance {
  const rules = configuration.body.rule;
  if (isUnknown(rules)) {
    return { lifecycle: { rules: [], unresolved: unresolved(rules.toExpressionString()) }, style: 'configuration' };
  }
  const plain = toPlainJson(rules ?? []);
  const list = Array.isArray(plain) ? plain : [plain];
  return { lifecycle: lifecycleFromTerraformRules(list), style: 'configuration', notes: providerWarnings(list) };
}

function inlineLifecycle(inline: TerraformValue): LifecycleView {
  if (isUnknown(inline)) return { rules: [], unresolved: unresolved(inline.toExpressionString()) };
  const plain = toPlainJson(inline);
  return lifecycleFromTerraformInlineRules(Array.isArray(plain) ? plain : [plain]);
}

function providerWarnings(rules: readonly unknown[]): string[] {
  return rules.flatMap((rule, index) => {
    const block = typeof rule === 'object' && rule !== null ? rule as Record<string, unknown> : {};
    if (block.filter !== undefined || block.prefix !== undefined) return [];
    const label = typeof block.id === 'string' ? `"${block.id}"` : `#${index + 1}`;
    return [withoutScopeNote(label)];
  });
}

function keyOf(resource: EvaluatedResource): string | undefined {
  return resource.keyed || resource.instanceAddress !== `${resource.writtenAddress}` ? resource.instanceAddress : undefined;
}

function describe(value: TerraformValue): string {
  return isUnknown(value) ? value.toExpressionString() : JSON.stringify(toPlainJson(value));
}

function mergedAcknowledgements(resources: readonly EvaluatedResource[]): ReadonlyMap<string, Acknowledgement> {
  const merged = new Map<string, Acknowledgement>();
  for (const resource of resources) {
    for (const [ruleId, acknowledgement] of resource.block.acknowledgements) {
      const known = merged.get(ruleId);
      if (known === undefined || (known.reason.trim() === '' && acknowledgement.reason.trim() !== '')) merged.set(ruleId, acknowledgement);
    }
  }
  return merged;
}
