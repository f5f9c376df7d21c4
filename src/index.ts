export * from './bucket/resilient-bucket';
export * from './bucket/error-rate-alarm-options';
export { Verdict, MultipartUploadRuleId } from './policy/verdict';
