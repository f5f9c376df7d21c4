import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBuiltBin } from './run-built-bin';
import { ExitCode } from '../../src/cli/exit-code';

const VERSION = (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
const BINS = ['mpu-check', 'mpu-audit', 'mpu-upload'];

/** A module loaded before the bin (node --require) that makes a bug happen where no one awaits it. */
function preload(code: string): Record<string, string> {
  const path = join(mkdtempSync(join(tmpdir(), 'mpu-bin-crash-')), 'crash.js');
  writeFileSync(path, code);
  return { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${path}`.trim() };
}

describe.each(BINS)('the %s bin (node bin/..., on lib/)', bin => {
  test('--help: the usage and its exit codes on stdout, exit 0', () => {
    const run = runBuiltBin(bin, ['--help']);
    expect(run).toMatchObject({ exitCode: 0, stderr: '' });
    expect(run.stdout).toMatch(new RegExp(`^Usage: ${bin} \\[options\\]`));
    expect(run.stdout).toMatch(/\n70 internal error \(a bug\): what the run did is not known[.;]/);
  });

  test('--version: the version of the package.json it comes with, with AWS_REGION empty as with it unset', () => {
    expect(runBuiltBin(bin, ['--version'], { AWS_REGION: '' })).toEqual({ exitCode: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  test.each([
    ['an exception thrown where no one catches it', 'setTimeout(() => { throw new RangeError("injected\\n    at nowhere (crash.js:1:1)"); }, 0);'],
    ['a promise rejected where no one awaits it', 'setTimeout(() => { Promise.reject(new RangeError("injected")); }, 0);'],
  ])('%s: exit 70, one line, no stack trace', (_, code) => {
    const run = runBuiltBin(bin, ['--version'], preload(code));
    expect(run.exitCode).toBe(ExitCode.INTERNAL);
    expect(run.stderr).toMatch(new RegExp(`^${bin}: unexpected error: RangeError: injected( at nowhere \\(crash\\.js:1:1\\))?\\n$`));
  });
});
