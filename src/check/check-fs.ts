import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';

/** What mpu-check reads from the file system, so that tests can hand in their own. */
export interface CheckFs {
  readonly kind: (path: string) => 'file' | 'directory' | 'missing';
  readonly readText: (path: string) => string;
  /** The names in a directory, sorted. */
  readonly list: (directory: string) => string[];
  /** One name for a file however it is reached (links, `..`), to read it once. */
  readonly identity: (path: string) => string;
}

export const nodeCheckFs: CheckFs = {
  kind: path => {
    try {
      const stat = statSync(path);
      return stat.isDirectory() ? 'directory' : 'file';
    } catch {
      return 'missing';
    }
  },
  readText: path => readFileSync(path, 'utf8'),
  list: directory => readdirSync(directory).sort(),
  identity: path => {
    try {
      return realpathSync(path);
    } catch {
      return path;
    }
  },
};
