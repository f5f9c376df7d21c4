import * as fc from 'fast-check';
import { hclNestingBeyond } from '../../../src/file-check/terraform/hcl-nesting';
import { assertProperty } from '../../fixtures/hostile-input';

/**
 * The nesting scanner runs on every .tf file before the HCL parser sees it, whatever the file
 * holds: it never throws, and on text of brackets alone it counts as a plain stack would.
 */

/** The line of the bracket that first opens more than `limit` deep, with a closing bracket of any kind closing the last one open. */
function referenceNesting(text: string, limit: number): number | undefined {
  let depth = 0;
  let line = 1;
  for (const char of text) {
    if (char === '\n') line++;
    else if ('([{'.includes(char)) depth++;
    else if (')]}'.includes(char)) depth = Math.max(0, depth - 1);
    if (depth > limit) return line;
  }
  return undefined;
}

/** Pieces of HCL that open or close something, or start a string, comment or heredoc. */
const HCL_TOKENS = ['{', '}', '[', ']', '(', ')', '"', '\\', '${', '%{', '$${', '%%{', '#', '//', '/*', '*/', '<<EOT\n', '<<-EOT\n', 'EOT', '\n',
  '\r\n', ' ', 'x', '=', '\\"', '<<', '<<EOT', '\n  EOT\n'];

const hclish = fc.array(fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HCL_TOKENS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
), { maxLength: 120 }).map(pieces => pieces.join(''));

const brackets = fc.array(fc.constantFrom('(', '[', '{', ')', ']', '}', '\n'), { maxLength: 300 }).map(chars => chars.join(''));

describe('the HCL nesting scanner', () => {
  test('on any text, and on HCL-ish text of strings, heredocs, comments and interpolations: a line or undefined, never an exception', () => {
    assertProperty(fc.property(
      fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }), hclish),
      fc.integer({ min: 0, max: 130 }),
      (text, limit) => {
        const line = hclNestingBeyond(text, limit);
        if (line !== undefined) {
          expect(Number.isInteger(line) && line >= 1 && line <= text.split('\n').length).toBe(true);
        }
      },
    ), 2721, 4000);
  });

  test('on brackets alone: the line a plain stack says', () => {
    assertProperty(fc.property(brackets, fc.integer({ min: 0, max: 40 }), (text, limit) => {
      expect(hclNestingBeyond(text, limit)).toBe(referenceNesting(text, limit));
    }), 2722, 4000);
  });

  test('a string of escapes ends at its closing quote: what follows it on the line is counted', () => {
    const content = fc.array(fc.constantFrom('\\\\', '\\"', '\\n', '\\u00e9', '$${', '%%{', 'a', '(', '}', ' '), { maxLength: 12 });
    assertProperty(fc.property(content, fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }), (pieces, opens, limit) => {
      const text = `x = "${pieces.join('')}" ${'['.repeat(opens)}1${']'.repeat(opens)}\ny = 1\n`;
      // The string is one level, closed before the brackets open.
      expect(hclNestingBeyond(text, limit)).toBe(Math.max(1, opens) > limit ? 1 : undefined);
    }), 2724, 2000);
  });

  test('nesting grows by one per opening in every kind of bracket, string and interpolation', () => {
    assertProperty(fc.property(fc.array(fc.constantFrom('(', '[', '{', '"${', '"%{'), { minLength: 1, maxLength: 60 }), (opens) => {
      // Each "${ opens a string and an interpolation: two levels.
      const depth = opens.reduce((sum, open) => sum + (open.startsWith('"') ? 2 : 1), 0);
      const text = opens.join('');
      expect(hclNestingBeyond(text, depth)).toBeUndefined();
      expect(hclNestingBeyond(text, depth - 1)).toBe(1);
    }), 2723, 1000);
  });
});
