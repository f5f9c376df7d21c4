import { HclEvaluator } from '../../../src/file-check/terraform/hcl-expression';
import { HclScope } from '../../../src/file-check/terraform/hcl-scope';
import { loadHclParser } from '../../../src/file-check/terraform/hcl-syntax';
import { isReference, isUnknown, mostInstancesOf, TerraformValue, Unknown } from '../../../src/file-check/terraform/terraform-value';

/** A list nested `depth` deep around 1. */
const nested = (depth: number): unknown => (depth === 0 ? 1 : [nested(depth - 1)]);

const locals: Record<string, unknown> = {
  deepest: nested(128),
  prefix: 'acme',
  rules: [{ id: 'a', days: '${var.days}' }, { id: 'b', days: 30 }],
  by_name: { logs: { days: 3 }, data: { days: 30 } },
};

const variables = new Map<string, TerraformValue>([['days', 7], ['on', true], ['unset', new Unknown('var.unset', 'no default')]]);

function scopeWith(names: Record<string, TerraformValue> = {}, variableValues = variables): HclScope {
  const evaluator = new HclEvaluator(loadHclParser());
  const scope: HclScope = {
    variable: name => Promise.resolve(variableValues.get(name)),
    local: (name, localChain) => (name in locals
      ? evaluator.evaluateValue(locals[name], { ...scope, localChain })
      : Promise.resolve(new Unknown(`local.${name}`))),
    localChain: [],
    names: new Map(Object.entries(names)),
    moduleDirectory: 'infra',
    modulePrefix: '',
    resourceKeys: () => Promise.resolve(undefined),
    resourceChain: [],
    moduleCall: () => Promise.resolve(undefined),
  };
  return scope;
}

const evaluate = (source: string, names?: Record<string, TerraformValue>) =>
  new HclEvaluator(loadHclParser()).evaluateSource(source, scopeWith(names));

