import { ListMultipartUploadsCommand, S3Client } from '@aws-sdk/client-s3';
import { startS3Proxy } from '../../../scripts/lib/s3-proxy';
import { runMpuAudit, spawnMpuAudit } from '../../_helpers/run-mpu-audit';
import { clientOf, localS3Server, newBucket } from '../../_helpers/s3-test-server';
import { seedUpload } from '../../_helpers/seed';

const server = localS3Server();
const describeS3 = server ? describe : describe.skip;
const ORPHANS = 40;

describeS3('interrupting mpu-audit --abort --yes (SIGINT) against the real S3 server', () => {
  let client: S3Client;

  beforeAll(() => {
    client = clientOf(server!);
  });

  const uploadsLeft = async (bucket: string) => ((await client.send(new ListMultipartUploadsCommand({ Bucket: bucket }))).Uploads ?? []).length;

  test('says how many were aborted and how many not, matches the server, and the same command run again finishes the job', async () => {
    // GIVEN: 40 orphans, and a proxy that makes each abort take 150 ms
    const bucket = await newBucket(client, 'sigint');
    for (let i = 0; i < ORPHANS; i += 10) {
      await Promise.all(Array.from({ length: 10 }, (_, j) => seedUpload(client, bucket, `k/${i + j}`, [100])));
    }
    let abortsSeen = 0;
    let interrupt = () => undefined as unknown;
    const proxy = await startS3Proxy({
      target: server!.endpointUrl,
      faultFor: request => {
        if (request.method !== 'DELETE') return undefined;
        if (++abortsSeen === 6) interrupt();
        return { kind: 'before', action: () => new Promise(resolve => setTimeout(resolve, 150)) };
      },
    });
    const args = ['--bucket', bucket, '--older-than', '0s', '--abort', '--yes', '--concurrency', '2'];

    // WHEN: SIGINT once the sixth abort reaches the server
    // (closed whatever happens: an open proxy would keep jest from exiting)
    const first = await spawnMpuAudit([...args, '--endpoint-url', proxy.url], server!.env, child => {
      interrupt = () => child.kill('SIGINT');
    }).finally(() => proxy.close());

    // THEN: an account on stderr that matches what the server holds
    expect(first.exitCode).toBe(3);
    expect(first.stderr).toMatch(/interrupted: finishing the aborts in flight, starting no more/);
    const account = /aborted (\d+) of 40 orphaned upload\(s\), freed [^;]+; 0 were already gone [^;]+; 0 failed; (\d+) not started/.exec(first.stderr);
    expect(account).not.toBeNull();
    const [aborted, notStarted] = [Number(account![1]), Number(account![2])];
    expect(aborted).toBeGreaterThanOrEqual(6);
    expect(aborted + notStarted).toBe(ORPHANS);
    expect(notStarted).toBeGreaterThan(0);
    expect(first.stderr).toMatch(/run the same command again to abort the rest/);
    expect(await uploadsLeft(bucket)).toBe(notStarted);

    // WHEN: the same command again
    const second = runMpuAudit([...args, '--endpoint-url', server!.endpointUrl], server!.env);

    // THEN
    expect(second.stderr).toMatch(new RegExp(`aborted ${notStarted} of ${notStarted} orphaned upload\\(s\\)[^\\n]*; 0 failed; 0 not started`));
    expect(second.exitCode).toBe(0);
    expect(await uploadsLeft(bucket)).toBe(0);
  });
});
