/**
 * mpu-check's speed and memory (not a test):
 *
 *   npx projen compile && npx projen post-compile
 *   npx ts-node --project tsconfig.dev.json --transpile-only scripts/bench/bench-check.ts [--corpus DIR]
 *     [--terraform-corpus DIR] [--baseline-bin OTHER/bin/mpu-check] [--rounds N]
 *
 * Spawns the built `bin/mpu-check` as a user runs it, one process per run, and takes its wall time
 * and peak RSS (GNU time's %M, or else process.resourceUsage in a preloaded module). In one run,
 * round-robin, it measures:
 * - with --corpus DIR (a directory of CloudFormation/SAM templates; skipped without it):
 *   `mpu-check DIR` against `cfn-lint FILE...` on the files mpu-check reads there, and checks that
 *   every file was read without a crash (errors[] of --format json are per-file errors; a crash is
 *   an exit code other than 0, 1 or 2, output that is not JSON, or "unexpected error" on stderr);
 * - with --terraform-corpus DIR (Terraform modules and plans): `mpu-check DIR`, checked the same way;
 * - generated templates (in a temporary directory, deleted at the end), each within CloudFormation's
 *   quotas (500 resources, 1,000,000 bytes), which mpu-check enforces: 500 buckets in one template,
 *   in JSON and in YAML; 20 templates of 500 buckets (10,000 buckets) in JSON and in YAML; and a
 *   tree of 2,000 templates of 5 buckets. Every bucket's verdict is checked against the one it
 *   was written to have: a wrong answer stops the run.
 * With --baseline-bin (another build's bin/mpu-check, e.g. a worktree of an earlier commit with its
 * lib/ built), every mpu-check run is also made with that build in the same rounds, its answers on
 * the generated templates checked the same way, and each input gets the ratio this build / the
 * baseline (the median over the rounds of the ratio within a round: the machine is noisy).
 * Timed runs use the default text format, as a CI step runs it. Figures are medians over --rounds.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { argument, baselineBin, comparisonTable, fixed, GNU_TIME, Measured, measuredRun, mib, Pair, pairedRatio, probeMemory, reportOf as reportOfRun, Run, table, timeRounds } from './measured-run';
import { median } from './median';
import { RESOURCES_PER_TEMPLATE, TEMPLATE_BODY_BYTES } from '../../src/policy/cloudformation-limits';

/* eslint-disable no-console */

const REPO = join(__dirname, '..', '..');
const MPU_CHECK = join(REPO, 'bin', 'mpu-check');
/** The same files a directory search of mpu-check reads (src/file-check/input-search.ts). */
const TEMPLATE_EXTENSIONS = new Set(['.json', '.yaml', '.yml', '.template']);

// ---------------------------------------------------------------------------------------------
// Generated templates: five kinds of bucket, each with the verdict mpu-check must give it.

const KINDS = ['compliant', 'missing', 'too late', 'tag filter', 'Fn::If'] as const;
type Kind = typeof KINDS[number];
/** Fn::If between a 7-day and a 30-day abort rule: each branch is judged; they differ, so it is unresolved (a warning). */
const EXPECTED_VERDICT: Record<Kind, string> = {
  'compliant': 'COMPLIANT',
  'missing': 'MISSING',
  'too late': 'TOO_LATE',
  'tag filter': 'INVALID_RULE',
  'Fn::If': 'UNRESOLVED',
};
const kindOf = (i: number): Kind => KINDS[i % KINDS.length];

const abortRule = (days: number) => ({ Id: 'abort-incomplete-uploads', Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: days } });

function jsonLifecycle(kind: Kind): unknown {
  const expire = { Id: 'expire-logs', Status: 'Enabled', Prefix: 'logs/', ExpirationInDays: 90 };
  switch (kind) {
    case 'compliant': return { Rules: [expire, abortRule(7)] };
    case 'missing': return { Rules: [expire] };
    case 'too late': return { Rules: [abortRule(30)] };
    case 'tag filter': return { Rules: [{ ...abortRule(7), TagFilters: [{ Key: 'team', Value: 'data' }] }] };
    default: return { 'Fn::If': ['IsProduction', { Rules: [abortRule(7)] }, { Rules: [abortRule(30)] }] };
  }
}

