import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { CliIo } from '../../../src/cli/cli-io';
import { ExitCode } from '../../../src/cli/exit-code';
import { runCli } from '../../../src/cli/mpu-audit/run-cli';
import { SdkS3 } from '../../../src/s3/sdk-s3';
import { RGW_USER_IDS } from '../../_helpers/rgw-users';
import { CliRun, runMpuAudit } from '../../_helpers/run-mpu-audit';
import { clientOf, localS3Server, newBucket } from '../../_helpers/s3-test-server';
import { seedUpload } from '../../_helpers/seed';

/** Keys that sign well enough to reach a server; no server below ever checks them. */
const SOME_KEYS = { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'not-checked-by-anyone', AWS_REGION: 'us-east-1' };
/** No credentials from anywhere: not the environment, not the files, not an instance role. */
const NO_CREDENTIALS = {
  AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_SESSION_TOKEN: '', AWS_PROFILE: '', AWS_EC2_METADATA_DISABLED: 'true',
};

function expectOneUsageLine(run: CliRun, names: string, fix: RegExp) {
  expect(run.exitCode).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(/^mpu-audit: [^\n]+\n$/);
  expect(run.stderr).toContain(names);
  expect(run.stderr).toMatch(fix);
  expect(run.stderr).not.toMatch(/ {4}at /);
}

describe('mpu-audit start-up failures, as a user runs it', () => {
  const REACH = /cannot be reached \(.*(ECONNREFUSED|ENOTFOUND|EAI_AGAIN).*\): check the URL \(http:\/\/ or https:\/\/, host and port\) and that the server is running/;

  test.each([
    ['http://127.0.0.1:1', []],
    ['http://127.0.0.1:1', ['--bucket', 'a', '--bucket', 'b']],
    ['http://no-such-host.invalid', []],
    ['http://no-such-host.invalid', ['--bucket', 'a', '--format', 'json']],
  ])('--endpoint-url %s that never answers, %j: exit 2, one line', (url, args) => {
    const run = runMpuAudit(['--endpoint-url', url, ...args], SOME_KEYS);
    expectOneUsageLine(run, `--endpoint-url ${url}`, REACH);
  });

  test('without --endpoint-url, a region whose S3 host does not resolve names the region and the network', () => {
    const run = runMpuAudit(['--bucket', 'a'], { ...SOME_KEYS, AWS_REGION: 'xx-nowhere-1' });
    expectOneUsageLine(run, 'AWS_REGION', /cannot reach S3 in region xx-nowhere-1 \(.*s3\.xx-nowhere-1\.amazonaws\.com.*\): check AWS_REGION and the network/);
  });

  test.each([[[]], [['--bucket', 'a']]])('missing credentials, %j: exit 2, one line with the fix', args => {
    const run = runMpuAudit(['--endpoint-url', 'http://127.0.0.1:7480', ...args], NO_CREDENTIALS);
    expectOneUsageLine(run, '--profile', /no usable AWS credentials: .*Set AWS_PROFILE or --profile, or run aws sso login \/ aws configure\./);
  });

  describe('a profile that the config files lack', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mpu-audit-profiles-'));
    const config = join(dir, 'config');
    writeFileSync(config, '[default]\nregion = us-east-1\n[profile audit]\nregion = eu-west-1\n');
    const files = { ...NO_CREDENTIALS, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') };

    test.each([[[]], [['--bucket', 'a']]])('--profile nope, %j', args => {
      const run = runMpuAudit(['--profile', 'nope', '--endpoint-url', 'http://127.0.0.1:7480', ...args], files);
      expectOneUsageLine(run, '--profile nope', new RegExp(`is not a profile in ${config} or ${join(dir, 'credentials')}: check the name with aws configure list-profiles`));
    });

    test('--profile nope with AWS_ACCESS_KEY_ID set too: still one line (the SDK would warn over nine)', () => {
      const run = runMpuAudit(['--profile', 'nope', '--endpoint-url', 'http://127.0.0.1:7480'], { ...files, ...SOME_KEYS });
      expectOneUsageLine(run, '--profile nope', /is not a profile in/);
    });

    test('AWS_PROFILE=nope', () => {
      const run = runMpuAudit(['--endpoint-url', 'http://127.0.0.1:7480'], { ...files, AWS_PROFILE: 'nope' });
      expectOneUsageLine(run, 'AWS_PROFILE=nope', /is not a profile in .*: check the name with aws configure list-profiles, or unset AWS_PROFILE/);
    });
  });
});

