import { audit } from '../../src/audit/audit';
import { fixLifecycles } from '../../src/audit/lifecycle-fix-apply';
import { CLOUDFORMATION_TAGS, ManagedTag, managedByOf, parseManagedTag, readManagedBy } from '../../src/audit/managed-by';
import { createLimiter } from '../../src/s3/limiter';
import { accessDenied, FakeS3, fakeUpload } from '../_helpers/fake-s3';

const NOW = new Date('2026-11-22T12:00:00Z');
const STACK_ID = 'arn:aws:cloudformation:eu-west-1:123456789012:stack/Storage/1b2c3d40-0000-11ef-8000-0a1b2c3d4e5f';
const CDK_TAGS = {
  [CLOUDFORMATION_TAGS.stackName]: 'Storage',
  [CLOUDFORMATION_TAGS.stackId]: STACK_ID,
  [CLOUDFORMATION_TAGS.logicalId]: 'UploadsB1A2B3C4',
};

const tags = (record: Record<string, string>) => new Map(Object.entries(record));

describe('managedByOf: who manages a bucket, from its tags', () => {
  test.each<[string, Record<string, string>, ManagedTag[], ReturnType<typeof managedByOf>]>([
    ['no tags', {}, [], null],
    ['tags of its own only', { team: 'media', owner: 'terraform' }, [], null],
    ['the three tags CloudFormation writes', CDK_TAGS, [],
      { kind: 'cloudformation', stackName: 'Storage', stackId: STACK_ID, logicalId: 'UploadsB1A2B3C4' }],
    ['the stack name alone', { [CLOUDFORMATION_TAGS.stackName]: 'Storage' }, [],
      { kind: 'cloudformation', stackName: 'Storage', stackId: null, logicalId: null }],
    ['a stack id without the stack name (not CloudFormation\'s tag set)', { [CLOUDFORMATION_TAGS.stackId]: STACK_ID }, [], null],
    ['a named key, any value', { owner: 'terraform' }, [{ key: 'owner' }], { kind: 'tag', key: 'owner', value: 'terraform' }],
    ['a named key and value', { owner: 'terraform' }, [{ key: 'owner', value: 'terraform' }], { kind: 'tag', key: 'owner', value: 'terraform' }],
    ['a named key with another value', { owner: 'pulumi' }, [{ key: 'owner', value: 'terraform' }], null],
    ['a key that differs in case', { Owner: 'terraform' }, [{ key: 'owner' }], null],
    ['an empty value asked for and held', { managed: '' }, [{ key: 'managed', value: '' }], { kind: 'tag', key: 'managed', value: '' }],
    ['an empty value asked for, another held', { managed: 'yes' }, [{ key: 'managed', value: '' }], null],
    ['the first named tag the bucket holds', { b: '2', a: '1' }, [{ key: 'x' }, { key: 'a' }, { key: 'b' }], { kind: 'tag', key: 'a', value: '1' }],
    ['CloudFormation and a named tag: CloudFormation says more', { ...CDK_TAGS, owner: 'terraform' }, [{ key: 'owner' }],
      { kind: 'cloudformation', stackName: 'Storage', stackId: STACK_ID, logicalId: 'UploadsB1A2B3C4' }],
  ])('%s', (_, held, named, expected) => {
    expect(managedByOf(tags(held), named)).toEqual(expected);
  });
});

describe('parseManagedTag: --managed-tag KEY[=VALUE]', () => {
  test.each<[string, ManagedTag]>([
    ['owner', { key: 'owner' }],
    ['owner=terraform', { key: 'owner', value: 'terraform' }],
    ['owner=', { key: 'owner', value: '' }],
    ['config=a=b', { key: 'config', value: 'a=b' }],
    ['aws:cloudformation:stack-name=Storage', { key: 'aws:cloudformation:stack-name', value: 'Storage' }],
  ])('%j', (text, expected) => {
    expect(parseManagedTag(text)).toEqual(expected);
  });

  test.each([
    ['an empty value', '', /^must be a tag KEY \(any value\) or KEY=VALUE, like owner or owner=terraform \(got ""\)$/],
    ['=VALUE without a key', '=terraform', /^must be a tag KEY .* \(got "=terraform"\)$/],
    ['a blank key', '  =terraform', /^must be a tag KEY .* \(got " {2}=terraform"\)$/],
    ['a key of 129 characters', 'k'.repeat(129), /^has a key of 129 characters; S3 tag keys are at most 128: give the key as the bucket holds it$/],
    ['a value of 257 characters', `owner=${'v'.repeat(257)}`, /^has a value of 257 characters; S3 tag values are at most 256/],
  ])('%s is refused, saying what to write', (_, text, message) => {
    expect(() => parseManagedTag(text)).toThrow(message);
  });
});