function jsonBucket(i: number): unknown {
  return {
    Type: 'AWS::S3::Bucket',
    DeletionPolicy: 'Retain',
    Properties: {
      BucketName: { 'Fn::Sub': `bench-${i}-\${AWS::AccountId}-\${AWS::Region}` },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      VersioningConfiguration: { Status: 'Enabled' },
      LifecycleConfiguration: jsonLifecycle(kindOf(i)),
      Tags: [{ Key: 'owner', Value: { Ref: 'Owner' } }, { Key: 'index', Value: String(i) }],
    },
  };
}

const PARAMETERS = { Owner: { Type: 'String', Default: 'platform' }, Stage: { Type: 'String', Default: 'dev' } };
const CONDITIONS = { IsProduction: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] } };

/** A template of buckets `first` to `first + count - 1`, as JSON. */
function jsonTemplate(first: number, count: number): string {
  const resources: Record<string, unknown> = {};
  for (let i = first; i < first + count; i++) resources[`Bucket${i}`] = jsonBucket(i);
  return `${JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Parameters: PARAMETERS, Conditions: CONDITIONS, Resources: resources }, null, 2)}\n`;
}

function yamlRule(days: number, indent: string, tags = false): string {
  return `${indent}- Id: abort-incomplete-uploads\n${indent}  Status: Enabled\n`
    + (tags ? `${indent}  TagFilters:\n${indent}    - Key: team\n${indent}      Value: data\n` : '')
    + `${indent}  AbortIncompleteMultipartUpload:\n${indent}    DaysAfterInitiation: ${days}\n`;
}

function yamlLifecycle(kind: Kind): string {
  const rules = '      LifecycleConfiguration:\n        Rules:\n';
  const expire = '          - Id: expire-logs\n            Status: Enabled\n            Prefix: logs/\n            ExpirationInDays: 90\n';
  switch (kind) {
    case 'compliant': return rules + expire + yamlRule(7, '          ');
    case 'missing': return rules + expire;
    case 'too late': return rules + yamlRule(30, '          ');
    case 'tag filter': return rules + yamlRule(7, '          ', true);
    default:
      return '      LifecycleConfiguration: !If\n        - IsProduction\n'
        + `        - Rules:\n${yamlRule(7, '            ')}        - Rules:\n${yamlRule(30, '            ')}`;
  }
}

/** The same bucket as jsonBucket, written as people write YAML templates: short-form tags. */
function yamlBucket(i: number): string {
  return `  Bucket${i}:\n    Type: AWS::S3::Bucket\n    DeletionPolicy: Retain\n    Properties:\n`
    + `      BucketName: !Sub bench-${i}-\${AWS::AccountId}-\${AWS::Region}\n`
    + '      BucketEncryption:\n        ServerSideEncryptionConfiguration:\n          - ServerSideEncryptionByDefault:\n              SSEAlgorithm: aws:kms\n'
    + '      PublicAccessBlockConfiguration:\n        BlockPublicAcls: true\n        BlockPublicPolicy: true\n'
    + '        IgnorePublicAcls: true\n        RestrictPublicBuckets: true\n'
    + '      VersioningConfiguration:\n        Status: Enabled\n'
    + yamlLifecycle(kindOf(i))
    + `      Tags:\n        - Key: owner\n          Value: !Ref Owner\n        - Key: index\n          Value: "${i}"\n`;
}

function yamlTemplate(first: number, count: number): string {
  const head = "AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  Owner:\n    Type: String\n    Default: platform\n"
    + '  Stage:\n    Type: String\n    Default: dev\nConditions:\n  IsProduction: !Equals [!Ref Stage, prod]\nResources:\n';
  const buckets: string[] = [];
  for (let i = first; i < first + count; i++) buckets.push(yamlBucket(i));
  return head + buckets.join('');
}

interface Input {
  readonly name: string;
  readonly path: string;
  readonly templates: number;
  readonly buckets: number;
  readonly bytes: number;
}

/** Templates in the trees of full templates (500 buckets each): 10,000 buckets, as one template held before CloudFormation's quota was enforced. */
const FULL_TEMPLATES = 20;
const TREE_TEMPLATES = 2000;
const TREE_BUCKETS_PER_TEMPLATE = 5;
const FORMATS = [['JSON', 'json', jsonTemplate], ['YAML', 'yaml', yamlTemplate]] as const;

