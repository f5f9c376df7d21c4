import { chooseBranches, conditionAssignments, conditionsTestedIn, containsFnIf } from '../../src/policy/condition-branches';
import { evaluateCloudFormationLifecycle } from '../../src/policy/evaluate-cloudformation';
import { Verdict } from '../../src/policy/verdict';

const NO_VALUE = { Ref: 'AWS::NoValue' };
const ifOf = (condition: unknown, ifTrue: unknown, ifFalse: unknown) => ({ 'Fn::If': [condition, ifTrue, ifFalse] });
const assign = (values: Record<string, boolean>): ReadonlyMap<string, boolean> => new Map(Object.entries(values));

describe('conditionsTestedIn', () => {
  test.each([
    ['a literal value', { Rules: [{ Status: 'Enabled' }] }, []],
    ['one Fn::If', { Rules: ifOf('IsProd', [], []) }, ['IsProd']],
    ['nested Fn::If, outer first', ifOf('Outer', ifOf('Inner', 1, 2), 3), ['Outer', 'Inner']],
    ['Fn::If in list items, each condition once', [ifOf('A', 1, 2), ifOf('B', 1, 2), ifOf('A', 3, 4)], ['A', 'B']],
    ['a malformed Fn::If (two arguments) tests nothing', { 'Fn::If': ['A', 1] }, []],
    ['a malformed Fn::If (condition not a string) tests nothing', ifOf({ Ref: 'A' }, 1, 2), []],
    ['Fn::If beside another key is not an Fn::If', { 'Fn::If': ['A', 1, 2], 'Other': 1 }, []],
  ])('GIVEN %s THEN the conditions are found', (_, value, expected) => {
    expect(conditionsTestedIn(value)).toEqual(expected);
    // The hot path's cheap test must agree, or a malformed Fn::If would take the slow path with no condition.
    expect(containsFnIf(value)).toBe(expected.length > 0);
  });
});

describe('conditionAssignments', () => {
  test('GIVEN no condition THEN there is one empty assignment', () => {
    expect(conditionAssignments([]).map(a => [...a])).toEqual([[]]);
  });

  test('GIVEN two conditions THEN there are four assignments, the first all true', () => {
    const assignments = conditionAssignments(['A', 'B']).map(a => Object.fromEntries(a));
    expect(assignments).toEqual([
      { A: true, B: true },
      { A: true, B: false },
      { A: false, B: true },
      { A: false, B: false },
    ]);
  });

  test('GIVEN eight conditions THEN there are 256 distinct assignments', () => {
    const names = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];
    const assignments = conditionAssignments(names);
    expect(new Set(assignments.map(a => JSON.stringify([...a]))).size).toBe(256);
  });
});

describe('chooseBranches', () => {
  test.each([
    ['a value without Fn::If is unchanged', { Rules: [{ Id: 'x' }] }, {}, { Rules: [{ Id: 'x' }] }],
    ['the true branch', ifOf('A', 'yes', 'no'), { A: true }, 'yes'],
    ['the false branch', ifOf('A', 'yes', 'no'), { A: false }, 'no'],
    ['nested Fn::If: outer true, inner false', ifOf('A', ifOf('B', 1, 2), 3), { A: true, B: false }, 2],
    ['nested Fn::If: outer false skips the inner', ifOf('A', ifOf('B', 1, 2), 3), { A: false, B: true }, 3],
    ['AWS::NoValue removes a property', { Keep: 1, Drop: ifOf('A', NO_VALUE, 2) }, { A: true }, { Keep: 1 }],
    ['AWS::NoValue removes a list item', [1, ifOf('A', 2, NO_VALUE), 3], { A: false }, [1, 3]],
    ['AWS::NoValue written directly removes the property', { Keep: 1, Drop: NO_VALUE }, {}, { Keep: 1 }],
    ['AWS::NoValue as the whole value gives undefined', ifOf('A', { Rules: [] }, NO_VALUE), { A: false }, undefined],
    ['an Fn::If whose condition is not assigned stays', ifOf('Other', 1, 2), { A: true }, ifOf('Other', 1, 2)],
  ])('GIVEN %s THEN the deployed value is chosen', (_, value, assignment, expected) => {
    expect(chooseBranches(value, assign(assignment))).toEqual(expected);
  });

  test('GIVEN a branch chosen THEN the input is not changed', () => {
    const value = { Rules: [ifOf('A', { Id: 'x' }, NO_VALUE)] };
    const before = JSON.stringify(value);
    chooseBranches(value, assign({ A: false }));
    expect(JSON.stringify(value)).toBe(before);
  });
});

// Found by the property tests: a key named __proto__ (JSON and YAML give it as an own key) became
// the prototype of the chosen value, whose fields then read what it held.
describe('chooseBranches on a key named __proto__', () => {
  const abort = (extra: object) => JSON.parse(`{"ObjectSizeGreaterThan": 0, "AbortIncompleteMultipartUpload": ${JSON.stringify(extra)}}`);

  test('GIVEN an own __proto__ key THEN it stays an own key, and the prototype stays Object.prototype', () => {
    const value = JSON.parse('{"__proto__": {"Rules": [1]}, "X": {"Fn::If": ["A", 1, 2]}}');
    const chosen = chooseBranches(value, assign({ A: true })) as Record<string, unknown>;
    expect(Object.getPrototypeOf(chosen)).toBe(Object.prototype);
    expect(Object.keys(chosen)).toEqual(['__proto__', 'X']);
    expect(chosen.Rules).toBeUndefined();
  });

  test('GIVEN rules under __proto__ beside an unrelated Fn::If THEN MISSING, as without the Fn::If (it was COMPLIANT)', () => {
    const configuration = JSON.parse('{"__proto__": {"Rules": [{"Status": "Enabled", "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 1}}]}}');
    expect(evaluateCloudFormationLifecycle(configuration).verdict).toBe(Verdict.MISSING);
    expect(evaluateCloudFormationLifecycle({ ...configuration, Other: ifOf('IsProd', 1, 2) }).verdict).toBe(Verdict.MISSING);
  });

  test('GIVEN the shrunk case THEN the verdict with Fn::If is the verdict without it', () => {
    const withProto = JSON.parse('{"__proto__": {"DaysAfterInitiation": 1}}');
    const configuration = { rules: [abort(withProto), ifOf('', '', null)] };
    expect(evaluateCloudFormationLifecycle(configuration).verdict).toBe(Verdict.MISSING);
    expect(evaluateCloudFormationLifecycle({ rules: [abort(withProto)] }).verdict).toBe(Verdict.MISSING);
  });
});
