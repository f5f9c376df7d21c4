/** The CloudFormation types whose lifecycle rules are checked. */
export const BUCKET_RESOURCE_TYPES: readonly string[] = ['AWS::S3::Bucket', 'AWS::S3Express::DirectoryBucket'];

/** The Terraform resource types whose lifecycle rules are checked. */
export const TERRAFORM_BUCKET_TYPES: readonly string[] = ['aws_s3_bucket', 'aws_s3_directory_bucket'];

/** The Terraform resource type that holds a bucket's lifecycle rules (AWS provider v4 and later). */
export const TERRAFORM_LIFECYCLE_CONFIGURATION_TYPE = 'aws_s3_bucket_lifecycle_configuration';
