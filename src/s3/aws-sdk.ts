/**
 * Every AWS SDK call of the package (mpu-audit, mpu-upload, their APIs and the organization audit), from one module.
 *
 * The package does not ship the SDK's packages (they were 14.7 MB of its 34): the build replaces
 * the compiled `lib/s3/aws-sdk.js` with an esbuild bundle of this file, the SDK inside, so
 * the CLIs and `cdk-mpu-guard/audit` and `/upload` need nothing installed beside the package. The
 * declarations still name the SDK's types; TypeScript users who want them install
 * `@aws-sdk/client-s3`.
 */
export {
  AbortMultipartUploadCommand, CompleteMultipartUploadCommand, CreateMultipartUploadCommand, GetBucketLifecycleConfigurationCommand,
  GetBucketLocationCommand, GetBucketTaggingCommand, GetObjectCommand,
  HeadBucketCommand, HeadObjectCommand, ListBucketsCommand, ListMultipartUploadsCommand, ListObjectsV2Command, ListPartsCommand,
  PutBucketLifecycleConfigurationCommand, PutObjectCommand, S3Client, UploadPartCommand,
} from '@aws-sdk/client-s3';
export type {
  LifecycleRule, LifecycleRuleAndOperator, ListMultipartUploadsCommandOutput, ListPartsCommandOutput, MultipartUpload, Part,
  PutBucketLifecycleConfigurationCommandInput, S3ClientConfig, TransitionDefaultMinimumObjectSize,
} from '@aws-sdk/client-s3';
export { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
export { ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
