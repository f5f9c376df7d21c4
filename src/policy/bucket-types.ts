/** The CloudFormation types whose lifecycle rules are checked. */
export const BUCKET_RESOURCE_TYPES: readonly string[] = ['AWS::S3::Bucket', 'AWS::S3Express::DirectoryBucket'];
