import { aws_cloudwatch as cloudwatch, Duration, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ErrorRateAlarmOptions } from './error-rate-alarm-options';
import { ResolvedErrorRateAlarmOptions, validateErrorRateAlarmOptions } from './error-rate-alarm-validation';
import { createAlarm } from '../alarms/alarm-factory';
import { PropChecks } from '../props/prop-checks';

/** An error-rate alarm's options with defaults applied and checked, before any bucket is known. */
export interface ErrorRateAlarmPlan extends ResolvedErrorRateAlarmOptions {
  readonly enabled: boolean;
}

/** What the alarm watches, known once the bucket is. */
export interface ErrorRateAlarmSpec {
  readonly metric: cloudwatch.Metric;
  readonly description: string;
  readonly actions: cloudwatch.IAlarmAction[];
}

/** Applies the defaults and checks the options; bad options throw naming `propName`. */
export function planErrorRateAlarm(
  check: PropChecks, propName: string, options: ErrorRateAlarmOptions, defaultThreshold: number,
): ErrorRateAlarmPlan {
  const threshold = options.threshold ?? defaultThreshold;
  const period = options.period ?? Duration.minutes(5);
  const evaluationPeriods = options.evaluationPeriods ?? 3;
  const datapointsToAlarm = options.datapointsToAlarm ?? evaluationPeriods;
  const resolved = { threshold, period, evaluationPeriods, datapointsToAlarm, alarmName: options.alarmName };
  // Checked even when disabled: a wrong value is a mistake whether or not the alarm exists yet.
  validateErrorRateAlarmOptions(check, propName, resolved);
  return { ...resolved, enabled: options.enabled !== false };
}

/** Creates the planned alarm, or returns undefined when it is disabled. */
export function createErrorRateAlarm(
  scope: Construct, id: string, plan: ErrorRateAlarmPlan, spec: ErrorRateAlarmSpec,
): cloudwatch.Alarm | undefined {
  if (!plan.enabled) {
    return undefined;
  }
  const { threshold, period, evaluationPeriods, datapointsToAlarm } = plan;
  return createAlarm(scope, id, {
    metric: spec.metric.with({ period }),
    threshold,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods,
    datapointsToAlarm,
    // No requests means no error datapoints, which is healthy.
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    alarmName: plan.alarmName,
    description: `${spec.description} above ${formatPercent(threshold)} of requests `
      + `in ${datapointsToAlarm} of ${evaluationPeriods} periods of ${period.toHumanString()}`,
    actions: spec.actions,
  });
}

function formatPercent(rate: number): string {
  return Token.isUnresolved(rate) ? 'the threshold' : `${Math.round(rate * 10_000) / 100}%`;
}
