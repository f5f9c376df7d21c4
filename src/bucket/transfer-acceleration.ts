import { Annotations, Aws, aws_s3 as s3, CfnCondition, Fn, IResolvable, Stack, Token } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { bucketConstructOf } from './bucket-of-resource';

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

/** How acceleration was asked for, and the words that name the request in errors and warnings. */
export interface AccelerationRequest {
  /** true: asked for explicitly, so a bucket S3 cannot accelerate is an error; undefined: on where it can be; false: off. */
  readonly requested: boolean | undefined;
  /** The request as an error names it: `transferAcceleration: true`. */
  readonly asked: string;
  /** What turns it off, as a phrase: `set transferAcceleration: false`. */
  readonly optOut: string;
}

/**
 * Decides Transfer Acceleration for `bucket` (the construct the messages name), whose name is
 * `bucketName`. An explicit request that cannot work is an error; the default quietly steps
 * aside with a warning.
 */
export function planTransferAcceleration(bucket: IConstruct, request: AccelerationRequest, bucketName: string | undefined): AccelerationPlan {
  if (request.requested === false) {
    return { kind: 'off' };
  }
  if (bucketName !== undefined && !Token.isUnresolved(bucketName) && bucketName.includes('.')) {
    return refuse(bucket, request, `bucketName "${bucketName}" contains dots, which Transfer Acceleration does not allow`,
      `Choose a bucket name without dots, or ${request.optOut}`);
  }
  const region = Stack.of(bucket).region;
  if (Token.isUnresolved(region)) {
    return { kind: 'where-offered' };
  }
  if (!TRANSFER_ACCELERATION_REGIONS.includes(region)) {
    return refuse(bucket, request, `Transfer Acceleration is not offered in ${region}`, capitalized(request.optOut));
  }
  return { kind: 'on' };
}

function refuse(bucket: IConstruct, request: AccelerationRequest, problem: string, fix: string): AccelerationPlan {
  if (request.requested === true) {
    throw new Error(`${request.asked} cannot be honoured for bucket ${bucket.node.path}: ${problem}. ${fix}.`);
  }
  return { kind: 'off', warning: `Transfer Acceleration left off: ${problem}. ${fix} to silence this warning.` };
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The buckets whose acceleration is decided: a bucket is decided once. */
const DECIDED = new WeakSet<s3.CfnBucket>();

/**
 * Turns acceleration on for `bucket` where S3 offers it, as `request` asks: enabled in a region
 * that offers it, under a condition on the deploy region in a region-agnostic stack, else left off
 * with a warning or refused. A bucket already decided (by a ResilientBucket or an earlier call) is
 * left as it is.
 */
export function applyTransferAcceleration(bucket: s3.CfnBucket, request: AccelerationRequest): void {
  if (DECIDED.has(bucket)) {
    return;
  }
  const named = bucketConstructOf(bucket);
  const plan = planTransferAcceleration(named, request, bucket.bucketName);
  DECIDED.add(bucket);
  if (plan.kind === 'on') {
    bucket.accelerateConfiguration = { accelerationStatus: 'Enabled' };
  } else if (plan.kind === 'where-offered') {
    bucket.accelerateConfiguration = accelerationWhereOffered(named);
  } else if (plan.warning) {
    Annotations.of(named).addWarningV2('cdk-mpu-guard:transferAccelerationOff', plan.warning);
  }
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
