/** Server-side encryption of the uploaded object, as `aws s3 cp` takes it (`--sse`, `--sse-kms-key-id`, `--sse-c`, `--sse-c-key`). */
export type UploadEncryption =
  /** S3-managed keys (SSE-S3), or KMS keys (SSE-KMS, DSSE-KMS) with the bucket's default key unless `kmsKeyId` names one. */
  | { readonly kind: 'sse'; readonly algorithm: 'AES256' | 'aws:kms' | 'aws:kms:dsse'; readonly kmsKeyId?: string }
  /** A key the caller holds (SSE-C): every request that reads or writes the object's bytes sends it. */
  | { readonly kind: 'customer-key'; readonly key: Buffer };

/** The parameters of CreateMultipartUpload and PutObject: where the encryption is chosen. */
export function encryptionOnCreate(encryption: UploadEncryption | undefined): Record<string, string> {
  if (encryption === undefined) return {};
  if (encryption.kind === 'customer-key') return customerKeyParams(encryption.key);
  return {
    ServerSideEncryption: encryption.algorithm,
    ...(encryption.kmsKeyId === undefined ? {} : { SSEKMSKeyId: encryption.kmsKeyId }),
  };
}

/** The parameters of HeadObject, ListParts, UploadPart and CompleteMultipartUpload: only SSE-C sends its key again. */
export function encryptionOnUse(encryption: UploadEncryption | undefined): Record<string, string> {
  return encryption?.kind === 'customer-key' ? customerKeyParams(encryption.key) : {};
}

function customerKeyParams(key: Buffer): Record<string, string> {
  // In base64, which the SDK sends as it is, adding the key's MD5.
  return { SSECustomerAlgorithm: 'AES256', SSECustomerKey: key.toString('base64') };
}
