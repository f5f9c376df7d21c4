import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './run-cli';
import { OrganizationsClient } from '../aws-sdk';
import { SdkOrganizationAccounts } from '../organization/organization-accounts';
import { SdkAuditS3 } from '../sdk-s3';

/** The `mpu-audit` binary: wires the CLI to this process. */
export function runFromProcess(): void {
  // On Node 20 the AWS SDK prints a seven-line notice that its releases after January 2027 need
  // Node 22; stderr is one line per problem, so it is off unless the user turns it on with "false".
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const version = (JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
  runCli(process.argv.slice(2), {
    stdout: text => writeWithBackpressure(process.stdout, text),
    stderr: text => process.stderr.write(text),
    stderrIsTerminal: process.stderr.isTTY === true,
    env: process.env,
    readFile: path => readFileSync(path, 'utf8'),
    writeFile: (path, pieces, overwrite) => {
      const fd = openSync(path, overwrite ? 'w' : 'wx');
      try {
        for (const piece of pieces) writeSync(fd, piece);
      } finally {
        closeSync(fd);
      }
    },
    onInterrupt: handler => {
      process.on('SIGINT', handler);
      return () => process.off('SIGINT', handler);
    },
    version,
  }, options => new SdkAuditS3(options), ({ profile, region }) => new SdkOrganizationAccounts(new OrganizationsClient({ profile, region: region ?? 'us-east-1' }))).then(code => {
    process.exitCode = code;
  }, error => {
    process.stderr.write(`mpu-audit: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 3;
  });
}

/**
 * Writes, and when the stream's buffer is full returns a promise of the
 * 'drain': a pipe to a slow reader would otherwise hold the whole report in memory.
 */
export function writeWithBackpressure(stream: NodeJS.WritableStream, text: string): Promise<void> | undefined {
  if (stream.write(text)) return undefined;
  return new Promise(resolve => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      stream.off('error', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
    stream.on('error', done);
  });
}
