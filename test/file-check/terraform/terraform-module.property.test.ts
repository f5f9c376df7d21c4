import * as fc from 'fast-check';
import { checkPaths } from '../../../src/file-check/check-paths';
import { memoryCheckFs, verdicts } from '../../_helpers/check-helpers';
import { assertAsyncProperty, expectCheckAnswered, hostileJson, hostileKey } from '../../fixtures/hostile-input';

/**
 * Whatever Terraform module a pull request adds, mpu-check answers with a result for each bucket
 * and one error line for each file or module it cannot judge: its promise never rejects, and no
 * exception reaches the catch-all that says "could not be judged".
 */

/** The functions src/file-check/terraform/hcl-functions.ts evaluates, try and can, and a few it does not know. */
const FUNCTIONS = ['lookup', 'coalesce', 'coalescelist', 'concat', 'merge', 'flatten', 'length', 'keys', 'values', 'element', 'one', 'contains',
  'distinct', 'compact', 'tolist', 'toset', 'tomap', 'tostring', 'tonumber', 'tobool', 'zipmap', 'range', 'max', 'min', 'abs', 'floor', 'ceil',
  'lower', 'upper', 'trimspace', 'join', 'split', 'replace', 'startswith', 'endswith', 'format', 'jsondecode', 'jsonencode', 'alltrue', 'anytrue',
  'try', 'can', 'file', 'templatefile', 'sum', 'toString', 'constructor', '__proto__', 'hasOwnProperty'];

const NUMBERS = ['0', '1', '2', '7', '-1', '0.5', '1.5', '1e300', '-1e300', '1e999', '99999999999999999999999', '5e-324', '1024', '1025', '4294967296'];

const REFERENCES = ['var.v', 'var.list', 'var.map', 'var.missing', 'var.toString', 'local.l', 'local.self', 'local.__proto__', 'local.constructor',
  'aws_s3_bucket.b.id', 'aws_s3_bucket.b[0].id', 'aws_s3_bucket.b["k"].bucket', 'aws_s3_bucket.b', 'aws_s3_bucket.c.bucket',
  'aws_s3_bucket_lifecycle_configuration.r', 'each.key', 'each.value', 'each.value.id', 'count.index', 'path.module', 'path.root',
  'module.m.out', 'module.m', 'data.aws_s3_bucket.x.id', 'terraform.workspace', 'self.x', 'toString', '__proto__', 'rule.value', 'x'];

const KEYS = ['a', 'toString', '__proto__', 'constructor', 'valueOf', 'hasOwnProperty', 'id', 'bucket', '"__proto__"', '"toString"', '"a b"', '(var.v)', '("k")'];

/** Text inside a quoted string: literal text, escapes, template sequences and interpolations of `expression`. */
function stringPiece(expression: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom('x', 'logs/', ' ', '\\n', '\\"', '\\\\', '\\u0000', '\\U0010FFFF', '$${', '%%{', 'é', '[', '}') },
    { weight: 2, arbitrary: expression.map(inner => `\${${inner}}`) },
    { weight: 1, arbitrary: expression.map(inner => `%{ if ${inner} }a%{ else }b%{ endif }`) },
    { weight: 1, arbitrary: expression.map(inner => `%{ for x in ${inner} }\${x}%{ endfor }`) },
  );
}

