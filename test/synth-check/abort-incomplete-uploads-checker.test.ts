import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  App, Aspects, AspectPriority, aws_s3 as s3, CfnParameter, CfnResource, Duration, IAspect, NestedStack, Stack, Stage, Validations,
} from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { IConstruct } from 'constructs';
import { AbortIncompleteUploadsChecker, FindingLevel, ResilientBucket } from '../../src';
import { RULES, UNRESOLVED } from '../../src/policy/rule-catalogue';
import { assembliesOf } from '../_helpers/assemblies-of';
import { escapeRegExp } from '../_helpers/escape-reg-exp';

function appWithStack() {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: { region: 'us-east-1', account: '111111111111' } });
  return { app, stack };
}

/** `level path: message` of every annotation our rules produced in the synthesized app, nested stages included. */
function findings(app: App): string[] {
  return assembliesOf(app).flatMap(a => a.stacks.flatMap(stack => stack.messages
    .filter(message => String(message.entry.data).includes('MultipartUpload-'))
    .map(message => `${message.entry.type} ${message.id}: ${message.entry.data}`)));
}

describe('AbortIncompleteUploadsChecker', () => {
  test('Noncompliance 1: an L2 bucket without lifecycle rules gets an MPU1 error naming the fix', () => {
    const { app, stack } = appWithStack();
    new s3.Bucket(stack, 'Plain');
    AbortIncompleteUploadsChecker.applyTo(app);
    const result = findings(app);
    expect(result).toHaveLength(1);
    expect(result[0]).toMatch(/^aws:cdk:error \/Stack\/Plain\/Resource: MultipartUpload-MPU1: the bucket keeps the parts of failed multipart uploads forever/);
    expect(result[0]).toContain('abortIncompleteMultipartUploadAfter: Duration.days(7)');
  });

  test('each finding is the catalogue\'s id, problem and fix in a CDK app\'s terms, around the evaluator\'s reason', () => {
    const { app, stack } = appWithStack();
    new s3.Bucket(stack, 'Plain');
    new s3.Bucket(stack, 'Slow', { lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(30) }] });
    new s3.Bucket(stack, 'Tagged', { lifecycleRules: [{ tagFilters: { a: 'b' }, abortIncompleteMultipartUploadAfter: Duration.days(1) }] });
    const days = new CfnParameter(stack, 'Days', { type: 'Number' });
    new s3.CfnBucket(stack, 'Token', {
      lifecycleConfiguration: { rules: [{ status: 'Enabled', abortIncompleteMultipartUpload: { daysAfterInitiation: days.valueAsNumber } }] },
    });
    AbortIncompleteUploadsChecker.applyTo(app, { maxDays: 6 });
    const result = findings(app);
    const [plain, slow, tagged, token] = ['Plain/Resource', 'Slow/Resource', 'Tagged/Resource', 'Token'].map(path => result.filter(line => line.includes(`/Stack/${path}: `)));
    RULES.forEach((rule, index) => {
      const lines = [plain, slow, tagged][index];
      expect(lines).toHaveLength(1);
      expect(lines[0].slice(lines[0].indexOf(': ') + 2)).toMatch(new RegExp(`^${escapeRegExp(`${rule.id}: ${rule.problem('cdk')}: `)}.+\\. ${escapeRegExp(rule.fix.cdk(6))}$`));
    });
    // A warning, which CDK suffixes with its acknowledgement id.
    expect(token).toEqual([expect.stringMatching(new RegExp(`: ${escapeRegExp(`${UNRESOLVED.ruleId}: ${UNRESOLVED.problem}: `)}.+\\. ${escapeRegExp(UNRESOLVED.fix.cdk)} \\[ack: `))]);
  });

  test('Noncompliance 2: too late is MPU2, with the configured maximum', () => {
    const { app, stack } = appWithStack();
    new s3.Bucket(stack, 'Slow', { lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(10) }] });
    AbortIncompleteUploadsChecker.applyTo(app, { maxDays: 5 });
    expect(findings(app)).toEqual([expect.stringMatching(/aws:cdk:error \/Stack\/Slow\/Resource: MultipartUpload-MPU2: .*10 days after initiation, later than the allowed 5 days.*Duration.days\(5\) or less/)]);
  });

  test('Noncompliance 3: abort with a tag filter is MPU3', () => {
    const { app, stack } = appWithStack();
    new s3.CfnBucket(stack, 'Tagged', {
      lifecycleConfiguration: { rules: [{ status: 'Enabled', tagFilters: [{ key: 'a', value: 'b' }], abortIncompleteMultipartUpload: { daysAfterInitiation: 1 } }] },
    });
    AbortIncompleteUploadsChecker.applyTo(app);
    expect(findings(app)).toEqual([expect.stringMatching(/aws:cdk:error \/Stack\/Tagged: MultipartUpload-MPU3: S3 will reject/)]);
  });

  test('Compliance: a ResilientBucket and a compliant L1 have no finding', () => {
    const { app, stack } = appWithStack();
    new ResilientBucket(stack, 'Resilient');
    new s3.CfnBucket(stack, 'L1', { lifecycleConfiguration: { rules: [{ status: 'Enabled', abortIncompleteMultipartUpload: { daysAfterInitiation: 2 } }] } });
    AbortIncompleteUploadsChecker.applyTo(app);
    expect(findings(app)).toEqual([]);
  });

  test('an imported bucket is not a finding', () => {
    const { app, stack } = appWithStack();
    s3.Bucket.fromBucketName(stack, 'Imported', 'someone-elses-bucket');
    AbortIncompleteUploadsChecker.applyTo(app);
    expect(findings(app)).toEqual([]);
  });

  test('level WARNING reports a warning instead of an error', () => {
    const { app, stack } = appWithStack();
    new s3.Bucket(stack, 'Plain');
    AbortIncompleteUploadsChecker.applyTo(app, { level: FindingLevel.WARNING });
    expect(findings(app)).toEqual([expect.stringMatching(/^aws:cdk:warning \/Stack\/Plain\/Resource: MultipartUpload-MPU1: /)]);
  });

  test('an unresolved token is a warning that names it, never a pass', () => {
    const { app, stack } = appWithStack();
    const days = new CfnParameter(stack, 'AbortDays', { type: 'Number' });
    new s3.CfnBucket(stack, 'Param', { lifecycleConfiguration: { rules: [{ status: 'Enabled', abortIncompleteMultipartUpload: { daysAfterInitiation: days.valueAsNumber } }] } });
    AbortIncompleteUploadsChecker.applyTo(app);
    expect(findings(app)).toEqual([expect.stringMatching(/^aws:cdk:warning \/Stack\/Param: MultipartUpload-MPU1: cannot tell .*\{"Ref":"AbortDays"\}/)]);
  });

  test('an escape hatch is seen: the template is the truth', () => {
    const { app, stack } = appWithStack();
    const bucket = new s3.Bucket(stack, 'Overridden', { lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(1) }] });
    (bucket.node.defaultChild as s3.CfnBucket).addPropertyOverride('LifecycleConfiguration.Rules.0.Status', 'Disabled');
    AbortIncompleteUploadsChecker.applyTo(app);
    expect(findings(app)).toEqual([expect.stringMatching(/MultipartUpload-MPU1: .*is disabled/)]);
  });

  test('buckets in a CfnInclude-d template are checked', () => {
    const { app, stack } = appWithStack();
    const file = join(mkdtempSync(join(tmpdir(), 'include-')), 'template.json');
    writeFileSync(file, JSON.stringify({ Resources: { Legacy: { Type: 'AWS::S3::Bucket', Properties: {} } } }));
    new CfnInclude(stack, 'Included', { templateFile: file });
    AbortIncompleteUploadsChecker.applyTo(app);
    expect(findings(app)).toEqual([expect.stringMatching(/\/Stack\/Included\/Legacy: MultipartUpload-MPU1/)]);
  });

  test.each([
    ['both branches abort in time', { 'Fn::If': ['IsProd', 3, 7] }, []],
    ['only one branch aborts', { 'Fn::If': ['IsProd', 7, { Ref: 'AWS::NoValue' }] }, [expect.stringMatching(/warning .*Legacy: MultipartUpload-MPU1: .*depends on the condition IsProd/)]],
    ['both branches are too late', { 'Fn::If': ['IsProd', 30, 60] }, [expect.stringMatching(/error .*Legacy: MultipartUpload-MPU2: .*whichever way IsProd goes/)]],
  ])('an included template\'s Fn::If is judged in every branch: %s', (_, days, expected) => {
    // GIVEN a template whose abort days come from a condition, included as users include legacy templates
    const { app, stack } = appWithStack();
    const file = join(mkdtempSync(join(tmpdir(), 'include-')), 'template.json');
    writeFileSync(file, JSON.stringify({
      Parameters: { Env: { Type: 'String', Default: 'dev' } },
      Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
      Resources: {
        Legacy: {
          Type: 'AWS::S3::Bucket',
          Properties: { LifecycleConfiguration: { Rules: [{ Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: days } }] } },
        },
      },
    }));
    new CfnInclude(stack, 'Included', { templateFile: file });
    // WHEN
    AbortIncompleteUploadsChecker.applyTo(app);
    // THEN
    expect(findings(app)).toEqual(expected);
  });

  test('buckets in nested stacks are checked', () => {
    const { app, stack } = appWithStack();
    new s3.Bucket(new NestedStack(stack, 'Nested'), 'Deep');
    AbortIncompleteUploadsChecker.applyTo(app);
    expect(findings(app)).toEqual([expect.stringMatching(/Nested\/Deep\/Resource: MultipartUpload-MPU1/)]);
  });

  test('an S3 Express directory bucket is checked', () => {
    const { app, stack } = appWithStack();
    new CfnResource(stack, 'Express', {
      type: 'AWS::S3Express::DirectoryBucket',
      properties: { DataRedundancy: 'SingleAvailabilityZone', LocationName: 'use1-az4--x-s3' },
    });
    AbortIncompleteUploadsChecker.applyTo(app);
    expect(findings(app)).toEqual([expect.stringMatching(/\/Stack\/Express: MultipartUpload-MPU1/)]);
  });

  test('a plain Aspect on the App does not reach a Stage (the reason applyTo exists)', () => {
    const app = new App();
    new s3.Bucket(new Stack(new Stage(app, 'Prod'), 'Stack'), 'Plain');
    Aspects.of(app).add(new AbortIncompleteUploadsChecker(), { priority: AspectPriority.READONLY });
    expect(findings(app)).toEqual([]);
  });

  test('applyTo covers Stages, including ones added after the call and Stages inside Stages', () => {
    const app = new App();
    new s3.Bucket(new Stack(new Stage(app, 'Before'), 'Stack'), 'Plain');
    AbortIncompleteUploadsChecker.applyTo(app);
    const later = new Stage(app, 'After');
    new s3.Bucket(new Stack(later, 'Stack'), 'Plain');
    new s3.Bucket(new Stack(new Stage(later, 'Inner'), 'Stack'), 'Plain');
    expect(findings(app).map(finding => finding.split(': ')[0]).sort()).toEqual([
      'aws:cdk:error /After/Inner/Stack/Plain/Resource',
      'aws:cdk:error /After/Stack/Plain/Resource',
      'aws:cdk:error /Before/Stack/Plain/Resource',
    ]);
  });

  test('it runs after mutating Aspects and judges the final configuration', () => {
    const { app, stack } = appWithStack();
    new s3.Bucket(stack, 'FixedLater');
    AbortIncompleteUploadsChecker.applyTo(app);
    const addsRule: IAspect = {
      visit(node: IConstruct) {
        if (node instanceof s3.Bucket) node.addLifecycleRule({ abortIncompleteMultipartUploadAfter: Duration.days(1) });
      },
    };
    Aspects.of(app).add(addsRule, { priority: AspectPriority.MUTATING });
    expect(findings(app)).toEqual([]);
  });

  describe('acknowledgements', () => {
    test('an acknowledgement with a reason on an ancestor turns the error into info that keeps the reason', () => {
      const { app, stack } = appWithStack();
      new s3.Bucket(stack, 'Scratch');
      Validations.of(stack).acknowledge({ id: 'MultipartUpload-MPU1', reason: 'scratch data, never uploaded in parts' });
      AbortIncompleteUploadsChecker.applyTo(app);
      expect(findings(app)).toEqual([
        expect.stringMatching(/^aws:cdk:info \/Stack\/Scratch\/Resource: MultipartUpload-MPU1 acknowledged at Stack: scratch data, never uploaded in parts \(finding: MultipartUpload-MPU1: /),
      ]);
    });

    test('an acknowledgement of another rule does not hide the finding', () => {
      const { app, stack } = appWithStack();
      const bucket = new s3.Bucket(stack, 'Scratch');
      Validations.of(bucket).acknowledge({ id: 'MultipartUpload-MPU2', reason: 'slow is fine' });
      AbortIncompleteUploadsChecker.applyTo(app);
      expect(findings(app)).toEqual([expect.stringMatching(/^aws:cdk:error .*MultipartUpload-MPU1: the bucket/)]);
    });

    test('an acknowledgement without a reason is refused', () => {
      const { app, stack } = appWithStack();
      const bucket = new s3.Bucket(stack, 'Scratch');
      Validations.of(bucket).acknowledge({ id: 'MultipartUpload-MPU1', reason: '  ' });
      AbortIncompleteUploadsChecker.applyTo(app);
      expect(findings(app)).toEqual([expect.stringMatching(/^aws:cdk:error .*MultipartUpload-MPU1: the acknowledgement at Stack\/Scratch has no reason, so it is refused/)]);
    });
  });

  test.each([0, 1.5])('maxDays %p is refused', (maxDays) => {
    expect(() => new AbortIncompleteUploadsChecker({ maxDays })).toThrow(`maxDays must be a whole number of days >= 1 (got ${maxDays})`);
  });

  test('Annotations assertions see the finding on the resource', () => {
    const { app, stack } = appWithStack();
    new s3.Bucket(stack, 'Plain');
    AbortIncompleteUploadsChecker.applyTo(app);
    Annotations.fromStack(stack).hasError('/Stack/Plain/Resource', Match.stringLikeRegexp('^MultipartUpload-MPU1: '));
  });
});
