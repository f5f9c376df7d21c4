import { S3Client } from '@aws-sdk/client-s3';
import { NOT_AUDITED } from '../../src/audit/audit';
import { DEADLINE_MARGIN_MS } from '../../src/lambda/runtime/deadline';
import { OrganizationDependencies, auditTargetHandler, listTargetsHandler, summarizeRunHandler } from '../../src/organization/runtime/organization-handlers';
import { ORGANIZATION_SETTINGS_VARIABLE, OrganizationAuditSettings } from '../../src/organization/runtime/organization-settings';
import { S3ReportStore } from '../../src/organization/runtime/report-store';
import { SdkS3 } from '../../src/s3/sdk-s3';
import { clientOf, localS3Server, newBucket, removeBucket } from '../_helpers/s3-test-server';
import { seedUpload } from '../_helpers/seed';

const server = localS3Server();
const describeS3 = server ? describe : describe.skip;

const FIRST = '111111111111';
const OTHER = '222222222222';
const NO_ROLE = '333333333333';
/** RGW names its one zonegroup's region "default". */
const REGION = 'default';
const FIFTEEN_MINUTES = { getRemainingTimeInMillis: () => 900_000 };

describeS3('the organization audit\'s functions in process: two member accounts are two RGW users, the report bucket is on RGW too', () => {
  const clients: Record<string, S3Client> = {};
  const created: Array<[string, string]> = [];
  let reportBucket: string;
  const sizes = { a: [5_242_880, 1], b: [777], c: [4_096] };

  beforeAll(async () => {
    clients[FIRST] = clientOf(server!);
    clients[OTHER] = clientOf(server!, 'other');
    const make = async (account: string, label: string) => {
      const name = await newBucket(clients[account], label);
      created.push([account, name]);
      return name;
    };
    reportBucket = await make(FIRST, 'org-reports');
    await seedUpload(clients[FIRST], await make(FIRST, 'sfn-a'), 'a/1', sizes.a);
    await seedUpload(clients[FIRST], await make(FIRST, 'sfn-b'), 'b/1', sizes.b);
    await seedUpload(clients[OTHER], await make(OTHER, 'sfn-c'), 'c/1', sizes.c);
  });
  afterAll(async () => {
    for (const [account, name] of created) await removeBucket(clients[account], name);
  });

  function dependencies(overrides: Partial<OrganizationAuditSettings> = {}): () => OrganizationDependencies {
    const settings: OrganizationAuditSettings = {
      reportBucket, regions: [REGION], memberRoleName: 'mpu-guard-audit', partition: 'aws', olderThanSeconds: 0, maxDays: 7, concurrency: 8, ...overrides,
    };
    const keys: Record<string, { accessKeyId: string; secretAccessKey: string }> = {
      [FIRST]: { accessKeyId: server!.accessKeyId, secretAccessKey: server!.secretAccessKey },
      [OTHER]: server!.other,
    };
    return () => ({
      environment: { [ORGANIZATION_SETTINGS_VARIABLE]: JSON.stringify(settings) },
      store: bucket => new S3ReportStore(clients[FIRST], bucket),
      organizations: () => ({
        listActiveAccounts: async () => [{ id: FIRST, name: 'first' }, { id: OTHER, name: 'other' }, { id: NO_ROLE, name: 'sandbox' }],
      }),
      // The test's sts:AssumeRole: the role's account picks the user; the sandbox has no role.
      assumeRole: (roleArn, region) => {
        const account = /^arn:aws:iam::(\d{12}):role\/mpu-guard-audit$/.exec(roleArn)![1];
        const credentials = keys[account] ?? { accessKeyId: 'NOSUCHKEY', secretAccessKey: 'wrong' };
        return new SdkS3({ endpointUrl: server!.endpointUrl, region: region === REGION ? server!.region : region, credentials, maxAttempts: 1 });
      },
      now: () => new Date('2026-11-23T06:00:00Z'),
    });
  }

  const ours = (lines: any[]) => lines.filter(l => /^sfn-[abc]-/.test(l.name));
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

  test('list, audit each target, summarize: exact lines per bucket and a summary that counts the account it could not enter', async () => {
    // GIVEN
    const deps = dependencies();
    const store = new S3ReportStore(clients[FIRST], reportBucket);
    // WHEN: the three steps, as the state machine runs them
    const listed = await listTargetsHandler(deps)({ runId: 'run-1' });
    const targets = JSON.parse(await store.get(listed.targetsKey));
    const workerResults = [];
    for (const target of targets) workerResults.push(await auditTargetHandler(deps)({ runId: 'run-1', target }, FIFTEEN_MINUTES));
    const output = await summarizeRunHandler(deps)({ runId: 'run-1' });
    // THEN
    expect(listed).toEqual({ runId: 'run-1', targetsKey: 'runs/run-1/targets.json', count: 3 });
    expect(targets).toEqual([FIRST, OTHER, NO_ROLE].map((id, i) => ({ accountId: id, accountName: ['first', 'other', 'sandbox'][i], region: REGION })));
    expect(workerResults.map(r => [r.accountId, r.error === null])).toEqual([[FIRST, true], [OTHER, true], [NO_ROLE, false]]);
    expect(workerResults[2].error).toMatch(/InvalidAccessKeyId|credentials/i);

    const lines = (await store.get(output.reportKey)).trimEnd().split('\n').map(line => JSON.parse(line));
    expect(ours(lines).map(l => [l.accountId, l.name.slice(0, 5), l.bytes, l.uploads, l.verdict]).sort()).toEqual([
      [FIRST, 'sfn-a', sum(sizes.a), 1, 'MultipartUpload-MPU1'],
      [FIRST, 'sfn-b', sum(sizes.b), 1, 'MultipartUpload-MPU1'],
      [OTHER, 'sfn-c', sum(sizes.c), 1, 'MultipartUpload-MPU1'],
    ]);
    expect(lines.every(l => l.uploadList === undefined)).toBe(true);

    const summary = JSON.parse(await store.get(output.summaryKey));
    expect(output.summaryKey).toBe('runs/run-1/summary.json');
    expect(summary.generatedAt).toBe('2026-11-23T06:00:00.000Z');
    expect(summary.results.map((r: any) => r.accountId)).toEqual([FIRST, OTHER, NO_ROLE]);
    // The totals are the sum of each account's lines (other tests' buckets of the same users included)
    const linesOf = (account: string) => lines.filter(l => l.accountId === account && l.error === null);
    for (const [i, account] of [FIRST, OTHER].entries()) {
      const bucketsOf = lines.filter(l => l.accountId === account).length;
      expect(summary.results[i]).toMatchObject({ buckets: bucketsOf, bytes: sum(linesOf(account).map(l => l.bytes)) });
    }
    expect(summary.totals).toMatchObject({ accounts: 3, failedTargets: 1, bytes: sum(lines.filter(l => l.error === null).map(l => l.bytes)) });
    expect(output.totals).toEqual(summary.totals);
  });

  test('a worker that never finished is counted as failed by the summary, not left out', async () => {
    const deps = dependencies();
    await listTargetsHandler(deps)({ runId: 'run-2' });
    const store = new S3ReportStore(clients[FIRST], reportBucket);
    const [first] = JSON.parse(await store.get('runs/run-2/targets.json'));
    await auditTargetHandler(deps)({ runId: 'run-2', target: first }, FIFTEEN_MINUTES);
    const output = await summarizeRunHandler(deps)({ runId: 'run-2' });
    const summary = JSON.parse(await store.get(output.summaryKey));
    expect(summary.totals.failedTargets).toBe(2);
    expect(summary.results.filter((r: any) => r.error !== null).map((r: any) => [r.accountId, r.error])).toEqual([
      [OTHER, expect.stringMatching(/did not finish/)],
      [NO_ROLE, expect.stringMatching(/did not finish/)],
    ]);
  });

  test('a worker out of time writes what it covered: its buckets are "not audited", and the run is still summed up', async () => {
    const deps = dependencies();
    const store = new S3ReportStore(clients[FIRST], reportBucket);
    const target = { accountId: OTHER, accountName: 'other', region: REGION };
    const result = await auditTargetHandler(deps)({ runId: 'run-3', target }, { getRemainingTimeInMillis: () => DEADLINE_MARGIN_MS });
    const lines = (await store.get(`runs/run-3/parts/${OTHER}-${REGION}.jsonl`)).trimEnd().split('\n').map(line => JSON.parse(line));
    expect(lines.length).toBeGreaterThan(0);
    expect(new Set(lines.map(l => l.error))).toEqual(new Set([NOT_AUDITED]));
    // `stopped` is for programs: the lines keep the shape they had.
    expect(lines.filter(l => 'stopped' in l)).toEqual([]);
    expect(result).toMatchObject({ error: null, failedBuckets: lines.length, uploads: 0 });
  });

  test('a run id that could escape the runs/ prefix is refused', async () => {
    await expect(listTargetsHandler(dependencies())({ runId: '../../etc' })).rejects.toThrow(/runId must be 1 to 80 letters, digits, \. _ or -, starting with a letter or digit \(got "..\/..\/etc"\)/);
  });
});
