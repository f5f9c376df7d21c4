import { SdkOrganizationAccounts } from './organization-accounts';
import { OrganizationDependencies } from './organization-handlers';
import { S3ReportStore } from './report-store';
import { OrganizationsClient, S3Client } from '../../s3/aws-sdk';
import { SdkS3 } from '../../s3/sdk-s3';

/** The organization audit's functions in Lambda: the SDK's clients, credentials from the function's role. */
export function sdkDependencies(): OrganizationDependencies {
  return {
    environment: process.env,
    store: bucket => new S3ReportStore(new S3Client({ region: process.env.AWS_REGION }), bucket),
    organizations: () => new SdkOrganizationAccounts(new OrganizationsClient({ region: process.env.AWS_REGION })),
    assumeRole: (roleArn, region) => new SdkS3({ roleArn, region, readTimeoutMs: 20_000 }),
  };
}
