import { nagRule } from './nag-rule';
import { MultipartUploadRuleId } from '../../../policy/verdict';

/** MultipartUpload-MPU3: no abort rule is combined with a tag or object-size filter, which S3 rejects. */
export const S3BucketAbortRuleAccepted = nagRule(MultipartUploadRuleId.MPU3, 'S3BucketAbortRuleAccepted');
