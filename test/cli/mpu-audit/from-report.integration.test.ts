import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AbortMultipartUploadCommand, CompleteMultipartUploadCommand, HeadObjectCommand, ListMultipartUploadsCommand, ListPartsCommand, S3Client,
} from '@aws-sdk/client-s3';
import { runMpuAudit } from '../../_helpers/run-mpu-audit';
import { clientOf, localS3Server, newBucket } from '../../_helpers/s3-test-server';
import { Seeded, seedUpload } from '../../_helpers/seed';

const server = localS3Server();
const describeS3 = server ? describe : describe.skip;

describeS3('mpu-audit --abort --from-report against a real S3 server: review, then apply', () => {
  let client: S3Client;
  const cli = (...args: string[]) => runMpuAudit(['--endpoint-url', server!.endpointUrl, ...args], server!.env);
  const uploadIds = async (bucket: string) =>
    ((await client.send(new ListMultipartUploadsCommand({ Bucket: bucket }))).Uploads ?? []).map(u => u.UploadId).sort();
  const planFile = () => join(mkdtempSync(join(tmpdir(), 'mpu-plan-')), 'plan.json');

  beforeAll(() => {
    client = clientOf(server!);
  });

  async function complete(bucket: string, upload: Seeded): Promise<void> {
    const { Parts } = await client.send(new ListPartsCommand({ Bucket: bucket, Key: upload.key, UploadId: upload.uploadId }));
    const parts = Parts!.map(p => ({ PartNumber: p.PartNumber, ETag: p.ETag }));
    const { key, uploadId } = upload;
    await client.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId, MultipartUpload: { Parts: parts } }));
  }

  test('aborts exactly the reviewed orphans still there: one completed and one aborted meanwhile are gone, later uploads are untouched', async () => {
    // GIVEN a reviewed report of four orphans
    const bucket = await newBucket(client, 'plan');
    const [kept, completed, abortedElsewhere, alsoKept] = await Promise.all([
      seedUpload(client, bucket, 'a/one.bin', [1000, 2000]),
      seedUpload(client, bucket, 'b/done.bin', [1024]),
      seedUpload(client, bucket, 'c/gone.bin', [300]),
      seedUpload(client, bucket, 'd/two.bin', [40]),
    ]);
    const plan = planFile();
    const made = cli('--bucket', bucket, '--older-than', '0s', '--format', 'json', '--output', plan);
    expect(made.exitCode).toBe(0);
    expect(JSON.parse(readFileSync(plan, 'utf8')).scope).toEqual({ buckets: [bucket], regions: [], prefix: null, excludePrefixes: [], keepInitiators: [] });
    // AND after the review: one completed, one aborted by someone else, and two new uploads, one on a reviewed key
    await complete(bucket, completed);
    await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: abortedElsewhere.key, UploadId: abortedElsewhere.uploadId }));
    const sameKeyLater = await seedUpload(client, bucket, kept.key, [10]);
    const later = await seedUpload(client, bucket, 'e/later.bin', [20]);

    // WHEN the dry run, then the real one, given nothing but the report: it applies with the options it was made with
    const dryRun = cli('--abort', '--from-report', plan);
    const before = await uploadIds(bucket);
    const run = cli('--abort', '--from-report', plan, '--yes');

    // THEN the dry run checked and sent nothing
    expect(dryRun.exitCode).toBe(0);
    expect(dryRun.stderr).toMatch(/lists 4 orphaned upload\(s\): 2 still there; 2 gone since \(completed or aborted meanwhile\)/);
    expect(dryRun.stderr).toMatch(/dry run: --abort would abort 2 upload\(s\) older than 0s/);
    expect(before).toEqual([kept.uploadId, alsoKept.uploadId, sameKeyLater.uploadId, later.uploadId].sort());
    // AND the real run aborted the two reviewed orphans still there, and nothing else
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/aborted 2 of 2 orphaned upload\(s\), freed 3\.0 KiB \(3040 bytes\)/);
    expect(await uploadIds(bucket)).toEqual([sameKeyLater.uploadId, later.uploadId].sort());
    expect((await client.send(new HeadObjectCommand({ Bucket: bucket, Key: completed.key }))).ContentLength).toBe(1024);
  });

  test('an option given with another value than the report\'s, or a file that is not a report, is refused with one line and nothing is aborted', async () => {
    const bucket = await newBucket(client, 'plan-refused');
    await seedUpload(client, bucket, 'x.bin', [100]);
    const plan = planFile();
    expect(cli('--bucket', bucket, '--older-than', '0s', '--format', 'json', '--output', plan).exitCode).toBe(0);
    const table = planFile();
    expect(cli('--bucket', bucket, '--older-than', '0s', '--output', table).exitCode).toBe(0);
    const summary = planFile();
    writeFileSync(summary, JSON.stringify({ generatedAt: '2026-12-01T00:00:00Z', results: [], totals: {} }));

    const runs = [
      cli('--abort', '--from-report', plan, '--bucket', bucket, '--older-than', '24h', '--yes'),
      cli('--abort', '--from-report', plan, '--bucket', `${bucket}-other`, '--older-than', '0s', '--yes'),
      cli('--abort', '--from-report', table, '--bucket', bucket, '--older-than', '0s', '--yes'),
      cli('--abort', '--from-report', summary, '--yes'),
    ];

    expect(runs.map(r => r.exitCode)).toEqual([2, 2, 2, 2]);
    expect(runs.map(r => r.stdout)).toEqual(['', '', '', '']);
    expect(runs.map(r => r.stderr.split('\n').length)).toEqual([2, 2, 2, 2]);
    expect(runs[0].stderr).toMatch(/was made with --older-than 0s, and this run gives --older-than 24h: drop --older-than to apply the report/);
    expect(runs[1].stderr).toContain(`was made with --bucket ${bucket}, and this run gives --bucket ${bucket}-other: drop --bucket`);
    expect(runs[2].stderr).toMatch(/is not valid JSON/);
    expect(runs[3].stderr).toMatch(/is an organization summary/);
    expect(await uploadIds(bucket)).toHaveLength(1);
  });
});
