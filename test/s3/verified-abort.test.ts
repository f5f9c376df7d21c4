import { abortOrphans, abortTargets, abortUploads } from '../../src/audit/abort-orphans';
import { audit } from '../../src/audit/audit';
import { AbortOutcome, BucketRef, UploadRef } from '../../src/s3/s3-port';
import { abortVerified, DEFAULT_MAX_ABORTS } from '../../src/s3/verified-abort';
import { accessDenied, FakeBucket, FakeS3, fakeUpload as upload } from '../_helpers/fake-s3';

const NOW = new Date('2026-11-22T12:00:00Z');
const DAY = 86400;
const BUCKET: BucketRef = { name: 'logs', region: 'us-east-1' };
const NO_WAIT = { backoffMs: 0 };

/** A FakeS3 whose aborts of some uploads answer 204 and change nothing, as many times as told (Infinity: always). */
class LyingAborts extends FakeS3 {
  constructor(buckets: Record<string, FakeBucket>, private readonly lies: Map<string, number>, private readonly denied: Denied = {}) {
    super(buckets);
  }

  public async abortUpload(bucket: BucketRef, ref: UploadRef): Promise<AbortOutcome> {
    const left = this.lies.get(ref.uploadId) ?? 0;
    if (left <= 0) return super.abortUpload(bucket, ref);
    this.calls.push(`abortUpload ${bucket.name} ${ref.uploadId} (swallowed)`);
    this.lies.set(ref.uploadId, left - 1);
    return 'aborted';
  }

  public async sumParts(...args: Parameters<FakeS3['sumParts']>) {
    if (this.denied.listParts) throw accessDenied();
    return super.sumParts(...args);
  }

  public async *listUploads(...args: Parameters<FakeS3['listUploads']>) {
    if (this.denied.listUploads) throw accessDenied();
    yield* super.listUploads(...args);
  }
}

interface Denied { readonly listParts?: boolean; readonly listUploads?: boolean }

function account(lies: Record<string, number> = {}, denied: Denied = {}) {
  return new LyingAborts({
    logs: { region: 'us-east-1', uploads: [upload('a', 2 * DAY, [5, 6], NOW), upload('b', 2 * DAY, [10], NOW), upload('c', 2 * DAY, [], NOW)] },
  }, new Map(Object.entries(lies)), denied);
}

const aborts = (s3: FakeS3) => s3.calls.filter(c => c.startsWith('abortUpload'));

