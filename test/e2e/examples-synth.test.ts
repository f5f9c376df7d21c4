import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { cdkSynth } from '../../scripts/lib/cdk-synth';

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

  test('writes the 4xx and 5xx error-rate alarms, and the monitor\'s orphaned-bytes alarm', () => {
    const template = Template.fromJSON(result.template('MpuGuardDemo'));
    template.resourceCountIs('AWS::CloudWatch::Alarm', 3);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: 'MpuGuard', MetricName: 'OrphanedBytes' });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: '4xxErrors' });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: '5xxErrors' });
  });

  test('stages OrphanedUploadsMonitor\'s bundle as an asset the template points to', () => {
    const template = result.template('MpuGuardDemo');
    const [fn] = Object.values(template.Resources as Record<string, any>).filter(r => r.Type === 'AWS::Lambda::Function');
    expect(fn.Properties.Runtime).toBe('nodejs22.x');
    const assetPath = fn.Metadata['aws:asset:path'];
    const staged = readFileSync(join(result.outdir, assetPath, 'index.js'), 'utf8');
    expect(staged).toContain('MPU_GUARD_MONITOR_SETTINGS');
    expect(staged.length).toBeGreaterThan(100_000);
  });
});
