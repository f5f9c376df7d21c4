import { ExitCode } from '../../../src/cli/exit-code';
import { runCli } from '../../../src/cli/mpu-audit/run-cli';
import { S3ConnectionOptions } from '../../../src/s3/sdk-s3';
import { FakeS3, fakeUpload } from '../../_helpers/fake-s3';
import { memoryCliIo, NOW } from '../memory-cli-io';

const DAY = 86400;

const account = () => new FakeS3({
  logs: { region: 'eu-west-1', uploads: [fakeUpload('a', 3 * DAY, [5, 5], NOW), fakeUpload('b', 2 * DAY, [7], NOW), fakeUpload('young', 60, [1], NOW)] },
});

/** The JSON report of `mpu-audit --format json` over `s3` with `args`. */
async function reportOf(s3: FakeS3, args: string[] = []): Promise<string> {
  const made = memoryCliIo();
  expect(await runCli(['--format', 'json', ...args], made.io, () => s3)).toBe(ExitCode.OK);
  return made.out.stdout;
}

async function fromReport(s3: FakeS3, report: string, args: string[]) {
  const run = memoryCliIo({ 'plan.json': report });
  const exitCode = await runCli(['--abort', '--from-report', 'plan.json', ...args], run.io, () => s3);
  return { exitCode, ...run.out };
}

