import { EvaluatedResource } from './module-tree';
import { withoutScopeNote } from './terraform-finding';
import { TerraformInstance, TerraformSubject } from './terraform-subject';
import { instanceKeyText, isReference, isUnknown, mostInstancesOf, Reference, TerraformValue, toPlainJson } from './terraform-value';
import { Acknowledgement } from '../../policy/acknowledgement';
import { TERRAFORM_BUCKET_TYPES, TERRAFORM_LIFECYCLE_CONFIGURATION_TYPE } from '../../policy/bucket-types';
import { lifecycleFromTerraformInlineRules, lifecycleFromTerraformRules } from '../../policy/from-terraform';
import { LifecycleView, unresolved } from '../../policy/lifecycle-view';

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
  const unknownTarget = untied.find(configuration => isUnknown(configuration.body.bucket) || isManagedResource(configuration.body.bucket));
  const subjects = new Map<string, { first: EvaluatedResource; instances: TerraformInstance[]; configurations: EvaluatedResource[] }>();
  for (const bucket of buckets) {
    const own = attached.get(bucket) ?? [];
    const entry = subjects.get(bucket.writtenAddress) ?? { first: bucket, instances: [], configurations: [] };
    entry.instances.push(...bucketInstances(bucket, own, unknownTarget));
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

/**
 * True for a reference to a managed resource that is not a bucket of the tree: its id is known after
 * apply, and may be a bucket's name (an aws_s3_bucket_policy's id is its bucket's, and modules such
 * as terraform-aws-modules/s3-bucket give it as the bucket's id). A data source names a bucket
 * declared elsewhere.
 */
function isManagedResource(target: TerraformValue): boolean {
  return isReference(target) && !/(^|\.)data\.[^.]+\.[^.]+$/.test(target.address);
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
  // One instance ([0], ["a"]) of a bucket whose instances are not known: one of those its [*] stands for.
  if (bucket.instance.key === undefined) return namedKeyOf(reference, bucket) !== undefined;
  return reference.key !== undefined && JSON.stringify(reference.key) === JSON.stringify(bucket.instance.key);
}

/**
 * The instance key a reference names of a bucket whose instances are not known before apply: a
 * literal key, and for a count, one below the most it can make (Terraform refuses one past it).
 */
function namedKeyOf(reference: Reference, bucket: EvaluatedResource): number | string | undefined {
  const key = reference.key;
  if (!bucket.keyed || bucket.instance.key !== undefined || (typeof key !== 'number' && typeof key !== 'string')) return undefined;
  const most = bucket.instance.notKnown === undefined ? undefined : mostInstancesOf(bucket.instance.notKnown);
  return bucket.block.body.count === undefined || most === undefined || (typeof key === 'number' && key < most) ? key : undefined;
}

/**
 * The bucket's instances, each with its rules. When the bucket's instances are not known and its
 * configurations each name one instance (`aws_s3_bucket.logs[0].id`), its [*] becomes the named
 * instances, each with the rules of its own configurations; what the other instances, if any, lack
 * is said with them.
 */
function bucketInstances(
  bucket: EvaluatedResource, configurations: readonly EvaluatedResource[], unknownTarget: EvaluatedResource | undefined,
): TerraformInstance[] {
  const named = configurations.map(({ body }) => (isReference(body.bucket) ? namedKeyOf(body.bucket, bucket) : undefined));
  if (configurations.length === 0 || named.some(key => key === undefined)) return [bucketInstance(bucket, configurations, unknownTarget)];
  const keys = [...new Set(named as Array<number | string>)].sort((a, b) => (a < b ? -1 : 1)).map(instanceKeyText);
  const addresses = keys.map(key => `${bucket.blockAddress}${key}`);
  const kind = bucket.block.body.count === undefined ? 'for_each' : 'count';
  const most = kind === 'count' && bucket.instance.notKnown !== undefined ? mostInstancesOf(bucket.instance.notKnown) : undefined;
  // Named keys of a count lie below the most it makes: as many of them as that is every instance.
  const everyInstance = most !== undefined && keys.length >= most;
  const which = addresses.join(' and ');
  const notKnown = bucket.instance.notKnown?.toExpressionString() ?? kind;
  const others = `its ${kind} is not known before apply${notKnown === kind ? '' : ` (${notKnown})`}: any other instance has no lifecycle rules`;
  return keys.map((key, index) => {
    const own = configurations.filter((_, at) => instanceKeyText(named[at]!) === key);
    const instance = { ...bucketInstance(bucket, own, undefined), key: addresses[index] };
    if (everyInstance) {
      const many = most === 1 ? 'one instance' : `${most} instances`;
      return { ...instance, notes: [...instance.notes ?? [], `The ${kind} makes at most ${many}, ${which}, the one${most === 1 ? '' : 's'} these rules are for.`] };
    }
    const attribute = (own[0].body.bucket as Reference).attributes[0];
    const fix = `To give every instance these rules, give ${own[0].writtenAddress} the bucket's ${kind} and `
      + `bucket = ${bucket.type}.${bucket.block.name}[${kind === 'count' ? 'count.index' : 'each.key'}].${attribute}.`;
    const onlySome = keys.length > 1
      ? { rulesFor: `${addresses[index]} has these rules`, others: `only ${which} have any, and ${others}`, unknown: notKnown }
      : { rulesFor: `only ${which} has these rules`, others, unknown: notKnown };
    return { ...instance, notes: [...instance.notes ?? [], fix], onlySome };
  });
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
  if (isReference(value)) return `\${${value.expression}} (an attribute of ${value.address}${value.key === undefined ? '' : instanceKeyText(value.key)}, known after apply)`;
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
