/**
 * One case of the differential harness against `terraform console` (scripts/terraform-differential/terraform-differential.ts),
 * and how mpu-check's evaluator answers it. Shared with the unit test that replays the recorded
 * disagreements (test/file-check/terraform/terraform-console.test.ts), which never runs Terraform.
 *
 * A case is a root module holding only variables and locals, plus `locals { result = <expression> }`:
 * the expression goes through the same path as any local of a real module (the HCL parser's JSON
 * form of the file, then the evaluator), and Terraform evaluates `local.result` in the same files.
 */
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeCheckFs } from '../../src/file-check/check-fs';
import { INPUT_LIMITS } from '../../src/file-check/input-limits';
import { InputTree } from '../../src/file-check/input-tree';
import { EvaluationBudgetExceeded, HclEvaluator } from '../../src/file-check/terraform/hcl-expression';
import { loadHclParser } from '../../src/file-check/terraform/hcl-syntax';
import { ModuleEvaluation } from '../../src/file-check/terraform/module-evaluation';
import { TerraformModules } from '../../src/file-check/terraform/module-tree';
import { isReference, isUnknown, TerraformValue, toPlainJson } from '../../src/file-check/terraform/terraform-value';

export interface ConsoleCase {
  /** Unique and stable for a seed: `splat-null`, `random-2801-17`. */
  readonly name: string;
  /** Which construct it tries: layout, types, splat, try, functions, random. */
  readonly construct: string;
  /** `variable` and `locals` blocks, in HCL. */
  readonly config: string;
  /** A terraform.tfvars file, when the case gives its variables their values there. */
  readonly tfvars?: string;
  /** The expression, as written after `result =`; it may span lines. */
  readonly expression: string;
}

/**
 * What one side answers: a value (as JSON), a refusal (Terraform's error), or, for mpu-check, a
 * value it leaves unknown, or an exception other than the evaluator's own (a bug whatever the case).
 */
export type Outcome =
  | { readonly value: unknown }
  | { readonly refused: string }
  | { readonly unknown: string }
  | { readonly thrown: string };

/** A case with Terraform's answer, as test/fixtures/terraform-console/<name>.json holds it. */
export interface RecordedCase extends ConsoleCase {
  /** The command that runs the case again through Terraform and mpu-check. */
  readonly recheck: string;
  readonly terraform: Outcome;
  /**
   * Why mpu-check may leave this case unknown (a construct it does not evaluate on purpose, such as
   * a function it does not implement); the replay test then accepts an Unknown, never another value.
   */
  readonly mayBeUnknown?: string;
}

export const RECHECK_COMMAND = 'npx ts-node --project tsconfig.dev.json --transpile-only scripts/terraform-differential/terraform-differential.ts --case';

/** The files of the case's module. */
export function caseFiles(testCase: ConsoleCase): Record<string, string> {
  const main = `${testCase.config.trim()}\n\nlocals {\n  result = ${testCase.expression}\n}\n`;
  return testCase.tfvars === undefined ? { 'main.tf': main } : { 'main.tf': main, 'terraform.tfvars': testCase.tfvars };
}

/** Writes the case's module to a new temporary directory; the caller removes it. */
export function writeCase(testCase: ConsoleCase): string {
  const directory = mkdtempSync(join(tmpdir(), 'tf-console-case-'));
  for (const [name, text] of Object.entries(caseFiles(testCase))) writeFileSync(join(directory, name), text);
  return realpathSync(directory);
}

/**
 * mpu-check's answer: `local.result` of the module in `directory`, the directory read by the
 * module reader of a real run and its locals evaluated as any module's are.
 */
export async function mpuCheckOutcome(directory: string): Promise<Outcome> {
  const parser = loadHclParser();
  const tree = InputTree.forRun(nodeCheckFs(), { root: directory, paths: [] });
  const modules = new TerraformModules(tree, parser, { json: INPUT_LIMITS.defaultFileBytes, hcl: INPUT_LIMITS.defaultHclBytes });
  try {
    const module = await modules.module(directory);
    if (Array.isArray(module)) return { refused: module.map(problem => problem.message).join('; ') };
    const evaluator = new HclEvaluator(parser);
    evaluator.startBudget(INPUT_LIMITS.evaluationSteps);
    const evaluation = new ModuleEvaluation(module, { root: true }, { prefix: '', written: '' }, evaluator);
    // Terraform refuses a whole module whose variable's value it cannot convert to its type, whatever
    // the expression reads; where mpu-check does not follow the conversion, it cannot tell either.
    const unknowns: Outcome[] = [];
    for (const name of module.variables.keys()) {
      const outcome = outcomeOf((await evaluation.scope.variable(name, undefined))!);
      if ('refused' in outcome) return outcome;
      if ('unknown' in outcome && 'default' in module.variables.get(name)!) unknowns.push(outcome);
    }
    const result = outcomeOf(await evaluation.scope.local('result', ['result'], undefined));
    return 'value' in result && unknowns.length > 0 ? unknowns[0] : result;
  } catch (error) {
    if (error instanceof EvaluationBudgetExceeded) return { unknown: `more than ${INPUT_LIMITS.evaluationSteps} evaluation steps` };
    return { thrown: String((error as Error)?.stack ?? error).split('\n').slice(0, 3).join(' ') };
  }
}

