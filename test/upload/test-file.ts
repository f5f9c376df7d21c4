import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A file of `size` bytes in a new temporary folder, with a pattern that `seed` shifts, and its bytes. */
export function fileOf(size: number, seed = 1): { path: string; bytes: Buffer } {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i += 512) bytes[i] = (i / 512 + seed) % 251;
  const path = join(mkdtempSync(join(tmpdir(), 'mpu-upload-')), 'file.bin');
  writeFileSync(path, bytes);
  return { path, bytes };
}

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
