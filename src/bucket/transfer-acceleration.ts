import { Aws, CfnCondition, Fn, IResolvable, Stack, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/**
 * Regions whose buckets can enable S3 Transfer Acceleration. It is not offered in
 * China, GovCloud or the isolated partitions, nor in regions opened later.
 */
const TRANSFER_ACCELERATION_REGIONS: readonly string[] = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1',
  'sa-east-1', 'eu-central-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-north-1',
  'ap-east-1', 'ap-south-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-southeast-1', 'ap-southeast-2',
  'me-south-1',
];

/** What the bucket does about Transfer Acceleration. */
export type AccelerationPlan =
  | { readonly kind: 'on' }
  | { readonly kind: 'off'; readonly warning?: string }
  | { readonly kind: 'where-offered' };

/**
 * Decides Transfer Acceleration before the bucket exists. An explicit request
 * that cannot work is an error; the default quietly steps aside with a warning.
 */
export function planTransferAcceleration(
  scope: Construct, id: string, requested: boolean | undefined, bucketName: string | undefined,
): AccelerationPlan {
  if (requested === false) {
    return { kind: 'off' };
  }
  const explicit = requested === true;
  if (bucketName !== undefined && !Token.isUnresolved(bucketName) && bucketName.includes('.')) {
    return refuse(scope, id, explicit, `bucketName "${bucketName}" contains dots, which Transfer Acceleration does not allow`,
      'Choose a bucket name without dots, or set transferAcceleration: false');
  }
  const region = Stack.of(scope).region;
  if (Token.isUnresolved(region)) {
    return { kind: 'where-offered' };
  }
  if (!TRANSFER_ACCELERATION_REGIONS.includes(region)) {
    return refuse(scope, id, explicit, `Transfer Acceleration is not offered in ${region}`, 'Set transferAcceleration: false');
  }
  return { kind: 'on' };
}

function refuse(scope: Construct, id: string, explicit: boolean, problem: string, fix: string): AccelerationPlan {
  if (explicit) {
    throw new Error(`transferAcceleration: true cannot be honoured for bucket ${scope.node.path}/${id}: ${problem}. ${fix}.`);
  }
  return { kind: 'off', warning: `Transfer Acceleration left off: ${problem}. ${fix} to silence this warning.` };
}

/**
 * For a region-agnostic stack: enable acceleration only where the deploy
 * region offers it, decided by CloudFormation at deploy time.
 */
export function accelerationWhereOffered(scope: Construct): IResolvable {
  const condition = new CfnCondition(scope, 'TransferAccelerationOffered', {
    expression: Fn.conditionOr(...chunksOfTen(TRANSFER_ACCELERATION_REGIONS).map(regions =>
      Fn.conditionOr(...regions.map(region => Fn.conditionEquals(Aws.REGION, region))))),
  });
  return Fn.conditionIf(condition.logicalId, { AccelerationStatus: 'Enabled' }, Aws.NO_VALUE);
}

// Fn::Or takes between 2 and 10 conditions.
function chunksOfTen(values: readonly string[]): string[][] {
  const chunks: string[][] = [];
  for (let i = 0; i < values.length; i += 10) {
    chunks.push(values.slice(i, i + 10));
  }
  return chunks;
}
