export * from './bucket/resilient-bucket';
export * from './bucket/error-rate-alarm-options';
export * from './bucket/request-error-alarms-props';
export { RequestErrorAlarms } from './bucket/request-error-alarms';
export * from './bucket/transfer-acceleration-mixin';
export * from './synth-check/abort-incomplete-uploads-checker';
export * from './synth-check/abort-incomplete-uploads-fixer';
export { AbortIncompleteUploads, type AbortIncompleteUploadsProps } from './bucket/abort-incomplete-uploads-mixin';
export { AbortIncompleteUploadsInjector } from './bucket/abort-incomplete-uploads-injector';
export * from './synth-check/nag/multipart-upload-checks';
/** The pack's rule functions, for a cdk-nag pack of your own: `rules.S3BucketAbortsIncompleteUploads`. */
export * as rules from './synth-check/nag/rules';
export { Verdict, MultipartUploadRuleId } from './policy/verdict';
export * from './monitor/orphaned-uploads-monitor';
export * from './monitor/orphaned-uploads-monitor-props';
export { MonitorMetric } from './monitor/monitor-metrics';
export * from './organization/organization-audit';
export * from './organization/organization-audit-member-role';
