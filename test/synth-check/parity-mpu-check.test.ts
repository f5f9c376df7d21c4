import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { checkPaths } from '../../src/file-check/check-paths';
import { Verdict } from '../../src/policy/verdict';
import { inputDirectory } from '../_helpers/check-inputs';
import { bucketIn, expected, viaAspect } from '../_helpers/parity-paths';
import { templateAsYaml } from '../fixtures/cfn-yaml';
import { LIFECYCLE_CASES, LifecycleCase } from '../fixtures/lifecycle-cases';

/** mpu-check's result for the case's bucket in `file`, in the parity tests' terms. */
async function viaMpuCheck(c: LifecycleCase, file: string): Promise<string> {
  const result = await checkPaths([file], { maxDays: c.maxDays });
  expect(result.errors).toEqual([]);
  expect(result.resources.map(resource => resource.id)).toEqual(['Bucket']);
  const [bucket] = result.resources;
  if (bucket.verdict === Verdict.UNRESOLVED) {
    return `${bucket.ruleId} unresolved (${bucket.severity})`;
  }
  expect(bucket.severity).toBe(bucket.ruleId === null ? 'note' : 'error');
  return bucket.ruleId ?? 'none';
}

/** mpu-check reports an unresolved bucket as MPU1 at warning level, whatever --level. */
const asMpuCheckSaysIt = (want: string) => (want.endsWith(' unresolved') ? `${want} (warning)` : want);

describe('parity: the shared case table through mpu-check, as a template in JSON and in YAML with short-form intrinsics', () => {
  test.each(LIFECYCLE_CASES)('$name: mpu-check agrees with the Aspect', async (c) => {
    const template = Template.fromStack(bucketIn(c).stack).toJSON();
    const root = inputDirectory({});
    writeFileSync(join(root, 'template.json'), JSON.stringify(template, null, 2));
    writeFileSync(join(root, 'template.yaml'), templateAsYaml(template));

    const want = expected(c);
    expect({ aspect: viaAspect(c), json: await viaMpuCheck(c, join(root, 'template.json')), yaml: await viaMpuCheck(c, join(root, 'template.yaml')) })
      .toEqual({ aspect: want, json: asMpuCheckSaysIt(want), yaml: asMpuCheckSaysIt(want) });
  });

  test('the YAML is written with short-form tags, as people write templates', () => {
    const c = LIFECYCLE_CASES.find(({ name }) => name === 'abort rule or AWS::NoValue, from a condition')!;
    const yaml = templateAsYaml(Template.fromStack(bucketIn(c).stack).toJSON());
    expect(yaml).toMatch(/- !If\n\s+- IsProd\n/);
    expect(yaml).toMatch(/- !Ref AWS::NoValue$/m);
    expect(yaml).not.toMatch(/Fn::|Ref:/);
  });
});
