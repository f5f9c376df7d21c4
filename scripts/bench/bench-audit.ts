/**
 * mpu-audit against the alternatives (not a test):
 *
 *   npx ts-node --project tsconfig.dev.json --prefer-ts-exts scripts/bench/bench-audit.ts
 *     [--delay-ms 20] [--rounds 3] [--cli-buckets 1] [--slowdown-share 0.05] [--big-bucket 100000]
 *
 * Restarts the local S3 server (its data is lost), seeds the fixture, puts a
 * latency proxy in front, then measures in one run: mpu-audit (JSON, default
 * settings), the AWS CLI as a plain script, and the lower bound (calls x round
 * trip / concurrency). It also runs mpu-audit with injected 503 SlowDowns, and
 * measures peak RSS on one bucket of --big-bucket uploads (0 skips it).
 */
import { execFileSync, spawn, SpawnOptions } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, CreateMultipartUploadCommand, S3Client, UploadPartCommand } from '@aws-sdk/client-s3';
import { Fixture, seedFixture, STANDARD_FIXTURE } from './bench-audit/fixture';
import { lowerBoundSeconds, measureRoundTrips, RoundTrips } from './bench-audit/round-trips';
import { DEFAULT_CONCURRENCY } from '../../src/audit/audit';
import { createLimiter } from '../../src/s3/limiter';
import { localS3Client, localS3ServerEnv } from '../lib/local-s3-server';
import { startS3Proxy } from '../lib/s3-proxy';

/* eslint-disable no-console */

const REPO = join(__dirname, '..', '..');

interface Measured {
  readonly seconds: number;
  readonly calls: number;
  readonly peakRssBytes: number;
  readonly uploads: number;
  readonly parts: number | null;
  readonly bytes: number | null;
  /** From the JSON report; undefined for the AWS CLI. */
  readonly throttling?: { readonly slowDowns: number; readonly lowestConcurrency: number };
}

