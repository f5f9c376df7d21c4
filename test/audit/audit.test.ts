import { accessDenied, FakeS3, fakeUpload as upload } from './fake-s3';
import { abortOrphans } from '../../src/audit/abort-orphans';
import { audit } from '../../src/audit/audit';
import { BucketLifecycle } from '../../src/audit/s3-port';

const NOW = new Date('2026-11-22T12:00:00Z');
const DAY = 86400;
const abortAfter = (days: number): BucketLifecycle => ({
  rules: [{ ID: 'abort', Status: 'Enabled', Filter: { Prefix: '' }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: days } }],
});

function account() {
  return new FakeS3({
    logs: { region: 'eu-west-1', uploads: [upload('a', 3 * DAY, [5, 5], NOW), upload('b', 2 * DAY, [7], NOW, 'STANDARD_IA'), upload('c', 60, [1], NOW)] },
    media: { region: 'us-east-1', lifecycle: abortAfter(3), uploads: [upload('m', 10 * DAY, [2 ** 30], NOW)] },
    late: { region: 'us-east-1', lifecycle: abortAfter(30), uploads: [] },
    locked: { region: 'eu-west-1', uploads: [], failWith: accessDenied() },
  });
}

describe('audit (with a fake S3)', () => {
  test('counts only uploads older than olderThan as orphans, and keeps the young ones apart', async () => {
    const report = await audit(account(), { now: NOW });
    const logs = report.buckets.find(b => b.name === 'logs')!;
    expect(logs).toMatchObject({
      region: 'eu-west-1',
      verdict: 'MultipartUpload-MPU1',
      uploads: 2,
      parts: 3,
      bytes: 17,
      oldestInitiated: new Date(NOW.getTime() - 3 * DAY * 1000).toISOString(),
      inProgress: { uploads: 1, bytes: 1 },
      error: null,
    });
    expect(logs.uploadList.map(u => [u.key, u.orphan, u.ageSeconds])).toEqual([['a', true, 3 * DAY], ['b', true, 2 * DAY], ['c', false, 60]]);
  });

  test('gives every bucket the evaluator verdict on its live lifecycle', async () => {
    const report = await audit(account(), { now: NOW });
    expect(Object.fromEntries(report.buckets.map(b => [b.name, b.verdict]))).toEqual({
      logs: 'MultipartUpload-MPU1', media: 'COMPLIANT', late: 'MultipartUpload-MPU2', locked: 'UNKNOWN',
    });
  });

  test('prices orphans by storage class: 1 GiB of STANDARD is 0.023 USD a month', async () => {
    const report = await audit(account(), { now: NOW, buckets: ['media'] });
    expect(report.buckets[0].estimatedMonthlyCostUsd).toBe(0.023);
    const cheaper = await audit(account(), { now: NOW, buckets: ['media'], prices: { STANDARD: 0.01 } });
    expect(cheaper.buckets[0].estimatedMonthlyCostUsd).toBe(0.01);
  });

  test('one bucket that cannot be read gets an error and is left out of the totals; the others are exact', async () => {
    const report = await audit(account(), { now: NOW });
    expect(report.buckets.find(b => b.name === 'locked')!.error).toBe('lifecycle: AccessDenied (HTTP 403): Access Denied; uploads: AccessDenied (HTTP 403): Access Denied');
    expect(report.totals).toMatchObject({ buckets: 4, uploads: 3, parts: 4, bytes: 17 + 2 ** 30, failedBuckets: 1, bucketsFailingRule: 2 });
  });

  test('--region keeps the buckets of those regions; --bucket asks each bucket for its region', async () => {
    const s3 = account();
    const inEurope = await audit(s3, { now: NOW, regions: ['eu-west-1'] });
    expect(inEurope.buckets.map(b => b.name)).toEqual(['locked', 'logs']);

    const named = await audit(s3, { now: NOW, buckets: ['logs', 'gone'] });
    expect(named.buckets.map(b => [b.name, b.region, b.error])).toEqual([
      ['gone', 'unknown', 'NoSuchBucket (HTTP 404): The specified bucket does not exist'],
      ['logs', 'eu-west-1', null],
    ]);
    expect(s3.calls).toContain('listUploads logs@eu-west-1');
  });

  test('follows every page of uploads', async () => {
    const s3 = new FakeS3({ big: { region: 'us-east-1', uploads: Array.from({ length: 7 }, (_, i) => upload(`k${i}`, DAY * 2, [i], NOW)) } }, 3);
    const report = await audit(s3, { now: NOW });
    expect(report.buckets[0]).toMatchObject({ uploads: 7, bytes: 21 });
    expect(s3.calls.filter(c => c.startsWith('listUploads'))).toHaveLength(3);
  });

  test('--prefix narrows the uploads', async () => {
    const report = await audit(account(), { now: NOW, buckets: ['logs'], prefix: 'a' });
    expect(report.buckets[0].uploadList.map(u => u.key)).toEqual(['a']);
  });

  test('abortOrphans sends nothing without yes, and aborts only the orphans with it', async () => {
    const s3 = account();
    const report = await audit(s3, { now: NOW, buckets: ['logs'] });

    const dryRun = await abortOrphans(s3, report, { yes: false, concurrency: 2 });
    expect(dryRun.targets.map(t => t.key)).toEqual(['a', 'b']);
    expect(s3.calls.filter(c => c.startsWith('abortUpload'))).toEqual([]);

    const done = await abortOrphans(s3, report, { yes: true, concurrency: 2 });
    expect(done).toMatchObject({ executed: true, bytesFreed: 17, alreadyGone: [], failed: [] });
    expect(s3.buckets.logs.uploads.map(u => u.key)).toEqual(['c']);
  });

  test('an interrupted abort starts no more aborts and says which ones ran', async () => {
    const s3 = account();
    const report = await audit(s3, { now: NOW, buckets: ['logs'] });
    let stop = false;
    const done = await abortOrphans(s3, report, { yes: true, concurrency: 1, stopRequested: () => stop, onAborted: () => { stop = true; } });
    expect(done.aborted.map(t => t.key)).toEqual(['a']);
    expect(s3.buckets.logs.uploads.map(u => u.key)).toEqual(['b', 'c']);
  });
});

describe('audit --summary', () => {
  test('never calls ListParts and reports counts and ages with null sizes', async () => {
    const s3 = account();
    const report = await audit(s3, { now: NOW, summary: true });
    expect(s3.calls.filter(c => c.startsWith('sumParts'))).toEqual([]);
    expect(report.partsRead).toBe(false);
    expect(report.buckets.find(b => b.name === 'logs')).toMatchObject({ uploads: 2, parts: null, bytes: null, estimatedMonthlyCostUsd: null, inProgress: { uploads: 1, bytes: null } });
    expect(report.totals).toMatchObject({ uploads: 3, parts: null, bytes: null, estimatedMonthlyCostUsd: null });
  });
});
