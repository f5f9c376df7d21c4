import { GetBucketLifecycleConfigurationCommand, ListMultipartUploadsCommand, PutBucketLifecycleConfigurationCommand, S3Client } from '@aws-sdk/client-s3';
import { startS3Proxy } from '../../scripts/lib/s3-proxy';
import { NOT_AUDITED } from '../../src/audit/audit';
import { DEADLINE_MARGIN_MS } from '../../src/lambda/runtime/deadline';
import { MetricDatum } from '../../src/monitor/monitor-metrics';
import { MonitorDependencies, monitorHandler } from '../../src/monitor/runtime/monitor-handler';
import { MONITOR_SETTINGS_VARIABLE, MonitorSettings } from '../../src/monitor/runtime/monitor-settings';
import { MonitorRunResult } from '../../src/monitor/runtime/run-monitor';
import { SdkS3 } from '../../src/s3/sdk-s3';
import { RGW_USER_IDS } from '../_helpers/rgw-users';
import { clientOf, localS3Server, newBucket, removeBucket } from '../_helpers/s3-test-server';
import { seedUpload } from '../_helpers/seed';

const server = localS3Server();
const describeS3 = server ? describe : describe.skip;
const DAY_MS = 86_400_000;
const FIFTEEN_MINUTES = { getRemainingTimeInMillis: () => 900_000 };

/** The metrics port, faked: every PutMetricData request as it was sent. */
class RecordedMetrics {
  public readonly requests: Array<{ namespace: string; data: readonly MetricDatum[] }> = [];
  public async putMetricData(namespace: string, data: readonly MetricDatum[]): Promise<void> {
    this.requests.push({ namespace, data });
  }
  /** Each datum as `Name[=bucket]` -> value. */
  public values(): Record<string, number> {
    return Object.fromEntries(this.requests.flatMap(r => r.data).map(d => [`${d.MetricName}${d.Dimensions ? `=${d.Dimensions[0].Value}` : ''}`, d.Value]));
  }
}

