import { ExitCode } from '../../../src/cli/exit-code';
import { runCli } from '../../../src/cli/mpu-audit/run-cli';
import { OrganizationAccounts } from '../../../src/organization/runtime/organization-accounts';
import { S3Port } from '../../../src/s3/s3-port';
import { S3ConnectionOptions } from '../../../src/s3/sdk-s3';
import { accessDenied, FakeS3, fakeUpload } from '../../_helpers/fake-s3';
import { memoryCliIo, NOW } from '../memory-cli-io';

const DAY = 86400;
const ORG = ['--accounts-from-organization', '--role-name', 'mpu-guard-audit', '--region', 'eu-west-1', '--region', 'us-east-1'];

/** Three member accounts; the third has no audit role, so assuming it fails. */
function organization() {
  const accounts: Record<string, FakeS3> = {
    111111111111: new FakeS3({
      logs: { region: 'eu-west-1', uploads: [fakeUpload('a', 3 * DAY, [5, 5], NOW), fakeUpload('young', 60, [9], NOW)] },
      media: { region: 'us-east-1', uploads: [fakeUpload('m', 2 * DAY, [100], NOW)] },
    }),
    222222222222: new FakeS3({
      backups: { region: 'eu-west-1', uploads: [fakeUpload('b', 9 * DAY, [7, 7, 7], NOW)] },
    }),
  };
  const roles: string[] = [];
  const makeS3 = (options: S3ConnectionOptions): S3Port => {
    roles.push(`${options.roleArn} ${options.region}`);
    const account = /^arn:aws:iam::(\d{12}):role\/mpu-guard-audit$/.exec(options.roleArn ?? '')?.[1];
    const s3 = account === undefined ? undefined : accounts[account];
    if (s3) return s3;
    const denied = new FakeS3({});
    denied.listBuckets = async () => { throw accessDenied(); };
    return denied;
  };
  const org: OrganizationAccounts = {
    listActiveAccounts: async () => [{ id: '111111111111', name: 'prod' }, { id: '222222222222', name: 'backup' }, { id: '333333333333', name: 'sandbox' }],
  };
  return { makeS3, roles, makeOrganizations: () => org };
}

describe('mpu-audit --accounts-from-organization (in process, fakes for S3 and Organizations)', () => {
  test('audits every account in every region through the member role, and sums them up exactly', async () => {
    // GIVEN
    const { io, out } = memoryCliIo();
    const org = organization();
    // WHEN
    const code = await runCli([...ORG, '--format', 'json'], io, org.makeS3, org.makeOrganizations);
    // THEN: six targets; the sandbox account's role cannot be assumed, which makes the run incomplete
    expect(code).toBe(ExitCode.INCOMPLETE);
    expect(org.roles.sort()).toEqual(['111111111111', '222222222222', '333333333333'].flatMap(id =>
      ['eu-west-1', 'us-east-1'].map(region => `arn:aws:iam::${id}:role/mpu-guard-audit ${region}`)));
    const summary = JSON.parse(out.stdout);
    expect(summary.results.map((r: any) => [r.accountId, r.accountName, r.region, r.buckets, r.uploads, r.bytes, r.error === null])).toEqual([
      ['111111111111', 'prod', 'eu-west-1', 1, 1, 10, true],
      ['111111111111', 'prod', 'us-east-1', 1, 1, 100, true],
      ['222222222222', 'backup', 'eu-west-1', 1, 1, 21, true],
      ['222222222222', 'backup', 'us-east-1', 0, 0, 0, true],
      ['333333333333', 'sandbox', 'eu-west-1', 0, 0, 0, false],
      ['333333333333', 'sandbox', 'us-east-1', 0, 0, 0, false],
    ]);
    expect(summary.results[4].error).toMatch(/AccessDenied/);
    expect(summary.totals).toEqual({
      accounts: 3, buckets: 3, bucketsFailingRule: 3, failedBuckets: 0, uploads: 3, bytes: 131, estimatedMonthlyCostUsd: 0, failedTargets: 2,
    });
    expect(out.stderr).toBe('mpu-audit: incomplete: 2 account and region pair(s) could not be audited, 0 bucket(s) could not be read in full\n');
  });

  test('the table has a row per account and region and a TOTAL row; --render-summary of the JSON prints the same table', async () => {
    const org = organization();
    const table = memoryCliIo();
    await runCli(ORG, table.io, org.makeS3, org.makeOrganizations);
    const lines = table.out.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ACCOUNT\s+NAME\s+REGION\s+BUCKETS\s+FAILING RULE\s+ORPHANED UPLOADS\s+SIZE\s+EST. USD\/MONTH\s+ERROR$/);
    expect(lines[1]).toMatch(/^111111111111\s+prod\s+eu-west-1\s+1\s+1\s+1\s+10 B\s+0.00\s+-$/);
    expect(lines[7]).toMatch(/^TOTAL\s+3 account\(s\)\s+3\s+3\s+3\s+131 B\s+0.00$/);
    expect(lines[8]).toBe('2 account and region pair(s) could not be audited; totals cover the others.');

    const json = memoryCliIo();
    await runCli([...ORG, '--format', 'json'], json.io, organization().makeS3, organization().makeOrganizations);
    const rendered = memoryCliIo({ 'summary.json': json.out.stdout });
    expect(await runCli(['--render-summary', 'summary.json'], rendered.io, () => { throw new Error('no S3 call'); })).toBe(ExitCode.OK);
    expect(rendered.out.stdout).toBe(table.out.stdout);
  });

  test('audits at most --account-concurrency accounts and regions at once, and all of them', async () => {
    const org = organization();
    let open = 0;
    let mostOpen = 0;
    const slow = (options: S3ConnectionOptions): S3Port => {
      const s3 = org.makeS3(options);
      return Object.assign(Object.create(s3), {
        listBuckets: async () => {
          mostOpen = Math.max(mostOpen, ++open);
          await new Promise(resolve => setTimeout(resolve, 5));
          open--;
          return s3.listBuckets();
        },
      });
    };
    const { io } = memoryCliIo();
    await runCli([...ORG, '--account-concurrency', '2'], io, slow, org.makeOrganizations);
    expect(mostOpen).toBe(2);
    expect(org.roles).toHaveLength(6);
  });

  test('thresholds apply to the organization totals', async () => {
    const run = async (...flags: string[]) => {
      const org = organization();
      const okOrg = { makeOrganizations: () => ({ listActiveAccounts: async () => [{ id: '111111111111', name: 'prod' }] }) };
      return runCli([...ORG, ...flags], memoryCliIo().io, org.makeS3, okOrg.makeOrganizations);
    };
    expect(await run()).toBe(ExitCode.OK);
    expect(await run('--fail-on-bytes', '109')).toBe(ExitCode.THRESHOLD_CROSSED);
    expect(await run('--fail-on-bytes', '110')).toBe(ExitCode.OK);
    expect(await run('--fail-on-missing-rule')).toBe(ExitCode.THRESHOLD_CROSSED);
  });

  test('an organization that cannot be listed: one line naming the permission, exit 3, nothing on stdout', async () => {
    const { io, out } = memoryCliIo();
    const denied = () => ({ listActiveAccounts: async () => { throw accessDenied(); } });
    expect(await runCli(ORG, io, () => new FakeS3({}), denied)).toBe(ExitCode.INCOMPLETE);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(/^mpu-audit: cannot list the organization's accounts: .*AccessDenied.*needs organizations:ListAccounts, in the management account or a delegated administrator\n$/);
  });
});

