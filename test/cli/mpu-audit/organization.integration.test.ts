import { S3Client } from '@aws-sdk/client-s3';
import { ExitCode } from '../../../src/cli/exit-code';
import { runCli } from '../../../src/cli/mpu-audit/run-cli';
import { auditAccountRegion } from '../../../src/organization/runtime/account-region-audit';
import { SdkS3, S3ConnectionOptions } from '../../../src/s3/sdk-s3';
import { clientOf, localS3Server, newBucket, removeBucket } from '../../_helpers/s3-test-server';
import { seedUpload } from '../../_helpers/seed';
import { memoryCliIo } from '../memory-cli-io';

const server = localS3Server();
const describeS3 = server ? describe : describe.skip;

/** Two simulated member accounts: the two users of the local S3 server. */
const FIRST = '111111111111';
const OTHER = '222222222222';
/** RGW names its one zonegroup's region "default" in GetBucketLocation. */
const REGION = 'default';

describeS3('the organization audit against a real S3 server: two accounts are two RGW users', () => {
  const clients: Record<string, S3Client> = {};
  const buckets: Record<string, string[]> = { [FIRST]: [], [OTHER]: [] };
  const credentials = () => ({
    [FIRST]: { accessKeyId: server!.accessKeyId, secretAccessKey: server!.secretAccessKey },
    [OTHER]: server!.other,
  });
  /** The test's "sts:AssumeRole": the account in the role ARN picks the user. */
  const assumeRole = (options: S3ConnectionOptions) => {
    const account = /^arn:aws:iam::(\d{12}):role\/mpu-guard-audit$/.exec(options.roleArn ?? '')![1];
    return new SdkS3({ ...options, roleArn: undefined, credentials: credentials()[account as keyof ReturnType<typeof credentials>] });
  };

  beforeAll(async () => {
    clients[FIRST] = clientOf(server!);
    clients[OTHER] = clientOf(server!, 'other');
    buckets[FIRST].push(await newBucket(clients[FIRST], 'org-a'), await newBucket(clients[FIRST], 'org-b'));
    buckets[OTHER].push(await newBucket(clients[OTHER], 'org-c'));
    await seedUpload(clients[FIRST], buckets[FIRST][0], 'x', [5_242_880, 10]);
    await seedUpload(clients[FIRST], buckets[FIRST][1], 'y', [300]);
    await seedUpload(clients[OTHER], buckets[OTHER][0], 'z', [4_000]);
    await seedUpload(clients[OTHER], buckets[OTHER][0], 'w', [5]);
  });
  afterAll(async () => {
    for (const [account, names] of Object.entries(buckets)) for (const name of names) await removeBucket(clients[account], name);
  });

  test('auditAccountRegion gives one JSON line per bucket, with its account, and the account\'s exact totals', async () => {
    const mine = (lines: Array<{ name: string }>, account: string) => lines.filter(l => buckets[account].includes(l.name));
    for (const [account, bytes] of [[FIRST, [5_242_890, 300]], [OTHER, [4_005]]] as const) {
      const s3 = assumeRole({ endpointUrl: server!.endpointUrl, region: server!.region, roleArn: `arn:aws:iam::${account}:role/mpu-guard-audit` });
      const result = await auditAccountRegion({ accountId: account, accountName: `acct-${account}`, region: REGION }, s3, { olderThanSeconds: 0 });
      const lines = mine(result.lines, account);
      expect(lines.map(l => ({ ...l }))).toEqual(buckets[account].map((name, i) => expect.objectContaining({
        accountId: account, accountName: `acct-${account}`, name, region: REGION, bytes: bytes[i], verdict: 'MultipartUpload-MPU1', error: null,
      })));
      expect(lines.every(l => !('uploadList' in l))).toBe(true);
      expect(result.summary.error).toBeNull();
      expect(result.summary.bytes).toBeGreaterThanOrEqual(bytes.reduce((a, b) => a + b, 0));
    }
  });

  test('mpu-audit --accounts-from-organization audits both accounts and sums them up', async () => {
    // GIVEN: an organization of the two accounts; each audit is scoped by --prefix to this test's uploads
    const org = () => ({ listActiveAccounts: async () => [{ id: OTHER, name: 'other' }, { id: FIRST, name: 'first' }] });
    const run = memoryCliIo();
    const only = async (prefix: string) => {
      const code = await runCli([
        '--accounts-from-organization', '--role-name', 'mpu-guard-audit', '--region', REGION,
        '--endpoint-url', server!.endpointUrl, '--older-than', '0s', '--prefix', prefix, '--format', 'json',
      ], run.io, assumeRole, org);
      return { code, summary: JSON.parse(run.out.stdout) };
    };
    // WHEN: the prefix 'z' matches only the other account's upload z
    const { code, summary } = await only('z');
    // THEN
    expect(code).toBe(ExitCode.OK);
    expect(summary.results.map((r: any) => [r.accountId, r.accountName, r.region, r.error])).toEqual([
      [FIRST, 'first', REGION, null],
      [OTHER, 'other', REGION, null],
    ]);
    const [first, other] = summary.results;
    expect(first).toMatchObject({ uploads: 0, bytes: 0 });
    expect(other).toMatchObject({ uploads: 1, bytes: 4_000 });
    expect(first.buckets).toBeGreaterThanOrEqual(2);
    expect(other.buckets).toBeGreaterThanOrEqual(1);
    expect(summary.totals).toMatchObject({ accounts: 2, uploads: 1, bytes: 4_000, failedTargets: 0, failedBuckets: 0 });
  });
});
