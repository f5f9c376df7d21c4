import { CliArgs } from './args';
import { AuditOptions } from '../audit';
import { describeError } from '../errors';
import { PriceTable } from '../pricing';
import { SdkAuditS3Options } from '../sdk-s3';

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

/** The one line for an `--output` that could not be written. */
export function outputProblem(path: string, error: unknown): string {
  const exists = (error as { code?: string }).code === 'EEXIST';
  return `mpu-audit: cannot write --output ${path}: ${describeError(error)}${exists ? ' (use --force to overwrite an existing file)' : ''}\n`;
}
