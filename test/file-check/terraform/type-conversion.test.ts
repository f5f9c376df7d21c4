import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EvaluationError, isUnknown, TerraformValue, Unknown } from '../../../src/file-check/terraform/terraform-value';
import { parseTypeConstraint } from '../../../src/file-check/terraform/type-constraint';
import { convertToType } from '../../../src/file-check/terraform/type-conversion';

interface Case {
  readonly type: string;
  readonly value: TerraformValue;
  readonly terraform?: TerraformValue;
  readonly terraformRefuses?: string;
  readonly mpuCheck?: 'unknown' | 'not read';
  readonly order?: 'any';
}

/** What `terraform console` printed for each case; test/fixtures/terraform/types/recheck.sh asks it again. */
const { cases } = JSON.parse(readFileSync(join(__dirname, '../../fixtures/terraform/types/variable-conversions.json'), 'utf8')) as { cases: Case[] };
const unlimited = () => undefined;
const sorted = (value: TerraformValue) => (value as TerraformValue[]).map(item => JSON.stringify(item)).sort();

describe('variable values converted to their type as Terraform converts them', () => {
  test.each(cases.map(c => [`${c.type.replace(/\s+/g, ' ')} <- ${JSON.stringify(c.value)}`, c] as const))('%s', (_name, c) => {
    // A .tf file's type comes from the HCL parser as `${...}`.
    const type = parseTypeConstraint(`\${${c.type}}`);
    if (c.mpuCheck === 'not read') {
      expect(type).toBeUndefined();
      return;
    }
    expect(type).toBeDefined();
    const convert = () => convertToType(c.value, type!, unlimited, 'var.x');
    if (c.terraformRefuses !== undefined) {
      expect(convert).toThrow(EvaluationError);
    } else if (c.mpuCheck === 'unknown') {
      expect(convert()).toBeInstanceOf(Unknown);
    } else if (c.order === 'any') {
      expect(sorted(convert())).toEqual(sorted(c.terraform!));
    } else {
      expect(convert()).toEqual(c.terraform);
    }
  });
});

describe('type constraints', () => {
  test('a .tf.json file writes the type without ${}; the quoted types of Terraform 0.11 are read as 0.12 read them', () => {
    expect(parseTypeConstraint('list(string)')).toEqual({ kind: 'list', element: { kind: 'string' } });
    expect(parseTypeConstraint('string')).toEqual({ kind: 'string' });
    expect(parseTypeConstraint('map')).toEqual({ kind: 'map', element: { kind: 'any' } });
  });

  test('comments, newlines and trailing commas as HCL allows them', () => {
    const type = parseTypeConstraint('${object({\n  # the rule\'s id\n  id = string // required\n  days = optional(number, /* a week */ 7),\n  tags = tuple([string, bool,]),\n})}');
    expect(type).toEqual({
      kind: 'object',
      attributes: new Map([
        ['id', { type: { kind: 'string' }, optional: false }],
        ['days', { type: { kind: 'number' }, optional: true, default: 7 }],
        ['tags', { type: { kind: 'tuple', elements: [{ kind: 'string' }, { kind: 'bool' }] }, optional: false }],
      ]),
    });
  });

  test.each([
    ['an unknown type name', '${list(strin)}'],
    ['attributes on one line without commas', '${object({ a = string b = number })}'],
    ['a default that is not a constant', '${object({ a = optional(string, var.x) })}'],
    ['a default with an interpolation', '${object({ a = optional(string, "${var.x}") })}'],
    ['optional() outside an object', '${list(optional(string))}'],
    ['text after the type', '${string} x'],
    ['an expression, not a type', '${var.type}'],
  ])('what is not a type this reader knows (%s) is not read: the value stays as written', (_why, text) => {
    expect(parseTypeConstraint(text)).toBeUndefined();
  });

  test('a default keeps a key named __proto__ as an attribute', () => {
    const type = parseTypeConstraint('${object({ a = optional(map(string), { "__proto__" = "x" }) })}');
    const converted = convertToType({}, type!, unlimited, 'var.x') as Record<string, Record<string, string>>;
    expect(Object.keys(converted.a)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(converted.a)).toBe(Object.prototype);
  });

  test('types nested deeper than the nesting bound are not read', () => {
    expect(parseTypeConstraint(`\${${'list('.repeat(200)}string${')'.repeat(200)}}`)).toBeUndefined();
  });
});

describe('conversion of values not all known', () => {
  const rules = parseTypeConstraint('${list(object({ id = string, days = optional(number, 7) }))}')!;

  test('an unknown stays unknown, and what is known around it is converted', () => {
    const days = new Unknown('aws_s3_bucket.x.days', 'known after apply');
    expect(convertToType([{ id: 1, days }, { id: 'b' }], rules, unlimited, 'var.x')).toEqual([{ id: '1', days }, { id: 'b', days: 7 }]);
    const whole = new Unknown('var.rules', 'no default');
    expect(convertToType(whole, rules, unlimited, 'var.x')).toBe(whole);
  });

  test('an unknown that can only be some values can only be those values converted', () => {
    const days = new Unknown('var.short ? "1" : "7"', 'var.short has no default', ['1', '7']);
    const number = parseTypeConstraint('${number}')!;
    expect(convertToType(days, number, unlimited, 'var.x')).toEqual(new Unknown(days.expression, days.why, [1, 7]));
    const either = new Unknown('var.short ? "1" : "week"', 'var.short has no default', ['1', 'week']);
    expect(convertToType(either, number, unlimited, 'var.x')).toEqual(new Unknown(either.expression, either.why));
  });

  test('a set with an element not known is not known', () => {
    const converted = convertToType(['a', new Unknown('x')], parseTypeConstraint('${set(string)}')!, unlimited, 'var.x');
    expect(isUnknown(converted) && converted.why).toBe('a set whose elements are not all known before apply');
  });

  test('a refusal names where the value does not fit', () => {
    expect(() => convertToType([{ id: 'a' }, { days: 1 }], rules, unlimited, 'var.rules')).toThrow('var.rules[1]: the attribute "id" is required');
    expect(() => convertToType([{ id: 'a', days: 'week' }], rules, unlimited, 'var.rules')).toThrow('var.rules[0].days: a number is required');
  });

  test('each value converted takes a step of the budget, defaults included', () => {
    let steps = 0;
    convertToType([{ id: 'a' }, { id: 'b' }], rules, taken => { steps += taken; }, 'var.x');
    expect(steps).toBe(7);
  });
});
