import { isAccessDenied, namingDeniedPermission } from '../../src/upload/denied-permission';

const sdkError = (name: string, status: number) => Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });

describe('namingDeniedPermission', () => {
  test('an AccessDenied answer to UploadPart names s3:PutObject, and keeps the SDK error as its cause', () => {
    const denied = sdkError('AccessDenied', 403);
    const error = namingDeniedPermission('UploadPart', denied) as Error;
    expect(error.message).toBe('AccessDenied on UploadPart: the uploader needs s3:PutObject (see grantResumableUpload)');
    expect(error.cause).toBe(denied);
  });

  test.each([
    ['ListMultipartUploads', 's3:ListBucketMultipartUploads'],
    ['ListParts', 's3:ListMultipartUploadParts'],
    ['CreateMultipartUpload', 's3:PutObject'],
    ['CompleteMultipartUpload', 's3:PutObject'],
    ['PutObject', 's3:PutObject'],
    ['AbortMultipartUpload', 's3:AbortMultipartUpload'],
  ] as const)('%s names %s', (operation, action) => {
    expect((namingDeniedPermission(operation, sdkError('AccessDenied', 403)) as Error).message)
      .toBe(`AccessDenied on ${operation}: the uploader needs ${action} (see grantResumableUpload)`);
  });

  test.each(['Unknown', 'Forbidden'])('a HeadObject 403 has no body (the SDK names it %s): it names both actions S3 needs to answer it', name => {
    expect((namingDeniedPermission('HeadObject', sdkError(name, 403)) as Error).message)
      .toBe('AccessDenied on HeadObject: the uploader needs s3:GetObject and s3:ListBucket (see grantResumableUpload)');
  });

  test.each([
    ['SignatureDoesNotMatch', 403], ['InvalidAccessKeyId', 403], ['RequestTimeTooSkewed', 403], ['NoSuchUpload', 404], ['SlowDown', 503],
  ])('%s (HTTP %d) is not about a permission: the error is returned as it is', (name, status) => {
    const other = sdkError(name, status);
    expect(isAccessDenied(other)).toBe(false);
    expect(namingDeniedPermission('UploadPart', other)).toBe(other);
  });

  test('something that is not an error is returned as it is', () => {
    expect(namingDeniedPermission('ListParts', undefined)).toBeUndefined();
    expect(isAccessDenied('AccessDenied')).toBe(false);
  });
});
