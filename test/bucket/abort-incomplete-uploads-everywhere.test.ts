import {
  App, aws_cloudfront as cloudfront, aws_cloudfront_origins as origins, aws_codepipeline as codepipeline,
  aws_codepipeline_actions as actions, aws_s3 as s3, Duration, Mixins, NestedStack, Stack,
} from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AbortIncompleteUploads, AbortIncompleteUploadsChecker, AbortIncompleteUploadsInjector } from '../../src';
import { assembliesOf } from '../_helpers/assemblies-of';

/** An app whose buckets come from constructs the user does not own, and one from a nested stack. */
function appWithBorrowedBuckets(app = new App()) {
  const stack = new Stack(app, 'Stack');
  const source = new s3.Bucket(stack, 'Source', { versioned: true, lifecycleRules: [{ id: 'expire', expiration: Duration.days(30) }] });
  const pipeline = new codepipeline.Pipeline(stack, 'Pipeline', {
    stages: [
      { stageName: 'Source', actions: [new actions.S3SourceAction({ actionName: 'Source', bucket: source, bucketKey: 'app.zip', output: new codepipeline.Artifact() })] },
      { stageName: 'Approve', actions: [new actions.ManualApprovalAction({ actionName: 'Approve' })] },
    ],
  });
  const distribution = new cloudfront.Distribution(stack, 'Cdn', { defaultBehavior: { origin: new origins.HttpOrigin('example.com') }, enableLogging: true });
  const nested = new NestedStack(stack, 'Nested');
  new s3.Bucket(nested, 'Inner');
  return { app, stack, nested, pipeline, distribution };
}

/** `logical id without its hash: the ids of its rules, with the days of those that abort` for every bucket of the stack. */
function abortRulesByBucket(stack: Stack): Record<string, string> {
  const buckets = Template.fromStack(stack).findResources('AWS::S3::Bucket');
  return Object.fromEntries(Object.entries(buckets).map(([logicalId, bucket]) => {
    const rules: any[] = bucket.Properties?.LifecycleConfiguration?.Rules ?? [];
    const ids = rules.map(rule => `${rule.Id}${rule.AbortIncompleteMultipartUpload ? `@${rule.AbortIncompleteMultipartUpload.DaysAfterInitiation}` : ''}`);
    return [logicalId.replace(/[0-9A-F]{8}$/, ''), ids.join(' ')];
  }));
}

function findingsOf(app: App): string[] {
  return assembliesOf(app).flatMap(assembly => assembly.stacks.flatMap(stack => stack.messages))
    .map(message => `${message.id}: ${message.entry.data}`).filter(text => text.includes('MultipartUpload-'));
}

const EXPECTED = {
  stack: {
    Source: 'expire AbortIncompleteMultipartUploads@3',
    PipelineArtifactsBucket: 'AbortIncompleteMultipartUploads@3',
    CdnLoggingBucket: 'AbortIncompleteMultipartUploads@3',
  },
  nested: { Inner: 'AbortIncompleteMultipartUploads@3' },
};

describe('the abort rule on buckets made by constructs the user does not own', () => {
  test('Mixins.of(app).apply reaches the pipeline\'s artifact bucket, the distribution\'s logging bucket and a nested stack, once each', () => {
    const { app, stack, nested } = appWithBorrowedBuckets();
    Mixins.of(app).apply(new AbortIncompleteUploads({ after: Duration.days(3) }));
    Mixins.of(app).apply(new AbortIncompleteUploads({ after: Duration.days(3) }));
    AbortIncompleteUploadsChecker.applyTo(app, { maxDays: 3 });
    expect(findingsOf(app)).toEqual([]);
    expect(abortRulesByBucket(stack)).toEqual(EXPECTED.stack);
    expect(abortRulesByBucket(nested)).toEqual(EXPECTED.nested);
  });

  test('without the mixin the checker finds each of them', () => {
    const { app } = appWithBorrowedBuckets();
    AbortIncompleteUploadsChecker.applyTo(app, { maxDays: 3 });
    expect(findingsOf(app).map(text => text.split(':')[0]).sort()).toEqual([
      '/Stack/Cdn/LoggingBucket/Resource', '/Stack/Nested/Inner/Resource', '/Stack/Pipeline/ArtifactsBucket/Resource', '/Stack/Source/Resource',
    ]);
  });

  test('the injector, given to the App, does the same at construction', () => {
    const injector = new AbortIncompleteUploadsInjector({ after: Duration.days(3) });
    const { app, stack, nested } = appWithBorrowedBuckets(new App({ propertyInjectors: [injector] }));
    AbortIncompleteUploadsChecker.applyTo(app, { maxDays: 3 });
    expect(findingsOf(app)).toEqual([]);
    expect(abortRulesByBucket(stack)).toEqual(EXPECTED.stack);
    expect(abortRulesByBucket(nested)).toEqual(EXPECTED.nested);
  });
});
