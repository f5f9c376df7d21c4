import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync, Stats, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { FsPaths } from './fs-paths';

/** What is at a path once symbolic links are followed. */
export interface FsEntry {
  readonly kind: 'file' | 'directory' | 'other' | 'missing';
  /** For `other`, what it is (`a FIFO`); for `missing`, why (`no such file or directory`, `is a symbolic link that loops`). */
  readonly what?: string;
  /** The path with every symbolic link resolved; for `missing`, the path as given. */
  readonly realPath: string;
  /** True when the path itself is a symbolic link. */
  readonly isLink: boolean;
  /** On a pseudo file system (`/proc`, `/sys`, `/dev`), whose "files" are never read. */
  readonly pseudo: boolean;
  /** In bytes, for a file. */
  readonly size: number;
}

/** What mpu-check reads from the file system, so that tests can hand in their own. */
export interface CheckFs {
  readonly entry: (path: string) => FsEntry;
  /**
   * The text of the regular file at `realPath`, refusing anything else at open time (the file
   * may have changed since `entry`); throws a FileTooLarge error past `maxBytes`.
   */
  readonly readText: (realPath: string, maxBytes: number) => string;
  /** The names in a directory, sorted; a name that is not valid UTF-8 is given with `\xNN` escapes. */
  readonly list: (directory: string) => string[];
  /** The path made absolute from the current directory, symbolic links left as they are. */
  readonly absolute: (path: string) => string;
}

/** A file larger than its kind may be: `size` is at least what was read. */
export class FileTooLarge extends Error {
  constructor(readonly size: number) {
    super(`larger than allowed (${size} bytes or more)`);
  }
}

/** The file systems of the kernel's own objects: their files are not files. */
const PSEUDO_ROOTS = ['/proc', '/sys', '/dev'];

/**
 * The node:fs CheckFs, for one run. Names that are not valid UTF-8 are kept as bytes behind their
 * escaped form.
 */
export function nodeCheckFs(): CheckFs {
  const paths = new FsPaths();
  const buffers = new ReadBuffers();
  return {
    entry: path => entryOf(paths, path),
    readText: (realPath, maxBytes) => readRegularFile(paths.bytesOf(realPath), maxBytes, buffers),
    list: directory => readdirSync(paths.bytesOf(directory), { encoding: 'buffer' })
      .map(name => paths.child(directory, name))
      .sort(),
    absolute: path => resolve(path),
  };
}

function entryOf(paths: FsPaths, path: string): FsEntry {
  const fsPath = paths.bytesOf(path);
  let link: Stats;
  try {
    link = lstatSync(fsPath);
  } catch {
    return { kind: 'missing', realPath: path, isLink: false, pseudo: false, size: 0 };
  }
  let realPath: string;
  let stat: Stats;
  try {
    realPath = paths.display(realpathSync.native(fsPath, { encoding: 'buffer' }));
    stat = statSync(fsPath);
  } catch (error) {
    const what = (error as { code?: string }).code === 'ELOOP' ? 'is a symbolic link that loops' : 'is a symbolic link to nothing';
    return { kind: 'missing', what, realPath: path, isLink: link.isSymbolicLink(), pseudo: false, size: 0 };
  }
  const pseudo = PSEUDO_ROOTS.some(root => realPath === root || realPath.startsWith(`${root}/`));
  const kind = stat.isFile() ? 'file' : stat.isDirectory() ? 'directory' : 'other';
  return { kind, what: kind === 'other' ? describeSpecial(stat) : undefined, realPath, isLink: link.isSymbolicLink(), pseudo, size: stat.size };
}

function describeSpecial(stat: Stats): string {
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

/**
 * The largest buffer kept from one read to the next: a template (at most 1,000,000 bytes) or a .tf
 * file (256 KiB by default), and the byte more that tells a file grew.
 */
const KEPT_BUFFER_BYTES = 2 ** 20 + 1;

/**
 * The buffers that files are read into. One buffer serves every read up to KEPT_BUFFER_BYTES:
 * a new buffer for each file is memory outside the JavaScript heap that the garbage collector
 * takes in only later, and it cost 15% more CPU time and 20 MiB more memory on 20 templates of
 * 700 KB (BENCHMARKS.md). A larger file (a plan) gets a buffer of its own.
 */
class ReadBuffers {
  private kept = Buffer.alloc(0);

  /** A buffer of `size` bytes whose content is not defined: only what is read into it may be used. */
  take(size: number): Buffer {
    if (size > KEPT_BUFFER_BYTES) return Buffer.allocUnsafe(size);
    if (this.kept.length < size) this.kept = Buffer.allocUnsafe(Math.min(KEPT_BUFFER_BYTES, Math.max(size, 2 * this.kept.length)));
    return this.kept.subarray(0, size);
  }
}

/**
 * Opens without following a link and without waiting (a FIFO would block the open), checks that
 * what was opened is a regular file, and reads at most `maxBytes`.
 */
function readRegularFile(path: Buffer, maxBytes: number, buffers: ReadBuffers): string {
  // eslint-disable-next-line no-bitwise -- open(2) takes its flags as a bit set
  const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new Error(`${describeSpecial(stat)}, not a regular file`);
    if (stat.size > maxBytes) throw new FileTooLarge(stat.size);
    // The size may grow while reading: read one byte more than allowed to tell.
    const buffer = buffers.take(Math.min(maxBytes + 1, stat.size + 1));
    let filled = 0;
    for (let read = 1; read > 0 && filled < buffer.length;) {
      read = readSync(fd, buffer, filled, buffer.length - filled, null);
      filled += read;
    }
    if (filled > maxBytes) throw new FileTooLarge(filled);
    if (filled > stat.size) throw new Error('it changed while it was read');
    return buffer.subarray(0, filled).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