describe('readManagedBy and the audit: tags that cannot be read never fail the bucket', () => {
  test('denied: unknown, naming s3:GetBucketTagging', async () => {
    const s3 = new FakeS3({ locked: { region: 'eu-west-1', uploads: [], tagsFailWith: accessDenied() } });
    expect(await readManagedBy(s3, createLimiter(1), { name: 'locked', region: 'eu-west-1' })).toEqual({
      kind: 'unknown', error: 'tags: AccessDenied (HTTP 403): Access Denied; needs s3:GetBucketTagging',
    });
  });

  test('each bucket of the report says who manages it; one whose tags are denied has no error and is still counted', async () => {
    // GIVEN
    const s3 = new FakeS3({
      stack: { region: 'eu-west-1', uploads: [fakeUpload('a', 3 * 86400, [5], NOW)], tags: CDK_TAGS },
      terraform: { region: 'eu-west-1', uploads: [], tags: { owner: 'terraform' } },
      plain: { region: 'eu-west-1', uploads: [], tags: { team: 'media' } },
      locked: { region: 'eu-west-1', uploads: [fakeUpload('b', 3 * 86400, [7], NOW)], tagsFailWith: accessDenied() },
    });
    // WHEN
    const report = await audit(s3, { now: NOW, managedTags: [{ key: 'owner', value: 'terraform' }] });
    // THEN
    const byName = Object.fromEntries(report.buckets.map(b => [b.name, b]));
    expect(byName.stack.managedBy).toEqual({ kind: 'cloudformation', stackName: 'Storage', stackId: STACK_ID, logicalId: 'UploadsB1A2B3C4' });
    expect(byName.terraform.managedBy).toEqual({ kind: 'tag', key: 'owner', value: 'terraform' });
    expect(byName.plain.managedBy).toBeNull();
    expect(byName.locked).toMatchObject({ error: null, managedBy: { kind: 'unknown', error: expect.stringMatching(/needs s3:GetBucketTagging$/) } });
    expect(report.totals).toMatchObject({ failedBuckets: 0, uploads: 2, bytes: 12 });
    expect(s3.calls.filter(c => c.startsWith('getBucketTags')).sort()).toEqual(
      ['locked', 'plain', 'stack', 'terraform'].map(name => `getBucketTags ${name}`));
  });

  test('a bucket that could not be read at all: managedBy unknown, not null', async () => {
    const s3 = new FakeS3({});
    const report = await audit(s3, { now: NOW, buckets: ['gone'] });
    expect(report.buckets[0]).toMatchObject({ error: expect.stringMatching(/NoSuchBucket/), managedBy: { kind: 'unknown' } });
  });
});

describe('fixLifecycles on buckets given without managedBy (the audit API): it reads their tags first', () => {
  const buckets = () => new FakeS3({
    stack: { region: 'eu-west-1', uploads: [], tags: CDK_TAGS },
    terraform: { region: 'eu-west-1', uploads: [], tags: { owner: 'terraform' } },
    plain: { region: 'eu-west-1', uploads: [] },
  });
  const refs = ['stack', 'terraform', 'plain'].map(name => ({ name, region: 'eu-west-1' }));

  test('a managed bucket is planned and left to its source; the others are written', async () => {
    const s3 = buckets();
    const results = await fixLifecycles(s3, refs, { days: 3, maxDays: 7, yes: true, concurrency: 2, managedTags: [{ key: 'owner' }] });
    expect(results.map(r => [r.bucket, r.leftToSource, r.applied, r.plan.action, r.managedBy?.kind ?? null])).toEqual([
      ['stack', true, false, 'add', 'cloudformation'],
      ['terraform', true, false, 'add', 'tag'],
      ['plain', false, true, 'add', null],
    ]);
    expect(s3.calls.filter(c => c.startsWith('putLifecycle'))).toEqual(['putLifecycle plain']);
  });

  test('with fixManaged every bucket is written, and the result still says who manages it', async () => {
    const s3 = buckets();
    const results = await fixLifecycles(s3, refs, { days: 3, maxDays: 7, yes: true, concurrency: 2, fixManaged: true });
    expect(results.map(r => [r.bucket, r.leftToSource, r.applied, r.managedBy?.kind ?? null])).toEqual([
      ['stack', false, true, 'cloudformation'], ['terraform', false, true, null], ['plain', false, true, null],
    ]);
  });
});
