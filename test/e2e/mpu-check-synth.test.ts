import { basename, dirname } from 'node:path';
import { cdkSynth, SynthResult } from '../../scripts/lib/cdk-synth';
import { runMpuCheck } from '../_helpers/run-mpu-check';
import { sarifSchemaErrors } from '../_helpers/sarif-schema';

describe('mpu-check on the cloud assembly of a real cdk synth (the CDK CLI, without an Aspect)', () => {
  let synth: SynthResult;
  const check = (...args: string[]) => runMpuCheck([...args, basename(synth.outdir)], dirname(synth.outdir));

  beforeAll(() => {
    // No '**': the Stage's stacks are synthesized into cdk.out all the same, and mpu-check must find them.
    synth = cdkSynth('test/e2e/fixtures/mpu-check-app.ts');
  });

  test('cdk synth succeeds: nothing in the app checks the buckets', () => {
    expect({ exitCode: synth.exitCode, stderr: synth.stderr }).toEqual({ exitCode: 0, stderr: expect.not.stringMatching(/MultipartUpload-/) });
  });

  test('every bucket is found: the stack\'s, the nested stack\'s and the Stage\'s, with their stacks and acknowledgements', () => {
    const run = check('--format', 'json');
    expect(run.exitCode).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.errors).toEqual([]);
    const buckets = report.resources.map((resource: any) => ({
      id: resource.id.replace(/[0-9A-F]{8}$/, ''), stack: resource.stack, verdict: resource.verdict, severity: resource.severity, acknowledged: resource.acknowledged,
    }));
    expect(buckets).toEqual(expect.arrayContaining([
      { id: 'Uploads', stack: 'Main', verdict: 'COMPLIANT', severity: 'note', acknowledged: null },
      { id: 'Reports', stack: 'Main', verdict: 'MISSING', severity: 'note', acknowledged: 'reports are written in one PUT, never in parts' },
      { id: 'Cold', stack: expect.stringMatching(/^Main\/Archive/), verdict: 'MISSING', severity: 'error', acknowledged: null },
      { id: 'Exports', stack: expect.stringMatching(/^Main\/Archive/), verdict: 'MISSING', severity: 'note', acknowledged: 'exports are small files' },
      { id: 'Data', stack: 'Prod/Api', verdict: 'MISSING', severity: 'error', acknowledged: null },
    ]));
    expect(buckets).toHaveLength(5);
    // The nested stack's and the Stage's buckets are located in their own template files.
    const fileOf = (id: string) => report.resources.find((resource: { id: string }) => resource.id.startsWith(id)).file;
    expect(fileOf('Cold')).toMatch(/^cdk-mpu-guard-synth-\w+\/MainArchive\w+\.nested\.template\.json$/);
    expect(fileOf('Data')).toMatch(/^cdk-mpu-guard-synth-\w+\/assembly-Prod\/ProdApi\w+\.template\.json$/);
  });

  test('the text report names the two unacknowledged buckets and exits 1', () => {
    const run = check();
    expect(run.exitCode).toBe(1);
    const findings = run.stdout.split('\n').filter(line => / error MultipartUpload-/.test(line));
    expect(findings.sort()).toEqual([
      expect.stringMatching(/^cdk-mpu-guard-synth-\w+\/MainArchive\w+\.nested\.template\.json:\d+:\d+: error MultipartUpload-MPU1 Cold[0-9A-F]{8} \(stack Main\/Archive[^)]*\): /),
      expect.stringMatching(/^cdk-mpu-guard-synth-\w+\/assembly-Prod\/ProdApi\w+\.template\.json:\d+:\d+: error MultipartUpload-MPU1 Data[0-9A-F]{8} \(stack Prod\/Api\): /),
    ]);
    expect(run.stdout).toMatch(/\nmpu-check: 5 buckets in 3 templates: 2 errors, 0 warnings, 2 acknowledged, 1 compliant\n$/);
  });

  test('--format sarif: a valid log, the acknowledgements as in-source suppressions with their reasons', () => {
    const run = check('--format', 'sarif');
    expect(run.exitCode).toBe(1);
    const log = JSON.parse(run.stdout);
    expect(sarifSchemaErrors(log)).toEqual([]);
    const results = log.runs[0].results.map((result: any) => [result.locations[0].logicalLocations[0].name.replace(/[0-9A-F]{8}$/, ''), result.suppressions]);
    expect(results.sort()).toEqual([
      ['Cold', undefined],
      ['Data', undefined],
      ['Exports', [{ kind: 'inSource', justification: 'exports are small files' }]],
      ['Reports', [{ kind: 'inSource', justification: 'reports are written in one PUT, never in parts' }]],
    ]);
    expect(run.stderr).toBe('mpu-check: 5 buckets in 3 templates: 2 errors, 0 warnings, 2 acknowledged, 1 compliant\n');
  });
});
