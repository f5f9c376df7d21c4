import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importsOf, wrongArrow } from '../scripts/dev/import-graph';

describe('the layers of src/ (projenrc/layers.ts), read by dependency-cruiser', () => {
  test('src/ has no import circle and no import against the layers', () => {
    const imports = importsOf();
    expect(imports.length).toBeGreaterThan(100);
    expect(imports.filter(i => i.circular)).toEqual([]);
    expect(imports.map(wrongArrow).filter(problem => problem !== undefined)).toEqual([]);
  });

  test.each([
    ['policy/verdict.ts', 'audit/audit.ts', /src\/policy may import only itself/],
    ['audit/audit.ts', 'cli/mpu-audit/run-cli.ts', /src\/audit may import only s3, policy, facts$/],
    // The two engines sit on the S3 layer and do not import each other, nor does the S3 layer import them.
    ['upload/upload-file.ts', 'audit/audit.ts', /src\/upload may import only s3, facts/],
    ['audit/audit.ts', 'upload/upload-file.ts', /src\/audit may import only s3, policy, facts/],
    ['s3/sdk-s3.ts', 'audit/keep-rules.ts', /src\/s3 may import only itself/],
    ['file-check/check-paths.ts', 'synth-check/finding.ts', /src\/file-check may import only policy/],
    ['bucket/resilient-bucket.ts', 'synth-check/finding.ts', /src\/bucket may import only bucket-resource, props, policy/],
    ['organization/runtime/report-store.ts', 'organization/organization-audit.ts', /what runs in Lambda and the CLI does not load the constructs/],
    ['monitor/runtime/run-monitor.ts', 'monitor/orphaned-uploads-monitor.ts', /what runs in Lambda does not load the constructs/],
    ['cli/mpu-audit/run-organization.ts', 'organization/organization-audit.ts', /the CLI runs the organization audit, it does not deploy it/],
    ['newpart/x.ts', 'policy/verdict.ts', /src\/newpart is not a layer/],
  ])('%s importing %s is a wrong arrow', (from, to, why) => {
    expect(wrongArrow({ from, to, circular: false })).toMatch(why);
  });

  test.each([
    ['cli/mpu-audit/run-organization.ts', 'organization/runtime/account-region-audit.ts'],
    ['monitor/runtime/run-monitor.ts', 'monitor/monitor-metrics.ts'],
    ['monitor/orphaned-uploads-monitor.ts', 'lambda/function-role.ts'],
    ['index.ts', 'cli/mpu-audit/run-cli.ts'],
  ])('%s importing %s is allowed', (from, to) => {
    expect(wrongArrow({ from, to, circular: false })).toBeUndefined();
  });

  test('a circle is found', () => {
    const dir = mkdtempSync(join(tmpdir(), 'import-graph-'));
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'a.ts'), "import { b } from './b';\nexport const a = () => b;\n");
    writeFileSync(join(dir, 'src', 'b.ts'), "import { a } from './a';\nexport const b = () => a;\n");
    expect(importsOf('src', dir).filter(i => i.circular).map(i => `${i.from} -> ${i.to}`).sort()).toEqual(['a.ts -> b.ts', 'b.ts -> a.ts']);
  });
});
