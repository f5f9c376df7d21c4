import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InterruptSignal } from '../../../src/cli/cli-io';
import { MakeUploadClient, runUploadCli } from '../../../src/cli/mpu-upload/run-upload';
import { AbortCheck } from '../../../src/upload/upload-file';
import { FakeUploadS3 } from '../../_helpers/fake-upload-s3';
import { memoryCliIo } from '../memory-cli-io';

const MIB = 1024 * 1024;

function fileOf(size: number, name = 'backup.tar'): string {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i += 1024) bytes[i] = (i / 1024) % 251;
  const path = join(mkdtempSync(join(tmpdir(), 'mpu-upload-cli-')), name);
  writeFileSync(path, bytes);
  return path;
}

/** The CLI on a fake S3: what the client factory was given, and the run's io. */
function cli(s3 = new FakeUploadS3(), abortUpload: (uploadId: string) => Promise<AbortCheck> = s3.abortUpload) {
  const made: Array<{ connection: Parameters<MakeUploadClient>[0]; bucket: string; key: string; options: Parameters<MakeUploadClient>[3] }> = [];
  const makeClient: MakeUploadClient = (connection, bucket, key, options) => {
    made.push({ connection, bucket, key, options });
    return { s3, abortUpload };
  };
  let interrupt: ((signal: InterruptSignal) => void) | undefined;
  const { io, out } = memoryCliIo({}, {
    onInterrupt: handler => {
      interrupt = handler;
      return () => { interrupt = undefined; };
    },
  });
  return {
    s3,
    made,
    io,
    out,
    run: (argv: string[]) => runUploadCli(argv, io, makeClient),
    interrupt: (signal: InterruptSignal) => interrupt?.(signal),
  };
}

