import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { FileHandle, open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { judgeExistingUpload, ListedPart } from '../../src/upload/existing-upload';
import { digestOfRange, etagMatches } from '../../src/upload/part-digest';
import { partLayout } from '../../src/upload/part-layout';
import { checksumOf } from '../_helpers/fake-upload-s3';

const MIB = 1024 * 1024;

/** A file of 12 MiB + 5 bytes whose bytes differ from part to part. */
function sampleFile(): { path: string; bytes: Buffer } {
  const bytes = Buffer.alloc(12 * MIB + 5);
  for (let i = 0; i < bytes.length; i += 4096) bytes[i] = (i / 4096) % 251;
  const path = join(mkdtempSync(join(tmpdir(), 'mpu-upload-')), 'file.bin');
  writeFileSync(path, bytes);
  return { path, bytes };
}

const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex');

const md5OfRange = async (file: FileHandle, start: number, length: number) => (await digestOfRange(file, start, length, 'MD5')).toString('hex');

describe('digestOfRange and etagMatches', () => {
  test('the digest of a range read in pieces is the digest of those bytes', async () => {
    const { path, bytes } = sampleFile();
    const file = await open(path);
    try {
      expect(await md5OfRange(file, 5 * MIB, 5 * MIB)).toBe(md5(bytes.subarray(5 * MIB, 10 * MIB)));
      expect(await md5OfRange(file, 10 * MIB, 2 * MIB + 5)).toBe(md5(bytes.subarray(10 * MIB)));
      expect(await md5OfRange(file, 0, 0)).toBe(md5(Buffer.alloc(0)));
      for (const algorithm of ['CRC32', 'SHA1', 'SHA256'] as const) {
        expect((await digestOfRange(file, 3 * MIB, 5 * MIB + 1, algorithm)).toString('base64')).toBe(checksumOf(algorithm, bytes.subarray(3 * MIB, 8 * MIB + 1)));
      }
      await expect(md5OfRange(file, 12 * MIB, MIB)).rejects.toThrow(/the file ended at byte 12582917, before the 13631488 bytes/);
    } finally {
      await file.close();
    }
  });

  test('an ETag is compared without its quotes and case; an SSE-KMS ETag proves nothing', () => {
    expect(etagMatches('"D41D8CD98F00B204E9800998ECF8427E"', 'd41d8cd98f00b204e9800998ecf8427e')).toBe(true);
    expect(etagMatches('d41d8cd98f00b204e9800998ecf8427e', 'd41d8cd98f00b204e9800998ecf8427e')).toBe(true);
    expect(etagMatches('"9b2cf535f27731c974343645a3985328"', 'd41d8cd98f00b204e9800998ecf8427e')).toBe(false);
  });
});

describe('judgeExistingUpload: which parts of an incomplete upload may be reused', () => {
  const { path, bytes } = sampleFile();
  const layout = partLayout(bytes.length, 5 * MIB);
  const part = (partNumber: number, from: Buffer = bytes): ListedPart => {
    const start = (partNumber - 1) * 5 * MIB;
    const body = from.subarray(start, Math.min(start + 5 * MIB, from.length));
    return { partNumber, size: body.length, etag: `"${md5(body)}"`, checksums: {} };
  };
  const judge = async (parts: ListedPart[]) => {
    const file = await open(path);
    const hashed: number[] = [];
    try {
      const verdict = await judgeExistingUpload(layout, parts, async (p, start, length) => {
        hashed.push(p.partNumber);
        return etagMatches(p.etag, await md5OfRange(file, start, length));
      });
      return { verdict, hashed };
    } finally {
      await file.close();
    }
  };

  test('parts proven identical are reused, in part order', async () => {
    const { verdict } = await judge([part(3), part(1)]);
    expect(verdict).toEqual({ kind: 'resume', reused: [part(1), part(3)] });
  });

  test('no parts yet: resume with none reused', async () => {
    expect((await judge([])).verdict).toEqual({ kind: 'resume', reused: [] });
  });

  test('one part whose bytes changed makes the whole upload stale, naming the bytes', async () => {
    const changed = Buffer.from(bytes);
    changed[6 * MIB] = (changed[6 * MIB] + 1) % 256;
    const { verdict } = await judge([part(1), part(2, changed)]);
    expect(verdict).toEqual({ kind: 'stale', why: 'its part 2 differs from bytes 5242880 to 10485759 of the file (the file changed?)' });
  });

  test('a part of another size is stale before any byte is hashed', async () => {
    const { verdict, hashed } = await judge([part(1), { ...part(2), size: 4 * MIB }]);
    expect(verdict).toEqual({ kind: 'stale', why: 'its part 2 is 4194304 bytes where the file\'s is 5242880 (another part size, or another file)' });
    expect(hashed).toEqual([]);
  });

  test('a part beyond the file\'s last is stale', async () => {
    const { verdict } = await judge([{ partNumber: 4, size: 5, etag: '"x"', checksums: {} }]);
    expect(verdict).toEqual({ kind: 'stale', why: 'it has part 4, and the file has 3 parts of 5242880 bytes' });
  });
});
