import type { LifecycleRule, LifecycleRuleFilter, Tag } from '@aws-sdk/client-s3';
import { mulberry32 } from '../../scripts/lib/mulberry32';
import { FIX_RULE_ID } from '../../src/audit/lifecycle-fix-plan';

/** One generated bucket: its lifecycle rules as put (undefined: no configuration at all) and the fix's options. */
export interface LifecycleCase {
  readonly seed: number;
  readonly rules: LifecycleRule[] | undefined;
  readonly days: number;
  readonly maxDays: number;
  /**
   * Worked out from the generated rules, not by the evaluator: some enabled
   * rule aborts uploads in the whole bucket within maxDays.
   */
  readonly compliant: boolean;
}

type Next = () => number;

export function pick<T>(next: Next, values: readonly T[]): T {
  return values[Math.floor(next() * values.length)];
}

/**
 * A lifecycle configuration that both S3 and Ceph RGW accept, from a seed.
 * RGW drops ObjectSizeGreaterThan (widening the rule to the whole bucket) and
 * rejects a tag filter beside an abort action, so neither is generated.
 */
export function randomLifecycleCase(seed: number): LifecycleCase {
  const next = mulberry32(seed);
  const maxDays = pick(next, [3, 7, 7, 30]);
  const days = pick(next, [1, 3, maxDays]);
  const count = pick(next, [0, 1, 1, 2, 2, 3, 3, 4, 5]);
  // S3 refuses a configuration that mixes the legacy rule-level Prefix with Filter.
  const legacy = next() < 0.15;
  const rules = Array.from({ length: count }, (_, i) => randomRule(next, i, legacy, maxDays));
  uniqueIds(rules.map(r => r.rule));
  return {
    seed,
    rules: count === 0 ? undefined : rules.map(r => r.rule),
    days,
    maxDays,
    compliant: rules.some(r => r.wholeBucket && r.rule.Status === 'Enabled' && (r.rule.AbortIncompleteMultipartUpload?.DaysAfterInitiation ?? Infinity) <= maxDays),
  };
}

function randomRule(next: Next, index: number, legacy: boolean, maxDays: number): { rule: LifecycleRule; wholeBucket: boolean } {
  const kind = legacy ? pick(next, ['whole', 'prefix'] as const) : pick(next, ['whole', 'whole', 'prefix', 'prefix', 'tag', 'and'] as const);
  const prefix = kind === 'whole' ? '' : pick(next, ['logs/', 'tmp/', 'a', 'uploads/', 'ünï cødé/', 'x+y/']);
  const tagged = kind === 'tag' || kind === 'and';
  const scope = legacy ? { Prefix: prefix } : { Filter: filterOf(next, kind, prefix) };
  // In time (1..maxDays) or late (beyond maxDays).
  const abortDays = next() < 0.6 ? 1 + Math.floor(next() * maxDays) : maxDays + 1 + Math.floor(next() * 30);
  const abort = !tagged && next() < 0.45 ? { AbortIncompleteMultipartUpload: { DaysAfterInitiation: abortDays } } : {};
  const rule: LifecycleRule = {
    ID: pick(next, [`rule-${index}`, `rule-${index}`, FIX_RULE_ID, `${FIX_RULE_ID}-2`, `Rule ${index} with spaces`, undefined]),
    Status: next() < 0.75 ? 'Enabled' : 'Disabled',
    ...scope,
    ...abort,
    ...otherActions(next, tagged, 'AbortIncompleteMultipartUpload' in abort),
  };
  return { rule, wholeBucket: kind === 'whole' };
}

function filterOf(next: Next, kind: 'whole' | 'prefix' | 'tag' | 'and', prefix: string): LifecycleRuleFilter {
  const tags: Tag[] = [{ Key: 'team', Value: pick(next, ['a', 'b']) }, { Key: 'tmp', Value: 'yes' }];
  switch (kind) {
    case 'whole': return pick(next, [{}, { Prefix: '' }]);
    case 'prefix': return { Prefix: prefix };
    case 'tag': return { Tag: tags[0] };
    // And needs two conditions or more: a prefix and a tag, a prefix and two tags, or two tags.
    case 'and': return { And: pick(next, [{ Prefix: prefix, Tags: [tags[0]] }, { Prefix: prefix, Tags: tags }, { Tags: tags }]) };
  }
}

/**
 * Expiration, transitions and noncurrent-version actions, within S3's limits:
 * one timing form (days or dates) per rule, expiration after the last
 * transition, 30 days at least before STANDARD_IA, no delete-marker
 * expiration beside a tag filter, and at least one action per rule.
 */
function otherActions(next: Next, tagged: boolean, hasAbort: boolean): Partial<LifecycleRule> {
  const actions: Partial<LifecycleRule> = {};
  const byDate = next() < 0.25;
  if (next() < 0.4) {
    actions.Transitions = byDate
      ? [{ Date: new Date('2030-01-01T00:00:00Z'), StorageClass: 'GLACIER' }]
      : pick(next, [[{ Days: 30, StorageClass: 'STANDARD_IA' }], [{ Days: 30, StorageClass: 'STANDARD_IA' }, { Days: 120, StorageClass: 'GLACIER' }], [{ Days: 90, StorageClass: 'DEEP_ARCHIVE' }]]);
  }
  const expiration = next();
  if (expiration < 0.2 && !tagged && !byDate) {
    actions.Expiration = { ExpiredObjectDeleteMarker: true };
  } else if (expiration < 0.6) {
    actions.Expiration = byDate
      ? { Date: new Date(actions.Transitions ? '2031-01-01T00:00:00Z' : '2030-06-01T00:00:00Z') }
      : { Days: actions.Transitions ? 365 : pick(next, [1, 30, 365]) };
  }
  if (next() < 0.3) {
    actions.NoncurrentVersionTransitions = [{ NoncurrentDays: pick(next, [30, 45]), StorageClass: 'STANDARD_IA' }];
  }
  if (next() < 0.35) {
    actions.NoncurrentVersionExpiration = { NoncurrentDays: actions.NoncurrentVersionTransitions ? 400 : pick(next, [1, 60]) };
  }
  if (!hasAbort && Object.keys(actions).length === 0) {
    actions.Expiration = { Days: 7 };
  }
  return actions;
}

/** S3 refuses two rules with one ID: a repeated one gets the rule's position. */
function uniqueIds(rules: LifecycleRule[]): void {
  const seen = new Set<string>();
  rules.forEach((rule, i) => {
    if (rule.ID !== undefined && seen.has(rule.ID)) rule.ID = `dup-${i}`;
    if (rule.ID !== undefined) seen.add(rule.ID);
  });
}
