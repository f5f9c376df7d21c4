import {
  App, aws_cloudwatch as cloudwatch, aws_cloudwatch_actions as actions, aws_s3 as s3, aws_sns as sns, Duration, Stack, Token,
} from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { ResilientBucket } from '../../src';

function stackIn(region?: string) {
  return new Stack(new App(), 'Stack', region ? { env: { region, account: '111111111111' } } : undefined);
}

describe('ResilientBucket', () => {
  describe('is a drop-in s3.Bucket', () => {
    test('it is an s3.Bucket and passes every BucketProps through', () => {
      // GIVEN
      const stack = stackIn('us-east-1');
      // WHEN
      const bucket = new ResilientBucket(stack, 'Bucket', { versioned: true, bucketName: 'my-data', removalPolicy: undefined });
      // THEN
      expect(bucket).toBeInstanceOf(s3.Bucket);
      Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
        BucketName: 'my-data',
        VersioningConfiguration: { Status: 'Enabled' },
      });
    });
  });

  describe('the abort-incomplete-uploads lifecycle rule', () => {
    test('defaults to an enabled whole-bucket rule of 7 days', () => {
      const stack = stackIn('us-east-1');
      const bucket = new ResilientBucket(stack, 'Bucket');
      expect(bucket.abortIncompleteUploadsAfterDays).toBe(7);
      Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
        LifecycleConfiguration: {
          Rules: [{
            Id: 'AbortIncompleteMultipartUploads',
            Status: 'Enabled',
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
            Prefix: Match.absent(),
            TagFilters: Match.absent(),
          }],
        },
      });
    });

    test('takes its days from abortIncompleteUploadsAfter', () => {
      const stack = stackIn('us-east-1');
      new ResilientBucket(stack, 'Bucket', { abortIncompleteUploadsAfter: Duration.days(2) });
      Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
        LifecycleConfiguration: { Rules: [Match.objectLike({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 2 } })] },
      });
    });

    test('is added beside the lifecycle rules the user passes, which are kept', () => {
      const stack = stackIn('us-east-1');
      new ResilientBucket(stack, 'Bucket', {
        lifecycleRules: [
          { id: 'expire-logs', prefix: 'logs/', expiration: Duration.days(30) },
          { id: 'archive', transitions: [{ storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(90) }] },
        ],
      });
      const [bucket] = Object.values(Template.fromStack(stack).findResources('AWS::S3::Bucket'));
      const rules = bucket.Properties.LifecycleConfiguration.Rules;
      expect(rules.map((rule: { Id: string }) => rule.Id)).toEqual(['expire-logs', 'archive', 'AbortIncompleteMultipartUploads']);
      expect(rules[0]).toMatchObject({ Prefix: 'logs/', ExpirationInDays: 30, Status: 'Enabled' });
    });

    test.each([
      [Duration.hours(12), '12 hours'],
      [Duration.hours(36), '1 day 12 hours'],
      [Duration.days(0), '0 days'],
      [Duration.minutes(90), '1 hour 30 minutes'],
    ])('%s is refused: not a whole number of days >= 1', (after, shown) => {
      const stack = stackIn('us-east-1');
      expect(() => new ResilientBucket(stack, 'Bucket', { abortIncompleteUploadsAfter: after }))
        .toThrow(`ResilientBucket Stack/Bucket: abortIncompleteUploadsAfter must be a whole number of days >= 1 (got ${shown})`);
    });

    test('a token duration is refused: the bucket could not be checked', () => {
      const stack = stackIn('us-east-1');
      expect(() => new ResilientBucket(stack, 'Bucket', { abortIncompleteUploadsAfter: Duration.days(Token.asNumber({ Ref: 'Days' })) }))
        .toThrow(/^ResilientBucket Stack\/Bucket: abortIncompleteUploadsAfter must be a literal duration/);
    });

    test('a user rule that combines abort with a tag filter fails synthesis with MPU3', () => {
      const stack = stackIn('us-east-1');
      new ResilientBucket(stack, 'Bucket', {
        lifecycleRules: [{ id: 'tagged', tagFilters: { team: 'data' }, abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      });
      expect(() => Template.fromStack(stack)).toThrow(/MultipartUpload-MPU3: .*rule "tagged" aborts incomplete uploads but filters on tags, which S3 rejects/);
    });

    test('a user rule that combines abort with an object-size filter fails synthesis with MPU3', () => {
      const stack = stackIn('us-east-1');
      new ResilientBucket(stack, 'Bucket', {
        lifecycleRules: [{ id: 'big', objectSizeGreaterThan: 1024, abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      });
      expect(() => Template.fromStack(stack)).toThrow(/MultipartUpload-MPU3: .*filters on object size/);
    });

    test('the self-check fails synthesis when an escape hatch later removes the rule', () => {
      const stack = stackIn('us-east-1');
      const bucket = new ResilientBucket(stack, 'Bucket');
      (bucket.node.defaultChild as s3.CfnBucket).addPropertyDeletionOverride('LifecycleConfiguration');
      expect(() => Template.fromStack(stack)).toThrow(/MultipartUpload-MPU1: ResilientBucket must abort incomplete multipart uploads within 7 days, but the bucket has no lifecycle rules/);
    });

    test('the self-check fails synthesis when an override makes the rule too late', () => {
      const stack = stackIn('us-east-1');
      const bucket = new ResilientBucket(stack, 'Bucket', { abortIncompleteUploadsAfter: Duration.days(3) });
      (bucket.node.defaultChild as s3.CfnBucket).addPropertyOverride('LifecycleConfiguration.Rules.0.AbortIncompleteMultipartUpload.DaysAfterInitiation', 30);
      expect(() => Template.fromStack(stack)).toThrow(/MultipartUpload-MPU2: .*aborted 30 days after initiation, later than the allowed 3 days/);
    });

    test('the self-check fails synthesis when an override disables the rule', () => {
      const stack = stackIn('us-east-1');
      const bucket = new ResilientBucket(stack, 'Bucket');
      (bucket.node.defaultChild as s3.CfnBucket).addPropertyOverride('LifecycleConfiguration.Rules.0.Status', 'Disabled');
      expect(() => Template.fromStack(stack)).toThrow(/MultipartUpload-MPU1: .*is disabled/);
    });
  });

  describe('request metrics and error-rate alarms', () => {
    test('adds a whole-bucket request-metrics configuration', () => {
      const stack = stackIn('us-east-1');
      const bucket = new ResilientBucket(stack, 'Bucket');
      expect(bucket.requestMetricsFilterId).toBe('EntireBucket');
      Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
        MetricsConfigurations: [{ Id: 'EntireBucket', Prefix: Match.absent(), TagFilters: Match.absent() }],
      });
    });

    test('reuses a whole-bucket metrics entry the user passed', () => {
      const stack = stackIn('us-east-1');
      const bucket = new ResilientBucket(stack, 'Bucket', { metrics: [{ id: 'logs', prefix: 'logs/' }, { id: 'All' }] });
      expect(bucket.requestMetricsFilterId).toBe('All');
      Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
        MetricsConfigurations: [{ Id: 'logs', Prefix: 'logs/' }, { Id: 'All' }],
      });
      Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
        Dimensions: Match.arrayWith([{ Name: 'FilterId', Value: 'All' }]),
      });
    });

    test('accepts a requestMetricsFilterId naming a second whole-bucket entry', () => {
      const stack = stackIn('us-east-1');
      const bucket = new ResilientBucket(stack, 'Bucket', { requestMetricsFilterId: 'B', metrics: [{ id: 'A' }, { id: 'B' }] });
      expect(bucket.requestMetricsFilterId).toBe('B');
      Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', { MetricsConfigurations: [{ Id: 'A' }, { Id: 'B' }] });
    });

    test('refuses a requestMetricsFilterId that names a prefix-limited entry', () => {
      const stack = stackIn('us-east-1');
      expect(() => new ResilientBucket(stack, 'Bucket', { requestMetricsFilterId: 'logs', metrics: [{ id: 'logs', prefix: 'logs/' }] }))
        .toThrow('ResilientBucket Stack/Bucket: requestMetricsFilterId "logs" names a metrics entry limited by a prefix or tags');
    });

    test('alarms on the 4xx and 5xx error rates with the documented defaults', () => {
      const stack = stackIn('us-east-1');
      const bucket = new ResilientBucket(stack, 'Bucket');
      const template = Template.fromStack(stack);
      template.resourceCountIs('AWS::CloudWatch::Alarm', 2);
      const bucketRef = { Ref: stack.getLogicalId(bucket.node.defaultChild as s3.CfnBucket) };
      for (const [metricName, threshold] of [['4xxErrors', 0.05], ['5xxErrors', 0.01]] as const) {
        template.hasResourceProperties('AWS::CloudWatch::Alarm', {
          Namespace: 'AWS/S3',
          MetricName: metricName,
          Statistic: 'Average',
          Period: 300,
          Threshold: threshold,
          EvaluationPeriods: 3,
          DatapointsToAlarm: 3,
          ComparisonOperator: 'GreaterThanThreshold',
          TreatMissingData: 'notBreaching',
          Dimensions: Match.arrayEquals([{ Name: 'BucketName', Value: bucketRef }, { Name: 'FilterId', Value: 'EntireBucket' }]),
        });
      }
      expect(bucket.clientErrorAlarm).toBeDefined();
      expect(bucket.serverErrorAlarm).toBeDefined();
    });

    test('thresholds, periods, datapoints, names and actions are configurable', () => {
      const stack = stackIn('us-east-1');
      const topic = new sns.Topic(stack, 'Topic');
      new ResilientBucket(stack, 'Bucket', {
        clientErrorAlarm: { threshold: 0.2, period: Duration.minutes(1), evaluationPeriods: 10, datapointsToAlarm: 4, alarmName: 'data-4xx' },
        serverErrorAlarm: { threshold: 0.001 },
        alarmActions: [new actions.SnsAction(topic)],
      });
      const template = Template.fromStack(stack);
      const topicRef = { Ref: stack.getLogicalId(topic.node.defaultChild as sns.CfnTopic) };
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: 'data-4xx', MetricName: '4xxErrors', Threshold: 0.2, Period: 60, EvaluationPeriods: 10, DatapointsToAlarm: 4, AlarmActions: [topicRef],
      });
      template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: '5xxErrors', Threshold: 0.001, AlarmActions: [topicRef] });
    });

    test('an alarm can be switched off', () => {
      const stack = stackIn('us-east-1');
      const bucket = new ResilientBucket(stack, 'Bucket', { clientErrorAlarm: { enabled: false } });
      const template = Template.fromStack(stack);
      template.resourceCountIs('AWS::CloudWatch::Alarm', 1);
      template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: '5xxErrors' });
      expect(bucket.clientErrorAlarm).toBeUndefined();
    });

    test.each([
      [{ clientErrorAlarm: { threshold: 5 } }, 'ResilientBucket Stack/Bucket: clientErrorAlarm.threshold must be an error rate above 0 and at most 1, e.g. 0.05 for 5% (got 5)'],
      [{ serverErrorAlarm: { threshold: 0 } }, 'ResilientBucket Stack/Bucket: serverErrorAlarm.threshold must be an error rate above 0 and at most 1, e.g. 0.05 for 5% (got 0)'],
      [{ serverErrorAlarm: { threshold: -0.1 } }, 'ResilientBucket Stack/Bucket: serverErrorAlarm.threshold must be an error rate above 0 and at most 1, e.g. 0.05 for 5% (got -0.1)'],
      [{ clientErrorAlarm: { period: Duration.seconds(30) } }, 'ResilientBucket Stack/Bucket: clientErrorAlarm.period must be a whole number of minutes, at least 1, as S3 request metrics are per minute (got 30 seconds)'],
      [{ clientErrorAlarm: { period: Duration.seconds(90) } }, 'ResilientBucket Stack/Bucket: clientErrorAlarm.period must be a whole number of minutes, at least 1, as S3 request metrics are per minute (got 1 minute 30 seconds)'],
      [{ clientErrorAlarm: { evaluationPeriods: 0 } }, 'ResilientBucket Stack/Bucket: clientErrorAlarm.evaluationPeriods must be a whole number >= 1 (got 0)'],
      [{ clientErrorAlarm: { evaluationPeriods: 1.5 } }, 'ResilientBucket Stack/Bucket: clientErrorAlarm.evaluationPeriods must be a whole number >= 1 (got 1.5)'],
      [{ serverErrorAlarm: { evaluationPeriods: 2, datapointsToAlarm: 3 } }, 'ResilientBucket Stack/Bucket: serverErrorAlarm.datapointsToAlarm must be a whole number from 1 to evaluationPeriods (2) (got 3)'],
    ])('%j is refused', (props, message) => {
      const stack = stackIn('us-east-1');
      expect(() => new ResilientBucket(stack, 'Bucket', props)).toThrow(message);
    });

    test('metric helpers read the request metrics of this bucket', () => {
      const stack = stackIn('us-east-1');
      const bucket = new ResilientBucket(stack, 'Bucket', { requestMetricsFilterId: 'Everything' });
      const dims = (metric: cloudwatch.Metric) => stack.resolve(metric.dimensions);
      const bucketRef = { Ref: stack.getLogicalId(bucket.node.defaultChild as s3.CfnBucket) };
      expect(bucket.metricClientErrors()).toMatchObject({ namespace: 'AWS/S3', metricName: '4xxErrors', statistic: 'Average' });
      expect(bucket.metricServerErrors()).toMatchObject({ metricName: '5xxErrors', statistic: 'Average' });
      expect(bucket.metricAllRequests()).toMatchObject({ metricName: 'AllRequests', statistic: 'Sum' });
      expect(bucket.metricServerErrors({ statistic: 'Sum', period: Duration.minutes(1) })).toMatchObject({ statistic: 'Sum', period: Duration.minutes(1) });
      expect(dims(bucket.metricAllRequests())).toEqual({ BucketName: bucketRef, FilterId: 'Everything' });
    });
  });

  describe('Transfer Acceleration', () => {
    test('is on by default in a region that offers it', () => {
      const stack = stackIn('eu-west-1');
      new ResilientBucket(stack, 'Bucket');
      Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', { AccelerateConfiguration: { AccelerationStatus: 'Enabled' } });
    });

    test('is off when transferAcceleration is false', () => {
      const stack = stackIn('eu-west-1');
      new ResilientBucket(stack, 'Bucket', { transferAcceleration: false });
      Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', { AccelerateConfiguration: Match.absent() });
      expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
    });

    test('by default, a dotted bucket name leaves it off with a warning', () => {
      const stack = stackIn('us-east-1');
      new ResilientBucket(stack, 'Bucket', { bucketName: 'data.example.com' });
      Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', { AccelerateConfiguration: Match.absent() });
      Annotations.fromStack(stack).hasWarning('/Stack/Bucket', Match.stringLikeRegexp('Transfer Acceleration left off: bucketName "data.example.com" contains dots'));
    });

    test('asked for explicitly, a dotted bucket name is an error', () => {
      const stack = stackIn('us-east-1');
      expect(() => new ResilientBucket(stack, 'Bucket', { bucketName: 'data.example.com', transferAcceleration: true }))
        .toThrow('transferAcceleration: true cannot be honoured for bucket Stack/Bucket: bucketName "data.example.com" contains dots, which Transfer Acceleration does not allow. Choose a bucket name without dots, or set transferAcceleration: false.');
    });

    test.each(['cn-north-1', 'us-gov-west-1', 'ap-southeast-5'])('by default, %s leaves it off with a warning', (region) => {
      const stack = stackIn(region);
      new ResilientBucket(stack, 'Bucket');
      Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', { AccelerateConfiguration: Match.absent() });
      Annotations.fromStack(stack).hasWarning('/Stack/Bucket', Match.stringLikeRegexp(`Transfer Acceleration is not offered in ${region}`));
    });

    test('asked for explicitly in a region without it, it is an error', () => {
      const stack = stackIn('cn-north-1');
      expect(() => new ResilientBucket(stack, 'Bucket', { transferAcceleration: true }))
        .toThrow('transferAcceleration: true cannot be honoured for bucket Stack/Bucket: Transfer Acceleration is not offered in cn-north-1. Set transferAcceleration: false.');
    });

    test('in a region-agnostic stack, a condition on AWS::Region enables it only where offered', () => {
      const stack = stackIn();
      new ResilientBucket(stack, 'Bucket');
      const template = Template.fromStack(stack);
      const [conditionId, condition] = Object.entries(template.findConditions('*'))[0];
      expect(conditionId).toMatch(/TransferAccelerationOffered/);
      const regions = JSON.stringify(condition).match(/"[a-z]{2}(-gov)?-[a-z]+-\d"/g);
      expect(regions).toContain('"us-east-1"');
      expect(regions).not.toContain('"cn-north-1"');
      template.hasResourceProperties('AWS::S3::Bucket', {
        AccelerateConfiguration: { 'Fn::If': [conditionId, { AccelerationStatus: 'Enabled' }, { Ref: 'AWS::NoValue' }] },
      });
    });
  });

  describe('secure defaults', () => {
    test('blocks public access, enforces TLS 1.2 and encrypts', () => {
      const stack = stackIn('us-east-1');
      new ResilientBucket(stack, 'Bucket');
      const template = Template.fromStack(stack);
      template.hasResourceProperties('AWS::S3::Bucket', {
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      });
      const policy = JSON.stringify(template.findResources('AWS::S3::BucketPolicy'));
      expect(policy).toContain('"aws:SecureTransport":"false"');
      expect(policy).toContain('"s3:TlsVersion":1.2');
    });

    test('each secure default can still be set by the user', () => {
      const stack = stackIn('us-east-1');
      new ResilientBucket(stack, 'Bucket', { enforceSSL: false, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS_ONLY, encryption: s3.BucketEncryption.KMS_MANAGED });
      const template = Template.fromStack(stack);
      template.resourceCountIs('AWS::S3::BucketPolicy', 0);
      template.hasResourceProperties('AWS::S3::Bucket', {
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false },
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] },
      });
    });
  });
});
