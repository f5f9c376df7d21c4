import { App, aws_s3 as s3, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { RequestErrorAlarms, ResilientBucket, TransferAcceleration } from '../../src';

/** What ResilientBucket is made of: an s3.Bucket with its secure defaults and abort rule, and the two mixins. */
function mixedBucket(stack: Stack) {
  new s3.Bucket(stack, 'Bucket', {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    encryption: s3.BucketEncryption.S3_MANAGED,
    lifecycleRules: [{ id: 'AbortIncompleteMultipartUploads', enabled: true, abortIncompleteMultipartUploadAfter: Duration.days(7) }],
  }).with(new TransferAcceleration({ required: false }), new RequestErrorAlarms());
}

describe('ResilientBucket is an s3.Bucket with the mixins applied', () => {
  test.each([
    ['a region that offers acceleration', { region: 'eu-west-1', account: '111111111111' }],
    ['a region-agnostic stack', undefined],
  ])('in %s, the two templates are the same', (_name, env) => {
    const resilient = new Stack(new App(), 'Stack', { env });
    new ResilientBucket(resilient, 'Bucket');
    const mixed = new Stack(new App(), 'Stack', { env });
    mixedBucket(mixed);
    expect(Template.fromStack(mixed).toJSON()).toEqual(Template.fromStack(resilient).toJSON());
  });
});