/** HCL expressions: literals, references, function calls with arguments of any type, for, conditionals, splats, heredocs, objects. */
const expression: fc.Arbitrary<string> = fc.letrec<{ expression: string }>(tie => {
  const inner = tie('expression');
  return {
    expression: fc.oneof(
      { maxDepth: 4, depthSize: 'small' },
      fc.constantFrom(...NUMBERS, 'true', 'false', 'null', '"Enabled"', '"Disabled"', '""', '"k"', '"7"', '"true"'),
      fc.constantFrom(...REFERENCES),
      fc.array(stringPiece(inner), { maxLength: 4 }).map(pieces => `"${pieces.join('')}"`),
      fc.tuple(fc.constantFrom(...FUNCTIONS), fc.array(withHeredoc(inner), { maxLength: 3 }), fc.boolean())
        .map(([name, args, spread]) => `${name}(${args.join(', ')}${spread && args.length > 0 ? '...' : ''})`),
      fc.tuple(inner, inner, inner, fc.constantFrom('[for k, v in %c : %v]', '[for v in %c : %v if %k]', '{for k, v in %c : %k => %v}',
        '{for k, v in %c : %k => %v...}', '[for v in %c : %v if v != null]'))
        .map(([collection, value, key, shape]) => shape.replace('%c', collection).replace('%v', value).replace('%k', key)),
      fc.tuple(inner, inner, inner).map(([test, a, b]) => `${test} ? ${a} : ${b}`),
      fc.tuple(inner, fc.constantFrom('[*].id', '.*.id', '[*]', '[0]', '["k"]', '.id', '.toString', '.__proto__', '[-1]', '[1e300]'))
        .map(([value, suffix]) => `(${value})${suffix}`),
      fc.array(fc.tuple(fc.constantFrom(...KEYS), inner), { maxLength: 4 }).map(entries => `{ ${entries.map(([key, value]) => `${key} = ${value}`).join(', ')} }`),
      fc.array(withHeredoc(inner), { maxLength: 4 }).map(items => `[${items.join(', ')}]`),
      fc.tuple(inner, fc.constantFrom('+', '-', '*', '/', '%', '==', '!=', '<', '>=', '&&', '||'), inner).map(([a, op, b]) => `${a} ${op} ${b}`),
      fc.tuple(fc.constantFrom('!', '-'), inner).map(([op, value]) => `${op}${value}`),
      fc.tuple(inner, inner).map(([value, index]) => `(${value})[${index}]`),
    ),
  };
}).expression;

/** A heredoc of lines and interpolations: it ends with a line break, so it is written only where one may follow (an argument, a list item, a value). */
function heredoc(inner: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom('<<EOT', '<<-EOT'), fc.array(fc.oneof(fc.constantFrom('line', '  indented', '[[[', '}', '%{ if true }x%{ endif }'), inner.map(e => `\${${e}}`)), { maxLength: 3 }))
    .map(([start, lines]) => `${start}\n${lines.join('\n')}\nEOT\n`);
}

function withHeredoc(inner: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof({ weight: 6, arbitrary: inner }, { weight: 1, arbitrary: heredoc(inner) });
}

/** What count and for_each take: huge, negative, fractional, objects, long ranges, and any expression. */
const instances = fc.oneof(
  fc.constantFrom('count = 1e300', 'count = -1', 'count = 0.5', 'count = 1025', 'count = { a = 1 }', 'count = "2"', 'count = null',
    'count = var.v ? 1 : 0', 'count = length(range(1024))', 'for_each = range(2000)', 'for_each = toset(["a", "b"])', 'for_each = { toString = 1, __proto__ = 2 }',
    'for_each = { for i in range(1025) : tostring(i) => i }', 'for_each = 5', 'for_each = null', 'for_each = aws_s3_bucket.b', 'for_each = [1, 1]'),
  expression.map(value => `count = ${value}`),
  expression.map(value => `for_each = ${value}`),
);

const attributeName = fc.constantFrom('bucket', 'id', 'prefix', 'tags', 'status', 'enabled', '__proto__', 'toString', 'constructor', 'valueOf', 'lifecycle_rule');

/** A body: attributes, nested blocks (rule, filter, abort...), dynamic blocks, count or for_each. */
function body(blocks: readonly string[]): fc.Arbitrary<string> {
  return fc.letrec<{ body: string }>(tie => ({
    body: fc.array(fc.oneof(
      { maxDepth: 3, depthSize: 'small' },
      fc.tuple(attributeName, withHeredoc(expression)).map(([name, value]) => `${name} = ${value}`),
      instances,
      fc.tuple(fc.constantFrom(...blocks), tie('body')).map(([name, inner]) => `${name} {\n${inner}\n}`),
      fc.tuple(fc.constantFrom(...blocks), expression, fc.constantFrom('', '  iterator = it\n'), tie('body'))
        .map(([name, forEach, iterator, inner]) => `dynamic "${name}" {\n  for_each = ${forEach}\n${iterator}  content {\n${inner}\n  }\n}`),
    ), { maxLength: 5 }).map(lines => withoutRedefinitions(lines).join('\n')),
  })).body;
}

/** The lines, each attribute only the first time it is set (HCL refuses a second one: the whole file would be no module). */
function withoutRedefinitions(lines: readonly string[]): string[] {
  const set = new Set<string>();
  return lines.filter((line) => {
    const name = /^(\w+) = /.exec(line)?.[1];
    if (name === undefined) return true;
    if (set.has(name)) return false;
    set.add(name);
    return true;
  });
}