describeS3('the monitor function, in process, against a real S3 server with the metrics faked', () => {
  let client: S3Client;
  const created: string[] = [];
  let noRule: string;
  let lateRule: string;
  let inTime: string;
  const sizes = { noRule: [6_000_000, 1_500], noRuleSecond: [700], lateRule: [2_048], inTime: [5_242_880, 5_242_880, 3] };

  beforeAll(async () => {
    Object.assign(process.env, server!.env);
    client = clientOf(server!);
    noRule = await newBucket(client, 'mon-none');
    lateRule = await newBucket(client, 'mon-late');
    inTime = await newBucket(client, 'mon-ok');
    created.push(noRule, lateRule, inTime);
    const abortAfter = (bucket: string, days: number) => client.send(new PutBucketLifecycleConfigurationCommand({
      Bucket: bucket,
      LifecycleConfiguration: { Rules: [{ ID: 'abort', Status: 'Enabled', Filter: { Prefix: '' }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: days } }] },
    }));
    await abortAfter(lateRule, 30);
    await abortAfter(inTime, 3);
  });

  afterAll(async () => {
    for (const bucket of created) await removeBucket(client, bucket);
  });

  async function seedAll() {
    await seedUpload(client, noRule, 'video/a.mp4', sizes.noRule);
    await seedUpload(client, noRule, 'video/b.mp4', sizes.noRuleSecond);
    await seedUpload(client, lateRule, 'x', sizes.lateRule);
    await seedUpload(client, inTime, 'big/y', sizes.inTime);
  }

  function run(settings: Partial<MonitorSettings>, options: { nowPlusDays?: number; remainingMs?: number; endpointUrl?: string } = {}) {
    const metrics = new RecordedMetrics();
    const logged: MonitorRunResult[] = [];
    const full: MonitorSettings = {
      namespace: 'MpuGuardTest',
      regions: [],
      buckets: [noRule, lateRule, inTime],
      olderThanSeconds: 86_400,
      maxDays: 7,
      concurrency: 8,
      perBucketMetrics: true,
      abortOrphansOlderThanDays: null,
      keepUploadsUnderPrefixes: [],
      keepUploadsInitiatedBy: [],
      fixLifecycleDays: null,
      ...settings,
    };
    const dependencies = (): MonitorDependencies => ({
      environment: { [MONITOR_SETTINGS_VARIABLE]: JSON.stringify(full) },
      s3: new SdkS3({ endpointUrl: options.endpointUrl ?? server!.endpointUrl, region: server!.region }),
      metrics,
      log: result => logged.push(result),
      now: () => new Date(Date.now() + (options.nowPlusDays ?? 0) * DAY_MS),
    });
    const remaining = options.remainingMs ?? 900_000;
    return monitorHandler(dependencies)({}, { getRemainingTimeInMillis: () => remaining }).then(result => ({ result, metrics, logged }));
  }

  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const roundUsd = (usd: number) => Math.round(usd * 10000) / 10000;
  const uploadsLeft = async (bucket: string) => (await client.send(new ListMultipartUploadsCommand({ Bucket: bucket }))).Uploads ?? [];

  test('publishes exact totals and per-bucket values in one request, and logs what it covered', async () => {
    // GIVEN: uploads two days old by the run's clock
    await seedAll();
    // WHEN
    const { result, metrics, logged } = await run({}, { nowPlusDays: 2 });
    // THEN
    const noRuleBytes = sum(sizes.noRule) + sum(sizes.noRuleSecond);
    const total = noRuleBytes + sum(sizes.lateRule) + sum(sizes.inTime);
    expect(metrics.requests.map(r => r.namespace)).toEqual(['MpuGuardTest']);
    expect(metrics.values()).toEqual({
      OrphanedBytes: total,
      OrphanedUploads: 4,
      // STANDARD at 0.023 USD per GB-month, rounded to 1/100 cent per bucket as the report does
      OrphanedMonthlyCostUsd: roundUsd(sum([noRuleBytes, sum(sizes.lateRule), sum(sizes.inTime)].map(bytes => roundUsd(bytes / 1024 ** 3 * 0.023)))),
      BucketsFailingAbortRule: 2,
      BucketsAudited: 3,
      BucketsNotAudited: 0,
      [`OrphanedBytes=${noRule}`]: noRuleBytes,
      [`OrphanedUploads=${noRule}`]: 2,
      [`OrphanedBytes=${lateRule}`]: sum(sizes.lateRule),
      [`OrphanedUploads=${lateRule}`]: 1,
      [`OrphanedBytes=${inTime}`]: sum(sizes.inTime),
      [`OrphanedUploads=${inTime}`]: 1,
    });
    const units = Object.fromEntries(metrics.requests[0].data.map(d => [d.MetricName, d.Unit]));
    expect(units).toMatchObject({ OrphanedBytes: 'Bytes', OrphanedUploads: 'Count', BucketsFailingAbortRule: 'Count' });
    expect(logged).toEqual([result]);
    expect(result).toMatchObject({
      complete: true, bucketsAudited: 3, bucketsNotAudited: [], orphanedBytes: total, cleanUp: null, lifecycleFix: null, datumsPublished: 12,
    });
    // Nothing was touched: the monitor is read-only by default.
    expect(await uploadsLeft(noRule)).toHaveLength(2);
    const lifecycle = client.send(new GetBucketLifecycleConfigurationCommand({ Bucket: noRule }));
    await expect(lifecycle).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
  });

  test('uploads younger than olderThan are in progress: not counted, and without perBucketMetrics only totals go out', async () => {
    const { metrics } = await run({ perBucketMetrics: false });
    expect(metrics.values()).toEqual({
      OrphanedBytes: 0, OrphanedUploads: 0, OrphanedMonthlyCostUsd: 0, BucketsFailingAbortRule: 2, BucketsAudited: 3, BucketsNotAudited: 0,
    });
  });

  test('clean-up aborts exactly the orphans old enough, and publishes what it freed', async () => {
    // GIVEN: the run's clock 2 days ahead: every upload is 2 days old
    const before = { noRule: (await uploadsLeft(noRule)).length, inTime: (await uploadsLeft(inTime)).length };
    // WHEN: clean-up of orphans 3 days old finds none
    const notYet = await run({ abortOrphansOlderThanDays: 3 }, { nowPlusDays: 2 });
    expect(notYet.metrics.values()).toMatchObject({ AbortedUploads: 0, AbortedBytes: 0, AbortFailures: 0, FailedAbortBytes: 0 });
    expect((await uploadsLeft(noRule)).length).toBe(before.noRule);
    // WHEN: clean-up of orphans 2 days old, only in one bucket
    const { result, metrics } = await run({ abortOrphansOlderThanDays: 2, buckets: [noRule] }, { nowPlusDays: 2 });
    // THEN
    const freed = before.noRule === 2 ? sum(sizes.noRule) + sum(sizes.noRuleSecond) : NaN;
    expect(result.cleanUp).toEqual({
      kept: 0, aborted: 2, alreadyGone: 0, failed: 0, bytesFreed: freed, failedBytes: 0, failures: [], skipped: null,
    });
    expect(metrics.values()).toMatchObject({ AbortedUploads: 2, AbortedBytes: freed, AbortFailures: 0, FailedAbortBytes: 0, OrphanedUploads: 2 });
    expect(await uploadsLeft(noRule)).toEqual([]);
    expect((await uploadsLeft(inTime)).length).toBe(before.inTime);
  });

  test('the lifecycle fix adds the abort rule to the buckets failing it, keeps their rules, and counts them', async () => {
    const { result, metrics } = await run({ fixLifecycleDays: 5 });
    expect(result.lifecycleFix).toEqual({ added: [lateRule, noRule].sort(), refused: [], managed: [], skipped: null });
    expect(metrics.values()).toMatchObject({ AbortRulesAdded: 2 });
    const abortDays = (bucket: string) => client.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }))
      .then(r => (r.Rules ?? []).map(rule => rule.AbortIncompleteMultipartUpload?.DaysAfterInitiation).sort());
    expect(await abortDays(noRule)).toEqual([5]);
    expect(await abortDays(lateRule)).toEqual([30, 5]);
    expect(await abortDays(inTime)).toEqual([3]);
    // The next run finds every bucket compliant.
    const again = await run({});
    expect(again.metrics.values()).toMatchObject({ BucketsFailingAbortRule: 0 });
  });

  test('a run out of time reports what it covered: the buckets not reached, no false zeros per bucket, and no clean-up', async () => {
    // WHEN: the deadline (remaining time minus the margin) has already passed
    const { result, metrics } = await run({ abortOrphansOlderThanDays: 1 }, { nowPlusDays: 2, remainingMs: DEADLINE_MARGIN_MS });
    // THEN
    const zeros = { OrphanedBytes: 0, OrphanedUploads: 0, OrphanedMonthlyCostUsd: 0 };
    expect(result.complete).toBe(false);
    expect(result.bucketsNotAudited).toEqual([noRule, lateRule, inTime].sort().map(name => ({ name, error: NOT_AUDITED })));
    expect(result.cleanUp).toEqual({
      kept: 0, aborted: 0, alreadyGone: 0, failed: 0, bytesFreed: 0, failedBytes: 0, failures: [], skipped: expect.stringMatching(/deadline/),
    });
    expect(metrics.values()).toEqual({
      ...zeros,
      BucketsFailingAbortRule: 0,
      BucketsAudited: 0,
      BucketsNotAudited: 3,
      AbortedUploads: 0,
      AbortedBytes: 0,
      AbortFailures: 0,
      FailedAbortBytes: 0,
    });
    expect((await uploadsLeft(inTime)).length).toBe(1);
  });

  test('clean-up whose aborts of one upload are all swallowed (a 204 that does nothing): AbortFailures 1 and its bytes, in the log too', async () => {
    // GIVEN: a bucket of two orphans, and a proxy that answers 204 to every abort of one of them without forwarding it
    const bucket = await newBucket(client, 'mon-lie');
    created.push(bucket);
    const [kept, freed] = [await seedUpload(client, bucket, 'kept.bin', [4_000, 1_000]), await seedUpload(client, bucket, 'freed.bin', [300])];
    let swallowed = 0;
    const proxy = await startS3Proxy({
      target: server!.endpointUrl,
      faultFor: r => (r.method === 'DELETE' && r.query.get('uploadId') === kept.uploadId && ++swallowed ? { kind: 'answer', status: 204 } : undefined),
    });
    // WHEN
    const { result, metrics, logged } = await run({ abortOrphansOlderThanDays: 1, buckets: [bucket] }, { nowPlusDays: 2, endpointUrl: proxy.url })
      .finally(() => proxy.close());
    // THEN
    expect(swallowed).toBe(3);
    expect(result.cleanUp).toEqual({
      kept: 0,
      aborted: 1,
      alreadyGone: 0,
      failed: 1,
      bytesFreed: freed.bytes,
      failedBytes: kept.bytes,
      skipped: null,
      failures: [{ bucket, key: 'kept.bin', uploadId: kept.uploadId, error: '2 parts (5000 bytes) still there after 3 aborts' }],
    });
    expect(metrics.values()).toMatchObject({ AbortedUploads: 1, AbortedBytes: freed.bytes, AbortFailures: 1, FailedAbortBytes: kept.bytes });
    const units = Object.fromEntries(metrics.requests[0].data.map(d => [d.MetricName, d.Unit]));
    expect(units).toMatchObject({ AbortFailures: 'Count', FailedAbortBytes: 'Bytes' });
    expect(logged).toEqual([result]);
    expect((await uploadsLeft(bucket)).map(u => u.UploadId)).toEqual([kept.uploadId]);
  });

  test('settings the function cannot trust fail the run before any request, naming the variable', async () => {
    const handler = monitorHandler(() => ({ environment: {}, s3: undefined as never, metrics: new RecordedMetrics(), log: () => undefined }));
    await expect(handler({}, FIFTEEN_MINUTES)).rejects.toThrow(`${MONITOR_SETTINGS_VARIABLE} is not set`);
    const garbled = monitorHandler(() => ({ environment: { [MONITOR_SETTINGS_VARIABLE]: '{"namespace":""}' }, s3: undefined as never, metrics: new RecordedMetrics(), log: () => undefined }));
    await expect(garbled({}, FIFTEEN_MINUTES)).rejects.toThrow(`${MONITOR_SETTINGS_VARIABLE}.namespace must be a non-empty string (got "")`);
  });
});

