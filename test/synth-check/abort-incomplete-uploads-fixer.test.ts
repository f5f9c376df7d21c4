import { App, AspectPriority, Aspects, aws_s3 as s3, Duration, Stack, Stage, Token } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { Construct } from 'constructs';
import { AbortIncompleteUploadsChecker, AbortIncompleteUploadsFixer } from '../../src';
import { assembliesOf } from '../_helpers/assemblies-of';

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

  test('a rule list chosen by Fn::If gets the rule in both branches', () => {
    const { stack } = setup();
    new s3.CfnBucket(stack, 'Chosen', { lifecycleConfiguration: { rules: Token.asAny({ 'Fn::If': ['IsProd', [{ Status: 'Enabled' }], []] }) as unknown as s3.CfnBucket.RuleProperty[] } });
    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: { Rules: { 'Fn::If': ['IsProd', [{ Status: 'Enabled' }, abortRule], [abortRule]] } },
    });
    expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
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

/** `stack/logicalId: ids of the rules that abort incomplete uploads` of every bucket in the synthesized app, nested Stages included. */
function abortRulesOf(app: App): string[] {
  return assembliesOf(app).flatMap(assembly => assembly.stacks.flatMap(stack => Object.entries(stack.template.Resources as Record<string, any>)
    .filter(([, resource]) => resource.Type === 'AWS::S3::Bucket')
    .map(([id, resource]) => {
      const rules: any[] = resource.Properties?.LifecycleConfiguration?.Rules ?? [];
      const aborting = rules.filter(rule => rule.AbortIncompleteMultipartUpload !== undefined)
        .map(rule => `${rule.Id}@${rule.AbortIncompleteMultipartUpload.DaysAfterInitiation}`);
      return `${stack.hierarchicalId}/${id}: ${aborting.join(' ')}`;
    }))).sort();
}

/** The error annotations of every stack of the synthesized app, nested Stages included. */
function errorsOf(app: App): string[] {
  return assembliesOf(app).flatMap(assembly => assembly.stacks.flatMap(stack => stack.messages
    .filter(message => message.level === 'error')
    .map(message => `${message.id}: ${message.entry.data}`)));
}

