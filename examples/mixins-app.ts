import {
  App, aws_cloudfront as cloudfront, aws_cloudfront_origins as origins, aws_codepipeline as codepipeline,
  aws_codepipeline_actions as actions, aws_s3 as s3, Duration, Mixins, NestedStack, Stack,
} from 'aws-cdk-lib';
import { AbortIncompleteUploads, AbortIncompleteUploadsChecker, RequestErrorAlarms, TransferAcceleration } from '../src';

/**
 * An app whose buckets nobody can swap for ResilientBucket: one of the team's own with a rule it keeps, a
 * pipeline's artifact bucket, a distribution's logging bucket, and a nested stack's bucket. The three mixins
 * give each the abort rule, the error-rate alarms and Transfer Acceleration; the checker then passes.
 */
export function buildMixinsApp(app: App = new App()): App {
  const stack = new Stack(app, 'MpuGuardMixins', { env: { region: 'eu-west-1' } });
  const source = new s3.Bucket(stack, 'Source', { versioned: true, lifecycleRules: [{ id: 'expire-old-builds', expiration: Duration.days(30) }] });
  new codepipeline.Pipeline(stack, 'Pipeline', {
    pipelineType: codepipeline.PipelineType.V2,
    stages: [
      { stageName: 'Source', actions: [new actions.S3SourceAction({ actionName: 'Source', bucket: source, bucketKey: 'app.zip', output: new codepipeline.Artifact() })] },
      { stageName: 'Approve', actions: [new actions.ManualApprovalAction({ actionName: 'Approve' })] },
    ],
  });
  new cloudfront.Distribution(stack, 'Cdn', { defaultBehavior: { origin: new origins.HttpOrigin('example.com') }, enableLogging: true });
  new s3.Bucket(new NestedStack(stack, 'Media'), 'Uploads');

  Mixins.of(app).apply(
    new AbortIncompleteUploads({ after: Duration.days(3) }),
    new RequestErrorAlarms(),
    new TransferAcceleration({ required: false }),
  );
  AbortIncompleteUploadsChecker.applyTo(app, { maxDays: 3 });
  return app;
}

if (require.main === module) {
  buildMixinsApp().synth();
}
