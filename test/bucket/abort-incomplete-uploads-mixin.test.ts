import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Aspects, aws_s3 as s3, aws_s3express as s3express, cloudformation_include as cfninc, Duration, Mixins, Shims, Stack, Token } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AbortIncompleteUploads, AbortIncompleteUploadsChecker } from '../../src';
import { evaluateBucketResource } from '../../src/bucket-resource/bucket-resource';
import { renderedProperties } from '../../src/bucket-resource/lifecycle-of-resource';
import { MultipartUploadRuleId, RULE_CATALOGUE } from '../../src/policy/rule-catalogue';
import { Verdict } from '../../src/policy/verdict';
import { bucketIn } from '../_helpers/parity-paths';
import { LIFECYCLE_CASES } from '../fixtures/lifecycle-cases';

const abortRule = (days: number, id = 'AbortIncompleteMultipartUploads') => ({ Id: id, Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: days } });

/** The MultipartUpload- annotations of the synthesized stacks. */
function findingsOf(app: App): string[] {
  return app.synth().stacks.flatMap(stack => stack.messages.map(message => String(message.entry.data)))
    .filter(text => text.includes('MultipartUpload-'));
}

function rulesOf(stack: Stack, type = 'AWS::S3::Bucket'): unknown[][] {
  return Object.values(Template.fromStack(stack).findResources(type)).map(bucket => bucket.Properties?.LifecycleConfiguration?.Rules);
}

describe('AbortIncompleteUploads over the shared case table', () => {
  test.each(LIFECYCLE_CASES)('$name: ends compliant with every rule kept, or fails as S3 would', (c) => {
    const { app, bucket } = bucketIn(c);
    const days = c.maxDays ?? 7;
    const rulesBefore = renderedProperties(bucket).LifecycleConfiguration?.Rules;
    const apply = () => bucket.with(new AbortIncompleteUploads({ after: Duration.days(days) }));
    if (c.verdict === Verdict.INVALID_RULE) {
      expect(c.s3Accepts).toBe(false);
      expect(apply).toThrow(`AbortIncompleteUploads at Stack/Bucket: ${MultipartUploadRuleId.MPU3}: S3 will reject this bucket's lifecycle configuration at deploy time: `);
      expect(apply).toThrow(RULE_CATALOGUE[MultipartUploadRuleId.MPU3].fix.cdk(days));
      return;
    }
    apply();
    expect(evaluateBucketResource(bucket, days).verdict).toBe(Verdict.COMPLIANT);
    const rulesAfter = renderedProperties(bucket).LifecycleConfiguration?.Rules;
    if (c.verdict === Verdict.COMPLIANT) {
      expect(rulesAfter).toEqual(rulesBefore);
    } else if (Array.isArray(rulesBefore)) {
      expect(rulesAfter).toEqual([...rulesBefore, abortRule(days)]);
    }
    AbortIncompleteUploadsChecker.applyTo(app, { maxDays: days });
    expect(findingsOf(app)).toEqual([]);
  });

  test('a rule list chosen by Fn::If gets the rule in both branches', () => {
    const c = LIFECYCLE_CASES.find(one => one.name === 'rule list from a condition whose branches both lack an abort rule')!;
    const { stack, bucket } = bucketIn(c);
    bucket.with(new AbortIncompleteUploads());
    expect(rulesOf(stack)).toEqual([{ 'Fn::If': ['IsProd', [{ Status: 'Enabled' }, abortRule(7)], [abortRule(7)]] }]);
  });
});

