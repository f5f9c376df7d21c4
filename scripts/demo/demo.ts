import { evaluateLifecycle } from '../../src/policy/evaluate';
import { lifecycleFromCloudFormation } from '../../src/policy/from-cloudformation';
import { cdkSynth } from '../lib/cdk-synth';

/* eslint-disable no-console */

interface Resource {
  readonly Type: string;
  readonly Properties?: Record<string, any>;
  readonly Metadata?: Record<string, any>;
}

function describeBucket(logicalId: string, bucket: Resource, resources: Record<string, Resource>): string[] {
  const props = bucket.Properties ?? {};
  const evaluation = evaluateLifecycle(lifecycleFromCloudFormation(props.LifecycleConfiguration));
  const rules = (props.LifecycleConfiguration?.Rules ?? []) as any[];
  const alarms = Object.values(resources).filter(r => r.Type === 'AWS::CloudWatch::Alarm'
    && JSON.stringify(r.Properties?.Dimensions ?? []).includes(`"Ref":"${logicalId}"`));
  return [
    `  ${bucket.Metadata?.['aws:cdk:path'] ?? logicalId}`,
    `    verdict:        ${evaluation.verdict} - ${evaluation.reason}`,
    ...rules.map(rule => `    lifecycle rule: ${rule.Id ?? '(no id)'} ${rule.Status}${rule.AbortIncompleteMultipartUpload ? `, abort incomplete uploads after ${rule.AbortIncompleteMultipartUpload.DaysAfterInitiation} days` : ''}`),
    `    request metrics: ${(props.MetricsConfigurations ?? []).map((m: any) => m.Id).join(', ') || 'none'}`,
    ...alarms.map(alarm => `    alarm:          ${alarm.Properties?.MetricName} > ${alarm.Properties?.Threshold} (${alarm.Properties?.AlarmDescription})`),
    `    acceleration:   ${JSON.stringify(props.AccelerateConfiguration ?? 'off')}`,
    `    encryption:     ${props.BucketEncryption?.ServerSideEncryptionConfiguration?.[0]?.ServerSideEncryptionByDefault?.SSEAlgorithm ?? 'default'}`,
    `    public access:  ${props.PublicAccessBlockConfiguration ? 'blocked' : 'not blocked'}`,
  ];
}

function main(): number {
  console.log('== cdk synth examples/app.ts (the real CDK CLI)');
  const result = cdkSynth('examples/app.ts');
  if (result.exitCode !== 0) {
    console.log(result.stderr);
    console.log(`cdk synth failed with exit code ${result.exitCode}`);
    return 1;
  }
  const template = result.template('MpuGuardDemo');
  const resources = template.Resources as Record<string, Resource>;
  console.log(`== MpuGuardDemo: ${Object.keys(resources).length} resources written to ${result.outdir}`);
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (resource.Type === 'AWS::S3::Bucket') {
      console.log(describeBucket(logicalId, resource, resources).join('\n'));
    }
  }
  return enforcementDemo();
}

/** A plain bucket fails `cdk synth` with the checker on; swapping in ResilientBucket passes. */
function enforcementDemo(): number {
  console.log('\n== cdk synth examples/enforced-app.ts: AbortIncompleteUploadsChecker.applyTo(app), a plain s3.Bucket beside a ResilientBucket');
  const unsafe = cdkSynth('examples/enforced-app.ts', ['**'], { MPU_GUARD_CASE: 'unsafe' });
  const finding = unsafe.stderr.split('\n').filter(line => /MultipartUpload-MPU|^\s+\S+\/Resource$/.test(line));
  console.log(`   exit code ${unsafe.exitCode} (the build fails), finding:\n${finding.map(line => `   ${line.trim()}`).join('\n')}`);
  const fixed = cdkSynth('examples/enforced-app.ts', ['**'], { MPU_GUARD_CASE: 'fixed' });
  console.log(`== the same app with the plain bucket swapped for a ResilientBucket: exit code ${fixed.exitCode}`);
  return unsafe.exitCode !== 0 && fixed.exitCode === 0 ? 0 : 1;
}

process.exitCode = main();
