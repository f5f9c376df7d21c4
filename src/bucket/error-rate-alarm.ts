import { aws_cloudwatch as cloudwatch, Duration, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ErrorRateAlarmOptions } from './error-rate-alarm-options';
import { validateErrorRateAlarmOptions } from './error-rate-alarm-validation';
import { createAlarm } from '../alarms/alarm-factory';
import { PropChecks } from '../props/prop-checks';

export interface ErrorRateAlarmSpec {
  readonly check: PropChecks;
  readonly propName: string;
  readonly metric: cloudwatch.Metric;
  readonly defaultThreshold: number;
  readonly description: string;
  readonly actions: cloudwatch.IAlarmAction[];
}

/** Creates the alarm, or returns undefined when it is disabled; bad options throw naming the prop. */
export function createErrorRateAlarm(
  scope: Construct, id: string, options: ErrorRateAlarmOptions, spec: ErrorRateAlarmSpec,
): cloudwatch.Alarm | undefined {
  const threshold = options.threshold ?? spec.defaultThreshold;
  const period = options.period ?? Duration.minutes(5);
  const evaluationPeriods = options.evaluationPeriods ?? 3;
  const datapointsToAlarm = options.datapointsToAlarm ?? evaluationPeriods;
  // Checked even when disabled: a wrong value is a mistake whether or not the alarm exists yet.
  validateErrorRateAlarmOptions(spec.check, spec.propName, { threshold, period, evaluationPeriods, datapointsToAlarm, alarmName: options.alarmName });
  if (options.enabled === false) {
    return undefined;
  }

  return createAlarm(scope, id, {
    metric: spec.metric.with({ period }),
    threshold,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods,
    datapointsToAlarm,
    // No requests means no error datapoints, which is healthy.
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    alarmName: options.alarmName,
    description: `${spec.description} above ${formatPercent(threshold)} of requests `
      + `in ${datapointsToAlarm} of ${evaluationPeriods} periods of ${period.toHumanString()}`,
    actions: spec.actions,
  });
}

function formatPercent(rate: number): string {
  return Token.isUnresolved(rate) ? 'the threshold' : `${Math.round(rate * 10_000) / 100}%`;
}
