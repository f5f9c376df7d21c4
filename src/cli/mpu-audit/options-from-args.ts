import { CliArgs } from './args';
import { AuditOptions } from '../../audit/audit';
import { PriceTable } from '../../audit/pricing';
import { SdkAuditS3Options } from '../../audit/sdk-s3';

/** What the flags say about how to audit, the same for one account and for an organization. */
export function auditOptionsOf(args: CliArgs, prices: PriceTable | undefined, now: Date | undefined): AuditOptions {
  return {
    prefix: args.prefix,
    olderThanSeconds: args.olderThanSeconds,
    maxDays: args.maxDays,
    prices,
    concurrency: args.concurrency,
    summary: args.summary,
    now,
  };
}

/** What the flags say about how to reach S3. */
export function s3OptionsOf(args: CliArgs, region: string | undefined): SdkAuditS3Options {
  return {
    profile: args.profile,
    roleArn: args.roleArn,
    endpointUrl: args.endpointUrl,
    forcePathStyle: args.forcePathStyle,
    region,
    maxAttempts: args.maxAttempts,
    readTimeoutMs: args.readTimeoutSeconds * 1000,
  };
}
