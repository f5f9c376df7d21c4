import { LISTING_STOPPED } from '../../src/audit/audit';
import { MetricDatum } from '../../src/monitor/monitor-metrics';
import { MonitorSettings } from '../../src/monitor/runtime/monitor-settings';
import { MetricsPort, runMonitor } from '../../src/monitor/runtime/run-monitor';
import { AbortOutcome, BucketRef, UploadRef } from '../../src/s3/s3-port';
import { accessDenied, DeadlineAtSecondPage, FakeS3, fakeUpload as upload } from '../_helpers/fake-s3';

const NOW = new Date('2026-11-22T12:00:00Z');
const DAY = 86400;
const SETTINGS: MonitorSettings = {
  namespace: 'MpuGuard',
  regions: [],
  buckets: [],
  olderThanSeconds: DAY,
  maxDays: 7,
  concurrency: 1,
  perBucketMetrics: false,
  abortOrphansOlderThanDays: null,
  keepUploadsUnderPrefixes: [],
  keepUploadsInitiatedBy: [],
  fixLifecycleDays: null,
};
const metrics: MetricsPort = { putMetricData: async () => undefined };
const uploads = (n: number) => Array.from({ length: n }, (_, i) => upload(`k${i}`, 2 * DAY, [10], NOW));

describe('runMonitor', () => {
  test('a run whose deadline cut a listing short is not complete, and names the bucket', async () => {
    // GIVEN: the deadline passes while the second page of uploads is listed
    const s3 = new DeadlineAtSecondPage({ big: { region: 'us-east-1', uploads: uploads(10) } }, 2, 'big');
    // WHEN
    const result = await runMonitor(s3, metrics, SETTINGS, { now: NOW, signal: s3.signal });
    // THEN
    expect(result.complete).toBe(false);
    expect(result.bucketsNotAudited).toEqual([{ name: 'big', error: LISTING_STOPPED }]);
  });

  test('a run that reached every bucket is complete, though one of them was denied', async () => {
    // GIVEN
    const s3 = new FakeS3({
      open: { region: 'us-east-1', uploads: uploads(1) },
      locked: { region: 'us-east-1', uploads: [], failWith: accessDenied() },
    });
    // WHEN
    const result = await runMonitor(s3, metrics, SETTINGS, { now: NOW });
    // THEN
    expect(result.complete).toBe(true);
    expect(result.bucketsNotAudited).toEqual([{ name: 'locked', error: expect.stringContaining('AccessDenied') }]);
  });

  test('clean-up that leaves uploads it could not abort publishes AbortFailures and FailedAbortBytes, and logs the first 50', async () => {
    // GIVEN: 60 orphans whose aborts are denied, and one that goes
    class DeniedAborts extends FakeS3 {
      public async abortUpload(bucket: BucketRef, ref: UploadRef): Promise<AbortOutcome> {
        if (ref.key !== 'k60') throw accessDenied();
        return super.abortUpload(bucket, ref);
      }
    }
    const s3 = new DeniedAborts({ logs: { region: 'us-east-1', uploads: uploads(61) } });
    const published: MetricDatum[] = [];
    // WHEN
    const result = await runMonitor(s3, { putMetricData: async (_, data) => { published.push(...data); } },
      { ...SETTINGS, abortOrphansOlderThanDays: 1 }, { now: NOW });
    // THEN
    expect(result.cleanUp).toMatchObject({ aborted: 1, failed: 60, bytesFreed: 10, failedBytes: 600 });
    expect(result.cleanUp!.failures).toHaveLength(50);
    expect(result.cleanUp!.failures[0]).toEqual({
      bucket: 'logs', key: 'k0', uploadId: 'id-k0', error: 'AccessDenied (HTTP 403): Access Denied; needs s3:AbortMultipartUpload',
    });
    const values = Object.fromEntries(published.map(d => [d.MetricName, d.Value]));
    expect(values).toMatchObject({ AbortedUploads: 1, AbortedBytes: 10, AbortFailures: 60, FailedAbortBytes: 600 });
  });

  test('without clean-up, neither AbortFailures nor FailedAbortBytes is published', async () => {
    const published: MetricDatum[] = [];
    await runMonitor(new FakeS3({ logs: { region: 'us-east-1', uploads: uploads(1) } }), { putMetricData: async (_, data) => { published.push(...data); } }, SETTINGS, { now: NOW });
    expect(published.map(d => d.MetricName)).not.toEqual(expect.arrayContaining(['AbortFailures']));
    expect(published.map(d => d.MetricName).filter(n => n.startsWith('Abort') || n.startsWith('FailedAbort'))).toEqual([]);
  });

  test('the clean-up keeps the uploads under a kept prefix or from a kept role\'s sessions, and aborts the others beside them', async () => {
    // GIVEN: four old uploads in one bucket, from two sessions of two roles
    const uploader = 'arn:aws:sts::111111111111:assumed-role/Uploader/resume-1';
    const etl = 'arn:aws:sts::111111111111:assumed-role/Etl/run-9';
    const s3 = new FakeS3({
      media: {
        region: 'us-east-1',
        uploads: [
          upload('resumable/a', 3 * DAY, [10], NOW, 'STANDARD', etl),
          upload('video/b', 3 * DAY, [20], NOW, 'STANDARD', uploader),
          upload('video/c', 3 * DAY, [30], NOW, 'STANDARD', etl),
          upload('video/d', 3 * DAY, [40], NOW, 'STANDARD', etl),
        ],
      },
    });
    const settings = {
      ...SETTINGS, abortOrphansOlderThanDays: 1, keepUploadsUnderPrefixes: ['resumable/'], keepUploadsInitiatedBy: ['arn:aws:iam::111111111111:role/app/Uploader'],
    };
    // WHEN
    const result = await runMonitor(s3, metrics, settings, { now: NOW });
    // THEN: the kept ones are still orphaned bytes, and still there
    expect(result.cleanUp).toEqual({ kept: 2, aborted: 2, alreadyGone: 0, failed: 0, bytesFreed: 70, failedBytes: 0, failures: [], skipped: null });
    expect(result.orphanedBytes).toBe(100);
    expect(s3.buckets.media.uploads.map(u => u.key)).toEqual(['resumable/a', 'video/b']);
  });
});
