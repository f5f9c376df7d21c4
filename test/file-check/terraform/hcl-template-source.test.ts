import * as fc from 'fast-check';
import { HclEvaluator } from '../../../src/file-check/terraform/hcl-expression';
import { HclScope } from '../../../src/file-check/terraform/hcl-scope';
import { loadHclParser } from '../../../src/file-check/terraform/hcl-syntax';
import { quotedTemplateSource } from '../../../src/file-check/terraform/hcl-template-source';
import { TerraformValue } from '../../../src/file-check/terraform/terraform-value';
import { assertAsyncProperty, assertProperty } from '../../fixtures/hostile-input';

const scope: HclScope = {
  variable: name => Promise.resolve<TerraformValue | undefined>(name === 'name' ? 'acme' : undefined),
  local: () => Promise.reject(new Error('no locals here')),
  localChain: [],
  names: new Map(),
  moduleDirectory: '.',
  modulePrefix: '',
  resourceKeys: () => Promise.resolve(undefined),
  resourceChain: [],
  moduleCall: () => Promise.resolve(undefined),
};

/** The text with no `${` or `%{` left in it. */
function withoutTemplates(text: string): string {
  const once = text.replace(/[$%]\{/g, '');
  return once === text ? text : withoutTemplates(once);
}

describe('a string of a block body as a quoted HCL template', () => {
  test.each([
    ['the literal text is escaped again', 'say "${var.name}"\n\\ done', '"say \\"${var.name}\\"\\n\\\\ done"'],
    ['$${ and %%{ stay escapes', '$${not} %%{not} ${var.name}', '"$${not} %%{not} ${var.name}"'],
    ['an interpolation over several lines keeps its line breaks: white space there', '${{\n  for k, v in var.rules :\n  k => v\n}}', '"${{\n  for k, v in var.rules :\n  k => v\n}}"'],
    ['a brace in a comment or a string inside an interpolation does not close it', '${[\n  "}", # a } brace\n  /* } */ 1,\n]}\n', '"${[\n  "}", # a } brace\n  /* } */ 1,\n]}\\n"'],
    ['a string inside an interpolation, with its own interpolation', 'a${join(",", ["x${var.name}}", "\\""])}"', '"a${join(",", ["x${var.name}}", "\\""])}\\""'],
    ['a heredoc inside an interpolation', '${<<EOT\n}"\nEOT\n}\n', '"${<<EOT\n}"\nEOT\n}\\n"'],
    ['an interpolation never closed runs to the end, for the parser to refuse', 'x ${var.name', '"x ${var.name"'],
  ])('%s', (_, value, source) => {
    expect(quotedTemplateSource(value)).toBe(source);
  });

  test('on any text: a quoted source, never an exception', () => {
    const hclish = fc.array(fc.constantFrom('${', '%{', '$${', '}', '{', '"', '\\', '#', '//', '/*', '*/', '<<EOT\n', 'EOT\n', '\n', 'x'), { maxLength: 80 })
      .map(pieces => pieces.join(''));
    assertProperty(fc.property(fc.oneof(fc.string({ maxLength: 200 }), hclish), text => {
      const source = quotedTemplateSource(text);
      expect(source.startsWith('"') && source.endsWith('"')).toBe(true);
    }), 2801, 3000);
  });

  test('literal text, quotes, backslashes and line breaks included, evaluates to itself', async () => {
    const evaluator = new HclEvaluator(loadHclParser());
    const literal = fc.array(fc.oneof(fc.constantFrom('"', '\\', '\n', '\r\n', '\t', '}', '{', '$', '%', 'é', '#'), fc.string({ maxLength: 4 })), { maxLength: 20 })
      .map(pieces => withoutTemplates(pieces.join('').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')));
    await assertAsyncProperty(fc.asyncProperty(literal, async text => {
      expect(await evaluator.evaluateValue(`${text} \${var.name}`, scope)).toBe(`${text} acme`);
    }), 2802, 300);
  });
});

describe('a string of a block body as a quoted HCL template, on input made to be slow', () => {
  test('a long line in a heredoc inside an interpolation, and many interpolations never closed, take linear time', () => {
    const started = Date.now();
    quotedTemplateSource(`\${<<EOT\n${'x'.repeat(2_000_000)}\nEOT\n}`);
    quotedTemplateSource(`\${"${'${'.repeat(500_000)}`);
    quotedTemplateSource('${'.repeat(1_000_000));
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