describe('mpu-audit --abort --from-report (in process, with a fake S3)', () => {
  test('aborts exactly the orphans of the report that are still there; new and young uploads are never touched', async () => {
    // GIVEN a report of two orphans, then one of them aborted by someone else and a new upload started
    const s3 = account();
    const report = await reportOf(s3);
    s3.buckets.logs.uploads = s3.buckets.logs.uploads.filter(u => u.key !== 'b');
    s3.buckets.logs.uploads.push(fakeUpload('late', 5 * DAY, [9], NOW));
    // WHEN
    const run = await fromReport(s3, report, ['--yes']);
    // THEN
    expect(run.exitCode).toBe(ExitCode.OK);
    expect(s3.buckets.logs.uploads.map(u => u.key).sort()).toEqual(['late', 'young']);
    expect(run.stderr).toMatch(/plan\.json \(made 2026-11-22T12:00:00\.000Z\) lists 2 orphaned upload\(s\): 1 still there; 1 gone since/);
    expect(run.stderr).toMatch(/aborted 1 of 1 orphaned upload\(s\), freed 10 B \(10 bytes\)/);
    expect(run.stdout).toBe('');
  });

  test('without --yes it is a dry run after the same check: nothing is aborted', async () => {
    const s3 = account();
    const run = await fromReport(s3, await reportOf(s3), []);
    expect(run.exitCode).toBe(ExitCode.OK);
    expect(run.stderr).toMatch(/dry run: --abort would abort 2 upload\(s\)/);
    expect(s3.buckets.logs.uploads).toHaveLength(3);
    expect(s3.calls.filter(call => call.startsWith('abortUpload'))).toEqual([]);
  });

  test('an upload listed under the same id but started at another time is left alone, and the clean-up is incomplete', async () => {
    const s3 = account();
    const report = await reportOf(s3);
    const a = s3.buckets.logs.uploads.findIndex(u => u.key === 'a');
    s3.buckets.logs.uploads[a] = { ...s3.buckets.logs.uploads[a], initiated: new Date(NOW.getTime() - DAY * 1000) };
    const run = await fromReport(s3, report, ['--yes']);
    expect(run.exitCode).toBe(ExitCode.INCOMPLETE);
    expect(run.stderr).toMatch(/left alone s3:\/\/logs\/a \(upload id-a\): the server says it started 2026-11-21T12:00:00.000Z, the report 2026-11-19T12:00:00.000Z/);
    expect(s3.buckets.logs.uploads.map(u => u.key).sort()).toEqual(['a', 'young']);
  });

  test('a summary report (--summary) is a plan too: its orphans are aborted, their size unknown', async () => {
    const s3 = account();
    const run = await fromReport(s3, await reportOf(s3, ['--summary']), ['--yes']);
    expect(run.exitCode).toBe(ExitCode.OK);
    expect(run.stderr).toMatch(/aborted 2 of 2 orphaned upload\(s\), freed size not read \(--summary\)/);
    expect(s3.buckets.logs.uploads.map(u => u.key)).toEqual(['young']);
  });

  test('an upload a hand-edited report lists twice is looked up and aborted once', async () => {
    const s3 = account();
    const report = JSON.parse(await reportOf(s3));
    report.buckets[0].uploadList.push(report.buckets[0].uploadList[0]);
    const run = await fromReport(s3, JSON.stringify(report), ['--yes']);
    expect(run.exitCode).toBe(ExitCode.OK);
    expect(run.stderr).toMatch(/lists 2 orphaned upload\(s\): 2 still there/);
    expect(s3.calls.filter(call => call.startsWith('abortUpload'))).toEqual(['abortUpload logs id-a', 'abortUpload logs id-b']);
  });

  test('a bucket deleted since the report took its uploads with it: gone, exit 0', async () => {
    const s3 = account();
    const report = await reportOf(s3);
    delete (s3.buckets as Record<string, unknown>).logs;
    const run = await fromReport(s3, report, ['--yes']);
    expect(run.exitCode).toBe(ExitCode.OK);
    expect(run.stderr).toMatch(/0 still there; 2 gone since/);
  });

  test('applied with nothing but --yes, the report\'s own --older-than, scope and exceptions apply, as a saved plan does', async () => {
    // GIVEN a report made with a floor of 0s (so the 60-second-old upload is an orphan), a bucket, a region and an exception
    const s3 = account();
    const report = await reportOf(s3, ['--older-than', '0s', '--bucket', 'logs', '--region', 'eu-west-1', '--exclude-prefix', 'a']);
    // WHEN the dry run and the real run are given nothing else
    const dryRun = await fromReport(s3, report, []);
    const run = await fromReport(s3, report, ['--yes']);
    // THEN the report's floor applies (under the default 24h the young upload would be left alone), and its exception keeps a
    expect(dryRun.exitCode).toBe(ExitCode.OK);
    expect(dryRun.stderr).toMatch(/dry run: --abort would abort 2 upload\(s\) older than 0s/);
    expect(run.exitCode).toBe(ExitCode.OK);
    expect(run.stderr).toMatch(/lists 2 orphaned upload\(s\): 2 still there; 0 gone since \(completed or aborted meanwhile\); 0 left alone/);
    expect(run.stderr).toMatch(/aborted 2 of 2 orphaned upload\(s\)/);
    expect(run.stderr).toMatch(/kept s3:\/\/logs\/a \(upload id-a, 10 bytes\): key under --exclude-prefix a/);
    expect(s3.buckets.logs.uploads.map(u => u.key)).toEqual(['a']);
  });

  test('an option given with the value the report was made with is accepted, however it is written', async () => {
    const s3 = account();
    const report = await reportOf(s3, ['--older-than', '36h', '--bucket', 'logs', '--keep-initiator', 'me']);
    const run = await fromReport(s3, report, ['--yes', '--older-than', '2160m', '--bucket', 'logs', '--bucket', 'logs', '--keep-initiator', 'me']);
    expect(run.exitCode).toBe(ExitCode.OK);
    expect(run.stderr).toMatch(/aborted 2 of 2 orphaned upload\(s\)/);
    expect(s3.buckets.logs.uploads.map(u => u.key)).toEqual(['young']);
  });

  test.each([
    ['--older-than', ['--older-than', '2d'], ['--older-than', '24h'], 'was made with --older-than 2d, and this run gives --older-than 24h'],
    ['--older-than', ['--older-than', '0s'], ['--older-than', '1s'], 'was made with --older-than 0s, and this run gives --older-than 1s'],
    ['--bucket', ['--bucket', 'logs'], ['--bucket', 'other'], 'was made with --bucket logs, and this run gives --bucket other'],
    ['--bucket', [], ['--bucket', 'logs'], 'was made with no --bucket, and this run gives --bucket logs'],
    ['--region', [], ['--region', 'eu-west-1'], 'was made with no --region, and this run gives --region eu-west-1'],
    ['--prefix', ['--prefix', 'a'], ['--prefix', 'b'], 'was made with --prefix a, and this run gives --prefix b'],
    ['--prefix', ['--prefix', 'a b'], ['--prefix', 'a'], 'was made with --prefix "a b", and this run gives --prefix a'],
    ['--exclude-prefix', ['--exclude-prefix', 'a'], ['--exclude-prefix', 'a', '--exclude-prefix', 'b'],
      'was made with --exclude-prefix a, and this run gives --exclude-prefix a --exclude-prefix b'],
    ['--keep-initiator', [], ['--keep-initiator', 'me'], 'was made with no --keep-initiator, and this run gives --keep-initiator me'],
  ])('an option %s given with another value than the report\'s is refused with one line naming it, and nothing is sent', async (name, madeWith, runWith, message) => {
    const s3 = account();
    const report = await reportOf(s3, madeWith);
    const calls = s3.calls.length;
    const run = await fromReport(s3, report, ['--yes', ...runWith]);
    expect(run.exitCode).toBe(ExitCode.USAGE);
    expect(run.stderr).toBe(`mpu-audit: --from-report plan.json ${message}: `
      + `drop ${name} to apply the report with the options it was made with, or make a new report\n`);
    expect(s3.calls.length).toBe(calls);
    expect(s3.buckets.logs.uploads).toHaveLength(3);
  });

  test('of the options given, only the one that differs from the report is named', async () => {
    const s3 = account();
    const report = await reportOf(s3, ['--bucket', 'logs', '--older-than', '2d', '--prefix', 'a']);
    const run = await fromReport(s3, report, ['--yes', '--bucket', 'logs', '--prefix', 'b', '--older-than', '2d']);
    expect(run.exitCode).toBe(ExitCode.USAGE);
    expect(run.stderr).toBe('mpu-audit: --from-report plan.json was made with --prefix a, and this run gives --prefix b: '
      + 'drop --prefix to apply the report with the options it was made with, or make a new report\n');
  });

  test('a value of a hand-edited report that holds a line break or a terminal escape is named on one line, quoted', async () => {
    const s3 = account();
    const report = JSON.parse(await reportOf(s3));
    report.scope.prefix = 'x\n\u001b[31mDONE';
    const run = await fromReport(s3, JSON.stringify(report), ['--yes', '--prefix', 'x']);
    expect(run.exitCode).toBe(ExitCode.USAGE);
    expect(run.stderr.split('\n')).toHaveLength(2);
    expect(run.stderr).toContain('was made with --prefix "x\\n\\u001b[31mDONE", and this run gives --prefix x: drop --prefix');
  });

  test('the connection options, which a report does not record, come from the command line', async () => {
    const s3 = account();
    const report = await reportOf(s3);
    const run = memoryCliIo({ 'plan.json': report });
    const made: S3ConnectionOptions[] = [];
    const args = ['--abort', '--from-report', 'plan.json', '--yes', '--profile', 'ops', '--endpoint-url', 'http://localhost:7480', '--max-attempts', '2', '--concurrency', '1'];
    expect(await runCli(args, run.io, options => { made.push(options); return s3; })).toBe(ExitCode.OK);
    expect(made).toEqual([expect.objectContaining({ profile: 'ops', endpointUrl: 'http://localhost:7480', maxAttempts: 2 })]);
    expect(s3.buckets.logs.uploads.map(u => u.key)).toEqual(['young']);
  });

  test('an upload the reviewed report keeps on purpose is never aborted, and is listed as kept', async () => {
    const s3 = account();
    const run = await fromReport(s3, await reportOf(s3, ['--exclude-prefix', 'a']), ['--yes', '--exclude-prefix', 'a']);
    expect(run.exitCode).toBe(ExitCode.OK);
    expect(run.stderr).toMatch(/lists 1 orphaned upload\(s\): 1 still there/);
    expect(run.stderr).toMatch(/kept s3:\/\/logs\/a \(upload id-a, 10 bytes\): key under --exclude-prefix a/);
    expect(s3.buckets.logs.uploads.map(u => u.key).sort()).toEqual(['a', 'young']);
  });

  test('the same options in another order and repeated are the same scope', async () => {
    const s3 = account();
    const report = await reportOf(s3, ['--region', 'eu-west-1', '--region', 'us-east-1']);
    const run = await fromReport(s3, report, ['--yes', '--region', 'us-east-1', '--region', 'eu-west-1', '--region', 'us-east-1']);
    expect(run.exitCode).toBe(ExitCode.OK);
    expect(s3.buckets.logs.uploads.map(u => u.key)).toEqual(['young']);
  });

  const REPORT_HEAD = { generatedAt: '2026-11-22T12:00:00.000Z', olderThanSeconds: 86400, partsRead: true, scope: { buckets: [], regions: [], prefix: null, excludePrefixes: [], keepInitiators: [] } };
  test.each([
    ['a table', 'bucket  region\nlogs    eu-west-1\n', /is not valid JSON: .*: give a report written by mpu-audit --format json --output FILE$/],
    ['a list', '[]', /is not a report of mpu-audit --format json --output FILE: it is not a JSON object$/],
    ['an organization summary', JSON.stringify({ generatedAt: 'x', results: [], totals: {} }), /it is an organization summary, which lists no uploads/],
    ['a negative age floor', JSON.stringify({ ...REPORT_HEAD, olderThanSeconds: -1, buckets: [] }), /olderThanSeconds is not a whole number of seconds, 0 or more$/],
    ['an age floor in fractions of a second', JSON.stringify({ ...REPORT_HEAD, olderThanSeconds: 0.5, buckets: [] }), /olderThanSeconds is not a whole number of seconds, 0 or more$/],
    ['a report without scope', JSON.stringify({ ...REPORT_HEAD, scope: undefined, buckets: [] }), /it has no scope, so the options it was made with are unknown/],
    ['a bucket without a region', JSON.stringify({ ...REPORT_HEAD, buckets: [{ name: 'logs', uploadList: [] }] }), /buckets\[0\]\.region is not a non-empty string$/],
    ['an upload without an id', JSON.stringify({
      ...REPORT_HEAD,
      buckets: [{ name: 'logs', region: 'eu-west-1', uploadList: [{ key: 'a', initiated: '2026-01-01T00:00:00Z', ageSeconds: 1, storageClass: 'STANDARD', parts: 1, bytes: 1, orphan: true }] }],
    }), /buckets\[0\]\.uploadList\[0\]\.uploadId is not a string$/],
  ])('%s is refused with one line naming the file, and nothing is sent', async (_, text, message) => {
    const s3 = account();
    const run = await fromReport(s3, text, ['--yes']);
    expect(run.exitCode).toBe(ExitCode.USAGE);
    expect(run.stderr.split('\n')).toHaveLength(2);
    expect(run.stderr).toMatch(/^mpu-audit: --from-report plan\.json /);
    expect(run.stderr.trimEnd()).toMatch(message);
    expect(s3.calls).toEqual([]);
  });

  test('a file that cannot be read is a usage error naming it', async () => {
    const run = memoryCliIo();
    expect(await runCli(['--abort', '--from-report', 'nope.json'], run.io, () => account())).toBe(ExitCode.USAGE);
    expect(run.out.stderr).toMatch(/^mpu-audit: --from-report nope\.json cannot be read: .*ENOENT.*: give a report written by mpu-audit --format json --output FILE\n$/);
  });

  test.each([
    [['--from-report', 'plan.json'], 'mpu-audit: --from-report needs --abort: it aborts the orphans of the reviewed report\n'],
    [['--abort', '--from-report', 'plan.json', '--format', 'json'], 'mpu-audit: --from-report aborts the orphans of a reviewed report and audits nothing: drop --format\n'],
    [['--abort', '--from-report', 'plan.json', '--fix-lifecycle'], 'mpu-audit: --from-report aborts the orphans of a reviewed report and audits nothing: drop --fix-lifecycle\n'],
  ])('%j is refused with one line', async (args, message) => {
    const run = memoryCliIo({ 'plan.json': '{}' });
    expect(await runCli(args, run.io, () => account())).toBe(ExitCode.USAGE);
    expect(run.out.stderr).toBe(message);
  });
});
