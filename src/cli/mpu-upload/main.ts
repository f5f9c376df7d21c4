import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runUploadCli } from './run-upload';
import { describeError } from '../../s3/errors';
import { processCliIo } from '../process-cli-io';

/** The `mpu-upload` binary: the CLI on this process, the real AWS SDK, and the exit code. */
export function runFromProcess(): void {
  // As in mpu-audit: the SDK's seven-line Node version notice is off unless the user turns it on.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const version = (JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
  runUploadCli(process.argv.slice(2), processCliIo(version)).then(code => {
    process.exitCode = code;
  }, error => {
    process.stderr.write(`mpu-upload: unexpected error: ${describeError(error)}\n`);
    process.exitCode = 1;
  });
}
