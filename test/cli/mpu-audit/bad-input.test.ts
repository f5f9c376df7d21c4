import { ExitCode } from '../../../src/cli/exit-code';
import { runCli, S3Factory } from '../../../src/cli/mpu-audit/run-cli';
import { EndpointUnreachableError } from '../../../src/s3/errors';
import { S3Port } from '../../../src/s3/s3-port';
import { accessDenied, FakeS3, fakeUpload } from '../../_helpers/fake-s3';
import { memoryCliIo, NOW } from '../memory-cli-io';

const DAY = 86400;

const io = (files: Record<string, string> = {}, env: Record<string, string> = {}) => memoryCliIo(files, { env });

const account = () => new FakeS3({
  logs: { region: 'eu-west-1', uploads: [fakeUpload('a', 3 * DAY, [5, 5], NOW)] },
});

/** One line, naming the flag and the fix; no stack trace, no report. */
function expectUsageLine(code: ExitCode, out: { stdout: string; stderr: string }, flag: string, fix: RegExp) {
  expect(code).toBe(ExitCode.USAGE);
  expect(out.stdout).toBe('');
  expect(out.stderr).toMatch(/^mpu-audit: [^\n]+\n$/);
  expect(out.stderr).toContain(flag);
  expect(out.stderr).toMatch(fix);
  expect(out.stderr).not.toMatch(/ {4}at /);
}

const WHOLE = /must be a whole number >= 1 \(got "[^"]*"\)|needs a value; write a value that starts with a dash as --[\w-]+=VALUE/;
const RANGE = /must be a whole number from 1 to \d+ \(got "[^"]*"\)/;
const DURATION = /must be a whole number followed by s, m, h or d, like 90m, 24h or 7d \(got "[^"]*"\)/;
const SIZE = /must be a number of bytes, optionally with B, KiB, MiB, GiB or TiB, like 500MiB \(got "[^"]*"/;
const ONCE = /was given twice \("[^"]*", then "[^"]*"\): give it once/;

