import { createHash } from 'node:crypto';
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UploadFailedError, uploadFile, UploadFileOptions, UploadProgress } from '../../src/upload/upload-file';
import { checksumOf, FakeUploadS3 } from '../_helpers/fake-upload-s3';

const MIB = 1024 * 1024;
const PART = 5 * MIB;

/** A file of `size` bytes whose parts all differ. */
function fileOf(size: number): { path: string; bytes: Buffer } {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i += 1024) bytes[i] = (i / 1024) % 253;
  const path = join(mkdtempSync(join(tmpdir(), 'mpu-upload-')), 'file.bin');
  writeFileSync(path, bytes);
  return { path, bytes };
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const partOf = (bytes: Buffer, partNumber: number) => bytes.subarray((partNumber - 1) * PART, partNumber * PART);
const options = (s3: FakeUploadS3, more: Partial<UploadFileOptions> = {}): UploadFileOptions => ({
  partSize: PART, abortUpload: s3.abortUpload, ...more,
});
const partsSent = (s3: FakeUploadS3) => s3.calls.filter(call => call.startsWith('uploadPart')).map(call => Number(call.split(' ')[2])).sort((a, b) => a - b);

describe('uploadFile (with a fake S3)', () => {
  test.each([
    ['a 0-byte file', 0],
    ['a file under 5 MiB', 3 * MIB + 7],
  ])('%s goes as one PutObject', async (_, size) => {
    const { path, bytes } = fileOf(size);
    const s3 = new FakeUploadS3();
    const result = await uploadFile(s3, path, options(s3));
    expect(result).toMatchObject({ outcome: 'completed', uploadId: null, bytes: size, partsSent: 1, partsReused: 0 });
    expect(sha256(s3.object!.body)).toBe(sha256(bytes));
    expect(s3.calls).toEqual(['headObject', 'putObject']);
  });

  test('a file of three parts is sent in parts and completed, byte for byte', async () => {
    const { path, bytes } = fileOf(2 * PART + 5);
    const s3 = new FakeUploadS3();
    const progress: number[] = [];
    const result = await uploadFile(s3, path, options(s3, { onProgress: p => progress.push(p.partsDone) }));
    expect(result).toMatchObject({ outcome: 'completed', bytes: bytes.length, bytesSent: bytes.length, partsSent: 3, partsReused: 0, staleUploads: [] });
    expect(sha256(s3.object!.body)).toBe(sha256(bytes));
    // The first report comes before any part is sent: what is already in place.
    expect(progress).toEqual([0, 1, 2, 3]);
    expect(s3.uploads.size).toBe(0);
  });

  const servers = [['S3, which lists checksums', true], ['a server without checksums, by MD5 ETags', false]] as const;

  test.each(servers)('an earlier run\'s upload whose parts are the file\'s is resumed: only the missing part is sent (%s)', async (_, checksums) => {
    const { path, bytes } = fileOf(2 * PART + 5);
    const s3 = new FakeUploadS3({ checksums });
    const earlier = s3.seed({ 1: partOf(bytes, 1), 3: partOf(bytes, 3) });
    const result = await uploadFile(s3, path, options(s3));
    expect(result).toMatchObject({ outcome: 'completed', uploadId: earlier, partsSent: 1, partsReused: 2, bytesSent: PART });
    expect(partsSent(s3)).toEqual([2]);
    expect(sha256(s3.object!.body)).toBe(sha256(bytes));
  });

  test.each(servers)('an upload of a changed file is never stitched in: a new upload, and the stale one aborted after it completes (%s)', async (_, checksums) => {
    const { path, bytes } = fileOf(2 * PART + 5);
    const s3 = new FakeUploadS3({ checksums });
    const changed = Buffer.from(partOf(bytes, 2));
    changed[0] = (changed[0] + 1) % 256;
    const stale = s3.seed({ 1: partOf(bytes, 1), 2: changed });
    const result = await uploadFile(s3, path, options(s3));
    expect(result).toMatchObject({ outcome: 'completed', partsSent: 3, partsReused: 0 });
    expect(result.outcome === 'completed' && result.staleUploads).toEqual([
      { uploadId: stale, why: 'its part 2 differs from bytes 5242880 to 10485759 of the file (the file changed?)', abort: { gone: true, detail: 'aborted' } },
    ]);
    expect(s3.calls.indexOf(`abortUpload ${stale}`)).toBeGreaterThan(s3.calls.findIndex(call => call.startsWith('completeUpload')));
    expect(sha256(s3.object!.body)).toBe(sha256(bytes));
    expect(s3.uploads.size).toBe(0);
  });

  test('of two resumable uploads the one with more bytes in place is resumed, the other aborted as stale', async () => {
    const { path, bytes } = fileOf(2 * PART + 5);
    const s3 = new FakeUploadS3();
    const fewer = s3.seed({ 1: partOf(bytes, 1) }, new Date(Date.UTC(2026, 10, 2)));
    const more = s3.seed({ 1: partOf(bytes, 1), 2: partOf(bytes, 2) }, new Date(Date.UTC(2026, 10, 1)));
    const result = await uploadFile(s3, path, options(s3));
    expect(result).toMatchObject({ outcome: 'completed', uploadId: more, partsSent: 1, partsReused: 2 });
    expect(result.outcome === 'completed' && result.staleUploads.map(s => [s.uploadId, s.why])).toEqual([
      [fewer, 'another incomplete upload of the key, started 2026-11-02T00:00:00.000Z'],
    ]);
  });

  test.each(servers)('when the object already holds these bytes nothing is sent, for a multipart object and for a single one (%s)', async (_, checksums) => {
    for (const size of [2 * PART + 5, 100]) {
      const { path } = fileOf(size);
      const s3 = new FakeUploadS3({ checksums });
      await uploadFile(s3, path, options(s3));
      s3.calls.length = 0;
      expect(await uploadFile(s3, path, options(s3))).toMatchObject({ outcome: 'unchanged', bytes: size });
      expect(s3.calls).toEqual(['headObject']);
    }
  });

  test('an object of the same size and other bytes is replaced', async () => {
    const { path, bytes } = fileOf(2 * PART + 5);
    const s3 = new FakeUploadS3();
    s3.object = { body: Buffer.alloc(bytes.length), etag: 'other-3', checksums: {} };
    expect(await uploadFile(s3, path, options(s3))).toMatchObject({ outcome: 'completed', partsSent: 3 });
    expect(sha256(s3.object!.body)).toBe(sha256(bytes));
  });

  test('each part carries its CRC32, and the upload is created for it; --checksum-algorithm SHA256 sends SHA-256 instead', async () => {
    const { path, bytes } = fileOf(2 * PART + 5);
    for (const algorithm of ['CRC32', 'SHA256'] as const) {
      const s3 = new FakeUploadS3();
      await uploadFile(s3, path, options(s3, algorithm === 'CRC32' ? {} : { checksumAlgorithm: algorithm }));
      expect(s3.calls).toContain(`createUpload upload-1 ${algorithm}`);
      // The fake, as S3, refused any part whose checksum was not that of its bytes, and keeps the composite.
      const ofParts = Buffer.concat([1, 2, 3].map(n => Buffer.from(checksumOf(algorithm, partOf(bytes, n)), 'base64')));
      expect(s3.object!.checksums).toEqual({ [algorithm]: `${checksumOf(algorithm, ofParts)}-3` });
    }
  });

  test('under SSE-KMS, whose ETags are no MD5, a landed part is proven by its checksum, and an unchanged object by the composite', async () => {
    const { path, bytes } = fileOf(2 * PART + 5);
    const s3 = new FakeUploadS3({ checksums: true, opaqueEtags: true });
    s3.seed({ 1: partOf(bytes, 1) });
    expect(await uploadFile(s3, path, options(s3))).toMatchObject({ outcome: 'completed', partsSent: 2, partsReused: 1 });
    expect(partsSent(s3)).toEqual([2, 3]);
    s3.calls.length = 0;
    expect(await uploadFile(s3, path, options(s3))).toMatchObject({ outcome: 'unchanged' });
    expect(s3.calls).toEqual(['headObject']);
  });

  test('a server with neither checksums nor MD5 ETags proves no part: nothing is stitched in', async () => {
    const { path, bytes } = fileOf(2 * PART + 5);
    const s3 = new FakeUploadS3({ checksums: false, opaqueEtags: true });
    const earlier = s3.seed({ 1: partOf(bytes, 1) });
    const result = await uploadFile(s3, path, options(s3));
    expect(result).toMatchObject({ outcome: 'completed', partsSent: 3, partsReused: 0 });
    expect(result.outcome === 'completed' && result.staleUploads.map(s => s.uploadId)).toEqual([earlier]);
    expect(sha256(s3.object!.body)).toBe(sha256(bytes));
  });

  test('an upload started with another checksum algorithm is not resumed, and says which algorithm resumes it', async () => {
    const { path, bytes } = fileOf(2 * PART + 5);
    const s3 = new FakeUploadS3();
    const other = s3.seed({ 1: partOf(bytes, 1) }, undefined, 'SHA256');
    const result = await uploadFile(s3, path, options(s3));
    expect(result).toMatchObject({ outcome: 'completed', partsSent: 3, partsReused: 0 });
    expect(result.outcome === 'completed' && result.staleUploads.map(s => [s.uploadId, s.why])).toEqual([
      [other, 'its parts carry SHA256 checksums, and this upload sends CRC32 (the same checksum algorithm resumes it)'],
    ]);
    expect(s3.calls).not.toContain(`listParts ${other}`);
  });

  test('a part changed on the way is refused by its checksum (BadDigest): the upload is aborted, nothing of it completed', async () => {
    const { path } = fileOf(3 * PART);
    const s3 = new FakeUploadS3();
    const flipped = (body: Buffer) => Buffer.concat([body.subarray(0, 10), Buffer.from([(body[10] + 1) % 256]), body.subarray(11)]);
    s3.onTheWay = (partNumber, body) => (partNumber === 2 ? flipped(body) : body);
    const failure = await uploadFile(s3, path, options(s3, { concurrency: 1 })).catch(error => error);
    expect(failure).toBeInstanceOf(UploadFailedError);
    expect(failure.message).toBe('a part could not be sent: BadDigest: The CRC32 you specified did not match the calculated checksum.');
    expect(s3.object).toBeUndefined();
    expect(s3.uploads.size).toBe(0);
  });

  test('a part that fails for good aborts the upload and leaves no incomplete upload', async () => {
    const { path } = fileOf(3 * PART);
    const s3 = new FakeUploadS3();
    s3.beforePart = partNumber => {
      if (partNumber === 2) throw Object.assign(new Error('Access Denied'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
    };
    const failure = await uploadFile(s3, path, options(s3, { concurrency: 1 })).catch(error => error);
    expect(failure).toBeInstanceOf(UploadFailedError);
    expect(failure.message).toBe('a part could not be sent: AccessDenied (HTTP 403): Access Denied');
    expect(failure.abort).toEqual({ gone: true, detail: 'aborted' });
    expect(s3.uploads.size).toBe(0);
    expect(partsSent(s3)).toEqual([1, 2]);
  });

  test('a stop leaves the upload to resume; the same call again sends only the rest', async () => {
    const { path, bytes } = fileOf(4 * PART);
    const s3 = new FakeUploadS3();
    const stop = new AbortController();
    const stopAfterTwo = (p: { partsDone: number }) => {
      if (p.partsDone === 2) stop.abort();
    };
    const first = await uploadFile(s3, path, options(s3, { concurrency: 1, signal: stop.signal, onProgress: stopAfterTwo }));
    expect(first).toMatchObject({ outcome: 'stopped', partsDone: 2, partsTotal: 4, abort: null });
    expect(s3.uploads.size).toBe(1);
    s3.calls.length = 0;
    const second = await uploadFile(s3, path, options(s3));
    expect(second).toMatchObject({ outcome: 'completed', uploadId: first.outcome === 'stopped' ? first.uploadId : '', partsSent: 2, partsReused: 2 });
    expect(partsSent(s3)).toEqual([3, 4]);
    expect(sha256(s3.object!.body)).toBe(sha256(bytes));
  });

  test('a signal stopped before the call sends no part, and leaves the new upload to resume', async () => {
    const { path } = fileOf(2 * PART + 5);
    const s3 = new FakeUploadS3();
    const stop = new AbortController();
    stop.abort();
    expect(await uploadFile(s3, path, options(s3, { signal: stop.signal }))).toMatchObject({ outcome: 'stopped', partsDone: 0, partsTotal: 3 });
    expect(partsSent(s3)).toEqual([]);
  });

  test('progress counts the bytes in place, reused parts included', async () => {
    const { path, bytes } = fileOf(2 * PART + 5);
    const s3 = new FakeUploadS3();
    s3.seed({ 1: partOf(bytes, 1) });
    const done: number[] = [];
    await uploadFile(s3, path, options(s3, { concurrency: 1, onProgress: p => done.push(p.bytesDone) }));
    expect(done).toEqual([PART, 2 * PART, 2 * PART + 5]);
  });

  test('a CompleteMultipartUpload that fails after its retries aborts the upload: nothing is left billed', async () => {
    const { path } = fileOf(2 * PART + 1);
    const s3 = new FakeUploadS3();
    s3.beforeComplete = () => { throw Object.assign(new Error('We encountered an internal error.'), { name: 'InternalError', $metadata: { httpStatusCode: 500 } }); };
    const failure = await uploadFile(s3, path, options(s3)).catch(error => error as UploadFailedError);
    expect(failure).toBeInstanceOf(UploadFailedError);
    expect(failure).toMatchObject({ message: 'InternalError (HTTP 500): We encountered an internal error.', uploadId: 'upload-1', abort: { gone: true } });
    expect(s3.uploads.size).toBe(0);
  });

  test('a stop before the upload is started starts none', async () => {
    const { path } = fileOf(2 * PART + 1);
    const s3 = new FakeUploadS3();
    const stop = new AbortController();
    stop.abort();
    expect(await uploadFile(s3, path, options(s3, { signal: stop.signal }))).toEqual({ outcome: 'stopped', uploadId: null, partsDone: 0, partsTotal: 3, abort: null });
    expect(s3.calls).toEqual(['headObject', 'listIncompleteUploads']);
  });

  test('a stop with abortOnStop aborts the upload', async () => {
    const { path } = fileOf(3 * PART);
    const s3 = new FakeUploadS3();
    const stop = new AbortController();
    const stopAtOnce = (p: UploadProgress) => (p.partsDone > 0 ? stop.abort() : undefined);
    const result = await uploadFile(s3, path, options(s3, { concurrency: 1, signal: stop.signal, abortOnStop: true, onProgress: stopAtOnce }));
    expect(result).toMatchObject({ outcome: 'stopped', partsDone: 1, abort: { gone: true } });
    expect(s3.uploads.size).toBe(0);
  });

  test('a file that changes while uploading is not completed: the upload is aborted, and the error says why', async () => {
    const { path } = fileOf(3 * PART);
    const s3 = new FakeUploadS3();
    const failure = await uploadFile(s3, path, options(s3, { concurrency: 1, onProgress: p => { if (p.partsDone === 1) appendFileSync(path, 'more'); } }))
      .catch(error => error);
    expect(failure).toBeInstanceOf(UploadFailedError);
    expect(failure.message).toMatch(/^the file changed while uploading \(15728640 bytes, then 15728644;/);
    expect(s3.object).toBeUndefined();
    expect(s3.uploads.size).toBe(0);
  });
});