describe('a connection lost after the endpoint answered stays a failure of the buckets, exit 3', () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    // Answers ListBuckets once, then stops listening: every later request is refused.
    server = createServer((_request, response) => {
      response.setHeader('content-type', 'application/xml');
      response.setHeader('connection', 'close');
      response.end('<?xml version="1.0" encoding="UTF-8"?><ListAllMyBucketsResult><Buckets>'
        + '<Bucket><Name>first</Name><BucketRegion>us-east-1</BucketRegion></Bucket>'
        + '<Bucket><Name>second</Name><BucketRegion>us-east-1</BucketRegion></Bucket></Buckets></ListAllMyBucketsResult>');
      server.close();
      server.closeAllConnections();
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => {
    server.close();
  });

  test('each bucket reports the refused connection; no start-up line', async () => {
    const out = { stdout: '', stderr: '' };
    const io: CliIo = {
      stdout: text => { out.stdout += text; },
      stderr: text => { out.stderr += text; },
      stderrIsTerminal: false,
      env: SOME_KEYS,
      readFile: () => { throw new Error('no files here'); },
      readRegularFile: () => { throw new Error('no files here'); },
      writeFile: () => undefined,
      version: '0.0.0',
    };
    const saved = { ...process.env };
    Object.assign(process.env, SOME_KEYS);
    try {
      const code = await runCli(['--endpoint-url', url, '--format', 'json', '--max-attempts', '2'], io, options => new SdkS3(options));
      expect(code).toBe(ExitCode.INCOMPLETE);
      const report = JSON.parse(out.stdout);
      expect(report.buckets.map((b: { name: string; error: string }) => [b.name, b.error])).toEqual([
        ['first', expect.stringMatching(/ECONNREFUSED/)],
        ['second', expect.stringMatching(/ECONNREFUSED/)],
      ]);
      expect(out.stderr).toBe('mpu-audit: incomplete: 2 bucket(s) could not be read in full\n');
    } finally {
      process.env = saved;
    }
  });
});

const s3 = localS3Server();
const describeS3 = s3 ? describe : describe.skip;

