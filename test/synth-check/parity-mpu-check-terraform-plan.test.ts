import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkPaths } from '../../src/file-check/check-paths';
import { Verdict } from '../../src/policy/verdict';
import { inputDirectory } from '../_helpers/check-inputs';
import { expected } from '../_helpers/parity-paths';
import { LIFECYCLE_CASES } from '../fixtures/lifecycle-cases';
import { CASE_BUCKET_ADDRESS, terraformPlanOf, TerraformStyle } from '../fixtures/terraform-plans';

/** The cases a plan can hold: tokens and intrinsics exist only in CloudFormation. */
const CASES = LIFECYCLE_CASES.filter(c => c.s3 !== 'not-expressible');
const STYLES: TerraformStyle[] = ['configuration', 'inline'];
/** Each case in each style that can say it (provider v3's inline rules have no object-size filter, and no abort after 0 days). */
const PLANS = CASES.flatMap(c => STYLES.flatMap((style) => {
  const plan = terraformPlanOf(c.s3 === 'not-expressible' ? [] : c.s3, style);
  return plan === undefined ? [] : [{ ...c, style, plan }];
}));

/** mpu-check's result for the plan's one bucket, in the parity tests' terms. */
async function viaPlan(plan: object, maxDays: number | undefined): Promise<string> {
  const file = join(inputDirectory({}), 'plan.json');
  writeFileSync(file, JSON.stringify(plan, null, 2));
  const result = await checkPaths([file], { maxDays });
  expect(result.errors).toEqual([]);
  expect(result.resources.map(resource => resource.id)).toEqual([CASE_BUCKET_ADDRESS]);
  const [bucket] = result.resources;
  if (bucket.verdict === Verdict.UNRESOLVED) return `${bucket.ruleId} unresolved (${bucket.severity})`;
  expect(bucket.severity).toBe(bucket.ruleId === null ? 'note' : 'error');
  return bucket.ruleId ?? 'none';
}

describe('parity: the shared case table through mpu-check, as Terraform plan JSON', () => {
  test.each(PLANS)('$name ($style): the rule id the Aspect gives', async (c) => {
    expect(await viaPlan(c.plan, c.maxDays)).toEqual(expected(c));
  });

  test('every case a plan can hold is said as a lifecycle configuration, and all but the object-size, 0-day and no-day ones inline too', () => {
    const said = (style: TerraformStyle) => PLANS.filter(c => c.style === style).map(c => c.name);
    expect(said('configuration')).toEqual(CASES.map(c => c.name));
    expect(CASES.map(c => c.name).filter(name => !said('inline').includes(name))).toEqual([
      'abort combined with an object-size filter', 'invalid abort rule next to a compliant one', 'abort after 0 days',
      'whole-bucket abort action that names no days', 'disabled rule whose abort action names no days', 'abort action that names no days beside a compliant rule',
    ]);
  });
});
