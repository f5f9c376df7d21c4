export * from './bucket/resilient-bucket';
export { ErrorRateAlarmOptions } from './bucket/error-rate-alarm';
export { Verdict, MultipartUploadRuleId } from './policy/verdict';