describe('AbortIncompleteUploads on an L1', () => {
  test('keeps the L1\'s rules and its overrides, and adds the rule once when applied twice', () => {
    const stack = new Stack(new App(), 'Stack');
    const bucket = new s3.CfnBucket(stack, 'L1', {
      lifecycleConfiguration: { rules: [{ id: 'tmp', status: 'Enabled', prefix: 'tmp/', expirationInDays: 1 }] },
    });
    bucket.addPropertyOverride('LifecycleConfiguration.Rules.0.ExpirationInDays', 2);
    const mixin = new AbortIncompleteUploads({ after: Duration.days(3) });
    bucket.with(mixin);
    Mixins.of(stack).apply(mixin);
    expect(rulesOf(stack)).toEqual([[{ Id: 'tmp', Status: 'Enabled', Prefix: 'tmp/', ExpirationInDays: 2 }, abortRule(3)]]);
  });

  test('gives the rule a free id when a rule of the bucket holds the one asked for', () => {
    const stack = new Stack(new App(), 'Stack');
    new s3.CfnBucket(stack, 'L1', {
      lifecycleConfiguration: { rules: [{ id: 'Abort', status: 'Disabled', abortIncompleteMultipartUpload: { daysAfterInitiation: 1 } }, { id: 'Abort-2', status: 'Enabled', expirationInDays: 9 }] },
    }).with(new AbortIncompleteUploads({ lifecycleRuleId: 'Abort' }));
    expect(rulesOf(stack)[0].map(rule => (rule as { Id: string }).Id)).toEqual(['Abort', 'Abort-2', 'Abort-3']);
  });

  test('a bucket that already aborts within after is left alone; a later one gets the rule', () => {
    const stack = new Stack(new App(), 'Stack');
    const rules = [{ status: 'Enabled', abortIncompleteMultipartUpload: { daysAfterInitiation: 5 } }];
    new s3.CfnBucket(stack, 'Soon', { lifecycleConfiguration: { rules } }).with(new AbortIncompleteUploads({ after: Duration.days(5) }));
    new s3.CfnBucket(stack, 'Late', { lifecycleConfiguration: { rules } }).with(new AbortIncompleteUploads({ after: Duration.days(4) }));
    expect(rulesOf(stack)).toEqual([[{ Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 5 } }],
      [{ Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 5 } }, abortRule(4)]]);
  });

  test('an included template\'s bucket, matched by its type', () => {
    const stack = new Stack(new App(), 'Stack');
    const dir = mkdtempSync(join(tmpdir(), 'mixin-include-'));
    const templateFile = join(dir, 'template.json');
    writeFileSync(templateFile, JSON.stringify({
      Resources: { Old: { Type: 'AWS::S3::Bucket', Properties: { LifecycleConfiguration: { Rules: [{ Id: 'expire', Status: 'Enabled', ExpirationInDays: 30 }] } } } },
    }));
    const included = new cfninc.CfnInclude(stack, 'Included', { templateFile });
    Mixins.of(included).apply(new AbortIncompleteUploads());
    expect(rulesOf(stack)).toEqual([[{ Id: 'expire', Status: 'Enabled', ExpirationInDays: 30 }, abortRule(7)]]);
  });

  test('an S3 Express directory bucket', () => {
    const stack = new Stack(new App(), 'Stack');
    new s3express.CfnDirectoryBucket(stack, 'Express', {
      dataRedundancy: 'SingleAvailabilityZone',
      locationName: 'use1-az4--x-s3',
      lifecycleConfiguration: { rules: [{ id: 'expire', status: 'Enabled', expirationInDays: 1 }] },
    }).with(new AbortIncompleteUploads({ after: Duration.days(1) }));
    expect(rulesOf(stack, 'AWS::S3Express::DirectoryBucket')).toEqual([[{ Id: 'expire', Status: 'Enabled', ExpirationInDays: 1 }, abortRule(1)]]);
  });

  test('a rule list it cannot add to is refused, saying why and what to do', () => {
    const stack = new Stack(new App(), 'Stack');
    const bucket = new s3.CfnBucket(stack, 'Opaque', { lifecycleConfiguration: { rules: Token.asAny({ Ref: 'Rules' }) as unknown as s3.CfnBucket.RuleProperty[] } });
    expect(() => bucket.with(new AbortIncompleteUploads()))
      .toThrow('AbortIncompleteUploads at Stack/Opaque cannot add its rule: the lifecycle rules are not known at synthesis: {"Ref":"Rules"}, '
        + 'and the rule list is an intrinsic it cannot add to. Write LifecycleConfiguration.Rules as a list (Fn::If of lists is fine), or leave this bucket out with a ConstructSelector.');
  });
});

