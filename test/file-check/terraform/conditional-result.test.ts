import { conditionalResult } from '../../../src/file-check/terraform/conditional-result';
import { EvaluationError, TerraformValue, Unknown } from '../../../src/file-check/terraform/terraform-value';

// Each expected value is what `terraform console` (Terraform 1.11) prints for the expression named.
const value = (v: TerraformValue) => ({ value: v });
const free = () => undefined;
const choose = (test: boolean, onTrue: TerraformValue, onFalse: TerraformValue) => conditionalResult(test, value(onTrue), value(onFalse), 'c', free);

describe('a conditional unifies the types of its results, as Terraform does', () => {
  test('a string beside a number or bool makes the chosen result a string', () => {
    expect(choose(true, 1, 'a')).toBe('1'); // true ? 1 : "a"
    expect(choose(false, 'Enabled', 'Disabled')).toBe('Disabled');
    expect(choose(true, { a: 1, b: 'x' }, {})).toEqual({ a: '1', b: 'x' }); // true ? {a=1, b="x"} : {}
    expect(choose(true, [[1], [2]], [['x']])).toEqual([['1'], ['2']]); // true ? [[1],[2]] : [["x"]]
  });

  test('tuples of one length unify element by element, objects of the same attributes attribute by attribute', () => {
    expect(choose(true, [1, 'a'], [2, 'b'])).toEqual([1, 'a']);
    expect(choose(true, [1, true], [2, false])).toEqual([1, true]);
    expect(choose(true, [{ a: 1 }, { b: 'x' }], [])).toEqual([{ a: '1' }, { b: 'x' }]);
  });

  test('results that do not unify are refused, whatever the condition', () => {
    expect(() => choose(true, 1, true)).toThrow(EvaluationError);
    expect(() => choose(true, ['x'], 9)).toThrow(EvaluationError);
    expect(() => choose(false, [1], [true])).toThrow(EvaluationError); // true ? [1] : [true]
    expect(() => choose(true, { a: 1 }, ['x'])).toThrow(EvaluationError);
    expect(() => conditionalResult(new Unknown('var.x'), value('a'), value(['b']), 'c', free)).toThrow(EvaluationError);
  });

  test('a null, an unknown or a refused result unifies with anything; the refusal of the result not chosen does not matter', () => {
    expect(choose(true, 5, null)).toBe(5);
    expect(choose(false, 5, null)).toBeNull();
    expect(conditionalResult(true, value(7), { refused: new EvaluationError('no') }, 'c', free)).toBe(7);
    expect(() => conditionalResult(false, value(7), { refused: new EvaluationError('no') }, 'c', free)).toThrow('no');
    expect(conditionalResult(true, value(7), value(new Unknown('var.days')), 'c', free)).toBe(7);
  });

  test('where mpu-check does not follow Terraform, an Unknown, never a guess', () => {
    // true ? [{a=null},{a={b=1}}] : [] is refused by Terraform, a typed variable's nulls are not: mpu-check does not know which.
    expect(choose(true, [{ a: null }, { a: { b: 1 } }], [])).toBeInstanceOf(Unknown);
  });
});