describe('HclEvaluator: what terraform plan knows before apply', () => {
  test.each<[string, TerraformValue]>([
    ['7', 7],
    ['"plain"', 'plain'],
    ['true', true],
    ['null', null],
    ['var.days', 7],
    ['local.prefix', 'acme'],
    ['"${local.prefix}-logs"', 'acme-logs'],
    ['local.rules[0].days', 7],
    ['local.by_name["data"].days', 30],
    ['var.days * 2 + 1', 15],
    ['var.days * 0.5', 3.5],
    ['"true" && var.on', true],
    ['var.days >= 7 && var.on', true],
    ['!var.on', false],
    ['var.on ? 1 : 30', 1],
    ['try(local.by_name.none.days, 5)', 5],
    ['lookup(local.by_name, "archive", { days = 9 }).days', 9],
    ['coalesce(null, "", "x")', 'x'],
    ['length(local.rules)', 2],
    ['merge({ a = 1 }, { b = 2 })', { a: 1, b: 2 }],
    ['concat([1], [2, 3])', [1, 2, 3]],
    ['[for rule in local.rules : rule.id]', ['a', 'b']],
    ['[for rule in local.rules : rule.days if rule.id == "b"]', [30]],
    ['{ for name, rule in local.by_name : name => rule.days }', { logs: 3, data: 30 }],
    ['toset(["a", "a", "b"])', ['a', 'b']],
    ['jsondecode("{\\"days\\": 4}").days', 4],
    ['format("%s-%d", "x", 2)', 'x-2'],
    ['path.module', 'infra'],
  ])('%s is %j', async (source, value) => {
    expect(await evaluate(source)).toEqual(value);
  });

  test('each and count are the instance\'s', async () => {
    expect(await evaluate('"${each.key}-${count.index}"', { each: { key: 'logs', value: {} }, count: { index: 2 } })).toBe('logs-2');
  });

  test('a variable without a value is unknown, named, and stays unknown through functions and templates', async () => {
    for (const source of ['var.unset', 'try(var.unset, 7)', '"x-${var.unset}"', 'var.unset + 1', 'max(var.unset, 3)']) {
      const value = await evaluate(source);
      expect(isUnknown(value) && value.toExpressionString()).toBe('${var.unset} (no default)');
    }
  });

  test('a condition that is not known gives the branches\' value only when both agree', async () => {
    expect(await evaluate('var.unset ? 7 : 7')).toBe(7);
    expect(isUnknown(await evaluate('var.unset ? 7 : 30'))).toBe(true);
  });

  test('a condition that is not known between known branches is one of them: a count of 1 or 0 makes at most one instance', async () => {
    const count = await evaluate('var.unset ? 1 : 0');
    expect(isUnknown(count) && { shown: count.toExpressionString(), choices: count.choices }).toEqual({ shown: '${var.unset} (no default)', choices: [1, 0] });
    expect(mostInstancesOf(count)).toBe(1);
    const open = await evaluate('var.unset ? 1 : local.none');
    expect(isUnknown(open) && open.choices).toBeUndefined();
    expect(mostInstancesOf(open)).toBeUndefined();
    expect(mostInstancesOf(3)).toBe(3);
  });

  test('a fraction whose last digits 64-bit arithmetic would get wrong is not known; && and || take only bools and "true"/"false"', async () => {
    // terraform console: 0.1 + 0.2 is 0.3 (512-bit); 1 / 3 prints 16 digits; 1 && true is refused.
    expect(await evaluate('0.1 + 0.2')).toMatchObject({ why: expect.stringMatching(/64-bit arithmetic/) });
    expect(await evaluate('1 / 3')).toBeInstanceOf(Unknown);
    expect(await evaluate('1 && true')).toMatchObject({ why: expect.stringMatching(/^Terraform would refuse it: .*&& needs bools/) });
    expect(await evaluate('"false" || false')).toBe(false);
  });

  test('a variable whose value is null is null, not unknown', async () => {
    const withNull = scopeWith({}, new Map<string, TerraformValue>([...variables, ['none', null]]));
    expect(await new HclEvaluator(loadHclParser()).evaluateSource('var.none', withNull)).toBeNull();
    expect(isUnknown(await evaluate('var.undeclared'))).toBe(true);
  });

  test('a function mpu-check does not evaluate is unknown, and says which', async () => {
    const value = await evaluate('templatefile("rules.tpl", {})');
    expect(isUnknown(value) && value.why).toBe('mpu-check does not evaluate the function templatefile()');
  });

  test('what Terraform would refuse is unknown with the reason, outside try()', async () => {
    const value = await evaluate('local.by_name.none');
    expect(isUnknown(value) && value.why).toContain('the object has no attribute "none"');
  });

  test('a resource attribute is a reference, with the instance key', async () => {
    const value = await evaluate('aws_s3_bucket.logs[each.key].id', { each: { key: 'a', value: 'a' } });
    expect(isReference(value) && { address: value.address, key: value.key, attributes: value.attributes })
      .toEqual({ address: 'aws_s3_bucket.logs', key: 'a', attributes: ['id'] });
    const interpolated = await evaluate('"${aws_s3_bucket.logs.arn}/*"');
    expect(isUnknown(interpolated) && interpolated.why).toBe('an attribute of another resource, known after apply');
  });

  // Found by the property tests: what reads values recurses into them, and a value nested 100,000 deep overflowed the stack.
  test('a value nested more than 128 deep is unknown, however it is made', async () => {
    for (const source of ['[local.deepest]', '{ a = local.deepest }', '[for x in [1] : local.deepest]', 'concat([local.deepest], [])',
      `jsondecode("${'['.repeat(100_000)}${']'.repeat(100_000)}")`]) {
      const value = await evaluate(source);
      expect(isUnknown(value) && value.why).toMatch(/nested more than 128 deep, which mpu-check does not evaluate$/);
    }
    expect(await evaluate('length(local.deepest)')).toBe(1);
    expect(await evaluate('jsondecode("[[\\"[[[[\\"]]")')).toEqual([['[[[[']]);
  });

  test('text the parser refuses is unknown, not a crash', async () => {
    const value = await evaluate('var.days +');
    expect(isUnknown(value) && value.why).toBe('mpu-check could not parse this expression');
  });
});

