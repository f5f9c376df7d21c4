import { GetObjectCommand, ListMultipartUploadsCommand, S3Client } from '@aws-sdk/client-s3';
import { App, aws_iam as iam, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { fileOf, sha256 } from './test-file';
import { localS3Client } from '../../scripts/lib/local-s3-server';
import { ResilientBucket } from '../../src';
import { IamPermissionScope } from '../../src/facts/iam-permission';
import { UPLOAD_OPERATION_PERMISSIONS } from '../../src/facts/upload-permissions';
import { sdkUploadClient } from '../../src/upload/sdk-upload-s3';
import { uploadFile, UploadFileOptions, UploadFileResult } from '../../src/upload/upload-file';
import { actionsOf, IamPolicy, PolicyStatement, without } from '../_helpers/readme-policies';
import { createRgwUser, putUserPolicy, removeRgwUser, RgwUser } from '../_helpers/rgw-users';
import { clientOf, localS3Server, newBucket, removeBucket } from '../_helpers/s3-test-server';

/*
 * The policy grantResumableUpload synthesizes, resolved to the test bucket, as the one inline policy
 * of a user that owns no bucket: RGW grants another user's bucket on an identity-policy Allow alone
 * (test/cli/mpu-audit/iam.integration.test.ts), so no bucket policy is needed here. The KMS statement
 * is not checked: RGW has no KMS. Policy changes take effect on the next request.
 */

const server = localS3Server();
const describeS3 = server ? describe : describe.skip;

const MIB = 1024 * 1024;
const PART = 5 * MIB;


/** The grant's statements, as ResilientBucket synthesizes them for a user, with the bucket's ARN resolved to `bucketName`. */
function grantedPolicy(bucketName: string): IamPolicy {
  const stack = new Stack(new App(), 'Uploads', { env: { region: 'us-east-1', account: '111111111111' } });
  const bucket = new ResilientBucket(stack, 'Bucket', { bucketName });
  bucket.grantResumableUpload(new iam.User(stack, 'Uploader'));
  const template = Template.fromStack(stack);
  const [bucketId] = Object.keys(template.findResources('AWS::S3::Bucket'));
  const policies = Object.values(template.findResources('AWS::IAM::Policy'));
  expect(policies).toHaveLength(1);
  const resolve = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(resolve);
    if (typeof value !== 'object' || value === null) return value;
    const fn = value as Record<string, unknown>;
    if ('Fn::GetAtt' in fn) {
      expect(fn['Fn::GetAtt']).toEqual([bucketId, 'Arn']);
      return `arn:aws:s3:::${bucketName}`;
    }
    if ('Fn::Join' in fn) {
      const [separator, parts] = fn['Fn::Join'] as [string, unknown[]];
      return parts.map(resolve).join(separator);
    }
    return Object.fromEntries(Object.entries(fn).map(([k, v]) => [k, resolve(v)]));
  };
  const statements = resolve(policies[0].Properties.PolicyDocument.Statement) as PolicyStatement[];
  expect(JSON.stringify(statements)).not.toMatch(/Fn::|Ref/);
  return { Version: '2012-10-17', Statement: statements };
}

