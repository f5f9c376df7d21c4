import { abortRule, fnIf, lifecycle, NO_VALUE } from './cfn-lifecycle';
import { MAX_CONDITIONS } from '../../src/policy/condition-branches';
import { evaluateCloudFormationLifecycle } from '../../src/policy/evaluate-cloudformation';
import { MultipartUploadRuleId, Verdict } from '../../src/policy/verdict';

describe('evaluateCloudFormationLifecycle without conditions', () => {
  test.each([
    ['a whole-bucket abort in 3 days', lifecycle(abortRule(3)), Verdict.COMPLIANT],
    ['days written as the string "7"', lifecycle(abortRule('7')), Verdict.COMPLIANT],
    ['no LifecycleConfiguration', undefined, Verdict.MISSING],
    ['a prefixed abort rule only', lifecycle(abortRule(3, { Prefix: 'tmp/' })), Verdict.PARTIAL_COVERAGE],
    ['an abort in 30 days', lifecycle(abortRule(30)), Verdict.TOO_LATE],
    ['an abort with TagFilters', lifecycle(abortRule(3, { TagFilters: [{ Key: 'k', Value: 'v' }] })), Verdict.INVALID_RULE],
    ['Rules from a Ref', { Rules: { Ref: 'RulesParameter' } }, Verdict.UNRESOLVED],
  ])('GIVEN %s THEN the verdict is right', (_, value, verdict) => {
    expect(evaluateCloudFormationLifecycle(value).verdict).toBe(verdict);
  });
});

