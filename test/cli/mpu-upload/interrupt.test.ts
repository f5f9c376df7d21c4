import { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { AddressInfo, createServer, Server, Socket } from 'node:net';
import { runPromptly } from '../run-promptly';
import { PROMPTLY_MS, scratchDirectory, SOME_KEYS } from '../untrusted-input';

const at = scratchDirectory('mpu-upload-interrupt-');

describe('mpu-upload (the built bin) ends on one interrupt, whatever it is waiting for', () => {
  /** A server that takes connections and never answers: each request waits for the read timeout (60 s). */
  let silent: Server;
  let port: number;
  let connected: () => void = () => undefined;
  const sockets = new Set<Socket>();
  beforeAll(async () => {
    silent = createServer(socket => {
      sockets.add(socket);
      connected();
    });
    await new Promise<void>(resolve => silent.listen(0, '127.0.0.1', resolve));
    port = (silent.address() as AddressInfo).port;
  });
  afterAll(() => {
    sockets.forEach(socket => socket.destroy());
    silent.close();
  });

  test.each([['SIGTERM', 143], ['SIGINT', 130]] as const)('%s while S3 has not answered the first request: exit %d at once, nothing left', async (signal, code) => {
    const file = at(`interrupted-${signal}.bin`);
    writeFileSync(file, Buffer.alloc(6 * 1024 * 1024));
    let child: ChildProcess | undefined;
    const asked = new Promise<void>(resolve => { connected = resolve; });
    const running = runPromptly('mpu-upload', [file, 's3://backups/file', '--endpoint-url', `http://127.0.0.1:${port}`, '--part-size', '5MiB'],
      SOME_KEYS, PROMPTLY_MS, started => { child = started; });
    await asked;
    const signalled = performance.now();
    child!.kill(signal);
    const run = await running;
    expect(run.exitCode).toBe(code);
    expect(performance.now() - signalled).toBeLessThan(5_000);
    expect(run.stderr).toBe(`\nmpu-upload: ${signal}: stopping the parts in flight (interrupt again to quit at once)\n`
      + `mpu-upload: ${signal}: stopped before an upload was started; nothing was left on S3\n`);
  });
});
