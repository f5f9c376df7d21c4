import { nagRule } from './nag-rule';
import { MultipartUploadRuleId } from '../../../policy/rule-catalogue';

/** MultipartUpload-MPU1: an enabled rule aborts incomplete multipart uploads for the whole bucket. */
export const S3BucketAbortsIncompleteUploads = nagRule(MultipartUploadRuleId.MPU1);
