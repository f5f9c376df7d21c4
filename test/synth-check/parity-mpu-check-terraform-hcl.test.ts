import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkPaths } from '../../src/file-check/check-paths';
import { Verdict } from '../../src/policy/verdict';
import { inputDirectory } from '../_helpers/check-inputs';
import { expected, viaAspect } from '../_helpers/parity-paths';
import { LIFECYCLE_CASES, LifecycleCase } from '../fixtures/lifecycle-cases';
import { configurationModule, inlineModule } from '../fixtures/terraform-hcl';

/** mpu-check's result for the case's bucket in a module holding `hcl`, in the parity tests' terms. */
async function viaMpuCheck(c: LifecycleCase, hcl: string): Promise<string> {
  const root = inputDirectory({});
  writeFileSync(join(root, 'main.tf'), hcl);
  const result = await checkPaths([root], { maxDays: c.maxDays });
  expect(result.errors).toEqual([]);
  expect(result.resources.map(resource => resource.id)).toEqual(['aws_s3_bucket.bucket']);
  const [bucket] = result.resources;
  if (bucket.verdict === Verdict.UNRESOLVED) return `${bucket.ruleId} unresolved (${bucket.severity})`;
  expect(bucket.severity).toBe(bucket.ruleId === null ? 'note' : 'error');
  return bucket.ruleId ?? 'none';
}

/** The cases Terraform can write: tokens exist only in a CDK app. */
const EXPRESSIBLE = LIFECYCLE_CASES.filter((c): c is LifecycleCase & { s3: Exclude<LifecycleCase['s3'], 'not-expressible'> } => c.s3 !== 'not-expressible');

describe('parity: the shared case table through mpu-check, as Terraform HCL', () => {
  test('most of the table can be written in HCL', () => {
    expect(EXPRESSIBLE.length).toBeGreaterThan(LIFECYCLE_CASES.length / 2);
  });

  test.each(EXPRESSIBLE)('$name: an aws_s3_bucket_lifecycle_configuration agrees with the Aspect', async (c) => {
    expect({ aspect: viaAspect(c), hcl: await viaMpuCheck(c, configurationModule(c.s3)) }).toEqual({ aspect: expected(c), hcl: expected(c) });
  });

  const inline = EXPRESSIBLE.filter(c => inlineModule(c.s3) !== undefined);
  test.each(inline)('$name: provider v3 inline lifecycle_rule blocks agree with the Aspect', async (c) => {
    expect({ aspect: viaAspect(c), hcl: await viaMpuCheck(c, inlineModule(c.s3)!) }).toEqual({ aspect: expected(c), hcl: expected(c) });
  });

  test('the rendering writes real HCL blocks: filter {} and nested tag blocks', () => {
    const rendered = EXPRESSIBLE.map(c => configurationModule(c.s3)).join('\n');
    expect(rendered).toMatch(/^ {4}filter {\n {4}}$/m);
    expect(rendered).toMatch(/^ {6}tag {\n {8}key = /m);
    expect(rendered).toContain('bucket = aws_s3_bucket.bucket.id');
  });
});
