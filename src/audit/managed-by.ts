import { ManagedBy } from './report';
import { describeDenied } from '../s3/errors';
import { Limiter } from '../s3/limiter';
import { S3Port, BucketRef } from '../s3/s3-port';

/** The tags CloudFormation puts on every bucket it creates (and so on every bucket of a CDK app). */
export const CLOUDFORMATION_TAGS = {
  stackName: 'aws:cloudformation:stack-name',
  stackId: 'aws:cloudformation:stack-id',
  logicalId: 'aws:cloudformation:logical-id',
} as const;

/** What GetBucketTagging needs. */
export const TAGGING_PERMISSION = 's3:GetBucketTagging';

/** S3's limits on a tag. */
const MAX_KEY_LENGTH = 128;
const MAX_VALUE_LENGTH = 256;

/** A tag that marks a bucket as managed by some tool (`--managed-tag KEY[=VALUE]`). */
export interface ManagedTag {
  readonly key: string;
  /** The value the tag must have; undefined: any value. */
  readonly value?: string;
}

/**
 * Who manages a bucket with these tags: CloudFormation first (its tags say the most), then the
 * first of `managedTags` the bucket carries; null for none. Keys and values match exactly, as S3
 * compares them.
 */
export function managedByOf(tags: ReadonlyMap<string, string>, managedTags: readonly ManagedTag[] = []): ManagedBy | null {
  const stackName = tags.get(CLOUDFORMATION_TAGS.stackName);
  if (stackName !== undefined) {
    return {
      kind: 'cloudformation',
      stackName,
      stackId: tags.get(CLOUDFORMATION_TAGS.stackId) ?? null,
      logicalId: tags.get(CLOUDFORMATION_TAGS.logicalId) ?? null,
    };
  }
  for (const wanted of managedTags) {
    const value = tags.get(wanted.key);
    if (value !== undefined && (wanted.value === undefined || wanted.value === value)) return { kind: 'tag', key: wanted.key, value };
  }
  return null;
}

/**
 * Reads the bucket's tags through `limit` and says who manages it. Never throws: tags that
 * cannot be read make it `unknown`, with the permission when the read was denied.
 */
export async function readManagedBy(s3: S3Port, limit: Limiter, bucket: BucketRef, managedTags?: readonly ManagedTag[]): Promise<ManagedBy | null> {
  try {
    return managedByOf(await limit(() => s3.getBucketTags(bucket)), managedTags);
  } catch (error) {
    return { kind: 'unknown', error: `tags: ${describeDenied(error, TAGGING_PERMISSION)}` };
  }
}

/**
 * `KEY` (any value) or `KEY=VALUE` (exactly that value; `KEY=` is the empty value), split at the
 * first `=`: a value may hold `=`, a key cannot be named with one. Throws an Error that says what
 * is wrong and what to write instead.
 */
export function parseManagedTag(text: string): ManagedTag {
  const equals = text.indexOf('=');
  const key = equals < 0 ? text : text.slice(0, equals);
  const value = equals < 0 ? undefined : text.slice(equals + 1);
  if (key.trim() === '') {
    throw new Error(`must be a tag KEY (any value) or KEY=VALUE, like owner or owner=terraform (got "${text}")`);
  }
  if (key.length > MAX_KEY_LENGTH) {
    throw new Error(`has a key of ${key.length} characters; S3 tag keys are at most ${MAX_KEY_LENGTH}: give the key as the bucket holds it`);
  }
  if (value !== undefined && value.length > MAX_VALUE_LENGTH) {
    throw new Error(`has a value of ${value.length} characters; S3 tag values are at most ${MAX_VALUE_LENGTH}: give the value as the bucket holds it`);
  }
  return value === undefined ? { key } : { key, value };
}
