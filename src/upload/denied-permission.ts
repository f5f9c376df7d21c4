import { UPLOAD_OPERATION_PERMISSIONS, UploadOperation } from '../facts/upload-permissions';

/**
 * S3's answer that the caller may not do this: AccessDenied, or a bare 403 where S3 sends no body
 * (HeadObject: the SDK names it Unknown, or Forbidden). Other 403s (a bad signature, an unknown key id, a skewed clock) are not about permissions.
 */
export function isAccessDenied(error: unknown): boolean {
  const { name, $metadata } = (error ?? {}) as { name?: string; $metadata?: { httpStatusCode?: number } };
  if (name === 'AccessDenied') return true;
  return $metadata?.httpStatusCode === 403 && ['Forbidden', 'Unknown', 'UnknownError', '403'].includes(name ?? '');
}

/**
 * For an AccessDenied answer to `operation`, an error that names the IAM action it needs (the SDK's
 * error is its `cause`); any other error is returned as it is. The message leaves out the bucket and
 * key: whoever prints it names them already.
 */
export function namingDeniedPermission(operation: UploadOperation, error: unknown): unknown {
  if (!isAccessDenied(error)) return error;
  const actions = UPLOAD_OPERATION_PERMISSIONS[operation].flatMap(p => p.actions).join(' and ');
  return new Error(`AccessDenied on ${operation}: the uploader needs ${actions} (see grantResumableUpload)`, { cause: error });
}
