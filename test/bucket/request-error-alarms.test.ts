import {
  App, aws_cloudwatch_actions as actions, aws_s3 as s3, aws_sns as sns, CfnResource, Duration, Lazy, Stack,
} from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { RequestErrorAlarms, RequestErrorAlarmsProps, ResilientBucket } from '../../src';

function stackIn(region = 'us-east-1') {
  return new Stack(new App(), 'Stack', { env: { region, account: '111111111111' } });
}

/** The alarms' properties, the bucket's logical id written as BUCKET so that two stacks compare. */
function alarmsOf(stack: Stack, bucket: s3.CfnBucket): unknown[] {
  const alarms = Object.values(Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm'));
  return JSON.parse(JSON.stringify(alarms.map(alarm => alarm.Properties)).split(`"${stack.getLogicalId(bucket)}"`).join('"BUCKET"'));
}

function metricsConfigurationsOf(stack: Stack): unknown {
  const [bucket] = Object.values(Template.fromStack(stack).findResources('AWS::S3::Bucket'));
  return bucket.Properties.MetricsConfigurations;
}

describe('RequestErrorAlarms', () => {
  describe('on an L1 CfnBucket', () => {
    test('adds a whole-bucket metrics configuration and the 4xx and 5xx alarms of a ResilientBucket, below the L1', () => {
      // GIVEN
      const stack = stackIn();
      const bucket = new s3.CfnBucket(stack, 'Bucket');
      // WHEN
      bucket.with(new RequestErrorAlarms());
      // THEN
      expect(metricsConfigurationsOf(stack)).toEqual([{ Id: 'EntireBucket' }]);
      const resilient = stackIn();
      const reference = new ResilientBucket(resilient, 'Bucket');
      const alarms = alarmsOf(stack, bucket);
      expect(alarms.map(alarm => (alarm as { Dimensions: unknown }).Dimensions)).toEqual([
        [{ Name: 'BucketName', Value: { Ref: 'BUCKET' } }, { Name: 'FilterId', Value: 'EntireBucket' }],
        [{ Name: 'BucketName', Value: { Ref: 'BUCKET' } }, { Name: 'FilterId', Value: 'EntireBucket' }],
      ]);
      expect(alarms).toEqual(alarmsOf(resilient, reference.node.defaultChild as s3.CfnBucket));
      expect(bucket.node.tryFindChild('ClientErrorRateAlarm')).toBeDefined();
      expect(bucket.node.tryFindChild('ServerErrorRateAlarm')).toBeDefined();
    });

    test('appends to the L1\'s own configurations, keeping the filtered ones', () => {
      const stack = stackIn();
      const bucket = new s3.CfnBucket(stack, 'Bucket', {
        metricsConfigurations: [{ id: 'logs', prefix: 'logs/' }, { id: 'team', tagFilters: [{ key: 'team', value: 'data' }] }],
      });
      bucket.with(new RequestErrorAlarms());
      expect(metricsConfigurationsOf(stack)).toEqual([
        { Id: 'logs', Prefix: 'logs/' }, { Id: 'team', TagFilters: [{ Key: 'team', Value: 'data' }] }, { Id: 'EntireBucket' },
      ]);
    });

    test('reuses a whole-bucket configuration that is there: no second one', () => {
      const stack = stackIn();
      const bucket = new s3.CfnBucket(stack, 'Bucket', { metricsConfigurations: [{ id: 'logs', prefix: 'logs/' }, { id: 'All' }] });
      bucket.with(new RequestErrorAlarms());
      expect(metricsConfigurationsOf(stack)).toEqual([{ Id: 'logs', Prefix: 'logs/' }, { Id: 'All' }]);
      Template.fromStack(stack).allResourcesProperties('AWS::CloudWatch::Alarm', {
        Dimensions: Match.arrayWith([{ Name: 'FilterId', Value: 'All' }]),
      });
    });

    test('an access-point configuration is not whole-bucket: it is kept and another is added', () => {
      const stack = stackIn();
      const accessPointArn = 'arn:aws:s3:us-east-1:111111111111:accesspoint/uploads';
      const bucket = new s3.CfnBucket(stack, 'Bucket', { metricsConfigurations: [{ id: 'ap', accessPointArn }] });
      bucket.with(new RequestErrorAlarms());
      expect(metricsConfigurationsOf(stack)).toEqual([{ Id: 'ap', AccessPointArn: accessPointArn }, { Id: 'EntireBucket' }]);
    });

    test('a token list of configurations cannot be appended to: a clear error naming the bucket', () => {
      const stack = stackIn();
      const bucket = new s3.CfnBucket(stack, 'Bucket', { metricsConfigurations: Lazy.any({ produce: () => [{ Id: 'x' }] }) });
      expect(() => bucket.with(new RequestErrorAlarms()))
        .toThrow('RequestErrorAlarms on Stack/Bucket: metricsConfigurations is a token, so no whole-bucket request-metrics configuration can be added beside it. '
          + 'Give the bucket its metricsConfigurations as a list, with a whole-bucket entry for the alarms to read.');
    });
  });

  describe('on an L2 s3.Bucket', () => {
    test('goes through the L2: its metrics, and those added later, are kept', () => {
      // GIVEN
      const stack = stackIn();
      const bucket = new s3.Bucket(stack, 'Bucket', { metrics: [{ id: 'logs', prefix: 'logs/' }] });
      // WHEN
      bucket.with(new RequestErrorAlarms());
      bucket.addMetric({ id: 'later', tagFilters: { team: 'data' } });
      // THEN
      expect(metricsConfigurationsOf(stack)).toEqual([
        { Id: 'logs', Prefix: 'logs/' }, { Id: 'EntireBucket' }, { Id: 'later', TagFilters: [{ Key: 'team', Value: 'data' }] },
      ]);
      expect(bucket.node.tryFindChild('ClientErrorRateAlarm')).toBeDefined();
      expect(bucket.node.tryFindChild('ServerErrorRateAlarm')).toBeDefined();
    });

    test('reuses the L2\'s whole-bucket metrics entry', () => {
      const stack = stackIn();
      new s3.Bucket(stack, 'Bucket', { metrics: [{ id: 'logs', prefix: 'logs/' }, { id: 'All' }] }).with(new RequestErrorAlarms());
      expect(metricsConfigurationsOf(stack)).toEqual([{ Id: 'logs', Prefix: 'logs/' }, { Id: 'All' }]);
      Template.fromStack(stack).allResourcesProperties('AWS::CloudWatch::Alarm', { Dimensions: Match.arrayWith([{ Name: 'FilterId', Value: 'All' }]) });
    });

    test.each<[string, RequestErrorAlarmsProps]>([
      ['the defaults', {}],
      ['configured alarms', {
        requestMetricsFilterId: 'Everything',
        clientErrorAlarm: { threshold: 0.2, period: Duration.minutes(1), evaluationPeriods: 10, datapointsToAlarm: 4, alarmName: 'data-4xx' },
        serverErrorAlarm: { threshold: 0.001 },
      }],
      ['one alarm switched off', { clientErrorAlarm: { enabled: false } }],
    ])('with %s, the alarms are ResilientBucket\'s, property for property', (_name, props) => {
      const mixed = stackIn();
      const bucket = new s3.Bucket(mixed, 'Bucket').with(new RequestErrorAlarms(props)) as s3.Bucket;
      const resilient = stackIn();
      const reference = new ResilientBucket(resilient, 'Bucket', props);
      const alarms = alarmsOf(mixed, bucket.node.defaultChild as s3.CfnBucket);
      expect(alarms.length).toBe(props.clientErrorAlarm?.enabled === false ? 1 : 2);
      expect(alarms).toEqual(alarmsOf(resilient, reference.node.defaultChild as s3.CfnBucket));
    });

    test('the alarms notify the alarmActions', () => {
      const stack = stackIn();
      const topic = new sns.Topic(stack, 'Topic');
      new s3.Bucket(stack, 'Bucket').with(new RequestErrorAlarms({ alarmActions: [new actions.SnsAction(topic)] }));
      Template.fromStack(stack).allResourcesProperties('AWS::CloudWatch::Alarm', {
        AlarmActions: [{ Ref: stack.getLogicalId(topic.node.defaultChild as sns.CfnTopic) }],
      });
    });
  });

  describe('a bucket gets the alarms once', () => {
    test('applied twice, one configuration and two alarms', () => {
      const stack = stackIn();
      const bucket = new s3.Bucket(stack, 'Bucket');
      bucket.with(new RequestErrorAlarms()).with(new RequestErrorAlarms({ serverErrorAlarm: { threshold: 0.5 } }));
      expect(metricsConfigurationsOf(stack)).toEqual([{ Id: 'EntireBucket' }]);
      const template = Template.fromStack(stack);
      template.resourceCountIs('AWS::CloudWatch::Alarm', 2);
      template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: '5xxErrors', Threshold: 0.01 });
    });

    test('a ResilientBucket keeps its own alarms, even one switched off', () => {
      const stack = stackIn();
      new ResilientBucket(stack, 'Bucket', { clientErrorAlarm: { enabled: false } });
      stack.with(new RequestErrorAlarms());
      const template = Template.fromStack(stack);
      template.resourceCountIs('AWS::CloudWatch::Alarm', 1);
      template.hasResourceProperties('AWS::S3::Bucket', { MetricsConfigurations: [{ Id: 'EntireBucket' }] });
    });
  });

  describe('supports an AWS::S3::Bucket L1 only', () => {
    test.each<[string, (stack: Stack) => object, boolean]>([
      ['an L1 CfnBucket', stack => new s3.CfnBucket(stack, 'B'), true],
      ['an L2 s3.Bucket itself (its default child is the L1)', stack => new s3.Bucket(stack, 'B'), false],
      ['a bare CfnResource of type AWS::S3::Bucket, which has no typed properties', stack => new CfnResource(stack, 'B', { type: 'AWS::S3::Bucket' }), false],
      ['another resource type', stack => new sns.CfnTopic(stack, 'T'), false],
    ])('%s', (_name, make, supported) => {
      expect(new RequestErrorAlarms().supports(make(stackIn()) as never)).toBe(supported);
    });
  });

  describe('props are checked when the mixin is made, naming the prop and the value', () => {
    test.each<[RequestErrorAlarmsProps, string]>([
      [{ clientErrorAlarm: { threshold: 5 } }, 'RequestErrorAlarms: clientErrorAlarm.threshold must be an error rate above 0 and at most 1, e.g. 0.05 for 5% (got 5)'],
      [{ serverErrorAlarm: { period: Duration.seconds(90) } }, 'RequestErrorAlarms: serverErrorAlarm.period must be a whole number of minutes, at least 1, as S3 request metrics are per minute (got 1 minute 30 seconds)'],
      [{ serverErrorAlarm: { evaluationPeriods: 2, datapointsToAlarm: 3 } }, 'RequestErrorAlarms: serverErrorAlarm.datapointsToAlarm must be a whole number from 1 to evaluationPeriods (2) (got 3)'],
      [{ clientErrorAlarm: { enabled: false, evaluationPeriods: 0 } }, 'RequestErrorAlarms: clientErrorAlarm.evaluationPeriods must be a whole number >= 1 (got 0)'],
      [{ requestMetricsFilterId: 'all requests' }, 'RequestErrorAlarms: requestMetricsFilterId must be 1 to 64 letters, digits, periods, dashes or underscores, as S3 requires of a metrics configuration id (got "all requests")'],
    ])('%j', (props, message) => {
      expect(() => new RequestErrorAlarms(props)).toThrow(message);
    });

    test('a requestMetricsFilterId naming a filtered configuration is refused when applied, naming the bucket', () => {
      const stack = stackIn();
      const bucket = new s3.Bucket(stack, 'Bucket', { metrics: [{ id: 'logs', prefix: 'logs/' }] });
      expect(() => bucket.with(new RequestErrorAlarms({ requestMetricsFilterId: 'logs' })))
        .toThrow('RequestErrorAlarms on Stack/Bucket: requestMetricsFilterId "logs" names a metrics entry limited by a prefix or tags; '
          + 'the error alarms need a whole-bucket filter. Choose another requestMetricsFilterId.');
    });
  });
});
