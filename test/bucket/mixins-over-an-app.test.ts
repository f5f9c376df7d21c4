import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  App, Aspects, aws_codepipeline as codepipeline, aws_codepipeline_actions as cpactions, aws_s3 as s3, CfnResource,
  ConstructSelector, Mixins, NestedStack, Shims, Stack,
} from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { Construct } from 'constructs';
import { RequestErrorAlarms, ResilientBucket, TransferAcceleration } from '../../src';

const ENV = { region: 'eu-west-1', account: '111111111111' };

/**
 * An app whose buckets come from everywhere: an L2, an L1, a nested stack's bucket, a
 * CodePipeline's artifact bucket (a construct the app does not own) and a ResilientBucket.
 */
function mixedApp() {
  const app = new App();
  const stack = new Stack(app, 'Data', { env: ENV });
  new s3.Bucket(stack, 'Plain', { metrics: [{ id: 'logs', prefix: 'logs/' }] });
  new s3.CfnBucket(stack, 'Raw', { metricsConfigurations: [{ id: 'All' }] });
  const nested = new NestedStack(stack, 'Nested');
  new s3.Bucket(nested, 'Inner');
  const source = new s3.Bucket(stack, 'Source', { versioned: true });
  const output = new codepipeline.Artifact();
  new codepipeline.Pipeline(stack, 'Pipeline', {
    stages: [
      { stageName: 'Source', actions: [new cpactions.S3SourceAction({ actionName: 'Source', bucket: source, bucketKey: 'app.zip', output })] },
      { stageName: 'Approve', actions: [new cpactions.ManualApprovalAction({ actionName: 'Approve' })] },
    ],
  });
  new ResilientBucket(stack, 'Resilient');
  return { app, stack, nested };
}

/** Each bucket of the template by its construct path, with its alarms' dimensions. */
function bucketsAndAlarms(stack: Stack) {
  const template = Template.fromStack(stack);
  const buckets = template.findResources('AWS::S3::Bucket');
  const pathOf = new Map(stack.node.findAll()
    .filter((node): node is CfnResource => CfnResource.isCfnResource(node) && Stack.of(node) === stack)
    .map(resource => [stack.resolve(resource.logicalId) as string, resource.node.path]));
  const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
  return Object.entries(buckets).map(([logicalId, bucket]) => ({
    path: pathOf.get(logicalId),
    metrics: bucket.Properties?.MetricsConfigurations,
    accelerate: bucket.Properties?.AccelerateConfiguration,
    alarms: alarms
      .filter(alarm => JSON.stringify(alarm.Properties.Dimensions).includes(`{"Ref":"${logicalId}"}`))
      .map(alarm => [alarm.Properties.MetricName, alarm.Properties.Threshold, alarm.Properties.Dimensions[1].Value]),
  }));
}

function constructIn(scope: Construct, path: string): Construct {
  return path.split('/').reduce((at, id) => at.node.findChild(id) as Construct, scope);
}

describe('the mixins applied to a whole app with Mixins.of(app)', () => {
  test('every bucket gets its metrics configuration, its two alarms and acceleration, whoever made it', () => {
    // GIVEN
    const { app, stack, nested } = mixedApp();
    // WHEN
    const applied = Mixins.of(app).apply(new RequestErrorAlarms(), new TransferAcceleration()).report;
    // THEN
    const defaults = (filterId: string) => [['4xxErrors', 0.05, filterId], ['5xxErrors', 0.01, filterId]];
    expect(bucketsAndAlarms(stack)).toEqual([
      { path: 'Data/Plain/Resource', metrics: [{ Id: 'logs', Prefix: 'logs/' }, { Id: 'EntireBucket' }], accelerate: { AccelerationStatus: 'Enabled' }, alarms: defaults('EntireBucket') },
      { path: 'Data/Raw', metrics: [{ Id: 'All' }], accelerate: { AccelerationStatus: 'Enabled' }, alarms: defaults('All') },
      { path: 'Data/Source/Resource', metrics: [{ Id: 'EntireBucket' }], accelerate: { AccelerationStatus: 'Enabled' }, alarms: defaults('EntireBucket') },
      { path: 'Data/Pipeline/ArtifactsBucket/Resource', metrics: [{ Id: 'EntireBucket' }], accelerate: { AccelerationStatus: 'Enabled' }, alarms: defaults('EntireBucket') },
      { path: 'Data/Resilient/Resource', metrics: [{ Id: 'EntireBucket' }], accelerate: { AccelerationStatus: 'Enabled' }, alarms: defaults('EntireBucket') },
    ]);
    expect(bucketsAndAlarms(nested)).toEqual([
      { path: 'Data/Nested/Inner/Resource', metrics: [{ Id: 'EntireBucket' }], accelerate: { AccelerationStatus: 'Enabled' }, alarms: defaults('EntireBucket') },
    ]);
    // Each mixin reached each of the six L1 buckets, and nothing else.
    expect(applied.length).toBe(12);
    expect(new Set(applied.map(application => application.construct.node.path)).size).toBe(6);
    // The artifact bucket's alarms live below the bucket, inside the pipeline.
    expect(constructIn(stack, 'Pipeline/ArtifactsBucket/ClientErrorRateAlarm')).toBeDefined();
  });

  test('a selector narrows them to some buckets: here the pipeline\'s', () => {
    const { app, stack } = mixedApp();
    Mixins.of(app, ConstructSelector.byPath('*/Pipeline/**')).apply(new RequestErrorAlarms({ serverErrorAlarm: { threshold: 0.02 } }));
    const withAlarms = bucketsAndAlarms(stack).filter(bucket => bucket.alarms.length > 0);
    expect(withAlarms.map(bucket => [bucket.path, bucket.alarms])).toEqual([
      ['Data/Pipeline/ArtifactsBucket/Resource', [['4xxErrors', 0.05, 'EntireBucket'], ['5xxErrors', 0.02, 'EntireBucket']]],
      ['Data/Resilient/Resource', [['4xxErrors', 0.05, 'EntireBucket'], ['5xxErrors', 0.01, 'EntireBucket']]],
    ]);
  });

  test('an included template\'s bucket gets them too, its own configurations kept', () => {
    const app = new App();
    const stack = new Stack(app, 'Data', { env: ENV });
    const file = join(mkdtempSync(join(tmpdir(), 'include-')), 'template.json');
    writeFileSync(file, JSON.stringify({
      Resources: { Legacy: { Type: 'AWS::S3::Bucket', Properties: { MetricsConfigurations: [{ Id: 'logs', Prefix: 'logs/' }] } } },
    }));
    new CfnInclude(stack, 'Included', { templateFile: file });
    Mixins.of(app).apply(new RequestErrorAlarms(), new TransferAcceleration());
    expect(bucketsAndAlarms(stack)).toEqual([{
      path: 'Data/Included/Legacy',
      metrics: [{ Id: 'logs', Prefix: 'logs/' }, { Id: 'EntireBucket' }],
      accelerate: { AccelerationStatus: 'Enabled' },
      alarms: [['4xxErrors', 0.05, 'EntireBucket'], ['5xxErrors', 0.01, 'EntireBucket']],
    }]);
  });

  test('the same, applied as an Aspect at synthesis, reaches buckets made after it', () => {
    const app = new App();
    const stack = new Stack(app, 'Data', { env: ENV });
    Aspects.of(app).add(Shims.asAspect(new RequestErrorAlarms()));
    new s3.Bucket(stack, 'Later');
    expect(bucketsAndAlarms(stack)[0].alarms.length).toBe(2);
  });
});
