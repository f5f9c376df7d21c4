import { App, aws_cloudwatch as cloudwatch, aws_cloudwatch_actions as actions, aws_sns as sns, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AlarmSpec, createAlarm } from '../../src/alarms/alarm-factory';

function alarmOf(spec: Partial<AlarmSpec> = {}) {
  const stack = new Stack(new App(), 'Stack');
  const topic = new sns.Topic(stack, 'Topic');
  createAlarm(stack, 'Alarm', {
    metric: new cloudwatch.Metric({ namespace: 'Test', metricName: 'Errors' }),
    threshold: 2,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    evaluationPeriods: 3,
    treatMissingData: cloudwatch.TreatMissingData.IGNORE,
    description: 'Too many errors',
    actions: [new actions.SnsAction(topic)],
    ...spec,
  });
  return Template.fromStack(stack);
}

describe('createAlarm', () => {
  test('states every field that decides when it fires, with its actions', () => {
    alarmOf().hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'Test',
      MetricName: 'Errors',
      Threshold: 2,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 3,
      DatapointsToAlarm: Match.absent(),
      TreatMissingData: 'ignore',
      AlarmDescription: 'Too many errors',
      AlarmName: Match.absent(),
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^Topic') }],
    });
  });

  test('takes a name, a share of breaching periods, and no actions', () => {
    const template = alarmOf({ alarmName: 'errors', datapointsToAlarm: 2, actions: undefined });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'errors', DatapointsToAlarm: 2, AlarmActions: Match.absent() });
  });
});
