import { mulberry32 as random } from '../../scripts/lib/mulberry32';
import { evaluateLifecycle } from '../../src/policy/evaluate';
import { lifecycleFromCloudFormation } from '../../src/policy/from-cloudformation';
import { lifecycleFromS3Api } from '../../src/policy/from-s3-api';
// The benchmark's seeded PRNG: a failing case can be replayed from its seed.

/** One lifecycle rule, independent of its shape. */
interface AbstractRule {
  readonly id?: string;
  readonly status: string;
  readonly prefix?: string;
  readonly abortDays?: number;
  readonly tags: boolean;
  readonly sizes: boolean;
  readonly expirationDays?: number;
  readonly transitionDays?: number;
  readonly noncurrentDays?: number;
}

function pick<T>(next: () => number, values: readonly T[]): T {
  return values[Math.floor(next() * values.length)];
}

function abstractRules(next: () => number): AbstractRule[] {
  return Array.from({ length: Math.floor(next() * 5) }, (_, i) => ({
    id: pick(next, [undefined, `rule-${i}`, '']),
    status: pick(next, ['Enabled', 'Enabled', 'Disabled']),
    prefix: pick(next, [undefined, '', '', 'logs/', 'a']),
    abortDays: pick(next, [undefined, undefined, 0, 1, 3, 7, 8, 30, 1.5, -1]),
    tags: next() < 0.2,
    sizes: next() < 0.2,
    expirationDays: pick(next, [undefined, 1, 365]),
    transitionDays: pick(next, [undefined, 30]),
    noncurrentDays: pick(next, [undefined, 7]),
  }));
}

/** As an AWS::S3::Bucket's LifecycleConfiguration in a template. */
function asCloudFormation(rules: AbstractRule[]): unknown {
  return {
    Rules: rules.map(r => ({
      ...(r.id !== undefined && { Id: r.id }),
      Status: r.status,
      ...(r.prefix !== undefined && { Prefix: r.prefix }),
      ...(r.abortDays !== undefined && { AbortIncompleteMultipartUpload: { DaysAfterInitiation: r.abortDays } }),
      ...(r.tags && { TagFilters: [{ Key: 'team', Value: 'a' }] }),
      ...(r.sizes && { ObjectSizeGreaterThan: '1024' }),
      ...(r.expirationDays !== undefined && { ExpirationInDays: r.expirationDays }),
      ...(r.transitionDays !== undefined && { Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: r.transitionDays }] }),
      ...(r.noncurrentDays !== undefined && { NoncurrentVersionExpiration: { NoncurrentDays: r.noncurrentDays } }),
    })),
  };
}

/** As GetBucketLifecycleConfiguration's Rules, in the Filter shape S3 returns. */
function asS3Api(rules: AbstractRule[]): unknown[] {
  return rules.map(r => {
    const prefix = r.prefix ?? '';
    const conditions = (r.tags ? 1 : 0) + (r.sizes ? 1 : 0) + (prefix !== '' ? 1 : 0);
    const filter = conditions > 1 || (r.tags && r.sizes)
      ? { And: { ...(prefix !== '' && { Prefix: prefix }), ...(r.tags && { Tags: [{ Key: 'team', Value: 'a' }] }), ...(r.sizes && { ObjectSizeGreaterThan: 1024 }) } }
      : r.tags ? { Tag: { Key: 'team', Value: 'a' } }
        : r.sizes ? { ObjectSizeGreaterThan: 1024 }
          : { Prefix: prefix };
    return {
      ...(r.id !== undefined && { ID: r.id }),
      Status: r.status,
      Filter: filter,
      ...(r.abortDays !== undefined && { AbortIncompleteMultipartUpload: { DaysAfterInitiation: r.abortDays } }),
      ...(r.expirationDays !== undefined && { Expiration: { Days: r.expirationDays } }),
      ...(r.transitionDays !== undefined && { Transitions: [{ StorageClass: 'GLACIER', Days: r.transitionDays }] }),
      ...(r.noncurrentDays !== undefined && { NoncurrentVersionExpiration: { NoncurrentDays: r.noncurrentDays } }),
    };
  });
}

/** Anything at all: what a broken template or a strange server might hand over. */
function junk(next: () => number, depth = 0): unknown {
  const kind = Math.floor(next() * (depth > 3 ? 6 : 9));
  switch (kind) {
    case 0: return undefined;
    case 1: return null;
    case 2: return pick(next, [0, -1, 1.5, NaN, Infinity, -1.8881545897087626e+289, 1e300]);
    case 3: return pick(next, ['', 'Enabled', 'Disabled', '7', 'x', '${Token[TOKEN.1]}']);
    case 4: return next() < 0.5;
    case 5: return { Ref: 'Days' };
    case 6: return Array.from({ length: Math.floor(next() * 4) }, () => junk(next, depth + 1));
    default: {
      const keys = ['Rules', 'rules', 'Id', 'ID', 'Status', 'Prefix', 'Filter', 'And', 'Tag', 'Tags', 'TagFilters',
        'AbortIncompleteMultipartUpload', 'abortIncompleteMultipartUpload', 'DaysAfterInitiation', 'ObjectSizeGreaterThan'];
      return Object.fromEntries(Array.from({ length: Math.floor(next() * 5) }, () => [pick(next, keys), junk(next, depth + 1)]));
    }
  }
}

const SEEDS = Array.from({ length: 500 }, (_, i) => i + 1);

describe('the evaluator, on random lifecycle configurations', () => {
  test('gives the same evaluation for the CloudFormation and the S3 API shape of the same rules (500 seeds)', () => {
    for (const seed of SEEDS) {
      const rules = abstractRules(random(seed));
      const maxDays = pick(random(seed + 1000), [1, 7, 30]);
      const fromTemplate = evaluateLifecycle(lifecycleFromCloudFormation(asCloudFormation(rules)), { maxDays });
      const fromServer = evaluateLifecycle(lifecycleFromS3Api(asS3Api(rules)), { maxDays });
      expect({ seed, evaluation: fromServer }).toEqual({ seed, evaluation: fromTemplate });
    }
  });

  test('never throws, whatever it is given, and always gives a verdict (2,000 seeds)', () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const next = random(seed);
      const value = junk(next);
      for (const view of [
        () => lifecycleFromCloudFormation(value),
        () => lifecycleFromCloudFormation({ Rules: [value, junk(next)] }),
        () => lifecycleFromS3Api(Array.isArray(value) ? value : [value]),
      ]) {
        let evaluation;
        expect(() => { evaluation = evaluateLifecycle(view(), { maxDays: 7 }); }).not.toThrow();
        expect({ seed, verdict: typeof evaluation!.verdict }).toEqual({ seed, verdict: 'string' });
      }
    }
  });
});