// [args, the flag the line must name, the fix it must give]
const SWEEP: Array<[string[], string, RegExp]> = [
  [['--bucket', ''], '--bucket', /must not be empty: give a bucket name, or drop --bucket/],
  [['--bucket', 's3://logs'], '--bucket', /not a path or URL: write --bucket logs \(got "s3:\/\/logs"\)/],
  [['--bucket', 'logs/2026/'], '--bucket', /write --bucket logs --prefix 2026\//],
  [['--region', ''], '--region', /must be a region name like eu-west-1 \(got ""\)/],
  [['--region', 'EU-WEST-1'], '--region', /like eu-west-1/],
  [['--region', 'eu-west-1a'], '--region', /like eu-west-1/],
  [['--prefix', ''], '--prefix', /must not be empty: give a key prefix like logs\/, or drop --prefix/],
  [['--prefix', 'a/', '--prefix', 'b/'], '--prefix', ONCE],
  [['--exclude-prefix', ''], '--exclude-prefix', /must not be empty: give the key prefix of the uploads to keep, like resumable\/, or drop --exclude-prefix/],
  [['--exclude-prefix', 'tmp/', '--exclude-prefix', ' '], '--exclude-prefix', /must not be empty/],
  [['--prefix', 'logs/', '--exclude-prefix', 'tmp/'], '--exclude-prefix',
    /--exclude-prefix tmp\/ can never match under --prefix logs\/: write the whole key prefix, like --exclude-prefix logs\/tmp\//],
  [['--keep-initiator', ''], '--keep-initiator', /--keep-initiator must not be empty \(got ""\)/],
  [['--keep-initiator', ' alice'], '--keep-initiator', /must not start or end with a space/],
  [['--keep-initiator', 'arn:aws:s3:::logs'], '--keep-initiator', /must be an IAM user or role ARN \(arn:aws:iam::123456789012:role\/Uploader, keeping every session of the role\).*\(got "arn:aws:s3:::logs"\)/],
  [['--keep-initiator', 'arn:aws:iam::123:role/Uploader'], '--keep-initiator', /must be an IAM user or role ARN/],
  [['--keep-initiator', 'arn:aws:sts::123456789012:assumed-role/Uploader'], '--keep-initiator', /an assumed-role ARN \(arn:aws:sts::123456789012:assumed-role\/Uploader\/SESSION\)/],
  [['--accounts-from-organization', '--role-name', 'Audit', '--region', 'eu-west-1', '--exclude-prefix', 'tmp/'], '--exclude-prefix',
    /--exclude-prefix cannot be used with --accounts-from-organization: it keeps uploads out of --abort, and clean-up across an organization is not offered/],
  [['--accounts-from-organization', '--role-name', 'Audit', '--region', 'eu-west-1', '--keep-initiator', 'alice'], '--keep-initiator',
    /--keep-initiator cannot be used with --accounts-from-organization/],

  [['--older-than', ''], '--older-than', DURATION],
  [['--older-than', '-1d'], '--older-than', WHOLE],
  [['--older-than=-1d'], '--older-than', DURATION],
  [['--older-than', '1.5d'], '--older-than', DURATION],
  [['--older-than', '7x'], '--older-than', DURATION],
  [['--older-than', '1.5.2d'], '--older-than', DURATION],
  [['--older-than', 'week'], '--older-than', DURATION],
  [['--older-than', '24'], '--older-than', DURATION],
  [['--older-than', '99999999999999999999d'], '--older-than', /must be at most 36500d, like 90m, 24h or 7d/],
  [['--older-than', '1d', '--older-than', '2d'], '--older-than', ONCE],

  [['--max-days', ''], '--max-days', WHOLE],
  [['--max-days=-1'], '--max-days', WHOLE],
  [['--max-days', '0'], '--max-days', WHOLE],
  [['--max-days', '1.5'], '--max-days', WHOLE],
  [['--max-days', 'seven'], '--max-days', WHOLE],
  [['--max-days', '7d'], '--max-days', WHOLE],
  [['--max-days', '99999999999999999999'], '--max-days', RANGE],
  [['--max-days', '7', '--max-days', '8'], '--max-days', ONCE],

  [['--format', ''], '--format', /must be one of table, json, csv, markdown \(got ""\)/],
  [['--format', 'xml'], '--format', /must be one of table, json, csv, markdown/],
  [['--format', 'JSON'], '--format', /must be one of table, json, csv, markdown/],
  [['--format', 'json', '--format', 'csv'], '--format', ONCE],

  [['--output', ''], '--output', /must not be empty: give a file name, or drop --output/],
  [['--output', 'a.json', '--output', 'b.json'], '--output', ONCE],
  [['--force'], '--force', /give --output FILE too, or drop --force/],

  [['--profile', ''], '--profile', /must not be empty: give a profile name/],
  [['--profile', 'a', '--profile', 'b'], '--profile', ONCE],
  [['--role-arn', ''], '--role-arn', /must be an IAM role ARN like arn:aws:iam::123456789012:role\/Audit/],
  [['--role-arn', 'admin'], '--role-arn', /like arn:aws:iam::123456789012:role\/Audit/],
  [['--role-arn', 'arn:aws:iam::123:role/Audit'], '--role-arn', /like arn:aws:iam::123456789012:role\/Audit/],
  [['--role-arn', 'arn:aws:iam::123456789012:user/bob'], '--role-arn', /like arn:aws:iam::123456789012:role\/Audit/],

  [['--endpoint-url', ''], '--endpoint-url', /must be an http:\/\/ or https:\/\/ URL, like http:\/\/localhost:7480/],
  [['--endpoint-url', 'localhost:7480'], '--endpoint-url', /like http:\/\/localhost:7480 \(got "localhost:7480"\)/],
  [['--endpoint-url', '127.0.0.1:7480'], '--endpoint-url', /like http:\/\/localhost:7480/],
  [['--endpoint-url', 'ftp://x'], '--endpoint-url', /like http:\/\/localhost:7480 \(got "ftp:\/\/x"\)/],
  [['--endpoint-url', 'http://a', '--endpoint-url', 'http://b'], '--endpoint-url', ONCE],

  [['--concurrency', ''], '--concurrency', WHOLE],
  [['--concurrency', '-1'], '--concurrency', WHOLE],
  [['--concurrency=-1'], '--concurrency', WHOLE],
  [['--concurrency', '0'], '--concurrency', WHOLE],
  [['--concurrency', '1.5'], '--concurrency', WHOLE],
  [['--concurrency', 'ten'], '--concurrency', WHOLE],
  [['--concurrency', '8x'], '--concurrency', WHOLE],
  [['--concurrency', '1000000'], '--concurrency', RANGE],
  [['--concurrency', '4', '--concurrency', '8'], '--concurrency', ONCE],

  [['--max-attempts', ''], '--max-attempts', WHOLE],
  [['--max-attempts=-3'], '--max-attempts', WHOLE],
  [['--max-attempts', '0'], '--max-attempts', WHOLE],
  [['--max-attempts', '2.5'], '--max-attempts', WHOLE],
  [['--max-attempts', 'many'], '--max-attempts', WHOLE],
  [['--max-attempts', '99999'], '--max-attempts', RANGE],
  [['--read-timeout', ''], '--read-timeout', WHOLE],
  [['--read-timeout', '0'], '--read-timeout', WHOLE],
  [['--read-timeout', '1.5'], '--read-timeout', WHOLE],
  [['--read-timeout', '30s'], '--read-timeout', WHOLE],
  [['--read-timeout', '3601'], '--read-timeout', RANGE],

  [['--price-table', ''], '--price-table', /must not be empty: give the path of a JSON file like \{"STANDARD": 0.023\}/],
  [['--price-table', 'missing.json'], '--price-table', /missing.json cannot be read: .*ENOENT.*: give the path of a JSON file/],
  [['--price-table', 'broken.json'], '--price-table', /broken.json is not valid JSON: .*: write an object like \{"STANDARD": 0.023\}/],
  [['--price-table', 'negative.json'], '--price-table', /the price of STANDARD must be a number >= 0 \(got a negative number\)/],
  [['--price-table', 'list.json'], '--price-table', /must hold a JSON object of storage class to USD per GB-month, like \{"STANDARD": 0.023\}/],
  [['--price-table', 'text.json'], '--price-table', /the price of GLACIER must be a number >= 0 \(got a string\)/],

  [['--fail-on-bytes', ''], '--fail-on-bytes', SIZE],
  [['--fail-on-bytes=-1'], '--fail-on-bytes', SIZE],
  [['--fail-on-bytes', '1.5GiB'], '--fail-on-bytes', SIZE],
  [['--fail-on-bytes', '10MB'], '--fail-on-bytes', /sizes are binary here, so write 10MiB/],
  [['--fail-on-bytes', '2gb'], '--fail-on-bytes', /so write 2GiB/],
  [['--fail-on-bytes', '1.5.2MiB'], '--fail-on-bytes', SIZE],
  [['--fail-on-bytes', 'lots'], '--fail-on-bytes', SIZE],
  [['--fail-on-bytes', '99999999999999999999'], '--fail-on-bytes', /must be at most 9007199254740991 bytes, about 8 PiB/],
  [['--fail-on-bytes', '100000TiB'], '--fail-on-bytes', /must be at most 9007199254740991 bytes/],
  [['--summary', '--fail-on-bytes', '1'], '--fail-on-bytes', /--summary skips: drop one of them/],

  [['--fix-lifecycle', '--days', ''], '--days', WHOLE],
  [['--fix-lifecycle', '--days=-1'], '--days', WHOLE],
  [['--fix-lifecycle', '--days', '0'], '--days', WHOLE],
  [['--fix-lifecycle', '--days', '1.5'], '--days', WHOLE],
  [['--fix-lifecycle', '--days', 'week'], '--days', WHOLE],
  [['--fix-lifecycle', '--days', '7d'], '--days', WHOLE],
  [['--fix-lifecycle', '--days', '1e3'], '--days', WHOLE],
  [['--fix-lifecycle', '--days', '99999999', '--max-days', '36500'], '--days', RANGE],
  [['--fix-lifecycle', '--days', '10'], '--days', /later than the default --max-days 7: raise --max-days too, or lower --days/],
  [['--fix-lifecycle', '--days', '10', '--max-days', '9'], '--days', /--days 10 is later than --max-days 9/],
  [['--days', '3'], '--days', /give --fix-lifecycle too, or drop --days/],
  [['--yes'], '--yes', /give one of them, or drop --yes/],
  [['--fix-managed'], '--fix-managed', /lets --fix-lifecycle write to managed buckets: give --fix-lifecycle too, or drop --fix-managed/],
  [['--fix-lifecycle', '--managed-tag', ''], '--managed-tag', /must be a tag KEY \(any value\) or KEY=VALUE, like owner or owner=terraform \(got ""\)/],
  [['--fix-lifecycle', '--managed-tag', '=terraform'], '--managed-tag', /must be a tag KEY .* \(got "=terraform"\)/],
  [['--fix-lifecycle', '--managed-tag=='], '--managed-tag', /must be a tag KEY .* \(got "="\)/],
  [['--managed-tag', 'k'.repeat(129)], '--managed-tag', /S3 tag keys are at most 128/],
  [['--fix-lifecycle', '--managed-tag'], '--managed-tag', /--managed-tag needs a value: --managed-tag KEY\[=VALUE\] \(see mpu-audit --help\)/],
  [['--yes=true', '--abort'], '--yes', /--yes takes no value: write --yes alone/],

  [['--accounts-from-organization', '--region', 'eu-west-1'], '--role-name', /needs --role-name NAME: the audit role each member account holds/],
  [['--accounts-from-organization', '--role-name', 'audit'], '--region', /needs --region \(repeatable\): the regions to audit in every account/],
  [['--accounts-from-organization', '--role-name', 'a/b', '--region', 'eu-west-1'], '--role-name', /must be an IAM role name: 1 to 64 letters, digits and \+ = , \. @ _ - \(got "a\/b"\)/],
  [['--accounts-from-organization', '--role-name', 'r'.repeat(65), '--region', 'eu-west-1'], '--role-name', /must be an IAM role name/],
  [['--accounts-from-organization', '--role-name', 'audit', '--region', 'eu-west-1', '--bucket', 'logs'], '--bucket', /bucket names belong to one account/],
  [['--accounts-from-organization', '--role-name', 'audit', '--region', 'eu-west-1', '--role-arn', 'arn:aws:iam::123456789012:role/x'], '--role-arn', /found in each account by --role-name/],
  [['--accounts-from-organization', '--role-name', 'audit', '--region', 'eu-west-1', '--abort'], '--abort', /run mpu-audit --role-arn ARN --abort in that account/],
  [['--accounts-from-organization', '--role-name', 'audit', '--region', 'eu-west-1', '--fix-lifecycle'], '--fix-lifecycle', /run mpu-audit --role-arn ARN --fix-lifecycle in that account/],
  [['--accounts-from-organization', '--role-name', 'audit', '--region', 'eu-west-1', '--format', 'csv'], '--format csv', /use table or json/],
  [['--accounts-from-organization', '--role-name', 'audit', '--region', 'eu-west-1', '--account-concurrency', '0'], '--account-concurrency', WHOLE],
  [['--accounts-from-organization', '--role-name', 'audit', '--region', 'eu-west-1', '--account-concurrency', '65'], '--account-concurrency', RANGE],
  [['--role-name', 'audit'], '--role-name', /belongs to --accounts-from-organization: give it too, or drop --role-name/],
  [['--account-concurrency', '2'], '--account-concurrency', /belongs to --accounts-from-organization/],
  [['--render-summary', 'summary.json', '--bucket', 'logs'], '--bucket', /--render-summary renders a file and audits nothing: drop --bucket/],
  [['--render-summary', 'summary.json', '--format', 'markdown'], '--format markdown', /not offered with --render-summary: use table or json/],
  [['--render-summary', ''], '--render-summary', /must not be empty: give the path of a summary.json/],
  [['--bukket', 'logs'], '--bukket', /Unknown option '--bukket': did you mean --bucket\? see mpu-audit --help/],
  [['--endpoint', 'http://x'], '--endpoint', /did you mean --endpoint-url\?/],
  [['--unknown-flag'], '--unknown-flag', /Unknown option '--unknown-flag': see mpu-audit --help for the options/],
  [['-x'], '-x', /Unknown option '-x': see mpu-audit --help/],
  [['logs'], '--bucket', /unexpected argument "logs": mpu-audit takes options only; to audit a bucket, write --bucket logs/],
];

// Every option that takes a value, given last without one.
const VALUE_FLAGS = [
  'bucket', 'region', 'prefix', 'older-than', 'max-days', 'format', 'output', 'profile', 'role-arn', 'endpoint-url',
  'concurrency', 'max-attempts', 'read-timeout', 'price-table', 'fail-on-bytes', 'days', 'role-name', 'account-concurrency', 'render-summary',
];

const PRICE_FILES = {
  'broken.json': '{ STANDARD: 1 }',
  'negative.json': '{ "STANDARD": -1 }',
  'list.json': '[0.023]',
  'text.json': '{ "GLACIER": "cheap" }',
};

describe('mpu-audit bad input: exit 2, one line naming the flag and the fix', () => {
  test.each(SWEEP)('%j', async (args, flag, fix) => {
    // GIVEN
    const run = io(PRICE_FILES);
    let s3Made = false;
    // WHEN
    const code = await runCli(args, run.io, () => { s3Made = true; return account(); });
    // THEN
    expectUsageLine(code, run.out, flag, fix);
    expect(s3Made).toBe(false);
  });

  test.each(VALUE_FLAGS)('--%s given last, without its value', async flag => {
    const run = io();
    const code = await runCli(['--fix-lifecycle', `--${flag}`], run.io, () => account());
    expectUsageLine(code, run.out, `--${flag}`, new RegExp(`--${flag} needs a value: --${flag} [A-Z]+ \\(see mpu-audit --help\\)`));
  });

  test('the valid neighbours of the sweep still run: 0s, --flag=value, an exact size, --days equal to --max-days', async () => {
    const run = io();
    const code = await runCli(['--older-than=0s', '--concurrency=1', '--fail-on-bytes', '1TiB', '--fix-lifecycle', '--days', '30', '--max-days', '30'],
      run.io, () => account());
    expect(code).toBe(ExitCode.OK);
    expect(run.out.stdout).toMatch(/^BUCKET/);
  });
});

describe('mpu-audit start-up failures: exit 2, one line, no report', () => {
  const noCredentials = () => Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' });
  const failing = (error: () => Error): S3Port => Object.assign(account(), {
    listBuckets: async () => { throw error(); },
    bucketRegion: async () => { throw error(); },
  });

  test.each([[[], {}], [['--bucket', 'logs'], {}], [['--bucket', 'logs', '--bucket', 'other'], {}], [[], { AWS_PROFILE: '' }]])('missing credentials, %j %j', async (args, env) => {
    const run = io({}, env);
    const code = await runCli(args, run.io, () => failing(noCredentials));
    expectUsageLine(code, run.out, '--profile', /no usable AWS credentials: .*Set AWS_PROFILE or --profile, or run aws sso login \/ aws configure\./);
  });

  const config = { '/home/me/.aws/config': '[default]\nregion = eu-west-1\n[profile audit]\nregion = eu-west-1\n[sso-session nope]\n' };

  test.each([[[]], [['--bucket', 'logs']]])('--profile that is not in the config files, %j', async args => {
    const run = io(config, { HOME: '/home/me' });
    const code = await runCli(['--profile', 'nope', ...args], run.io, () => failing(noCredentials));
    expectUsageLine(code, run.out, '--profile nope',
      /is not a profile in \/home\/me\/.aws\/config or \/home\/me\/.aws\/credentials: check the name with aws configure list-profiles$/m);
  });

  test('AWS_PROFILE that is not in AWS_CONFIG_FILE names the variable, and how to unset it', async () => {
    const run = io({ '/etc/aws.ini': '[profile audit]\n' }, { AWS_PROFILE: 'nope', AWS_CONFIG_FILE: '/etc/aws.ini', HOME: '/home/me' });
    const code = await runCli([], run.io, () => failing(noCredentials));
    expectUsageLine(code, run.out, 'AWS_PROFILE=nope', /is not a profile in \/etc\/aws.ini or \/home\/me\/.aws\/credentials: .*, or unset AWS_PROFILE$/m);
  });

  test('a profile that exists but gives no credentials says how to log in with it', async () => {
    const run = io(config, { HOME: '/home/me' });
    const code = await runCli(['--profile', 'audit'], run.io, () => failing(noCredentials));
    expectUsageLine(code, run.out, '--profile audit', /no usable AWS credentials from --profile audit: .*Run aws sso login --profile audit, or aws configure --profile audit\./);
  });

  /** A fake of what SdkS3 does when the endpoint never answers: it tells the CLI, and every request fails. */
  const unreachableS3: S3Factory = options => {
    const error = new EndpointUnreachableError(options.endpointUrl ?? `S3 in ${options.region ?? 'us-east-1'}`,
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }));
    return failing(() => {
      options.onStartUpFailure?.(error);
      return error;
    });
  };

  test.each([[[]], [['--bucket', 'logs']], [['--bucket', 'logs', '--bucket', 'other', '--format', 'json']]])('an endpoint that never answers, %j', async args => {
    const run = io();
    const code = await runCli(['--endpoint-url', 'http://127.0.0.1:1', ...args], run.io, unreachableS3);
    expectUsageLine(code, run.out, '--endpoint-url http://127.0.0.1:1',
      /cannot be reached \(connect ECONNREFUSED 127.0.0.1:1\): check the URL \(http:\/\/ or https:\/\/, host and port\) and that the server is running/);
  });

  test('without --endpoint-url the line names the region and the network instead', async () => {
    const run = io({}, { AWS_REGION: 'xx-nowhere-1' });
    const code = await runCli(['--bucket', 'logs'], run.io, unreachableS3);
    expectUsageLine(code, run.out, 'AWS_REGION', /cannot reach S3 in region xx-nowhere-1 \(.*\): check AWS_REGION and the network/);
  });

  test('any other failure to list the buckets stays exit 3', async () => {
    const run = io();
    expect(await runCli([], run.io, () => failing(accessDenied))).toBe(ExitCode.INCOMPLETE);
    expect(run.out.stderr).toBe('mpu-audit: cannot list the buckets to audit: AccessDenied (HTTP 403): Access Denied\n');
  });

  test('--output into a missing directory names --output, without the misleading --force hint', async () => {
    const run = io();
    run.io = { ...run.io, writeFile: () => { throw Object.assign(new Error("ENOENT: no such file or directory, open 'no/such/dir/r.csv'"), { code: 'ENOENT' }); } };
    const code = await runCli(['--output', 'no/such/dir/r.csv'], run.io, () => account());
    expectUsageLine(code, run.out, '--output no/such/dir/r.csv', /cannot write --output no\/such\/dir\/r.csv: ENOENT/);
    expect(run.out.stderr).not.toMatch(/--force/);
  });
});

