import { ruleFor } from './rule-for';
import { MultipartUploadRuleId } from '../../../policy/verdict';

/** MultipartUpload-MPU3: no abort rule is combined with a tag or object-size filter, which S3 rejects. */
export const S3BucketAbortRuleAccepted = ruleFor(MultipartUploadRuleId.MPU3, 'S3BucketAbortRuleAccepted');
