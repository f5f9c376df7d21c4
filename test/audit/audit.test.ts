import { abortOrphans, abortTargets, keptUploads } from '../../src/audit/abort-orphans';
import { audit, LISTING_STOPPED, NOT_AUDITED } from '../../src/audit/audit';
import { AuditReport } from '../../src/audit/report';
import { BucketLifecycle } from '../../src/s3/s3-port';
import { accessDenied, DeadlineAtSecondPage, FakeS3, fakeUpload as upload } from '../_helpers/fake-s3';

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
    expect(report.buckets.find(b => b.name === 'locked')!.error).toBe('lifecycle: AccessDenied (HTTP 403): Access Denied; needs s3:GetLifecycleConfiguration; '
      + 'uploads: AccessDenied (HTTP 403): Access Denied; needs s3:ListBucketMultipartUploads and s3:ListMultipartUploadParts');
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

  test('audit() marks the uploads its keep rules match, counts the kept orphans apart and still in the orphaned bytes; abortTargets leaves them out', async () => {
    // GIVEN
    const s3 = account();
    // WHEN
    const report = await audit(s3, { now: NOW, buckets: ['logs'], keep: { prefixes: ['a'], initiators: [] }, keepUploadList: false, onUpload: () => undefined });
    const listed = await audit(s3, { now: NOW, buckets: ['logs'], keep: { prefixes: ['a'], initiators: [] } });
    // THEN
    expect(report.buckets[0]).toMatchObject({ uploads: 2, bytes: 17, keptOrphans: { uploads: 1, bytes: 10 } });
    expect(report.totals).toMatchObject({ uploads: 2, bytes: 17, keptOrphans: { uploads: 1, bytes: 10 } });
    expect(listed.buckets[0].uploadList.map(u => [u.key, u.kept])).toEqual([['a', 'key under --exclude-prefix a'], ['b', null], ['c', null]]);
    expect(abortTargets(listed).map(t => t.key)).toEqual(['b']);
    expect(keptUploads(listed).map(t => [t.key, t.reason])).toEqual([['a', 'key under --exclude-prefix a']]);
  });

  test('abortTargets takes an upload without `kept` (a report of an earlier version, read back) as not kept', () => {
    const { kept: _, ...earlier } = { key: 'a', uploadId: 'u', initiated: NOW.toISOString(), ageSeconds: 1, storageClass: 'STANDARD', parts: 1, bytes: 1, orphan: true, kept: null };
    const report = { buckets: [{ name: 'logs', region: 'eu-west-1', uploadList: [earlier] }] } as unknown as AuditReport;
    expect(abortTargets(report).map(t => t.key)).toEqual(['a']);
    expect(keptUploads(report)).toEqual([]);
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

describe('audit of a large bucket', () => {
  const bucketOf = (count: number) => ({
    big: { region: 'us-east-1', uploads: Array.from({ length: count }, (_, i) => upload(`k${String(i).padStart(5, '0')}`, 2 * DAY, [1, 2], NOW)) },
  });

  test('listing waits while 2,000 part sums are open, then goes on; the totals are exact', async () => {
    // GIVEN: part sums that do not answer until released
    let release!: () => void;
    const released = new Promise<void>(resolve => { release = resolve; });
    class SlowParts extends FakeS3 {
      public async sumParts(...args: Parameters<FakeS3['sumParts']>) {
        await released;
        return super.sumParts(...args);
      }
    }
    const s3 = new SlowParts(bucketOf(5000), 1000);
    // WHEN: a concurrency high enough that the window, not the request limit, holds the listing back
    const running = audit(s3, { now: NOW, keepUploadList: false, concurrency: 10_000 });
    await new Promise(resolve => setTimeout(resolve, 50));
    const pagesBeforeRelease = s3.calls.filter(c => c.startsWith('listUploads')).length;
    release();
    const report = await running;
    // THEN: page 3 is read, but its uploads wait for room
    expect(pagesBeforeRelease).toBe(3);
    expect(s3.calls.filter(c => c.startsWith('listUploads'))).toHaveLength(5);
    expect(report.totals).toMatchObject({ uploads: 5000, parts: 10000, bytes: 15000 });
  });

  test('without keepUploadList the upload list stays empty and the counts are the same', async () => {
    const listed = await audit(new FakeS3(bucketOf(30), 7), { now: NOW });
    const counted = await audit(new FakeS3(bucketOf(30), 7), { now: NOW, keepUploadList: false });
    expect(listed.buckets[0].uploadList.map(u => u.key)).toEqual(bucketOf(30).big.uploads.map(u => u.key));
    expect(counted.buckets[0].uploadList).toEqual([]);
    expect({ ...counted.buckets[0], uploadList: [] }).toEqual({ ...listed.buckets[0], uploadList: [] });
  });

  test('onUpload gets every upload in listing order, with its parts, though the sums finish out of order', async () => {
    // GIVEN: sums that take longer the earlier the upload
    class Reversed extends FakeS3 {
      public async sumParts(...args: Parameters<FakeS3['sumParts']>) {
        await new Promise(resolve => setTimeout(resolve, 40 - Number(args[1].key.slice(1))));
        return super.sumParts(...args);
      }
    }
    const seen: string[] = [];
    // WHEN
    await audit(new Reversed(bucketOf(40), 7), {
      now: NOW, keepUploadList: false, onUpload: (bucket, u) => seen.push(`${bucket.name}/${u.key}:${u.parts}/${u.bytes}`),
    });
    // THEN
    expect(seen).toEqual(bucketOf(40).big.uploads.map(u => `big/${u.key}:2/3`));
  });

  test('a part sum that fails stops the listing and fails the bucket alone', async () => {
    class FailingParts extends FakeS3 {
      public async sumParts(...args: Parameters<FakeS3['sumParts']>) {
        if (args[1].key === 'k00003') throw Object.assign(new Error('We encountered an internal error.'), { name: 'InternalError' });
        return super.sumParts(...args);
      }
    }
    const report = await audit(new FailingParts(bucketOf(10), 2), { now: NOW });
    expect(report.buckets[0]).toMatchObject({ uploads: 0, error: expect.stringContaining('uploads: InternalError') });
    expect(report.totals).toMatchObject({ failedBuckets: 1, uploads: 0 });
  });

  test('an upload completed between its listing and its part sum is left out, in the counts, the list and onUpload', async () => {
    // GIVEN: k00003 completes after the listing, before its ListParts
    class CompletedMeanwhile extends FakeS3 {
      public async sumParts(...args: Parameters<FakeS3['sumParts']>) {
        if (args[1].key === 'k00003') this.buckets.big.uploads = this.buckets.big.uploads.filter(u => u.key !== 'k00003');
        return super.sumParts(...args);
      }
    }
    const seen: string[] = [];
    // WHEN
    const report = await audit(new CompletedMeanwhile(bucketOf(10), 2), { now: NOW, onUpload: (_, u) => seen.push(u.key) });
    // THEN
    const others = bucketOf(10).big.uploads.map(u => u.key).filter(key => key !== 'k00003');
    expect(report.buckets[0]).toMatchObject({ uploads: 9, parts: 18, bytes: 27, error: null });
    expect(report.buckets[0].uploadList.map(u => u.key)).toEqual(others);
    expect(seen).toEqual(others);
  });
});

describe('audit of many buckets', () => {
  test('audits at most 4 buckets per request in flight at once, and all of them', async () => {
    // GIVEN
    class Counting extends FakeS3 {
      public open = 0;
      public mostOpen = 0;
      public async getLifecycle(...args: Parameters<FakeS3['getLifecycle']>) {
        this.mostOpen = Math.max(this.mostOpen, ++this.open);
        await new Promise(resolve => setTimeout(resolve, 1));
        return super.getLifecycle(...args);
      }
      public async *listUploads(...args: Parameters<FakeS3['listUploads']>) {
        yield* super.listUploads(...args);
        this.open--;
      }
    }
    const s3 = new Counting(Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`b${i}`, { region: 'us-east-1', uploads: [upload('k', 2 * DAY, [1], NOW)] }])));
    // WHEN
    const report = await audit(s3, { now: NOW, concurrency: 2 });
    // THEN
    expect(report.totals).toMatchObject({ buckets: 100, uploads: 100, parts: 100 });
    expect(s3.mostOpen).toBe(8);
  });
});

