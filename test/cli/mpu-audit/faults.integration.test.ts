import {
  AbortMultipartUploadCommand, CompleteMultipartUploadCommand, DeleteBucketCommand, HeadObjectCommand, ListMultipartUploadsCommand,
  ListPartsCommand, S3Client,
} from '@aws-sdk/client-s3';
import { Fault, ProxiedRequest, S3Proxy, SLOW_DOWN, startS3Proxy } from '../../../scripts/lib/s3-proxy';
import { ExitCode } from '../../../src/cli/exit-code';
import { runCli } from '../../../src/cli/mpu-audit/run-cli';
import { SdkS3 } from '../../../src/s3/sdk-s3';
import { clientOf, localS3Server, newBucket } from '../../_helpers/s3-test-server';
import { seedUpload } from '../../_helpers/seed';
import { memoryCliIo } from '../memory-cli-io';

const server = localS3Server();
const describeS3 = server ? describe : describe.skip;

/** Uploads per bucket and part sizes: 5 uploads of 2 parts, 3,000 bytes each. */
const UPLOADS = 5;
const PARTS = [1000, 2000];

interface BucketTotals { readonly name: string; readonly uploads: number; readonly parts: number; readonly bytes: number }
interface CliResult { readonly exitCode: ExitCode; readonly stdout: string; readonly stderr: string }

