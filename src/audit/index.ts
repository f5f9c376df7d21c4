/**
 * The programmatic API of mpu-audit: `import { audit, SdkS3 } from 'cdk-mpu-guard/audit'`.
 * Not part of the jsii API (it returns plain TypeScript data), so it is not exported from the package index.
 */
export { audit, DEFAULT_CONCURRENCY, DEFAULT_OLDER_THAN_SECONDS, LISTING_STOPPED, NOT_AUDITED, reportScopeOf } from './audit';
export type { AuditOptions, AuditProgress } from './audit';
export { abortOrphans, abortTargets, abortUploads, keptUploads } from './abort-orphans';
export type { AbortOptions, AbortResult, AbortTarget, AbortUploadsOptions, FailedAbort, KeptUpload } from './abort-orphans';
export { recheckTargets } from './recheck-targets';
export type { RecheckOptions, RecheckResult } from './recheck-targets';
export { formatDuration, parseDuration } from './duration';
export { bucketsToFix, fixLifecycles } from './lifecycle-fix-apply';
export type { LifecycleFixOptions, LifecycleFixResult, LifecycleFixTarget } from './lifecycle-fix-apply';
export { describeFix, FIX_RULE_ID, planLifecycleFix } from './lifecycle-fix-plan';
export type { LifecycleAddPlan, LifecycleFixPlan } from './lifecycle-fix-plan';
export { CLOUDFORMATION_TAGS, managedByOf, parseManagedTag, readManagedBy, TAGGING_PERMISSION } from './managed-by';
export type { ManagedTag } from './managed-by';
export { DEFAULT_PRICES_USD_PER_GB_MONTH, monthlyCostUsd, priceTableFrom } from './pricing';
export type { PriceTable } from './pricing';
export { humanBytes, render, renderChunks, renderCsv, renderJson, renderJsonChunks, renderMarkdown, renderTable, REPORT_FORMATS } from './render';
export type { ReportFormat } from './render';
export { breaksRule } from './report';
export type { AuditReport, BucketFinding, BucketReport, BucketStop, KeptOrphans, ManagedBy, ReportScope, ReportTotals, Throttling, UploadReport } from './report';
export { reviewedReportFrom } from './report-file';
export type { ReviewedReport } from './report-file';

// The S3 layer the audit runs on.
export type { AbortOutcome, BucketLifecycle, BucketRef, PartsTotal, S3Port, UploadPrincipal, UploadRef } from '../s3/s3-port';
export { DEFAULT_MAX_ATTEMPTS, DEFAULT_READ_TIMEOUT_MS, SdkS3 } from '../s3/sdk-s3';
export type { S3ConnectionOptions } from '../s3/sdk-s3';
export { abortVerified, DEFAULT_ABORT_BACKOFF_MS, DEFAULT_MAX_ABORTS, describeParts } from '../s3/verified-abort';
export type { UploadToAbort, VerifiedAbortOptions, VerifiedAbortOutcome } from '../s3/verified-abort';

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