describe('evaluateCloudFormationLifecycle with Fn::If', () => {
  test('GIVEN both branches compliant THEN COMPLIANT, the reason saying whichever way the condition goes, with the latest days', () => {
    // GIVEN
    const value = lifecycle(abortRule(fnIf('IsProd', 1, 5)));
    // WHEN
    const result = evaluateCloudFormationLifecycle(value);
    // THEN
    expect(result).toMatchObject({
      verdict: Verdict.COMPLIANT,
      abortDays: 5,
      reason: 'incomplete uploads are aborted 5 days after initiation (whichever way IsProd goes)',
    });
    expect(result.ruleId).toBeUndefined();
  });

  test('GIVEN two conditions that agree THEN the reason names both', () => {
    const value = fnIf('A', lifecycle(abortRule(fnIf('B', 2, 3))), lifecycle(abortRule(4)));
    const result = evaluateCloudFormationLifecycle(value);
    expect(result.verdict).toBe(Verdict.COMPLIANT);
    expect(result.reason).toContain('(whichever way A, B go)');
  });

  test('GIVEN every branch too late THEN TOO_LATE with its rule id', () => {
    const result = evaluateCloudFormationLifecycle(lifecycle(abortRule(fnIf('IsProd', 10, 20))));
    expect(result).toMatchObject({ verdict: Verdict.TOO_LATE, ruleId: MultipartUploadRuleId.MPU2, abortDays: 20 });
  });

  test('GIVEN the rule removed by AWS::NoValue in one branch THEN UNRESOLVED naming the condition and each outcome', () => {
    // GIVEN
    const value = lifecycle(fnIf('KeepUploads', NO_VALUE, abortRule(3)));
    // WHEN
    const result = evaluateCloudFormationLifecycle(value);
    // THEN
    expect(result.verdict).toBe(Verdict.UNRESOLVED);
    expect(result.ruleId).toBeUndefined();
    expect(result.unresolved).toEqual(['Condition KeepUploads']);
    expect(result.reason).toBe(
      'the verdict depends on the condition KeepUploads: MISSING when KeepUploads is true; COMPLIANT when KeepUploads is false',
    );
  });

  test('GIVEN two conditions that disagree THEN the reason names every combination, conditions in order of appearance', () => {
    const value = lifecycle({ Status: fnIf('A', 'Enabled', 'Disabled'), AbortIncompleteMultipartUpload: { DaysAfterInitiation: fnIf('B', 3, 30) } });
    const result = evaluateCloudFormationLifecycle(value);
    expect(result.verdict).toBe(Verdict.UNRESOLVED);
    expect(result.unresolved).toEqual(['Condition A', 'Condition B']);
    expect(result.reason).toMatch(/^the verdict depends on the conditions A, B: /);
    expect(result.reason.split(': ')[1].split('; ')).toEqual([
      'COMPLIANT when A is true and B is true',
      'TOO_LATE when A is true and B is false',
      'MISSING when A is false and B is true',
      'MISSING when A is false and B is false',
    ]);
  });

  test(`GIVEN more than ${MAX_CONDITIONS} conditions THEN UNRESOLVED without judging the combinations`, () => {
    // GIVEN
    const names = Array.from({ length: MAX_CONDITIONS + 1 }, (_, i) => `C${i}`);
    const value = lifecycle(...names.map(name => fnIf(name, abortRule(1), abortRule(2))));
    // WHEN
    const result = evaluateCloudFormationLifecycle(value);
    // THEN
    expect(result.verdict).toBe(Verdict.UNRESOLVED);
    expect(result.reason).toContain(`${MAX_CONDITIONS + 1} conditions, more than the ${MAX_CONDITIONS}`);
    expect(result.unresolved).toEqual(names.map(name => `Condition ${name}`));
  });

  test(`GIVEN exactly ${MAX_CONDITIONS} conditions THEN the combinations are judged`, () => {
    const names = Array.from({ length: MAX_CONDITIONS }, (_, i) => `C${i}`);
    const value = lifecycle(...names.map(name => fnIf(name, abortRule(1), abortRule(2))));
    expect(evaluateCloudFormationLifecycle(value).verdict).toBe(Verdict.COMPLIANT);
  });

  test.each([
    ['two arguments', { 'Fn::If': ['A', abortRule(1)] }],
    ['a condition that is not a name', { 'Fn::If': [{ Ref: 'A' }, abortRule(1), abortRule(2)] }],
  ])('GIVEN a malformed Fn::If (%s) for a rule THEN UNRESOLVED, never COMPLIANT', (_, rule) => {
    const result = evaluateCloudFormationLifecycle(lifecycle(rule));
    expect(result.verdict).toBe(Verdict.UNRESOLVED);
    expect(result.reason).not.toContain('whichever way');
  });

  test('GIVEN a malformed Fn::If beside a well-formed one THEN still UNRESOLVED', () => {
    const value = lifecycle(abortRule(fnIf('A', 1, 2)), { 'Fn::If': ['B', abortRule(1)] });
    const result = evaluateCloudFormationLifecycle(value);
    expect(result.verdict).toBe(Verdict.UNRESOLVED);
    expect(result.reason).toContain('(whichever way A goes)');
  });

  test('GIVEN maxDays THEN each combination is judged against it', () => {
    const value = lifecycle(abortRule(fnIf('A', 2, 4)));
    expect(evaluateCloudFormationLifecycle(value, { maxDays: 3 }).verdict).toBe(Verdict.UNRESOLVED);
    expect(evaluateCloudFormationLifecycle(value, { maxDays: 4 }).verdict).toBe(Verdict.COMPLIANT);
  });
});

// Found by the property tests: six conditions listed 64 combinations, a reason of 6,852 characters (eight, 256).
describe('a verdict that depends on many conditions', () => {
  test('GIVEN six conditions THEN one combination of each verdict is said, and how many others there are', () => {
    const rules = ['A', 'B', 'C', 'D', 'E'].map(condition => ({ 'Fn::If': [condition, { Status: 'Enabled' }, { Ref: 'AWS::NoValue' }] }));
    const configuration = { Rules: [...rules, { 'Fn::If': ['F', { Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }, { Ref: 'AWS::NoValue' }] }] };
    const result = evaluateCloudFormationLifecycle(configuration);
    expect(result.verdict).toBe(Verdict.UNRESOLVED);
    expect(result.reason).toBe('the verdict depends on the conditions A, B, C, D, E, F: '
      + 'COMPLIANT when A is true and B is true and C is true and D is true and E is true and F is true; '
      + 'MISSING when A is true and B is true and C is true and D is true and E is true and F is false; and 62 other combinations');
  });
});
