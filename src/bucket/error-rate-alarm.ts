import { aws_cloudwatch as cloudwatch, Duration, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ErrorRateAlarmOptions } from './error-rate-alarm-options';

export interface ErrorRateAlarmSpec {
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
  if (options.enabled === false) {
    return undefined;
  }
  const threshold = options.threshold ?? spec.defaultThreshold;
  const period = options.period ?? Duration.minutes(5);
  const evaluationPeriods = options.evaluationPeriods ?? 3;
  const datapointsToAlarm = options.datapointsToAlarm ?? evaluationPeriods;
  validate(spec.propName, { threshold, period, evaluationPeriods, datapointsToAlarm });

  const alarm = new cloudwatch.Alarm(scope, id, {
    metric: spec.metric.with({ period }),
    threshold,
    evaluationPeriods,
    datapointsToAlarm,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    // No requests means no error datapoints, which is healthy.
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    alarmName: options.alarmName,
    alarmDescription: `${spec.description} above ${formatPercent(threshold)} of requests `
      + `in ${datapointsToAlarm} of ${evaluationPeriods} periods of ${period.toHumanString()}`,
  });
  alarm.addAlarmAction(...spec.actions);
  return alarm;
}

interface ResolvedOptions {
  readonly threshold: number;
  readonly period: Duration;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
}

function validate(propName: string, options: ResolvedOptions): void {
  const { threshold, period, evaluationPeriods, datapointsToAlarm } = options;
  if (!Token.isUnresolved(threshold) && !(threshold > 0 && threshold <= 1)) {
    throw new Error(`${propName}.threshold must be an error rate above 0 and at most 1, e.g. 0.05 for 5% (got ${threshold})`);
  }
  const seconds = period.toSeconds();
  if (!Token.isUnresolved(seconds) && (seconds < 60 || seconds % 60 !== 0)) {
    throw new Error(
      `${propName}.period must be a whole number of minutes, at least 1, as S3 request metrics are per minute (got ${period.toHumanString()})`,
    );
  }
  if (!Token.isUnresolved(evaluationPeriods) && !(Number.isInteger(evaluationPeriods) && evaluationPeriods >= 1)) {
    throw new Error(`${propName}.evaluationPeriods must be a whole number >= 1 (got ${evaluationPeriods})`);
  }
  const datapointsInRange = Number.isInteger(datapointsToAlarm) && datapointsToAlarm >= 1 && datapointsToAlarm <= evaluationPeriods;
  if (!Token.isUnresolved(datapointsToAlarm) && !datapointsInRange) {
    throw new Error(`${propName}.datapointsToAlarm must be a whole number from 1 to evaluationPeriods (${evaluationPeriods}) (got ${datapointsToAlarm})`);
  }
}

function formatPercent(rate: number): string {
  return Token.isUnresolved(rate) ? 'the threshold' : `${Math.round(rate * 10_000) / 100}%`;
}
