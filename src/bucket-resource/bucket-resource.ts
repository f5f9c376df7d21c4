import { CfnResource } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { lifecycleOfResource } from './lifecycle-of-resource';
import { Evaluation, evaluateLifecycle } from '../policy/evaluate';

/** The CloudFormation types whose lifecycle rules are checked. */
export const BUCKET_RESOURCE_TYPES: readonly string[] = ['AWS::S3::Bucket', 'AWS::S3Express::DirectoryBucket'];

/**
 * True for a bucket resource, matched by its CloudFormation type so that an
 * app holding two copies of aws-cdk-lib is still checked.
 */
export function isBucketResource(node: IConstruct): node is CfnResource {
  return CfnResource.isCfnResource(node) && BUCKET_RESOURCE_TYPES.includes(node.cfnResourceType);
}

/** Asks the evaluator about the bucket as it will be written to the template. */
export function evaluateBucketResource(node: CfnResource, maxDays: number): Evaluation {
  return evaluateLifecycle(lifecycleOfResource(node), { maxDays });
}