describe('abortVerified', () => {
  test('an abort that answers and leaves nothing: aborted after one abort and one ListParts', async () => {
    const s3 = account();
    expect(await abortVerified(s3, BUCKET, { key: 'a', uploadId: 'id-a' })).toEqual({ outcome: 'aborted', aborts: 1 });
    expect(s3.calls).toEqual(['abortUpload logs id-a', 'sumParts logs a']);
  });

  test('an abort answered but not done (parts still listed): aborted again, then gone', async () => {
    const s3 = account({ 'id-a': 1 });
    expect(await abortVerified(s3, BUCKET, { key: 'a', uploadId: 'id-a' }, NO_WAIT)).toEqual({ outcome: 'aborted', aborts: 2 });
    expect(s3.calls).toEqual(['abortUpload logs id-a (swallowed)', 'sumParts logs a', 'abortUpload logs id-a', 'sumParts logs a']);
  });

  test('parts that survive every abort: failed after the default 3 aborts, with what is left', async () => {
    const s3 = account({ 'id-a': Infinity });
    expect(await abortVerified(s3, BUCKET, { key: 'a', uploadId: 'id-a' }, NO_WAIT)).toEqual({
      outcome: 'failed', aborts: DEFAULT_MAX_ABORTS, error: '2 parts (11 bytes) still there after 3 aborts', remaining: { parts: 2, bytes: 11 },
    });
    expect(aborts(s3)).toHaveLength(3);
  });

  test.each([1, 5])('maxAborts %i bounds the aborts sent', async maxAborts => {
    const s3 = account({ 'id-b': Infinity });
    const outcome = await abortVerified(s3, BUCKET, { key: 'b', uploadId: 'id-b' }, { ...NO_WAIT, maxAborts });
    expect(outcome).toMatchObject({ outcome: 'failed', aborts: maxAborts, error: `1 part (10 bytes) still there after ${maxAborts} abort${maxAborts === 1 ? '' : 's'}` });
    expect(aborts(s3)).toHaveLength(maxAborts);
  });

  test('maxAborts that is not a whole number >= 1 is refused', async () => {
    await expect(abortVerified(account(), BUCKET, { key: 'a', uploadId: 'id-a' }, { maxAborts: 0 })).rejects.toThrow('maxAborts must be a whole number >= 1 (got 0)');
  });

  test('an upload without parts that stays listed after the abort is not gone: aborted again, then failed with 0 parts', async () => {
    const s3 = account({ 'id-c': Infinity });
    expect(await abortVerified(s3, BUCKET, { key: 'c', uploadId: 'id-c' }, NO_WAIT)).toMatchObject({
      outcome: 'failed', aborts: 3, error: '0 parts (0 bytes) still there after 3 aborts', remaining: { parts: 0, bytes: 0 },
    });
    expect(s3.calls.filter(c => c.startsWith('listUploads'))).toHaveLength(3);
  });

  test('an upload without parts that is no longer listed is gone', async () => {
    const s3 = account();
    expect(await abortVerified(s3, BUCKET, { key: 'c', uploadId: 'id-c' })).toEqual({ outcome: 'aborted', aborts: 1 });
  });

  test('NoSuchUpload on the first abort, and ListParts agrees: already gone', async () => {
    const s3 = account();
    expect(await abortVerified(s3, BUCKET, { key: 'x', uploadId: 'id-x' })).toEqual({ outcome: 'already-gone', aborts: 1 });
    expect(s3.calls).toEqual(['abortUpload logs id-x', 'sumParts logs x']);
  });

  test('an abort denied: failed with the permission it needs, nothing left unknown, no second abort', async () => {
    const s3 = new FakeS3({ logs: { region: 'us-east-1', uploads: [], failWith: accessDenied() } });
    expect(await abortVerified(s3, BUCKET, { key: 'a', uploadId: 'id-a' })).toEqual({
      outcome: 'failed', aborts: 1, error: 'AccessDenied (HTTP 403): Access Denied; needs s3:AbortMultipartUpload', remaining: null,
    });
    expect(aborts(s3)).toHaveLength(1);
  });

  test('ListParts denied (RGW\'s answer to a non-owner once the upload is gone): the listing decides, and it is gone', async () => {
    const s3 = account({}, { listParts: true });
    expect(await abortVerified(s3, BUCKET, { key: 'a', uploadId: 'id-a' })).toEqual({ outcome: 'aborted', aborts: 1 });
    expect(s3.calls).toEqual(['abortUpload logs id-a', 'listUploads logs@us-east-1']);
  });

  test('ListParts denied and the upload still listed after every abort: failed, its parts unknown', async () => {
    const outcome = await abortVerified(account({ 'id-a': Infinity }, { listParts: true }), BUCKET, { key: 'a', uploadId: 'id-a' }, NO_WAIT);
    expect(outcome).toEqual({
      outcome: 'failed',
      aborts: 3,
      remaining: null,
      error: 'still listed after 3 aborts; its parts could not be read: AccessDenied (HTTP 403): Access Denied; needs s3:ListMultipartUploadParts',
    });
  });

  test('ListParts and the listing denied: failed, saying the abort answered and which permission the check needs', async () => {
    const outcome = await abortVerified(account({}, { listParts: true, listUploads: true }), BUCKET, { key: 'a', uploadId: 'id-a' });
    expect(outcome).toEqual({
      outcome: 'failed',
      aborts: 1,
      remaining: null,
      error: 'the abort answered, but the check that the upload is gone failed: AccessDenied (HTTP 403): Access Denied; needs s3:ListBucketMultipartUploads',
    });
  });

  test('every request goes through schedule; the waits between attempts do not', async () => {
    const s3 = account({ 'id-a': 1 });
    const scheduled: number[] = [];
    const outcome = await abortVerified(s3, BUCKET, { key: 'a', uploadId: 'id-a' }, {
      backoffMs: 20,
      schedule: async request => { scheduled.push(Date.now()); return request(); },
    });
    expect(outcome).toEqual({ outcome: 'aborted', aborts: 2 });
    expect(scheduled).toHaveLength(4);
    expect(scheduled[2] - scheduled[1]).toBeGreaterThanOrEqual(15);
  });

  test('stopRequested before the first abort: nothing sent, not started', async () => {
    const s3 = account();
    expect(await abortVerified(s3, BUCKET, { key: 'a', uploadId: 'id-a' }, { stopRequested: () => true })).toEqual({ outcome: 'not-started', aborts: 0 });
    expect(s3.calls).toEqual([]);
  });
});

