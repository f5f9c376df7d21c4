import { inModule, moduleSteps, moduleAddressOf, outputReference, resourceReference } from './plan-addresses';
import { longestReferences, PlanConfiguration, referencesOf } from './plan-configuration';
import { PlannedResource } from './plan-resources';
import { TERRAFORM_BUCKET_TYPES } from '../../policy/bucket-types';
import { isRecord } from '../../policy/fields';

/** Which bucket a lifecycle configuration is for, as far as the plan tells. */
export type BucketLink =
  /** A bucket instance of the plan. */
  | { readonly kind: 'bucket'; readonly bucket: PlannedResource }
  /** A bucket the plan does not manage: a name, a data source. */
  | { readonly kind: 'elsewhere'; readonly bucket: string }
  /** Not known before apply: one of `mayBe` (none when it cannot be said), from `expression`. */
  | { readonly kind: 'unknown'; readonly mayBe: readonly PlannedResource[]; readonly expression: string };

/** Where a reference is read: a module instance, and the instance key that `count.index` or `each` stand for there. */
interface Scope {
  readonly moduleAddress: string;
  readonly key?: string;
  /** The reference uses the instance key, so a bucket counted the same way is tied by the same key. */
  readonly keyed: boolean;
  /** The references of the for_each that `each.value` stands for. */
  readonly eachOf: readonly string[];
  readonly depth: number;
}

/** Deeper than modules are nested in practice: a guard against a plan that loops. */
const MAX_DEPTH = 16;

/**
 * Ties each lifecycle configuration of a plan to its bucket: by the bucket's name when the plan
 * knows it, else by following the references of the configuration's `bucket` argument through
 * module variables, outputs and for_each.
 */
export class BucketLinks {
  constructor(private readonly buckets: readonly PlannedResource[], private readonly configuration: PlanConfiguration) {}

  linkOf(lifecycle: PlannedResource): BucketLink {
    const name = lifecycle.values.bucket;
    if (typeof name === 'string') {
      const named = this.buckets.find(bucket => bucket.values.bucket === name || bucket.values.id === name);
      return named ? { kind: 'bucket', bucket: named } : { kind: 'elsewhere', bucket: `"${name}"` };
    }
    const block = this.configuration.resourceOf(lifecycle);
    const expressions = isRecord(block?.expressions) ? block.expressions : {};
    const references = referencesOf(expressions.bucket);
    const scope: Scope = {
      moduleAddress: lifecycle.moduleAddress,
      key: lifecycle.key,
      keyed: usesKey(references),
      eachOf: referencesOf(block?.for_each_expression),
      depth: 0,
    };
    return this.follow(references, scope) ?? this.opaque(lifecycle.moduleAddress, `${lifecycle.address}.bucket`);
  }

  private follow(references: readonly string[], scope: Scope): BucketLink | undefined {
    const links = longestReferences(references).map(ref => this.followOne(ref, scope)).filter((link): link is BucketLink => link !== undefined);
    if (links.length < 2) return links[0];
    const buckets = new Set(links.map(link => (link.kind === 'bucket' ? link.bucket : undefined)));
    if (buckets.size === 1 && !buckets.has(undefined)) return links[0];
    // One of several: `var.primary ? aws_s3_bucket.a.id : aws_s3_bucket.b.id`.
    const mayBe = links.flatMap(link => (link.kind === 'bucket' ? [link.bucket] : link.kind === 'unknown' ? link.mayBe : []));
    return { kind: 'unknown', mayBe: [...new Set(mayBe)], expression: longestReferences(references).join(', ') };
  }

  private followOne(ref: string, scope: Scope): BucketLink | undefined {
    if (scope.depth > MAX_DEPTH) return { kind: 'unknown', mayBe: [], expression: ref };
    if (ref.startsWith('count.') || ref === 'each.key' || ref.startsWith('each.key.')) return undefined;
    if (ref.startsWith('data.')) return { kind: 'elsewhere', bucket: `data source ${ref.split('.').slice(0, 3).join('.')}` };
    if (ref === 'each.value' || ref.startsWith('each.value.') || ref.startsWith('each.value[')) {
      return this.follow(scope.eachOf, { ...scope, keyed: true, eachOf: [], depth: scope.depth + 1 });
    }
    if (ref.startsWith('var.')) return this.followVariable(ref, scope);
    if (ref.startsWith('module.')) return this.followOutput(ref, scope);
    const resource = resourceReference(ref);
    if (resource && TERRAFORM_BUCKET_TYPES.includes(resource.type)) return this.bucketInstance(ref, resource, scope);
    return this.opaque(scope.moduleAddress, ref);
  }

  /** `var.bucket_id` in a module: what its caller passes. */
  private followVariable(ref: string, scope: Scope): BucketLink {
    const steps = moduleSteps(scope.moduleAddress);
    const call = steps.pop();
    const block = this.configuration.callOf(scope.moduleAddress);
    if (call === undefined || !isRecord(block?.expressions)) return this.opaque(scope.moduleAddress, ref);
    const references = referencesOf(block.expressions[ref.split('.')[1]]);
    const parent: Scope = {
      moduleAddress: moduleAddressOf(steps),
      key: call.key,
      keyed: usesKey(references),
      eachOf: referencesOf(block.for_each_expression),
      depth: scope.depth + 1,
    };
    return this.follow(references, parent) ?? this.opaque(parent.moduleAddress, ref);
  }

  /** `module.logs.bucket_id`: the expression of that output in the module. */
  private followOutput(ref: string, scope: Scope): BucketLink {
    const output = outputReference(ref);
    if (output === undefined) return this.opaque(scope.moduleAddress, ref);
    const key = output.module.key ?? (scope.keyed ? scope.key : undefined);
    const child = inModule(scope.moduleAddress, `module.${output.module.name}${key ?? ''}`);
    const references = referencesOf(this.configuration.outputOf(child, output.output));
    return this.follow(references, { moduleAddress: child, keyed: false, eachOf: [], depth: scope.depth + 1 }) ?? this.opaque(child, ref);
  }

  private bucketInstance(ref: string, resource: { type: string; name: string; key?: string }, scope: Scope): BucketLink {
    const instances = this.buckets.filter(bucket => bucket.moduleAddress === scope.moduleAddress
      && bucket.type === resource.type && bucket.name === resource.name);
    const key = resource.key ?? (scope.keyed ? scope.key : undefined);
    const single = instances.length === 1 && instances[0].key === undefined ? instances[0] : undefined;
    const tied = single ?? (key === undefined ? undefined : instances.find(instance => instance.key === key));
    return tied ? { kind: 'bucket', bucket: tied } : { kind: 'unknown', mayBe: instances, expression: ref };
  }

  /** A reference the plan does not let us follow (a local value, another resource): any bucket of the module may be it. */
  private opaque(moduleAddress: string, expression: string): BucketLink {
    return { kind: 'unknown', mayBe: this.buckets.filter(bucket => bucket.moduleAddress === moduleAddress), expression };
  }
}


function usesKey(references: readonly string[]): boolean {
  return references.some(ref => ref === 'count.index' || ref.startsWith('each.'));
}
