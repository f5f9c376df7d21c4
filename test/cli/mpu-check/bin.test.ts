import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { abortingBucket, inputDirectory, plainBucket, template } from '../../_helpers/check-inputs';
import { runMpuCheck } from '../../_helpers/run-mpu-check';

const VERSION = (JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string }).version;

describe('the mpu-check bin (node bin/mpu-check, on lib/)', () => {
  test('a finding: exit 1, and the line a user reads', () => {
    const root = inputDirectory({ 'template.yaml': template(plainBucket('Logs'), abortingBucket('Uploads')) });
    const run = runMpuCheck(['template.yaml'], root);
    expect(run.exitCode).toBe(1);
    expect(run.stdout.split('\n')[0]).toMatch(/^template\.yaml:7:3: error MultipartUpload-MPU1 Logs: the bucket keeps the parts of failed multipart uploads forever/);
    expect(run.stdout).toMatch(/\nmpu-check: 2 buckets in 1 template: 1 error, 0 warnings, 0 acknowledged, 1 compliant\n$/);
    expect(run.stderr).toBe('');
  });

  test('compliant: exit 0', () => {
    const root = inputDirectory({ 'template.yaml': template(abortingBucket('Uploads')) });
    expect(runMpuCheck(['.'], root)).toEqual({ exitCode: 0, stderr: '', stdout: 'mpu-check: 1 bucket in 1 template: 0 errors, 0 warnings, 0 acknowledged, 1 compliant\n' });
  });

  test('a usage error or a missing input: exit 2, one line on stderr for the usage error', () => {
    const root = inputDirectory({});
    expect(runMpuCheck([], root)).toMatchObject({ exitCode: 2, stdout: '', stderr: expect.stringMatching(/^mpu-check: give at least one PATH[^\n]*\n$/) });
    expect(runMpuCheck(['missing.yaml'], root)).toMatchObject({ exitCode: 2, stdout: expect.stringMatching(/^missing\.yaml: error: no such file or directory\n/) });
  });

  test('a Terraform module: the built HCL parser reads it, and the summary counts the module', () => {
    const root = inputDirectory({
      'infra/main.tf': 'resource "aws_s3_bucket" "logs" {\n  bucket = "acme-logs"\n}\n',
      'template.yaml': template(abortingBucket('Uploads')),
    });
    const run = runMpuCheck(['.'], root);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/^infra\/main\.tf:1:1: error MultipartUpload-MPU1 aws_s3_bucket\.logs: the bucket keeps the parts/m);
    expect(run.stdout).toMatch(/\nmpu-check: 2 buckets in 1 template and 1 Terraform module: 1 error, 0 warnings, 0 acknowledged, 1 compliant\n$/);
  });

  test('--version prints the package version', () => {
    expect(runMpuCheck(['--version'], inputDirectory({}))).toEqual({ exitCode: 0, stdout: `${VERSION}\n`, stderr: '' });
  });
});