describe('AbortIncompleteUploads on an L2', () => {
  test('keeps the rules given before and those added after', () => {
    const stack = new Stack(new App(), 'Stack');
    const bucket = new s3.Bucket(stack, 'Logs', { lifecycleRules: [{ id: 'expire', expiration: Duration.days(30) }] });
    bucket.with(new AbortIncompleteUploads({ after: Duration.days(2) }));
    bucket.addLifecycleRule({ id: 'archive', transitions: [{ storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(90) }] });
    bucket.with(new AbortIncompleteUploads({ after: Duration.days(2) }));
    expect(rulesOf(stack)).toEqual([[
      { Id: 'expire', Status: 'Enabled', ExpirationInDays: 30 },
      abortRule(2),
      { Id: 'archive', Status: 'Enabled', Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: 90 }] },
    ]]);
  });

  test('as an Aspect (Shims.asAspect) it reaches the buckets made after it, at synthesis', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    Aspects.of(app).add(Shims.asAspect(new AbortIncompleteUploads({ after: Duration.days(2) })));
    new s3.Bucket(stack, 'Later', { lifecycleRules: [{ id: 'expire', expiration: Duration.days(30) }] });
    expect(rulesOf(stack)).toEqual([[{ Id: 'expire', Status: 'Enabled', ExpirationInDays: 30 }, abortRule(2)]]);
  });

  test('an L2 abort rule filtered by tags is refused with MPU3 and its fix', () => {
    const stack = new Stack(new App(), 'Stack');
    const bucket = new s3.Bucket(stack, 'Tagged', { lifecycleRules: [{ id: 'tagged', tagFilters: { a: 'b' }, abortIncompleteMultipartUploadAfter: Duration.days(1) }] });
    expect(() => bucket.with(new AbortIncompleteUploads())).toThrow('AbortIncompleteUploads at Stack/Tagged/Resource: MultipartUpload-MPU3: S3 will reject this bucket\'s '
      + 'lifecycle configuration at deploy time: rule "tagged" aborts incomplete uploads but filters on tags, which S3 rejects. '
      + RULE_CATALOGUE[MultipartUploadRuleId.MPU3].fix.cdk(7));
  });

  test('supports bucket resources only, by their type', () => {
    const stack = new Stack(new App(), 'Stack');
    const bucket = new s3.Bucket(stack, 'B');
    const mixin = new AbortIncompleteUploads();
    expect(mixin.supports(bucket)).toBe(false);
    expect(mixin.supports(bucket.node.defaultChild!)).toBe(true);
    expect(mixin.supports(stack)).toBe(false);
    mixin.applyTo(stack);
    expect(rulesOf(stack)).toEqual([undefined]);
  });
});

describe('AbortIncompleteUploads props', () => {
  test.each([
    ['0 days', Duration.days(0), 'AbortIncompleteUploads: after must be a whole number of days >= 1 (got 0 days). Lifecycle rules count whole days; use Duration.days(n) with n >= 1.'],
    ['36 hours', Duration.hours(36), 'AbortIncompleteUploads: after must be a whole number of days >= 1 (got 1 day 12 hours)'],
    ['a token', Duration.days(Token.asNumber({ Ref: 'Days' })), 'AbortIncompleteUploads: after must be a literal duration, not a token, so the bucket\'s rules can be judged at synthesis'],
  ])('after of %s is refused, naming the prop', (_label, after, message) => {
    expect(() => new AbortIncompleteUploads({ after })).toThrow(message);
  });

  test('after defaults to 7 days, and Duration.hours(48) is 2 days', () => {
    const stack = new Stack(new App(), 'Stack');
    new s3.CfnBucket(stack, 'Plain').with(new AbortIncompleteUploads());
    new s3.CfnBucket(stack, 'Hours').with(new AbortIncompleteUploads({ after: Duration.hours(48) }));
    expect(rulesOf(stack)).toEqual([[abortRule(7)], [abortRule(2)]]);
  });
});
