import { CliIo } from '../../src/cli/cli-io';
import { TooLargeFileError } from '../../src/cli/regular-file';

export const NOW = new Date('2026-11-22T12:00:00Z');

/** A CliIo that keeps stdout, stderr and files in memory, for runCli in process. */
export function memoryCliIo(files: Record<string, string> = {}, overrides: Partial<CliIo> = {}) {
  const out = { stdout: '', stderr: '', files: { ...files } };
  const read = (path: string) => {
    if (!(path in out.files)) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
    return out.files[path];
  };
  const io: CliIo = {
    stdout: text => { out.stdout += text; },
    stderr: text => { out.stderr += text; },
    stderrIsTerminal: false,
    env: {},
    readFile: path => read(path),
    readRegularFile: (path, maxBytes) => {
      const text = read(path);
      if (Buffer.byteLength(text) > maxBytes) throw new TooLargeFileError(Buffer.byteLength(text), maxBytes);
      return text;
    },
    writeFile: (path, pieces) => { out.files[path] = [...pieces].join(''); },
    version: '1.2.3',
    now: () => NOW,
    ...overrides,
  };
  return { io, out };
}
