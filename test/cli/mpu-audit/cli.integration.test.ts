import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetBucketLifecycleConfigurationCommand, ListMultipartUploadsCommand, S3Client } from '@aws-sdk/client-s3';
import { runMpuAudit } from '../../_helpers/run-mpu-audit';
import { clientOf, localS3Server, newBucket } from '../../_helpers/s3-test-server';
import { seedUpload, sleep } from '../../_helpers/seed';

const server = localS3Server();
const describeS3 = server ? describe : describe.skip;

describeS3('the mpu-audit command against a real S3 server', () => {
  let client: S3Client;
  let bucket: string;
  const cli = (...args: string[]) => runMpuAudit(['--endpoint-url', server!.endpointUrl, '--older-than', '0s', ...args], server!.env);

  beforeAll(async () => {
    client = clientOf(server!);
    bucket = await newBucket(client, 'cli');
    await seedUpload(client, bucket, 'a/one.bin', [1000, 2000]);
    await seedUpload(client, bucket, 'b/two.bin', [500]);
  });

  test('--format json reports exact bytes, the verdict and exit code 0', () => {
    const run = cli('--bucket', bucket, '--format', 'json');
    expect(run.exitCode).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.totals).toMatchObject({ buckets: 1, uploads: 2, parts: 3, bytes: 3500, failedBuckets: 0 });
    expect(report.buckets[0]).toMatchObject({ name: bucket, verdict: 'MultipartUpload-MPU1', uploads: 2, parts: 3, bytes: 3500, error: null });
    expect(report.buckets[0].oldestInitiated).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  test('--summary counts and ages the uploads without reading their parts', () => {
    const run = cli('--bucket', bucket, '--summary', '--format', 'json');
    expect(run.exitCode).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.partsRead).toBe(false);
    expect(report.totals).toMatchObject({ uploads: 2, parts: null, bytes: null });
    expect(report.buckets[0].oldestInitiated).toMatch(/^\d{4}-/);
  });

  test('--prefix narrows the uploads; the table shows human sizes', () => {
    const run = cli('--bucket', bucket, '--prefix', 'a/');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`${bucket}\\s.*MultipartUpload-MPU1\\s.*2.9 KiB`));
  });

  test('--fail-on-bytes and --fail-on-missing-rule exit 1 when crossed, 0 when not', () => {
    expect(cli('--bucket', bucket, '--fail-on-bytes', '3499').exitCode).toBe(1);
    expect(cli('--bucket', bucket, '--fail-on-bytes', '3500').exitCode).toBe(0);
    expect(cli('--bucket', bucket, '--fail-on-missing-rule').exitCode).toBe(1);
  });

  test('a bucket that cannot be read makes exit code 3 and is listed with its error', () => {
    const run = cli('--bucket', bucket, '--bucket', 'no-such-bucket-mpu-guard', '--format', 'json');
    expect(run.exitCode).toBe(3);
    const report = JSON.parse(run.stdout);
    expect(report.buckets.find((b: { name: string }) => b.name === 'no-such-bucket-mpu-guard').error).toMatch(/NoSuchBucket|NotFound/);
    expect(report.totals).toMatchObject({ bytes: 3500, failedBuckets: 1 });
  });

  test('--output never overwrites a file unless --force', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mpu-audit-')), 'report.csv');
    writeFileSync(file, 'keep me');
    const refused = cli('--bucket', bucket, '--format', 'csv', '--output', file);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/--force/);
    expect(readFileSync(file, 'utf8')).toBe('keep me');
    expect(cli('--bucket', bucket, '--format', 'csv', '--output', file, '--force').exitCode).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(new RegExp(`^bucket,region,verdict.*\\n${bucket},[^,]*,MultipartUpload-MPU1,2,3,3500,`));
  });

  test('--abort is a dry run without --yes, and aborts the orphans with it', async () => {
    const own = await newBucket(client, 'cli-abort');
    await seedUpload(client, own, 'x.bin', [123]);
    const dryRun = cli('--bucket', own, '--abort');
    expect(dryRun.exitCode).toBe(0);
    expect(dryRun.stderr).toMatch(/dry run: --abort would abort 1 upload\(s\)/);
    expect((await client.send(new ListMultipartUploadsCommand({ Bucket: own }))).Uploads).toHaveLength(1);

    const real = cli('--bucket', own, '--abort', '--yes');
    expect(real.exitCode).toBe(0);
    expect(real.stderr).toMatch(/aborted 1 of 1 orphaned upload\(s\), freed 123 B \(123 bytes\)/);
    expect((await client.send(new ListMultipartUploadsCommand({ Bucket: own }))).Uploads ?? []).toHaveLength(0);
  });

  test('--abort --yes aborts exactly the orphans of the report it printed: none younger, none outside --bucket or --prefix', async () => {
    // GIVEN: old uploads under a/ and b/ in one bucket, old ones in another bucket, then a young one under a/
    const [own, other] = [await newBucket(client, 'scope'), await newBucket(client, 'scope-other')];
    const inScope = await Promise.all([seedUpload(client, own, 'a/1', [10]), seedUpload(client, own, 'a/2', [20, 30])]);
    const outside = await Promise.all([seedUpload(client, own, 'b/1', [40]), seedUpload(client, other, 'a/1', [50])]);
    await sleep(3000);
    const young = await seedUpload(client, own, 'a/young', [60]);

    // WHEN
    const run = runMpuAudit(['--endpoint-url', server!.endpointUrl, '--bucket', own, '--prefix', 'a/', '--older-than', '2s', '--abort', '--yes', '--format', 'json'],
      server!.env);

    // THEN: the printed report's orphans are exactly the aborted uploads, and everything else is still there
    expect(run.exitCode).toBe(0);
    const printed = JSON.parse(run.stdout).buckets[0].uploadList as Array<{ uploadId: string; orphan: boolean }>;
    const ids = (uploads: Array<{ uploadId: string }>) => uploads.map(u => u.uploadId).sort();
    expect(ids(printed.filter(u => u.orphan))).toEqual(ids(inScope));
    expect(ids(printed.filter(u => !u.orphan))).toEqual([young.uploadId]);
    expect(run.stderr).toMatch(/aborted 2 of 2 orphaned upload\(s\), freed 60 B \(60 bytes\)/);
    const left = async (name: string) => ((await client.send(new ListMultipartUploadsCommand({ Bucket: name }))).Uploads ?? [])
      .map(u => ({ uploadId: u.UploadId! }));
    expect(ids(await left(own))).toEqual(ids([outside[0], young]));
    expect(ids(await left(other))).toEqual([outside[1].uploadId]);
  });

  test('--fix-lifecycle shows the diff and writes only with --yes', async () => {
    const own = await newBucket(client, 'cli-fix');
    const dryRun = cli('--bucket', own, '--fix-lifecycle', '--days', '2');
    expect(dryRun.exitCode).toBe(0);
    expect(dryRun.stderr).toMatch(/\+ \{"ID":"mpu-guard-abort-incomplete-uploads".*"DaysAfterInitiation":2/);
    await expect(client.send(new GetBucketLifecycleConfigurationCommand({ Bucket: own }))).rejects.toMatchObject({ name: 'NoSuchLifecycleConfiguration' });

    expect(cli('--bucket', own, '--fix-lifecycle', '--days', '2', '--yes').exitCode).toBe(0);
    const { Rules } = await client.send(new GetBucketLifecycleConfigurationCommand({ Bucket: own }));
    expect(Rules).toEqual([expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 2 } })]);
    expect(JSON.parse(cli('--bucket', own, '--format', 'json').stdout).buckets[0].verdict).toBe('COMPLIANT');
  });
});

