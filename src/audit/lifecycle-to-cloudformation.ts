import type { LifecycleRule, LifecycleRuleAndOperator } from '../s3/aws-sdk';
import { BucketLifecycle } from '../s3/s3-port';

/** A lifecycle configuration as an `AWS::S3::Bucket`'s `LifecycleConfiguration` property, PascalCase. */
export interface CloudFormationLifecycle {
  readonly configuration: Record<string, unknown>;
  /** Fields of the S3 API shape that have no place in the template shape, as `rule <id>: <field>`; none when every field was carried. */
  readonly notConverted: string[];
}

/**
 * The S3 API's lifecycle configuration (as GetBucketLifecycleConfiguration returns it and
 * PutBucketLifecycleConfiguration takes it) in the property names of a CloudFormation template:
 * `ID` becomes `Id`, a `Filter` (or the legacy rule-level `Prefix`) becomes the rule's `Prefix`,
 * `TagFilters` and `ObjectSize*`, `Expiration` becomes `ExpirationInDays` / `ExpirationDate` /
 * `ExpiredObjectDeleteMarker`, and a transition's `Days` / `Date` become `TransitionInDays` /
 * `TransitionDate`. An empty prefix (the whole bucket) is left out, as CloudFormation writes it.
 */
export function lifecycleToCloudFormation(lifecycle: BucketLifecycle): CloudFormationLifecycle {
  const notConverted: string[] = [];
  const rules = lifecycle.rules.map((rule, index) => ruleToCloudFormation(rule, `rule ${rule.ID ?? `#${index + 1}`}`, notConverted));
  const configuration: Record<string, unknown> = { Rules: rules };
  if (lifecycle.transitionDefaultMinimumObjectSize !== undefined) {
    configuration.TransitionDefaultMinimumObjectSize = lifecycle.transitionDefaultMinimumObjectSize;
  }
  return { configuration, notConverted };
}

type Tag = NonNullable<LifecycleRuleAndOperator['Tags']>[number];

const RULE_FIELDS = new Set([
  'ID', 'Status', 'Prefix', 'Filter', 'AbortIncompleteMultipartUpload', 'Expiration', 'Transitions', 'NoncurrentVersionExpiration',
  'NoncurrentVersionTransitions',
]);

function ruleToCloudFormation(rule: LifecycleRule, label: string, notConverted: string[]): Record<string, unknown> {
  notConverted.push(...Object.keys(rule).filter(key => !RULE_FIELDS.has(key) && present(rule[key as keyof LifecycleRule])).map(key => `${label}: ${key}`));
  const filter = rule.Filter ?? {};
  const and = filter.And ?? {};
  const prefix = rule.Prefix ?? filter.Prefix ?? and.Prefix;
  const tags: Tag[] = [...(filter.Tag ? [filter.Tag] : []), ...(and.Tags ?? [])];
  const { Expiration: expiration, AbortIncompleteMultipartUpload: abort, NoncurrentVersionExpiration: noncurrentExpiration } = rule;
  return withoutUndefined({
    Id: rule.ID,
    Status: rule.Status,
    Prefix: prefix === '' ? undefined : prefix,
    TagFilters: tags.length > 0 ? tags.map(tag => ({ Key: tag.Key, Value: tag.Value })) : undefined,
    ObjectSizeGreaterThan: filter.ObjectSizeGreaterThan ?? and.ObjectSizeGreaterThan,
    ObjectSizeLessThan: filter.ObjectSizeLessThan ?? and.ObjectSizeLessThan,
    AbortIncompleteMultipartUpload: abort ? withoutUndefined({ DaysAfterInitiation: abort.DaysAfterInitiation }) : undefined,
    ExpirationDate: isoDate(expiration?.Date),
    ExpirationInDays: expiration?.Days,
    ExpiredObjectDeleteMarker: expiration?.ExpiredObjectDeleteMarker,
    Transitions: rule.Transitions?.map(t => withoutUndefined({
      StorageClass: t.StorageClass, TransitionInDays: t.Days, TransitionDate: isoDate(t.Date),
    })),
    NoncurrentVersionExpiration: noncurrentExpiration ? withoutUndefined({
      NoncurrentDays: noncurrentExpiration.NoncurrentDays, NewerNoncurrentVersions: noncurrentExpiration.NewerNoncurrentVersions,
    }) : undefined,
    NoncurrentVersionTransitions: rule.NoncurrentVersionTransitions?.map(t => withoutUndefined({
      StorageClass: t.StorageClass, TransitionInDays: t.NoncurrentDays, NewerNoncurrentVersions: t.NewerNoncurrentVersions,
    })),
  });
}

/** CloudFormation takes dates as ISO 8601 strings; the SDK reads them as Dates. */
function isoDate(date: Date | string | undefined): string | undefined {
  if (date === undefined) return undefined;
  return date instanceof Date ? date.toISOString() : date;
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function withoutUndefined(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}
