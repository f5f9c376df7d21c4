import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCheckCli } from './run-check';
import { shortMessage } from '../../file-check/input-problems';
import { safeLine } from '../../file-check/render/safe-text';
import { processCliIo } from '../process-cli-io';

/** The `mpu-check` binary: the CLI on this process, and the exit code. */
export function runFromProcess(): void {
  process.on('uncaughtException', (error) => {
    process.stderr.write(`${safeLine(`mpu-check: unexpected error: ${shortMessage(error)}`)}\n`);
    process.exit(2);
  });
  const version = (JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
  runCheckCli(process.argv.slice(2), processCliIo(version)).then(code => {
    process.exitCode = code;
  }, error => {
    // A failure outside any one input (writing the report, a bug): one line, never a stack trace.
    process.stderr.write(`${safeLine(`mpu-check: unexpected error: ${shortMessage(error)}`)}\n`);
    process.exitCode = 2;
  });
}
