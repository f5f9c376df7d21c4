import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HclEvaluator } from '../../../src/file-check/terraform/hcl-expression';
import { loadHclParser } from '../../../src/file-check/terraform/hcl-syntax';
import { ModuleEvaluation } from '../../../src/file-check/terraform/module-evaluation';
import { TerraformModule } from '../../../src/file-check/terraform/terraform-module';
import { isKnown, isUnknown, toPlainJson } from '../../../src/file-check/terraform/terraform-value';
import { isRecord } from '../../../src/policy/fields';

/**
 * Each fixture of test/fixtures/terraform/console is a module of variables and locals and the
 * expressions `terraform console` evaluated in it: the value it printed, or the error it refused
 * the expression with. Its `recheck` command asks Terraform again (from the repository's root).
 */
interface ConsoleFixture {
  readonly files: Record<string, string>;
  readonly cases: ReadonlyArray<{ readonly expression: string; readonly terraform?: unknown; readonly refused?: string }>;
}

const FIXTURES = join(__dirname, '../../fixtures/terraform/console');

/** The fixture's module as mpu-check reads it: variables with their defaults, locals as the parser (or JSON) gives them. */
async function moduleOf(fixture: ConsoleFixture): Promise<TerraformModule> {
  const variables = new Map<string, Record<string, unknown>>();
  const locals = new Map<string, unknown>();
  for (const [name, text] of Object.entries(fixture.files)) {
    const body = name.endsWith('.json') ? JSON.parse(text) as Record<string, unknown> : await loadHclParser().parseFile(name, text);
    for (const [variable, declaration] of Object.entries(body.variable as Record<string, unknown> ?? {})) {
      variables.set(variable, [declaration].flat()[0] as Record<string, unknown>);
    }
    for (const block of [body.locals ?? []].flat().filter(isRecord)) for (const [local, value] of Object.entries(block)) locals.set(local, value);
  }
  return { directory: '.', realPath: '.', files: Object.keys(fixture.files), resources: [], moduleCalls: [], variables, locals, outputs: new Map(), variableFiles: new Map() };
}

describe.each(readdirSync(FIXTURES).filter(name => name.endsWith('.json')))('the values terraform console printed: %s', name => {
  const fixture = JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as ConsoleFixture;

  test.each(fixture.cases.map(c => [c.expression, c] as const))('%s', async (expression, expected) => {
    const evaluator = new HclEvaluator(loadHclParser());
    const evaluation = new ModuleEvaluation(await moduleOf(fixture), { root: true }, { prefix: '', written: '' }, evaluator);
    const value = await evaluator.evaluateSource(expression, evaluation.scope);
    if (expected.refused !== undefined) {
      expect(isUnknown(value) && value.why).toMatch(/^Terraform would refuse it: /);
    } else {
      expect(isKnown(value) ? toPlainJson(value) : value).toEqual(expected.terraform);
    }
  });
});
