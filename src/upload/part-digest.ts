import { FileHandle } from 'node:fs/promises';
import { Digester, digesterOf, UploadChecksumAlgorithm } from './part-checksum';

/** Read in pieces of this size: hashing a 5 GiB part does not hold it in memory. */
const READ_SIZE = 1024 * 1024;

/** The digest of `length` bytes of the file from `start` (MD5 for a part's ETag, or a checksum); throws when the file is shorter. */
export async function digestOfRange(file: FileHandle, start: number, length: number, algorithm: UploadChecksumAlgorithm | 'MD5'): Promise<Buffer> {
  const digester = digesterOf(algorithm);
  const buffer = Buffer.allocUnsafe(Math.min(READ_SIZE, Math.max(length, 1)));
  let done = 0;
  while (done < length) {
    const bytesRead = await readPiece(file, buffer, 0, Math.min(buffer.length, length - done), start + done, start + length);
    digester.update(buffer.subarray(0, bytesRead));
    done += bytesRead;
  }
  return digester.digest();
}

/**
 * Reads `length` bytes of the file from `start` into a new buffer, with their checksum (base64),
 * hashed as the pieces come in: hashing a whole part at once would stop every other part's
 * socket for that long. Throws when the file is shorter.
 */
export async function readRangeWithChecksum(
  file: FileHandle, start: number, length: number, algorithm: UploadChecksumAlgorithm,
): Promise<{ body: Buffer; checksum: string }> {
  const digester: Digester = digesterOf(algorithm);
  const body = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const bytesRead = await readPiece(file, body, done, Math.min(READ_SIZE, length - done), start + done, start + length);
    digester.update(body.subarray(done, done + bytesRead));
    done += bytesRead;
  }
  return { body, checksum: digester.digest().toString('base64') };
}

/** Reads up to `size` bytes from `position` into `into` at `at`; throws when the file ends before `end`, the size it had. */
async function readPiece(file: FileHandle, into: Buffer, at: number, size: number, position: number, end: number): Promise<number> {
  const { bytesRead } = await file.read(into, at, size, position);
  if (bytesRead === 0) throw new Error(`the file ended at byte ${position}, before the ${end} bytes it had when the upload began`);
  return bytesRead;
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
