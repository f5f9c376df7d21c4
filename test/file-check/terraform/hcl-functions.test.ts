import { INPUT_LIMITS } from '../../../src/file-check/input-limits';
import { callFunction } from '../../../src/file-check/terraform/hcl-functions';
import { EvaluationError, isUnknown, TerraformValue } from '../../../src/file-check/terraform/terraform-value';

/** Calls a function on known arguments, charging nothing. Terraform's own answers are in test/fixtures/terraform-console. */
const call = (name: string, ...args: TerraformValue[]) =>
  callFunction(name, args.map(arg => () => Promise.resolve(arg)), `${name}(...)`, false, () => undefined);

describe('functions where mpu-check does not follow Terraform, or where the input asks for too much: an Unknown, never a guess', () => {
  test.each<[string, string, TerraformValue[]]>([
    ['a width larger than any value mpu-check makes', 'format', [`%${INPUT_LIMITS.valueLength + 1}s`, 'a']],
    ['a width of 10^30', 'format', ['%1000000000000000000000000000000d', 1]],
    ['widths that together pass the bound', 'format', [`${'%600000s'.repeat(2)}`, 'a', 'b']],
    ['a precision past what toFixed takes', 'format', ['%.101f', 1]],
    ['a fraction Terraform rounds with its own precision', 'format', ['%.0f', 2.5]],
    ['%e', 'format', ['%e', 1500]],
    ['an argument index', 'format', ['%[2]s %[1]s', 'a', 'b']],
    ['a null argument (Terraform leaves it unknown too)', 'format', ['%s', null]],
    ['a control character in %q', 'format', ['%q', 'a\u0001']],
    ['a number Terraform writes with more digits', 'jsonencode', [1e21]],
    ['a regular expression', 'replace', ['aaaa', '/(a+)+$/', '']],
    ['infinity', 'tonumber', ['Inf']],
    ['a set of objects, ordered by a hash', 'toset', [[{ a: 1 }, { a: 2 }]]],
    ['a list of objects of different shapes', 'tolist', [[{ a: 1 }, { b: 'x' }]]],
  ])('%s', async (_why, name, args) => {
    const result = await call(name, ...args);
    expect(isUnknown(result) ? 'unknown' : result).toBe('unknown');
  });

  test('what Terraform refuses is refused', async () => {
    await expect(call('format', '%d', 1.5)).rejects.toThrow(EvaluationError);
    await expect(call('format', '%s', [1])).rejects.toThrow(EvaluationError);
    await expect(call('toset', [true, 1])).rejects.toThrow(EvaluationError);
    await expect(call('concat', [1], null)).rejects.toThrow(EvaluationError);
  });

  test('keys that name prototype properties are keys of the map', async () => {
    const map = JSON.parse('{"__proto__": 1, "toString": "x"}') as TerraformValue;
    expect(Object.entries(await call('tomap', map) as object)).toEqual([['__proto__', '1'], ['toString', 'x']]);
    expect(await call('jsonencode', map)).toBe('{"__proto__":1,"toString":"x"}');
  });
});
