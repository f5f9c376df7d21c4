import { aws_cloudwatch as cloudwatch, aws_s3 as s3, Mixin } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { bucketConstructOf, isCfnBucket, l2BucketOwning } from './bucket-of-resource';
import { createErrorRateAlarm, ErrorRateAlarmPlan, planErrorRateAlarm } from './error-rate-alarm';
import { RequestErrorAlarmsProps } from './request-error-alarms-props';
import { requestMetric } from './request-metric';
import { checkRequestMetricsFilterId, wholeBucketMetricsFilterId } from './request-metrics-configuration';
import { PropChecks } from '../props/prop-checks';

/** The props with defaults applied and checked, before any bucket is known. */
export interface RequestErrorAlarmsPlan {
  readonly requestMetricsFilterId?: string;
  readonly clientErrorAlarm: ErrorRateAlarmPlan;
  readonly serverErrorAlarm: ErrorRateAlarmPlan;
  readonly actions: cloudwatch.IAlarmAction[];
}

/** What one bucket got. */
export interface BucketRequestErrorAlarms {
  /** The `FilterId` of the whole-bucket request-metrics configuration the alarms read. */
  readonly filterId: string;
  readonly clientErrorAlarm?: cloudwatch.Alarm;
  readonly serverErrorAlarm?: cloudwatch.Alarm;
}

/** Bad props throw here, naming the prop, before anything is built. */
export function planRequestErrorAlarms(check: PropChecks, props: RequestErrorAlarmsProps): RequestErrorAlarmsPlan {
  checkRequestMetricsFilterId(check, props.requestMetricsFilterId);
  return {
    requestMetricsFilterId: props.requestMetricsFilterId,
    clientErrorAlarm: planErrorRateAlarm(check, 'clientErrorAlarm', props.clientErrorAlarm ?? {}, 0.05),
    serverErrorAlarm: planErrorRateAlarm(check, 'serverErrorAlarm', props.serverErrorAlarm ?? {}, 0.01),
    actions: props.alarmActions ?? [],
  };
}

/** Every bucket's alarms, whoever added them: a bucket gets them once. */
const ADDED = new WeakMap<s3.CfnBucket, BucketRequestErrorAlarms>();

/**
 * Gives `bucket` a whole-bucket request-metrics configuration and the planned alarms, below its
 * L2 if it has one. A bucket that has them already keeps what it has, and that is returned.
 * `check` names the bucket in the errors only the bucket can show (an id that names a filtered entry).
 */
export function addRequestErrorAlarms(bucket: s3.CfnBucket, plan: RequestErrorAlarmsPlan, check: PropChecks): BucketRequestErrorAlarms {
  const existing = ADDED.get(bucket);
  if (existing) {
    return existing;
  }
  const filterId = wholeBucketMetricsFilterId(bucket, plan.requestMetricsFilterId, check);
  const scope = bucketConstructOf(bucket);
  const source = { bucketName: l2BucketOwning(bucket)?.bucketName ?? bucket.ref, filterId };
  const added = {
    filterId,
    clientErrorAlarm: createErrorRateAlarm(scope, 'ClientErrorRateAlarm', plan.clientErrorAlarm, {
      metric: requestMetric(source, '4xxErrors', 'Average'), description: 'S3 4xx error rate', actions: plan.actions,
    }),
    serverErrorAlarm: createErrorRateAlarm(scope, 'ServerErrorRateAlarm', plan.serverErrorAlarm, {
      metric: requestMetric(source, '5xxErrors', 'Average'), description: 'S3 5xx error rate', actions: plan.actions,
    }),
  };
  ADDED.set(bucket, added);
  return added;
}

/**
 * A Mixin that gives each S3 bucket it is applied to the request metrics and the 4xx/5xx
 * error-rate alarms of a `ResilientBucket`: a whole-bucket request-metrics configuration
 * (an existing one is reused, and the bucket's other configurations are kept) and one alarm
 * on each error rate, with the same props and defaults.
 *
 * It applies to an `AWS::S3::Bucket` L1 (an L2 `s3.Bucket` through its default child, an
 * included template's bucket too); on an L2 the configuration goes through `addMetric` and the
 * alarms below the L2. A bucket that already has these alarms (a `ResilientBucket`, or one this
 * mixin was applied to before) keeps the ones it has. Wrong props throw when the mixin is made.
 *
 * @example
 * import { App, Mixins, Stack, aws_s3 as s3 } from 'aws-cdk-lib';
 * import { RequestErrorAlarms } from 'cdk-mpu-guard';
 *
 * const app = new App();
 * const stack = new Stack(app, 'Data');
 * new s3.Bucket(stack, 'Uploads').with(new RequestErrorAlarms({ serverErrorAlarm: { threshold: 0.02 } }));
 * // or every bucket of the app, those of constructs you do not own included:
 * Mixins.of(app).apply(new RequestErrorAlarms());
 */
export class RequestErrorAlarms extends Mixin {
  private readonly plan: RequestErrorAlarmsPlan;

  /** @param props the filter id, the two alarms and their actions */
  constructor(props: RequestErrorAlarmsProps = {}) {
    super();
    this.plan = planRequestErrorAlarms(new PropChecks('RequestErrorAlarms'), props);
  }

  /** True for an `AWS::S3::Bucket` L1, matched by its CloudFormation type. */
  public supports(construct: IConstruct): boolean {
    return isCfnBucket(construct);
  }

  /** Adds the metrics configuration and the alarms to the bucket, once. */
  public applyTo(construct: IConstruct): void {
    if (isCfnBucket(construct)) {
      addRequestErrorAlarms(construct, this.plan, new PropChecks('RequestErrorAlarms on', bucketConstructOf(construct)));
    }
  }
}
