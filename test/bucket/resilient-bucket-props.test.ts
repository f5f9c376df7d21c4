import { App, aws_kms as kms, aws_s3 as s3, CfnParameter, Duration, Lazy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ResilientBucket, ResilientBucketProps } from '../../src';

function stackIn(region = 'us-east-1') {
  return new Stack(new App(), 'Stack', { env: { region, account: '111111111111' } });
}

/** Builds and synthesizes the bucket (lazy checks run at synthesis); the error message, or undefined. */
function errorOf(props: ResilientBucketProps, region?: string): string | undefined {
  const stack = stackIn(region);
  try {
    new ResilientBucket(stack, 'Bucket', props);
    Template.fromStack(stack);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

function numberParameter(stack: Stack, id: string): number {
  return new CfnParameter(stack, id, { type: 'Number' }).valueAsNumber;
}

// [case, props, texts the message must contain: the prop and the value passed]
type Case = [string, ResilientBucketProps, string[]];

/** How a prop error names the bucket: its kind and path. */
const AT = 'ResilientBucket Stack/Bucket: ';

const abortCases: Case[] = [
  ['36 hours', { abortIncompleteUploadsAfter: Duration.hours(36) }, [`${AT}abortIncompleteUploadsAfter`, '(got 1 day 12 hours)', 'Duration.hours(36) is 1.5 days']],
  ['1.5 days', { abortIncompleteUploadsAfter: Duration.days(1.5) }, [`${AT}abortIncompleteUploadsAfter`, 'Duration.days(1.5) is 1.5 days']],
  ['12 hours', { abortIncompleteUploadsAfter: Duration.hours(12) }, [`${AT}abortIncompleteUploadsAfter`, '(got 12 hours)', 'is 0.5 days']],
  ['90 minutes', { abortIncompleteUploadsAfter: Duration.minutes(90) }, [`${AT}abortIncompleteUploadsAfter`, '(got 1 hour 30 minutes)']],
  ['zero days', { abortIncompleteUploadsAfter: Duration.days(0) }, [`${AT}abortIncompleteUploadsAfter`, '(got 0 days)']],
  ['zero seconds', { abortIncompleteUploadsAfter: Duration.seconds(0) }, [`${AT}abortIncompleteUploadsAfter`, '(got 0 seconds)']],
  ['NaN days', { abortIncompleteUploadsAfter: Duration.days(NaN) }, [`${AT}abortIncompleteUploadsAfter`, '(got Duration.days(NaN))']],
  ['Infinity days', { abortIncompleteUploadsAfter: Duration.days(Infinity) }, [`${AT}abortIncompleteUploadsAfter`, '(got Infinity days)']],
];

const filterIdCases: Case[] = [
  ['empty', { requestMetricsFilterId: '' }, [`${AT}requestMetricsFilterId`, '(got "")']],
  ['a space', { requestMetricsFilterId: 'all requests' }, [`${AT}requestMetricsFilterId`, '(got "all requests")']],
  ['a slash', { requestMetricsFilterId: 'logs/all' }, [`${AT}requestMetricsFilterId`, '(got "logs/all")']],
  ['65 characters', { requestMetricsFilterId: 'f'.repeat(65) }, [`${AT}requestMetricsFilterId`, `(got "${'f'.repeat(65)}")`]],
  ['a prefix-limited metrics entry', { requestMetricsFilterId: 'logs', metrics: [{ id: 'logs', prefix: 'logs/' }] }, [`${AT}requestMetricsFilterId`, '"logs"']],
];

/** The same wrong values for either alarm: the message must name `clientErrorAlarm.x` or `serverErrorAlarm.x`. */
function alarmCases(alarm: 'clientErrorAlarm' | 'serverErrorAlarm'): Case[] {
  const cases: Array<[string, object, string[]]> = [
    ['threshold 0', { threshold: 0 }, ['.threshold', '(got 0)']],
    ['threshold 1.5', { threshold: 1.5 }, ['.threshold', '(got 1.5)']],
    ['threshold -1', { threshold: -1 }, ['.threshold', '(got -1)']],
    ['threshold NaN', { threshold: NaN }, ['.threshold', '(got NaN)']],
    ['threshold 5 (a percentage, not a rate)', { threshold: 5 }, ['.threshold', '(got 5)']],
    ['period 30 seconds', { period: Duration.seconds(30) }, ['.period', '(got 30 seconds)']],
    ['period 90 seconds', { period: Duration.seconds(90) }, ['.period', '(got 1 minute 30 seconds)']],
    ['period 0', { period: Duration.minutes(0) }, ['.period', '(got 0 minutes)']],
    ['evaluationPeriods 0', { evaluationPeriods: 0 }, ['.evaluationPeriods', '(got 0)']],
    ['evaluationPeriods 1.5', { evaluationPeriods: 1.5 }, ['.evaluationPeriods', '(got 1.5)']],
    ['evaluationPeriods -1', { evaluationPeriods: -1 }, ['.evaluationPeriods', '(got -1)']],
    ['evaluationPeriods NaN', { evaluationPeriods: NaN }, ['.evaluationPeriods', '(got NaN)']],
    ['datapointsToAlarm 0', { datapointsToAlarm: 0 }, ['.datapointsToAlarm', '(got 0)']],
    ['datapointsToAlarm 1.5', { datapointsToAlarm: 1.5 }, ['.datapointsToAlarm', '(got 1.5)']],
    ['datapointsToAlarm above the default evaluationPeriods', { datapointsToAlarm: 4 }, ['.datapointsToAlarm', 'evaluationPeriods (3)', '(got 4)']],
    ['datapointsToAlarm above evaluationPeriods', { evaluationPeriods: 2, datapointsToAlarm: 3 }, ['.datapointsToAlarm', 'evaluationPeriods (2)', '(got 3)']],
    ['a window over 1 day with 5-minute periods', { evaluationPeriods: 289 }, ['.evaluationPeriods x', '.period', '1 day', '(got 289 x 5 minutes)']],
    ['a window over 7 days with 1-hour periods', { period: Duration.hours(1), evaluationPeriods: 169 }, ['.evaluationPeriods x', '7 days', '(got 169 x 1 hour)']],
    ['alarmName empty', { alarmName: '' }, ['.alarmName', '(got "", 0 characters)']],
    ['alarmName of 256 characters', { alarmName: 'a'.repeat(256) }, ['.alarmName', '256 characters']],
    ['a wrong value in a disabled alarm', { enabled: false, threshold: 5 }, ['.threshold', '(got 5)']],
  ];
  return cases.map(([name, options, texts]) => [
    `${alarm} ${name}`, { [alarm]: options }, texts.map((text, i) => (text.startsWith('.') ? `${i === 0 ? AT : ''}${alarm}${text}` : text)),
  ]);
}

describe('ResilientBucket prop validation', () => {
  test.each([
    ...abortCases,
    ...filterIdCases,
    ...alarmCases('clientErrorAlarm'),
    ...alarmCases('serverErrorAlarm'),
    ['a dotted bucketName with transferAcceleration: true', { bucketName: 'my.dotted.bucket', transferAcceleration: true },
      ['bucketName "my.dotted.bucket"', 'transferAcceleration: true']],
  ] as Case[])('%s is refused, naming the prop and the value', (_name, props, texts) => {
    // WHEN
    const message = errorOf(props);
    // THEN
    expect(message).toBeDefined();
    for (const text of texts) {
      expect(message).toContain(text);
    }
  });

  test('transferAcceleration: true in a region without it is refused, naming the prop and the region', () => {
    const message = errorOf({ transferAcceleration: true }, 'cn-north-1');
    expect(message).toContain('transferAcceleration: true');
    expect(message).toContain('cn-north-1');
  });

  test('a negative duration never reaches the construct: aws-cdk-lib refuses it', () => {
    expect(() => Duration.days(-1)).toThrow('Duration amounts cannot be negative. Received: -1');
  });

  describe('inherited s3.BucketProps keep aws-cdk-lib\'s own checks', () => {
    test.each([
      ['an invalid bucketName', { bucketName: 'My_Bucket' }, ['Invalid S3 bucket name', 'My_Bucket']],
      ['replicationRules without versioned', { replicationRules: [{ destination: s3.Bucket.fromBucketName(new Stack(), 'D', 'replica') }] },
        ['Replication rules require versioning']],
    ] as Case[])('%s is refused by s3.Bucket', (_name, props, texts) => {
      const message = errorOf(props);
      for (const text of texts) {
        expect(message).toContain(text);
      }
    });

    test('encryptionKey with encryption S3_MANAGED is refused by s3.Bucket', () => {
      const stack = stackIn();
      const key = new kms.Key(stack, 'Key');
      expect(() => new ResilientBucket(stack, 'Bucket', { encryptionKey: key, encryption: s3.BucketEncryption.S3_MANAGED }))
        .toThrow(/encryptionKey is specified/);
    });
  });

  describe('valid edge values are accepted', () => {
    test.each([
      ['1 day', Duration.days(1), 1],
      ['24 hours', Duration.hours(24), 1],
      ['48 hours', Duration.hours(48), 2],
      ['2880 minutes', Duration.minutes(2880), 2],
    ])('abortIncompleteUploadsAfter of %s is %d whole days', (_name, after, days) => {
      const stack = stackIn();
      new ResilientBucket(stack, 'Bucket', { abortIncompleteUploadsAfter: after });
      Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
        LifecycleConfiguration: { Rules: [Match.objectLike({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: days } })] },
      });
    });

    test.each([
      ['threshold 1', { threshold: 1 }, { Threshold: 1 }],
      ['threshold 0.0001', { threshold: 0.0001 }, { Threshold: 0.0001 }],
      ['datapointsToAlarm equal to evaluationPeriods', { evaluationPeriods: 5, datapointsToAlarm: 5 }, { EvaluationPeriods: 5, DatapointsToAlarm: 5 }],
      ['datapointsToAlarm 1', { evaluationPeriods: 5, datapointsToAlarm: 1 }, { EvaluationPeriods: 5, DatapointsToAlarm: 1 }],
      ['period 1 minute', { period: Duration.minutes(1) }, { Period: 60 }],
      ['a window of exactly 1 day with 5-minute periods', { evaluationPeriods: 288 }, { Period: 300, EvaluationPeriods: 288 }],
      ['a window of exactly 7 days with 1-hour periods', { period: Duration.hours(1), evaluationPeriods: 168 }, { Period: 3600, EvaluationPeriods: 168 }],
      ['alarmName of 255 characters', { alarmName: 'a'.repeat(255) }, { AlarmName: 'a'.repeat(255) }],
    ])('clientErrorAlarm with %s', (_name, options, expected) => {
      const stack = stackIn();
      new ResilientBucket(stack, 'Bucket', { clientErrorAlarm: options });
      Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: '4xxErrors', ...expected });
    });

    test('a requestMetricsFilterId of 64 letters, digits, periods, dashes and underscores', () => {
      const id = `All.requests-v2_${'x'.repeat(48)}`;
      const stack = stackIn();
      new ResilientBucket(stack, 'Bucket', { requestMetricsFilterId: id });
      Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', { MetricsConfigurations: [{ Id: id }] });
    });

    test('a bucketName without dots with transferAcceleration: true', () => {
      const stack = stackIn();
      new ResilientBucket(stack, 'Bucket', { bucketName: 'my-plain-bucket', transferAcceleration: true });
      Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
        BucketName: 'my-plain-bucket', AccelerateConfiguration: { AccelerationStatus: 'Enabled' },
      });
    });
  });

  describe('tokens that only the deploy can check are accepted', () => {
    test('a bucketName from a parameter with transferAcceleration: true', () => {
      const stack = stackIn();
      const name = new CfnParameter(stack, 'BucketName');
      new ResilientBucket(stack, 'Bucket', { bucketName: name.valueAsString, transferAcceleration: true });
      Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
        BucketName: { Ref: 'BucketName' }, AccelerateConfiguration: { AccelerationStatus: 'Enabled' },
      });
    });

    test('a threshold from a parameter', () => {
      const stack = stackIn();
      new ResilientBucket(stack, 'Bucket', { serverErrorAlarm: { threshold: numberParameter(stack, 'Threshold') } });
      Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: '5xxErrors', Threshold: { Ref: 'Threshold' } });
    });

    test('evaluationPeriods from a parameter with a literal datapointsToAlarm', () => {
      const stack = stackIn();
      new ResilientBucket(stack, 'Bucket', { clientErrorAlarm: { evaluationPeriods: numberParameter(stack, 'Periods'), datapointsToAlarm: 2 } });
      Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: '4xxErrors', EvaluationPeriods: { Ref: 'Periods' }, DatapointsToAlarm: 2,
      });
    });

    test('datapointsToAlarm from a parameter', () => {
      const stack = stackIn();
      new ResilientBucket(stack, 'Bucket', { clientErrorAlarm: { datapointsToAlarm: numberParameter(stack, 'Datapoints') } });
      Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: '4xxErrors', EvaluationPeriods: 3, DatapointsToAlarm: { Ref: 'Datapoints' },
      });
    });

    test('evaluationPeriods and datapointsToAlarm from lazy numbers', () => {
      const stack = stackIn();
      new ResilientBucket(stack, 'Bucket', {
        serverErrorAlarm: { evaluationPeriods: Lazy.number({ produce: () => 4 }), datapointsToAlarm: Lazy.number({ produce: () => 2 }) },
      });
      Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: '5xxErrors', EvaluationPeriods: 4, DatapointsToAlarm: 2 });
    });

    test('a requestMetricsFilterId and an alarmName from parameters', () => {
      const stack = stackIn();
      new ResilientBucket(stack, 'Bucket', {
        requestMetricsFilterId: new CfnParameter(stack, 'FilterId').valueAsString,
        clientErrorAlarm: { alarmName: new CfnParameter(stack, 'AlarmName').valueAsString },
      });
      const template = Template.fromStack(stack);
      template.hasResourceProperties('AWS::S3::Bucket', { MetricsConfigurations: [{ Id: { Ref: 'FilterId' } }] });
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: { Ref: 'AlarmName' }, Dimensions: Match.arrayWith([{ Name: 'FilterId', Value: { Ref: 'FilterId' } }]),
      });
    });
  });

  describe('tokens that cannot work are refused, naming the prop', () => {
    test('abortIncompleteUploadsAfter from a parameter: the self-check and the cdk-nag rules need the days at synthesis', () => {
      const stack = stackIn();
      expect(() => new ResilientBucket(stack, 'Bucket', { abortIncompleteUploadsAfter: Duration.days(numberParameter(stack, 'Days')) }))
        .toThrow(`${AT}abortIncompleteUploadsAfter must be a literal duration, not a token`);
    });

    test('an alarm period from a parameter: cloudwatch.Metric checks the period at synthesis', () => {
      const stack = stackIn();
      expect(() => new ResilientBucket(stack, 'Bucket', { clientErrorAlarm: { period: Duration.seconds(numberParameter(stack, 'Period')) } }))
        .toThrow(`${AT}clientErrorAlarm.period must be a literal duration, not a token`);
    });
  });
});