describeS3('the monitor function\'s clean-up, against a real S3 server, with uploads kept on purpose', () => {
  let client: S3Client;
  let bucket: string;

  beforeAll(async () => {
    Object.assign(process.env, server!.env);
    client = clientOf(server!);
    bucket = await newBucket(client, 'mon-keep');
  });

  afterAll(async () => {
    await removeBucket(client, bucket);
  });

  function cleanUp(keep: Pick<MonitorSettings, 'keepUploadsUnderPrefixes' | 'keepUploadsInitiatedBy'>) {
    const settings: MonitorSettings = {
      namespace: 'MpuGuardTest',
      regions: [],
      buckets: [bucket],
      olderThanSeconds: 86_400,
      maxDays: 7,
      concurrency: 8,
      perBucketMetrics: false,
      abortOrphansOlderThanDays: 1,
      fixLifecycleDays: null,
      ...keep,
    };
    const metrics = new RecordedMetrics();
    const handler = monitorHandler(() => ({
      environment: { [MONITOR_SETTINGS_VARIABLE]: JSON.stringify(settings) },
      s3: new SdkS3({ endpointUrl: server!.endpointUrl, region: server!.region }),
      metrics,
      log: () => undefined,
      // Every upload two days old by the run's clock.
      now: () => new Date(Date.now() + 2 * DAY_MS),
    }));
    return handler({}, FIFTEEN_MINUTES).then(result => ({ result, metrics }));
  }
  const keysLeft = async () => ((await client.send(new ListMultipartUploadsCommand({ Bucket: bucket }))).Uploads ?? []).map(u => u.Key).sort();

  test('an upload under keepUploadsUnderPrefixes survives the clean-up; the one beside it is aborted; both were counted as orphaned', async () => {
    // GIVEN
    const kept = await seedUpload(client, bucket, 'resumable/video.mp4', [3_000]);
    const other = await seedUpload(client, bucket, 'tmp/video.mp4', [4_000]);
    // WHEN
    const { result, metrics } = await cleanUp({ keepUploadsUnderPrefixes: ['resumable/'], keepUploadsInitiatedBy: [] });
    // THEN
    expect(result.cleanUp).toEqual({
      kept: 1, aborted: 1, alreadyGone: 0, failed: 0, bytesFreed: other.bytes, failedBytes: 0, failures: [], skipped: null,
    });
    expect(result.orphanedBytes).toBe(kept.bytes + other.bytes);
    expect(metrics.values()).toMatchObject({ AbortedUploads: 1, AbortedBytes: other.bytes });
    expect(await keysLeft()).toEqual(['resumable/video.mp4']);
  });

  test('keepUploadsInitiatedBy keeps the uploads whose Initiator is that user, and only those', async () => {
    // GIVEN: the kept upload of the last test, and one more. RGW 16 answers ListMultipartUploads with the
    // requesting user as every upload's Initiator and Owner: the function's user, here the first one.
    await seedUpload(client, bucket, 'crt/part.bin', [2_000]);
    // WHEN: another user's id keeps nothing, so the clean-up aborts both
    const notMine = await cleanUp({ keepUploadsUnderPrefixes: [], keepUploadsInitiatedBy: [RGW_USER_IDS.other] });
    // THEN
    expect(notMine.result.cleanUp).toMatchObject({ kept: 0, aborted: 2, failed: 0 });
    expect(await keysLeft()).toEqual([]);

    // GIVEN: two new uploads; WHEN: the function's own user id is kept
    await seedUpload(client, bucket, 'a.bin', [10]);
    await seedUpload(client, bucket, 'b.bin', [20]);
    const mine = await cleanUp({ keepUploadsUnderPrefixes: [], keepUploadsInitiatedBy: [RGW_USER_IDS.first] });
    // THEN: both survive
    expect(mine.result.cleanUp).toMatchObject({ kept: 2, aborted: 0, failed: 0 });
    expect(await keysLeft()).toEqual(['a.bin', 'b.bin']);
  });
});