/** Writes a template, refusing to write one that CloudFormation (and so mpu-check) would refuse. */
function writeTemplate(path: string, text: string, buckets: number): number {
  const bytes = Buffer.byteLength(text);
  if (bytes > TEMPLATE_BODY_BYTES || buckets > RESOURCES_PER_TEMPLATE) {
    throw new Error(`generated ${path} is over CloudFormation's quota (${bytes} bytes, ${buckets} resources): change the generator`);
  }
  writeFileSync(path, text);
  return bytes;
}

/** Writes the generated inputs below `dir`. */
function generate(dir: string): Input[] {
  const inputs: Input[] = [];
  for (const [format, extension, write] of FORMATS) {
    const path = join(dir, `buckets-${RESOURCES_PER_TEMPLATE}.${extension}`);
    const bytes = writeTemplate(path, write(0, RESOURCES_PER_TEMPLATE), RESOURCES_PER_TEMPLATE);
    inputs.push({ name: `${RESOURCES_PER_TEMPLATE} buckets, 1 template, ${format}`, path, templates: 1, buckets: RESOURCES_PER_TEMPLATE, bytes });
  }
  for (const [format, extension, write] of FORMATS) {
    const folder = join(dir, `full-${extension}`);
    mkdirSync(folder);
    let bytes = 0;
    for (let t = 0; t < FULL_TEMPLATES; t++) {
      bytes += writeTemplate(join(folder, `template-${t}.${extension}`), write(t * RESOURCES_PER_TEMPLATE, RESOURCES_PER_TEMPLATE), RESOURCES_PER_TEMPLATE);
    }
    const buckets = FULL_TEMPLATES * RESOURCES_PER_TEMPLATE;
    inputs.push({ name: `${FULL_TEMPLATES} templates x ${RESOURCES_PER_TEMPLATE} buckets, ${format}`, path: folder, templates: FULL_TEMPLATES, buckets, bytes });
  }
  // 20 applications x 10 stacks x 10 templates, JSON and YAML in turn.
  const tree = join(dir, 'tree');
  let bytes = 0;
  for (let t = 0; t < TREE_TEMPLATES; t++) {
    const folder = join(tree, `app-${String(Math.floor(t / 100)).padStart(2, '0')}`, `stack-${Math.floor(t / 10) % 10}`);
    mkdirSync(folder, { recursive: true });
    const yaml = t % 2 === 1;
    const text = (yaml ? yamlTemplate : jsonTemplate)(t * TREE_BUCKETS_PER_TEMPLATE, TREE_BUCKETS_PER_TEMPLATE);
    bytes += writeTemplate(join(folder, `template-${t % 10}.${yaml ? 'yaml' : 'json'}`), text, TREE_BUCKETS_PER_TEMPLATE);
  }
  const name = `tree of ${TREE_TEMPLATES.toLocaleString('en-US')} templates x ${TREE_BUCKETS_PER_TEMPLATE} buckets, half JSON, half YAML`;
  inputs.push({ name, path: tree, templates: TREE_TEMPLATES, buckets: TREE_TEMPLATES * TREE_BUCKETS_PER_TEMPLATE, bytes });
  return inputs;
}

// ---------------------------------------------------------------------------------------------
// Checking what mpu-check read.

interface JsonReport {
  readonly resources: ReadonlyArray<{ readonly id: string; readonly verdict: string }>;
  readonly errors: ReadonlyArray<{ readonly file: string; readonly line: number | null; readonly message: string }>;
  readonly templatesChecked: number;
  readonly terraformModulesChecked?: number;
  readonly terraformPlansChecked?: number;
}

/** The JSON report of a run, or a description of the crash. */
const reportOf = (result: Run) => reportOfRun<JsonReport>(result);

/** Stops the run unless every generated bucket has the verdict it was written to have. */
function verifyGenerated(input: Input, report: JsonReport, build: string): void {
  const wrong: string[] = [];
  if (report.templatesChecked !== input.templates) wrong.push(`${report.templatesChecked} templates read, ${input.templates} written`);
  if (report.resources.length !== input.buckets) wrong.push(`${report.resources.length} buckets found, ${input.buckets} written`);
  if (report.errors.length > 0) wrong.push(`errors: ${JSON.stringify(report.errors.slice(0, 3))}`);
  for (const resource of report.resources) {
    const expected = EXPECTED_VERDICT[kindOf(Number(resource.id.replace('Bucket', '')))];
    if (resource.verdict !== expected) {
      wrong.push(`${resource.id}: ${resource.verdict}, expected ${expected}`);
      break;
    }
  }
  if (wrong.length > 0) throw new Error(`mpu-check (${build}) gave a wrong answer on ${input.name}: ${wrong.join('; ')}`);
}

