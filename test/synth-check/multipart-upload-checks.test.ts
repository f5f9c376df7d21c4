import { App, aws_s3 as s3, Duration, Stack, Validations } from 'aws-cdk-lib';
import { CfnResource } from 'aws-cdk-lib/core';
import { MultipartUploadChecks, ResilientBucket, rules } from '../../src';
import * as bucketResource from '../../src/bucket-resource/bucket-resource';
import { MultipartUploadRuleId, RULES } from '../../src/policy/rule-catalogue';

function violations(configure: (stack: Stack) => void, maxDays?: number) {
  const app = new App();
  configure(new Stack(app, 'Stack'));
  return new MultipartUploadChecks(app, { maxDays }).validateScope(app).violations
    .flatMap(v => v.violatingResources.map(r => `${v.ruleName} ${v.severity} ${r.constructPath}`));
}

describe('MultipartUploadChecks (cdk-nag 3 pack)', () => {
  test('reports each rule id as an error on the bucket resource', () => {
    expect(violations(stack => {
      new s3.Bucket(stack, 'Plain');
      new s3.Bucket(stack, 'Slow', { lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(30) }] });
      new s3.Bucket(stack, 'Tagged', { lifecycleRules: [{ tagFilters: { a: 'b' }, abortIncompleteMultipartUploadAfter: Duration.days(1) }] });
      new ResilientBucket(stack, 'Good', { transferAcceleration: false });
    }).sort()).toEqual([
      'MultipartUpload-MPU1 error Stack/Plain/Resource',
      'MultipartUpload-MPU2 error Stack/Slow/Resource',
      'MultipartUpload-MPU3 error Stack/Tagged/Resource',
    ]);
  });

  test('maxDays moves the MPU2 line', () => {
    const slow = (stack: Stack) => new s3.Bucket(stack, 'Slow', { lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(10) }] });
    expect(violations(slow)).toEqual(['MultipartUpload-MPU2 error Stack/Slow/Resource']);
    expect(violations(slow, 14)).toEqual([]);
  });

  test('an acknowledgement through Validations hides the finding, as cdk-nag users expect', () => {
    expect(violations(stack => {
      const bucket = new s3.Bucket(stack, 'Plain');
      Validations.of(bucket).acknowledge({ id: 'MultipartUpload-MPU1', reason: 'scratch data' });
    })).toEqual([]);
  });

  test('the rule functions, exported as rules, are plain cdk-nag rules, usable in a cdk-nag 2 pack', () => {
    const { S3BucketAbortRuleAccepted, S3BucketAbortsIncompleteUploads, S3BucketAbortsIncompleteUploadsInTime } = rules;
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const plain = new s3.Bucket(stack, 'Plain').node.defaultChild as CfnResource;
    expect(S3BucketAbortsIncompleteUploads.name).toBe('S3BucketAbortsIncompleteUploads');
    expect(S3BucketAbortsIncompleteUploads(plain)).toBe('Non-Compliant');
    expect(S3BucketAbortsIncompleteUploadsInTime(plain)).toBe('Compliant');
    expect(S3BucketAbortRuleAccepted(plain)).toBe('Compliant');
    const topic = new CfnResource(stack, 'Other', { type: 'AWS::SNS::Topic' });
    expect(S3BucketAbortsIncompleteUploads(topic)).toBe('N/A');
  });

  test('the pack reports each rule under the catalogue\'s id, severity, info and explanation (verbose)', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    new s3.Bucket(stack, 'Plain');
    new s3.Bucket(stack, 'Slow', { lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(30) }] });
    new s3.Bucket(stack, 'Tagged', { lifecycleRules: [{ tagFilters: { a: 'b' }, abortIncompleteMultipartUploadAfter: Duration.days(1) }] });
    const reported = new MultipartUploadChecks(app, { maxDays: 9, verbose: true }).validateScope(app).violations;
    expect(reported.map(v => ({ ruleName: v.ruleName, severity: v.severity, description: v.description }))).toEqual(RULES.map(rule => ({
      ruleName: rule.id, severity: rule.severity, description: `${rule.nagInfo(9)} ${rule.nagExplanation(9)}`,
    })));
  });

  test('the exported rule functions are named after the catalogue, and each finds its own rule', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const breaking: Record<MultipartUploadRuleId, CfnResource> = {
      [MultipartUploadRuleId.MPU1]: new s3.Bucket(stack, 'Plain').node.defaultChild as CfnResource,
      [MultipartUploadRuleId.MPU2]: new s3.Bucket(stack, 'Slow', { lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(30) }] })
        .node.defaultChild as CfnResource,
      [MultipartUploadRuleId.MPU3]: new s3.Bucket(stack, 'Tagged', { lifecycleRules: [{ tagFilters: { a: 'b' }, abortIncompleteMultipartUploadAfter: Duration.days(1) }] })
        .node.defaultChild as CfnResource,
    };
    expect(Object.keys(rules).sort()).toEqual(RULES.map(rule => rule.name).sort());
    for (const rule of RULES) {
      const fn = (rules as Record<string, (node: CfnResource) => string>)[rule.name];
      expect(fn.name).toBe(rule.name);
      for (const [id, node] of Object.entries(breaking)) {
        expect({ rule: rule.name, bucket: id, compliance: fn(node) })
          .toEqual({ rule: rule.name, bucket: id, compliance: id === rule.id ? 'Non-Compliant' : 'Compliant' });
      }
    }
  });

  test('maxDays 0 is refused', () => {
    expect(() => new MultipartUploadChecks(undefined, { maxDays: 0 })).toThrow('maxDays must be a whole number of days >= 1 (got 0)');
  });

  test('each bucket is evaluated once for its three rules, and again in the next pass', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    new s3.Bucket(stack, 'One');
    new s3.Bucket(stack, 'Two', { lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(1) }] });
    const pack = new MultipartUploadChecks(app);
    const evaluate = jest.spyOn(bucketResource, 'evaluateBucketResource');

    expect(pack.validateScope(app).violations.map(v => v.ruleName)).toEqual(['MultipartUpload-MPU1']);
    expect(evaluate).toHaveBeenCalledTimes(2);
    pack.validateScope(app);
    expect(evaluate).toHaveBeenCalledTimes(4);
    evaluate.mockRestore();
  });
});
