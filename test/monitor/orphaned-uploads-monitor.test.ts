import {
  App, aws_cloudwatch_actions as actions, aws_events as events, aws_iam as iam, aws_sns as sns, CfnParameter, Duration, Size, Stack, Token,
} from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { OrphanedUploadsMonitor, OrphanedUploadsMonitorProps } from '../../src';
import { MONITOR_SETTINGS_VARIABLE, parseMonitorSettings } from '../../src/monitor/runtime/monitor-settings';
import { valueInJoin } from '../_helpers/cfn-join';

function synth(props?: OrphanedUploadsMonitorProps) {
  const stack = new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'eu-west-1' } });
  const monitor = new OrphanedUploadsMonitor(stack, 'Monitor', props);
  return { stack, monitor, template: Template.fromStack(stack) };
}

/** The statements of the function role's policy, resolved. */
function roleStatements(template: Template): Array<{ Action: string | string[]; Resource: unknown; Condition?: unknown }> {
  const policies = Object.values(template.findResources('AWS::IAM::Policy'));
  expect(policies).toHaveLength(1);
  return policies[0].Properties.PolicyDocument.Statement;
}

function settingsOf(template: Template) {
  const fn = Object.values(template.findResources('AWS::Lambda::Function'))[0];
  return parseMonitorSettings(fn.Properties.Environment.Variables[MONITOR_SETTINGS_VARIABLE]);
}

