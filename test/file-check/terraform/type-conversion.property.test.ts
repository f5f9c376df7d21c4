import * as fc from 'fast-check';
import { EvaluationError, isKnown, TerraformValue } from '../../../src/file-check/terraform/terraform-value';
import { parseTypeConstraint } from '../../../src/file-check/terraform/type-constraint';
import { convertToType } from '../../../src/file-check/terraform/type-conversion';
import { hostileJson, hostileKey } from '../../fixtures/hostile-input';

/**
 * Whatever a module declares as a variable's type and whatever value it is given, reading the type
 * and converting the value end in a value or an EvaluationError (Terraform's refusal), never in
 * another exception; and converting a converted value again changes nothing, as in Terraform.
 */

const ATTRIBUTE_NAMES = ['id', 'days', 'filter', '__proto__', 'toString', 'constructor', 'a-b', '"quoted"', '1x', ''];
const DEFAULTS = ['7', '-1', '"d"', 'null', 'true', '{}', '[]', '[{}]', '{ a = 1, "__proto__" = "x" }', '"${var.x}"', 'var.x', '[1, "a"]', '{ days = "3" }'];

const typeText: fc.Arbitrary<string> = fc.letrec<{ type: string }>(tie => {
  const inner = tie('type');
  return {
    type: fc.oneof(
      { maxDepth: 4, depthSize: 'small' },
      fc.constantFrom('string', 'number', 'bool', 'any', 'strin', '', 'list', 'map'),
      fc.tuple(fc.constantFrom('list', 'set', 'map', 'optional', 'object', 'tuple'), inner).map(([name, element]) => `${name}(${element})`),
      fc.array(inner, { maxLength: 3 }).map(elements => `tuple([${elements.join(', ')}])`),
      fc.array(fc.tuple(fc.constantFrom(...ATTRIBUTE_NAMES), inner, fc.constantFrom('plain', 'optional', 'default'), fc.constantFrom(...DEFAULTS),
        fc.constantFrom(', ', '\n', ' ', ' # note\n')), { maxLength: 4 })
        .map(attributes => `object({${attributes.map(([name, type, kind, value, separator]) => `${name} = ${
          kind === 'plain' ? type : kind === 'optional' ? `optional(${type})` : `optional(${type}, ${value})`}${separator}`).join('')}})`),
    ),
  };
}).type;

function prototypesAreObjects(value: TerraformValue): boolean {
  if (Array.isArray(value)) return value.every(prototypesAreObjects);
  if (typeof value === 'object' && value !== null && isKnown(value)) {
    return Object.getPrototypeOf(value) === Object.prototype && Object.values(value).every(prototypesAreObjects);
  }
  return true;
}

describe('variable type constraints on any input', () => {
  test('a type is read or not, a value converted or refused; converted again it stays the same', () => {
    fc.assert(fc.property(typeText, fc.boolean(), hostileJson({ keys: hostileKey(['id', 'days', 'filter', '__proto__', 'toString']) }),
      (text, wrapped, value) => {
        const type = parseTypeConstraint(wrapped ? `\${${text}}` : text);
        if (type === undefined) return;
        let converted: TerraformValue;
        try {
          converted = convertToType(value as TerraformValue, type, () => undefined, 'var.x');
        } catch (error) {
          expect(error).toBeInstanceOf(EvaluationError);
          return;
        }
        expect(prototypesAreObjects(converted)).toBe(true);
        if (isKnown(converted)) expect(convertToType(converted, type, () => undefined, 'var.x')).toEqual(converted);
      }), { numRuns: 3000 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
