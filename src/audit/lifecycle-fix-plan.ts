import { DEFAULT_MAX_DAYS, evaluateLifecycle, requireWholeDays } from '../policy/evaluate';
import { lifecycleFromS3Api } from '../policy/from-s3-api';
import { MultipartUploadRuleId, RULE_CATALOGUE } from '../policy/rule-catalogue';
import { Verdict } from '../policy/verdict';
import type { LifecycleRule, LifecycleRuleAndOperator } from '../s3/aws-sdk';
import { BucketLifecycle } from '../s3/s3-port';

/** The id of the rule `--fix-lifecycle` adds (a suffix is added if the bucket already uses it). */
export const FIX_RULE_ID = 'mpu-guard-abort-incomplete-uploads';

export type LifecycleFixPlan =
  /** The merged configuration: every existing rule and setting unchanged, plus `added`. */
  | { readonly action: 'add'; readonly lifecycle: BucketLifecycle; readonly added: LifecycleRule; readonly reason: string }
  | { readonly action: 'none'; readonly reason: string }
  | { readonly action: 'refuse'; readonly reason: string };

/** A plan that adds the rule. */
export type LifecycleAddPlan = Extract<LifecycleFixPlan, { readonly action: 'add' }>;

/**
 * What `--fix-lifecycle` would do to a bucket whose configuration is `current`
 * (undefined: none). It only ever appends one rule: PutBucketLifecycleConfiguration
 * replaces the whole configuration, so every existing rule, and the bucket-wide
 * transition setting, is carried over as it was read (see asWritable).
 */
export function planLifecycleFix(current: BucketLifecycle | undefined, days: number, maxDays: number = DEFAULT_MAX_DAYS): LifecycleFixPlan {
  requireWholeDays('days', days);
  if (days > maxDays) {
    throw new Error(`days must be at most maxDays, or the added rule would itself be too late (got days ${days}, maxDays ${maxDays})`);
  }
  const evaluation = evaluateLifecycle(lifecycleFromS3Api(current?.rules), { maxDays });
  switch (evaluation.verdict) {
    case Verdict.COMPLIANT:
      return { action: 'none', reason: `already compliant: ${evaluation.reason}` };
    case Verdict.INVALID_RULE:
      return { action: 'refuse', reason: `not changed, fix it by hand: ${evaluation.reason}. ${RULE_CATALOGUE[MultipartUploadRuleId.MPU3].fix['live-bucket'](maxDays)}` };
    case Verdict.UNRESOLVED:
      return { action: 'refuse', reason: `not changed, fix it by hand: ${evaluation.reason}` };
    default: {
      const rules = current?.rules ?? [];
      const added = abortRule(uniqueId(rules), days, usesLegacyPrefix(rules));
      return { action: 'add', lifecycle: { ...current, rules: [...rules.map(asWritable), added] }, added, reason: evaluation.reason };
    }
  }
}

/**
 * The rule in a shape S3 accepts, with the same meaning. Ceph RGW reads an
 * `And` of a prefix and two or more tags back as `Filter: { Prefix, And: { Tags } }`;
 * written back like that, RGW keeps the And and drops the Prefix, widening the
 * rule to every tagged object. A Filter of more than one condition is folded into And.
 */
function asWritable(rule: LifecycleRule): LifecycleRule {
  const { Prefix, Tag, And, ObjectSizeGreaterThan, ObjectSizeLessThan } = rule.Filter ?? {};
  if ([Prefix, Tag, And, ObjectSizeGreaterThan, ObjectSizeLessThan].filter(c => c !== undefined).length <= 1) return rule;
  const and: LifecycleRuleAndOperator = {
    Prefix: And?.Prefix ?? Prefix,
    Tags: [...(Tag ? [Tag] : []), ...(And?.Tags ?? [])],
    ObjectSizeGreaterThan: And?.ObjectSizeGreaterThan ?? ObjectSizeGreaterThan,
    ObjectSizeLessThan: And?.ObjectSizeLessThan ?? ObjectSizeLessThan,
  };
  const present = Object.entries(and).filter(([, value]) => value !== undefined && !(Array.isArray(value) && value.length === 0));
  return { ...rule, Filter: { And: Object.fromEntries(present) } };
}

/**
 * The whole-bucket abort rule. When the existing rules use the legacy
 * rule-level `Prefix`, the new rule does too: S3 refuses a configuration that
 * mixes the two shapes ("Filter element can only be used in Lifecycle V2").
 */
function abortRule(id: string, days: number, legacy: boolean): LifecycleRule {
  const scope = legacy ? { Prefix: '' } : { Filter: { Prefix: '' } };
  return { ID: id, Status: 'Enabled', ...scope, AbortIncompleteMultipartUpload: { DaysAfterInitiation: days } };
}

function usesLegacyPrefix(rules: readonly LifecycleRule[]): boolean {
  return rules.some(rule => rule.Prefix !== undefined && rule.Filter === undefined);
}

function uniqueId(rules: readonly LifecycleRule[]): string {
  const taken = new Set(rules.map(rule => rule.ID));
  let id = FIX_RULE_ID;
  for (let n = 2; taken.has(id); n++) {
    id = `${FIX_RULE_ID}-${n}`;
  }
  return id;
}

/** The change as diff lines: kept rules named as context, the added rule with `+`. */
export function describeFix(bucket: string, plan: LifecycleFixPlan): string[] {
  if (plan.action !== 'add') {
    return [`${bucket}: ${plan.reason}`];
  }
  const kept = plan.lifecycle.rules.slice(0, -1);
  return [
    `${bucket}: ${plan.reason}`,
    `  ${kept.length} existing rule${kept.length === 1 ? '' : 's'} kept unchanged${kept.length > 0 ? `: ${kept.map(r => r.ID ?? '(no id)').join(', ')}` : ''}`,
    `+ ${JSON.stringify(plan.added)}`,
  ];
}
