import {
  GetBucketLifecycleConfigurationCommand, LifecycleRule, ListMultipartUploadsCommand, PutBucketLifecycleConfigurationCommand, S3Client,
} from '@aws-sdk/client-s3';
import { actionsOf, IamPolicy, plus, readmePolicies, without } from '../../_helpers/readme-policies';
import { createRgwUser, putUserPolicy, removeRgwUser, RgwUser } from '../../_helpers/rgw-users';
import { runMpuAudit } from '../../_helpers/run-mpu-audit';
import { clientOf, localS3Server, newBucket } from '../../_helpers/s3-test-server';
import { Seeded, seedUpload } from '../../_helpers/seed';

/*
 * The IAM policies of docs/mpu-audit.md, read from that page, as the inline user policy of
 * a user that owns no bucket: the first user owns every bucket here, because an
 * owner is allowed by its ACL whatever its policy says. RGW grants another user's
 * bucket on an identity-policy Allow alone (or a bucket-policy Allow); an
 * explicit Deny in either wins. Policy changes take effect on the next request.
 */

const server = localS3Server();
const describeS3 = server ? describe : describe.skip;
const policies = readmePolicies();

/** Which part of the audit each action of the documented audit policy serves, as the bucket's error shows it. */
const DENIED_ERROR: Record<string, RegExp> = {
  's3:GetBucketLocation': /^AccessDenied \(HTTP 403\); needs s3:GetBucketLocation$/,
  's3:ListBucketMultipartUploads': /^uploads: AccessDenied \(HTTP 403\); needs s3:ListBucketMultipartUploads and s3:ListMultipartUploadParts$/,
  's3:GetLifecycleConfiguration': /^lifecycle: AccessDenied \(HTTP 403\); needs s3:GetLifecycleConfiguration$/,
  's3:ListMultipartUploadParts': /^uploads: AccessDenied \(HTTP 403\); needs s3:ListBucketMultipartUploads and s3:ListMultipartUploadParts$/,
};

/** Without it the audit is complete and says so in each bucket's managedBy, not in its error. */
const REPORTED_IN_MANAGED_BY = 's3:GetBucketTagging';

/** RGW lets every user list its own buckets unless a policy denies it. */
const NOT_ENFORCED_BY_RGW = 's3:ListAllMyBuckets';

/** The parts of a --format json report this test reads. */
type JsonReport = {
  generatedAt: string;
  totals: Record<string, unknown>;
  buckets: Array<Record<string, unknown> & { uploadList: Array<Record<string, unknown>> }>;
};

