import { CliIo } from '../../src/cli/cli-io';

export const NOW = new Date('2026-11-22T12:00:00Z');

/** A CliIo that keeps stdout, stderr and files in memory, for runCli in process. */
export function memoryCliIo(files: Record<string, string> = {}, overrides: Partial<CliIo> = {}) {
  const out = { stdout: '', stderr: '', files: { ...files } };
  const io: CliIo = {
    stdout: text => { out.stdout += text; },
    stderr: text => { out.stderr += text; },
    stderrIsTerminal: false,
    env: {},
    readFile: path => {
      if (!(path in out.files)) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
      return out.files[path];
    },
    writeFile: (path, pieces) => { out.files[path] = [...pieces].join(''); },
    version: '1.2.3',
    now: () => NOW,
    ...overrides,
  };
  return { io, out };
}
