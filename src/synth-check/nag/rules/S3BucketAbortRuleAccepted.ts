import { nagRule } from './nag-rule';
import { MultipartUploadRuleId } from '../../../policy/rule-catalogue';

/** MultipartUpload-MPU3: no abort rule is combined with a tag or object-size filter, which S3 rejects. */
export const S3BucketAbortRuleAccepted = nagRule(MultipartUploadRuleId.MPU3);