/** mpu-check's answer for a case, in a temporary directory removed afterwards. */
export async function mpuCheckOutcomeOf(testCase: ConsoleCase): Promise<Outcome> {
  const directory = writeCase(testCase);
  try {
    return await mpuCheckOutcome(directory);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

const REFUSED = 'Terraform would refuse it: ';

/** A value with an Unknown anywhere inside is refused when one of them says Terraform would refuse it, else unknown. */
function outcomeOf(value: TerraformValue): Outcome {
  const unknowns: string[] = [];
  const visit = (item: TerraformValue): void => {
    if (isUnknown(item)) unknowns.push(item.why ?? item.expression);
    else if (isReference(item)) unknowns.push(`a reference: ${item.expression}`);
    else if (Array.isArray(item)) item.forEach(visit);
    else if (typeof item === 'object' && item !== null) Object.values(item).forEach(visit);
  };
  visit(value);
  const refused = unknowns.find(why => why.startsWith(REFUSED));
  if (refused !== undefined) return { refused: refused.slice(REFUSED.length) };
  if (unknowns.length > 0) return { unknown: unknowns[0] };
  return { value: toPlainJson(value) };
}

/** The value as JSON with object keys sorted (Terraform's objects and maps have no order of their own). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/**
 * How mpu-check's answer compares with Terraform's: agree (the same value, or both refuse),
 * unknown (mpu-check leaves it unknown: honest, if less useful), wrong (a different known value,
 * a value where Terraform refuses, a refusal where Terraform gives a value, or an exception: the
 * serious kind), or terraform-unknown (Terraform itself printed no value: nothing to compare).
 */
export type Verdict = 'agree' | 'unknown' | 'wrong' | 'terraform-unknown';

export interface Comparison {
  readonly verdict: Verdict;
  /** What differs, e.g. `a different value`; undefined when they agree. */
  readonly difference?: string;
}

export function compare(terraform: Outcome, mpuCheck: Outcome): Comparison {
  if (!('value' in terraform) && !('refused' in terraform)) return { verdict: 'terraform-unknown', difference: 'Terraform left it unknown' };
  if ('thrown' in mpuCheck) return { verdict: 'wrong', difference: 'mpu-check threw' };
  if ('unknown' in mpuCheck) {
    return { verdict: 'unknown', difference: 'value' in terraform ? 'unknown where Terraform gives a value' : 'unknown where Terraform refuses' };
  }
  if ('value' in terraform) {
    if ('refused' in mpuCheck) return { verdict: 'wrong', difference: 'refused where Terraform gives a value' };
    const same = 'value' in mpuCheck && canonicalJson(terraform.value) === canonicalJson(mpuCheck.value);
    return same ? { verdict: 'agree' } : { verdict: 'wrong', difference: 'a different value' };
  }
  return 'refused' in mpuCheck ? { verdict: 'agree' } : { verdict: 'wrong', difference: 'a value where Terraform refuses' };
}

/** Whether mpu-check's answer to a recorded case is right: Terraform's, or an Unknown where the case allows one. */
export function answersAsRecorded(recorded: RecordedCase, mpuCheck: Outcome): boolean {
  const { verdict } = compare(recorded.terraform, mpuCheck);
  return verdict === 'agree' || (verdict === 'unknown' && recorded.mayBeUnknown !== undefined);
}

/** An outcome on one line, for a report. */
export function describeOutcome(outcome: Outcome, width = 160): string {
  const text = 'value' in outcome ? canonicalJson(outcome.value)
    : 'refused' in outcome ? `refused: ${outcome.refused}`
      : 'unknown' in outcome ? `unknown: ${outcome.unknown}` : `threw: ${outcome.thrown}`;
  const line = text.replace(/\s+/g, ' ');
  return line.length > width ? `${line.slice(0, width - 3)}...` : line;
}