/** A summary of one account whose result has `fields` changed (undefined: left out). */
function summaryWith(fields: Record<string, unknown>): string {
  const counts = { buckets: 1, bucketsFailingRule: 0, failedBuckets: 0, uploads: 0, bytes: 0, estimatedMonthlyCostUsd: 0 };
  const result = { accountId: '111111111111', accountName: 'prod', region: 'eu-west-1', ...counts, error: null, ...fields };
  const totals = { accounts: 1, ...counts, failedTargets: 0 };
  return JSON.stringify({ generatedAt: '2026-11-22T12:00:00.000Z', results: [result], totals });
}

describe('mpu-audit --render-summary', () => {
  test.each([
    ['a missing file', {}, /^mpu-audit: --render-summary summary.json cannot be read: .*ENOENT/],
    ['a file that is not JSON', { 'summary.json': '{ results: [' }, /^mpu-audit: --render-summary summary.json is not valid JSON: expected a property name in double quotes at line 1, column 3$/m],
    ['an audit report, not a summary', { 'summary.json': '{"generatedAt":"x","buckets":[]}' }, /^mpu-audit: --render-summary summary.json is not an organization summary .*: results is missing/],
    ['a result without its account', { 'summary.json': '{"generatedAt":"x","results":[{"region":"eu-west-1"}],"totals":{}}' }, /results\[0\].accountId is missing/],
    ['a result without its bytes', { 'summary.json': summaryWith({ bytes: undefined }) },
      /summary.json is not an organization summary .*: results\[0\].bytes is missing\n$/],
    ['a cost of the wrong kind', { 'summary.json': summaryWith({ estimatedMonthlyCostUsd: 'SECRET' }) },
      /summary.json is not an organization summary .*: results\[0\].estimatedMonthlyCostUsd is a string, not a number or null\n$/],
    ['an error that is an object', { 'summary.json': summaryWith({ error: { SECRET: 1 } }) }, /: results\[0\].error is an object, not a string or null\n$/],
  ])('%s: exit 2 and one line', async (_, files, message) => {
    const { io, out } = memoryCliIo(files as Record<string, string>);
    expect(await runCli(['--render-summary', 'summary.json'], io, () => new FakeS3({}))).toBe(ExitCode.USAGE);
    expect(out.stderr).toMatch(message);
    expect(out.stderr.split('\n')).toHaveLength(2);
    expect(out.stderr).not.toContain('SECRET');
    expect(out.stdout).toBe('');
  });

  test('--format json writes back the fields of a summary, and nothing else the file holds', async () => {
    const { io, out } = memoryCliIo({ 'summary.json': summaryWith({ extra: 'SECRET' }).replace('{', '{"also":[[["SECRET"]]],') });
    expect(await runCli(['--render-summary', 'summary.json', '--format', 'json'], io, () => new FakeS3({}))).toBe(ExitCode.OK);
    expect(JSON.parse(out.stdout)).toEqual(JSON.parse(summaryWith({})));
  });
});