describeS3('mpu-audit never prints credentials or signed URLs (real server, own process)', () => {
  const TOKEN = 'SESSION-TOKEN-MARKER-7f3a9c1e5b';
  let client: S3Client;
  let own: string;
  const dir = mkdtempSync(join(tmpdir(), 'mpu-audit-secrets-'));
  let outputs = 0;

  beforeAll(async () => {
    client = clientOf(s3!);
    own = await newBucket(client, 'secrets');
    await seedUpload(client, own, 'a/one.bin', [100, 200]);
  });

  /** Runs the CLI, to stdout and to --output, and returns everything it printed or wrote. */
  function everythingPrinted(args: string[], env: Record<string, string>): { runs: CliRun[]; text: string } {
    const file = join(dir, `report-${++outputs}`);
    const runs = [runMpuAudit(args, env), runMpuAudit([...args, '--output', file], env)];
    let written = '';
    try {
      written = readFileSync(file, 'utf8');
    } catch {
      // A run that stops before the report writes no file.
    }
    return { runs, text: runs.map(r => `${r.stdout}\n${r.stderr}`).join('\n') + written };
  }

  function expectNoSecrets(printed: string, env: Record<string, string>) {
    // The JSON report names each upload's Initiator and Owner: on AWS an ARN or a canonical ID, on RGW the user id,
    // which the test server spells as the user's access key id. Only those two fields may hold it.
    const text = printed.replace(new RegExp(`"(id|displayName)": "(${RGW_USER_IDS.first}|${RGW_USER_IDS.other})"`, 'g'), '"$1": "<an RGW user id>"');
    for (const key of ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_ACCESS_KEY_ID']) {
      if (env[key]) expect(text).not.toContain(env[key]);
    }
    expect(text).not.toContain(s3!.secretAccessKey);
    expect(text).not.toContain(s3!.other.secretAccessKey);
    expect(text).not.toMatch(/X-Amz-(Signature|Credential|Security-Token)=[^…]/i);
    expect(text).not.toMatch(/\b(Signature|Credential)=[^…]/);
  }

  const modes = () => {
    const first = { ...s3!.env, AWS_SESSION_TOKEN: TOKEN };
    const other = { ...first, AWS_ACCESS_KEY_ID: s3!.other.accessKeyId, AWS_SECRET_ACCESS_KEY: s3!.other.secretAccessKey };
    const endpoint = ['--endpoint-url', s3!.endpointUrl, '--older-than', '0s'];
    return {
      'succeeds, with a session token set': { args: [...endpoint, '--bucket', own, '--abort', '--fix-lifecycle'], env: first, exitCode: 0 },
      'wrong secret key, every bucket': { args: endpoint, env: { ...first, AWS_SECRET_ACCESS_KEY: 'WRONG-SECRET-MARKER-0a1b2c3d4e' }, exitCode: 2 },
      'wrong secret key, --bucket': { args: [...endpoint, '--bucket', own], env: { ...first, AWS_SECRET_ACCESS_KEY: 'WRONG-SECRET-MARKER-0a1b2c3d4e' }, exitCode: 2 },
      'unknown access key id': { args: [...endpoint, '--bucket', own], env: { ...first, AWS_ACCESS_KEY_ID: 'AKIAUNKNOWNKEYMARKER' }, exitCode: 2 },
      'another account\'s bucket, --abort --yes --fix-lifecycle': {
        args: [...endpoint, '--bucket', own, '--abort', '--fix-lifecycle', '--yes'], env: other, exitCode: 3,
      },
      'an endpoint that never answers': { args: ['--endpoint-url', 'http://127.0.0.1:1', '--bucket', own], env: first, exitCode: 2 },
    };
  };

  test.each(['table', 'json', 'csv', 'markdown'])('--format %s, in every mode', format => {
    for (const [mode, { args, env, exitCode }] of Object.entries(modes())) {
      const { runs, text } = everythingPrinted([...args, '--format', format], env);
      for (const run of runs) expect({ mode, exitCode: run.exitCode }).toEqual({ mode, exitCode });
      expectNoSecrets(text, env);
    }
  });

  test.each([
    ['a wrong secret key, every bucket', { AWS_SECRET_ACCESS_KEY: 'WRONG-SECRET-MARKER-0a1b2c3d4e' }, [], /SignatureDoesNotMatch/],
    ['a wrong secret key, two buckets', { AWS_SECRET_ACCESS_KEY: 'WRONG-SECRET-MARKER-0a1b2c3d4e' }, ['--bucket', 'b1', '--bucket', 'b2'], /SignatureDoesNotMatch/],
    ['an unknown access key id, --bucket', { AWS_ACCESS_KEY_ID: 'AKIAUNKNOWNKEYMARKER' }, ['--bucket', 'b1'], /InvalidAccessKeyId/],
  ] as const)('credentials the server rejects stop the run with one line: %s', (_, keys, args, code) => {
    const run = runMpuAudit(['--endpoint-url', s3!.endpointUrl, ...args], { ...s3!.env, ...keys });
    expectOneUsageLine(run, `the AWS credentials from the environment or the default profile were rejected by --endpoint-url ${s3!.endpointUrl}`,
      /check the access key and secret, or log in again \(aws sso login\) if they have expired$/m);
    expect(run.stderr).toMatch(code);
  });

  test('the report is really there to leak into: the uploads of the bucket are listed', () => {
    const { text } = everythingPrinted(['--endpoint-url', s3!.endpointUrl, '--older-than', '0s', '--bucket', own, '--format', 'json'],
      { ...s3!.env, AWS_SESSION_TOKEN: TOKEN });
    expect(text).toContain('a/one.bin');
    expect(text).toContain(own);
  });
});
