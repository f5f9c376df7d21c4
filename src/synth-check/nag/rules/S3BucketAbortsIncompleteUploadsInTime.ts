import { nagRule } from './nag-rule';
import { MultipartUploadRuleId } from '../../../policy/rule-catalogue';

/** MultipartUpload-MPU2: the whole-bucket abort rule acts within the allowed days (default 7). */
export const S3BucketAbortsIncompleteUploadsInTime = nagRule(MultipartUploadRuleId.MPU2);