describe('the mpu-audit command line', () => {
  test.each([
    [['--format', 'xml'], /--format must be one of table, json, csv, markdown \(got "xml"\)/],
    [['--older-than', '7x'], /--older-than must be a whole number followed by s, m, h or d/],
    [['--concurrency', '-1'], /--concurrency needs a value; write a value that starts with a dash as --concurrency=VALUE/],
    [['--concurrency=-1'], /--concurrency must be a whole number >= 1 \(got "-1"\)/],
    [['--concurrency', '0'], /--concurrency must be a whole number >= 1 \(got "0"\)/],
    [['--days', '3'], /--days sets the rule --fix-lifecycle adds/],
    [['--fix-lifecycle', '--days', '10'], /--days 10 is later than the default --max-days 7/],
    [['--force'], /--force lets --output overwrite a file/],
    [['--summary', '--fail-on-bytes', '1'], /--fail-on-bytes needs the sizes that --summary skips/],
    [['--concurrency', 'ten'], /--concurrency must be a whole number >= 1 \(got "ten"\)/],
    [['--fail-on-bytes', '1.5GB'], /--fail-on-bytes must be a number of bytes/],
    [['--yes'], /--yes confirms --abort or --fix-lifecycle/],
    [['--endpoint-url', 'localhost:7480'], /--endpoint-url must be an http:\/\/ or https:\/\/ URL/],
    [['--role-arn', 'admin'], /--role-arn must be an IAM role ARN/],
    [['--unknown-flag'], /Unknown option '--unknown-flag'/],
  ])('%j is a usage error: exit 2, one line naming the flag', (args, message) => {
    const run = runMpuAudit(args);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n').filter(line => line.startsWith('mpu-audit:'))).toHaveLength(1);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  test('the published bin runs the compiled CLI', () => {
    const version = execFileSync(process.execPath, [join(__dirname, '..', '..', '..', 'bin', 'mpu-audit'), '--version'], { encoding: 'utf8' });
    expect(version.trim()).toBe(JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')).version);
  });
});
