/**
 * mpu-upload against the SDK's and the AWS CLI's multipart uploads (not a test):
 *
 *   npx ts-node --project tsconfig.dev.json --prefer-ts-exts scripts/bench/bench-upload.ts
 *     [--size-mib 1024] [--part-mib 25] [--concurrency 10] [--delay-ms 20] [--rounds 3]
 *
 * Uploads the same random file through a latency proxy (scripts/lib/s3-proxy.ts) in front of the
 * local S3 server, in one run, interleaved round by round: the built mpu-upload, @aws-sdk/lib-storage's
 * Upload and `aws s3 cp` (skipped when `aws` is not on PATH), all with the same part size and
 * parts in flight. Then, for each, a crash: SIGKILL once half the file's bytes have landed, and the
 * same command again; it counts the bytes of parts that had landed and were sent again, and the
 * incomplete uploads (and their bytes) left behind. Every object is checked by SHA-256, then deleted.
 * The local server keeps everything in memory, deleted objects too until its garbage collector
 * runs (hours later): the script restarts it (its data is lost) before each round and before the
 * crashes, with S3_SERVER_MEMORY_MIB (see scripts/s3-server.sh) of 8192 unless set.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, mkdtempSync, openSync, closeSync, writeSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AbortMultipartUploadCommand, CreateBucketCommand, DeleteObjectCommand, GetObjectCommand, ListMultipartUploadsCommand, ListPartsCommand, S3Client,
} from '@aws-sdk/client-s3';
import { median } from './median';
import { startedLocalS3Server } from '../lib/local-s3-server';
import { ProxiedRequest, startS3Proxy } from '../lib/s3-proxy';

/* eslint-disable no-console */

const REPO = join(__dirname, '..', '..');
const MIB = 1024 * 1024;

