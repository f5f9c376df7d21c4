import { ListMultipartUploadsCommand, PutBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { RGW_USER_IDS } from '../../_helpers/rgw-users';
import { runMpuAudit } from '../../_helpers/run-mpu-audit';
import { clientOf, localS3Server, newBucket, removeBucket } from '../../_helpers/s3-test-server';
import { seedUpload } from '../../_helpers/seed';

const server = localS3Server();
const describeS3 = server ? describe : describe.skip;

interface ReportedUpload {
  key: string;
  uploadId: string;
  orphan: boolean;
  bytes: number | null;
  initiator: { id: string; displayName: string } | null;
  owner: { id: string; displayName: string } | null;
  kept: string | null;
}

describeS3('mpu-audit --exclude-prefix and --keep-initiator against a real S3 server: kept uploads are reported, never aborted', () => {
  let first: S3Client;
  let other: S3Client;
  const created: string[] = [];
  const asFirst = () => server!.env;
  const asOther = () => ({ ...server!.env, AWS_ACCESS_KEY_ID: server!.other.accessKeyId, AWS_SECRET_ACCESS_KEY: server!.other.secretAccessKey });
  const cli = (env: Record<string, string>, ...args: string[]) => runMpuAudit(['--endpoint-url', server!.endpointUrl, '--older-than', '0s', ...args], env);
  const left = async (bucket: string) => ((await first.send(new ListMultipartUploadsCommand({ Bucket: bucket }))).Uploads ?? [])
    .map(u => u.Key!).sort();
  const uploadsOf = (stdout: string): ReportedUpload[] => JSON.parse(stdout).buckets[0].uploadList;

  beforeAll(() => {
    first = clientOf(server!);
    other = clientOf(server!, 'other');
  });

  afterAll(async () => {
    for (const bucket of created) await removeBucket(first, bucket);
  });

  async function bucketWith(label: string, uploads: Record<string, number[]>): Promise<string> {
    const bucket = await newBucket(first, label);
    created.push(bucket);
    for (const [key, sizes] of Object.entries(uploads)) await seedUpload(first, bucket, key, sizes);
    return bucket;
  }

  test('--abort --yes --exclude-prefix keep/ leaves exactly the uploads under keep/, lists them with the reason, and aborts the others', async () => {
    // GIVEN
    const bucket = await bucketWith('keep-prefix', { 'keep/a.bin': [100], 'keep/deep/b.bin': [200, 300], 'keeper/c.bin': [400], 'tmp/d.bin': [500] });
    // WHEN
    const run = cli(asFirst(), '--bucket', bucket, '--exclude-prefix', 'keep/', '--abort', '--yes', '--format', 'json');
    // THEN: the uploads the server still lists are exactly those under keep/ (not keeper/)
    expect(run.exitCode).toBe(0);
    expect(await left(bucket)).toEqual(['keep/a.bin', 'keep/deep/b.bin']);
    expect(run.stderr).toMatch(/aborted 2 of 2 orphaned upload\(s\), freed 900 B \(900 bytes\)/);
    expect(run.stderr).toMatch(/--abort keeps 2 orphaned upload\(s\) on purpose/);
    expect(run.stderr).toMatch(new RegExp(`  kept s3://${bucket}/keep/a\\.bin \\(upload [^,]+, 100 bytes\\): key under --exclude-prefix keep/\\n`));
    expect(run.stderr).toMatch(new RegExp(`  kept s3://${bucket}/keep/deep/b\\.bin \\(upload [^,]+, 500 bytes\\): key under --exclude-prefix keep/\\n`));
    // The report printed before the aborts: every upload an orphan, the kept ones marked, still counted as orphaned bytes.
    const report = JSON.parse(run.stdout);
    expect(Object.fromEntries(uploadsOf(run.stdout).map(u => [u.key, u.kept]))).toEqual({
      'keep/a.bin': 'key under --exclude-prefix keep/',
      'keep/deep/b.bin': 'key under --exclude-prefix keep/',
      'keeper/c.bin': null,
      'tmp/d.bin': null,
    });
    expect(report.buckets[0]).toMatchObject({ uploads: 4, bytes: 1500, keptOrphans: { uploads: 2, bytes: 600 } });
    expect(report.totals).toMatchObject({ uploads: 4, bytes: 1500, keptOrphans: { uploads: 2, bytes: 600 } });
  });

  test('the dry run lists the kept uploads with their reasons and would abort only the others; the table says how many are kept', async () => {
    // GIVEN
    const bucket = await bucketWith('keep-dry', { 'resumable/a.bin': [10], 'b.bin': [20] });
    // WHEN
    const run = cli(asFirst(), '--bucket', bucket, '--exclude-prefix', 'resumable/', '--abort');
    // THEN
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toMatch(/dry run: --abort would abort 1 upload\(s\) older than 0s, 20 B \(20 bytes\)/);
    expect(run.stderr).toMatch(new RegExp(`  would abort s3://${bucket}/b\\.bin `));
    expect(run.stderr).not.toMatch(/would abort s3:\/\/[^ ]+\/resumable\//);
    expect(run.stderr).toMatch(new RegExp(`  kept s3://${bucket}/resumable/a\\.bin \\(upload [^,]+, 10 bytes\\): key under --exclude-prefix resumable/`));
    expect(run.stdout).toMatch(/\n1 orphaned upload \(10 B\) is kept on purpose \(see --exclude-prefix\/--keep-initiator\): counted above, never aborted\.\n/);
    expect(await left(bucket)).toEqual(['b.bin', 'resumable/a.bin']);
  });

  test('without --abort, the options only mark the report', async () => {
    const bucket = await bucketWith('keep-report', { 'resumable/a.bin': [10], 'b.bin': [20] });
    const run = cli(asFirst(), '--bucket', bucket, '--exclude-prefix', 'resumable/', '--format', 'json');
    expect(run.exitCode).toBe(0);
    expect(uploadsOf(run.stdout).filter(u => u.kept !== null).map(u => u.key)).toEqual(['resumable/a.bin']);
    expect(run.stderr).toBe('');
    expect(await left(bucket)).toEqual(['b.bin', 'resumable/a.bin']);
  });

  describe('--keep-initiator: RGW 16 reports the requesting user as every upload\'s Initiator and Owner', () => {
    let shared: string;

    beforeAll(async () => {
      // GIVEN: a bucket of the first user in which the second one may upload, list and abort, and uploads of both
      shared = await bucketWith('keep-initiator', { 'first/a.bin': [100] });
      const principal = { AWS: [`arn:aws:iam:::user/${RGW_USER_IDS.other}`] };
      // RGW checks an upload's parts against the ACL of the user who started it: the owner needs the grant too.
      const both = { AWS: [`arn:aws:iam:::user/${RGW_USER_IDS.first}`, `arn:aws:iam:::user/${RGW_USER_IDS.other}`] };
      await first.send(new PutBucketPolicyCommand({
        Bucket: shared,
        Policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: principal, Action: ['s3:ListBucketMultipartUploads', 's3:GetLifecycleConfiguration', 's3:GetBucketLocation'], Resource: [`arn:aws:s3:::${shared}`] },
            { Effect: 'Allow', Principal: both, Action: ['s3:PutObject', 's3:ListMultipartUploadParts', 's3:AbortMultipartUpload'], Resource: [`arn:aws:s3:::${shared}/*`] },
          ],
        }),
      }));
      await seedUpload(other, shared, 'other/b.bin', [200]);
    });

    test('the report carries Initiator and Owner, and a role ARN (valid, but no RGW id) keeps nothing', () => {
      const run = cli(asFirst(), '--bucket', shared, '--keep-initiator', 'arn:aws:iam::123456789012:role/Uploader', '--format', 'json');
      expect(run.exitCode).toBe(0);
      const me = { id: RGW_USER_IDS.first, displayName: RGW_USER_IDS.first };
      expect(uploadsOf(run.stdout).map(u => [u.key, u.initiator, u.owner, u.kept])).toEqual([
        ['first/a.bin', me, me, null],
        // Started by the second user; RGW still names the requester.
        ['other/b.bin', me, me, null],
      ]);
    });

    test('the first user\'s ID keeps every upload RGW reports as initiated by that user: nothing is aborted', async () => {
      const run = cli(asFirst(), '--bucket', shared, '--keep-initiator', RGW_USER_IDS.first, '--abort', '--yes', '--format', 'json');
      expect(run.exitCode).toBe(0);
      expect(uploadsOf(run.stdout).map(u => u.kept)).toEqual([`initiated by ${RGW_USER_IDS.first} (--keep-initiator)`, `initiated by ${RGW_USER_IDS.first} (--keep-initiator)`]);
      expect(run.stderr).toMatch(/aborted 0 of 0 orphaned upload\(s\)/);
      expect(run.stderr).toMatch(/--abort keeps 2 orphaned upload\(s\) on purpose/);
      expect(await left(shared)).toEqual(['first/a.bin', 'other/b.bin']);
    });

    test('run by the second user, whom RGW then reports as the initiator, the first user\'s ID keeps nothing: every upload is aborted', async () => {
      const run = cli(asOther(), '--bucket', shared, '--keep-initiator', RGW_USER_IDS.first, '--abort', '--yes', '--format', 'json');
      expect(run.exitCode).toBe(0);
      const them = { id: RGW_USER_IDS.other, displayName: RGW_USER_IDS.other };
      expect(uploadsOf(run.stdout).map(u => [u.initiator, u.kept])).toEqual([[them, null], [them, null]]);
      expect(run.stderr).toMatch(/aborted 2 of 2 orphaned upload\(s\), freed 300 B \(300 bytes\)/);
      expect(run.stderr).not.toMatch(/kept s3:/);
      expect(await left(shared)).toEqual([]);
    });
  });
});
