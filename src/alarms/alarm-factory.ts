import { aws_cloudwatch as cloudwatch } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/**
 * One alarm of this library's constructs: every field that decides when it fires is stated by the
 * construct (no CloudWatch default decides it silently), and its actions are added with it.
 */
export interface AlarmSpec {
  /** The metric, with the period and statistic the alarm evaluates. */
  readonly metric: cloudwatch.IMetric;
  readonly threshold: number;
  readonly comparisonOperator: cloudwatch.ComparisonOperator;
  readonly evaluationPeriods: number;
  /**
   * How many of the evaluation periods must breach to fire.
   * @default - all of them (the template leaves DatapointsToAlarm out)
   */
  readonly datapointsToAlarm?: number;
  /** What a period without data counts as: the construct knows whether silence is healthy. */
  readonly treatMissingData: cloudwatch.TreatMissingData;
  /** What the alarm watches and when it fires, in words. */
  readonly description: string;
  /**
   * The alarm's name.
   * @default - CloudFormation generates a name
   */
  readonly alarmName?: string;
  /**
   * What to do when it fires.
   * @default - nothing
   */
  readonly actions?: readonly cloudwatch.IAlarmAction[];
}

/** Creates the alarm `spec` describes in `scope`, with its actions. */
export function createAlarm(scope: Construct, id: string, spec: AlarmSpec): cloudwatch.Alarm {
  const alarm = new cloudwatch.Alarm(scope, id, {
    metric: spec.metric,
    threshold: spec.threshold,
    comparisonOperator: spec.comparisonOperator,
    evaluationPeriods: spec.evaluationPeriods,
    datapointsToAlarm: spec.datapointsToAlarm,
    treatMissingData: spec.treatMissingData,
    alarmName: spec.alarmName,
    alarmDescription: spec.description,
  });
  alarm.addAlarmAction(...spec.actions ?? []);
  return alarm;
}
