import { Template } from 'aws-cdk-lib/assertions';
import { cdkSynth } from '../../scripts/cdk-synth';

describe('cdk synth (the real CDK CLI) on examples/app.ts', () => {
  const result = cdkSynth('examples/app.ts');

  test('exits 0', () => {
    expect(result.stderr).not.toMatch(/Error/);
    expect(result.exitCode).toBe(0);
  });

  test('writes a bucket that aborts incomplete uploads after 3 days, with request metrics and acceleration', () => {
    const template = Template.fromJSON(result.template('MpuGuardDemo'));
    template.resourceCountIs('AWS::S3::Bucket', 1);
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: { Rules: [{ Id: 'AbortIncompleteMultipartUploads', Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 3 } }] },
      MetricsConfigurations: [{ Id: 'EntireBucket' }],
      AccelerateConfiguration: { AccelerationStatus: 'Enabled' },
    });
  });

  test('writes the 4xx and 5xx error-rate alarms', () => {
    const template = Template.fromJSON(result.template('MpuGuardDemo'));
    template.resourceCountIs('AWS::CloudWatch::Alarm', 2);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: '4xxErrors' });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: '5xxErrors' });
  });
});
