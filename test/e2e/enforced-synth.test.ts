import { cdkSynth } from '../../scripts/cdk-synth';

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
