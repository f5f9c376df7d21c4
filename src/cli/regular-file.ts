import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, Stats } from 'node:fs';
import { humanBytes } from '../audit/render/human-size';
import { notRegularFile, systemTreeOf } from '../facts/file-kinds';

/** Bytes read at a time. */
const CHUNK_BYTES = 64 * 1024;

/** A path that is not a regular file of at most the bound: what it is instead and, when it is the same for every flag, what to give. */
export class RefusedFileError extends Error {
  constructor(public readonly what: string, public readonly fix?: string) {
    super(fix === undefined ? what : `${what}: ${fix}`);
    this.name = 'RefusedFile';
  }
}

/** A file over the bound its reader set; the in-memory CliIo of the tests throws it too. */
export class TooLargeFileError extends RefusedFileError {
  /** `bytes` undefined: a file that grew past the bound while it was read. */
  constructor(bytes: number | undefined, maxBytes: number) {
    super(`is ${bytes === undefined ? 'more' : humanBytes(bytes)}, over the bound of ${humanBytes(maxBytes)}`);
    this.name = 'TooLargeFile';
  }
}

/**
 * The text (UTF-8) of the regular file at `path`, of at most `maxBytes`. Anything else is refused
 * before it is read: a symbolic link (lstat), a directory, FIFO, socket or device, anything under
 * /proc, /sys or /dev (its real path). The file is opened with O_NOFOLLOW and O_NONBLOCK, so that
 * a path swapped for a link or a FIFO after the check is neither followed nor waited on, and what
 * was opened must be the regular file that was checked (fstat). Errors of the file system (ENOENT,
 * EACCES) are thrown as they are.
 */
export function readRegularFile(path: string, maxBytes: number): string {
  const checked = lstatSync(path);
  if (checked.isSymbolicLink()) throw new RefusedFileError('is a symbolic link', 'give the path of the file itself');
  refuseUnlessRegular(checked);
  const tree = systemTreeOf(realpathSync(path));
  if (tree !== undefined) throw new RefusedFileError(`is under ${tree}, whose files are the system's, not a user's`);
  if (checked.size > maxBytes) throw new TooLargeFileError(checked.size, maxBytes);
  // open(2) takes its flags as bits: no link followed, no FIFO waited on.
  // eslint-disable-next-line no-bitwise
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  try {
    const opened = fstatSync(fd);
    refuseUnlessRegular(opened);
    if (opened.dev !== checked.dev || opened.ino !== checked.ino) {
      throw new RefusedFileError('was replaced while it was being opened', 'run the command again once nothing is writing it');
    }
    return readAtMost(fd, maxBytes).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

function refuseUnlessRegular(stats: Stats): void {
  const what = notRegularFile(stats);
  if (what !== undefined) throw new RefusedFileError(what);
}

/** The file's bytes; more than `maxBytes` (a file that grew since it was checked) is refused. */
function readAtMost(fd: number, maxBytes: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.alloc(Math.min(CHUNK_BYTES, maxBytes + 1 - total));
    const read = readSync(fd, chunk, 0, chunk.length, null);
    if (read === 0) return Buffer.concat(chunks, total);
    chunks.push(chunk.subarray(0, read));
    total += read;
    if (total > maxBytes) throw new TooLargeFileError(undefined, maxBytes);
  }
}
