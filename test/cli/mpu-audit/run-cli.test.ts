import { CliIo } from '../../../src/cli/cli-io';
import { ExitCode } from '../../../src/cli/exit-code';
import { runCli } from '../../../src/cli/mpu-audit/run-cli';
import { S3Port } from '../../../src/s3/s3-port';
import { FakeS3, fakeUpload } from '../../_helpers/fake-s3';
import { memoryCliIo, NOW } from '../memory-cli-io';

const DAY = 86400;

const io = (overrides: Partial<CliIo> = {}) => memoryCliIo({}, overrides);

const account = () => new FakeS3({
  logs: { region: 'eu-west-1', uploads: [fakeUpload('a', 3 * DAY, [5, 5], NOW), fakeUpload('b', 2 * DAY, [7], NOW)] },
});

describe('runCli (in process, with a fake S3)', () => {
  test('draws progress on stderr only when stderr is a terminal', async () => {
    const plain = io();
    expect(await runCli([], plain.io, () => account())).toBe(ExitCode.OK);
    expect(plain.out.stderr).toBe('');

    const terminal = io({ stderrIsTerminal: true });
    await runCli([], terminal.io, () => account());
    expect(terminal.out.stderr).toBe('\rmpu-audit: 1/1 buckets, 2 uploads\n');
  });

  test('--price-table: a file that is not JSON, or holds a negative price, is a usage error naming it', async () => {
    const broken = io();
    broken.out.files['prices.json'] = '{ STANDARD: 1 }';
    expect(await runCli(['--price-table', 'prices.json'], broken.io, () => account())).toBe(ExitCode.USAGE);
    expect(broken.out.stderr).toBe('mpu-audit: --price-table prices.json is not valid JSON: expected a property name in double quotes at line 1, column 3: '
      + 'write an object like {"STANDARD": 0.023}\n');

    const negative = io();
    negative.out.files['prices.json'] = '{ "STANDARD": -1 }';
    expect(await runCli(['--price-table', 'prices.json'], negative.io, () => account())).toBe(ExitCode.USAGE);
    expect(negative.out.stderr).toBe('mpu-audit: --price-table prices.json: the price of STANDARD must be a number >= 0 (got a negative number)\n');

    const missing = io();
    expect(await runCli(['--price-table', 'nope.json'], missing.io, () => account())).toBe(ExitCode.USAGE);
    expect(missing.out.stderr).toMatch(/--price-table nope.json cannot be read: .*ENOENT/);
  });

  test('a price table changes the estimate', async () => {
    const run = io();
    run.out.files['prices.json'] = '{ "STANDARD": 1073741824 }';
    await runCli(['--price-table', 'prices.json', '--format', 'json'], run.io, () => account());
    expect(JSON.parse(run.out.stdout).totals.estimatedMonthlyCostUsd).toBe(17);
  });

  test('no credentials is a usage error with the fix, not a stack trace', async () => {
    const noCredentials: S3Port = Object.assign(account(), {
      listBuckets: async () => { throw Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }); },
    });
    const run = io();
    expect(await runCli([], run.io, () => noCredentials)).toBe(ExitCode.USAGE);
    expect(run.out.stderr).toBe('mpu-audit: no usable AWS credentials: CredentialsProviderError: Could not load credentials from any providers. '
      + 'Set AWS_PROFILE or --profile, or run aws sso login / aws configure.\n');
  });

  test('no credentials with --bucket is the same usage error, not a failed bucket', async () => {
    const noCredentials: S3Port = Object.assign(account(), {
      bucketRegion: async () => { throw Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }); },
    });
    const run = io();
    expect(await runCli(['--bucket', 'logs'], run.io, () => noCredentials)).toBe(ExitCode.USAGE);
    expect(run.out.stderr).toMatch(/^mpu-audit: no usable AWS credentials: .*aws configure\.\n$/);
    expect(run.out.stdout).toBe('');
  });

  test('--fix-lifecycle says when the buckets it could not read were left alone', async () => {
    const s3 = new FakeS3({ locked: { region: 'us-east-1', uploads: [], failWith: Object.assign(new Error('Access Denied'), { name: 'AccessDenied' }) } });
    const run = io();
    expect(await runCli(['--fix-lifecycle'], run.io, () => s3)).toBe(ExitCode.INCOMPLETE);
    expect(run.out.stderr).toMatch(/every bucket read already aborts incomplete uploads in time; 1 bucket\(s\) could not be read and were left alone/);
  });

  test('--fix-lifecycle --yes says "written, but", not "not changed", when the read-back finds a problem', async () => {
    // GIVEN: a server that keeps only the last rule written
    const s3 = new FakeS3({
      logs: { region: 'us-east-1', uploads: [], lifecycle: { rules: [{ ID: 'expire', Status: 'Enabled', Filter: { Prefix: 'tmp/' }, Expiration: { Days: 30 } }] } },
    });
    s3.putLifecycle = async (bucket, lifecycle) => {
      s3.buckets[bucket.name].lifecycle = { rules: lifecycle.rules.slice(-1) };
    };
    const run = io();
    // WHEN
    const code = await runCli(['--fix-lifecycle', '--yes'], run.io, () => s3);
    // THEN
    expect(code).toBe(ExitCode.INCOMPLETE);
    expect(run.out.stderr).toMatch(/\n {2}written, but the server holds 1 rules where 2 were written: check the bucket by hand\n/);
    expect(run.out.stderr).not.toMatch(/not changed/);
  });

  test('an interrupted --abort --yes says what ran and how to finish', async () => {
    let interrupt: () => void = () => undefined;
    const s3 = account();
    const abortUpload = s3.abortUpload.bind(s3);
    s3.abortUpload = async (bucket, upload) => {
      const outcome = await abortUpload(bucket, upload);
      interrupt();
      return outcome;
    };
    let registered = 0;
    const run = io({
      onInterrupt: handler => {
        registered++;
        interrupt = () => handler('SIGINT');
        return () => { registered--; };
      },
    });

    expect(await runCli(['--abort', '--yes', '--concurrency', '1'], run.io, () => s3)).toBe(ExitCode.INCOMPLETE);
    expect(run.out.stderr.match(/interrupted: finishing the aborts in flight, starting no more \(interrupt again to quit at once\)/g)).toHaveLength(1);
    expect(registered).toBe(0);
    expect(run.out.stderr).toMatch(/aborted 1 of 2 orphaned upload\(s\), freed 10 B \(10 bytes\); 0 were already gone .*; 0 failed; 1 not started/);
    expect(run.out.stderr).toMatch(/run the same command again to abort the rest/);
    expect(s3.buckets.logs.uploads.map(u => u.key)).toEqual(['b']);
  });

  test('--keep-initiator with a role ARN keeps its sessions\' uploads and aborts the other initiator\'s beside them, in one bucket', async () => {
    // GIVEN: one bucket, uploads started by a session of the kept role and by a user
    const session = 'arn:aws:sts::123456789012:assumed-role/Uploader/resume-7';
    const user = 'arn:aws:iam::123456789012:user/etl';
    const s3 = new FakeS3({
      media: {
        region: 'eu-west-1',
        uploads: [
          fakeUpload('a', 3 * DAY, [5], NOW, 'STANDARD', session),
          fakeUpload('b', 3 * DAY, [7], NOW, 'STANDARD', user),
          fakeUpload('c', 3 * DAY, [9], NOW, 'STANDARD', session),
        ],
      },
    });
    const run = io();
    // WHEN
    const code = await runCli(['--keep-initiator', 'arn:aws:iam::123456789012:role/ops/Uploader', '--abort', '--yes', '--format', 'json'], run.io, () => s3);
    // THEN
    expect(code).toBe(ExitCode.OK);
    const reason = `initiated by ${session} (--keep-initiator arn:aws:iam::123456789012:role/ops/Uploader)`;
    const listed = JSON.parse(run.out.stdout).buckets[0].uploadList;
    expect(listed.map((u: { key: string; initiator: { id: string }; kept: string | null }) => [u.key, u.initiator.id, u.kept]))
      .toEqual([['a', session, reason], ['b', user, null], ['c', session, reason]]);
    expect(s3.buckets.media.uploads.map(u => u.key)).toEqual(['a', 'c']);
    expect(run.out.stderr).toContain('aborted 1 of 1 orphaned upload(s), freed 7 B (7 bytes)');
    expect(run.out.stderr).toContain(`  kept s3://media/a (upload id-a, 5 bytes): ${reason}\n  kept s3://media/c (upload id-c, 9 bytes): ${reason}\n`);
  });

  test('kept uploads are marked in the streamed JSON report too, and in a summary, where their bytes are not read', async () => {
    const run = io();
    await runCli(['--exclude-prefix', 'a', '--summary', '--format', 'json'], run.io, () => account());
    const report = JSON.parse(run.out.stdout);
    expect(report.buckets[0].uploadList.map((u: { key: string; kept: string | null }) => [u.key, u.kept])).toEqual([['a', 'key under --exclude-prefix a'], ['b', null]]);
    expect(report.totals.keptOrphans).toEqual({ uploads: 1, bytes: null });
  });

  test('--help and --version print and exit 0 without touching S3', async () => {
    const help = io();
    expect(await runCli(['--help'], help.io, () => { throw new Error('no S3 for --help'); })).toBe(ExitCode.OK);
    expect(help.out.stdout).toMatch(/^Usage: mpu-audit \[options\]/);
    expect(help.out.stdout).toMatch(/Exit codes: 0 done; 1 a --fail-on-\* threshold was crossed; 2 usage error;/);
    const version = io();
    expect(await runCli(['--version'], version.io, () => { throw new Error('no S3 for --version'); })).toBe(ExitCode.OK);
    expect(version.out.stdout).toBe('1.2.3\n');
  });
});