describeS3('grantResumableUpload on a real S3 server (Ceph RGW): a user with exactly its policy uploads, resumes and aborts', () => {
  let owner: S3Client;
  let bucket: string;
  let user: RgwUser;
  let asUser: S3Client;
  let granted: IamPolicy;

  const as = (key: string) => sdkUploadClient({
    endpointUrl: server!.endpointUrl, region: server!.region, credentials: { accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey },
  }, bucket, key);
  const upload = async (key: string, path: string, more: Partial<UploadFileOptions> = {}): Promise<UploadFileResult> => {
    const client = as(key);
    return uploadFile(client.s3, path, { partSize: PART, abortUpload: client.abortUpload, ...more });
  };
  const stopAfterTwoParts = (): Partial<UploadFileOptions> => {
    const stop = new AbortController();
    return { concurrency: 1, signal: stop.signal, onProgress: p => { if (p.partsDone === 2) stop.abort(); } };
  };
  /** The object's SHA-256, read by the user: RGW makes the user who wrote an object its owner, and the bucket's owner may not read it. */
  const stored = async (key: string) => {
    const object = await asUser.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return sha256(await object.Body!.transformToByteArray());
  };
  /** The key's incomplete uploads, as the bucket's owner lists them. */
  const incomplete = async (key: string) => {
    const { Uploads } = await owner.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: key }));
    return (Uploads ?? []).filter(u => u.Key === key).map(u => u.UploadId);
  };

  beforeAll(async () => {
    owner = clientOf(server!);
    bucket = await newBucket(owner, 'grant-upload');
    user = createRgwUser('mpuguard-uploader');
    asUser = localS3Client(server!.endpointUrl, server!.region, user.accessKeyId, user.secretAccessKey);
    granted = grantedPolicy(bucket);
  });

  afterAll(async () => {
    if (user) removeRgwUser(user);
    if (bucket) await removeBucket(owner, bucket);
  });

  beforeEach(async () => putUserPolicy(server!, user, granted));

  test('the policy is the table\'s actions, bucket-level ones on the bucket and object-level ones on bucket/*', () => {
    const expected = (on: IamPermissionScope) =>
      [...new Set(Object.values(UPLOAD_OPERATION_PERMISSIONS).flat().filter(p => p.on === on).flatMap(p => p.actions))];
    expect(granted.Statement).toEqual([
      { Effect: 'Allow', Action: expected('bucket'), Resource: `arn:aws:s3:::${bucket}` },
      { Effect: 'Allow', Action: expected('objects'), Resource: `arn:aws:s3:::${bucket}/*` },
    ]);
  });

  test('with exactly the grant, a multipart upload completes byte for byte, and the same call again sends nothing', async () => {
    const { path, bytes } = fileOf(2 * PART + 1234);
    expect(await upload('whole.bin', path)).toMatchObject({ outcome: 'completed', partsSent: 3, partsReused: 0 });
    expect(await stored('whole.bin')).toBe(sha256(bytes));
    expect(await upload('whole.bin', path)).toMatchObject({ outcome: 'unchanged' });
    expect(await incomplete('whole.bin')).toEqual([]);
  });

  test('with exactly the grant, an upload stopped by its AbortSignal resumes: the second run reuses the landed parts', async () => {
    const { path, bytes } = fileOf(4 * PART);
    expect(await upload('resume.bin', path, stopAfterTwoParts())).toMatchObject({ outcome: 'stopped', partsDone: 2 });
    expect(await incomplete('resume.bin')).toHaveLength(1);
    expect(await upload('resume.bin', path)).toMatchObject({ outcome: 'completed', partsSent: 2, partsReused: 2 });
    expect(await stored('resume.bin')).toBe(sha256(bytes));
    expect(await incomplete('resume.bin')).toEqual([]);
  });

  test('with exactly the grant, the verified abort of a stopped upload succeeds', async () => {
    const { path } = fileOf(4 * PART);
    const result = await upload('abort.bin', path, { ...stopAfterTwoParts(), abortOnStop: true });
    expect(result).toMatchObject({ outcome: 'stopped', abort: { gone: true } });
    expect(await incomplete('abort.bin')).toEqual([]);
  });

  describe('a user holding all of the grant but one action gets an error naming it', () => {
    /**
     * RGW lets a user read what it owns without any Allow, by the ACL: the objects it wrote and the parts of the
     * uploads it started. So an action missing from the policy is not enough there: it is also denied explicitly.
     * On S3, with ACLs disabled (the default, and ResilientBucket's), the missing Allow alone denies it.
     */
    const GRANTED_BY_OWNERSHIP_ON_RGW = ['s3:GetObject', 's3:ListMultipartUploadParts'];
    const deny = (action: string) => {
      const policy = without(granted, action);
      const ownership = GRANTED_BY_OWNERSHIP_ON_RGW.includes(action) ? [{ Effect: 'Deny', Action: action, Resource: `arn:aws:s3:::${bucket}/*` }] : [];
      return putUserPolicy(server!, user, { ...policy, Statement: [...policy.Statement, ...ownership] });
    };

    test('the cases below cover every action of the grant', () => {
      expect(actionsOf(granted).sort()).toEqual(
        ['s3:AbortMultipartUpload', 's3:GetObject', 's3:ListBucket', 's3:ListBucketMultipartUploads', 's3:ListMultipartUploadParts', 's3:PutObject'],
      );
    });

    test('without s3:GetObject: HeadObject of a key that holds an object is denied before anything is sent, and nothing is left', async () => {
      expect(await upload('no-get.bin', fileOf(2 * PART).path)).toMatchObject({ outcome: 'completed' });
      await deny('s3:GetObject');
      await expect(upload('no-get.bin', fileOf(3 * PART).path))
        .rejects.toThrow('AccessDenied on HeadObject: the uploader needs s3:GetObject and s3:ListBucket (see grantResumableUpload)');
      expect(await incomplete('no-get.bin')).toEqual([]);
    });

    test('without s3:ListBucket: HeadObject of a key that holds no object yet', async () => {
      await deny('s3:ListBucket');
      const run = upload('no-list.bin', fileOf(2 * PART).path);
      await expect(run).rejects.toThrow('AccessDenied on HeadObject: the uploader needs s3:GetObject and s3:ListBucket');
      expect(await incomplete('no-list.bin')).toEqual([]);
    });

    test('without s3:ListBucketMultipartUploads: the search for an upload to resume is denied, and nothing is left', async () => {
      await deny('s3:ListBucketMultipartUploads');
      await expect(upload('no-uploads.bin', fileOf(2 * PART).path))
        .rejects.toThrow('AccessDenied on ListMultipartUploads: the uploader needs s3:ListBucketMultipartUploads');
      expect(await incomplete('no-uploads.bin')).toEqual([]);
    });

    test('without s3:ListMultipartUploadParts: the parts of the upload to resume cannot be read; that upload is left to resume, no other', async () => {
      const { path } = fileOf(4 * PART);
      expect(await upload('no-parts.bin', path, stopAfterTwoParts())).toMatchObject({ outcome: 'stopped' });
      const left = await incomplete('no-parts.bin');
      await deny('s3:ListMultipartUploadParts');
      await expect(upload('no-parts.bin', path))
        .rejects.toThrow('AccessDenied on ListParts: the uploader needs s3:ListMultipartUploadParts');
      expect(await incomplete('no-parts.bin')).toEqual(left);
    });

    test('without s3:PutObject: CreateMultipartUpload (and PutObject for a file of one part) is denied, and nothing is left', async () => {
      await deny('s3:PutObject');
      await expect(upload('no-put.bin', fileOf(2 * PART).path))
        .rejects.toThrow('AccessDenied on CreateMultipartUpload: the uploader needs s3:PutObject');
      await expect(upload('no-put-small.bin', fileOf(MIB).path))
        .rejects.toThrow('AccessDenied on PutObject: the uploader needs s3:PutObject');
      expect(await incomplete('no-put.bin')).toEqual([]);
    });

    test('without s3:PutObject when resuming: UploadPart is denied, the uploader aborts the upload (verified), and nothing is left', async () => {
      const { path } = fileOf(4 * PART);
      expect(await upload('no-part.bin', path, stopAfterTwoParts())).toMatchObject({ outcome: 'stopped' });
      await deny('s3:PutObject');
      const run = upload('no-part.bin', path);
      await expect(run).rejects.toThrow(
        'a part could not be sent: AccessDenied on UploadPart: the uploader needs s3:PutObject (see grantResumableUpload)',
      );
      await expect(run).rejects.toMatchObject({ name: 'UploadFailed', abort: { gone: true } });
      expect(await incomplete('no-part.bin')).toEqual([]);
    });

    test('without s3:AbortMultipartUpload: the abort is refused and says so; the upload stays, for lack of the permission only', async () => {
      await deny('s3:AbortMultipartUpload');
      const result = await upload('no-abort.bin', fileOf(4 * PART).path, { ...stopAfterTwoParts(), abortOnStop: true });
      expect(result).toMatchObject({ outcome: 'stopped', abort: { gone: false, detail: expect.stringMatching(/^AccessDenied.*; needs s3:AbortMultipartUpload$/) } });
      expect(await incomplete('no-abort.bin')).toHaveLength(1);
    });
  });
});