describe('mpu-upload command line (on a fake S3)', () => {
  test.each([
    [[], 'mpu-upload: give FILE and s3://BUCKET/KEY, one file at a time (got 0 arguments); see mpu-upload --help\n'],
    [['a', 'b', 's3://bucket/key'], 'mpu-upload: give FILE and s3://BUCKET/KEY, one file at a time (got 3 arguments); see mpu-upload --help\n'],
    [['f', 'my-bucket/backups/f'], 'mpu-upload: the destination must be an S3 URL s3://BUCKET/KEY: write s3://my-bucket/backups/f (got "my-bucket/backups/f")\n'],
    [['f', 's3://My_Bucket/k'], 'mpu-upload: the bucket of s3://My_Bucket/k must be a bucket name: 3 to 63 lowercase letters, digits, dots and hyphens (got "My_Bucket")\n'],
    [['f', 's3://b1c/k', '--part-size', '4MiB'], 'mpu-upload: --part-size must be from 5MiB to 5GiB, the part sizes S3 accepts (got "4MiB")\n'],
    [['f', 's3://b1c/k', '--checksum-algorithm', 'CRC64NVME'],
      'mpu-upload: --checksum-algorithm CRC64NVME is not supported: Node.js computes CRC32, SHA1, SHA256 natively, so choose one of those\n'],
    [['f', 's3://b1c/k', '--checksum-algorithm', 'MD5'], 'mpu-upload: --checksum-algorithm must be one of CRC32, SHA1, SHA256 (got "MD5")\n'],
    [['f', 's3://b1c/k', '--sse-kms-key-id', 'alias/backups'], 'mpu-upload: --sse-kms-key-id names the KMS key of --sse aws:kms: give --sse ALGORITHM too, or drop --sse-kms-key-id\n'],
    [['f', 's3://b1c/k', '--sse', 'AES256', '--sse-kms-key-id', 'alias/backups'],
      'mpu-upload: --sse-kms-key-id names a KMS key, which --sse AES256 does not use: write --sse aws:kms, or drop --sse-kms-key-id\n'],
    [['f', 's3://b1c/k', '--accelerate', '--force-path-style'],
      'mpu-upload: --accelerate cannot be used with --force-path-style: the Transfer Acceleration endpoint takes virtual-hosted addressing only\n'],
    [['f', 's3://b1c/k', '--sse-c', 'AES256', '--sse-c-key', 'short-secret'],
      'mpu-upload: --sse-c-key must be a 256-bit key: 32 bytes, or their base64 (44 characters), like the output of openssl rand -base64 32 (got 12 bytes)\n'],
  ])('%j is a usage error: exit 2, one line, nothing sent', async (argv, message) => {
    const run = cli();
    expect(await run.run(argv)).toBe(2);
    expect(run.out.stderr).toBe(message);
    expect(run.out.stdout).toBe('');
    expect(run.made).toEqual([]);
  });

  test('option rules of the table: --sse with --sse-c, --accelerate with --endpoint-url', async () => {
    const both = cli();
    expect(await both.run(['f', 's3://b1c/k', '--sse', 'AES256', '--sse-c', 'AES256', '--sse-c-key', 'k'.repeat(32)])).toBe(2);
    expect(both.out.stderr).toBe('mpu-upload: --sse encrypts with keys S3 holds, --sse-c with a key you hold: drop one of them\n');
    const accelerated = cli();
    expect(await accelerated.run(['f', 's3://b1c/k', '--accelerate', '--endpoint-url', 'http://localhost:7480'])).toBe(2);
    expect(accelerated.out.stderr).toBe('mpu-upload: --accelerate sends to the Transfer Acceleration endpoint of AWS, --endpoint-url to another: drop one of them\n');
  });

  test('a missing file and a directory are usage errors naming the path; nothing is sent', async () => {
    const missing = cli();
    expect(await missing.run(['/nonexistent/backup.tar', 's3://b1c/k'])).toBe(2);
    expect(missing.out.stderr).toBe('mpu-upload: /nonexistent/backup.tar: no such file\n');
    const directory = cli();
    const dir = mkdtempSync(join(tmpdir(), 'mpu-upload-dir-'));
    expect(await directory.run([dir, 's3://b1c/k'])).toBe(2);
    expect(directory.out.stderr).toBe(`mpu-upload: ${dir} is a directory, not a regular file: give one file to upload\n`);
    expect([...missing.s3.calls, ...directory.s3.calls]).toEqual([]);
  });

  test('a file of three parts: the last line gives bytes, parts sent and reused; a key ending in / takes the file\'s name', async () => {
    const file = fileOf(12 * MIB);
    const run = cli();
    expect(await run.run([file, 's3://b1c/backups/', '--part-size', '5MiB', '--concurrency', '2', '--region', 'eu-west-1', '--sse', 'aws:kms',
      '--sse-kms-key-id', 'alias/backups'])).toBe(0);
    expect(run.made).toEqual([{
      connection: expect.objectContaining({ region: 'eu-west-1', maxAttempts: 10, readTimeoutMs: 60_000 }),
      bucket: 'b1c',
      key: 'backups/backup.tar',
      options: { encryption: { kind: 'sse', algorithm: 'aws:kms', kmsKeyId: 'alias/backups' } },
    }]);
    expect(run.out.stdout).toMatch(new RegExp(`^upload: ${file} to s3://b1c/backups/backup.tar: 12.0 MiB \\(12582912 bytes\\), 3 parts sent, 0 reused, `
      + '12.0 MiB \\(12582912 bytes\\) sent( at [\\d.]+ [KMG]?i?B/s)?\n$'));
    expect(run.out.stderr).toBe('');
    expect(run.s3.uploads.size).toBe(0);
    expect(run.s3.calls).toContain('createUpload upload-1 CRC32');

    const again = cli(run.s3);
    expect(await again.run([file, 's3://b1c/backups/', '--part-size', '5MiB'])).toBe(0);
    expect(again.out.stdout).toBe(`unchanged: s3://b1c/backups/backup.tar already holds ${file} (12.0 MiB (12582912 bytes)): nothing sent\n`);
  });

  test.each([['SIGINT', 130], ['SIGTERM', 143]] as const)('%s keeps the upload to resume, prints the commands that resume and abort it, exit %d', async (signal, code) => {
    const file = fileOf(15 * MIB);
    const run = cli();
    run.s3.beforePart = partNumber => { if (partNumber === 2) run.interrupt(signal); };
    const argv = [file, 's3://b1c/k', '--part-size', '5MiB', '--concurrency', '1', '--endpoint-url', 'http://localhost:7480'];
    expect(await run.run(argv)).toBe(code);
    expect(run.out.stderr).toBe(`\nmpu-upload: ${signal}: stopping the parts in flight (interrupt again to quit at once)\n`
      + `mpu-upload: ${signal}: 1 of 3 parts are on S3, kept under upload upload-1.\n`
      + `  To resume, run the same command again: mpu-upload ${argv.join(' ')}\n`
      + '  To abort it instead: aws s3api abort-multipart-upload --bucket b1c --key k --upload-id upload-1 --endpoint-url http://localhost:7480\n');
    expect(run.out.stdout).toBe('');
    expect([...run.s3.uploads.keys()]).toEqual(['upload-1']);

    const resumed = cli(run.s3);
    expect(await resumed.run(argv)).toBe(0);
    expect(resumed.out.stdout).toContain(': 15.0 MiB (15728640 bytes), 2 parts sent, 1 reused, 10.0 MiB (10485760 bytes) sent');
    expect(run.s3.uploads.size).toBe(0);
  });

  test('--checksum-algorithm (any case) is the checksum the parts carry', async () => {
    const run = cli();
    expect(await run.run([fileOf(6 * MIB), 's3://b1c/k', '--part-size', '5MiB', '--checksum-algorithm', 'sha256'])).toBe(0);
    expect(run.s3.calls).toContain('createUpload upload-1 SHA256');
    expect(run.s3.object!.checksums).toEqual({ SHA256: expect.stringMatching(/^[A-Za-z0-9+/]{43}=-2$/) });
  });

  test('--abort-on-interrupt aborts the upload on SIGINT: nothing is left', async () => {
    const run = cli();
    run.s3.beforePart = partNumber => { if (partNumber === 2) run.interrupt('SIGINT'); };
    expect(await run.run([fileOf(15 * MIB), 's3://b1c/k', '--part-size', '5MiB', '--concurrency', '1', '--abort-on-interrupt'])).toBe(130);
    expect(run.out.stderr).toContain('mpu-upload: SIGINT: the upload was aborted (--abort-on-interrupt): aborted; nothing is left on S3\n');
    expect(run.s3.uploads.size).toBe(0);
  });

  test('a part that fails after the retries: the upload is aborted, one line names the cause, exit 1', async () => {
    const run = cli();
    run.s3.beforePart = () => { throw Object.assign(new Error('Access Denied'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } }); };
    const file = fileOf(15 * MIB);
    expect(await run.run([file, 's3://b1c/k', '--part-size', '5MiB'])).toBe(1);
    expect(run.out.stderr).toBe(`mpu-upload: upload of ${file} to s3://b1c/k failed: a part could not be sent: AccessDenied (HTTP 403): Access Denied; `
      + 'the upload was aborted, nothing is left on S3\n');
    expect(run.s3.uploads.size).toBe(0);
  });

  test('a failed upload whose abort fails too: the line gives the abort command, exit 3', async () => {
    const s3 = new FakeUploadS3();
    const run = cli(s3, async () => ({ gone: false, detail: '2 parts (10485760 bytes) still there after 3 aborts' }));
    s3.beforePart = partNumber => { if (partNumber === 3) throw Object.assign(new Error('Please reduce your request rate.'), { name: 'SlowDown' }); };
    const file = fileOf(15 * MIB);
    expect(await run.run([file, 's3://b1c/k', '--part-size', '5MiB', '--concurrency', '1', '--profile', 'prod'])).toBe(3);
    expect(run.out.stderr).toBe(`mpu-upload: upload of ${file} to s3://b1c/k failed: a part could not be sent: SlowDown: Please reduce your request rate.; `
      + 'the upload could not be aborted (2 parts (10485760 bytes) still there after 3 aborts): '
      + 'abort it with: aws s3api abort-multipart-upload --bucket b1c --key k --upload-id upload-1 --profile prod\n');
  });

  test('an error before any upload is started (HeadObject denied) is one line, exit 1, nothing on S3', async () => {
    const s3 = new FakeUploadS3();
    s3.headObject = async () => { throw Object.assign(new Error('Forbidden'), { name: '403', $metadata: { httpStatusCode: 403 } }); };
    const run = cli(s3);
    const file = fileOf(MIB);
    expect(await run.run([file, 's3://b1c/k'])).toBe(1);
    expect(run.out.stderr).toBe(`mpu-upload: cannot upload ${file} to s3://b1c/k: 403 (HTTP 403): Forbidden\n`);
  });

  test('on a terminal, a progress bar on stderr ends with its own line; --no-progress draws none', async () => {
    const file = fileOf(15 * MIB);
    const drawn = cli();
    const terminal = memoryCliIo({}, { stderrIsTerminal: true });
    expect(await runUploadCli([file, 's3://b1c/k', '--part-size', '5MiB'], terminal.io, () => ({ s3: drawn.s3, abortUpload: drawn.s3.abortUpload }))).toBe(0);
    // Drawn at the start and at the end, and on a slow machine at times between: each draw replaces the last.
    const draw = (bar: string, done: string) => String.raw`\r\[${bar}\] +${done} of 15\.0 MiB, \d\/3 parts(, [\d.]+ [KMG]?i?B\/s)? *`;
    const bars = new RegExp(`^${draw('-{20}', '0% 0 B')}(${draw('[#-]{20}', '\\d+% [\\d.]+ [KMG]?i?B')})*${draw('#{20}', '100% 15\\.0 MiB')}\n$`);
    expect(terminal.out.stderr).toMatch(bars);
    const quiet = memoryCliIo({}, { stderrIsTerminal: true });
    const s3 = new FakeUploadS3();
    expect(await runUploadCli([file, 's3://b1c/k', '--part-size', '5MiB', '--no-progress'], quiet.io, () => ({ s3, abortUpload: s3.abortUpload }))).toBe(0);
    expect(quiet.out.stderr).toBe('');
  });
});