describe('audit stopped by a signal (a deadline)', () => {
  test('a bucket cut mid-listing keeps what it counted and says so; buckets not started say so; totals cover the rest', async () => {
    // GIVEN: concurrency 1 opens 4 buckets at once, so the fifth waits for a slot
    const uploads = (n: number) => Array.from({ length: n }, (_, i) => upload(`k${i}`, 2 * DAY, [10], NOW));
    const s3 = new DeadlineAtSecondPage({
      big: { region: 'us-east-1', uploads: uploads(10) },
      a: { region: 'us-east-1', uploads: uploads(1) },
      c: { region: 'us-east-1', uploads: uploads(1) },
      d: { region: 'us-east-1', uploads: uploads(1) },
      e: { region: 'us-east-1', uploads: uploads(1) },
    }, 2, 'big');
    // WHEN
    const report = await audit(s3, { now: NOW, concurrency: 1, signal: s3.signal });
    // THEN: 'big' listed 2 pages of 2 uploads, then stopped; 'e' (the fifth) was never started
    const byName = Object.fromEntries(report.buckets.map(b => [b.name, b]));
    expect(byName.big).toMatchObject({ uploads: 4, bytes: 40, error: LISTING_STOPPED, stopped: 'listing-stopped' });
    expect(byName.e).toMatchObject({ uploads: 0, error: NOT_AUDITED, stopped: 'not-audited' });
    expect(report.buckets.filter(b => b.stopped === undefined).map(b => b.name)).toEqual(['a', 'c', 'd']);
    expect(s3.calls.filter(c => c.startsWith('listUploads e'))).toEqual([]);
    expect(report.totals).toMatchObject({ buckets: 5, uploads: 3, bytes: 30, failedBuckets: 2 });
  });
});

