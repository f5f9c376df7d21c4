import { dirname, join, resolve } from 'node:path';
import { CheckFs, FileTooLarge } from '../../src/file-check/check-fs';
import { CheckedResource, CheckResult } from '../../src/file-check/check-result';

export const FIXTURES = join(__dirname, '..', 'file-check', 'fixtures');

/** A fixture template under test/file-check/fixtures/templates. */
export const template = (...path: string[]) => join(FIXTURES, 'templates', ...path);

/** The result of the resource with this logical id (and, when given, from this file); throws when there is none or several. */
export function resourceOf(result: CheckResult, id: string, file?: string): CheckedResource {
  const found = result.resources.filter(resource => resource.id === id && (file === undefined || resource.file === file));
  if (found.length !== 1) {
    throw new Error(`expected one result for ${id}, found ${found.length} among ${result.resources.map(r => r.id).join(', ')}`);
  }
  return found[0];
}

/** The verdict of each resource by logical id. */
export const verdicts = (result: CheckResult) => Object.fromEntries(result.resources.map(resource => [resource.id, resource.verdict]));

/**
 * A CheckFs over files held in memory (directories are implied by the paths), for trees the
 * repository should not hold (node_modules, hidden directories) and faults (a file that cannot
 * be read).
 */
export function memoryCheckFs(files: Record<string, string>, unreadable: readonly string[] = []): CheckFs {
  const paths = new Map(Object.entries(files).map(([path, text]) => [resolve(path), text]));
  const directories = new Set<string>();
  for (const path of paths.keys()) {
    for (let dir = dirname(path); !directories.has(dir); dir = dirname(dir)) {
      directories.add(dir);
      if (dir === dirname(dir)) break;
    }
  }
  const denied = (path: string) => unreadable.some(locked => resolve(locked) === resolve(path));
  const facts = { isLink: false, pseudo: false };
  return {
    entry: (path) => {
      const realPath = resolve(path);
      const text = paths.get(realPath);
      if (text !== undefined) return { kind: 'file', realPath, size: text.length, ...facts };
      return { kind: directories.has(realPath) ? 'directory' : 'missing', realPath, size: 0, ...facts };
    },
    readText: (realPath, maxBytes) => {
      if (denied(realPath)) throw new Error(`EACCES: permission denied, open '${realPath}'`);
      const text = paths.get(realPath);
      if (text === undefined) throw new Error(`ENOENT: no such file or directory, open '${realPath}'`);
      if (text.length > maxBytes) throw new FileTooLarge(text.length);
      return text;
    },
    list: (directory) => {
      if (denied(directory)) throw new Error(`EACCES: permission denied, scandir '${directory}'`);
      const prefix = `${resolve(directory)}/`;
      const names = [...paths.keys(), ...directories].filter(path => path.startsWith(prefix)).map(path => path.slice(prefix.length).split('/')[0]);
      return [...new Set(names)].sort();
    },
    absolute: path => resolve(path),
  };
}
