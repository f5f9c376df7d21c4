import { Duration } from 'aws-cdk-lib';

/**
 * Options for an alarm on a bucket's request error rate (`4xxErrors` or
 * `5xxErrors`, statistic Average: the share of requests that failed).
 */
export interface ErrorRateAlarmOptions {
  /**
   * Whether to create the alarm.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * The error rate, between 0 and 1, above which the alarm fires.
   * @default 0.05 for 4xx errors, 0.01 for 5xx errors
   */
  readonly threshold?: number;
  /**
   * The period over which the error rate is measured; a whole number of minutes.
   * @default Duration.minutes(5)
   */
  readonly period?: Duration;
  /**
   * The number of periods compared with the threshold.
   * @default 3
   */
  readonly evaluationPeriods?: number;
  /**
   * How many of those periods must breach to fire.
   * @default - the same as evaluationPeriods
   */
  readonly datapointsToAlarm?: number;
  /**
   * The alarm's name.
   * @default - CloudFormation generates a name
   */
  readonly alarmName?: string;
}
