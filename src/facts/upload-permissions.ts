/**
 * The S3 operations the resumable uploader (mpu-upload, `uploadFile`) sends and the IAM action each
 * needs, as the Service Authorization Reference maps them: ResilientBucket.grantResumableUpload grants
 * exactly these, and the uploader names the one a 403 says is missing. One table for both.
 */

/** An S3 operation the uploader sends, by its API name. */
export type UploadOperation =
  | 'HeadObject' | 'ListMultipartUploads' | 'ListParts' | 'CreateMultipartUpload' | 'UploadPart' | 'CompleteMultipartUpload' | 'PutObject'
  | 'AbortMultipartUpload';

/** An IAM action and what it applies to: the bucket's ARN, or its objects' (`arn:...:bucket/<key pattern>`). */
export interface UploadPermission {
  readonly action: string;
  readonly on: 'bucket' | 'objects';
}

/**
 * What each operation needs. HeadObject also needs s3:ListBucket: without it S3 answers 403, not 404,
 * for a key that holds no object yet, so every first upload of a key would fail. The verified abort's
 * check sends ListParts and ListMultipartUploads, listed here already.
 */
export const UPLOAD_OPERATION_PERMISSIONS: Readonly<Record<UploadOperation, readonly UploadPermission[]>> = {
  HeadObject: [{ action: 's3:GetObject', on: 'objects' }, { action: 's3:ListBucket', on: 'bucket' }],
  ListMultipartUploads: [{ action: 's3:ListBucketMultipartUploads', on: 'bucket' }],
  ListParts: [{ action: 's3:ListMultipartUploadParts', on: 'objects' }],
  CreateMultipartUpload: [{ action: 's3:PutObject', on: 'objects' }],
  UploadPart: [{ action: 's3:PutObject', on: 'objects' }],
  CompleteMultipartUpload: [{ action: 's3:PutObject', on: 'objects' }],
  PutObject: [{ action: 's3:PutObject', on: 'objects' }],
  AbortMultipartUpload: [{ action: 's3:AbortMultipartUpload', on: 'objects' }],
};

/** The actions the uploader needs on `on`, each once, in the table's order. */
export function uploadActionsOn(on: UploadPermission['on']): string[] {
  const actions = Object.values(UPLOAD_OPERATION_PERMISSIONS).flat().filter(p => p.on === on).map(p => p.action);
  return [...new Set(actions)];
}

/**
 * What the uploader needs on the bucket's KMS key when it encrypts with SSE-KMS: GenerateDataKey for
 * each part and PutObject, Decrypt because S3 decrypts the parts' data keys to complete a multipart upload.
 */
export const UPLOAD_KMS_ACTIONS: readonly string[] = ['kms:GenerateDataKey', 'kms:Decrypt'];
