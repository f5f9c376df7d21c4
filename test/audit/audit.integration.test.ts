import {
  AbortMultipartUploadCommand, GetBucketLifecycleConfigurationCommand, LifecycleRule, ListMultipartUploadsCommand,
  PutBucketLifecycleConfigurationCommand, S3Client,
} from '@aws-sdk/client-s3';
import { abortOrphans, audit, AuditReport, fixLifecycles, FIX_RULE_ID, SdkS3 } from '../../src/audit';
import { clientOf, localS3Server, newBucket } from '../_helpers/s3-test-server';
import { seedCompleted, seedUpload, sleep } from '../_helpers/seed';

const server = localS3Server();
const describeS3 = server ? describe : describe.skip;

describeS3('mpu-audit against a real S3 server (Ceph RGW through the AWS SDK)', () => {
  let client: S3Client;
  let s3: SdkS3;

  beforeAll(() => {
    Object.assign(process.env, server!.env);
    client = clientOf(server!);
    s3 = new SdkS3({ endpointUrl: server!.endpointUrl, region: server!.region });
  });

  const bucketOf = (report: AuditReport, name: string) => report.buckets.find(b => b.name === name)!;
  const uploadsLeft = async (bucket: string) => (await client.send(new ListMultipartUploadsCommand({ Bucket: bucket }))).Uploads ?? [];

  test('exact parts and bytes: over 1,000 uploads, an upload of over 1,000 parts, odd keys; completed and young uploads are no orphans', async () => {
    // GIVEN
    const many = await newBucket(client, 'many');
    const manySizes = Array.from({ length: 1050 }, (_, i) => (i % 7) + 1);
    await Promise.all(manySizes.map((size, i) => seedUpload(client, many, `upload-${String(i).padStart(4, '0')}`, [size])));
    const mixed = await newBucket(client, 'mixed');
    const seeded = [
      await seedUpload(client, mixed, 'big/many-parts.bin', Array.from({ length: 1001 }, () => 3)),
      await seedUpload(client, mixed, 'with space/a b.bin', [10, 20]),
      await seedUpload(client, mixed, 'ünïcødé/ファイル.bin', [30, 40]),
      await seedUpload(client, mixed, 'plus+sign/c+d.bin', [50, 60]),
    ];
    await seedCompleted(client, mixed, 'done.bin', 1000);
    await sleep(6000);
    await seedUpload(client, mixed, 'young.bin', [5]);

    // WHEN
    const report = await audit(s3, { buckets: [many, mixed], olderThanSeconds: 5 });

    // THEN
    expect(bucketOf(report, many)).toMatchObject({ uploads: 1050, parts: 1050, bytes: manySizes.reduce((a, b) => a + b, 0), error: null, verdict: 'MultipartUpload-MPU1' });
    expect(bucketOf(report, mixed)).toMatchObject({
      uploads: 4, parts: 1007, bytes: 3003 + 30 + 70 + 110, inProgress: { uploads: 1, bytes: 5 }, error: null,
    });
    expect(bucketOf(report, mixed).uploadList.filter(u => u.orphan).map(u => [u.key, u.uploadId, u.parts, u.bytes]).sort())
      .toEqual(seeded.map(s => [s.key, s.uploadId, s.parts, s.bytes]).sort());
    expect(bucketOf(report, mixed).uploadList.map(u => u.key)).not.toContain('done.bin');
    expect(report.totals).toMatchObject({ buckets: 2, uploads: 1054, parts: 2057, bytes: bucketOf(report, many).bytes! + 3213, failedBuckets: 0 });
  });

  test('the worked example: three of five parts land, the audit shows their bytes, the rule is added, the server aborts, the audit shows zero', async () => {
    // GIVEN three 1 MiB parts of a five-part backup, the client gone
    const vault = await newBucket(client, 'vault');
    await seedUpload(client, vault, 'backup.tar', [1, 2, 3].map(() => 2 ** 20));

    const before = await audit(s3, { buckets: [vault], olderThanSeconds: 0 });
    expect(bucketOf(before, vault)).toMatchObject({ verdict: 'MultipartUpload-MPU1', uploads: 1, parts: 3, bytes: 3 * 2 ** 20 });

    // WHEN the abort rule is added (a lifecycle "day" lasts 10 s on this server)
    const [fix] = await fixLifecycles(s3, [{ name: vault, region: server!.region }], { days: 1, maxDays: 7, yes: true, concurrency: 4 });
    expect(fix).toMatchObject({ applied: true, error: null });
    for (let waited = 0; (await uploadsLeft(vault)).length > 0; waited += 2) {
      if (waited > 120) throw new Error('the server did not abort the upload within 120 s');
      await sleep(2000);
    }

    // THEN
    const after = await audit(s3, { buckets: [vault], olderThanSeconds: 0 });
    expect(bucketOf(after, vault)).toMatchObject({ verdict: 'COMPLIANT', uploads: 0, parts: 0, bytes: 0 });
  }, 180_000);

  test('--fix-lifecycle keeps five existing rules of different kinds and adds exactly one', async () => {
    // GIVEN
    const bucket = await newBucket(client, 'rules');
    const rules: LifecycleRule[] = [
      { ID: 'expire-logs', Status: 'Enabled', Filter: { Prefix: 'logs/' }, Expiration: { Days: 30 } },
      { ID: 'noncurrent', Status: 'Enabled', Filter: { Prefix: 'data/' }, NoncurrentVersionExpiration: { NoncurrentDays: 60 } },
      { ID: 'delete-markers', Status: 'Enabled', Filter: { Prefix: 'old/' }, Expiration: { ExpiredObjectDeleteMarker: true } },
      { ID: 'tagged', Status: 'Enabled', Filter: { Tag: { Key: 'tmp', Value: 'yes' } }, Expiration: { Days: 3 } },
      { ID: 'abort-uploads-prefix', Status: 'Enabled', Filter: { Prefix: 'uploads/' }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 900 } },
    ];
    await client.send(new PutBucketLifecycleConfigurationCommand({ Bucket: bucket, LifecycleConfiguration: { Rules: rules } }));
    const held = (await client.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }))).Rules!;
    const ref = { name: bucket, region: server!.region };

    // WHEN a dry run, then the real one, then another run
    const [dryRun] = await fixLifecycles(s3, [ref], { days: 3, maxDays: 7, yes: false, concurrency: 2 });
    const afterDryRun = (await client.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }))).Rules!;
    const [fixed] = await fixLifecycles(s3, [ref], { days: 3, maxDays: 7, yes: true, concurrency: 2 });
    const after = (await client.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }))).Rules!;
    const [again] = await fixLifecycles(s3, [ref], { days: 3, maxDays: 7, yes: true, concurrency: 2 });

    // THEN
    expect(dryRun).toMatchObject({ applied: false, error: null, plan: { action: 'add' } });
    expect(afterDryRun).toEqual(held);
    expect(fixed).toMatchObject({ applied: true, error: null });
    expect(after).toHaveLength(6);
    for (const rule of held) expect(after).toContainEqual(rule);
    expect(after.find(r => r.ID === FIX_RULE_ID)).toMatchObject({ Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 3 } });
    expect(again).toMatchObject({ applied: false, plan: { action: 'none' } });
  });

  test('--fix-lifecycle refuses to write when another writer changed the configuration after it was read', async () => {
    // GIVEN a writer that adds a rule between the fixer's first and second read
    const bucket = await newBucket(client, 'race');
    const theirs: LifecycleRule = { ID: 'theirs', Status: 'Enabled', Filter: { Prefix: 'x/' }, Expiration: { Days: 9 } };
    let reads = 0;
    const racing = Object.create(s3) as SdkS3;
    racing.getLifecycle = async bucketRef => {
      const answer = await s3.getLifecycle(bucketRef);
      if (++reads === 1) {
        await client.send(new PutBucketLifecycleConfigurationCommand({ Bucket: bucket, LifecycleConfiguration: { Rules: [theirs] } }));
      }
      return answer;
    };

    // WHEN
    const [result] = await fixLifecycles(racing, [{ name: bucket, region: server!.region }], { days: 3, maxDays: 7, yes: true, concurrency: 1 });

    // THEN their rule is all the bucket holds
    expect(result.applied).toBe(false);
    expect(result.error).toMatch(/changed after it was read/);
    expect((await client.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }))).Rules).toEqual([theirs]);
  });

  test('--abort aborts exactly the reported orphans: not the young upload, not one started after the report; a vanished one is counted', async () => {
    // GIVEN
    const bucket = await newBucket(client, 'abort');
    const [first, second, vanished] = [
      await seedUpload(client, bucket, 'old-1', [100]),
      await seedUpload(client, bucket, 'old-2', [200, 300]),
      await seedUpload(client, bucket, 'old-3', [400]),
    ];
    await sleep(4000);
    const young = await seedUpload(client, bucket, 'young', [7]);
    const report = await audit(s3, { buckets: [bucket], olderThanSeconds: 3 });
    await sleep(4000);
    const late = await seedUpload(client, bucket, 'old-1', [9]);
    await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: vanished.key, UploadId: vanished.uploadId }));

    // WHEN
    const dryRun = await abortOrphans(s3, report, { yes: false, concurrency: 4 });
    const leftAfterDryRun = (await uploadsLeft(bucket)).length;
    const result = await abortOrphans(s3, report, { yes: true, concurrency: 4 });

    // THEN
    expect(dryRun).toMatchObject({ executed: false, aborted: [], bytesFreed: 0 });
    expect(dryRun.targets.map(t => t.uploadId).sort()).toEqual([first, second, vanished].map(u => u.uploadId).sort());
    expect(leftAfterDryRun).toBe(4);
    expect(result.aborted.map(t => t.uploadId).sort()).toEqual([first.uploadId, second.uploadId].sort());
    expect(result.alreadyGone.map(t => t.uploadId)).toEqual([vanished.uploadId]);
    expect(result.bytesFreed).toBe(600);
    expect((await uploadsLeft(bucket)).map(u => u.UploadId).sort()).toEqual([young.uploadId, late.uploadId].sort());
  });

  test('a bucket of another user is an error in the report, and the audit of the others goes on', async () => {
    const theirs = await newBucket(clientOf(server!, 'other'), 'theirs');
    const mine = await newBucket(client, 'mine');
    await seedUpload(client, mine, 'x', [11]);

    const report = await audit(s3, { buckets: [theirs, mine, 'no-such-bucket-mpu-guard'], olderThanSeconds: 0 });

    expect(bucketOf(report, theirs).error).toMatch(/AccessDenied/);
    expect(bucketOf(report, 'no-such-bucket-mpu-guard').error).toMatch(/NoSuchBucket|NotFound/);
    expect(bucketOf(report, mine)).toMatchObject({ bytes: 11, error: null });
    expect(report.totals).toMatchObject({ buckets: 3, failedBuckets: 2, bytes: 11 });
  });
});