describe('HclEvaluator: splats over resources, and try()/can() around what is not known before apply', () => {
  /** aws_s3_bucket.logs has neither count nor for_each; aws_s3_bucket.many has a count not known before apply. */
  const withResources = (): HclScope => ({ ...scopeWith(), resourceKeys: typeAndName => Promise.resolve(typeAndName === 'aws_s3_bucket.logs' ? 'single' : undefined) });
  const evaluateHere = (source: string) => new HclEvaluator(loadHclParser()).evaluateSource(source, withResources());
  const referenceOf = (value: TerraformValue) => isReference(value) && { address: value.address, key: value.key, attributes: value.attributes };

  test('a splat over a resource without count or for_each is the list of that one resource: [id], and join("", ...) or one() of it is its id', async () => {
    const listed = await evaluateHere('aws_s3_bucket.logs[*].id');
    expect(Array.isArray(listed) && listed.map(referenceOf)).toEqual([{ address: 'aws_s3_bucket.logs', key: undefined, attributes: ['id'] }]);
    for (const source of ['join("", aws_s3_bucket.logs[*].id)', 'one(aws_s3_bucket.logs[*].id)', 'aws_s3_bucket.logs.*.id[0]', '(aws_s3_bucket.logs[*].id)[0]']) {
      expect([source, referenceOf(await evaluateHere(source))]).toEqual([source, { address: 'aws_s3_bucket.logs', key: undefined, attributes: ['id'] }]);
    }
    expect(isUnknown(await evaluateHere('join("-", aws_s3_bucket.logs[*].id, ["x"])'))).toBe(true);
  });

  test('a splat over a resource whose instances are not known, or over an attribute of one, is not known', async () => {
    for (const source of ['aws_s3_bucket.many[*].id', 'aws_s3_bucket.logs.tags[*]', 'data.aws_s3_bucket.x[*].id']) {
      const value = await evaluateHere(source);
      expect([source, isUnknown(value)]).toEqual([source, true]);
      const joined = await evaluateHere(`join("", ${source})`);
      expect([source, isUnknown(joined) && joined.why]).toEqual([source, (value as Unknown).why]);
    }
  });

  test('[0] of a resource without count is an error Terraform raises: refused alone, and try() takes its next argument', async () => {
    const refused = await evaluateHere('aws_s3_bucket.logs[0].id');
    expect(isUnknown(refused) && refused.why).toMatch(/^Terraform would refuse it: .*has neither count nor for_each/);
    expect(referenceOf(await evaluateHere('try(aws_s3_bucket.logs[0].id, aws_s3_bucket.logs.id)')))
      .toEqual({ address: 'aws_s3_bucket.logs', key: undefined, attributes: ['id'] });
  });

  // hcl's tryfunc (ext/tryfunc, which Terraform's try() and can() are): an argument that refers to a value
  // not wholly known makes the result unknown, before the argument is evaluated; a reference that is
  // itself an error does not count.
  test('an argument that refers to a value not known makes try() and can() unknown, even where it would fail', async () => {
    for (const source of ['try(local.by_name.none.days + var.unset, 1)', 'try([var.unset, local.by_name.none], 1)', 'can(var.unset)',
      'can([var.unset])', 'try({ a = var.unset }, 1)', 'try(aws_s3_bucket.logs.tags.x + local.by_name.none, 1)']) {
      const value = await evaluateHere(source);
      expect([source, isUnknown(value)]).toEqual([source, true]);
    }
    expect(isUnknown(await evaluateHere('try(local.by_name.none.days, var.unset)'))).toBe(true);
    expect(await evaluateHere('try(var.days.none, local.by_name.logs.days)')).toBe(3);
    expect(await evaluateHere('can(local.by_name.none)')).toBe(false);
  });

  test('can() of a value with something mpu-check does not evaluate inside is not known (Terraform may refuse that part)', async () => {
    expect(isUnknown(await evaluateHere('can({ a = regex("b", "abc") })'))).toBe(true);
    expect(await evaluateHere('can({ a = local.by_name.logs.days })')).toBe(true);
  });

  test('a resource attribute that evaluates without error is kept through try(), to tie what it names', async () => {
    expect(referenceOf(await evaluateHere('try(aws_s3_bucket.logs.id, "")'))).toEqual({ address: 'aws_s3_bucket.logs', key: undefined, attributes: ['id'] });
  });
});
