import { constants, Stats } from 'node:fs';
import { FileHandle, open, realpath, stat } from 'node:fs/promises';
import { UploadInputError } from './upload-input-error';
import { notRegularFile, systemTreeOf } from '../facts/file-kinds';

/** The file to upload, open, and what it was when it was opened. */
export interface SourceFile {
  readonly file: FileHandle;
  readonly stats: Stats;
}

/**
 * Opens the file to upload. A symbolic link is followed, as `aws s3 cp` follows it, but what it
 * leads to must be a regular file, not a directory, FIFO, socket or device, nor anything under
 * /proc, /sys or /dev: that is checked before the file is opened, so a FIFO is never waited on.
 * It is opened with O_NONBLOCK (a FIFO swapped in after the check is not waited on either), and
 * the open file must be the one that was checked (fstat: same device and inode).
 */
export async function openSourceFile(path: string): Promise<SourceFile> {
  const cannot = (error: unknown) => new UploadInputError(`${path}: ${cannotOpen(error as NodeJS.ErrnoException)}`, { cause: error });
  let checked: Stats;
  try {
    const real = await realpath(path);
    const tree = systemTreeOf(real);
    if (tree !== undefined) throw new UploadInputError(`${path} is under ${tree}, whose files are the system's, not a user's: give one file to upload`);
    checked = await stat(real);
  } catch (error) {
    throw error instanceof UploadInputError ? error : cannot(error);
  }
  refuseUnlessRegular(path, checked);
  // open(2) takes its flags as bits: a FIFO swapped in after the check is not waited on.
  // eslint-disable-next-line no-bitwise
  const file = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)).catch(error => { throw cannot(error); });
  try {
    const stats = await file.stat();
    refuseUnlessRegular(path, stats);
    if (stats.dev !== checked.dev || stats.ino !== checked.ino) {
      throw new UploadInputError(`${path} was replaced while it was being opened: run the command again once nothing is writing it`);
    }
    return { file, stats };
  } catch (error) {
    await file.close();
    throw error;
  }
}

function refuseUnlessRegular(path: string, stats: Stats): void {
  const what = notRegularFile(stats);
  if (what !== undefined) throw new UploadInputError(`${path} ${what}: give one file to upload`);
}

function cannotOpen(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT': return 'no such file';
    case 'EACCES': return 'permission denied: this user cannot read it';
    case 'ELOOP': return 'a loop of symbolic links';
    default: return error.message;
  }
}
