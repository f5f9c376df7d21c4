import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCheckCli } from './run-check';
import { processCliIo } from '../process-cli-io';

/** The `mpu-check` binary: the CLI on this process, and the exit code. */
export function runFromProcess(): void {
  const version = (JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
  runCheckCli(process.argv.slice(2), processCliIo(version)).then(code => {
    process.exitCode = code;
  }, error => {
    process.stderr.write(`mpu-check: unexpected error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exitCode = 2;
  });
}
