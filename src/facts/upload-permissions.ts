import { IamPermission, IamPermissionScope } from './iam-permission';

/**
 * The S3 operations the resumable uploader (mpu-upload, `uploadFile`) sends and the IAM action each
 * needs, as the Service Authorization Reference maps them: ResilientBucket.grantResumableUpload grants
 * exactly these, and the uploader names the one a 403 says is missing. One table for both.
 */

/** An S3 operation the uploader sends, by its API name. */
export type UploadOperation =
  | 'HeadObject' | 'ListMultipartUploads' | 'ListParts' | 'CreateMultipartUpload' | 'UploadPart' | 'CompleteMultipartUpload' | 'PutObject'
  | 'AbortMultipartUpload';

/**
 * What each operation needs. HeadObject also needs s3:ListBucket: without it S3 answers 403, not 404,
 * for a key that holds no object yet, so every first upload of a key would fail. The verified abort's
 * check sends ListParts and ListMultipartUploads, listed here already.
 */
export const UPLOAD_OPERATION_PERMISSIONS: Readonly<Record<UploadOperation, readonly IamPermission[]>> = {
  HeadObject: [{ actions: ['s3:GetObject'], on: 'objects' }, { actions: ['s3:ListBucket'], on: 'bucket' }],
  ListMultipartUploads: [{ actions: ['s3:ListBucketMultipartUploads'], on: 'bucket' }],
  ListParts: [{ actions: ['s3:ListMultipartUploadParts'], on: 'objects' }],
  CreateMultipartUpload: [{ actions: ['s3:PutObject'], on: 'objects' }],
  UploadPart: [{ actions: ['s3:PutObject'], on: 'objects' }],
  CompleteMultipartUpload: [{ actions: ['s3:PutObject'], on: 'objects' }],
  PutObject: [{ actions: ['s3:PutObject'], on: 'objects' }],
  AbortMultipartUpload: [{ actions: ['s3:AbortMultipartUpload'], on: 'objects' }],
};

/** What the uploader needs, one permission on the bucket and one on its objects, each action once, in the table's order. */
export function uploadPermissions(): IamPermission[] {
  const scopes: IamPermissionScope[] = ['bucket', 'objects'];
  return scopes.map(on => ({ actions: uploadActionsOn(on), on }));
}

function uploadActionsOn(on: IamPermissionScope): string[] {
  const actions = Object.values(UPLOAD_OPERATION_PERMISSIONS).flat().filter(p => p.on === on).flatMap(p => p.actions);
  return [...new Set(actions)];
}

/**
 * What the uploader needs on the bucket's KMS key when it encrypts with SSE-KMS: GenerateDataKey for
 * each part and PutObject, Decrypt because S3 decrypts the parts' data keys to complete a multipart upload.
 */
export const UPLOAD_KMS_ACTIONS: readonly string[] = ['kms:GenerateDataKey', 'kms:Decrypt'];