const BLOCKS = ['rule', 'filter', 'and', 'tag', 'abort_incomplete_multipart_upload', 'lifecycle_rule', 'expiration', 'lifecycle', '__proto__', 'toString'];

/**
 * A lifecycle configuration shaped as the provider wants it, with any values in its places;
 * `%extra%` marks the lines where an argument may be added.
 */
const shapedConfiguration = fc.tuple(
  fc.constantFrom('r', 's'),
  fc.oneof(fc.constantFrom('aws_s3_bucket.b.id', 'aws_s3_bucket.b[count.index].id', 'aws_s3_bucket.b[0].id', 'each.value.id', 'aws_s3_bucket.c.bucket', '"b"'), expression),
  fc.option(instances, { nil: '' }),
  fc.constantFrom('"Enabled"', '"Enabled"', '"Disabled"'),
  fc.oneof(fc.constantFrom('1', '7', '30', '0', '-1', '1.5', 'null', 'var.v'), expression),
  fc.oneof(fc.constantFrom('', '  filter {}\n', '  filter {\n    prefix = ""\n  }\n'), expression.map(e => `  filter {\n    prefix = ${e}\n  }\n`)),
).map(([name, bucket, counted, status, days, filter]) => `resource "aws_s3_bucket_lifecycle_configuration" "${name}" {\n  bucket = ${bucket}\n  ${counted}\n%extra%`
  + `  rule {\n    id = "abort"\n%extra%    status = ${status}\n${filter}    abort_incomplete_multipart_upload {\n%extra%      days_after_initiation = ${days}\n    }\n  }\n}\n`);

const topBlock = fc.oneof({
  weight: 30,
  arbitrary: fc.oneof(
    fc.tuple(fc.constantFrom('aws_s3_bucket', 'aws_s3_bucket', 'aws_s3_directory_bucket', 'null_resource'), fc.constantFrom('b', 'c', '__proto__', 'toString'), body(BLOCKS))
      .map(([type, name, inner]) => `resource "${type}" "${name}" {\n${inner}\n}`),
    fc.tuple(fc.constantFrom('r', 's', 'toString'), expression, body(BLOCKS))
      .map(([name, bucket, inner]) => `resource "aws_s3_bucket_lifecycle_configuration" "${name}" {\n  bucket = ${bucket}\n${inner}\n}`),
    shapedConfiguration.map(text => text.replace(/%extra%/g, '')),
    fc.tuple(fc.constantFrom('v', 'list', 'map', 'toString', '__proto__'), expression).map(([name, value]) => `variable "${name}" {\n  default = ${value}\n}`),
    fc.uniqueArray(fc.tuple(fc.constantFrom('l', 'self', '__proto__', 'constructor', 'toString', 'other'), fc.oneof(expression, fc.constant('local.self'))),
      { minLength: 1, maxLength: 3, selector: ([name]) => name })
      .map(entries => `locals {\n${entries.map(([name, value]) => `  ${name} = ${value}`).join('\n')}\n}`),
    fc.tuple(fc.constantFrom('"./sub"', '"./sub"', '"./"', '"../"', '"../../"', '"./missing"', 'var.v', '"${var.v}"'), fc.option(instances, { nil: '' }), expression)
      .map(([source, counted, value]) => `module "m" {\n  source = ${source}\n  ${counted}\n  v = ${value}\n}`),
    expression.map(value => `output "out" {\n  value = ${value}\n}`),
    fc.constantFrom('# mpu-check:acknowledge MultipartUpload-MPU1 fuzz', '/* [[[ */'),
  ),
}, {
  // Now and then, a file that is not HCL at all.
  weight: 1, arbitrary: fc.constantFrom('resource "aws_s3_bucket" {', '}', 'x = ', '<<EOT', 'x = "\\uD800"'),
});

const moduleText = fc.array(topBlock, { minLength: 1, maxLength: 5 }).map(blocks => `${blocks.join('\n\n')}\n`);

/** Any JSON of hostile keys, or an expression in a string, as a .tf.json file may hold anywhere. */
const jsonValue = fc.oneof(
  hostileJson({ keys: hostileKey(['__proto__', 'toString', 'constructor', 'valueOf', 'count', 'for_each', 'bucket', 'rule', 'dynamic', '//']), maxDepth: 4 }),
  expression.map(text => `\${${text}}`),
);

