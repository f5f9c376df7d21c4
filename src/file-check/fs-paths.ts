import { join } from 'node:path';

/**
 * Paths as mpu-check shows them, and the bytes the file system knows them by. A name that is not
 * valid UTF-8 has no JavaScript string that opens it again: it is shown with `\xNN` for each byte
 * that is not UTF-8, and its bytes are kept behind that form, for the files below it too.
 */
export class FsPaths {
  private readonly bytes = new Map<string, Buffer>();

  /** The bytes that open `path`: those behind its escaped form (or a parent's), else its UTF-8. */
  bytesOf(path: string): Buffer {
    if (this.bytes.size === 0) return Buffer.from(path, 'utf8');
    const known = this.bytes.get(path);
    if (known) return known;
    for (let at = path.lastIndexOf('/'); at > 0; at = path.lastIndexOf('/', at - 1)) {
      const parent = this.bytes.get(path.slice(0, at));
      if (parent) return Buffer.concat([parent, Buffer.from(path.slice(at), 'utf8')]);
    }
    return Buffer.from(path, 'utf8');
  }

  /** The name of `directory`'s entry `name` (as readdir gives it), as shown; its path then opens it. */
  child(directory: string, name: Buffer): string {
    const shown = escapedName(name);
    if (shown !== name.toString('utf8')) {
      this.bytes.set(join(directory, shown), Buffer.concat([this.bytesOf(directory), Buffer.from('/'), name]));
    }
    return shown;
  }

  /** A whole path the file system gave (a real path), as shown. */
  display(bytes: Buffer): string {
    const shown = escapedName(bytes);
    if (shown !== bytes.toString('utf8')) this.bytes.set(shown, bytes);
    return shown;
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** The bytes as UTF-8, each byte that is not part of a valid sequence written `\xNN`. */
function escapedName(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  if (!text.includes('\uFFFD')) return text;
  let shown = '';
  for (let at = 0; at < bytes.length;) {
    const length = sequenceLength(bytes, at);
    if (length > 0) {
      shown += bytes.toString('utf8', at, at + length);
      at += length;
    } else {
      shown += `\\x${bytes[at].toString(16).padStart(2, '0')}`;
      at++;
    }
  }
  return shown;
}

/** The length of the valid UTF-8 sequence starting at `at`, or 0 when there is none. */
function sequenceLength(bytes: Buffer, at: number): number {
  const lead = bytes[at];
  if (lead < 0x80) return 1;
  const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
  if (length === 0 || at + length > bytes.length) return 0;
  try {
    decoder.decode(bytes.subarray(at, at + length));
    return length;
  } catch {
    return 0;
  }
}