describe('mpu-audit never prints credentials or signed URLs', () => {
  const SIGNATURE = '3f1e9a0c5b7d2e4f6a8b0c1d3e5f7a9b1c3d5e7f9a1b3c5d7e9f1a3b5c7d9e1f';
  const CREDENTIAL = 'AKIAFAKEKEYID00000001%2F20261122%2Fus-east-1%2Fs3%2Faws4_request';
  const TOKEN = 'SESSION-TOKEN-MARKER-0123456789';
  const SECRET = 'wJalrXUtnFEMI-SECRET-MARKER-bPxRfiCYEXAMPLEKEY';
  const signedUrl = `https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${CREDENTIAL}`
    + `&X-Amz-Security-Token=${TOKEN}&X-Amz-Signature=${SIGNATURE}`;
  const leaky = (name: string) => Object.assign(new Error([
    `request to ${signedUrl} failed`,
    `X-Amz-Signature=${SIGNATURE}&X-Amz-Credential=${CREDENTIAL}`,
    `Authorization: AWS4-HMAC-SHA256 Credential=${CREDENTIAL}, SignedHeaders=host;x-amz-date, Signature=${SIGNATURE}`,
    `x-amz-security-token: ${TOKEN}`,
    `{"headers":{"x-amz-security-token":"${TOKEN}","authorization":"AWS4-HMAC-SHA256 Credential=${CREDENTIAL}, SignedHeaders=host, Signature=${SIGNATURE}"}}`,
    `{"secretAccessKey":"${SECRET}","sessionToken":"${TOKEN}"} aws_secret_access_key = ${SECRET}`,
  ].join('\n')), { name, $metadata: { httpStatusCode: 403 } });

  /** Every call fails with a message full of secrets, for one bucket or the other. */
  function leakyAccount(where: 'lifecycle' | 'uploads' | 'parts' | 'clean-up'): S3Port {
    const s3 = new FakeS3({
      logs: { region: 'eu-west-1', uploads: [fakeUpload('a', 3 * DAY, [5, 5], NOW), fakeUpload('b', 3 * DAY, [7], NOW)] },
    });
    if (where === 'lifecycle') s3.getLifecycle = async () => { throw leaky('AccessDenied'); };
    if (where === 'uploads') s3.listUploads = () => ({ [Symbol.asyncIterator]: () => ({ next: async () => { throw leaky('SlowDown'); } }) });
    if (where === 'parts') s3.sumParts = async () => { throw leaky('InternalError'); };
    if (where === 'clean-up') {
      s3.abortUpload = async () => { throw leaky('AccessDenied'); };
      s3.putLifecycle = async () => { throw leaky('MalformedXML'); };
    }
    return s3;
  }

  function expectNoSecrets(text: string) {
    for (const secret of [SIGNATURE, CREDENTIAL, TOKEN, SECRET, 'AKIAFAKEKEYID00000001']) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/X-Amz-(Signature|Credential|Security-Token)=[^…]/i);
  }

  const FORMATS = ['table', 'json', 'csv', 'markdown'];
  const MODES: Array<'lifecycle' | 'uploads' | 'parts' | 'clean-up'> = ['lifecycle', 'uploads', 'parts', 'clean-up'];

  test.each(FORMATS.flatMap(format => MODES.map(mode => [format, mode])))('--format %s, failing %s', async (format, mode) => {
    for (const output of [[], ['--output', 'report']]) {
      const run = io();
      const code = await runCli(['--format', format, '--abort', '--yes', '--fix-lifecycle', ...output], run.io,
        () => leakyAccount(mode as 'lifecycle'));
      expect(code).toBe(ExitCode.INCOMPLETE);
      const printed = `${run.out.stdout}${run.out.stderr}${run.out.files.report ?? ''}`;
      // The error itself is reported, with its code, in one line per bucket or upload.
      expect(printed).toMatch(/AccessDenied|SlowDown|InternalError|MalformedXML/);
      expect(output.length === 0 ? run.out.stdout : run.out.files.report).not.toBe('');
      expectNoSecrets(printed);
    }
  });

  test('a start-up failure full of secrets, with and without --bucket', async () => {
    for (const args of [[], ['--bucket', 'logs']]) {
      const run = io();
      const s3 = Object.assign(account(), {
        listBuckets: async () => { throw leaky('CredentialsProviderError'); },
        bucketRegion: async () => { throw leaky('CredentialsProviderError'); },
      });
      expect(await runCli(args, run.io, () => s3)).toBe(ExitCode.USAGE);
      expect(run.out.stderr).toMatch(/^mpu-audit: no usable AWS credentials: CredentialsProviderError[^\n]*\n$/);
      expectNoSecrets(run.out.stderr);
    }
  });

  test('an --endpoint-url with a user and password in it is not echoed', async () => {
    const run = io();
    expect(await runCli(['--endpoint-url', `ftp://me:${SECRET}@example.com`], run.io, () => account())).toBe(ExitCode.USAGE);
    expect(run.out.stderr).toMatch(/^mpu-audit: --endpoint-url must be an http:\/\/ or https:\/\/ URL.*\(got "ftp:\/\/\*\*\*@example.com"\)\n$/);
    expectNoSecrets(run.out.stderr);
  });
});