describe('audit under SlowDown', () => {
  /** Answers SlowDown on the first `throttles` part sums (retried at once), and counts the sums in flight. */
  class ThrottlingS3 extends FakeS3 {
    public inFlight = 0;
    public mostInFlight = 0;
    private readonly listeners = new Set<() => void>();
    constructor(private throttles: number) {
      super({ many: { region: 'us-east-1', uploads: Array.from({ length: 60 }, (_, i) => upload(`k${i}`, 2 * DAY, [i], NOW)) } }, 1000);
    }
    public onThrottled(listener: () => void) {
      this.listeners.add(listener);
      return () => this.listeners.delete(listener);
    }
    public async sumParts(...args: Parameters<FakeS3['sumParts']>) {
      this.mostInFlight = Math.max(this.mostInFlight, ++this.inFlight);
      await new Promise(resolve => setImmediate(resolve));
      if (this.throttles > 0) {
        this.throttles--;
        this.listeners.forEach(listener => listener());
      }
      this.inFlight--;
      return super.sumParts(...args);
    }
  }

  test('sends fewer requests at once, still gets the exact totals, and says so in the report', async () => {
    // GIVEN
    const s3 = new ThrottlingS3(3);
    // WHEN
    const report = await audit(s3, { now: NOW, concurrency: 8 });
    // THEN
    expect(report.totals).toMatchObject({ uploads: 60, parts: 60, bytes: (59 * 60) / 2 });
    expect(report.throttling).toEqual({ slowDowns: 3, lowestConcurrency: 4 });
    expect(s3.mostInFlight).toBe(8);
  });

  test('without SlowDown the report says so and the concurrency is kept', async () => {
    const report = await audit(new ThrottlingS3(0), { now: NOW, concurrency: 8 });
    expect(report.throttling).toEqual({ slowDowns: 0, lowestConcurrency: 8 });
  });

  test('stops listening when the audit ends', async () => {
    const s3 = new ThrottlingS3(0);
    await audit(s3, { now: NOW });
    expect((s3 as unknown as { listeners: Set<unknown> }).listeners.size).toBe(0);
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
