/**
 * The programmatic API of mpu-upload: `import { uploadFile, sdkUploadClient } from 'cdk-mpu-guard/upload'`.
 * Not part of the jsii API (it returns plain TypeScript data), so it is not exported from the package index.
 */
export * from './part-layout';
export * from './upload-file';
export * from './upload-s3-port';
export * from './sdk-upload-s3';
export * from './upload-encryption';
export type { ListedPart } from './existing-upload';
export { DEFAULT_CHECKSUM_ALGORITHM, UPLOAD_CHECKSUM_ALGORITHMS } from './part-checksum';
export type { Checksums, UploadChecksumAlgorithm } from './part-checksum';
