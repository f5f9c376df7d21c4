import { hclNestingBeyond } from '../../../src/file-check/terraform/hcl-nesting';

describe('the HCL nesting scanner', () => {
  test.each([
    ['brackets', '[[[1]]]', 3],
    ['an object in a call', 'x = f({ a = 1 })', 2],
    ['an interpolation in a string', 'x = "${f(1)}"', 3],
    ['a template directive in a string', 'x = "%{ if true }a%{ endif }"', 2],
  ])('GIVEN %s THEN its depth is counted', (_what, text, depth) => {
    expect(hclNestingBeyond(text, depth)).toBeUndefined();
    expect(hclNestingBeyond(text, depth - 1)).toBe(1);
  });

  test.each([
    ['a line comment', '# [[[[\nx = 1'],
    ['a block comment', '/* [[[[ */ x = 1'],
    ['a string', 'x = "[[[["'],
    ['an escaped interpolation', 'x = "$${[[[[}"'],
    ['a heredoc', 'x = <<EOT\n[[[[\nEOT\n'],
  ])('GIVEN brackets in %s THEN they do not count (a string or heredoc is one level)', (_what, text) => {
    expect(hclNestingBeyond(text, 1)).toBeUndefined();
  });

  // Found by the property tests: the scanner skipped the character after an escape and after `${`.
  test('GIVEN an escaped backslash before the closing quote THEN the brackets after the string count (the check cannot be bypassed)', () => {
    const text = `x = ["\\\\", ${'['.repeat(200)}1${']'.repeat(200)}]\n`;
    expect(hclNestingBeyond(text, 128)).toBe(1);
  });

  test('GIVEN a bracket right after "%{ or "${ THEN it counts', () => {
    expect(hclNestingBeyond('"%{(', 2)).toBe(1);
    expect(hclNestingBeyond('"${(', 2)).toBe(1);
  });

  test('GIVEN a string cut by a line break after a backslash THEN the next line is counted as a new line', () => {
    expect(hclNestingBeyond('x = "a\\\n[[', 1)).toBe(2);
  });

  test('GIVEN division, a comparison, a comment, and a heredoc with a literal $${ and an indented end THEN only the interpolation nests', () => {
    // GIVEN: 2 levels on line 1; the heredoc, its interpolation and 2 brackets on line 4
    const text = 'x = a / b < c ? [[1]] : 2 # [[[[[\ny = <<-EOT\n  $${[[[[[[}\n  ${[[1]]}\n  EOT\nz = [1]\n';
    // WHEN / THEN
    expect(hclNestingBeyond(text, 3)).toBe(4);
    expect(hclNestingBeyond(text, 4)).toBeUndefined();
  });
});