const READ_STATEMENTS = [
  { Action: 's3:ListAllMyBuckets', Effect: 'Allow', Resource: '*' },
  {
    Action: ['s3:GetBucketLocation', 's3:ListBucketMultipartUploads', 's3:GetLifecycleConfiguration', 's3:GetBucketTagging'],
    Effect: 'Allow',
    Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::*']] },
  },
  { Action: 's3:ListMultipartUploadParts', Effect: 'Allow', Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::*/*']] } },
];
const PUT_METRIC_DATA = { Action: 'cloudwatch:PutMetricData', Effect: 'Allow', Resource: '*', Condition: { StringEquals: { 'cloudwatch:namespace': 'MpuGuard' } } };

describe('OrphanedUploadsMonitor', () => {
  test('deploys a daily Node 22 function of 15 minutes and 512 MiB, bundled, run by a schedule, with no retries', () => {
    const { template } = synth();
    template.resourceCountIs('AWS::Lambda::Function', 1);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      Timeout: 900,
      MemorySize: 512,
      // The bundle is minified and ships no source map, so there is none to enable.
      Environment: { Variables: Match.objectLike({ NODE_OPTIONS: Match.absent() }) },
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { MaximumRetryAttempts: 0 });
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 day)',
      State: 'ENABLED',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^MonitorFunction'), 'Arn'] } })],
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  test('hands the function the audit settings, with the defaults of mpu-audit', () => {
    expect(settingsOf(synth().template)).toEqual({
      namespace: 'MpuGuard',
      regions: [],
      buckets: [],
      olderThanSeconds: 86400,
      maxDays: 7,
      concurrency: 16,
      perBucketMetrics: true,
      abortOrphansOlderThanDays: null,
      keepUploadsUnderPrefixes: [],
      keepUploadsInitiatedBy: [],
      fixLifecycleDays: null,
    });
  });

  test('takes empty keep lists without a clean-up: they keep nothing', () => {
    expect(settingsOf(synth({ keepUploadsUnderPrefixes: [], keepUploadsInitiatedBy: [] }).template))
      .toMatchObject({ abortOrphansOlderThanDays: null, keepUploadsUnderPrefixes: [], keepUploadsInitiatedBy: [] });
  });

  test('hands the clean-up the uploads to keep, as given', () => {
    // GIVEN
    const keep = {
      keepUploadsUnderPrefixes: ['resumable/', 'crt/paused/'],
      keepUploadsInitiatedBy: ['arn:aws:iam::111111111111:role/service/Uploader', 'arn:aws:iam::111111111111:user/backup', 'rgw-user'],
    };
    // WHEN
    const { template } = synth({ abortOrphansOlderThan: Duration.days(7), ...keep });
    // THEN: the function reads back exactly those lists, and the clean-up is on
    expect(settingsOf(template)).toMatchObject({ abortOrphansOlderThanDays: 7, ...keep });
  });

  test('is read-only by default: exactly the documented audit policy, PutMetricData in its namespace, and its own log', () => {
    const { template } = synth();
    const statements = roleStatements(template);
    expect(statements).toEqual([
      { Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [expect.stringMatching(/^MonitorLog/), 'Arn'] } },
      ...READ_STATEMENTS,
      PUT_METRIC_DATA,
    ]);
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } }] },
      ManagedPolicyArns: Match.absent(),
    });
    const granted = statements.flatMap(s => [s.Action].flat());
    expect(granted).not.toContain('s3:AbortMultipartUpload');
    expect(granted).not.toContain('s3:PutLifecycleConfiguration');
  });

  test('clean-up and the lifecycle fix add exactly their permission, and their settings', () => {
    const { template } = synth({ abortOrphansOlderThan: Duration.days(14), fixLifecycle: true, fixLifecycleAbortAfter: Duration.days(3) });
    const statements = roleStatements(template);
    expect(statements).toEqual(expect.arrayContaining([
      { Action: 's3:AbortMultipartUpload', Effect: 'Allow', Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::*/*']] } },
      { Action: 's3:PutLifecycleConfiguration', Effect: 'Allow', Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::*']] } },
    ]));
    expect(settingsOf(template)).toMatchObject({ abortOrphansOlderThanDays: 14, fixLifecycleDays: 3 });
  });

  test('with buckets, every S3 permission but ListAllMyBuckets names only those buckets and their objects', () => {
    const { template } = synth({ buckets: ['logs-a', 'media-b'], abortOrphansOlderThan: Duration.days(7) });
    const s3Statements = roleStatements(template).filter(s => [s.Action].flat().some(a => a.startsWith('s3:')) && s.Action !== 's3:ListAllMyBuckets');
    const arn = (resource: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:s3:::${resource}`]] });
    expect(s3Statements.map(s => s.Resource)).toEqual([
      [arn('logs-a'), arn('media-b')],
      [arn('logs-a/*'), arn('media-b/*')],
      [arn('logs-a/*'), arn('media-b/*')],
    ]);
    expect(settingsOf(template).buckets).toEqual(['logs-a', 'media-b']);
  });

  test('the alarm fires above 1 GiB of orphaned bytes by default, keeps its state between runs, and takes actions', () => {
    const stack = new Stack(new App(), 'Stack');
    const topic = new sns.Topic(stack, 'OnCall');
    new OrphanedUploadsMonitor(stack, 'Monitor', { alarmActions: [new actions.SnsAction(topic)], alarmName: 'orphaned-bytes' });
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'orphaned-bytes',
      Namespace: 'MpuGuard',
      MetricName: 'OrphanedBytes',
      Dimensions: Match.absent(),
      Statistic: 'Maximum',
      Period: 86400,
      Threshold: 1024 ** 3,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'ignore',
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^OnCall') }],
    });
  });

  test('with clean-up, a second alarm fires when a run leaves an orphan it could not abort, with the same actions', () => {
    const stack = new Stack(new App(), 'Stack');
    const topic = new sns.Topic(stack, 'OnCall');
    const monitor = new OrphanedUploadsMonitor(stack, 'Monitor', {
      abortOrphansOlderThan: Duration.days(7), alarmActions: [new actions.SnsAction(topic)], abortFailuresAlarmName: 'abort-failures',
    });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 2);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'abort-failures',
      AlarmDescription: Match.stringLikeRegexp('could not abort'),
      Namespace: 'MpuGuard',
      MetricName: 'AbortFailures',
      Dimensions: Match.absent(),
      Statistic: 'Maximum',
      Period: 86400,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'ignore',
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^OnCall') }],
    });
    expect(monitor.abortFailuresAlarm).toBeDefined();
  });

  test('without clean-up, or with abortFailuresAlarm: false, there is no abort-failures alarm', () => {
    for (const props of [{}, { abortOrphansOlderThan: Duration.days(7), abortFailuresAlarm: false }]) {
      const { template, monitor } = synth(props);
      template.resourceCountIs('AWS::CloudWatch::Alarm', 1);
      template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'OrphanedBytes' });
      expect(monitor.abortFailuresAlarm).toBeUndefined();
    }
  });

  test('schedule, namespace, threshold, timeout, memory and concurrency are configurable', () => {
    const { template, monitor } = synth({
      schedule: events.Schedule.rate(Duration.hours(6)),
      namespace: 'Platform/Uploads',
      orphanedBytesAlarmThreshold: Size.gibibytes(50),
      timeout: Duration.minutes(5),
      memorySize: 1024,
      concurrency: 32,
      regions: ['eu-west-1', 'us-east-1'],
      perBucketMetrics: false,
    });
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(6 hours)' });
    template.hasResourceProperties('AWS::Lambda::Function', { Timeout: 300, MemorySize: 1024 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: 'Platform/Uploads', Threshold: 50 * 1024 ** 3 });
    expect(settingsOf(template)).toMatchObject({ namespace: 'Platform/Uploads', concurrency: 32, regions: ['eu-west-1', 'us-east-1'], perBucketMetrics: false });
    expect(roleStatements(template)).toContainEqual({ ...PUT_METRIC_DATA, Condition: { StringEquals: { 'cloudwatch:namespace': 'Platform/Uploads' } } });
    expect(monitor.namespace).toBe('Platform/Uploads');
  });

  test('metric methods name the documented metrics, per bucket with BucketName', () => {
    const { stack, monitor } = synth();
    const resolved = (m: ReturnType<OrphanedUploadsMonitor['metricOrphanedBytes']>) => stack.resolve(m.toMetricConfig().metricStat);
    expect(resolved(monitor.metricOrphanedUploads())).toMatchObject({ namespace: 'MpuGuard', metricName: 'OrphanedUploads', statistic: 'Maximum' });
    expect(resolved(monitor.metricBucketsFailingAbortRule())).toMatchObject({ metricName: 'BucketsFailingAbortRule' });
    expect(resolved(monitor.metricBucketsNotAudited())).toMatchObject({ metricName: 'BucketsNotAudited' });
    expect(resolved(monitor.metricOrphanedMonthlyCostUsd())).toMatchObject({ metricName: 'OrphanedMonthlyCostUsd' });
    expect(resolved(monitor.metricAbortFailures())).toMatchObject({ metricName: 'AbortFailures', statistic: 'Maximum' });
    expect(resolved(monitor.metricFailedAbortBytes())).toMatchObject({ metricName: 'FailedAbortBytes', statistic: 'Maximum' });
    expect(resolved(monitor.metricOrphanedBytesOfBucket('logs-a'))).toMatchObject({ metricName: 'OrphanedBytes', dimensions: [{ name: 'BucketName', value: 'logs-a' }] });
  });

  describe('refuses props that could not work, naming the construct, the prop and the value', () => {
    test.each<[string, OrphanedUploadsMonitorProps, RegExp]>([
      ['Ceph RGW\'s region, which only mpu-audit takes', { regions: ['default'] }, /^OrphanedUploadsMonitor Stack\/Monitor: regions must hold region names such as 'eu-west-1' \(got 'default'\)/],
      ['a region that is not one', { regions: ['Ireland'] }, /^OrphanedUploadsMonitor Stack\/Monitor: regions must hold region names such as 'eu-west-1' \(got 'Ireland'\)/],
      ['a bucket name that is not one', { buckets: ['My_Bucket'] }, /^OrphanedUploadsMonitor Stack\/Monitor: buckets must hold S3 bucket names.*\(got 'My_Bucket'\)/],
      ['a fractional olderThan', { olderThan: Duration.millis(1500) }, /^OrphanedUploadsMonitor Stack\/Monitor: olderThan must be a whole number of seconds/],
      ['maxDays 0', { maxDays: 0 }, /^OrphanedUploadsMonitor Stack\/Monitor: maxDays must be a whole number from 1 to 36500 \(got 0\)/],
      ['an AWS/ namespace', { namespace: 'AWS/S3' }, /^OrphanedUploadsMonitor Stack\/Monitor: namespace must be .* not starting with 'AWS\/' \(got 'AWS\/S3'\)/],
      ['a namespace with a comma', { namespace: 'a,b' }, /^OrphanedUploadsMonitor Stack\/Monitor: namespace must be .*\(got 'a,b'\)/],
      ['clean-up of hours', { abortOrphansOlderThan: Duration.hours(36) }, /^OrphanedUploadsMonitor Stack\/Monitor: abortOrphansOlderThan must be a whole number of days from 1 to 36500 \(got 1 day 12 hours\)/],
      ['clean-up younger than olderThan', { olderThan: Duration.days(3), abortOrphansOlderThan: Duration.days(2) }, /^OrphanedUploadsMonitor Stack\/Monitor: abortOrphansOlderThan \(2 days\) must be at least olderThan \(3 days\)/],
      ['the abort-failures alarm without clean-up', { abortFailuresAlarm: true }, /^OrphanedUploadsMonitor Stack\/Monitor: abortFailuresAlarm watches the clean-up's AbortFailures: set abortOrphansOlderThan too, or drop abortFailuresAlarm$/],
      ['the abort-failures alarm\'s name without clean-up', { abortFailuresAlarmName: 'x' }, /^OrphanedUploadsMonitor Stack\/Monitor: abortFailuresAlarmName names the abort-failures alarm, which needs abortOrphansOlderThan: drop abortFailuresAlarmName$/],
      ['the abort-failures alarm\'s name with the alarm off', { abortOrphansOlderThan: Duration.days(7), abortFailuresAlarm: false, abortFailuresAlarmName: 'x' }, /^OrphanedUploadsMonitor Stack\/Monitor: abortFailuresAlarmName names the abort-failures alarm, which abortFailuresAlarm: false leaves out: drop abortFailuresAlarmName$/],
      ['a fix rule without the fix', { fixLifecycleAbortAfter: Duration.days(3) }, /^OrphanedUploadsMonitor Stack\/Monitor: fixLifecycleAbortAfter sets the rule fixLifecycle adds: set fixLifecycle: true too/],
      ['a fix rule later than maxDays', { fixLifecycle: true, fixLifecycleAbortAfter: Duration.days(10) }, /^OrphanedUploadsMonitor Stack\/Monitor: fixLifecycleAbortAfter must be a whole number of days from 1 to 7 \(got 10 days\)/],
      ['a timeout of 1 minute', { timeout: Duration.minutes(1) }, /^OrphanedUploadsMonitor Stack\/Monitor: timeout must be from 2 to 15 minutes.*\(got 1 minute\)/],
      ['a timeout of 20 minutes', { timeout: Duration.minutes(20) }, /^OrphanedUploadsMonitor Stack\/Monitor: timeout must be from 2 to 15 minutes.*\(got 20 minutes\)/],
      ['memory of 100 MiB', { memorySize: 100 }, /^OrphanedUploadsMonitor Stack\/Monitor: memorySize must be a whole number of MiB from 128 to 10240 \(got 100\)/],
      ['concurrency 0', { concurrency: 0 }, /^OrphanedUploadsMonitor Stack\/Monitor: concurrency must be a whole number from 1 to 1000 \(got 0\)/],
      ['keep prefixes without a clean-up', { keepUploadsUnderPrefixes: ['resumable/'] },
        /^OrphanedUploadsMonitor Stack\/Monitor: keepUploadsUnderPrefixes keeps uploads out of the clean-up: set abortOrphansOlderThan too, or drop keepUploadsUnderPrefixes/],
      ['keep initiators without a clean-up', { keepUploadsInitiatedBy: ['alice'] },
        /^OrphanedUploadsMonitor Stack\/Monitor: keepUploadsInitiatedBy keeps uploads out of the clean-up: set abortOrphansOlderThan too/],
      ['an empty keep prefix', { abortOrphansOlderThan: Duration.days(7), keepUploadsUnderPrefixes: ['tmp/', ''] },
        /^OrphanedUploadsMonitor Stack\/Monitor: keepUploadsUnderPrefixes must hold non-empty key prefixes such as 'resumable\/' \(got ''\): an empty one would keep every upload/],
      ['an empty keep initiator', { abortOrphansOlderThan: Duration.days(7), keepUploadsInitiatedBy: [''] },
        /^OrphanedUploadsMonitor Stack\/Monitor: keepUploadsInitiatedBy must not be empty \(got ''\)/],
      ['a keep initiator ARN that no upload can have', { abortOrphansOlderThan: Duration.days(7), keepUploadsInitiatedBy: ['arn:aws:s3:::my-bucket'] },
        /^OrphanedUploadsMonitor Stack\/Monitor: keepUploadsInitiatedBy must be an IAM user or role ARN .*\(got 'arn:aws:s3:::my-bucket'\)/],
      ['keep lists too long for the environment', { abortOrphansOlderThan: Duration.days(7), keepUploadsUnderPrefixes: Array.from({ length: 300 }, (_, i) => `resumable/${i}/`) },
        /^OrphanedUploadsMonitor Stack\/Monitor: keepUploadsUnderPrefixes and keepUploadsInitiatedBy are longer than fit in the function's environment/],
      ['too many buckets for the environment', { buckets: Array.from({ length: 200 }, (_, i) => `bucket-number-${i}`) }, /^OrphanedUploadsMonitor Stack\/Monitor: buckets names 200 buckets, more than fit/],
    ])('%s', (_, props, message) => {
      expect(() => synth(props)).toThrow(message);
    });
  });

  describe('takes a token for each numeric prop, left to the deploy', () => {
    /** The settings variable, which tokens turn into an Fn::Join. */
    function settingsJoin(template: Template) {
      const fn = Object.values(template.findResources('AWS::Lambda::Function'))[0];
      return fn.Properties.Environment.Variables[MONITOR_SETTINGS_VARIABLE];
    }

    test.each<[string, (value: number) => OrphanedUploadsMonitorProps, string]>([
      ['maxDays', value => ({ maxDays: value }), 'maxDays'],
      ['concurrency', value => ({ concurrency: value }), 'concurrency'],
      ['olderThan in seconds', value => ({ olderThan: Duration.seconds(value) }), 'olderThanSeconds'],
      ['abortOrphansOlderThan in days', value => ({ abortOrphansOlderThan: Duration.days(value) }), 'abortOrphansOlderThanDays'],
      ['fixLifecycleAbortAfter in days', value => ({ fixLifecycle: true, fixLifecycleAbortAfter: Duration.days(value) }), 'fixLifecycleDays'],
    ])('%s: the function\'s settings take the parameter', (_, props, field) => {
      const stack = new Stack(new App(), 'Stack');
      new OrphanedUploadsMonitor(stack, 'Monitor', props(Token.asNumber(new CfnParameter(stack, 'P', { type: 'Number' }).valueAsNumber)));
      expect(valueInJoin(settingsJoin(Template.fromStack(stack)), field)).toEqual({ Ref: 'P' });
    });

    test.each<[string, (value: number) => OrphanedUploadsMonitorProps, object]>([
      ['memorySize', value => ({ memorySize: value }), { MemorySize: { Ref: 'P' } }],
      ['timeout in seconds', value => ({ timeout: Duration.seconds(value) }), { Timeout: { Ref: 'P' } }],
    ])('%s: the function takes the parameter', (_, props, expected) => {
      const stack = new Stack(new App(), 'Stack');
      new OrphanedUploadsMonitor(stack, 'Monitor', props(new CfnParameter(stack, 'P', { type: 'Number' }).valueAsNumber));
      Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', expected);
    });

    test('every numeric prop from a parameter at once', () => {
      const stack = new Stack(new App(), 'Stack');
      const parameter = (id: string) => new CfnParameter(stack, id, { type: 'Number' }).valueAsNumber;
      new OrphanedUploadsMonitor(stack, 'Monitor', {
        maxDays: parameter('MaxDays'),
        memorySize: parameter('Memory'),
        concurrency: parameter('Concurrency'),
        timeout: Duration.seconds(parameter('Timeout')),
        olderThan: Duration.seconds(parameter('OlderThan')),
        abortOrphansOlderThan: Duration.days(parameter('AbortDays')),
        fixLifecycle: true,
        fixLifecycleAbortAfter: Duration.days(parameter('FixDays')),
      });
      const template = Template.fromStack(stack);
      template.hasResourceProperties('AWS::Lambda::Function', { MemorySize: { Ref: 'Memory' }, Timeout: { Ref: 'Timeout' } });
      const settings = settingsJoin(template);
      expect(['maxDays', 'concurrency', 'olderThanSeconds', 'abortOrphansOlderThanDays', 'fixLifecycleDays'].map(field => valueInJoin(settings, field)))
        .toEqual([{ Ref: 'MaxDays' }, { Ref: 'Concurrency' }, { Ref: 'OlderThan' }, { Ref: 'AbortDays' }, { Ref: 'FixDays' }]);
    });

    test('a token duration in a unit the deploy cannot convert is refused, naming the fix', () => {
      const stack = new Stack(new App(), 'Stack');
      const minutes = new CfnParameter(stack, 'P', { type: 'Number' }).valueAsNumber;
      expect(() => new OrphanedUploadsMonitor(stack, 'Monitor', { timeout: Duration.minutes(minutes) }))
        .toThrow('OrphanedUploadsMonitor Stack/Monitor: timeout from a token must be given in seconds, Duration.seconds(token), as the deploy cannot convert it (got <token> minutes)');
    });
  });
});

describe('OrphanedUploadsMonitor and cdk-nag AwsSolutions', () => {
  function findings(props?: OrphanedUploadsMonitorProps) {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: { region: 'us-east-1', account: '111111111111' } });
    new OrphanedUploadsMonitor(stack, 'Monitor', props);
    return new AwsSolutionsChecks(app).validateScope(app).violations.flatMap(v => v.violatingResources.map(r => `${v.ruleName} at ${r.constructPath}`));
  }

  test('left: the S3 wildcards, documented; acknowledged with reasons: ListAllMyBuckets, PutMetricData and the runtime', () => {
    const role = 'Stack/Monitor/Role/DefaultPolicy/Resource';
    expect(findings()).toEqual([
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::*] at ${role}`,
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::*/*] at ${role}`,
    ]);
    // With buckets, only each bucket's uploads (any key) are left.
    expect(findings({ buckets: ['logs-a', 'media-b'], abortOrphansOlderThan: Duration.days(7), fixLifecycle: true })).toEqual([
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::logs-a/*] at ${role}`,
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::media-b/*] at ${role}`,
    ]);
  });

  test('the acknowledgements are narrow: another wildcard on the role is still found', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: { region: 'us-east-1', account: '111111111111' } });
    const monitor = new OrphanedUploadsMonitor(stack, 'Monitor', { buckets: ['logs-a'] });
    monitor.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::other-*'] }));
    expect(new AwsSolutionsChecks(app).validateScope(app).violations.map(v => v.ruleName).sort()).toEqual([
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::logs-a/*]',
      'AwsSolutions-IAM5[Resource::arn:aws:s3:::other-*]',
    ]);
  });
});