describeS3('mpu-audit through a fault-injecting proxy in front of the real S3 server', () => {
  let client: S3Client;
  let proxy: S3Proxy | undefined;

  beforeAll(() => {
    Object.assign(process.env, server!.env);
    client = clientOf(server!);
  });
  afterEach(async () => {
    await proxy?.close();
    proxy = undefined;
  });

  async function seededBucket(label: string): Promise<BucketTotals & { uploadIds: string[] }> {
    const name = await newBucket(client, label);
    const seeded = await Promise.all(Array.from({ length: UPLOADS }, (_, i) => seedUpload(client, name, `k/${i}.bin`, PARTS)));
    return { name, uploads: UPLOADS, parts: UPLOADS * PARTS.length, bytes: UPLOADS * 3000, uploadIds: seeded.map(s => s.uploadId) };
  }

  /** Runs the CLI in this process through a proxy that injects `faultFor`'s faults; reads time out after 1 s (--read-timeout 1). */
  async function auditThroughProxy(
    buckets: Array<{ name: string }>, faultFor: (request: ProxiedRequest) => Fault | undefined, extraArgs: string[] = [], slowDownShare = 0,
  ): Promise<CliResult> {
    proxy = await startS3Proxy({ target: server!.endpointUrl, faultFor, slowDownShare, seed: 11 });
    // This machine's clock, not memoryCliIo's fixed date, ages the uploads.
    const { io, out } = memoryCliIo({}, { env: { AWS_REGION: server!.region }, now: undefined });
    const exitCode = await runCli(
      [
        '--endpoint-url', proxy.url, '--older-than', '0s', '--format', 'json', '--concurrency', '4', '--read-timeout', '1',
        ...buckets.flatMap(b => ['--bucket', b.name]), ...extraArgs,
      ],
      io,
      options => new SdkS3(options),
    );
    return { exitCode, stdout: out.stdout, stderr: out.stderr };
  }

  const bucketsOf = (run: CliResult) => JSON.parse(run.stdout).buckets as Array<BucketTotals & { error: string | null }>;
  const exact = (b: BucketTotals) => ({ name: b.name, uploads: b.uploads, parts: b.parts, bytes: b.bytes, error: null });
  const share = (every: number) => {
    let n = 0;
    return () => ++n % every === 0;
  };

  test('SlowDown on a third of the requests: exact totals, the throttles counted, exit 0', async () => {
    const [a, b] = [await seededBucket('slow-a'), await seededBucket('slow-b')];
    const run = await auditThroughProxy([a, b], () => undefined, [], 0.33);
    expect(run.exitCode).toBe(ExitCode.OK);
    expect(bucketsOf(run).map(exact)).toEqual([exact(a), exact(b)]);
    expect(JSON.parse(run.stdout).throttling.slowDowns).toBe(proxy!.stats.slowDowns);
    expect(proxy!.stats.slowDowns).toBeGreaterThan(0);
  });

  test('SlowDown on every request to one bucket: that bucket fails with SlowDown, the other is exact, exit 3', async () => {
    const [a, b] = [await seededBucket('slowall-a'), await seededBucket('slowall-b')];
    const run = await auditThroughProxy([a, b], r => (r.bucket === b.name ? SLOW_DOWN : undefined), ['--max-attempts', '2']);
    expect(run.exitCode).toBe(ExitCode.INCOMPLETE);
    const [readA, readB] = bucketsOf(run);
    expect(exact(readA)).toEqual(exact(a));
    expect(readB.error).toMatch(/SlowDown \(HTTP 503\)/);
    expect(JSON.parse(run.stdout).totals).toMatchObject({ uploads: a.uploads, bytes: a.bytes, failedBuckets: 1 });
    expect(run.stderr).toMatch(/incomplete: 1 bucket\(s\) could not be read/);
  });

  test.each([
    ['connection resets on every third request: retried, exact totals, exit 0', 'reset', 3, 5],
    ['answers that stall past the read timeout on every fourth request: cut, retried, exact totals, exit 0', 'stall', 4, 3],
  ] as const)('%s', async (_, kind, every, atLeast) => {
    const [a, b] = [await seededBucket(`${kind}-a`), await seededBucket(`${kind}-b`)];
    const nth = share(every);
    const run = await auditThroughProxy([a, b], () => (nth() ? { kind } : undefined));
    expect(run.exitCode).toBe(ExitCode.OK);
    expect(bucketsOf(run).map(exact)).toEqual([exact(a), exact(b)]);
    expect(proxy!.stats.faults).toBeGreaterThan(atLeast);
  });

  test('a bucket whose every answer stalls: it fails with a timeout, the other is exact, exit 3', async () => {
    const [a, b] = [await seededBucket('stallall-a'), await seededBucket('stallall-b')];
    const run = await auditThroughProxy([a, b], r => (r.bucket === b.name ? { kind: 'stall' } : undefined), ['--max-attempts', '2']);
    expect(run.exitCode).toBe(ExitCode.INCOMPLETE);
    const [readA, readB] = bucketsOf(run);
    expect(exact(readA)).toEqual(exact(a));
    expect(readB.error).toMatch(/TimeoutError|timed out|timeout/i);
  });

  test('AccessDenied on one bucket: it is listed with the error, the other is exact, exit 3', async () => {
    const [a, b] = [await seededBucket('denied-a'), await seededBucket('denied-b')];
    const denied: Fault = { kind: 'error', status: 403, code: 'AccessDenied', message: 'Access Denied' };
    const run = await auditThroughProxy([a, b], r => (r.bucket === a.name ? denied : undefined));
    expect(run.exitCode).toBe(ExitCode.INCOMPLETE);
    const [readA, readB] = bucketsOf(run);
    expect(readA.error).toMatch(/AccessDenied \(HTTP 403\)/);
    expect(exact(readB)).toEqual(exact(b));
  });

  test('a bucket deleted in the middle of the scan: it is listed with NoSuchBucket, the other is exact, exit 3', async () => {
    const [a, b] = [await seededBucket('deleted-a'), await seededBucket('deleted-b')];
    let deleted = false;
    const deleteB: Fault = {
      kind: 'before',
      action: async () => {
        for (const uploadId of b.uploadIds) {
          const key = (await client.send(new ListMultipartUploadsCommand({ Bucket: b.name }))).Uploads!.find(u => u.UploadId === uploadId)!.Key;
          await client.send(new AbortMultipartUploadCommand({ Bucket: b.name, Key: key, UploadId: uploadId }));
        }
        await client.send(new DeleteBucketCommand({ Bucket: b.name }));
      },
    };
    // The first listing of b's uploads is where the scan of b is, when the bucket goes.
    const run = await auditThroughProxy([a, b], r => {
      if (deleted || r.bucket !== b.name || !r.query.has('uploads')) return undefined;
      deleted = true;
      return deleteB;
    });
    expect(deleted).toBe(true);
    expect(run.exitCode).toBe(ExitCode.INCOMPLETE);
    const [readA, readB] = bucketsOf(run);
    expect(exact(readA)).toEqual(exact(a));
    expect(readB.error).toMatch(/NoSuchBucket/);
  });

  test('an upload completed between the listing and its ListParts is no orphan: exact totals without it, exit 0', async () => {
    const a = await seededBucket('completed');
    const done = await seedUpload(client, a.name, 'k/done.bin', [500]);
    let completed = false;
    const run = await auditThroughProxy([a], r => {
      if (completed || r.query.get('uploadId') !== done.uploadId || r.method !== 'GET') return undefined;
      completed = true;
      return { kind: 'before', action: () => complete(a.name, done.key, done.uploadId) };
    });
    expect(completed).toBe(true);
    expect(run.exitCode).toBe(ExitCode.OK);
    expect(exact(bucketsOf(run)[0])).toEqual(exact(a));
    expect(JSON.parse(run.stdout).buckets[0].uploadList.map((u: { uploadId: string }) => u.uploadId).sort()).toEqual([...a.uploadIds].sort());
  });

  test('an upload completed between the report and its abort: counted as already gone, the object is intact, exit 0', async () => {
    const a = await seededBucket('abortrace');
    const done = await seedUpload(client, a.name, 'k/done.bin', [500]);
    let completed = false;
    const run = await auditThroughProxy([a], r => {
      if (completed || r.method !== 'DELETE' || r.query.get('uploadId') !== done.uploadId) return undefined;
      completed = true;
      return { kind: 'before', action: () => complete(a.name, done.key, done.uploadId) };
    }, ['--abort', '--yes']);
    expect(run.exitCode).toBe(ExitCode.OK);
    expect(run.stderr).toContain(`aborted ${UPLOADS} of ${UPLOADS + 1} orphaned upload(s), freed 14.6 KiB (15000 bytes); 1 were already gone`);
    expect((await client.send(new HeadObjectCommand({ Bucket: a.name, Key: done.key }))).ContentLength).toBe(500);
    expect((await client.send(new ListMultipartUploadsCommand({ Bucket: a.name }))).Uploads ?? []).toEqual([]);
  });

  test('a bucket in another region answers 301 with its region: the request is sent again there, exact totals, exit 0', async () => {
    const [a, b] = [await seededBucket('home'), await seededBucket('away')];
    const redirect: Fault = {
      kind: 'error',
      status: 301,
      code: 'PermanentRedirect',
      message: 'The bucket you are attempting to access must be addressed using the specified endpoint.',
      headers: { 'x-amz-bucket-region': 'eu-west-1' },
    };
    let redirected = 0;
    const run = await auditThroughProxy([a, b], r => {
      if (r.bucket !== b.name || r.signingRegion === 'eu-west-1' || r.query.has('location')) return undefined;
      redirected++;
      return redirect;
    });
    expect(redirected).toBeGreaterThan(0);
    expect(run.exitCode).toBe(ExitCode.OK);
    expect(bucketsOf(run).map(exact)).toEqual([exact(a), exact(b)].sort((x, y) => x.name.localeCompare(y.name)));
  });

  async function complete(bucket: string, key: string, uploadId: string): Promise<void> {
    const { Parts } = await client.send(new ListPartsCommand({ Bucket: bucket, Key: key, UploadId: uploadId }));
    await client.send(new CompleteMultipartUploadCommand({
      Bucket: bucket,
      Key: key,
      UploadId: uploadId,
      MultipartUpload: { Parts: Parts!.map(p => ({ PartNumber: p.PartNumber, ETag: p.ETag })) },
    }));
  }
});
