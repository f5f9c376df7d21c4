import { dirname, isAbsolute, relative } from 'node:path';
import { CheckFs, FileTooLarge } from './check-fs';

/** A path that may be read: a regular file or a directory inside the roots. */
export interface Admitted {
  readonly kind: 'file' | 'directory';
  readonly realPath: string;
  readonly size: number;
}

/** A path that is not read, and why, worded to follow the path or the reference that named it. */
export interface Refused {
  readonly kind: 'refused';
  readonly why: string;
  /** Nothing is there at all (as opposed to something mpu-check will not read). */
  readonly missing: boolean;
  /** What is there once links are followed, for a search to tell a directory it would have entered. */
  readonly target: 'file' | 'directory' | 'other' | 'missing';
}

/**
 * Where mpu-check may read: by default the current directory, and each path given that lies
 * outside it (a file given brings its directory).
 */
export interface RootOptions {
  /** The one directory to read inside (`--root`). */
  readonly root?: string;
  /** The paths given on the command line. */
  readonly paths: readonly string[];
}

/** A --root that cannot be the root: a usage problem. */
export class RootProblem extends Error {}

/** Why a path with nothing at it is not read, as the system says it. */
const NOTHING_THERE = 'no such file or directory';

/** A file larger than its kind may be. */
export class TooLarge extends Error {
  constructor(readonly size: number) {
    super(`${size} bytes`);
  }
}

/**
 * The files mpu-check may read: regular files whose real path (symbolic links resolved) lies
 * inside one of its roots, never a FIFO, socket, device or a file of /proc, /sys or /dev.
 */
export class InputTree {
  /** The roots for a run; a root that cannot be read is a usage problem, thrown with its reason. */
  static forRun(fs: CheckFs, options: RootOptions): InputTree {
    if (options.root !== undefined) {
      const root = fs.entry(options.root);
      if (root.kind !== 'directory') {
        const why = root.kind === 'missing' ? root.what ?? NOTHING_THERE : 'not a directory';
        throw new RootProblem(`--root ${options.root}: ${why}: give the directory whose files may be read`);
      }
      return new InputTree(fs, [root.realPath], true);
    }
    const here = fs.absolute('.');
    // A file given outside the current directory brings its directory: its nested templates, its module's other files.
    const outside = options.paths.filter(path => isOutside(fs.absolute(path), here)).map(path => fs.entry(path));
    const roots = [fs.entry('.').realPath, ...outside.filter(entry => entry.kind !== 'missing').map(entry => (entry.kind === 'directory' ? entry.realPath : dirname(entry.realPath)))];
    return new InputTree(fs, roots, false);
  }

  /** The roots' real paths; the first is the one messages name. */
  private readonly roots: string[];

  private constructor(private readonly fs: CheckFs, roots: readonly string[], private readonly explicit: boolean) {
    this.roots = [...roots];
  }

  /** What `path` is, when it may be read. */
  visit(path: string): Admitted | Refused {
    const entry = this.fs.entry(path);
    if (entry.kind === 'missing') return { kind: 'refused', why: entry.what ?? NOTHING_THERE, missing: true, target: 'missing' };
    if (!this.roots.some(root => !isOutside(entry.realPath, root))) {
      const how = entry.isLink ? 'is a symbolic link that leads outside' : 'is outside';
      const widen = this.explicit ? '' : ' (run mpu-check from a directory that holds both, or give --root)';
      return { kind: 'refused', why: `${how} the root ${this.roots[0]}: not read${widen}`, missing: false, target: entry.kind };
    }
    if (entry.pseudo) return { kind: 'refused', why: 'is on /proc, /sys or /dev, not a regular file: not read', missing: false, target: entry.kind };
    if (entry.kind === 'other') return { kind: 'refused', why: `is ${entry.what}, not a regular file: not read`, missing: false, target: 'other' };
    return { kind: entry.kind, realPath: entry.realPath, size: entry.size };
  }

  /** The text of an admitted file; TooLarge past `maxBytes`. */
  read(file: Admitted, maxBytes: number): string {
    if (file.size > maxBytes) throw new TooLarge(file.size);
    try {
      return this.fs.readText(file.realPath, maxBytes);
    } catch (error) {
      if (error instanceof FileTooLarge) throw new TooLarge(error.size);
      throw error;
    }
  }

  list(directory: string): string[] {
    return this.fs.list(directory);
  }
}

/** Nothing at all is at the path (not a link to nothing, nor something refused). */
export function isAbsent(visit: Refused): boolean {
  return visit.missing && visit.why === NOTHING_THERE;
}

function isOutside(path: string, root: string): boolean {
  const inside = relative(root, path);
  return inside === '..' || inside.startsWith('../') || isAbsolute(inside);
}
