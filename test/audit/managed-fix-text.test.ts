import { parse } from 'yaml';
import { LifecycleAddPlan, planLifecycleFix } from '../../src/audit/lifecycle-fix-plan';
import { lifecycleToCloudFormation } from '../../src/audit/lifecycle-to-cloudformation';
import { fixManagedWarning, leftToSourceReason, sourceFixLines } from '../../src/audit/managed-fix-text';
import { ManagedBy } from '../../src/audit/report';
import { yamlLines } from '../../src/audit/yaml-text';
import type { LifecycleRule } from '../../src/s3/aws-sdk';
import { BucketLifecycle } from '../../src/s3/s3-port';
import { blockUnder } from '../_helpers/text-block';

const STACK: ManagedBy = {
  kind: 'cloudformation',
  stackName: 'Storage',
  stackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/Storage/1b2c3d40-0000-11ef-8000-0a1b2c3d4e5f',
  logicalId: 'UploadsB1A2B3C4',
};
const TERRAFORM: ManagedBy = { kind: 'tag', key: 'owner', value: 'terraform' };
const UNREAD: ManagedBy = { kind: 'unknown', error: 'tags: AccessDenied (HTTP 403); needs s3:GetBucketTagging' };

const EXPIRE_LOGS: LifecycleRule = { ID: 'expire-logs', Status: 'Enabled', Filter: { Prefix: 'logs/' }, Expiration: { Days: 30 } };
const ARCHIVE: LifecycleRule = {
  ID: 'archive',
  Status: 'Enabled',
  Filter: { And: { Prefix: 'media/', Tags: [{ Key: 'tier', Value: 'cold' }], ObjectSizeGreaterThan: 1024 } },
  Transitions: [{ Days: 30, StorageClass: 'GLACIER' }, { Date: new Date('2030-01-01T00:00:00Z'), StorageClass: 'DEEP_ARCHIVE' }],
  NoncurrentVersionTransitions: [{ NoncurrentDays: 10, StorageClass: 'STANDARD_IA', NewerNoncurrentVersions: 2 }],
  NoncurrentVersionExpiration: { NoncurrentDays: 60, NewerNoncurrentVersions: 3 },
};

function addPlan(lifecycle: BucketLifecycle | undefined, days = 7): LifecycleAddPlan {
  const plan = planLifecycleFix(lifecycle, days, 7);
  if (plan.action !== 'add') throw new Error(`expected a plan that adds the rule, got ${plan.action}`);
  return plan;
}

describe('lifecycleToCloudFormation: the S3 API shape in a template\'s property names', () => {
  test.each<[string, LifecycleRule, Record<string, unknown>]>([
    ['a whole-bucket abort rule, Filter shape', { ID: 'abort', Status: 'Enabled', Filter: { Prefix: '' }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } },
      { Id: 'abort', Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } }],
    ['a whole-bucket rule in the legacy shape (RGW)', { ID: 'abort', Status: 'Enabled', Prefix: '', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 3 } },
      { Id: 'abort', Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 3 } }],
    ['a legacy prefix', { ID: 'old', Status: 'Disabled', Prefix: 'tmp/', Expiration: { Days: 1 } },
      { Id: 'old', Status: 'Disabled', Prefix: 'tmp/', ExpirationInDays: 1 }],
    ['a Filter prefix and an expiration in days', EXPIRE_LOGS, { Id: 'expire-logs', Status: 'Enabled', Prefix: 'logs/', ExpirationInDays: 30 }],
    ['a tag filter', { ID: 't', Status: 'Enabled', Filter: { Tag: { Key: 'k', Value: 'v' } }, Expiration: { Days: 2 } },
      { Id: 't', Status: 'Enabled', TagFilters: [{ Key: 'k', Value: 'v' }], ExpirationInDays: 2 }],
    ['an expiration date and a delete-marker expiration', {
      ID: 'd', Status: 'Enabled', Filter: {}, Expiration: { Date: new Date('2031-06-01T00:00:00Z') },
    }, { Id: 'd', Status: 'Enabled', ExpirationDate: '2031-06-01T00:00:00.000Z' }],
    ['a delete-marker expiration', { ID: 'm', Status: 'Enabled', Filter: { Prefix: '' }, Expiration: { ExpiredObjectDeleteMarker: true } },
      { Id: 'm', Status: 'Enabled', ExpiredObjectDeleteMarker: true }],
    ['an And of prefix, tags and size, transitions, noncurrent versions', ARCHIVE, {
      Id: 'archive',
      Status: 'Enabled',
      Prefix: 'media/',
      TagFilters: [{ Key: 'tier', Value: 'cold' }],
      ObjectSizeGreaterThan: 1024,
      Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: 30 }, { StorageClass: 'DEEP_ARCHIVE', TransitionDate: '2030-01-01T00:00:00.000Z' }],
      NoncurrentVersionExpiration: { NoncurrentDays: 60, NewerNoncurrentVersions: 3 },
      NoncurrentVersionTransitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: 10, NewerNoncurrentVersions: 2 }],
    }],
    ['a rule without an id', { Status: 'Enabled', Filter: { ObjectSizeLessThan: 10 }, Expiration: { Days: 5 } },
      { Status: 'Enabled', ObjectSizeLessThan: 10, ExpirationInDays: 5 }],
  ])('%s', (_, rule, expected) => {
    expect(lifecycleToCloudFormation({ rules: [rule] })).toEqual({ configuration: { Rules: [expected] }, notConverted: [] });
  });

  test('carries the bucket-wide TransitionDefaultMinimumObjectSize', () => {
    const { configuration } = lifecycleToCloudFormation({ rules: [EXPIRE_LOGS], transitionDefaultMinimumObjectSize: 'all_storage_classes_128K' });
    expect(configuration.TransitionDefaultMinimumObjectSize).toBe('all_storage_classes_128K');
  });

  test('names a field it has no template name for, instead of dropping it silently', () => {
    const future = { ...EXPIRE_LOGS, ExpirationInHours: 5 } as LifecycleRule;
    expect(lifecycleToCloudFormation({ rules: [future] }).notConverted).toEqual(['rule expire-logs: ExpirationInHours']);
  });
});

