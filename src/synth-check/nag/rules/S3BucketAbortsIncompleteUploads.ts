import { nagRule } from './nag-rule';
import { MultipartUploadRuleId } from '../../../policy/verdict';

/** MultipartUpload-MPU1: an enabled rule aborts incomplete multipart uploads for the whole bucket. */
export const S3BucketAbortsIncompleteUploads = nagRule(MultipartUploadRuleId.MPU1, 'S3BucketAbortsIncompleteUploads');
