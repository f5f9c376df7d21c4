import * as fc from 'fast-check';
import { longestReferences } from '../../../src/file-check/terraform/plan-configuration';
import { assertProperty } from '../../fixtures/hostile-input';

/** The definition: a reference is left out when another one extends it past a `.` or a `[`. */
function byDefinition(references: readonly string[]): string[] {
  return references.filter(ref => !references.some(other => other !== ref && (other.startsWith(`${ref}.`) || other.startsWith(`${ref}[`))));
}

describe('longestReferences', () => {
  test('agrees with its definition on any references of names, dots, brackets and keys', () => {
    const reference = fc.array(fc.constantFrom('a', 'b', '.', '[', ']', '0', '"', 'module', 'aws_s3_bucket'), { maxLength: 8 }).map(parts => parts.join(''));
    assertProperty(fc.property(fc.array(reference, { maxLength: 8 }), (references) => {
      expect(longestReferences(references)).toEqual(byDefinition(references));
    }), 2742, 5000);
  });
});
