/**
 * The programmatic API of mpu-upload: `import { uploadFile, sdkUploadClient } from 'cdk-mpu-guard/upload'`.
 * Not part of the jsii API (it returns plain TypeScript data), so it is not exported from the package index.
 */
export { DEFAULT_PART_SIZE, MAX_OBJECT_SIZE, MAX_PART_SIZE, MAX_PARTS, MIN_PART_SIZE, partLayout, partRange } from './part-layout';
export type { PartLayout } from './part-layout';
export { DEFAULT_PARTS_IN_FLIGHT, UploadFailedError, uploadFile, UploadInputError } from './upload-file';
export type { AbortCheck, StaleUpload, UploadFileOptions, UploadFileResult, UploadProgress } from './upload-file';
export type { IncompleteUpload, LandedPart, PartChecksum, StoredObject, UploadS3 } from './upload-s3-port';
export { sdkUploadClient, SdkUploadS3, verifiedAbortOf } from './sdk-upload-s3';
export type { SdkUploadS3Options, UploadClient } from './sdk-upload-s3';
export { encryptionOnCreate, encryptionOnUse } from './upload-encryption';
export type { UploadEncryption } from './upload-encryption';
export type { ListedPart } from './existing-upload';
export { DEFAULT_CHECKSUM_ALGORITHM, UPLOAD_CHECKSUM_ALGORITHMS } from './part-checksum';
export type { Checksums, UploadChecksumAlgorithm } from './part-checksum';
