import { aws_s3 as s3, CfnResource } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';

const BUCKET_TYPE = 'AWS::S3::Bucket';

/**
 * True for an L1 `CfnBucket` (an L2's default child, one written directly, or an included
 * template's), matched by its CloudFormation type and typed properties rather than instanceof,
 * so that an app holding two copies of aws-cdk-lib is reached too. A bare `CfnResource` of that
 * type has no typed properties to set, and is not one.
 */
export function isCfnBucket(construct: IConstruct): construct is s3.CfnBucket {
  return CfnResource.isCfnResource(construct) && construct.cfnResourceType === BUCKET_TYPE
    && 'metricsConfigurations' in construct && 'accelerateConfiguration' in construct;
}

/** The L2 bucket whose default child `bucket` is (an `s3.CfnBucket` or any bucket resource), found without instanceof. */
export function l2BucketOwning(bucket: CfnResource): s3.Bucket | undefined {
  const parent = bucket.node.scope as Partial<s3.Bucket> | undefined;
  if (parent?.node?.defaultChild === bucket && typeof parent.addLifecycleRule === 'function'
    && typeof parent.addMetric === 'function' && typeof parent.bucketName === 'string') {
    return parent as s3.Bucket;
  }
  return undefined;
}

/**
 * The construct that stands for the bucket: its L2, or the L1 itself. What a mixin adds
 * (alarms, a condition) goes below it, and its warnings and errors name it.
 */
export function bucketConstructOf(bucket: s3.CfnBucket): Construct {
  return l2BucketOwning(bucket) ?? bucket;
}
