import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { CliRun } from '../cli-run';
import { runPromptly } from '../run-promptly';
import { expectOneLine, PROMPTLY_MS, scratchDirectory, SECRET, SOME_KEYS } from '../untrusted-input';

const at = scratchDirectory('mpu-upload-source-file-');
const GIVE_ONE = 'give one file to upload';
const expectUsageLine = (run: CliRun, line: string) => expectOneLine('mpu-upload', run, 2, line);

/** mpu-upload FILE to an endpoint where nothing listens: a file that got past the check would fail on the connection instead. */
const upload = (file: string, env: Record<string, string> = {}) =>
  runPromptly('mpu-upload', [file, 's3://backups/file', '--endpoint-url', 'http://127.0.0.1:1'], { ...SOME_KEYS, ...env }, PROMPTLY_MS);

describe('mpu-upload FILE (the built bin) uploads a regular file only, refused before it is opened', () => {
  test('a FIFO, and a symbolic link to one: refused at once, not waited on', async () => {
    const fifo = at('upload.fifo');
    execFileSync('mkfifo', [fifo]);
    expectUsageLine(await upload(fifo), `${fifo} is a FIFO (named pipe), not a regular file: ${GIVE_ONE}`);
    const link = at('fifo-link');
    symlinkSync(fifo, link);
    expectUsageLine(await upload(link), `${link} is a FIFO (named pipe), not a regular file: ${GIVE_ONE}`);
  });

  test('a directory and a socket are refused', async () => {
    const directory = at('a-directory');
    mkdirSync(directory);
    expectUsageLine(await upload(directory), `${directory} is a directory, not a regular file: ${GIVE_ONE}`);
    const socketPath = at('upload.sock');
    const socket: Server = createServer();
    await new Promise<void>(resolve => socket.listen(socketPath, resolve));
    try {
      expectUsageLine(await upload(socketPath), `${socketPath} is a socket, not a regular file: ${GIVE_ONE}`);
    } finally {
      socket.close();
    }
  });

  test('the files of /proc and /dev are refused, also through a symbolic link', async () => {
    expectUsageLine(await upload('/proc/self/environ', { HOSTILE: SECRET }),
      `/proc/self/environ is under /proc, whose files are the system's, not a user's: ${GIVE_ONE}`);
    expectUsageLine(await upload('/dev/zero'), `/dev/zero is under /dev, whose files are the system's, not a user's: ${GIVE_ONE}`);
    const link = at('zero-link');
    symlinkSync('/dev/zero', link);
    expectUsageLine(await upload(link), `${link} is under /dev, whose files are the system's, not a user's: ${GIVE_ONE}`);
  });
});
