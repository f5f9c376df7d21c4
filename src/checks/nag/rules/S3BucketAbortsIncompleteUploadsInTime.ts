import { ruleFor } from './rule-for';
import { MultipartUploadRuleId } from '../../../policy/verdict';

/** MultipartUpload-MPU2: the whole-bucket abort rule acts within the allowed days (default 7). */
export const S3BucketAbortsIncompleteUploadsInTime = ruleFor(MultipartUploadRuleId.MPU2, 'S3BucketAbortsIncompleteUploadsInTime');
