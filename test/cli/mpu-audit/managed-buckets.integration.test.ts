import { randomBytes } from 'node:crypto';
import {
  GetBucketLifecycleConfigurationCommand, GetBucketTaggingCommand, LifecycleRule, PutBucketLifecycleConfigurationCommand, PutBucketTaggingCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { parse } from 'yaml';
import { runMpuAudit } from '../../_helpers/run-mpu-audit';
import { clientOf, localS3Server, newBucket, removeBucket } from '../../_helpers/s3-test-server';
import { blockUnder } from '../../_helpers/text-block';

const server = localS3Server();
const describeS3 = server ? describe : describe.skip;

const FIX_RULE_ID = 'mpu-guard-abort-incomplete-uploads';
const EXPIRE_LOGS: LifecycleRule = { ID: 'expire-logs', Status: 'Enabled', Filter: { Prefix: 'logs/' }, Expiration: { Days: 30 } };
const ARCHIVE: LifecycleRule = {
  ID: 'archive', Status: 'Enabled', Filter: { Prefix: 'media/' }, Transitions: [{ Days: 30, StorageClass: 'GLACIER' }],
};

describeS3('mpu-audit --fix-lifecycle and buckets that a CloudFormation stack or another tool manages, on RGW', () => {
  let client: S3Client;
  const created: string[] = [];
  const cli = (...args: string[]) => runMpuAudit(['--endpoint-url', server!.endpointUrl, ...args], server!.env);
  const rulesOf = async (bucket: string) => (await client.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }))).Rules ?? [];
  const ruleIds = async (bucket: string) => (await rulesOf(bucket)).map(r => r.ID).sort();

  /** A bucket with two rules of its own and the tags CloudFormation puts on the buckets it creates. */
  async function stackBucket() {
    const bucket = await newBucket(client, 'managed');
    created.push(bucket);
    const stack = `Media${randomBytes(3).toString('hex')}`;
    const stackId = `arn:aws:cloudformation:${server!.region}:123456789012:stack/${stack}/1b2c3d40-0000-11ef-8000-0a1b2c3d4e5f`;
    await client.send(new PutBucketLifecycleConfigurationCommand({ Bucket: bucket, LifecycleConfiguration: { Rules: [EXPIRE_LOGS, ARCHIVE] } }));
    await tag(bucket, {
      'aws:cloudformation:stack-name': stack,
      'aws:cloudformation:stack-id': stackId,
      'aws:cloudformation:logical-id': 'VideosB1A2B3C4',
    });
    return { bucket, stack, stackId };
  }

  async function plainBucket(label = 'plain') {
    const bucket = await newBucket(client, label);
    created.push(bucket);
    return bucket;
  }

  const tag = (bucket: string, tags: Record<string, string>) => client.send(new PutBucketTaggingCommand({
    Bucket: bucket, Tagging: { TagSet: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) },
  }));

  beforeAll(() => {
    client = clientOf(server!);
  });

  afterAll(async () => {
    for (const bucket of created) await removeBucket(client, bucket);
  });

  test('RGW stores the aws:cloudformation: tags as CloudFormation writes them', async () => {
    const { bucket, stack } = await stackBucket();
    const held = (await client.send(new GetBucketTaggingCommand({ Bucket: bucket }))).TagSet ?? [];
    expect(held).toEqual(expect.arrayContaining([{ Key: 'aws:cloudformation:stack-name', Value: stack }]));
  });

  test('--yes leaves the stack\'s bucket unchanged on the server, says "managed by stack X: fix the source" with both forms, and fixes the bucket beside it; exit 3',
    async () => {
      // GIVEN
      const { bucket: managed, stack } = await stackBucket();
      const plain = await plainBucket();
      const before = await rulesOf(managed);
      // WHEN
      const run = cli('--bucket', managed, '--bucket', plain, '--fix-lifecycle', '--days', '3', '--yes');
      // THEN
      expect(run.exitCode).toBe(3);
      expect(await rulesOf(managed)).toEqual(before);
      expect(await ruleIds(plain)).toEqual([FIX_RULE_ID]);
      expect(run.stderr).toContain(`\n  not changed: managed by stack ${stack}: fix the source; `);
      expect(run.stderr).toContain('  In a CDK app, on the bucket whose logical id is VideosB1A2B3C4, one of:\n');
      expect(run.stderr).toContain(`      { id: '${FIX_RULE_ID}', abortIncompleteMultipartUploadAfter: Duration.days(3) }\n`);
      expect(run.stderr).toContain('      abortIncompleteUploadsAfter: Duration.days(3)\n');
      expect(run.stderr).toContain('AbortIncompleteUploadsFixer.applyTo(app, { maxDays: 3 })');
      expect(run.stderr).toMatch(/--fix-lifecycle left 1 managed bucket\(s\) as they were/);
      expect(run.stderr).not.toMatch(/warning/);
    });

  test('the printed template YAML parses and holds every rule the bucket holds, in template names, plus the abort rule', async () => {
    // GIVEN
    const { bucket } = await stackBucket();
    // WHEN
    const run = cli('--bucket', bucket, '--fix-lifecycle', '--days', '4');
    // THEN: a dry run prints the same
    expect(run.exitCode).toBe(3);
    const yaml = parse(blockUnder(run.stderr.split('\n'), /^ {2}In a CloudFormation template, under the Properties of the resource VideosB1A2B3C4:/));
    const rules = yaml.LifecycleConfiguration.Rules;
    expect(rules).toHaveLength(3);
    expect(rules).toEqual(expect.arrayContaining([
      { Id: 'expire-logs', Status: 'Enabled', Prefix: 'logs/', ExpirationInDays: 30 },
      { Id: 'archive', Status: 'Enabled', Prefix: 'media/', Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: 30 }] },
      { Id: FIX_RULE_ID, Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 4 } },
    ]));
  });

  test('--fix-managed writes to the stack\'s bucket, keeping its rules, with a warning on stderr that the next update reverts it; exit 0', async () => {
    // GIVEN
    const { bucket, stack } = await stackBucket();
    // WHEN
    const run = cli('--bucket', bucket, '--fix-lifecycle', '--fix-managed', '--yes');
    // THEN
    expect(run.exitCode).toBe(0);
    expect(await ruleIds(bucket)).toEqual(['archive', 'expire-logs', FIX_RULE_ID]);
    expect(run.stderr).toContain(`mpu-audit: warning: ${bucket} is managed by stack ${stack}: the stack's next update reverts this rule; fix the source too (below)\n`);
    expect(run.stderr).toContain('  written and read back\n');
    expect(run.stderr).toContain('  In a CloudFormation template, under the Properties of the resource VideosB1A2B3C4:');
    expect(run.stderr).not.toMatch(/not changed/);
  });

  test('--managed-tag owner=terraform keeps a Terraform-tagged bucket as it was and names the tag; without it the bucket is fixed', async () => {
    // GIVEN
    const [named, unnamed] = [await plainBucket('tf'), await plainBucket('tf')];
    await Promise.all([tag(named, { owner: 'terraform' }), tag(unnamed, { owner: 'terraform' })]);
    // WHEN
    const kept = cli('--bucket', named, '--fix-lifecycle', '--yes', '--managed-tag', 'owner=terraform');
    const fixed = cli('--bucket', unnamed, '--fix-lifecycle', '--yes', '--managed-tag', 'owner=pulumi');
    // THEN
    expect(kept.exitCode).toBe(3);
    expect(kept.stderr).toContain('  not changed: managed by the tag owner=terraform (--managed-tag): fix the source');
    expect(JSON.parse(blockUnder(kept.stderr.split('\n'), /--lifecycle-configuration takes it:$/)).Rules.map((r: LifecycleRule) => r.ID)).toEqual([FIX_RULE_ID]);
    await expect(rulesOf(named)).rejects.toMatchObject({ name: 'NoSuchLifecycleConfiguration' });
    expect(fixed.exitCode).toBe(0);
    expect(await ruleIds(unnamed)).toEqual([FIX_RULE_ID]);
  });

  test('the JSON report names who manages each bucket: the stack with its id and logical id, the named tag, or null', async () => {
    // GIVEN
    const { bucket: managed, stack, stackId } = await stackBucket();
    const terraform = await plainBucket('tf');
    await tag(terraform, { owner: 'terraform', team: 'media' });
    const plain = await plainBucket();
    await tag(plain, { team: 'media' });
    // WHEN
    const run = cli('--bucket', managed, '--bucket', terraform, '--bucket', plain, '--managed-tag', 'owner', '--format', 'json');
    // THEN
    expect(run.exitCode).toBe(0);
    const byName = Object.fromEntries(JSON.parse(run.stdout).buckets.map((b: { name: string }) => [b.name, b]));
    expect(byName[managed].managedBy).toEqual({ kind: 'cloudformation', stackName: stack, stackId, logicalId: 'VideosB1A2B3C4' });
    expect(byName[terraform].managedBy).toEqual({ kind: 'tag', key: 'owner', value: 'terraform' });
    expect(byName[plain].managedBy).toBeNull();
  });
});
