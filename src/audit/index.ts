/**
 * The programmatic API of mpu-audit: `import { audit, SdkAuditS3 } from 'cdk-mpu-guard/audit'`.
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
export * from './s3-port';
export * from './sdk-s3';
export * from './verified-abort';
