import { aws_iam as iam, aws_s3 as s3 } from 'aws-cdk-lib';
import { UPLOAD_KMS_ACTIONS, uploadActionsOn } from '../facts/upload-permissions';

/**
 * Grants `grantee` what the resumable uploader sends to `bucket`, as s3.Bucket's grants do it: on the
 * principal's policy, or on the bucket's policy for a principal of another account. Bucket-level actions
 * apply to the bucket's ARN, object-level ones to `objectsKeyPattern`; with a KMS key, what SSE-KMS needs.
 */
export function grantResumableUpload(bucket: s3.Bucket, grantee: iam.IGrantable, objectsKeyPattern: string): iam.Grant {
  const onBucket = iam.Grant.addToPrincipalOrResource({ grantee, actions: uploadActionsOn('bucket'), resourceArns: [bucket.bucketArn], resource: bucket });
  const onObjects = iam.Grant.addToPrincipalOrResource({
    grantee, actions: uploadActionsOn('objects'), resourceArns: [bucket.arnForObjects(objectsKeyPattern)], resource: bucket,
  });
  const grant = onBucket.combine(onObjects);
  return bucket.encryptionKey ? grant.combine(bucket.encryptionKey.grant(grantee, ...UPLOAD_KMS_ACTIONS)) : grant;
}