describe('abortUploads and abortOrphans', () => {
  test('a lying abort is aborted again and counted as aborted; a survivor is failed with its bytes, the others aborted', async () => {
    const s3 = account({ 'id-a': 1, 'id-b': Infinity });
    const report = await audit(s3, { now: NOW, buckets: ['logs'] });
    const result = await abortOrphans(s3, report, { yes: true, concurrency: 2, verify: NO_WAIT });
    expect(result.aborted.map(t => t.key).sort()).toEqual(['a', 'c']);
    expect(result.failed).toEqual([expect.objectContaining({
      key: 'b', uploadId: 'id-b', aborts: 3, remaining: { parts: 1, bytes: 10 }, error: '1 part (10 bytes) still there after 3 aborts',
    })]);
    expect(result).toMatchObject({ bytesFreed: 11, bytesNotFreed: 10, alreadyGone: [] });
    expect(s3.buckets.logs.uploads.map(u => u.key)).toEqual(['b']);
  });

  test('an abort that fails with an error leaves its bytes from the report as not freed', async () => {
    const s3 = account();
    const report = await audit(s3, { now: NOW, buckets: ['logs'] });
    const denied = new FakeS3({ logs: { region: 'us-east-1', uploads: [], failWith: accessDenied() } });
    const result = await abortUploads(denied, abortTargets(report), { yes: true, concurrency: 2 });
    expect(result.failed.map(f => [f.key, f.remaining, f.aborts])).toEqual([['a', null, 1], ['b', null, 1], ['c', null, 1]]);
    expect(result).toMatchObject({ aborted: [], bytesFreed: 0, bytesNotFreed: 21 });
  });

  test('abortUploads aborts exactly the targets given, with sizes unknown when told so', async () => {
    const s3 = account();
    const report = await audit(s3, { now: NOW, buckets: ['logs'] });
    const [first] = abortTargets(report);
    const result = await abortUploads(s3, [first], { yes: true, concurrency: 1, sizesKnown: false });
    expect(result).toMatchObject({ aborted: [first], bytesFreed: null, bytesNotFreed: 0 });
    expect(s3.buckets.logs.uploads.map(u => u.key)).toEqual(['b', 'c']);
  });

  test('a dry run sends nothing and frees nothing', async () => {
    const s3 = account();
    const report = await audit(s3, { now: NOW, buckets: ['logs'] });
    s3.calls.length = 0;
    const dryRun = await abortUploads(s3, abortTargets(report), { yes: false, concurrency: 1 });
    expect(dryRun).toMatchObject({ executed: false, bytesFreed: 0, bytesNotFreed: 0 });
    expect(s3.calls).toEqual([]);
  });
});