function argument(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number >= 0 (got ${process.argv[at + 1]})`);
  return value;
}

function clientFor(endpoint: string, env: Record<string, string>): S3Client {
  return localS3Client(endpoint, env.AWS_REGION, env.AWS_ACCESS_KEY_ID, env.AWS_SECRET_ACCESS_KEY);
}

/**
 * Runs a command without blocking: the latency proxy lives in this process, so
 * a synchronous spawn would leave every request unanswered.
 */
function run(command: string, args: string[], options: SpawnOptions): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', chunk => out.push(chunk));
    child.stderr!.on('data', chunk => err.push(chunk));
    child.on('error', reject);
    child.on('close', status => resolve({ status, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

/** Runs the compiled mpu-audit with JSON output and measures it. */
async function runMpuAudit(endpoint: string, env: Record<string, string>, args: string[], countCalls: () => number): Promise<Measured> {
  const rssFile = join(mkdtempSync(join(tmpdir(), 'bench-audit-')), 'rss');
  const callsBefore = countCalls();
  const start = process.hrtime.bigint();
  const result = await run(process.execPath, ['-r', join(__dirname, 'bench-audit', 'max-rss.js'), join(REPO, 'bin', 'mpu-audit'),
    '--endpoint-url', endpoint, '--older-than', '0s', '--format', 'json', ...args], {
    env: { ...process.env, ...env, MPU_BENCH_RSS_FILE: rssFile, NODE_NO_WARNINGS: '1', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' },
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) throw new Error(`mpu-audit exited ${result.status}: ${result.stderr}`);
  const report = args.includes('table') ? { totals: totalsFromTable(result.stdout) } : JSON.parse(result.stdout);
  const { uploads, parts, bytes } = report.totals;
  return { seconds, calls: countCalls() - callsBefore, peakRssBytes: Number(readFileSync(rssFile, 'utf8')), uploads, parts, bytes, throttling: report.throttling };
}

/** The TOTAL row of a table report: uploads and parts (sizes there are rounded, so no bytes). */
function totalsFromTable(table: string): { uploads: number; parts: number | null; bytes: null } {
  const total = table.split('\n').find(row => row.startsWith('TOTAL'));
  const [uploads, parts] = (total ?? '').split(/\s+/).slice(1, 3).map(cell => Number(cell.replace(/,/g, '')));
  return { uploads, parts: Number.isFinite(parts) ? parts : null, bytes: null };
}

/** Runs the AWS CLI script on `buckets` and measures it (peak RSS: the largest single process it ran). */
async function runAwsCli(endpoint: string, env: Record<string, string>, buckets: string[], countCalls: () => number): Promise<Measured> {
  const wrapper = 'import resource, subprocess, sys\n'
    + 'r = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n'
    + 'sys.stdout.write(r.stdout); sys.stderr.write(r.stderr)\n'
    + 'print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024, file=sys.stderr)\n'
    + 'sys.exit(r.returncode)\n';
  const callsBefore = countCalls();
  const start = process.hrtime.bigint();
  const result = await run('python3', ['-c', wrapper, 'bash', join(__dirname, 'bench-audit', 'aws-cli-audit.sh'), ...buckets], {
    env: {
      PATH: '/usr/bin:/bin',
      HOME: tmpdir(),
      ENDPOINT_URL: endpoint,
      AWS_ACCESS_KEY_ID: env.AWS_ACCESS_KEY_ID,
      AWS_SECRET_ACCESS_KEY: env.AWS_SECRET_ACCESS_KEY,
      AWS_DEFAULT_REGION: env.AWS_REGION,
      AWS_PAGER: '',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    },
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) throw new Error(`the AWS CLI script exited ${result.status}: ${result.stderr}`);
  const [uploads, parts, bytes] = result.stdout.trim().split(' ').map(Number);
  const rss = Number(result.stderr.trim().split('\n').pop());
  return { seconds, calls: countCalls() - callsBefore, peakRssBytes: rss, uploads, parts, bytes };
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const line = (name: string, m: Measured) => `| ${name} | ${m.seconds.toFixed(2)} | ${m.calls} | ${mb(m.peakRssBytes)} | ${m.uploads} | ${m.parts ?? '-'} | ${m.bytes ?? '-'} |`;

function agree(name: string, got: Measured, want: { uploads: number; parts: number; bytes: number }): void {
  if (got.uploads !== want.uploads || got.parts !== want.parts || got.bytes !== want.bytes) {
    throw new Error(`${name} disagrees with the fixture: ${JSON.stringify(got)} against ${JSON.stringify(want)}`);
  }
}

async function main(): Promise<void> {
  const delayMs = argument('delay-ms', 20);
  const cliBuckets = argument('cli-buckets', 1);
  const slowDownShare = argument('slowdown-share', 0.05);
  const rounds = Math.max(1, argument('rounds', 3));
  const bigBucket = argument('big-bucket', 100_000);
  if (!existsSync(join(REPO, 'lib', 'cli', 'mpu-audit', 'main.js'))) execFileSync('npx', ['projen', 'compile'], { cwd: REPO, stdio: 'inherit' });
  if (!existsSync('/usr/bin/aws')) throw new Error('Debian\'s awscli is not installed: apt-get install -y --no-install-recommends awscli');

  console.log(`node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model.trim()}), ${execFileSync('/usr/bin/aws', ['--version'], { encoding: 'utf8' }).trim()}`);
  execFileSync('bash', [join(REPO, 'scripts', 's3-server.sh'), 'stop'], { stdio: 'ignore' });
  execFileSync('bash', [join(REPO, 'scripts', 's3-server.sh'), 'start'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const env = localS3ServerEnv();
  const direct = clientFor(env.S3_ENDPOINT_URL, env);

  let start = Date.now();
  const fixture: Fixture = await seedFixture(direct, STANDARD_FIXTURE);
  console.log(`fixture: ${fixture.buckets.length} buckets, ${fixture.uploads} uploads, ${fixture.parts} parts, ${fixture.bytes} bytes `
    + `(largest upload ${fixture.maxParts} parts); at least ${fixture.minimumCalls} API calls to audit; seeded in ${((Date.now() - start) / 1000).toFixed(0)} s`);

  const proxy = await startS3Proxy({ target: env.S3_ENDPOINT_URL, delayMs });
  const roundTrips = await measureRoundTrips(clientFor(proxy.url, env), fixture);
  const calls = () => proxy.stats.requests;
  const lowerBound = lowerBoundSeconds(fixture.callsByOperation, roundTrips, DEFAULT_CONCURRENCY);
  const ops = Object.keys(roundTrips) as Array<keyof RoundTrips>;
  console.log(`proxy delay ${delayMs} ms; median round trips through it, one request at a time: `
    + ops.map(op => `${op} ${roundTrips[op].toFixed(1)} ms`).join(', '));
  console.log(`lower bound: (${ops.map(op => `${fixture.callsByOperation[op]} x ${roundTrips[op].toFixed(1)}`).join(' + ')}) ms / ${DEFAULT_CONCURRENCY} `
    + `= ${lowerBound.toFixed(2)} s`);

  const audits: Measured[] = [];
  for (let round = 0; round < rounds; round++) {
    proxy.resetStats();
    const measured = await runMpuAudit(proxy.url, env, [], calls);
    agree('mpu-audit', measured, fixture);
    console.log(`mpu-audit run ${round + 1} of ${rounds}: ${measured.seconds.toFixed(2)} s, ${measured.calls} calls, `
      + `server-side round trip under this load ${(proxy.stats.roundTripMsTotal / proxy.stats.requests).toFixed(1)} ms on average`);
    audits.push(measured);
  }
  const audit = [...audits].sort((a, b) => a.seconds - b.seconds)[Math.floor(audits.length / 2)];

  const subset = fixture.buckets.filter(b => !b.abortRule).slice(2, 2 + cliBuckets);
  const want = { uploads: 0, parts: 0, bytes: 0 };
  const subsetAudit = await runMpuAudit(proxy.url, env, subset.flatMap(b => ['--bucket', b.name]), calls);
  const cli = await runAwsCli(proxy.url, env, subset.map(b => b.name), calls);
  Object.assign(want, { uploads: subsetAudit.uploads, parts: subsetAudit.parts, bytes: subsetAudit.bytes });
  agree('the AWS CLI script', cli, want);
  const cliCallsFull = fixture.minimumCalls - 1 - fixture.buckets.length;
  const cliFullSeconds = cli.seconds / cli.calls * cliCallsFull;

  console.log('\n| approach | wall s | API calls | peak RSS | uploads | parts | bytes |\n|---|---:|---:|---:|---:|---:|---:|');
  console.log(line(`mpu-audit, whole fixture (median of ${rounds})`, audit));
  console.log(`| lower bound, whole fixture | ${lowerBound.toFixed(2)} | ${fixture.minimumCalls} | | ${fixture.uploads} | ${fixture.parts} | ${fixture.bytes} |`);
  console.log(line(`mpu-audit, ${subset.length} bucket(s): ${subset.map(b => b.name).join(', ')}`, subsetAudit));
  console.log(line('AWS CLI script, the same bucket(s)', cli));
  console.log(`\nmpu-audit / lower bound: ${(audit.seconds / lowerBound).toFixed(2)}x (runs: ${audits.map(a => (a.seconds / lowerBound).toFixed(2)).join(', ')})`);
  console.log(`AWS CLI / mpu-audit on the same bucket(s), measured: ${(cli.seconds / subsetAudit.seconds).toFixed(1)}x`);
  console.log(`AWS CLI on the whole fixture, extrapolated from its measured ${(cli.seconds / cli.calls * 1000).toFixed(0)} ms per call x ${cliCallsFull} calls: `
    + `${cliFullSeconds.toFixed(0)} s, ${(cliFullSeconds / audit.seconds).toFixed(0)}x mpu-audit's whole-fixture time`);

  await proxy.close();
  const failing = await startS3Proxy({ target: env.S3_ENDPOINT_URL, delayMs, slowDownShare, seed: 7 });
  const throttled = await runMpuAudit(failing.url, env, [], () => failing.stats.requests);
  agree('mpu-audit under SlowDown', throttled, fixture);
  console.log(`\nwith ${(slowDownShare * 100).toFixed(0)}% of requests answered 503 SlowDown: ${throttled.seconds.toFixed(2)} s, ${throttled.calls} requests `
    + `(${failing.stats.slowDowns} got 503; the report counts ${throttled.throttling?.slowDowns} and went down to ${throttled.throttling?.lowestConcurrency} `
    + `request(s) at once), totals exact: ${throttled.uploads} uploads, ${throttled.parts} parts, ${throttled.bytes} bytes`);
  await failing.close();

  if (bigBucket > 0) {
    start = Date.now();
    const big = 'bench-big';
    await direct.send(new CreateBucketCommand({ Bucket: big }));
    const limit = createLimiter(64);
    await Promise.all(Array.from({ length: bigBucket }, (_, i) => limit(async () => {
      const key = `big/${String(i).padStart(7, '0')}`;
      const { UploadId } = await direct.send(new CreateMultipartUploadCommand({ Bucket: big, Key: key }));
      await direct.send(new UploadPartCommand({ Bucket: big, Key: key, UploadId, PartNumber: 1, Body: Buffer.alloc(1) }));
    })));
    console.log(`\none bucket of ${bigBucket} uploads (1 part of 1 byte each), seeded in ${((Date.now() - start) / 1000).toFixed(0)} s; mpu-audit straight to the server:`);
    const variants: Array<[string, string[]]> = [
      ['table (the default format)', ['--format', 'table']],
      ['table --summary', ['--format', 'table', '--summary']],
      ['JSON, every upload listed', []],
      ['JSON --summary, every upload listed', ['--summary']],
    ];
    for (const [name, args] of variants) {
      const measured = await runMpuAudit(env.S3_ENDPOINT_URL, env, ['--bucket', big, ...args], () => 0);
      if (measured.uploads !== bigBucket || (measured.parts !== null && measured.parts !== bigBucket)) {
        throw new Error(`${name} disagrees with the big bucket: ${JSON.stringify(measured)}`);
      }
      console.log(`  ${name.padEnd(36)} ${measured.seconds.toFixed(1).padStart(6)} s, peak RSS ${mb(measured.peakRssBytes)}, ${measured.uploads} uploads, `
        + `${measured.parts ?? '-'} parts`);
    }
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
