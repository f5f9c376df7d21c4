import { checkPaths } from '../../src/file-check/check-paths';
import { CheckResult } from '../../src/file-check/check-result';
import { MultipartUploadRuleId, Verdict } from '../../src/policy/verdict';
import { resourceOf, template, verdicts } from '../_helpers/check-helpers';

/** The words of a CDK prop, which a finding about a template must not use. */
const CDK_PROP_WORDS = /abortIncompleteUploadsAfter|lifecycleRules|Duration\.days|ResilientBucket/;

describe('checkPaths on plain CloudFormation buckets', () => {
  const file = template('buckets.yaml');
  let result: CheckResult;
  beforeAll(async () => {
    result = await checkPaths([file]);
  });

  test('GIVEN one template THEN one template checked, no errors, and only the buckets judged', () => {
    expect(result.errors).toEqual([]);
    expect(result.templatesChecked).toBe(1);
    expect(result.resources.map(r => r.id)).toEqual(['Compliant', 'Missing', 'PartialPrefix', 'TooLate', 'TaggedAbort', 'DaysAsString', 'Directory']);
  });

  test.each([
    ['Compliant', 4, Verdict.COMPLIANT, null, 'note', 'AWS::S3::Bucket'],
    ['Missing', 13, Verdict.MISSING, MultipartUploadRuleId.MPU1, 'error', 'AWS::S3::Bucket'],
    ['PartialPrefix', 15, Verdict.PARTIAL_COVERAGE, MultipartUploadRuleId.MPU1, 'error', 'AWS::S3::Bucket'],
    ['TooLate', 25, Verdict.TOO_LATE, MultipartUploadRuleId.MPU2, 'error', 'AWS::S3::Bucket'],
    ['TaggedAbort', 33, Verdict.INVALID_RULE, MultipartUploadRuleId.MPU3, 'error', 'AWS::S3::Bucket'],
    ['DaysAsString', 45, Verdict.COMPLIANT, null, 'note', 'AWS::S3::Bucket'],
    ['Directory', 53, Verdict.MISSING, MultipartUploadRuleId.MPU1, 'error', 'AWS::S3Express::DirectoryBucket'],
  ])('GIVEN bucket %s THEN it is at line %d, column 3, judged right', (id, line, verdict, ruleId, severity, type) => {
    expect(resourceOf(result, id)).toMatchObject({ file, line, column: 3, id, type, verdict, ruleId, severity, acknowledged: null });
    expect(resourceOf(result, id).stack).toBeUndefined();
  });

  test.each([
    ['Missing', /Add to LifecycleConfiguration\.Rules: .*AbortIncompleteMultipartUpload: \{ DaysAfterInitiation: 7 \}/],
    ['PartialPrefix', /only under the prefix "uploads\/".*with no Prefix/],
    ['TooLate', /30 days.*Set AbortIncompleteMultipartUpload\.DaysAfterInitiation to 7 or less/],
    ['TaggedAbort', /S3 will reject this bucket's LifecycleConfiguration.*filters on tags.*without TagFilters/],
  ])('GIVEN bucket %s THEN the message says the fix in template terms, never in CDK props', (id, message) => {
    expect(resourceOf(result, id).message).toMatch(message);
    expect(resourceOf(result, id).message).not.toMatch(CDK_PROP_WORDS);
  });

  test('GIVEN the JSON form THEN the same verdicts, at the JSON keys', async () => {
    const json = template('buckets.json');
    const checked = await checkPaths([json]);
    expect(checked.errors).toEqual([]);
    expect(resourceOf(checked, 'JsonCompliant')).toMatchObject({ file: json, line: 4, column: 5, verdict: Verdict.COMPLIANT });
    expect(resourceOf(checked, 'JsonMissing')).toMatchObject({ file: json, line: 12, column: 7, verdict: Verdict.MISSING });
  });
});

describe('checkPaths options', () => {
  test('GIVEN level warning THEN findings are warnings and compliant buckets notes', async () => {
    const result = await checkPaths([template('buckets.yaml')], { level: 'warning' });
    expect(resourceOf(result, 'Missing').severity).toBe('warning');
    expect(resourceOf(result, 'TooLate').severity).toBe('warning');
    expect(resourceOf(result, 'Compliant').severity).toBe('note');
  });

  test('GIVEN UNRESOLVED at level error THEN still a warning', async () => {
    const result = await checkPaths([template('macro.yaml')], { level: 'error' });
    expect(result.resources.map(r => [r.verdict, r.severity])).toEqual([[Verdict.UNRESOLVED, 'warning'], [Verdict.UNRESOLVED, 'warning']]);
  });

  test.each([
    [undefined, Verdict.TOO_LATE, 'to 7 or less'],
    [30, Verdict.COMPLIANT, 'Incomplete uploads are aborted 30 days'],
    [29, Verdict.TOO_LATE, 'to 29 or less'],
  ])('GIVEN maxDays %p THEN the 30-day bucket is %s', async (maxDays, verdict, message) => {
    const result = await checkPaths([template('buckets.yaml')], { maxDays });
    expect(resourceOf(result, 'TooLate')).toMatchObject({ verdict, message: expect.stringContaining(message) });
  });

  test('GIVEN maxDays that is not whole days THEN it is refused, naming the option', async () => {
    await expect(checkPaths([template('buckets.yaml')], { maxDays: 0.5 })).rejects.toThrow('maxDays must be a whole number of days >= 1 (got 0.5)');
  });
});

describe('checkPaths on templates with transforms, loops and conditions', () => {
  test('GIVEN a SAM template THEN the bucket beside the serverless functions is judged', async () => {
    const result = await checkPaths([template('sam.yaml')]);
    expect(result.errors).toEqual([]);
    expect(result.resources).toEqual([expect.objectContaining({ id: 'Uploads', line: 18, verdict: Verdict.MISSING })]);
  });

  test('GIVEN a macro transform and a LifecycleConfiguration or Properties from Fn::Transform THEN UNRESOLVED naming it', async () => {
    const result = await checkPaths([template('macro.yaml')]);
    expect(result.errors).toEqual([]);
    expect(resourceOf(result, 'FromMacro')).toMatchObject({ line: 3, verdict: Verdict.UNRESOLVED, ruleId: MultipartUploadRuleId.MPU1 });
    expect(resourceOf(result, 'FromMacro').message).toContain('LifecycleDefaults');
    expect(resourceOf(result, 'PropertiesFromMacro').message).toContain('BucketDefaults');
  });

  test('GIVEN Fn::ForEach over a literal list and over a parameter THEN one result per expanded bucket, at the loop key', async () => {
    // WHEN
    const result = await checkPaths([template('for-each.yaml')]);
    // THEN
    expect(result.resources.map(r => [r.id, r.line, r.column, r.verdict])).toEqual([
      ['LogsBucket', 7, 3, Verdict.UNRESOLVED],
      ['DataBucket', 7, 3, Verdict.UNRESOLVED],
      ['${Name}Other', 20, 3, Verdict.UNRESOLVED],
    ]);
    expect(resourceOf(result, 'LogsBucket').message).toContain('the verdict depends on the condition IsLogs');
    expect(resourceOf(result, '${Name}Other').message).toContain('Fn::ForEach::FromParameter loops over {"Ref":"Names"}');
  });

  test.each([
    ['Agree', Verdict.COMPLIANT, 'whichever way IsProd goes', 'note'],
    ['Disagree', Verdict.UNRESOLVED, 'MISSING when KeepParts is true; COMPLIANT when KeepParts is false', 'warning'],
    ['PropertiesFromIf', Verdict.UNRESOLVED, 'COMPLIANT when IsProd is true; MISSING when IsProd is false', 'warning'],
  ])('GIVEN Fn::If in bucket %s THEN %s, saying so', async (id, verdict, reason, severity) => {
    const result = await checkPaths([template('conditions.yaml')]);
    expect(resourceOf(result, id)).toMatchObject({ verdict, severity, message: expect.stringContaining(reason) });
  });
});

describe('checkPaths on nested stacks', () => {
  const parent = template('nested', 'parent.yaml');

  test('GIVEN a local TemplateURL and a local SAM Location THEN both are followed, naming the parent', async () => {
    const result = await checkPaths([parent]);
    expect(result.templatesChecked).toBe(3);
    expect(resourceOf(result, 'ChildBucket')).toMatchObject({
      file: template('nested', 'child.yaml'), line: 2, stack: 'parent.yaml Child', verdict: Verdict.MISSING,
    });
    expect(resourceOf(result, 'AppBucket')).toMatchObject({
      file: template('nested', 'app', 'template.yaml'), line: 3, stack: 'parent.yaml App', verdict: Verdict.COMPLIANT,
    });
  });

  test('GIVEN a directory search that reaches the nested templates before their parent THEN they still name the parent', async () => {
    const result = await checkPaths([template('nested')]);
    expect(resourceOf(result, 'ChildBucket').stack).toBe('parent.yaml Child');
    expect(resourceOf(result, 'AppBucket').stack).toBe('parent.yaml App');
    expect(result.resources.filter(resource => resource.id === 'ChildBucket')).toHaveLength(1);
  });

  test('GIVEN a missing nested template THEN one error naming the nested stack, and the rest still checked', async () => {
    const result = await checkPaths([parent]);
    expect(result.errors).toEqual([{
      file: parent,
      line: 10,
      message: `the template of nested stack Gone is missing: ${template('nested', 'missing.yaml')}`,
    }]);
    expect(resourceOf(result, 'ParentBucket')).toMatchObject({ file: parent, line: 18, verdict: Verdict.MISSING });
    expect(resourceOf(result, 'ParentBucket').stack).toBeUndefined();
  });

  test('GIVEN a template that nests itself THEN it is checked once', async () => {
    const result = await checkPaths([template('cycle', 'self.yaml')]);
    expect(result).toEqual({
      resources: [expect.objectContaining({ id: 'SelfBucket' })],
      errors: [],
      templatesChecked: 1,
      terraformModulesChecked: 0,
      terraformPlansChecked: 0,
    });
  });

  test('GIVEN the same file named twice THEN it is checked once', async () => {
    const result = await checkPaths([template('sam.yaml'), template('.', 'sam.yaml')]);
    expect(result.templatesChecked).toBe(1);
    expect(result.resources).toHaveLength(1);
  });
});

describe('checkPaths acknowledgements in Metadata', () => {
  let result: CheckResult;
  beforeAll(async () => {
    result = await checkPaths([template('acknowledged.yaml')]);
  });

  test('GIVEN an acknowledgement with a reason THEN acknowledged, a note', () => {
    expect(resourceOf(result, 'Acknowledged')).toMatchObject({
      verdict: Verdict.MISSING, ruleId: MultipartUploadRuleId.MPU1, acknowledged: 'Written to by a tool that never uploads in parts', severity: 'note',
    });
  });

  test.each([
    ['WithoutReason', 'The acknowledgement in Metadata.cdk-mpu-guard has no reason, so it is refused'],
    ['Malformed', 'Metadata.cdk-mpu-guard (it must be { acknowledge: [{ id, reason }] }) has no reason, so it is refused'],
  ])('GIVEN %s THEN refused: still an error, the message says why', (id, message) => {
    expect(resourceOf(result, id)).toMatchObject({ acknowledged: null, severity: 'error', message: expect.stringContaining(message) });
  });

  test('GIVEN an acknowledgement without a reason and --level warning THEN still an error, as the Aspect refuses it', async () => {
    const lenient = await checkPaths([template('acknowledged.yaml')], { level: 'warning' });
    expect(resourceOf(lenient, 'WithoutReason').severity).toBe('error');
    expect(resourceOf(lenient, 'OtherRule').severity).toBe('warning');
  });

  test('GIVEN an acknowledgement of another rule THEN the finding stands, no refusal', () => {
    const other = resourceOf(result, 'OtherRule');
    expect(other).toMatchObject({ acknowledged: null, severity: 'error' });
    expect(other.message).not.toContain('refused');
  });
});

describe('checkPaths on inputs that cannot be checked', () => {
  test('GIVEN a directory with a broken YAML file and a duplicate key among good ones THEN one error each, with its line', async () => {
    // WHEN
    const result = await checkPaths([template('broken')]);
    // THEN
    expect(result.errors).toEqual([
      { file: template('broken', 'broken.yaml'), line: 4, message: expect.stringContaining('Nested mappings') },
      { file: template('broken', 'duplicate.json'), line: 4, message: 'not valid JSON: duplicate key "Twice"' },
    ]);
    expect(Object.keys(verdicts(result))).toEqual(['GoodBucket', 'LastBucket']);
    expect(resourceOf(result, 'LastBucket')).toMatchObject({ line: 1, column: 16 });
  });

  test.each([
    ['a file named explicitly that is not a template', template('not-a-template.json'), 'not a CloudFormation or SAM template'],
    ['a missing path', template('no-such-file.yaml'), 'no such file or directory'],
  ])('GIVEN %s THEN one error', async (_, path, message) => {
    const result = await checkPaths([path]);
    expect(result.resources).toEqual([]);
    expect(result.errors).toEqual([{ file: path, line: null, message: expect.stringContaining(message) }]);
  });
});
