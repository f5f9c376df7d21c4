import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './run-cli';
import { SdkOrganizationAccounts } from '../../organization/runtime/organization-accounts';
import { OrganizationsClient } from '../../s3/aws-sdk';
import { describeError } from '../../s3/errors';
import { SdkS3 } from '../../s3/sdk-s3';
import { processCliIo } from '../process-cli-io';

/** The `mpu-audit` binary: the CLI on this process, the real AWS SDK, and the exit code. */
export function runFromProcess(): void {
  // On Node 20 the AWS SDK prints a seven-line notice that its releases after January 2027 need
  // Node 22; stderr is one line per problem, so it is off unless the user turns it on with "false".
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const version = (JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
  runCli(
    process.argv.slice(2),
    processCliIo(version),
    options => new SdkS3(options),
    ({ profile, region }) => new SdkOrganizationAccounts(new OrganizationsClient({ profile, region: region ?? 'us-east-1' })),
  ).then(code => {
    process.exitCode = code;
  }, error => {
    process.stderr.write(`mpu-audit: unexpected error: ${describeError(error)}\n`);
    process.exitCode = 3;
  });
}
