/**
 * The programmatic API of mpu-audit: `import { audit, SdkS3 } from 'cdk-mpu-guard/audit'`.
 * Not part of the jsii API (it returns plain TypeScript data), so it is not exported from the package index.
 */
export * from './abort-orphans';
export * from './recheck-targets';
export * from './audit';
export * from './duration';
export * from './lifecycle-fix-apply';
export * from './lifecycle-fix-plan';
export * from './managed-by';
export * from './pricing';
export * from './render';
export * from './report';
export * from './report-file';
export * from '../s3/s3-port';
export * from '../s3/sdk-s3';
export * from '../s3/verified-abort';

// The names these had before the S3 layer served the uploader too; kept working.
import type { S3Port } from '../s3/s3-port';
import { S3ConnectionOptions, SdkS3 } from '../s3/sdk-s3';
/** @deprecated Use `SdkS3`. */
export const SdkAuditS3 = SdkS3;
/** @deprecated Use `SdkS3`. */
export type SdkAuditS3 = SdkS3;
/** @deprecated Use `S3ConnectionOptions`. */
export type SdkAuditS3Options = S3ConnectionOptions;
/** @deprecated Use `S3Port`. */
export type AuditS3 = S3Port;
