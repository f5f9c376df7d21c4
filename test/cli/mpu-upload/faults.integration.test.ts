import { ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, HeadObjectCommand, ListMultipartUploadsCommand, ListPartsCommand, S3Client } from '@aws-sdk/client-s3';
import { Fault, ProxiedRequest, S3Proxy, signalThenDrop, SLOW_DOWN, startS3Proxy } from '../../../scripts/lib/s3-proxy';
import { checksumOf } from '../../_helpers/fake-upload-s3';
import { clientOf, localS3Server, newBucket } from '../../_helpers/s3-test-server';
import { spawnBuiltBin } from '../run-built-bin';

const server = localS3Server();
const describeS3 = server ? describe : describe.skip;

const MIB = 1024 * 1024;
const PART = 5 * MIB;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function fileOf(size: number): { path: string; bytes: Buffer } {
  const bytes = randomBytes(size);
  const path = join(mkdtempSync(join(tmpdir(), 'mpu-upload-faults-')), 'file.bin');
  writeFileSync(path, bytes);
  return { path, bytes };
}

const isUploadPart = (r: ProxiedRequest) => r.method === 'PUT' && r.query.has('partNumber');

describeS3('mpu-upload (the built bin) through a fault-injecting proxy in front of the real S3 server', () => {
  let client: S3Client;
  let bucket: string;
  let proxy: S3Proxy | undefined;
  /** Each UploadPart the proxy saw, by part number, in order. */
  let partRequests: number[];
  /** The checksum headers of the last UploadPart or PutObject of each part (PutObject as part 1), and of CreateMultipartUpload as part 0. */
  let checksumHeaders: Map<number, Record<string, string>>;
  /** The headers of the last ListParts. */
  let listPartsHeaders: ProxiedRequest['headers'] | undefined;

  beforeAll(async () => {
    client = clientOf(server!);
    bucket = await newBucket(client, 'upload-faults');
  });
  afterEach(async () => {
    await proxy?.close();
    proxy = undefined;
  });

  /** The proxy's faults, until the next call: a test's second run goes through the same proxy, so the printed commands hold. */
  async function throughProxy(faultFor: (request: ProxiedRequest) => Fault | undefined = () => undefined, slowDownShare = 0): Promise<S3Proxy> {
    partRequests = [];
    checksumHeaders = new Map();
    faults = faultFor;
    proxy ??= await startS3Proxy({
      target: server!.endpointUrl,
      slowDownShare,
      seed: 19,
      faultFor: r => {
        if (isUploadPart(r)) partRequests.push(Number(r.query.get('partNumber')));
        if (r.method === 'GET' && r.query.has('uploadId')) listPartsHeaders = r.headers;
        const part = isUploadPart(r) ? Number(r.query.get('partNumber')) : r.method === 'PUT' && r.key !== '' ? 1 : r.method === 'POST' && r.query.has('uploads') ? 0 : undefined;
        if (part !== undefined) {
          checksumHeaders.set(part, Object.fromEntries(Object.entries(r.headers).filter(([name]) => /^(x-amz-checksum-|x-amz-sdk-checksum|content-md5)/.test(name))) as Record<string, string>);
        }
        return faults(r);
      },
    });
    return proxy;
  }
  let faults: (request: ProxiedRequest) => Fault | undefined;

  /** mpu-upload FILE s3://bucket/KEY through the proxy, 5 MiB parts unless `more` says, reads cut after 1 s of silence. */
  function upload(path: string, key: string, more: string[] = [], started?: (child: ChildProcess) => void) {
    const partSize = more.includes('--part-size') ? [] : ['--part-size', '5MiB'];
    return spawnBuiltBin('mpu-upload', [path, `s3://${bucket}/${key}`, '--endpoint-url', proxy!.url, ...partSize, '--read-timeout', '1', ...more],
      server!.env, started);
  }
  const stored = async (key: string, more: Record<string, string> = {}) => {
    const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key, ...more }));
    return sha256(await object.Body!.transformToByteArray());
  };
  const incomplete = async (key: string) =>
    ((await client.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: key }))).Uploads ?? []).filter(u => u.Key === key);
  const partsOf = async (key: string, uploadId: string) =>
    ((await client.send(new ListPartsCommand({ Bucket: bucket, Key: key, UploadId: uploadId }))).Parts ?? []).map(p => p.PartNumber);

  test('SlowDown on 1 request in 4: retried, the object byte for byte, no upload left, exit 0', async () => {
    const { path, bytes } = fileOf(6 * PART + 17);
    await throughProxy(undefined, 0.25);
    const run = await upload(path, 'slow.bin');
    expect(run).toMatchObject({ exitCode: 0, stderr: '' });
    expect(run.stdout).toMatch(/: 30\.0 MiB \(31457297 bytes\), 7 parts sent, 0 reused, /);
    expect(proxy!.stats.slowDowns).toBeGreaterThan(0);
    expect(await stored('slow.bin')).toBe(sha256(bytes));
    expect(await incomplete('slow.bin')).toEqual([]);
  });

  test('a connection reset in the middle of a part, and a part whose answer stalls: both retried, byte for byte, exit 0', async () => {
    const { path, bytes } = fileOf(4 * PART);
    const faulted = new Set<string>();
    const once = (name: string, fault: Fault) => (faulted.has(name) ? undefined : (faulted.add(name), fault));
    await throughProxy(r => {
      if (!isUploadPart(r)) return undefined;
      if (r.query.get('partNumber') === '2') return once('reset', { kind: 'reset-after-bytes', afterBytes: 2 * MIB });
      if (r.query.get('partNumber') === '3') return once('stall', { kind: 'stall' });
      return undefined;
    });
    const run = await upload(path, 'reset.bin');
    expect(run).toMatchObject({ exitCode: 0, stderr: '' });
    expect(faulted).toEqual(new Set(['reset', 'stall']));
    // Parts 2 and 3 were each sent twice: the faulted attempt, then the retry.
    expect(partRequests.filter(n => n === 2 || n === 3).sort()).toEqual([2, 2, 3, 3]);
    expect(await stored('reset.bin')).toBe(sha256(bytes));
    expect(await incomplete('reset.bin')).toEqual([]);
  });

  test('SIGKILL after some parts, then the same command: only the missing parts are sent, byte for byte', async () => {
    const { path, bytes } = fileOf(8 * PART);
    let child: ChildProcess | undefined;
    // The request of part 4 arrives after parts 1 to 3 have landed (one part at a time): the process dies there.
    await throughProxy(r => (isUploadPart(r) && r.query.get('partNumber') === '4'
      ? signalThenDrop(() => child!, 'SIGKILL')
      : undefined));
    const killed = await upload(path, 'killed.bin', ['--concurrency', '1'], started => { child = started; });
    expect(killed.signal).toBe('SIGKILL');
    const [left] = await incomplete('killed.bin');
    const landed = await partsOf('killed.bin', left.UploadId!);
    expect(landed.slice(0, 3)).toEqual([1, 2, 3]);

    await throughProxy();
    const rerun = await upload(path, 'killed.bin');
    expect(rerun).toMatchObject({ exitCode: 0, stderr: '' });
    const missing = [1, 2, 3, 4, 5, 6, 7, 8].filter(n => !landed.includes(n));
    expect(partRequests.sort()).toEqual(missing);
    expect(rerun.stdout).toContain(`, ${missing.length} parts sent, ${landed.length} reused, `);
    expect(await stored('killed.bin')).toBe(sha256(bytes));
    expect(await incomplete('killed.bin')).toEqual([]);
  });

  test('SIGINT: exit 130, the upload kept with the commands that resume and abort it; the resume command finishes it', async () => {
    const { path, bytes } = fileOf(6 * PART);
    let child: ChildProcess | undefined;
    await throughProxy(r => (isUploadPart(r) && r.query.get('partNumber') === '3'
      ? signalThenDrop(() => child!, 'SIGINT')
      : undefined));
    const interrupted = await upload(path, 'interrupted.bin', ['--concurrency', '1'], started => { child = started; });
    expect(interrupted.exitCode).toBe(130);
    const [kept] = await incomplete('interrupted.bin');
    expect(interrupted.stderr).toContain(`mpu-upload: SIGINT: 2 of 6 parts are on S3, kept under upload ${kept.UploadId}.\n`);
    const resume = /To resume, run the same command again: mpu-upload (.*)\n/.exec(interrupted.stderr)![1];
    expect(interrupted.stderr).toContain(`To abort it instead: aws s3api abort-multipart-upload --bucket ${bucket} --key interrupted.bin --upload-id '${kept.UploadId}'`);

    await throughProxy();
    // The printed command, word for word (the upload ID is the only quoted word, and it is not in this command).
    const resumed = await spawnBuiltBin('mpu-upload', resume.split(' '), server!.env);
    expect(resumed).toMatchObject({ exitCode: 0, stderr: '' });
    expect(resumed.stdout).toContain(', 4 parts sent, 2 reused, ');
    expect(partRequests.sort()).toEqual([3, 4, 5, 6]);
    expect(await stored('interrupted.bin')).toBe(sha256(bytes));
    expect(await incomplete('interrupted.bin')).toEqual([]);
  });

  test('SIGTERM, on a symbolic link and through an --endpoint-url with a user and password: exit 143, the upload kept, '
    + 'the commands printed with ***@ for them; with them written back, the resume command finishes it', async () => {
    const secret = 'hunter2-SECRET-7f3a9c';
    const { path, bytes } = fileOf(6 * PART);
    // A link is followed, as aws s3 cp follows it: only what it leads to must be a regular file.
    const link = `${path}.link`;
    symlinkSync(path, link);
    let child: ChildProcess | undefined;
    await throughProxy(r => (isUploadPart(r) && r.query.get('partNumber') === '3'
      ? signalThenDrop(() => child!, 'SIGTERM')
      : undefined));
    const endpoint = proxy!.url.replace('http://', `http://uploader:${secret}@`);
    const args = [link, `s3://${bucket}/terminated.bin`, '--endpoint-url', endpoint, '--part-size', '5MiB', '--read-timeout', '1', '--concurrency', '1'];
    const terminated = await spawnBuiltBin('mpu-upload', args, server!.env, started => { child = started; });
    expect(terminated.exitCode).toBe(143);
    expect(terminated.stderr).not.toContain(secret);
    const [kept] = await incomplete('terminated.bin');
    const redacted = `'${proxy!.url.replace('http://', 'http://***@')}'`;
    expect(terminated.stderr).toContain(`mpu-upload: SIGTERM: 2 of 6 parts are on S3, kept under upload ${kept.UploadId}.\n`);
    expect(terminated.stderr).toContain(`To abort it instead: aws s3api abort-multipart-upload --bucket ${bucket} --key terminated.bin --upload-id '${kept.UploadId}' `
      + `--endpoint-url ${redacted}\n`);
    expect(terminated.stderr).toContain('  ***@ stands for the user and password of the URL, which are not printed: write them back to run the command\n');
    const resume = /To resume, run the same command again: mpu-upload (.*)\n/.exec(terminated.stderr)![1];
    expect(resume).toBe(args.map(arg => (arg === endpoint ? redacted : arg)).join(' '));

    await throughProxy();
    const resumed = await spawnBuiltBin('mpu-upload', resume.replace(redacted, endpoint).split(' '), server!.env);
    expect(resumed).toMatchObject({ exitCode: 0, stderr: '' });
    expect(resumed.stdout).toContain(', 4 parts sent, 2 reused, ');
    expect(await stored('terminated.bin')).toBe(sha256(bytes));
    expect(await incomplete('terminated.bin')).toEqual([]);
  });

  test('the file changed between two runs: nothing of the first is stitched in; its upload is aborted once the new one completes', async () => {
    const first = fileOf(4 * PART);
    let child: ChildProcess | undefined;
    await throughProxy(r => (isUploadPart(r) && r.query.get('partNumber') === '3'
      ? signalThenDrop(() => child!, 'SIGKILL')
      : undefined));
    await upload(first.path, 'changed.bin', ['--concurrency', '1'], started => { child = started; });
    const [stale] = await incomplete('changed.bin');
    const changed = randomBytes(4 * PART);
    writeFileSync(first.path, changed);

    await throughProxy();
    const rerun = await upload(first.path, 'changed.bin');
    expect(rerun.exitCode).toBe(0);
    expect(rerun.stderr).toBe(`mpu-upload: aborted an earlier upload of the key (${stale.UploadId}), not reused: `
      + 'its part 1 differs from bytes 0 to 5242879 of the file (the file changed?)\n');
    expect(rerun.stdout).toContain(', 4 parts sent, 0 reused, ');
    expect(await stored('changed.bin')).toBe(sha256(changed));
    expect(await incomplete('changed.bin')).toEqual([]);
  });

  const SSE_C_KEY = 'k'.repeat(32);
  test.each([
    ['SSE-C', ['--sse-c', 'AES256', '--sse-c-key', SSE_C_KEY], { SSECustomerAlgorithm: 'AES256' }],
    // The test server's KMS holds this one key (scripts/s3-server.sh).
    ['SSE-KMS', ['--sse', 'aws:kms', '--sse-kms-key-id', 'mpu-guard-test-key'], { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'mpu-guard-test-key' }],
  ])('%s: SIGKILL after 2 parts, the same command reuses them; the object is encrypted, byte for byte', async (name, flags, encryption) => {
    const { path, bytes } = fileOf(4 * PART);
    const key = `encrypted-${name}.bin`;
    let child: ChildProcess | undefined;
    await throughProxy(r => (isUploadPart(r) && r.query.get('partNumber') === '3' ? signalThenDrop(() => child!, 'SIGKILL') : undefined));
    await upload(path, key, ['--concurrency', '1', ...flags], started => { child = started; });
    await throughProxy();
    const rerun = await upload(path, key, flags);
    expect(rerun).toMatchObject({ exitCode: 0, stderr: '' });
    expect(rerun.stdout).toContain(', 2 parts sent, 2 reused, ');
    expect(partRequests.sort()).toEqual([3, 4]);
    const withKey: Record<string, string> = name === 'SSE-C' ? { SSECustomerAlgorithm: 'AES256', SSECustomerKey: Buffer.from(SSE_C_KEY).toString('base64') } : {};
    expect(await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key, ...withKey }))).toMatchObject(encryption);
    expect(await stored(key, withKey)).toBe(sha256(bytes));
    if (name === 'SSE-C') {
      await expect(stored(key)).rejects.toThrow();
      // S3 lists an SSE-C upload's part checksums only to a ListParts with the key.
      expect(listPartsHeaders?.['x-amz-server-side-encryption-customer-algorithm']).toBe('AES256');
    }
    expect(await incomplete(key)).toEqual([]);
  });

  test.each([
    ['AccessDenied on a part', { kind: 'error', status: 403, code: 'AccessDenied', message: 'Access Denied' } as Fault, [],
      /AccessDenied on UploadPart: the uploader needs s3:PutObject \(see grantResumableUpload\)/],
    ['SlowDown on every attempt of a part, past --max-attempts 3', SLOW_DOWN, ['--max-attempts', '3'], /SlowDown \(HTTP 503\): Please reduce your request rate\./],
  ])('an unrecoverable error (%s): exit 1, one line naming it, zero incomplete uploads left', async (_, fault, more, cause) => {
    const { path } = fileOf(4 * PART);
    const key = `failed-${(fault as { code: string }).code}.bin`;
    await throughProxy(r => (isUploadPart(r) && r.query.get('partNumber') === '2' ? fault : undefined));
    const run = await upload(path, key, more as string[]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^mpu-upload: upload of ${path} to s3://${bucket}/${key} failed: a part could not be sent: ${cause.source}; `
      + 'the upload was aborted, nothing is left on S3\n$'));
    expect(run.stdout).toBe('');
    expect(await incomplete(key)).toEqual([]);
  });

  test.each([
    ['a 0-byte file: one PutObject', 0, [], /: 0 bytes, one PUT, 0 bytes sent/],
    ['a file under 5 MiB: one PutObject', 3 * MIB + 5, [], /: 3\.0 MiB \(3145733 bytes\), one PUT, /],
    ['a file of 2.5 parts of --part-size 8MiB: the last part smaller', 20 * MIB + 3, ['--part-size', '8MiB'], /: 20\.0 MiB \(20971523 bytes\), 3 parts sent, 0 reused, /],
  ])('%s, byte for byte', async (_, size, more, line) => {
    const { path, bytes } = fileOf(size);
    const key = `size-${size}.bin`;
    await throughProxy();
    const run = await upload(path, key, more as string[]);
    expect(run).toMatchObject({ exitCode: 0, stderr: '' });
    expect(run.stdout).toMatch(line);
    expect(await stored(key)).toBe(sha256(bytes));
    expect(await incomplete(key)).toEqual([]);
    // Each part carried the CRC32 of its bytes, computed here without the project's code; the upload was created for CRC32.
    const partSize = more.length > 0 ? 8 * MIB : Math.max(size, 1);
    const parts = Math.max(1, Math.ceil(size / partSize));
    for (let part = 1; part <= parts; part++) {
      expect(checksumHeaders.get(part)).toEqual({ 'x-amz-checksum-crc32': checksumOf('CRC32', bytes.subarray((part - 1) * partSize, part * partSize)) });
    }
    if (parts > 1) expect(checksumHeaders.get(0)).toEqual({ 'x-amz-checksum-algorithm': 'CRC32' });
  });
});
