import { Duration, Token } from 'aws-cdk-lib';

/** The options of one error-rate alarm after defaults are applied. */
export interface ResolvedErrorRateAlarmOptions {
  readonly threshold: number;
  readonly period: Duration;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly alarmName?: string;
}

/**
 * Throws, naming `propName.option` and the value, for what CloudWatch would
 * reject at deploy time or what could never alarm as meant. Tokens pass
 * unless CDK itself cannot take them (a token period).
 */
export function validateErrorRateAlarmOptions(propName: string, options: ResolvedErrorRateAlarmOptions): void {
  const { threshold, period, evaluationPeriods, datapointsToAlarm, alarmName } = options;
  if (!Token.isUnresolved(threshold) && !(threshold > 0 && threshold <= 1)) {
    throw new Error(`${propName}.threshold must be an error rate above 0 and at most 1, e.g. 0.05 for 5% (got ${threshold})`);
  }
  const seconds = periodSecondsOf(propName, period);
  if (seconds < 60 || seconds % 60 !== 0) {
    throw new Error(
      `${propName}.period must be a whole number of minutes, at least 1, as S3 request metrics are per minute (got ${describe(period)})`,
    );
  }
  const literalEvaluationPeriods = !Token.isUnresolved(evaluationPeriods);
  if (literalEvaluationPeriods && !(Number.isInteger(evaluationPeriods) && evaluationPeriods >= 1)) {
    throw new Error(`${propName}.evaluationPeriods must be a whole number >= 1 (got ${evaluationPeriods})`);
  }
  if (!Token.isUnresolved(datapointsToAlarm)) {
    const inRange = Number.isInteger(datapointsToAlarm) && datapointsToAlarm >= 1
      && (!literalEvaluationPeriods || datapointsToAlarm <= evaluationPeriods);
    if (!inRange) {
      const upTo = literalEvaluationPeriods ? `evaluationPeriods (${evaluationPeriods})` : 'evaluationPeriods';
      throw new Error(`${propName}.datapointsToAlarm must be a whole number from 1 to ${upTo} (got ${datapointsToAlarm})`);
    }
  }
  if (literalEvaluationPeriods) {
    checkEvaluationWindow(propName, period, seconds, evaluationPeriods);
  }
  if (alarmName !== undefined && !Token.isUnresolved(alarmName) && !(alarmName.length >= 1 && alarmName.length <= 255)) {
    throw new Error(`${propName}.alarmName must be 1 to 255 characters long (got "${alarmName}", ${alarmName.length} characters)`);
  }
}

function periodSecondsOf(propName: string, period: Duration): number {
  // cloudwatch.Metric checks the period at synthesis, so a token period cannot work there either.
  if (period.isUnresolved()) {
    throw new Error(`${propName}.period must be a literal duration, not a token, as CloudWatch metric periods are checked at synthesis`);
  }
  return period.toSeconds({ integral: false });
}

// PutMetricAlarm: period x evaluationPeriods is at most 1 day for a period under an hour, 7 days otherwise.
function checkEvaluationWindow(propName: string, period: Duration, seconds: number, evaluationPeriods: number): void {
  const underAnHour = seconds < 3600;
  const limit = underAnHour ? Duration.days(1) : Duration.days(7);
  if (seconds * evaluationPeriods > limit.toSeconds()) {
    throw new Error(
      `${propName}.evaluationPeriods x ${propName}.period must be at most ${limit.toHumanString()}`
      + `${underAnHour ? ' for a period under 1 hour' : ''}, the longest window CloudWatch evaluates `
      + `(got ${evaluationPeriods} x ${describe(period)})`,
    );
  }
}

function describe(duration: Duration): string {
  return duration.toHumanString() || duration.toString();
}
