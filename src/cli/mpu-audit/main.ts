import { MPU_AUDIT } from './command';
import { runCli } from './run-cli';
import { SdkOrganizationAccounts } from '../../organization/runtime/organization-accounts';
import { OrganizationsClient } from '../../s3/aws-sdk';
import { SdkS3 } from '../../s3/sdk-s3';
import { runOnProcess } from '../process-cli-io';

/** The `mpu-audit` binary, on the real AWS SDK. */
export function runFromProcess(): void {
  runOnProcess(MPU_AUDIT.name, (argv, io) => runCli(
    argv, io,
    options => new SdkS3(options),
    ({ profile, region }) => new SdkOrganizationAccounts(new OrganizationsClient({ profile, region: region ?? 'us-east-1' })),
  ));
}
