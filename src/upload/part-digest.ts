import { createHash } from 'node:crypto';
import { FileHandle } from 'node:fs/promises';

/** Read in pieces of this size, so that hashing a 5 GiB part does not hold it in memory. */
const READ_SIZE = 1024 * 1024;

/** The MD5 (hex) of `length` bytes of the file from `start`; throws when the file is shorter. */
export async function md5OfRange(file: FileHandle, start: number, length: number): Promise<string> {
  const hash = createHash('md5');
  const buffer = Buffer.allocUnsafe(Math.min(READ_SIZE, Math.max(length, 1)));
  let done = 0;
  while (done < length) {
    const { bytesRead } = await file.read(buffer, 0, Math.min(buffer.length, length - done), start + done);
    if (bytesRead === 0) throw new Error(`the file ended at byte ${start + done}, before the ${start + length} bytes it had when the upload began`);
    hash.update(buffer.subarray(0, bytesRead));
    done += bytesRead;
  }
  return hash.digest('hex');
}

/**
 * Reads `length` bytes of the file from `start` into a new buffer, hashing them as they come, in
 * pieces: hashing a whole part at once (about 40 ms for 25 MiB) would stop every other part's
 * socket for that long. Throws when the file is shorter.
 */
export async function readRangeWithMd5(file: FileHandle, start: number, length: number): Promise<{ body: Buffer; md5: Buffer }> {
  const hash = createHash('md5');
  const body = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await file.read(body, done, Math.min(READ_SIZE, length - done), start + done);
    if (bytesRead === 0) throw new Error(`the file ended at byte ${start + done}, before the ${start + length} bytes it had when the upload began`);
    hash.update(body.subarray(done, done + bytesRead));
    done += bytesRead;
  }
  return { body, md5: hash.digest() };
}

/**
 * True when S3's ETag is the digest computed here: a part's MD5 (hex), or an object's
 * `MD5-of-the-parts'-MD5s-N`. S3 gives a part the MD5 of its bytes as ETag, except under SSE-KMS
 * and SSE-C, where the ETag is no digest at all: such a part cannot be proven identical by its
 * ETag, and this says false.
 */
export function etagMatches(etag: string, expected: string): boolean {
  return etag.replace(/^"|"$/g, '').toLowerCase() === expected.toLowerCase();
}
