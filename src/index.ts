export * from './bucket/resilient-bucket';
export * from './bucket/error-rate-alarm-options';
export * from './checks/abort-incomplete-uploads-checker';
export * from './checks/abort-incomplete-uploads-fixer';
export * from './checks/nag/multipart-upload-checks';
export { Verdict, MultipartUploadRuleId } from './policy/verdict';
export * from './monitor/orphaned-uploads-monitor';
export * from './monitor/orphaned-uploads-monitor-props';
export { MonitorMetric } from './monitor/monitor-metrics';
