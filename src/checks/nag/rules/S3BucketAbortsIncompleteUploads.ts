import { ruleFor } from './rule-for';
import { MultipartUploadRuleId } from '../../../policy/verdict';

/** MultipartUpload-MPU1: an enabled rule aborts incomplete multipart uploads for the whole bucket. */
export const S3BucketAbortsIncompleteUploads = ruleFor(MultipartUploadRuleId.MPU1, 'S3BucketAbortsIncompleteUploads');
