import { CfnResource } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { lifecycleConfigurationOfResource } from './lifecycle-of-resource';
import { BUCKET_RESOURCE_TYPES } from '../policy/bucket-types';
import { Evaluation } from '../policy/evaluate';
import { evaluateCloudFormationLifecycle } from '../policy/evaluate-cloudformation';

export { BUCKET_RESOURCE_TYPES };

/**
 * True for a bucket resource, matched by its CloudFormation type so that an
 * app holding two copies of aws-cdk-lib is still checked.
 */
export function isBucketResource(node: IConstruct): node is CfnResource {
  return CfnResource.isCfnResource(node) && BUCKET_RESOURCE_TYPES.includes(node.cfnResourceType);
}

/**
 * Asks the evaluator about the bucket as it will be written to the template, every
 * combination of the `Fn::If` conditions in its lifecycle included.
 */
export function evaluateBucketResource(node: CfnResource, maxDays: number): Evaluation {
  return evaluateCloudFormationLifecycle(lifecycleConfigurationOfResource(node), { maxDays });
}
