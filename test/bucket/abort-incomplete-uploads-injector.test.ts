import { App, aws_s3 as s3, Duration, PropertyInjectors, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AbortIncompleteUploadsChecker, AbortIncompleteUploadsInjector, ResilientBucket } from '../../src';
import { MultipartUploadRuleId, RULE_CATALOGUE } from '../../src/policy/rule-catalogue';

const abortRule = (days: number, id = 'AbortIncompleteMultipartUploads') => ({ Id: id, Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: days } });

function stackWith(injector: AbortIncompleteUploadsInjector) {
  const app = new App();
  const stack = new Stack(app, 'Stack');
  PropertyInjectors.of(stack).add(injector);
  return { app, stack };
}

function rulesOf(stack: Stack): unknown[] {
  return Object.values(Template.fromStack(stack).findResources('AWS::S3::Bucket')).map(bucket => bucket.Properties?.LifecycleConfiguration?.Rules);
}

describe('AbortIncompleteUploadsInjector', () => {
  test('is the injector of s3.Bucket', () => {
    expect(new AbortIncompleteUploadsInjector().constructUniqueId).toBe(s3.Bucket.PROPERTY_INJECTION_ID);
  });

  test('a bucket made without props gets the rule', () => {
    const { stack } = stackWith(new AbortIncompleteUploadsInjector());
    new s3.Bucket(stack, 'Bare');
    expect(rulesOf(stack)).toEqual([[abortRule(7)]]);
  });

  test('puts the rule after the bucket\'s own rules, and keeps its other props and the rules added later', () => {
    const { app, stack } = stackWith(new AbortIncompleteUploadsInjector({ after: Duration.days(2) }));
    const bucket = new s3.Bucket(stack, 'Logs', { versioned: true, lifecycleRules: [{ id: 'tmp', prefix: 'tmp/', abortIncompleteMultipartUploadAfter: Duration.days(1) }] });
    bucket.addLifecycleRule({ id: 'expire', expiration: Duration.days(30) });
    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', { VersioningConfiguration: { Status: 'Enabled' } });
    expect(rulesOf(stack)).toEqual([[
      { Id: 'tmp', Status: 'Enabled', Prefix: 'tmp/', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } },
      abortRule(2),
      { Id: 'expire', Status: 'Enabled', ExpirationInDays: 30 },
    ]]);
    AbortIncompleteUploadsChecker.applyTo(app, { maxDays: 2 });
    expect(app.synth().stacks[0].messages.filter(message => String(message.entry.data).includes('MultipartUpload-'))).toEqual([]);
  });

  test('leaves props whose rules already abort within after as they were given', () => {
    const injector = new AbortIncompleteUploadsInjector({ after: Duration.days(3) });
    const stack = new Stack(new App(), 'Stack');
    const props: s3.BucketProps = { lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(3) }] };
    expect(injector.inject(props, { scope: stack, id: 'Fine' })).toBe(props);
    expect(injector.inject(undefined, { scope: stack, id: 'Bare' })).toEqual({ lifecycleRules: [{ id: 'AbortIncompleteMultipartUploads', enabled: true, abortIncompleteMultipartUploadAfter: Duration.days(3) }] });
  });

  test('judges the props as the evaluator does: disabled, prefixed and late rules do not count', () => {
    const { stack } = stackWith(new AbortIncompleteUploadsInjector());
    const late = (id: string, more: Partial<s3.LifecycleRule>) =>
      new s3.Bucket(stack, id, { lifecycleRules: [{ id, abortIncompleteMultipartUploadAfter: Duration.days(1), ...more }] });
    late('Disabled', { enabled: false });
    late('Prefixed', { prefix: 'a/' });
    late('Late', { abortIncompleteMultipartUploadAfter: Duration.days(8) });
    expect(rulesOf(stack).map(rules => (rules as Array<{ Id: string }>).map(rule => rule.Id))).toEqual([
      ['Disabled', 'AbortIncompleteMultipartUploads'], ['Prefixed', 'AbortIncompleteMultipartUploads'], ['Late', 'AbortIncompleteMultipartUploads'],
    ]);
  });

  test('gives the rule a free id when one of the bucket\'s rules holds it', () => {
    const { stack } = stackWith(new AbortIncompleteUploadsInjector());
    new s3.Bucket(stack, 'Taken', { lifecycleRules: [{ id: 'AbortIncompleteMultipartUploads', enabled: false, abortIncompleteMultipartUploadAfter: Duration.days(1) }] });
    expect((rulesOf(stack)[0] as Array<{ Id: string }>).map(rule => rule.Id)).toEqual(['AbortIncompleteMultipartUploads', 'AbortIncompleteMultipartUploads-2']);
  });

  test('an abort rule S3 rejects is refused with MPU3 and its fix, as the mixin does', () => {
    const { stack } = stackWith(new AbortIncompleteUploadsInjector());
    expect(() => new s3.Bucket(stack, 'Big', { lifecycleRules: [{ id: 'big', objectSizeGreaterThan: 1024, abortIncompleteMultipartUploadAfter: Duration.days(1) }] }))
      .toThrow('AbortIncompleteUploadsInjector at Stack/Big: MultipartUpload-MPU3: S3 will reject this bucket\'s lifecycle configuration at deploy time: '
        + `rule "big" aborts incomplete uploads but filters on object size, which S3 rejects. ${RULE_CATALOGUE[MultipartUploadRuleId.MPU3].fix.cdk(7)}`);
  });

  test('after is checked as for the mixin, naming the class', () => {
    expect(() => new AbortIncompleteUploadsInjector({ after: Duration.hours(12) }))
      .toThrow('AbortIncompleteUploadsInjector: after must be a whole number of days >= 1 (got 12 hours)');
  });

  test('a ResilientBucket, which the injector also reaches, gets one abort rule: its own only where the injected one is too late', () => {
    const { stack } = stackWith(new AbortIncompleteUploadsInjector());
    new ResilientBucket(stack, 'Same');
    new ResilientBucket(stack, 'Sooner', { abortIncompleteUploadsAfter: Duration.days(3) });
    expect(rulesOf(stack)).toEqual([[abortRule(7)], [abortRule(7), abortRule(3, 'AbortIncompleteMultipartUploads-2')]]);
  });
});
