/**
 * The trees of the kernel's own files. What they hold as "regular files" is a process's
 * environment, memory or a device's state, never a file a user means to give.
 */
const SYSTEM_TREES: readonly string[] = ['/proc', '/sys', '/dev'];

/** The tree of SYSTEM_TREES that holds `realPath` (symbolic links resolved), if any. */
export function systemTreeOf(realPath: string): string | undefined {
  return SYSTEM_TREES.find(root => realPath === root || realPath.startsWith(`${root}/`));
}

/** The parts of node:fs Stats that tell the kinds of file apart. */
export interface FileKindStats {
  isFile(): boolean;
  isDirectory(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
}

/** `is a FIFO (named pipe), not a regular file`, and so on; undefined for a regular file. */
export function notRegularFile(stats: FileKindStats): string | undefined {
  if (stats.isFile()) return undefined;
  const kind = stats.isDirectory() ? 'a directory, '
    : stats.isFIFO() ? 'a FIFO (named pipe), '
      : stats.isSocket() ? 'a socket, '
        : stats.isCharacterDevice() || stats.isBlockDevice() ? 'a device, '
          : '';
  return `is ${kind}not a regular file`;
}
