import { Duration, Token } from 'aws-cdk-lib';
import { describeDuration, PropChecks } from '../props/prop-checks';

/** The options of one error-rate alarm after defaults are applied. */
export interface ResolvedErrorRateAlarmOptions {
  readonly threshold: number;
  readonly period: Duration;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly alarmName?: string;
}

/**
 * Throws, naming the construct, `propName.option` and the value, for what CloudWatch would
 * reject at deploy time or what could never alarm as meant. Tokens pass
 * unless CDK itself cannot take them (a token period).
 */
export function validateErrorRateAlarmOptions(check: PropChecks, propName: string, options: ResolvedErrorRateAlarmOptions): void {
  const { threshold, period, evaluationPeriods, datapointsToAlarm, alarmName } = options;
  if (!Token.isUnresolved(threshold) && !(threshold > 0 && threshold <= 1)) {
    throw check.error(`${propName}.threshold must be an error rate above 0 and at most 1, e.g. 0.05 for 5% (got ${threshold})`);
  }
  // cloudwatch.Metric checks the period at synthesis, so a token period cannot work there either.
  check.literalDuration(`${propName}.period`, period, 'as CloudWatch metric periods are checked at synthesis');
  const seconds = period.toSeconds({ integral: false });
  if (seconds < 60 || seconds % 60 !== 0) {
    throw check.error(
      `${propName}.period must be a whole number of minutes, at least 1, as S3 request metrics are per minute (got ${describeDuration(period)})`,
    );
  }
  check.wholeNumber(`${propName}.evaluationPeriods`, evaluationPeriods, { min: 1 });
  check.wholeNumber(`${propName}.datapointsToAlarm`, datapointsToAlarm, { min: 1, max: evaluationPeriods, maxName: 'evaluationPeriods' });
  if (!Token.isUnresolved(evaluationPeriods)) {
    checkEvaluationWindow(check, propName, period, seconds, evaluationPeriods);
  }
  if (alarmName !== undefined && !Token.isUnresolved(alarmName) && !(alarmName.length >= 1 && alarmName.length <= 255)) {
    throw check.error(`${propName}.alarmName must be 1 to 255 characters long (got "${alarmName}", ${alarmName.length} characters)`);
  }
}

// PutMetricAlarm: period x evaluationPeriods is at most 1 day for a period under an hour, 7 days otherwise.
function checkEvaluationWindow(check: PropChecks, propName: string, period: Duration, seconds: number, evaluationPeriods: number): void {
  const underAnHour = seconds < 3600;
  const limit = underAnHour ? Duration.days(1) : Duration.days(7);
  if (seconds * evaluationPeriods > limit.toSeconds()) {
    throw check.error(
      `${propName}.evaluationPeriods x ${propName}.period must be at most ${limit.toHumanString()}`
      + `${underAnHour ? ' for a period under 1 hour' : ''}, the longest window CloudWatch evaluates `
      + `(got ${evaluationPeriods} x ${describeDuration(period)})`,
    );
  }
}
