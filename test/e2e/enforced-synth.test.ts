import { cdkSynth } from '../../scripts/lib/cdk-synth';

// '**' selects the stacks of nested Stages too, as a pipeline synthesizing every stage does.
const synth = (variant: string) => cdkSynth('examples/enforced-app.ts', ['**'], { MPU_GUARD_CASE: variant });

describe('cdk synth (the real CDK CLI) with AbortIncompleteUploadsChecker.applyTo', () => {
  test('an unsafe bucket makes cdk synth exit non-zero and prints the finding with the bucket path', () => {
    const result = synth('unsafe');
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toMatch(/ERROR MultipartUpload-MPU1: the bucket keeps the parts of failed multipart uploads forever[^\n]*\n\s+Enforced\/Reports\/Resource\n/);
    expect(result.stderr).not.toMatch(/Enforced\/Uploads/);
  });

  test('the same app with the bucket fixed exits 0', () => {
    const result = synth('fixed');
    expect(result.stderr).not.toMatch(/MultipartUpload-MPU/);
    expect(result.exitCode).toBe(0);
  });

  test('the same app with the finding acknowledged exits 0 and keeps the reason in the output', () => {
    const result = synth('acknowledged');
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toMatch(/MultipartUpload-MPU1 acknowledged at Enforced\/Reports: reports are written in one PUT, never in parts/);
  });

  test('an unsafe bucket inside a Stage fails too', () => {
    const result = synth('stage');
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toMatch(/ERROR MultipartUpload-MPU1: [^\n]*\n\s+Prod\/Enforced\/Reports\/Resource\n/);
  });
});

describe('cdk synth (the real CDK CLI) with MultipartUploadChecks registered through Validations.of(app).addPlugins', () => {
  const synthWithPack = (variant: string) => cdkSynth('examples/enforced-app.ts', ['**'], { MPU_GUARD_CASE: variant, MPU_GUARD_CHECK: 'nag' });

  test('an unsafe bucket fails the policy validation with the rule id and the bucket path', () => {
    const result = synthWithPack('unsafe');
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toMatch(/ERROR The S3 bucket keeps the parts of failed multipart uploads forever[^\n]*\(MultipartUploadChecks\)\n\s+Enforced\/Reports\/Resource [^\n]*\n\s+Acknowledge with 'MultipartUploadChecks::MultipartUpload-MPU1'/);
    expect(result.stderr).not.toMatch(/requires a construct tree|plugin failed/i);
  });

  test('the fixed and the acknowledged app pass', () => {
    for (const variant of ['fixed', 'acknowledged']) {
      const result = synthWithPack(variant);
      expect({ variant, exitCode: result.exitCode, finding: /MultipartUpload-MPU|ERROR/.test(result.stderr) }).toEqual({ variant, exitCode: 0, finding: false });
    }
  });

  test('a registered pack checks the buckets of Stages too', () => {
    const result = synthWithPack('stage');
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toMatch(/Prod\/Enforced\/Reports\/Resource [^\n]*\n\s+Acknowledge with 'MultipartUploadChecks::MultipartUpload-MPU1'/);
  });
});
