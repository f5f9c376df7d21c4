export * from './S3BucketAbortsIncompleteUploads';
export * from './S3BucketAbortsIncompleteUploadsInTime';
export * from './S3BucketAbortRuleAccepted';
