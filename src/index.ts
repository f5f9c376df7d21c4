export * from './bucket/resilient-bucket';
export * from './bucket/error-rate-alarm-options';
export * from './checks/abort-incomplete-uploads-checker';
export * from './checks/abort-incomplete-uploads-fixer';
export * from './checks/nag/multipart-upload-checks';
export { Verdict, MultipartUploadRuleId } from './policy/verdict';
