import { App, aws_s3 as s3, Stack } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ResilientBucket } from '../../src';

/** `RuleId at construct path` for every AwsSolutions error in the app. */
function awsSolutionsErrors(configure: (stack: Stack) => void): string[] {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: { region: 'us-east-1', account: '111111111111' } });
  configure(stack);
  const report = new AwsSolutionsChecks(app).validateScope(app);
  return report.violations
    .filter(violation => violation.severity === 'error')
    .flatMap(violation => violation.violatingResources.map(resource => `${violation.ruleName} at ${resource.constructPath}`))
    .sort();
}

describe('ResilientBucket against cdk-nag AwsSolutions', () => {
  test('with default props, the only error is server access logging (AwsSolutions-S1)', () => {
    expect(awsSolutionsErrors(stack => new ResilientBucket(stack, 'Bucket'))).toEqual(['AwsSolutions-S1 at Stack/Bucket/Resource']);
  });

  test('with serverAccessLogsBucket set, there is no error at all', () => {
    const errors = awsSolutionsErrors(stack => {
      const logs = new s3.Bucket(stack, 'Logs', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
      new ResilientBucket(stack, 'Bucket', { serverAccessLogsBucket: logs });
    });
    expect(errors).toEqual([]);
  });

  test('a plain s3.Bucket gets the findings ResilientBucket clears', () => {
    expect(awsSolutionsErrors(stack => new s3.Bucket(stack, 'Bucket'))).toEqual([
      'AwsSolutions-S1 at Stack/Bucket/Resource',
      'AwsSolutions-S10 at Stack/Bucket/Resource',
    ]);
  });
});
