import { App, AspectPriority, Aspects, aws_s3 as s3, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AbortIncompleteUploadsChecker, AbortIncompleteUploadsFixer } from '../../src';

function setup() {
  const app = new App();
  const stack = new Stack(app, 'Stack');
  Aspects.of(app).add(new AbortIncompleteUploadsFixer({ maxDays: 3 }), { priority: AspectPriority.MUTATING });
  AbortIncompleteUploadsChecker.applyTo(app);
  return { app, stack };
}

const abortRule = { Id: 'AbortIncompleteMultipartUploads', Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 3 } };

describe('AbortIncompleteUploadsFixer', () => {
  test('adds the rule to an L2 bucket, keeping its rules, and the checker then passes', () => {
    const { stack } = setup();
    new s3.Bucket(stack, 'Logs', { lifecycleRules: [{ id: 'expire', expiration: Duration.days(30) }] });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: { Rules: [{ Id: 'expire', Status: 'Enabled', ExpirationInDays: 30 }, abortRule] },
    });
    const annotations = Annotations.fromStack(stack);
    annotations.hasInfo('/Stack/Logs/Resource', Match.stringLikeRegexp('^MultipartUpload-MPU1 fixed by AbortIncompleteUploadsFixer: added lifecycle rule "AbortIncompleteMultipartUploads" aborting incomplete uploads after 3 days'));
    expect(annotations.findError('*', Match.anyValue())).toEqual([]);
  });

  test('adds the rule to an L1 bucket with overrides, keeping every existing rule', () => {
    const { stack } = setup();
    const bucket = new s3.CfnBucket(stack, 'L1', {
      lifecycleConfiguration: { rules: [{ id: 'tmp', status: 'Enabled', prefix: 'tmp/', abortIncompleteMultipartUpload: { daysAfterInitiation: 1 } }] },
    });
    bucket.addPropertyOverride('LifecycleConfiguration.Rules.0.ExpirationInDays', 2);
    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: [{ Id: 'tmp', Status: 'Enabled', Prefix: 'tmp/', ExpirationInDays: 2, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }, abortRule],
      },
    });
    expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
  });

  test('a too-late bucket gets an in-time rule (MPU2 fixed)', () => {
    const { stack } = setup();
    new s3.Bucket(stack, 'Slow', { lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(30) }] });
    Annotations.fromStack(stack).hasInfo('/Stack/Slow/Resource', Match.stringLikeRegexp('^MultipartUpload-MPU2 fixed'));
  });

  test('leaves a compliant bucket alone', () => {
    const { stack } = setup();
    new s3.Bucket(stack, 'Fine', { lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(1) }] });
    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: { Rules: [{ Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }] },
    });
    expect(Annotations.fromStack(stack).findInfo('*', Match.anyValue())).toEqual([]);
  });

  test('does not touch an invalid rule: the checker still reports MPU3', () => {
    const { stack } = setup();
    new s3.Bucket(stack, 'Tagged', { lifecycleRules: [{ tagFilters: { a: 'b' }, abortIncompleteMultipartUploadAfter: Duration.days(1) }] });
    Annotations.fromStack(stack).hasError('/Stack/Tagged/Resource', Match.stringLikeRegexp('^MultipartUpload-MPU3'));
  });

  test('maxDays 0 is refused, under the name given', () => {
    expect(() => new AbortIncompleteUploadsFixer({ maxDays: 0 })).toThrow('maxDays must be a whole number of days >= 1 (got 0)');
    expect(() => new AbortIncompleteUploadsFixer({ days: 0 })).toThrow('days must be a whole number of days >= 1 (got 0)');
  });

  test('the deprecated days and ruleId still work, and may not disagree with maxDays and lifecycleRuleId', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    new s3.Bucket(stack, 'Plain');
    Aspects.of(app).add(new AbortIncompleteUploadsFixer({ days: 2, ruleId: 'Old' }), { priority: AspectPriority.MUTATING });
    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: { Rules: [{ Id: 'Old', Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 2 } }] },
    });
    expect(() => new AbortIncompleteUploadsFixer({ maxDays: 3, days: 2 }))
      .toThrow('days is the deprecated name of maxDays, and they disagree (maxDays: 3, days: 2): give maxDays only');
    expect(() => new AbortIncompleteUploadsFixer({ lifecycleRuleId: 'New', ruleId: 'Old' }))
      .toThrow('ruleId is the deprecated name of lifecycleRuleId, and they disagree (lifecycleRuleId: New, ruleId: Old): give lifecycleRuleId only');
    expect(() => new AbortIncompleteUploadsFixer({ maxDays: 3, days: 3 })).not.toThrow();
  });
});
