import { join } from 'node:path';
import { checkPaths } from '../../src/file-check/check-paths';
import { CheckResult } from '../../src/file-check/check-result';
import { MultipartUploadRuleId, Verdict } from '../../src/policy/verdict';
import { FIXTURES, resourceOf } from '../_helpers/check-helpers';

const ASSEMBLY = join(FIXTURES, 'cloud-assembly');
const TOP = join(ASSEMBLY, 'Top.template.json');
const NESTED = join(ASSEMBLY, 'TopInner.nested.template.json');
const PROD_API = join(ASSEMBLY, 'assembly-Prod', 'ProdApi2466CF1F.template.json');
const NESTED_STACK = 'Top/Inner';

describe.each([
  ['the cdk.out directory', ASSEMBLY],
  ['its manifest.json', join(ASSEMBLY, 'manifest.json')],
])('a cloud assembly named by %s', (_, path) => {
  let result: CheckResult;
  beforeAll(async () => {
    result = await checkPaths([path]);
  });

  test('GIVEN stacks, a Stage and a nested stack THEN every bucket is found, in its own template, without errors', () => {
    expect(result.errors).toEqual([]);
    expect(result.templatesChecked).toBe(3);
    expect(result.resources.map(r => [r.file, r.id, r.stack])).toEqual([
      [PROD_API, 'Uploads4F6EB0FD', 'Prod/Api'],
      [PROD_API, 'Archive1A2B3C4D', 'Prod/Api'],
      [TOP, 'Logs6819BB44', 'Top'],
      [TOP, 'Data666C94C7', 'Top'],
      [NESTED, 'Data666C94C7', NESTED_STACK],
      [NESTED, 'Scratch4F6EB0FD', NESTED_STACK],
      [NESTED, 'Logs6819BB44', NESTED_STACK],
    ]);
  });

  test('GIVEN the Stage stack THEN its buckets are judged at their JSON lines', () => {
    expect(resourceOf(result, 'Uploads4F6EB0FD')).toMatchObject({ line: 3, column: 3, verdict: Verdict.COMPLIANT, severity: 'note' });
    expect(resourceOf(result, 'Archive1A2B3C4D')).toMatchObject({ line: 11, verdict: Verdict.TOO_LATE, ruleId: MultipartUploadRuleId.MPU2, severity: 'error' });
  });

  test.each([
    ['the parent bucket acknowledged', TOP, 'Logs6819BB44', 'logs are written in one part'],
    ['the parent bucket whose id the nested stack also uses', TOP, 'Data666C94C7', null],
    ['the nested bucket acknowledged', NESTED, 'Data666C94C7', 'nested data is rewritten nightly'],
    ['the nested bucket whose id is acknowledged in the parent', NESTED, 'Logs6819BB44', null],
    ['the nested bucket without acknowledgement', NESTED, 'Scratch4F6EB0FD', null],
  ])('GIVEN %s THEN the acknowledgement of its own construct only', (__, file, id, acknowledged) => {
    expect(resourceOf(result, id, file)).toMatchObject({
      verdict: Verdict.MISSING, ruleId: MultipartUploadRuleId.MPU1, acknowledged, severity: acknowledged === null ? 'error' : 'note',
    });
  });
});

describe('a cloud assembly that is not whole', () => {
  const directory = join(FIXTURES, 'assembly-missing-stage');

  test('GIVEN a nested assembly directory and a stack template that are missing THEN one error each, and the other stack checked', async () => {
    const result = await checkPaths([directory]);
    expect(result.errors).toEqual([
      // Each at the manifest that names it, with the path it names.
      { file: join(directory, 'manifest.json'), line: null, message: `the manifest of nested cloud assembly assembly-Gone is missing: ${join(directory, 'assembly-Gone', 'manifest.json')}` },
      { file: join(directory, 'manifest.json'), line: null, message: `the template of stack Lost is missing: ${join(directory, 'Lost.template.json')}` },
    ]);
    expect(result.resources.map(r => [r.id, r.stack, r.line, r.column])).toEqual([['HereBucket', 'Here', 1, 18]]);
  });
});