describe('yamlLines', () => {
  const tricky = {
    plain: 'expire-logs',
    path: 'logs/2024/',
    yes: 'yes',
    off: 'Off',
    nothing: 'null',
    number: '123',
    float: '1.5',
    negative: '-1',
    colon: 'a: b',
    hash: 'x #y',
    leading: ' space',
    trailing: 'space ',
    empty: '',
    quote: 'say "hi"',
    newline: 'one\ntwo',
    unicode: 'café ☕',
    star: '*ref',
    dashed: '- item',
    date: '2030-01-01T00:00:00.000Z',
  };

  test.each(Object.entries(tricky))('the string %s (%j) reads back as the same string', (key, value) => {
    expect(parse(yamlLines({ [key]: value }).join('\n'))).toEqual({ [key]: value });
  });

  test('nests mappings and lists as a template would, and reads back equal', () => {
    const value = { Rules: [{ Id: 'a', Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: 30 }], Flag: true }, { Id: 'b', Empty: [], None: {} }], Matrix: [[1, 2], []] };
    const lines = yamlLines(value, 2);
    expect(lines.slice(0, 7)).toEqual([
      '  Rules:',
      '    - Id: a',
      '      Transitions:',
      '        - StorageClass: GLACIER',
      '          TransitionInDays: 30',
      '      Flag: true',
      '    - Id: b',
    ]);
    expect(parse(lines.join('\n'))).toEqual(value);
  });
});

describe('the change to make in a managed bucket\'s source', () => {
  test('a stack: "managed by stack X: fix the source", and the warning for --fix-managed', () => {
    expect(leftToSourceReason(STACK)).toMatch(/^managed by stack Storage: fix the source; .*--fix-managed writes it anyway/);
    expect(leftToSourceReason(TERRAFORM)).toMatch(/^managed by the tag owner=terraform \(--managed-tag\): fix the source, in the tool that owns/);
    expect(leftToSourceReason(UNREAD)).toMatch(/^its tags could not be read \(tags: AccessDenied.*\).*allow s3:GetBucketTagging, or add --fix-managed/);
    expect(fixManagedWarning('media', STACK)).toBe('media is managed by stack Storage: the stack\'s next update reverts this rule; fix the source too (below)');
  });

  test('a stack: the CDK forms, naming the logical id and the days', () => {
    // WHEN
    const lines = sourceFixLines(STACK, addPlan({ rules: [EXPIRE_LOGS] }, 5));
    // THEN
    expect(lines.slice(0, 7)).toEqual([
      '  In a CDK app, on the bucket whose logical id is UploadsB1A2B3C4, one of:',
      '    - in its lifecycleRules prop, beside its other rules, with no prefix, tag or size filter:',
      '      { id: \'mpu-guard-abort-incomplete-uploads\', abortIncompleteMultipartUploadAfter: Duration.days(5) }',
      '    - ResilientBucket (cdk-mpu-guard) in place of s3.Bucket, with the same props and:',
      '      abortIncompleteUploadsAfter: Duration.days(5)',
      '    - for every bucket of the app, at synth:',
      '      AbortIncompleteUploadsFixer.applyTo(app, { maxDays: 5 });',
    ]);
  });

  test('a stack: the template\'s merged LifecycleConfiguration as YAML that parses and holds every rule plus the abort rule', () => {
    // GIVEN
    const plan = addPlan({ rules: [EXPIRE_LOGS, ARCHIVE] });
    // WHEN
    const lines = sourceFixLines(STACK, plan);
    // THEN
    const yaml = parse(blockUnder(lines, /^ {2}In a CloudFormation template, under the Properties of the resource UploadsB1A2B3C4:/));
    expect(yaml).toEqual({ LifecycleConfiguration: lifecycleToCloudFormation(plan.lifecycle).configuration });
    expect(yaml.LifecycleConfiguration.Rules.map((r: { Id: string }) => r.Id)).toEqual(['expire-logs', 'archive', 'mpu-guard-abort-incomplete-uploads']);
    expect(yaml.LifecycleConfiguration.Rules[2]).toEqual({ Id: 'mpu-guard-abort-incomplete-uploads', Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } });
  });

  test('a stack without a logical id tag: the forms say "the bucket"', () => {
    const lines = sourceFixLines({ ...STACK, logicalId: null }, addPlan(undefined));
    expect(lines[0]).toBe('  In a CDK app, on the bucket, one of:');
    expect(lines.find(line => line.includes('CloudFormation template'))).toMatch(/under the Properties of the bucket's resource:/);
  });

  test('a tag: the merged configuration as the AWS CLI takes it, every rule plus the abort rule', () => {
    const plan = addPlan({ rules: [EXPIRE_LOGS], transitionDefaultMinimumObjectSize: 'varies_by_storage_class' });
    const lines = sourceFixLines(TERRAFORM, plan);
    expect(lines[0]).toMatch(/aws s3api put-bucket-lifecycle-configuration --lifecycle-configuration takes it \(with --transition-default-minimum-object-size varies_by_storage_class\):$/);
    expect(JSON.parse(blockUnder(lines, /put-bucket-lifecycle-configuration/))).toEqual({ Rules: [EXPIRE_LOGS, plan.added] });
  });

  test('tags that could not be read: nothing to copy', () => {
    expect(sourceFixLines(UNREAD, addPlan(undefined))).toEqual([]);
  });
});