describeS3('the least-privilege IAM policies of docs/mpu-audit.md, as a user limited to them', () => {
  let owner: S3Client;
  let limited: RgwUser;
  let bucket: string;

  const audit = (...args: string[]) => runMpuAudit(['--endpoint-url', server!.endpointUrl, '--older-than', '0s', ...args], server!.env);
  const auditAs = async (policy: IamPolicy, ...args: string[]) => {
    await putUserPolicy(server!, limited, policy);
    return runMpuAudit(['--endpoint-url', server!.endpointUrl, '--older-than', '0s', ...args], {
      AWS_ACCESS_KEY_ID: limited.accessKeyId, AWS_SECRET_ACCESS_KEY: limited.secretAccessKey, AWS_REGION: server!.region,
    });
  };
  const uploadIds = async (name: string) => ((await owner.send(new ListMultipartUploadsCommand({ Bucket: name }))).Uploads ?? [])
    .map(u => u.UploadId).sort();
  const ids = (seeded: Seeded[]) => seeded.map(s => s.uploadId).sort();
  /** A JSON report without what depends on when it ran: the time it was made and each upload's age. */
  const timeless = ({ generatedAt: _, ...report }: JsonReport) => ({
    ...report,
    buckets: report.buckets.map(b => ({ ...b, uploadList: b.uploadList.map(({ ageSeconds: _age, ...u }) => u) })),
  });

  beforeAll(async () => {
    owner = clientOf(server!);
    limited = createRgwUser('mpuguard-limited');
    bucket = await newBucket(owner, 'iam-audit');
    await Promise.all([seedUpload(owner, bucket, 'a/one.bin', [1000, 2000]), seedUpload(owner, bucket, 'b/two.bin', [500])]);
  });

  afterAll(() => {
    if (limited) removeRgwUser(limited);
  });

  test('docs/mpu-audit.md names every audit action this test knows, and the two additions', () => {
    expect(actionsOf(policies.audit).sort()).toEqual([...Object.keys(DENIED_ERROR), REPORTED_IN_MANAGED_BY, NOT_ENFORCED_BY_RGW].sort());
    expect(policies.abort).toEqual({ Effect: 'Allow', Action: 's3:AbortMultipartUpload', Resource: 'arn:aws:s3:::*/*' });
    expect(policies.fixLifecycle).toEqual({ Effect: 'Allow', Action: 's3:PutLifecycleConfiguration', Resource: 'arn:aws:s3:::*' });
  });

  test('with exactly the audit policy, --bucket gives the owner\'s exact report, exit 0', async () => {
    const mine = audit('--bucket', bucket, '--format', 'json');
    const run = await auditAs(policies.audit, '--bucket', bucket, '--format', 'json');

    expect(run.exitCode).toBe(0);
    expect(mine.exitCode).toBe(0);
    const report = timeless(JSON.parse(run.stdout));
    expect(report.totals).toMatchObject({ buckets: 1, uploads: 2, parts: 3, bytes: 3500, failedBuckets: 0 });
    expect(report.buckets[0]).toMatchObject({ name: bucket, verdict: 'MultipartUpload-MPU1', error: null });
    // RGW 16 names the requesting user as every upload's Initiator and Owner: the only fields that differ.
    const byRequester = (json: Omit<JsonReport, 'generatedAt'>, uid: string) => {
      const principal = { id: uid, displayName: uid };
      const uploadList = (b: JsonReport['buckets'][number]) => b.uploadList.map(u => ({ ...u, initiator: principal, owner: principal }));
      return { ...json, buckets: json.buckets.map(b => ({ ...b, uploadList: uploadList(b) })) };
    };
    expect(report).toEqual(byRequester(report, limited.uid));
    expect(report).toEqual(byRequester(timeless(JSON.parse(mine.stdout)), limited.uid));
  });

  test('without any policy the user reads nothing of the bucket: exit 3, AccessDenied', async () => {
    const run = await auditAs({ Version: '2012-10-17', Statement: [] }, '--bucket', bucket, '--format', 'json');

    expect(run.exitCode).toBe(3);
    expect(JSON.parse(run.stdout).buckets[0].error).toMatch(/AccessDenied/);
  });

  test.each(Object.keys(DENIED_ERROR))('without %s the audit is visibly incomplete: exit 3, the bucket\'s error names AccessDenied', async action => {
    const run = await auditAs(without(policies.audit, action), '--bucket', bucket, '--format', 'json');

    expect(run.exitCode).toBe(3);
    const report = JSON.parse(run.stdout);
    expect(report.totals).toMatchObject({ failedBuckets: 1, uploads: 0, bytes: 0 });
    expect(report.buckets[0].error).toMatch(DENIED_ERROR[action]);
    expect(run.stderr).toMatch(/incomplete: 1 bucket\(s\) could not be read in full/);
  });

  test(`without ${REPORTED_IN_MANAGED_BY} the audit is complete, exit 0: managedBy says the tags could not be read, and why`, async () => {
    const run = await auditAs(without(policies.audit, REPORTED_IN_MANAGED_BY), '--bucket', bucket, '--format', 'json');

    expect(run.exitCode).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.totals).toMatchObject({ failedBuckets: 0, uploads: 2, bytes: 3500 });
    expect(report.buckets[0]).toMatchObject({
      error: null, managedBy: { kind: 'unknown', error: 'tags: AccessDenied (HTTP 403); needs s3:GetBucketTagging' },
    });
  });

  test(`RGW does not enforce ${NOT_ENFORCED_BY_RGW}: without it the user still lists its own buckets (none); only a Deny stops the listing`, async () => {
    const allowedAnyway = await auditAs(without(policies.audit, NOT_ENFORCED_BY_RGW), '--format', 'json');
    expect(allowedAnyway.exitCode).toBe(0);
    // ListAllMyBuckets lists the caller's own buckets only: an audit of another user's buckets needs --bucket.
    expect(JSON.parse(allowedAnyway.stdout).totals).toMatchObject({ buckets: 0 });

    const deny = { Effect: 'Deny', Action: NOT_ENFORCED_BY_RGW, Resource: '*' };
    const denied = await auditAs(plus(without(policies.audit, NOT_ENFORCED_BY_RGW), deny), '--format', 'json');
    expect(denied.exitCode).toBe(3);
    expect(denied.stderr).toMatch(/cannot list the buckets to audit: AccessDenied/);
  });

  test('--abort --yes without s3:AbortMultipartUpload: exit 3, each upload named as failed with AccessDenied, all still there', async () => {
    const own = await newBucket(owner, 'iam-abort');
    const seeded = await Promise.all([seedUpload(owner, own, 'x/1.bin', [100]), seedUpload(owner, own, 'x/2.bin', [200])]);

    const run = await auditAs(policies.audit, '--bucket', own, '--abort', '--yes');

    expect(run.exitCode).toBe(3);
    expect(run.stderr).toMatch(/aborted 0 of 2 orphaned upload\(s\), freed 0 B \(0 bytes\); 0 were already gone \(completed or aborted meanwhile\); 2 failed, still holding 300 B \(300 bytes\); 0 not started/);
    for (const s of seeded) {
      expect(run.stderr).toContain(`  failed s3://${own}/${s.key} (upload ${s.uploadId}): AccessDenied (HTTP 403); needs s3:AbortMultipartUpload\n`);
    }
    expect(await uploadIds(own)).toEqual(ids(seeded));
  });

  test('--abort --yes with the documented --abort addition aborts them: exit 0, none left', async () => {
    const own = await newBucket(owner, 'iam-abort');
    await Promise.all([seedUpload(owner, own, 'x/1.bin', [100]), seedUpload(owner, own, 'x/2.bin', [200])]);

    const run = await auditAs(plus(policies.audit, policies.abort), '--bucket', own, '--abort', '--yes');

    expect(run.exitCode).toBe(0);
    expect(run.stderr).toMatch(/aborted 2 of 2 orphaned upload\(s\), freed 300 B \(300 bytes\)/);
    expect(await uploadIds(own)).toEqual([]);
  });

  describe('--fix-lifecycle --yes on a bucket with a rule of its own', () => {
    const existing: LifecycleRule = { ID: 'expire-logs', Status: 'Enabled', Filter: { Prefix: 'logs/' }, Expiration: { Days: 30 } };
    const rulesOf = async (name: string) => (await owner.send(new GetBucketLifecycleConfigurationCommand({ Bucket: name }))).Rules;
    const bucketWithRule = async () => {
      const own = await newBucket(owner, 'iam-fix');
      await owner.send(new PutBucketLifecycleConfigurationCommand({ Bucket: own, LifecycleConfiguration: { Rules: [existing] } }));
      return own;
    };

    test('without s3:PutLifecycleConfiguration: exit 3, "not changed: AccessDenied", the configuration untouched', async () => {
      const own = await bucketWithRule();
      const before = await rulesOf(own);

      const run = await auditAs(policies.audit, '--bucket', own, '--fix-lifecycle', '--yes');

      expect(run.exitCode).toBe(3);
      expect(run.stderr).toMatch(/\+ \{"ID":"mpu-guard-abort-incomplete-uploads"/);
      expect(run.stderr).toMatch(/\n {2}not changed: AccessDenied \(HTTP 403\); needs s3:PutLifecycleConfiguration\n/);
      expect(await rulesOf(own)).toEqual(before);
    });

    test(`without ${REPORTED_IN_MANAGED_BY}: exit 3, not written, the message names the permission and --fix-managed`, async () => {
      const own = await bucketWithRule();
      const before = await rulesOf(own);

      const run = await auditAs(plus(without(policies.audit, REPORTED_IN_MANAGED_BY), policies.fixLifecycle), '--bucket', own, '--fix-lifecycle', '--yes');

      expect(run.exitCode).toBe(3);
      expect(run.stderr).toContain('\n  not changed: its tags could not be read (tags: AccessDenied (HTTP 403); needs s3:GetBucketTagging), '
        + 'so whether a stack manages it is unknown: allow s3:GetBucketTagging, or add --fix-managed to write it anyway\n');
      expect(await rulesOf(own)).toEqual(before);
    });

    test('with the documented --fix-lifecycle addition: exit 0, the abort rule added beside the existing one', async () => {
      const own = await bucketWithRule();
      const before = await rulesOf(own);

      const run = await auditAs(plus(policies.audit, policies.fixLifecycle), '--bucket', own, '--fix-lifecycle', '--yes');

      expect(run.exitCode).toBe(0);
      expect(run.stderr).toMatch(/ {2}written and read back/);
      const after = await rulesOf(own);
      expect(after).toHaveLength(2);
      expect(after).toEqual(expect.arrayContaining([...before!, expect.objectContaining({ ID: 'mpu-guard-abort-incomplete-uploads' })]));
      expect(JSON.parse(audit('--bucket', own, '--format', 'json').stdout).buckets[0].verdict).toBe('COMPLIANT');
    });
  });
});