function argument(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a number > 0 (got ${process.argv[at + 1]})`);
  return value;
}

const settings = {
  sizeMib: argument('size-mib', 1024),
  partMib: argument('part-mib', 25),
  concurrency: argument('concurrency', 10),
  delayMs: argument('delay-ms', 20),
  rounds: argument('rounds', 3),
};

interface Tool {
  readonly name: string;
  /** The command that uploads `file` to `key` through `endpoint`. */
  readonly command: (file: string, key: string, endpoint: string) => { command: string; args: string[] };
}

function hasAwsCli(): boolean {
  try {
    execFileSync('aws', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Bodies of the UploadPart requests the proxy saw, per upload ID and part, with what guarded their bytes. */
class PartLedger {
  public readonly parts: Array<{ uploadId: string; partNumber: number; bytes: number; integrity: string }> = [];

  public record(request: ProxiedRequest): void {
    if (request.method !== 'PUT' || !request.query.has('partNumber')) return;
    this.parts.push({
      uploadId: request.query.get('uploadId') ?? '', partNumber: Number(request.query.get('partNumber')), bytes: request.contentLength, integrity: integrityOf(request),
    });
  }

  public bytesSince(mark: number): number {
    return this.parts.slice(mark).reduce((n, p) => n + p.bytes, 0);
  }

  /** The integrity headers of the parts since `mark`, each different set once. */
  public integritySince(mark: number): string {
    return [...new Set(this.parts.slice(mark).map(p => p.integrity))].join('; ');
  }
}

/** The headers by which the server can check a part's bytes: a checksum, a Content-MD5, the SHA-256 of a signed payload. */
function integrityOf(request: ProxiedRequest): string {
  const names = Object.keys(request.headers).filter(name => /^x-amz-checksum-(?!algorithm)|^content-md5$/.test(name));
  const payload = request.headers['x-amz-content-sha256'];
  if (typeof payload === 'string' && /^[0-9a-f]{64}$/.test(payload)) names.push('signed payload SHA-256');
  return names.sort().join(' + ') || 'none';
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, started?: (child: ChildProcess) => void) {
  return new Promise<{ status: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    started?.(child);
    let stderr = '';
    child.stderr!.on('data', chunk => { stderr += chunk; });
    child.on('error', reject);
    child.on('close', (status, signal) => resolve({ status, signal, stderr }));
  });
}

async function sha256OfObject(client: S3Client, bucket: string, key: string): Promise<string> {
  const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const hash = createHash('sha256');
  for await (const chunk of object.Body as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}

async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The key's incomplete uploads and the bytes their parts hold. */
interface LeftOver {
  readonly uploads: number;
  readonly bytes: number;
  /** Part number to size, per upload ID. */
  readonly parts: Map<string, Map<number, number>>;
}

async function leftOver(client: S3Client, bucket: string, key: string): Promise<LeftOver> {
  const listed = (await client.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: key }))).Uploads ?? [];
  const parts = new Map<string, Map<number, number>>();
  let bytes = 0;
  for (const upload of listed.filter(u => u.Key === key)) {
    const found = new Map<number, number>();
    let marker: string | undefined;
    do {
      const page = await client.send(new ListPartsCommand({ Bucket: bucket, Key: key, UploadId: upload.UploadId, PartNumberMarker: marker }));
      for (const part of page.Parts ?? []) found.set(part.PartNumber!, part.Size!);
      marker = page.IsTruncated ? page.NextPartNumberMarker : undefined;
    } while (marker);
    parts.set(upload.UploadId!, found);
    bytes += [...found.values()].reduce((n, b) => n + b, 0);
  }
  return { uploads: parts.size, bytes, parts };
}

function writeRandomFile(path: string, bytes: number): void {
  const fd = openSync(path, 'w');
  try {
    for (let written = 0; written < bytes; written += 16 * MIB) writeSync(fd, randomBytes(Math.min(16 * MIB, bytes - written)));
  } finally {
    closeSync(fd);
  }
}

/** A fresh, empty server with room for a round, and the bucket on it. */
async function freshServer(client: S3Client, bucket: string): Promise<void> {
  const env = { ...process.env, S3_SERVER_MEMORY_MIB: process.env.S3_SERVER_MEMORY_MIB ?? '8192' };
  execFileSync('bash', [join(REPO, 'scripts', 's3-server.sh'), 'stop'], { stdio: 'ignore', env });
  execFileSync('bash', [join(REPO, 'scripts', 's3-server.sh'), 'start'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
}

async function main(): Promise<void> {
  const { env, client } = startedLocalS3Server();
  const bucket = 'bench-upload';
  const dir = mkdtempSync(join(tmpdir(), 'bench-upload-'));
  const file = join(dir, 'file.bin');
  const size = settings.sizeMib * MIB;
  writeRandomFile(file, size);
  const fileSha = await sha256OfFile(file);
  const partBytes = settings.partMib * MIB;
  const parts = Math.ceil(size / partBytes);

  const ledger = new PartLedger();
  // A new proxy with each fresh server: its kept-alive connections to the old one are gone.
  const startProxy = () => startS3Proxy({
    target: env.S3_ENDPOINT_URL,
    delayMs: settings.delayMs,
    faultFor: request => {
      ledger.record(request);
      return undefined;
    },
  });
  let proxy = await startProxy();
  const restart = async () => {
    await proxy.close();
    await freshServer(client, bucket);
    proxy = await startProxy();
  };

  // The AWS CLI reads its part size and concurrency from its config file; 25MB there is 25 MiB.
  const awsConfig = join(dir, 'aws-config');
  writeFileSync(awsConfig, ['[default]', 's3 =',
    `  multipart_chunksize = ${settings.partMib}MB`, `  multipart_threshold = ${settings.partMib}MB`, `  max_concurrent_requests = ${settings.concurrency}`, ''].join('\n'));
  const childEnv = { ...process.env, ...env, AWS_CONFIG_FILE: awsConfig, AWS_SHARED_CREDENTIALS_FILE: '/dev/null', NODE_NO_WARNINGS: '1' };

  const tools: Tool[] = [
    {
      name: 'mpu-upload',
      command: (path, key, endpoint) => ({
        command: process.execPath,
        args: [join(REPO, 'bin', 'mpu-upload'), path, `s3://${bucket}/${key}`, '--endpoint-url', endpoint, '--part-size', `${settings.partMib}MiB`,
          '--concurrency', String(settings.concurrency), '--no-progress'],
      }),
    },
    {
      name: 'lib-storage Upload',
      command: (path, key, endpoint) => ({
        command: process.execPath,
        args: [join(__dirname, 'bench-upload', 'lib-storage-upload.js'), path, bucket, key, endpoint, String(partBytes), String(settings.concurrency)],
      }),
    },
    ...(hasAwsCli() ? [{
      name: 'aws s3 cp',
      command: (path: string, key: string, endpoint: string) => ({ command: 'aws', args: ['s3', 'cp', '--only-show-errors', '--endpoint-url', endpoint, path, `s3://${bucket}/${key}`] }),
    }] : []),
  ];
  if (tools.length < 3) console.log('aws s3 cp: skipped, the AWS CLI is not on PATH');

  console.log(`${settings.sizeMib} MiB file, ${settings.partMib} MiB parts (${parts}), ${settings.concurrency} in flight, `
    + `${settings.delayMs} ms added to each request by the proxy, ${settings.rounds} rounds`);

  // Throughput: each tool once per round, in the same order, each to a fresh key.
  const seconds = new Map<string, number[]>(tools.map(t => [t.name, []]));
  for (let round = 1; round <= settings.rounds; round++) {
    await restart();
    for (const tool of tools) {
      const key = `speed/${round}/${tool.name.replace(/\W+/g, '-')}`;
      const { command, args } = tool.command(file, key, proxy.url);
      const mark = ledger.parts.length;
      const start = process.hrtime.bigint();
      const result = await run(command, args, childEnv);
      const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
      if (result.status !== 0) throw new Error(`${tool.name} exited ${result.status}: ${result.stderr}`);
      if (await sha256OfObject(client, bucket, key) !== fileSha) throw new Error(`${tool.name}: the object differs from the file`);
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
      seconds.get(tool.name)!.push(elapsed);
      console.log(`  round ${round} ${tool.name}: ${elapsed.toFixed(2)} s (parts carried: ${ledger.integritySince(mark)})`);
    }
  }
  const mibPerSecond = (name: string) => settings.sizeMib / median(seconds.get(name)!);
  console.log('\nthroughput (median of the rounds):');
  for (const tool of tools) console.log(`  ${tool.name.padEnd(20)} ${mibPerSecond(tool.name).toFixed(1)} MiB/s  (${median(seconds.get(tool.name)!).toFixed(2)} s)`);
  console.log(`  mpu-upload / lib-storage: ${(mibPerSecond('mpu-upload') / mibPerSecond('lib-storage Upload')).toFixed(3)}x (target >= 0.95x)`);
  const perRound = seconds.get('mpu-upload')!.map((mine, i) => (seconds.get('lib-storage Upload')![i] / mine).toFixed(2));
  console.log(`  the same ratio round by round: ${perRound.join(', ')}`);

  // A crash at half-way, then the same command again.
  console.log('\nSIGKILL once half the file has landed on the server, then the same command again:');
  await restart();
  for (const tool of tools) {
    const key = `crash/${tool.name.replace(/\W+/g, '-')}`;
    const { command, args } = tool.command(file, key, proxy.url);
    // Half-way is when half the file's bytes have landed on the server, whatever the tool sent meanwhile.
    let watching = true;
    const first = await run(command, args, childEnv, started => {
      void (async () => {
        while (watching) {
          if ((await leftOver(client, bucket, key)).bytes >= size / 2) {
            started.kill('SIGKILL');
            return;
          }
          await new Promise(resolve => setTimeout(resolve, 20));
        }
      })();
    });
    watching = false;
    if (first.signal !== 'SIGKILL') throw new Error(`${tool.name} was not killed (exit ${first.status}): make the file bigger`);
    const landed = await leftOver(client, bucket, key);
    const rerunMark = ledger.parts.length;
    const second = await run(command, args, childEnv);
    if (second.status !== 0) throw new Error(`${tool.name} rerun exited ${second.status}: ${second.stderr}`);
    if (await sha256OfObject(client, bucket, key) !== fileSha) throw new Error(`${tool.name}: the object differs from the file after the rerun`);
    // Bytes of parts that had landed (ListParts before the rerun) and were sent again by the rerun.
    const landedParts = new Map<number, number>();
    for (const uploadParts of landed.parts.values()) for (const [n, bytes] of uploadParts) landedParts.set(n, bytes);
    const resentLanded = ledger.parts.slice(rerunMark).filter(p => landedParts.has(p.partNumber)).reduce((n, p) => n + p.bytes, 0);
    const after = await leftOver(client, bucket, key);
    console.log(`  ${tool.name.padEnd(20)} landed before the kill: ${(landed.bytes / MIB).toFixed(0)} MiB; rerun sent ${(ledger.bytesSince(rerunMark) / MIB).toFixed(0)} MiB, `
      + `of which ${(resentLanded / MIB).toFixed(0)} MiB had landed (${(resentLanded / partBytes).toFixed(1)} parts); `
      + `left behind: ${after.uploads} incomplete upload(s), ${(after.bytes / MIB).toFixed(0)} MiB`);
    for (const uploadId of after.parts.keys()) await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId }));
    await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
  }
  await proxy.close();
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