describe('AbortIncompleteUploadsFixer.applyTo', () => {
  test('fixes the L2 and L1 buckets of the scope with the props given, and returns the fixer', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    new s3.Bucket(stack, 'L2', { lifecycleRules: [{ id: 'expire', expiration: Duration.days(30) }] });
    new s3.CfnBucket(stack, 'L1');
    const fixer = AbortIncompleteUploadsFixer.applyTo(app, { maxDays: 2, lifecycleRuleId: 'Abort' });
    AbortIncompleteUploadsChecker.applyTo(app, { maxDays: 2 });
    expect(fixer).toBeInstanceOf(AbortIncompleteUploadsFixer);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: { Rules: [{ Id: 'expire', Status: 'Enabled', ExpirationInDays: 30 }, { Id: 'Abort', Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 2 } }] },
    });
    expect(abortRulesOf(app)).toEqual(['Stack/L1: Abort@2', expect.stringMatching(/^Stack\/L2[0-9A-F]{8}: Abort@2$/)]);
    const annotations = Annotations.fromStack(stack);
    annotations.hasInfo('/Stack/L1', Match.stringLikeRegexp('^MultipartUpload-MPU1 fixed by AbortIncompleteUploadsFixer: added lifecycle rule "Abort" aborting incomplete uploads after 2 days'));
    expect(annotations.findError('*', Match.anyValue())).toEqual([]);
  });

  test('covers Stages, including ones added after the call and Stages inside Stages', () => {
    const app = new App();
    new s3.Bucket(new Stack(new Stage(app, 'Before'), 'Stack'), 'Plain');
    AbortIncompleteUploadsFixer.applyTo(app, { maxDays: 3 });
    const later = new Stage(app, 'After');
    new s3.Bucket(new Stack(later, 'Stack'), 'Plain');
    new s3.Bucket(new Stack(new Stage(later, 'Inner'), 'Stack'), 'Plain');
    expect(abortRulesOf(app).map(line => line.replace(/Plain[0-9A-F]{8}/, 'Plain'))).toEqual([
      'After/Inner/Stack/Plain: AbortIncompleteMultipartUploads@3',
      'After/Stack/Plain: AbortIncompleteMultipartUploads@3',
      'Before/Stack/Plain: AbortIncompleteMultipartUploads@3',
    ]);
  });

  test('a plain Aspect on the App does not reach a Stage (the reason applyTo exists)', () => {
    const app = new App();
    new s3.Bucket(new Stack(new Stage(app, 'Prod'), 'Stack'), 'Plain');
    Aspects.of(app).add(new AbortIncompleteUploadsFixer(), { priority: AspectPriority.MUTATING });
    expect(abortRulesOf(app).map(line => line.replace(/Plain[0-9A-F]{8}/, 'Plain'))).toEqual(['Prod/Stack/Plain: ']);
  });

  test('applied twice, or to the App and to a Stage in it, it adds one rule to each bucket', () => {
    const app = new App();
    const stage = new Stage(app, 'Prod');
    const stack = new Stack(stage, 'Stack');
    new s3.Bucket(stack, 'L2');
    new s3.CfnBucket(stack, 'L1');
    new s3.Bucket(stack, 'Late', { lifecycleRules: [{ id: 'slow', abortIncompleteMultipartUploadAfter: Duration.days(30) }] });
    AbortIncompleteUploadsFixer.applyTo(app);
    AbortIncompleteUploadsFixer.applyTo(app);
    AbortIncompleteUploadsFixer.applyTo(stage);
    expect(abortRulesOf(app).map(line => line.replace(/[0-9A-F]{8}:/, ':'))).toEqual([
      'Prod/Stack/L1: AbortIncompleteMultipartUploads@7',
      'Prod/Stack/L2: AbortIncompleteMultipartUploads@7',
      'Prod/Stack/Late: slow@30 AbortIncompleteMultipartUploads@7',
    ]);
    const fixed = Annotations.fromStack(stack).findInfo('*', Match.stringLikeRegexp('fixed by AbortIncompleteUploadsFixer'));
    expect(fixed.map(info => info.id).sort()).toEqual(['/Prod/Stack/L1', '/Prod/Stack/L2/Resource', '/Prod/Stack/Late/Resource']);
  });

  test('it runs before the checker, whichever is applied first', () => {
    const app = new App();
    new s3.Bucket(new Stack(new Stage(app, 'Prod'), 'Stack'), 'Plain');
    AbortIncompleteUploadsChecker.applyTo(app);
    AbortIncompleteUploadsFixer.applyTo(app);
    expect(errorsOf(app)).toEqual([]);
  });

  test('the checker still reports what the fixer leaves alone', () => {
    const app = new App();
    new s3.Bucket(new Stack(app, 'Stack'), 'Tagged', { lifecycleRules: [{ tagFilters: { a: 'b' }, abortIncompleteMultipartUploadAfter: Duration.days(1) }] });
    AbortIncompleteUploadsFixer.applyTo(app);
    AbortIncompleteUploadsChecker.applyTo(app);
    expect(errorsOf(app)).toEqual([expect.stringMatching(/^\/Stack\/Tagged\/Resource: MultipartUpload-MPU3/)]);
  });

  test('invalid props and a scope outside any App or Stage are refused when it is applied', () => {
    expect(() => AbortIncompleteUploadsFixer.applyTo(new App(), { maxDays: 0 })).toThrow('maxDays must be a whole number of days >= 1 (got 0)');
    expect(() => AbortIncompleteUploadsFixer.applyTo(new Construct(undefined as unknown as Construct, 'Root'))).toThrow('AbortIncompleteUploadsFixer.applyTo: Root is not inside an App or Stage');
  });
});