/** A block body of a .tf.json file: meta-arguments, nested blocks and keys JavaScript gives a meaning. */
const jsonBody = fc.dictionary(hostileKey(['bucket', 'count', 'for_each', 'rule', 'lifecycle_rule', 'dynamic', '__proto__', 'toString']), jsonValue);

/** A .tf.json configuration: resources by type and name, locals, variables and module calls, each of any shape. */
const jsonConfiguration = fc.record({
  resource: fc.oneof(
    fc.dictionary(fc.constantFrom('aws_s3_bucket', 'aws_s3_bucket_lifecycle_configuration', '__proto__'),
      fc.dictionary(fc.constantFrom('b', 'r', '__proto__', 'toString'), fc.oneof(jsonValue, fc.array(jsonBody)))),
    jsonValue,
  ),
  locals: jsonValue,
  variable: jsonValue,
  module: jsonValue,
}, { requiredKeys: [] });

describe('mpu-check on any Terraform module', () => {
  test('.tf files of blocks, attributes and expressions of every kind: a result or an error line for each, never an exception', async () => {
    await assertAsyncProperty(fc.asyncProperty(moduleText, moduleText, async (main, sub) => {
      const files = { 'fuzz-tf/main.tf': main, 'fuzz-tf/sub/main.tf': sub };
      expectCheckAnswered(await checkPaths(['fuzz-tf'], {}, memoryCheckFs(files)));
    }), 2731, 200);
  });

  test('.tf.json files of any JSON with hostile keys, and expressions in their strings', async () => {
    await assertAsyncProperty(fc.asyncProperty(jsonConfiguration, async (json) => {
      expectCheckAnswered(await checkPaths(['fuzz-tf-json'], {}, memoryCheckFs({ 'fuzz-tf-json/main.tf.json': JSON.stringify(json) })));
    }), 2732, 150);
  });

  test('an argument the AWS provider does not have (__proto__, toString, constructor, ...) changes no verdict, whatever its value', async () => {
    const bucket = fc.tuple(
      fc.constantFrom('', 'count = 2', 'for_each = toset(["x", "y"])', 'count = var.n'),
      fc.constantFrom('', '  lifecycle_rule {\n    enabled = true\n    abort_incomplete_multipart_upload_days = 30\n  }\n'),
    ).map(([counted, inline]) => `resource "aws_s3_bucket" "b" {\n  bucket = "b"\n  ${counted}\n%extra%${inline}}\n`);
    // Values that, taken as the block's own, would give it rules that abort in time, or make it unknown.
    const compliant = fc.constantFrom(
      '{ lifecycle_rule = [{ enabled = true, abort_incomplete_multipart_upload_days = 1 }] }',
      '{ rule = [{ status = "Enabled", filter = [{}], abort_incomplete_multipart_upload = [{ days_after_initiation = 1 }] }] }',
      '{ days_after_initiation = 1, status = "Enabled", filter = [{}] }',
      'var.missing',
    );
    const foreign = fc.tuple(fc.constantFrom('__proto__', 'toString', 'constructor', 'valueOf', 'hasOwnProperty', 'not_an_argument'), fc.oneof(compliant, expression));
    await assertAsyncProperty(fc.asyncProperty(bucket, fc.option(shapedConfiguration, { nil: '' }), foreign, fc.nat(), async (bucketText, configurationText, [name, value], at) => {
      const text = `${bucketText}${configurationText}`;
      const places = text.split('%extra%');
      const where = at % (places.length - 1);
      const injected = places.map((part, index) => (index === where ? `${part}  ${name} = ${value}\n` : part)).join('');
      const base = await checkPaths(['fuzz-tf'], {}, memoryCheckFs({ 'fuzz-tf/main.tf': places.join('') }));
      const withArgument = await checkPaths(['fuzz-tf'], {}, memoryCheckFs({ 'fuzz-tf/main.tf': injected }));
      expectCheckAnswered(withArgument);
      // A value HCL refuses on its own (`-true`) makes the file no module: nothing to compare.
      fc.pre(!withArgument.errors.some(error => error.message.startsWith('not valid HCL')));
      expect(verdicts(withArgument)).toEqual(verdicts(base));
    }), 2733, 150);
  });
});
