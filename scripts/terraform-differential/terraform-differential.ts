/**
 * The differential harness: mpu-check's HCL evaluator against Terraform itself (not a test; a
 * user's machine may have no Terraform, and the tests never run it).
 *
 *   npx ts-node --project tsconfig.dev.json --transpile-only scripts/terraform-differential/terraform-differential.ts \
 *     [--seed N] [--random N] [--jobs N] [--show N] [--construct NAME] [--record] [--case NAME]
 *
 * Each case (scripts/terraform-differential/terraform-differential-cases.ts: written cases for each construct, then
 * --random cases from --seed) is a directory holding a main.tf of variables and locals, with the
 * expression as `locals { result = ... }`. Terraform evaluates it offline with `terraform console`
 * (no provider, no init): `base64encode(jsonencode(local.result))`, one process per case, since a
 * piped console prints only its last line's value and stops at the first error. mpu-check reads
 * the same directory through the module reader of a real run and evaluates `local.result`. The
 * two are compared as JSON with object keys sorted; both refusing is agreement. Each case is
 * agree, unknown (mpu-check leaves it unknown: honest), wrong (a different known value, a value
 * where Terraform refuses, a refusal where it gives one, or an exception: the serious kind), or
 * terraform-unknown (nothing to compare). It prints the counts by construct, the kinds of
 * disagreement, and the first --show disagreements, wrong ones first. The same --seed gives the
 * same cases and the same figures; --jobs runs that many cases at a time (default 4).
 *
 * --record writes each disagreement as test/fixtures/terraform-console/<name>.json with the
 * value Terraform printed (an existing fixture is kept; a case mpu-check leaves unknown on
 * purpose, a template directive or a function it does not implement, says so), for
 * test/file-check/terraform/terraform-console.test.ts to replay without Terraform. --case NAME runs one
 * case, written, random or recorded, shows both answers, and for a recorded one checks that
 * Terraform still prints what was recorded; it exits 1 when anything differs.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  answersAsRecorded, canonicalJson, compare, Comparison, ConsoleCase, describeOutcome, mpuCheckOutcome, Outcome, RECHECK_COMMAND, RecordedCase,
  Verdict, writeCase,
} from './terraform-console-case';
import { randomCases, writtenCases } from './terraform-differential-cases';

/* eslint-disable no-console */

const FIXTURES = join(__dirname, '..', '..', 'test', 'fixtures', 'terraform-console');

interface Options {
  readonly seed: number;
  readonly random: number;
  readonly jobs: number;
  readonly show: number;
  readonly construct?: string;
  readonly record: boolean;
  readonly case?: string;
}

