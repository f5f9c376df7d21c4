import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { join } from 'node:path';
import { CliRun, runMpuAudit } from '../../_helpers/run-mpu-audit';
import { runPromptly } from '../run-promptly';
import { expectOneLine, PROMPTLY_MS, scratchDirectory, SECRET } from '../untrusted-input';

const at = scratchDirectory('mpu-audit-flag-files-');
const expectUsageLine = (run: CliRun, line: string | RegExp) => expectOneLine('mpu-audit', run, 2, line);
const promptly = (args: string[]) => runPromptly('mpu-audit', args, {}, PROMPTLY_MS);

/** Each flag that names a file, the arguments that go with it, and the fix its refusals give. */
const FLAGS: Array<[flag: string, more: string[], fix: string]> = [
  ['--price-table', ['--bucket', 'logs'], 'give the path of a JSON file like {"STANDARD": 0.023}'],
  ['--from-report', ['--abort'], 'give a report written by mpu-audit --format json --output FILE'],
  ['--render-summary', [], 'give the path of a summary.json'],
];

describe.each(FLAGS)('mpu-audit %s FILE (the built bin) reads a regular file only, and never quotes it', (flag, more, fix) => {
  const secretFile = at(`${flag.slice(2)}-secret.txt`);
  writeFileSync(secretFile, `AWS_SECRET_ACCESS_KEY=${SECRET}\n`);
  /** The one line for `path`: `--flag PATH ` and then `what`. */
  const refused = (path: string, what: string | RegExp) => {
    const run = runMpuAudit([flag, path, ...more]);
    if (typeof what === 'string') return expectUsageLine(run, `${flag} ${path} ${what}`);
    expectUsageLine(run, /^mpu-audit: [^\n]+\n$/);
    expect(run.stderr.startsWith(`mpu-audit: ${flag} ${path} `)).toBe(true);
    return expect(run.stderr.slice(`mpu-audit: ${flag} ${path} `.length)).toMatch(what);
  };

  test('a symbolic link, even to a regular file, is refused: give the path of the file itself', () => {
    const link = at(`${flag.slice(2)}-link.json`);
    symlinkSync(secretFile, link);
    refused(link, 'is a symbolic link: give the path of the file itself');
  });

  test('a FIFO is refused at once, not waited on', async () => {
    const fifo = at(`${flag.slice(2)}.fifo`);
    execFileSync('mkfifo', [fifo]);
    expectUsageLine(await promptly([flag, fifo, ...more]), `${flag} ${fifo} is a FIFO (named pipe), not a regular file: ${fix}`);
  });

  test('a directory, a socket and a device are refused', async () => {
    const directory = at(`${flag.slice(2)}-dir`);
    mkdirSync(directory);
    refused(directory, `is a directory, not a regular file: ${fix}`);
    const socketPath = at(`${flag.slice(2)}.sock`);
    const socket: Server = createServer();
    await new Promise<void>(resolve => socket.listen(socketPath, resolve));
    try {
      expectUsageLine(await promptly([flag, socketPath, ...more]), `${flag} ${socketPath} is a socket, not a regular file: ${fix}`);
    } finally {
      socket.close();
    }
    expectUsageLine(await promptly([flag, '/dev/zero', ...more]), `${flag} /dev/zero is a device, not a regular file: ${fix}`);
  });

  test('the files of /proc are refused, also through a link to a directory above them', () => {
    const env = { HOSTILE: SECRET };
    expectUsageLine(runMpuAudit([flag, '/proc/self/environ', ...more], env),
      `${flag} /proc/self/environ is under /proc, whose files are the system's, not a user's: ${fix}`);
    const proc = at(`${flag.slice(2)}-proc`);
    symlinkSync('/proc', proc);
    expectUsageLine(runMpuAudit([flag, join(proc, 'self', 'environ'), ...more], env),
      `${flag} ${join(proc, 'self', 'environ')} is under /proc, whose files are the system's, not a user's: ${fix}`);
  });

  test('a file that is not JSON: the line and column where it breaks, never a piece of it', () => {
    refused(secretFile, /is not valid JSON: expected a value \(.*\) at line 1, column 1/);
    const quoted = at(`${flag.slice(2)}-quoted.json`);
    writeFileSync(quoted, `{\n  "password": ${SECRET}\n}\n`);
    refused(quoted, /is not valid JSON: expected a value \(.*\) at line 2, column 15/);
  });

  test('a file over the bound is refused before it is read (a sparse file of 1 GiB)', () => {
    const large = at(`${flag.slice(2)}-large.json`);
    writeFileSync(large, '');
    truncateSync(large, 1024 ** 3);
    refused(large, /^is 1\.0 GiB, over the bound of (1\.0|64\.0|256\.0) MiB: /);
  });
});

describe('mpu-audit --price-table FILE (the built bin) names what is wrong in it, never its values', () => {
  test.each([
    [{ STANDARD: SECRET }, 'the price of STANDARD must be a number >= 0 (got a string)'],
    [{ STANDARD: 0.02, [SECRET]: 'x' }, 'the price of entry 2 must be a number >= 0 (got a string)'],
    [{ GLACIER: -1 }, 'the price of GLACIER must be a number >= 0 (got a negative number)'],
    [[SECRET], 'must hold a JSON object of storage class to USD per GB-month, like {"STANDARD": 0.023} (got a list)'],
  ])('%j', (table, what) => {
    const path = at(`prices-${JSON.stringify(table).length}-${what.length}.json`);
    writeFileSync(path, JSON.stringify(table));
    const separator = what.startsWith('must') ? ' ' : ': ';
    expectUsageLine(runMpuAudit(['--price-table', path, '--bucket', 'logs']), `--price-table ${path}${separator}${what}`);
  });
});
