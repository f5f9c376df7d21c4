import { Mixin } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { isCfnBucket } from './bucket-of-resource';
import { AccelerationRequest, applyTransferAcceleration } from './transfer-acceleration';

/** Properties of the TransferAcceleration mixin. */
export interface TransferAccelerationProps {
  /**
   * Whether a bucket S3 cannot accelerate, one whose name has dots or one in a region
   * without Transfer Acceleration, is an error. `false` leaves acceleration off on such a
   * bucket, with a warning. In a region-agnostic stack the region is known only at deploy
   * time, so there acceleration is enabled under a condition on `AWS::Region` either way.
   * @default true
   */
  readonly required?: boolean;
}

/**
 * A Mixin that turns on S3 Transfer Acceleration for each bucket it is applied to, with
 * `ResilientBucket`'s guard: a bucket name with dots, or a region that does not offer it,
 * fails synthesis (or, with `required: false`, leaves it off with a warning), and in a
 * region-agnostic stack a condition on `AWS::Region` enables it only where it is offered.
 *
 * It applies to an `AWS::S3::Bucket` L1 (an L2 `s3.Bucket` through its default child, an
 * included template's bucket too). A bucket whose acceleration is already decided (a
 * `ResilientBucket`, or one this mixin was applied to before) is left as it is.
 *
 * @example
 * import { App, Stack, aws_s3 as s3 } from 'aws-cdk-lib';
 * import { TransferAcceleration } from 'cdk-mpu-guard';
 *
 * const stack = new Stack(new App(), 'Data', { env: { region: 'eu-west-1' } });
 * new s3.Bucket(stack, 'Uploads').with(new TransferAcceleration());
 */
export class TransferAcceleration extends Mixin {
  private readonly request: AccelerationRequest;

  /** @param props whether a bucket S3 cannot accelerate is an error */
  constructor(props: TransferAccelerationProps = {}) {
    super();
    const required = props.required ?? true;
    this.request = {
      requested: required ? true : undefined,
      asked: 'TransferAcceleration',
      optOut: required
        ? 'leave this bucket out of TransferAcceleration (or give it required: false to leave acceleration off with a warning)'
        : 'leave this bucket out of TransferAcceleration',
    };
  }

  /** True for an `AWS::S3::Bucket` L1, matched by its CloudFormation type. */
  public supports(construct: IConstruct): boolean {
    return isCfnBucket(construct);
  }

  /** Turns acceleration on for the bucket where S3 offers it, once. */
  public applyTo(construct: IConstruct): void {
    if (isCfnBucket(construct)) {
      applyTransferAcceleration(construct, this.request);
    }
  }
}
