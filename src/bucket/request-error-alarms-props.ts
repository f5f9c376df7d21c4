import { aws_cloudwatch as cloudwatch } from 'aws-cdk-lib';
import { ErrorRateAlarmOptions } from './error-rate-alarm-options';

/**
 * The request metrics and the 4xx/5xx error-rate alarms of a bucket, as the
 * `RequestErrorAlarms` mixin and `ResilientBucket` add them.
 */
export interface RequestErrorAlarmsProps {
  /**
   * The id of the whole-bucket request-metrics filter the alarms and metric
   * helpers read (the `FilterId` dimension). An existing whole-bucket entry in
   * the bucket's metrics configurations (`metrics`) is reused instead.
   * @default 'EntireBucket'
   */
  readonly requestMetricsFilterId?: string;

  /**
   * The alarm on the 4xx (client) error rate.
   * @default - enabled, above 5% of requests in 3 of 3 periods of 5 minutes
   */
  readonly clientErrorAlarm?: ErrorRateAlarmOptions;

  /**
   * The alarm on the 5xx (server) error rate.
   * @default - enabled, above 1% of requests in 3 of 3 periods of 5 minutes
   */
  readonly serverErrorAlarm?: ErrorRateAlarmOptions;

  /**
   * Actions for both error-rate alarms, e.g. an SNS topic.
   * @default - no actions
   */
  readonly alarmActions?: cloudwatch.IAlarmAction[];
}
