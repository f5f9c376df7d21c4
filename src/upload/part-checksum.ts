import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';

/**
 * The additional checksums of S3 that Node.js computes natively. Each part carries one: S3 checks
 * it on arrival (refusing bytes changed on the way), lists it with the part, and keeps it with
 * the object. lib-storage and the AWS CLI send CRC32 by default too.
 */
export const UPLOAD_CHECKSUM_ALGORITHMS = ['CRC32', 'SHA1', 'SHA256'] as const;
export type UploadChecksumAlgorithm = typeof UPLOAD_CHECKSUM_ALGORITHMS[number];
export const DEFAULT_CHECKSUM_ALGORITHM: UploadChecksumAlgorithm = 'CRC32';

/** The checksums of a part or an object, base64 as S3 gives them, by algorithm. */
export type Checksums = Partial<Record<UploadChecksumAlgorithm, string>>;

/** A digest fed in pieces: one of the checksums, or the MD5 that S3 gives as a part's ETag. */
export interface Digester {
  update(bytes: Uint8Array): void;
  digest(): Buffer;
}

export function digesterOf(algorithm: UploadChecksumAlgorithm | 'MD5'): Digester {
  if (algorithm === 'CRC32') {
    let value = 0;
    return {
      update: bytes => { value = crc32(bytes, value); },
      digest: () => {
        const out = Buffer.alloc(4);
        out.writeUInt32BE(value);
        return out;
      },
    };
  }
  const hash = createHash(algorithm === 'MD5' ? 'md5' : algorithm === 'SHA1' ? 'sha1' : 'sha256');
  return { update: bytes => { hash.update(bytes); }, digest: () => hash.digest() };
}

/**
 * The checksum S3 gives an object made of parts with these checksums (base64, in part order):
 * the checksum of their concatenated digests, then `-` and their count.
 */
export function compositeChecksum(algorithm: UploadChecksumAlgorithm, partChecksums: readonly string[]): string {
  const digester = digesterOf(algorithm);
  for (const part of partChecksums) digester.update(Buffer.from(part, 'base64'));
  return `${digester.digest().toString('base64')}-${partChecksums.length}`;
}
