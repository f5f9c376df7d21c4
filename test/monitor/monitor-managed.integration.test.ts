import { GetBucketLifecycleConfigurationCommand, PutBucketTaggingCommand, S3Client } from '@aws-sdk/client-s3';
import { monitorHandler } from '../../src/monitor/runtime/monitor-handler';
import { MONITOR_SETTINGS_VARIABLE, MonitorSettings } from '../../src/monitor/runtime/monitor-settings';
import { SdkS3 } from '../../src/s3/sdk-s3';
import { clientOf, localS3Server, newBucket, removeBucket } from '../_helpers/s3-test-server';

const server = localS3Server();
const describeS3 = server ? describe : describe.skip;

describeS3('the monitor\'s lifecycle fix and a bucket a CloudFormation stack manages, on RGW', () => {
  let client: S3Client;
  let managed: string;
  let plain: string;

  beforeAll(async () => {
    Object.assign(process.env, server!.env);
    client = clientOf(server!);
    [managed, plain] = [await newBucket(client, 'mon-managed'), await newBucket(client, 'mon-plain')];
    await client.send(new PutBucketTaggingCommand({
      Bucket: managed,
      Tagging: { TagSet: [{ Key: 'aws:cloudformation:stack-name', Value: 'Storage' }, { Key: 'aws:cloudformation:logical-id', Value: 'LogsB1A2B3C4' }] },
    }));
  });

  afterAll(async () => {
    for (const bucket of [managed, plain]) await removeBucket(client, bucket);
  });

  test('fixLifecycle writes the unmanaged bucket only; the result lists the managed one and who manages it', async () => {
    // GIVEN
    const settings: MonitorSettings = {
      namespace: 'MpuGuardTest',
      regions: [],
      buckets: [managed, plain],
      olderThanSeconds: 86_400,
      maxDays: 7,
      concurrency: 4,
      perBucketMetrics: false,
      abortOrphansOlderThanDays: null,
      keepUploadsUnderPrefixes: [],
      keepUploadsInitiatedBy: [],
      fixLifecycleDays: 5,
    };
    const handler = monitorHandler(() => ({
      environment: { [MONITOR_SETTINGS_VARIABLE]: JSON.stringify(settings) },
      s3: new SdkS3({ endpointUrl: server!.endpointUrl, region: server!.region }),
      metrics: { putMetricData: async () => undefined },
      log: () => undefined,
    }));
    // WHEN
    const result = await handler({}, { getRemainingTimeInMillis: () => 900_000 });
    // THEN
    expect(result.lifecycleFix).toEqual({
      added: [plain],
      refused: [],
      managed: [{ bucket: managed, managedBy: { kind: 'cloudformation', stackName: 'Storage', stackId: null, logicalId: 'LogsB1A2B3C4' } }],
      skipped: null,
    });
    await expect(client.send(new GetBucketLifecycleConfigurationCommand({ Bucket: managed }))).rejects.toMatchObject({ name: 'NoSuchLifecycleConfiguration' });
    expect((await client.send(new GetBucketLifecycleConfigurationCommand({ Bucket: plain }))).Rules).toHaveLength(1);
  });
});
