import { App, aws_s3 as s3, CfnParameter, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { ResilientBucket, TransferAcceleration } from '../../src';
import { escapeRegExp } from '../_helpers/escape-reg-exp';

function stackIn(region?: string) {
  return new Stack(new App(), 'Stack', region ? { env: { region, account: '111111111111' } } : undefined);
}

const ENABLED = { AccelerateConfiguration: { AccelerationStatus: 'Enabled' } };
const OFF = { AccelerateConfiguration: Match.absent() };

/** An L1 or an L2 bucket with the mixin applied through `.with()`. */
const KINDS: Array<[string, (stack: Stack, bucketName?: string) => void]> = [
  ['an L1 CfnBucket', (stack, bucketName) => { new s3.CfnBucket(stack, 'Bucket', { bucketName }).with(new TransferAcceleration()); }],
  ['an L2 s3.Bucket', (stack, bucketName) => { new s3.Bucket(stack, 'Bucket', { bucketName }).with(new TransferAcceleration()); }],
];

describe('TransferAcceleration', () => {
  describe.each(KINDS)('on %s', (_kind, make) => {
    test('enables it in a region that offers it', () => {
      const stack = stackIn('eu-west-1');
      make(stack);
      Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', ENABLED);
    });

    test('refuses a bucket name with dots, naming the bucket, the name and the fix', () => {
      const stack = stackIn('eu-west-1');
      expect(() => make(stack, 'data.example.com')).toThrow(
        'TransferAcceleration cannot be honoured for bucket Stack/Bucket: bucketName "data.example.com" contains dots, which Transfer Acceleration does not allow. '
        + 'Choose a bucket name without dots, or leave this bucket out of TransferAcceleration (or give it required: false to leave acceleration off with a warning).');
    });

    test.each(['cn-north-1', 'us-gov-west-1', 'ap-southeast-5'])('refuses %s, a region without it', region => {
      const stack = stackIn(region);
      expect(() => make(stack)).toThrow(
        `TransferAcceleration cannot be honoured for bucket Stack/Bucket: Transfer Acceleration is not offered in ${region}. `
        + 'Leave this bucket out of TransferAcceleration (or give it required: false to leave acceleration off with a warning).');
    });

    test('takes a bucket name from a parameter: only the deploy knows it', () => {
      const stack = stackIn('eu-west-1');
      make(stack, new CfnParameter(stack, 'Name').valueAsString);
      Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', { BucketName: { Ref: 'Name' }, ...ENABLED });
    });

    test('in a region-agnostic stack, ResilientBucket\'s condition on AWS::Region enables it only where offered', () => {
      const stack = stackIn();
      make(stack);
      const template = Template.fromStack(stack);
      const reference = stackIn();
      new ResilientBucket(reference, 'Bucket');
      const [[conditionId, condition], ...others] = Object.entries(template.findConditions('*'));
      expect(others).toEqual([]);
      expect(conditionId).toMatch(/TransferAccelerationOffered/);
      expect(Object.values(Template.fromStack(reference).findConditions('*'))).toEqual([condition]);
      expect(JSON.stringify(condition)).toContain('{"Fn::Equals":[{"Ref":"AWS::Region"},"eu-west-1"]}');
      template.hasResourceProperties('AWS::S3::Bucket', {
        AccelerateConfiguration: { 'Fn::If': [conditionId, { AccelerationStatus: 'Enabled' }, { Ref: 'AWS::NoValue' }] },
      });
    });
  });

  describe('with required: false', () => {
    test.each<[string, string, string | undefined, string]>([
      ['a dotted bucket name', 'eu-west-1', 'data.example.com', 'bucketName "data.example.com" contains dots, which Transfer Acceleration does not allow. Choose a bucket name without dots, or leave this bucket out of TransferAcceleration to silence this warning.'],
      ['a region without it', 'cn-north-1', undefined, 'Transfer Acceleration is not offered in cn-north-1. Leave this bucket out of TransferAcceleration to silence this warning.'],
    ])('%s leaves it off with a warning on the bucket', (_name, region, bucketName, warning) => {
      const stack = stackIn(region);
      new s3.Bucket(stack, 'Bucket', { bucketName }).with(new TransferAcceleration({ required: false }));
      Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', OFF);
      Annotations.fromStack(stack).hasWarning('/Stack/Bucket', Match.stringLikeRegexp(`^Transfer Acceleration left off: ${escapeRegExp(warning)}`));
    });

    test('still enables it where it can', () => {
      const stack = stackIn('us-east-1');
      new s3.Bucket(stack, 'Bucket').with(new TransferAcceleration({ required: false }));
      Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', ENABLED);
    });
  });

  describe('a bucket is decided once', () => {
    test('applied twice in a region-agnostic stack, one condition', () => {
      const stack = stackIn();
      new s3.Bucket(stack, 'Bucket').with(new TransferAcceleration()).with(new TransferAcceleration());
      expect(Object.keys(Template.fromStack(stack).findConditions('*')).length).toBe(1);
    });

    test('a ResilientBucket with transferAcceleration: false stays off', () => {
      const stack = stackIn('eu-west-1');
      new ResilientBucket(stack, 'Bucket', { transferAcceleration: false });
      stack.with(new TransferAcceleration());
      Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', OFF);
    });

    test('a ResilientBucket that left it off with a warning is not refused later', () => {
      const stack = stackIn('cn-north-1');
      new ResilientBucket(stack, 'Bucket');
      expect(() => stack.with(new TransferAcceleration())).not.toThrow();
      Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', OFF);
    });
  });
});