function optionsOf(args: readonly string[]): Options {
  const value = (name: string): string | undefined => {
    const at = args.indexOf(name);
    return at < 0 ? undefined : args[at + 1];
  };
  const count = (name: string, otherwise: number): number => {
    const given = value(name);
    const parsed = Number(given ?? otherwise);
    if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${name} ${given}: give a whole number >= 0`);
    return parsed;
  };
  return {
    seed: count('--seed', 2801),
    random: count('--random', 400),
    jobs: Math.max(1, count('--jobs', 4)),
    show: count('--show', 10),
    construct: value('--construct'),
    record: args.includes('--record'),
    case: value('--case'),
  };
}

/** An empty CLI configuration: Terraform warns when it finds none, and a user's own must not change the answers. */
const cliConfig = join(mkdtempSync(join(tmpdir(), 'tf-console-cli-')), 'empty.tfrc');
writeFileSync(cliConfig, '');

/** Terraform's answer for the module in `directory`. */
function terraformOutcome(directory: string): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn('terraform', ['console'], {
      cwd: directory,
      env: { ...process.env, TF_CLI_CONFIG_FILE: cliConfig, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      // An error in a local is printed on stderr, and the console then exits 0 with a warning and `(known after apply)`.
      if (code !== 0 || stderr.includes('Error: ')) {
        resolve({ refused: errorSummary(stderr) });
        return;
      }
      const printed = stdout.trim();
      const encoded = /^"([A-Za-z0-9+/=]*)"$/.exec(printed);
      if (encoded === null) {
        resolve(printed === '(known after apply)' ? { unknown: printed } : { refused: `unexpected output: ${printed}` });
        return;
      }
      resolve({ value: JSON.parse(Buffer.from(encoded[1], 'base64').toString('utf8')) });
    });
    child.stdin.end('base64encode(jsonencode(local.result))\n');
  });
}

/** Terraform's diagnostics on one line: `Error: <summary>: <detail>`, colours and the source excerpt left out. */
function errorSummary(stderr: string): string {
  // eslint-disable-next-line no-control-regex
  const plain = stderr.replace(/\x1b\[[0-9;]*m/g, '').replace(/[│╷╵]/g, '');
  const lines = plain.split('\n').map(line => line.trim()).filter(line => line !== '');
  const errorAt = lines.findIndex(line => line.startsWith('Error: '));
  if (errorAt < 0) return lines.join(' ').slice(0, 300);
  const detail = lines.slice(errorAt + 1).filter(line => !/^(on |\(source code|\d+:|├|╰|\||Error: )/.test(line)).slice(0, 3);
  return [lines[errorAt], ...detail].join(' ').slice(0, 300);
}

interface Result extends Comparison {
  readonly testCase: ConsoleCase;
  readonly terraform: Outcome;
  readonly mpuCheck: Outcome;
}

async function runCase(testCase: ConsoleCase): Promise<Result> {
  const directory = writeCase(testCase);
  try {
    const mpuCheck = await mpuCheckOutcome(directory);
    const terraform = await terraformOutcome(directory);
    return { testCase, terraform, mpuCheck, ...compare(terraform, mpuCheck) };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** Runs the cases, `jobs` Terraform processes at a time, in their order. */
async function runAll(cases: readonly ConsoleCase[], jobs: number): Promise<Result[]> {
  const results: Result[] = new Array(cases.length);
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const at = next++;
      results[at] = await runCase(cases[at]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, jobs) }, worker));
  return results;
}

function recordedCases(): RecordedCase[] {
  if (!existsSync(FIXTURES)) return [];
  return readdirSync(FIXTURES).filter(name => name.endsWith('.json'))
    .map(name => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as RecordedCase);
}

/** Why mpu-check may leave a case unknown on purpose: a template directive, or a function it does not implement. */
function mayBeUnknown(result: Result): string | undefined {
  if (result.testCase.expression.includes('%{')) return 'template directives (%{ for }, %{ if }) are not evaluated';
  const why = 'unknown' in result.mpuCheck ? result.mpuCheck.unknown : '';
  return /does not evaluate the function/.test(why) ? why : undefined;
}

function record(result: Result): boolean {
  mkdirSync(FIXTURES, { recursive: true });
  const file = join(FIXTURES, `${result.testCase.name}.json`);
  if (existsSync(file)) return false;
  const { name, construct, config, tfvars, expression } = result.testCase;
  const recorded: RecordedCase = {
    name, construct, recheck: `${RECHECK_COMMAND} ${name}`, config, tfvars, expression, terraform: result.terraform, mayBeUnknown: mayBeUnknown(result),
  };
  writeFileSync(file, `${JSON.stringify(recorded, null, 2)}\n`);
  return true;
}

function show(result: Result): void {
  const expression = result.testCase.expression.replace(/\n\s*/g, ' ⏎ ');
  console.log(`  [${result.testCase.name}] ${expression}`);
  console.log(`    terraform: ${describeOutcome(result.terraform)}`);
  console.log(`    mpu-check: ${describeOutcome(result.mpuCheck)}  (${result.verdict}${result.difference === undefined ? '' : `: ${result.difference}`})`);
}

async function oneCase(name: string, options: Options): Promise<number> {
  const recorded = recordedCases().find(candidate => candidate.name === name);
  const generated = [...writtenCases(), ...randomCases(options.seed, options.random)].find(candidate => candidate.name === name);
  const testCase = recorded ?? generated;
  if (testCase === undefined) {
    console.error(`no case named ${name} (written, random from --seed ${options.seed} --random ${options.random}, or in ${FIXTURES})`);
    return 2;
  }
  console.log(`${testCase.config.trim()}\n\nlocals {\n  result = ${testCase.expression}\n}`);
  if (testCase.tfvars !== undefined) console.log(`\n# terraform.tfvars\n${testCase.tfvars}`);
  const result = await runCase(testCase);
  show(result);
  let failed = recorded === undefined ? result.verdict !== 'agree' : !answersAsRecorded(recorded, result.mpuCheck);
  if (recorded !== undefined) {
    if (recorded.mayBeUnknown !== undefined) console.log(`    may be unknown: ${recorded.mayBeUnknown}`);
    const same = canonicalJson(recorded.terraform) === canonicalJson(result.terraform)
      || ('refused' in recorded.terraform && 'refused' in result.terraform);
    console.log(`    recorded:  ${describeOutcome(recorded.terraform)}  (${same ? 'Terraform still prints it' : 'Terraform now prints something else'})`);
    failed ||= !same;
  }
  return failed ? 1 : 0;
}

async function main(): Promise<number> {
  const options = optionsOf(process.argv.slice(2));
  const version = spawnSync('terraform', ['version'], { encoding: 'utf8', env: { ...process.env, TF_CLI_CONFIG_FILE: cliConfig } });
  if (version.status !== 0) {
    console.error('terraform is not on the PATH: the harness compares with Terraform itself (the unit tests replay what it recorded)');
    return 2;
  }
  console.log(`${version.stdout.split('\n')[0]}`);
  if (options.case !== undefined) return oneCase(options.case, options);
  const cases = [...writtenCases(), ...randomCases(options.seed, options.random)]
    .filter(testCase => options.construct === undefined || testCase.construct === options.construct);
  const started = Date.now();
  const results = await runAll(cases, options.jobs);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`terraform-differential: ${results.length} cases (seed ${options.seed}, ${options.random} random, ${options.jobs} jobs) in ${seconds} s`);
  console.log(`  ${'construct'.padEnd(10)} ${VERDICTS.map(verdict => verdict.padStart(8)).join(' ')}`);
  const constructs = [...new Set(results.map(result => result.testCase.construct))];
  for (const construct of [...constructs, 'all']) {
    const of = results.filter(result => construct === 'all' || result.testCase.construct === construct);
    console.log(`  ${construct.padEnd(10)} ${VERDICTS.map(verdict => String(of.filter(result => result.verdict === verdict).length).padStart(8)).join(' ')}`);
  }
  const disagreeing = results.filter(result => result.verdict === 'unknown' || result.verdict === 'wrong');
  const kinds = new Map<string, number>();
  for (const result of disagreeing) kinds.set(`${result.verdict}: ${result.difference}`, (kinds.get(`${result.verdict}: ${result.difference}`) ?? 0) + 1);
  for (const [kind, count] of [...kinds].sort((a, b) => b[1] - a[1])) console.log(`  ${String(count).padStart(4)} ${kind}`);
  // Wrong values first: they are the serious kind.
  const shown = [...disagreeing.filter(result => result.verdict === 'wrong'), ...disagreeing.filter(result => result.verdict === 'unknown')];
  if (shown.length > 0 && options.show > 0) console.log(`first ${Math.min(options.show, shown.length)} disagreements, wrong values first:`);
  shown.slice(0, options.show).forEach(show);
  if (options.record) {
    // The conditionals modules write are held by the replay test even where mpu-check agrees.
    const written = results.filter(result => disagreeing.includes(result) || result.testCase.construct === 'conditional').filter(record).length;
    console.log(`recorded ${written} new fixtures in ${FIXTURES}`);
  }
  return disagreeing.length === 0 ? 0 : 1;
}

const VERDICTS: readonly Verdict[] = ['agree', 'unknown', 'wrong', 'terraform-unknown'];

main().then(code => process.exit(code), (error) => {
  console.error(error);
  process.exit(2);
});