/** Every file of `dir` (recursively) that a directory search of mpu-check reads, sorted. */
function templateFiles(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory() && !name.startsWith('.') && name !== 'node_modules') files.push(...templateFiles(path));
    else if (stat.isFile() && TEMPLATE_EXTENSIONS.has(extname(name).toLowerCase())) files.push(path);
  }
  return files;
}

// ---------------------------------------------------------------------------------------------

/** The cfn-lint a user's CI runs: the executable itself, not a version manager's shim in front of it. */
function findCfnLint(): { command: string; version: string } | undefined {
  for (const find of [() => execFileSync('pyenv', ['which', 'cfn-lint'], { encoding: 'utf8' }).trim(), () => 'cfn-lint']) {
    try {
      const command = find();
      const version = execFileSync(command, ['--version'], { encoding: 'utf8' }).trim();
      return { command, version };
    } catch {
      // Try the next one.
    }
  }
  return undefined;
}

interface Variant extends Measured {
  readonly name: string;
  readonly command: string;
  readonly args: string[];
  readonly node: boolean;
  readonly input?: Input;
}

/** A build of mpu-check that is timed: this one, or the baseline. */
interface Build {
  readonly label: string;
  readonly bin: string;
}

/** The commit a build was made from, when its folder is a git checkout. */
function commitOf(bin: string): string {
  try {
    const commit = execFileSync('git', ['-C', join(bin, '..'), 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['-C', join(bin, '..'), 'status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim();
    return dirty ? `${commit} + uncommitted changes` : commit;
  } catch {
    return 'not a git checkout';
  }
}

async function main(): Promise<void> {
  const rounds = Number(argument('rounds') ?? '5');
  const corpus = argument('corpus');
  const terraformCorpus = argument('terraform-corpus');
  if (!Number.isInteger(rounds) || rounds < 1) {
    throw new Error('usage: bench-check.ts [--corpus DIR] [--terraform-corpus DIR] [--baseline-bin OTHER/bin/mpu-check] [--rounds N] (N >= 1)');
  }
  if (!existsSync(join(REPO, 'lib', 'cli', 'mpu-check', 'main.js'))) throw new Error('lib/ is not built: run npx projen compile && npx projen post-compile');
  const baseline = baselineBin();
  const builds: Build[] = [{ label: 'this build', bin: MPU_CHECK }, ...(baseline ? [{ label: 'baseline', bin: baseline }] : [])];
  const probe = probeMemory();
  const cfnLint = corpus ? findCfnLint() : undefined;
  const options = [corpus && `--corpus ${corpus}`, terraformCorpus && `--terraform-corpus ${terraformCorpus}`, baseline && `--baseline-bin ${baseline}`];
  const command = ['npx ts-node --project tsconfig.dev.json --transpile-only scripts/bench/bench-check.ts', ...options.filter(Boolean), `--rounds ${rounds}`].join(' ');
  console.log(`machine: ${cpus().length} CPUs (${cpus()[0]?.model.trim()}), node ${process.version}, `
    + `${cfnLint ? cfnLint.version : 'cfn-lint: not run'}, load average at start: ${loadavg().map(l => l.toFixed(1)).join(' ')}`);
  console.log(`command: ${command}`);
  for (const build of builds) console.log(`${build.label}: ${build.bin} (${commitOf(build.bin)})`);
  console.log(`peak memory: ${probe === 'gnu-time' ? `${GNU_TIME} -f %M (maxRSS of the command and its children)`
    : 'process.resourceUsage().maxRSS in a preloaded module, mpu-check only: cfn-lint\'s memory is NOT measured (no GNU time here)'}`);

  const dir = mkdtempSync(join(tmpdir(), 'bench-check-'));
  const cleanUp = () => rmSync(dir, { recursive: true, force: true });
  process.once('SIGINT', () => {
    cleanUp();
    process.exit(130);
  });
  try {
    const variant = (name: string, cmd: string, args: string[], node: boolean, input?: Input): Variant =>
      ({ name, command: cmd, args, node, input, seconds: [], cpu: [], rss: [], statuses: new Set() });
    const variants: Variant[] = [];
    const pairs: Pair<Variant>[] = [];
    /** One input, timed with each build; this build's variant is returned. */
    const timeEachBuild = (name: string, args: string[], input?: Input): Variant => {
      const [current, old] = builds.map(build => variant(build === builds[0] ? name : `${name} (baseline)`, build.bin, args, true, input));
      variants.push(current);
      if (old) {
        variants.push(old);
        pairs.push({ name, current, baseline: old });
      }
      return current;
    };
    /** Each build's JSON report on `path`; a crash stops the run. */
    const reports = async (path: string, what: string): Promise<JsonReport[]> => Promise.all(builds.map(async (build) => {
      const run = await measuredRun(probe, build.bin, ['--format', 'json', path], true);
      const report = reportOf(run);
      if (typeof report === 'string') throw new Error(`mpu-check (${build.label}) crashed on ${what}: ${report}\n${run.stderr}`);
      return report;
    }));
    timeEachBuild('mpu-check --version (start-up only)', ['--version']);

    // The corpus: what mpu-check reads there, and that it read all of it without a crash.
    let corpusFiles: string[] = [];
    let corpusReport: JsonReport | undefined;
    const notes: string[] = [];
    if (!corpus) {
      console.log('corpus: not measured. Give --corpus DIR (a directory of CloudFormation/SAM templates, e.g. a clone of aws-cloudformation-templates) to time mpu-check against cfn-lint.');
    } else {
      corpusFiles = templateFiles(corpus);
      const [report, old] = await reports(corpus, 'the corpus');
      corpusReport = report;
      if (old) notes.push(`corpus, baseline: ${old.templatesChecked} templates, ${old.resources.length} buckets, ${old.errors.length} errors, no crash`);
      timeEachBuild('corpus: mpu-check DIR', [corpus]);
      if (cfnLint) variants.push(variant(`corpus: cfn-lint FILE... (${corpusFiles.length} files)`, cfnLint.command, corpusFiles, false));
      else console.log('cfn-lint: not found, so the corpus is timed for mpu-check only');
    }
    if (terraformCorpus) {
      const all = await reports(terraformCorpus, 'the Terraform corpus');
      all.forEach((report, i) => notes.push(`Terraform corpus, ${builds[i].label}: ${report.terraformModulesChecked ?? 0} root modules and `
        + `${report.terraformPlansChecked ?? 0} plans, ${report.resources.length} buckets, ${report.errors.length} errors, no crash`));
      timeEachBuild('Terraform corpus: mpu-check DIR', [terraformCorpus]);
    }

    const inputs = generate(dir);
    for (const input of inputs) {
      (await reports(input.path, input.name)).forEach((report, i) => verifyGenerated(input, report, builds[i].label));
      timeEachBuild(input.name, [input.path], input);
    }
    console.log(`generated inputs checked${baseline ? ', with each build' : ''}: every bucket has its expected verdict (${KINDS.map(k => `${k} ${EXPECTED_VERDICT[k]}`).join(', ')})`);

    await timeRounds(variants, rounds, v => measuredRun(probe, v.command, v.args, v.node));

    const cpuMeasured = variants.every(v => v.cpu.length === rounds);
    const startUp = { wall: median(variants[0].seconds), cpu: cpuMeasured ? median(variants[0].cpu) : NaN };
    const rows = variants.filter(v => !pairs.some(p => p.baseline === v)).map(v => {
      const wall = median(v.seconds);
      const cpu = cpuMeasured ? median(v.cpu) : NaN;
      const perBucket = (total: number, offset: number) => (v.input ? fixed(((total - offset) / v.input.buckets) * 1e6, 0) : '');
      return [v.name, v.input ? (v.input.bytes / 2 ** 20).toFixed(2) : '', wall.toFixed(2),
        `${Math.min(...v.seconds).toFixed(2)}-${Math.max(...v.seconds).toFixed(2)}`, fixed(cpu, 2),
        perBucket(wall, 0), perBucket(wall, startUp.wall), perBucket(cpu, startUp.cpu),
        mib(v.rss.length ? median(v.rss) : undefined), [...v.statuses].join(',')];
    });
    console.log(`\nThis build. Medians of ${rounds} rounds. CPU: user + system of the process${cpuMeasured ? '' : ' (not measured: no GNU time)'}. `
      + `"net": minus mpu-check's start-up (mpu-check --version: ${(startUp.wall * 1000).toFixed(0)} ms wall, ${fixed(startUp.cpu * 1000, 0)} ms CPU)\n`);
    console.log(table(['run', 'input MiB', 'wall s', 'min-max s', 'CPU s', 'µs/bucket', 'net µs/bucket (wall)', 'net µs/bucket (CPU)',
      'peak RSS', 'exit codes'], rows));
    if (pairs.length > 0) {
      console.log(`\nThis build beside the baseline, in the same ${rounds} rounds. "this / baseline" and "this - baseline" are the medians over the rounds `
        + 'of the ratio and the difference within a round.\n');
      console.log(comparisonTable(pairs));
    }

    const byName = (name: string) => variants.find(v => v.name.startsWith(name));
    const verdicts: string[] = [...notes];
    if (corpusReport) {
      const mpu = byName('corpus: mpu-check');
      const lint = byName('corpus: cfn-lint');
      // An error can be about a template that was read (its nested stack's file is missing): count each file once.
      const unreadable = new Set(corpusReport.errors.filter(e => e.line === null || /^not valid/.test(e.message)).map(e => e.file));
      const read = corpusReport.templatesChecked + [...unreadable].filter(file => corpusFiles.includes(file)).length;
      verdicts.push(`corpus: ${corpusFiles.length} files; mpu-check read ${corpusReport.templatesChecked} templates and `
        + `${corpusReport.resources.length} buckets, with ${corpusReport.errors.length} errors and no crash `
        + `(${read} of ${corpusFiles.length} files accounted for: templates read plus files it could not read)`);
      for (const error of corpusReport.errors) verdicts.push(`  error: ${error.file}${error.line === null ? '' : `:${error.line}`}: ${error.message}`);
      const pair = pairs.find(p => p.current === mpu);
      if (lint) {
        const share = pairedRatio(mpu, lint);
        const baselineShare = pair ? `; the baseline took ${(pairedRatio(pair.baseline, lint) * 100).toFixed(2)}%` : '';
        verdicts.push(`corpus: mpu-check took ${(share * 100).toFixed(2)}% of cfn-lint's wall time (${fixed(pairedRatio(mpu, lint, 'cpu') * 100, 2)}% of its CPU time)`
          + `${baselineShare}; target < 5%: ${share < 0.05 ? 'met' : 'NOT met'}`);
      }
      if (pair) {
        const ratio = pairedRatio(pair.current, pair.baseline);
        verdicts.push(`corpus: this build / the baseline: ${ratio.toFixed(3)}x the wall time, ${fixed(pairedRatio(pair.current, pair.baseline, 'cpu'), 3)}x the CPU time; `
          + `target < 1.05: ${ratio < 1.05 ? 'met' : 'NOT met'}`);
      }
    }
    const full = RESOURCES_PER_TEMPLATE;
    for (const [format] of FORMATS) {
      const one = byName(`${full} buckets, 1 template, ${format}`)!;
      const many = byName(`${FULL_TEMPLATES} templates x ${full} buckets, ${format}`)!;
      const growth = (of: 'seconds' | 'cpu', offset: number) => (median(many[of]) - offset) / (median(one[of]) - offset);
      verdicts.push(`${format}: net of start-up, ${FULL_TEMPLATES} templates of ${full} buckets took ${growth('seconds', startUp.wall).toFixed(1)}x the wall time `
        + `of one and ${fixed(growth('cpu', startUp.cpu), 1)}x its CPU time (linear: ${FULL_TEMPLATES}x)`);
    }
    const yaml = byName(`${FULL_TEMPLATES} templates x ${full} buckets, YAML`);
    const json = byName(`${FULL_TEMPLATES} templates x ${full} buckets, JSON`);
    verdicts.push(`YAML / JSON at ${(FULL_TEMPLATES * full).toLocaleString('en-US')} buckets: ${pairedRatio(yaml, json).toFixed(1)}x the wall time, `
      + `${fixed(pairedRatio(yaml, json, 'cpu'), 1)}x the CPU time (the same buckets; the YAML files are smaller)`);
    console.log(`\n${verdicts.map(v => (v.startsWith('  ') ? v : `- ${v}`)).join('\n')}`);
    console.log(`\nload average at end: ${loadavg().map(l => l.toFixed(1)).join(' ')}`);
  } finally {
    cleanUp();
  }
}

main().catch(error => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
