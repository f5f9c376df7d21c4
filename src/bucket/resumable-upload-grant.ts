import { aws_iam as iam, aws_s3 as s3 } from 'aws-cdk-lib';
import { IamPermission } from '../facts/iam-permission';
import { UPLOAD_KMS_ACTIONS, uploadPermissions } from '../facts/upload-permissions';

/**
 * Grants `grantee` what the resumable uploader sends to `bucket`, as s3.Bucket's grants do it: on the
 * principal's policy, or on the bucket's policy for a principal of another account. Bucket-level actions
 * apply to the bucket's ARN, object-level ones to `objectsKeyPattern`; with a KMS key, what SSE-KMS needs.
 */
export function grantResumableUpload(bucket: s3.Bucket, grantee: iam.IGrantable, objectsKeyPattern: string): iam.Grant {
  const grant = uploadPermissions()
    .map(permission => iam.Grant.addToPrincipalOrResource({
      grantee, actions: [...permission.actions], resourceArns: [resourceOf(bucket, permission, objectsKeyPattern)], resource: bucket,
    }))
    .reduce((all, one) => all.combine(one));
  return bucket.encryptionKey ? grant.combine(bucket.encryptionKey.grant(grantee, ...UPLOAD_KMS_ACTIONS)) : grant;
}

function resourceOf(bucket: s3.Bucket, permission: IamPermission, objectsKeyPattern: string): string {
  switch (permission.on) {
    case 'bucket': return bucket.bucketArn;
    case 'objects': return bucket.arnForObjects(objectsKeyPattern);
    case 'any': return '*';
  }
}
