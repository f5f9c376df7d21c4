import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cdkSynth } from '../../scripts/lib/cdk-synth';

/** Each bucket of a template: its lifecycle rule ids (with the days of those that abort), metrics ids, acceleration, and its alarms' metrics. */
function bucketsOf(template: any): Record<string, { rules: string[]; metrics: string[]; acceleration?: string; alarms: string[] }> {
  const resources = Object.entries<any>(template.Resources);
  const buckets = resources.filter(([, resource]) => resource.Type === 'AWS::S3::Bucket');
  return Object.fromEntries(buckets.map(([logicalId, { Properties: p }]) => [logicalId.replace(/[0-9A-F]{8}$/, ''), {
    rules: (p.LifecycleConfiguration?.Rules ?? []).map((rule: any) =>
      `${rule.Id}${rule.AbortIncompleteMultipartUpload ? `@${rule.AbortIncompleteMultipartUpload.DaysAfterInitiation}` : ''}`),
    metrics: (p.MetricsConfigurations ?? []).map((metrics: any) => metrics.Id),
    acceleration: p.AccelerateConfiguration?.AccelerationStatus,
    alarms: resources
      .filter(([, resource]) => resource.Type === 'AWS::CloudWatch::Alarm'
        && resource.Properties.Dimensions.some((d: any) => d.Name === 'BucketName' && d.Value.Ref === logicalId))
      .map(([, alarm]) => `${alarm.Properties.MetricName} > ${alarm.Properties.Threshold}`).sort(),
  }]));
}

const MIXED = (rules: string[]) => ({ rules, metrics: ['EntireBucket'], acceleration: 'Enabled', alarms: ['4xxErrors > 0.05', '5xxErrors > 0.01'] });

describe('cdk synth (the real CDK CLI) on examples/mixins-app.ts: the three mixins over buckets nobody can swap', () => {
  const result = cdkSynth('examples/mixins-app.ts');

  test('exits 0, the checker finding nothing', () => {
    expect(result.stdout + result.stderr).not.toMatch(/MultipartUpload-MPU/);
    expect(result.exitCode).toBe(0);
  });

  test('every bucket keeps its rules, gets the abort rule once, request metrics, acceleration and its two alarms', () => {
    expect(bucketsOf(result.template('MpuGuardMixins'))).toEqual({
      Source: MIXED(['expire-old-builds', 'AbortIncompleteMultipartUploads@3']),
      PipelineArtifactsBucket: MIXED(['AbortIncompleteMultipartUploads@3']),
      CdnLoggingBucket: MIXED(['AbortIncompleteMultipartUploads@3']),
    });
  });

  test('the nested stack\'s bucket too', () => {
    const nested = readdirSync(result.outdir).filter(name => name.endsWith('.nested.template.json'));
    expect(nested).toHaveLength(1);
    expect(bucketsOf(JSON.parse(readFileSync(join(result.outdir, nested[0]), 'utf8')))).toEqual({ Uploads: MIXED(['AbortIncompleteMultipartUploads@3']) });
  });
});
