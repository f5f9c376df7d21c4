import { App, aws_iam as iam, aws_kms as kms, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ResilientBucket } from '../../src';

function stackOf(account = '111111111111') {
  return new Stack(new App(), 'Stack', { env: { region: 'eu-west-1', account } });
}

function logicalIdOf(template: Template, type: string): string {
  const ids = Object.keys(template.findResources(type));
  expect(ids).toHaveLength(1);
  return ids[0];
}

/** The statements of the one inline policy of the stack's principals. */
function policyStatements(template: Template): unknown[] {
  const policies = Object.values(template.findResources('AWS::IAM::Policy'));
  expect(policies).toHaveLength(1);
  return policies[0].Properties.PolicyDocument.Statement;
}

const bucketArn = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });
const objectsArn = (id: string, pattern: string) => ({ 'Fn::Join': ['', [bucketArn(id), `/${pattern}`]] });

describe('ResilientBucket.grantResumableUpload', () => {
  test('grants the bucket-level actions on the bucket and the object-level ones on every key, nothing else', () => {
    const stack = stackOf();
    const bucket = new ResilientBucket(stack, 'Bucket');
    const role = new iam.Role(stack, 'Uploader', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') });

    bucket.grantResumableUpload(role);

    const template = Template.fromStack(stack);
    const id = logicalIdOf(template, 'AWS::S3::Bucket');
    expect(policyStatements(template)).toEqual([
      { Effect: 'Allow', Action: ['s3:ListBucket', 's3:ListBucketMultipartUploads'], Resource: bucketArn(id) },
      {
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:ListMultipartUploadParts', 's3:PutObject', 's3:AbortMultipartUpload'],
        Resource: objectsArn(id, '*'),
      },
    ]);
    // The grantee is of the bucket's account: its bucket policy holds only ResilientBucket's own TLS statements.
    const bucketPolicy = Object.values(template.findResources('AWS::S3::BucketPolicy'))[0];
    expect(JSON.stringify(bucketPolicy)).not.toMatch(/PutObject|ListBucketMultipartUploads/);
  });

  test('a key pattern limits the object-level actions to it; the bucket-level ones stay on the bucket', () => {
    const stack = stackOf();
    const bucket = new ResilientBucket(stack, 'Bucket');
    const user = new iam.User(stack, 'Uploader');

    bucket.grantResumableUpload(user, 'incoming/*');

    const template = Template.fromStack(stack);
    const id = logicalIdOf(template, 'AWS::S3::Bucket');
    expect(policyStatements(template)).toEqual([
      expect.objectContaining({ Resource: bucketArn(id) }),
      expect.objectContaining({ Action: expect.arrayContaining(['s3:PutObject', 's3:AbortMultipartUpload']), Resource: objectsArn(id, 'incoming/*') }),
    ]);
  });

  test('with a KMS key, also kms:GenerateDataKey and kms:Decrypt on that key, and no other KMS action', () => {
    const stack = stackOf();
    const key = new kms.Key(stack, 'Key');
    const bucket = new ResilientBucket(stack, 'Bucket', { encryptionKey: key });
    const role = new iam.Role(stack, 'Uploader', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') });

    bucket.grantResumableUpload(role);

    const template = Template.fromStack(stack);
    const keyId = logicalIdOf(template, 'AWS::KMS::Key');
    const statements = policyStatements(template);
    expect(statements).toHaveLength(3);
    expect(statements).toContainEqual({ Effect: 'Allow', Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: { 'Fn::GetAtt': [keyId, 'Arn'] } });
    expect(JSON.stringify(statements).match(/kms:\w+/g)?.sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
  });

  test('without a KMS key, no KMS action', () => {
    const stack = stackOf();
    const bucket = new ResilientBucket(stack, 'Bucket');
    const role = new iam.Role(stack, 'Uploader', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') });

    bucket.grantResumableUpload(role);

    expect(JSON.stringify(policyStatements(Template.fromStack(stack)))).not.toMatch(/kms:/);
  });

  test('a role of another account gets the same statements in the bucket policy, and the grant says so', () => {
    const stack = stackOf('111111111111');
    const bucket = new ResilientBucket(stack, 'Bucket');
    const other = iam.Role.fromRoleArn(stack, 'Other', 'arn:aws:iam::222222222222:role/uploader');

    const grant = bucket.grantResumableUpload(other);

    expect(grant.success).toBe(true);
    const template = Template.fromStack(stack);
    const id = logicalIdOf(template, 'AWS::S3::Bucket');
    const principal = { AWS: 'arn:aws:iam::222222222222:role/uploader' };
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          { Effect: 'Allow', Principal: principal, Action: ['s3:ListBucket', 's3:ListBucketMultipartUploads'], Resource: bucketArn(id) },
          {
            Effect: 'Allow',
            Principal: principal,
            Action: ['s3:GetObject', 's3:ListMultipartUploadParts', 's3:PutObject', 's3:AbortMultipartUpload'],
            Resource: objectsArn(id, '*'),
          },
        ]),
      },
    });
  });
});
