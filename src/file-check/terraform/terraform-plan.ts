import { TERRAFORM_BUCKET_TYPES, TERRAFORM_LIFECYCLE_CONFIGURATION_TYPE } from '../../policy/bucket-types';
import { isRecord } from '../../policy/fields';
import { ResourcePlace } from '../judge-template';
import { StructuredText } from '../structured-text';
import { BucketLink, BucketLinks } from './plan-bucket-links';
import { PlanConfiguration } from './plan-configuration';
import { configurationRules, inlineRules, PlannedRules } from './plan-lifecycle';
import { afterUnknownByAddress, PlannedResource, plannedResources } from './plan-resources';
import { valuesWithUnknowns } from './plan-unknowns';
import { TerraformInstance, TerraformSubject } from './terraform-subject';

/** True for the JSON of `terraform show -json plan.out`, a plan without changes (only its prior_state) included. */
export function isTerraformPlan(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'format_version' in value
    && ('planned_values' in value || 'resource_changes' in value || 'prior_state' in value);
}

/** Every bucket of a plan, and every lifecycle configuration of a bucket the plan does not hold, to judge. */
export function terraformPlanSubjects(plan: StructuredText, file: string): TerraformSubject[] {
  return new PlanSubjects(plan, file).all();
}

interface MayBe {
  readonly lifecycle: PlannedResource;
  readonly expression: string;
}

class PlanSubjects {
  private readonly configuration: PlanConfiguration;
  private readonly unknowns: Map<string, unknown>;
  private readonly managed: PlannedResource[];

  constructor(private readonly plan: StructuredText, private readonly file: string) {
    this.configuration = new PlanConfiguration(plan.value);
    this.unknowns = afterUnknownByAddress(plan.value);
    // Data sources are read, not managed: not buckets to judge.
    this.managed = plannedResources(plan.value).filter(resource => resource.mode === 'managed');
  }

  /** In the plan's order: each bucket, and each lifecycle configuration not tied to one of them. */
  all(): TerraformSubject[] {
    const buckets = this.managed.filter(resource => TERRAFORM_BUCKET_TYPES.includes(resource.type));
    const links = new BucketLinks(buckets, this.configuration);
    const linkOf = new Map(this.managed.filter(resource => resource.type === TERRAFORM_LIFECYCLE_CONFIGURATION_TYPE)
      .map(lifecycle => [lifecycle, links.linkOf(lifecycle)]));
    const tied = new Map<PlannedResource, PlannedResource[]>();
    const mayBe = new Map<PlannedResource, MayBe[]>();
    for (const [lifecycle, link] of linkOf) {
      if (link.kind === 'bucket') pushTo(tied, link.bucket, lifecycle);
      if (link.kind === 'unknown') for (const bucket of link.mayBe) pushTo(mayBe, bucket, { lifecycle, expression: link.expression });
    }
    return this.managed.flatMap((resource) => {
      if (TERRAFORM_BUCKET_TYPES.includes(resource.type)) return [this.bucketSubject(resource, tied.get(resource) ?? [], mayBe.get(resource) ?? [])];
      const link = linkOf.get(resource);
      return link !== undefined && link.kind !== 'bucket' ? [this.lifecycleSubject(resource, link)] : [];
    });
  }

  private bucketSubject(bucket: PlannedResource, lifecycles: readonly PlannedResource[], mayBe: readonly MayBe[]): TerraformSubject {
    const subject = { address: bucket.address, type: bucket.type, place: this.placeOf(bucket) };
    const names = lifecycles.map(lifecycle => lifecycle.address).join(' and ');
    if (lifecycles.length > 1) {
      const why = `${names} are both lifecycle configurations of this bucket, and S3 keeps only the one applied last`;
      return { ...subject, rulesIn: names, instances: [{ lifecycle: { rules: [] }, style: 'configuration', unresolved: why }] };
    }
    const expressions = this.expressionsOf(bucket);
    const writtenInline = isRecord(expressions) && 'lifecycle_rule' in expressions;
    const inline = bucket.type === 'aws_s3_bucket' ? inlineRules(this.valuesOf(bucket), writtenInline) : undefined;
    if (lifecycles.length === 1) {
      const rules = this.rulesOf(lifecycles[0]);
      const fight = writtenInline
        ? [`The bucket also has inline lifecycle_rule blocks: the provider applies both, each overwriting the other; move them into ${names}.`]
        : [];
      return { ...subject, rulesIn: names, instances: [{ lifecycle: rules.lifecycle, style: 'configuration', notes: [...rules.notes, ...fight] }] };
    }
    return { ...subject, instances: [untiedInstance(inline, mayBe)] };
  }

  private lifecycleSubject(lifecycle: PlannedResource, link: Exclude<BucketLink, { kind: 'bucket' }>): TerraformSubject {
    const rules = this.rulesOf(lifecycle);
    const where = link.kind === 'elsewhere'
      ? `Its bucket, ${link.bucket}, is not managed in this plan: the configuration is judged on its own rules.`
      : `Its bucket (${link.expression}) is not known before apply: the configuration is judged on its own rules.`;
    return {
      address: lifecycle.address,
      type: lifecycle.type,
      place: this.placeOf(lifecycle),
      instances: [{ lifecycle: rules.lifecycle, style: 'configuration', notes: [...rules.notes, where] }],
    };
  }

  private rulesOf(lifecycle: PlannedResource): PlannedRules {
    return configurationRules(this.valuesOf(lifecycle), this.expressionsOf(lifecycle));
  }

  private valuesOf(resource: PlannedResource): Record<string, unknown> {
    return valuesWithUnknowns(resource.values, this.unknowns.get(resource.address), resource.address, this.expressionsOf(resource));
  }

  private expressionsOf(resource: PlannedResource): unknown {
    return this.configuration.resourceOf(resource)?.expressions;
  }

  /** A plan gives no source file or line for a resource: its entry in planned_values is where it is said. */
  private placeOf(resource: PlannedResource): ResourcePlace {
    return { file: this.file, ...this.plan.positionOfKey(resource.entry, 'address') ?? { line: 1, column: 1 } };
  }
}

/** A bucket without a lifecycle configuration of its own: its inline rules, or one that may be its, or none. */
function untiedInstance(inline: TerraformInstance['lifecycle'] | undefined, mayBe: readonly MayBe[]): TerraformInstance {
  if (inline !== undefined) return { lifecycle: inline, style: 'inline' };
  if (mayBe.length > 0) {
    const which = mayBe.map(({ lifecycle, expression }) => `${lifecycle.address} (bucket = ${expression})`).join(', ');
    return {
      lifecycle: { rules: [] },
      style: 'none',
      unresolved: `the lifecycle configuration ${which} may be this bucket's, as its bucket is not known before apply`,
    };
  }
  return { lifecycle: { rules: [] }, style: 'none' };
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
