/**
 * mpu-check's speed and memory on Terraform (not a test):
 *
 *   npx projen compile && npx projen post-compile
 *   npx ts-node --project tsconfig.dev.json --transpile-only scripts/bench/bench-check-terraform.ts [--rounds N] [--no-profile]
 *     [--baseline-bin OTHER/bin/mpu-check]
 *
 * Generates, in a temporary directory deleted at the end, two trees of Terraform modules written
 * the way module repositories are: 20 and 200 module directories of 10 `.tf` files each (200 and
 * 2,000 files). In each group of 10 directories, one root module calls three others with a local
 * source (one of them with for_each over two keys) and the other six are root modules of their
 * own. Each directory holds variables with defaults, locals, for_each and count buckets, dynamic
 * rules, an inline (provider v3) lifecycle_rule, a bucket without lifecycle, a rule whose days are
 * known only after apply, and resources that are not buckets. Every bucket's verdict is checked
 * against the one it was written to have, and the counts against what was generated: a wrong
 * answer stops the run.
 *
 * Spawns the built `bin/mpu-check --format json` as a user runs it, one process per run,
 * round-robin over --rounds rounds, and takes wall time, CPU time and peak RSS (GNU time's
 * `%M %U %S`, or else process.resourceUsage in a preloaded module). With --baseline-bin (another
 * build's bin/mpu-check), every run is also made with that build in the same rounds, its reports
 * checked the same way, and each input gets the ratio this build / the baseline (the median over
 * the rounds of the ratio within a round). Then, unless --no-profile, it
 * runs the check once in this process on the 2,000-file tree with the HCL parser's two calls timed
 * (file parse, expression syntax trees) and the source scanner timed, to show where the time goes.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { argument, baselineBin, comparisonTable, fixed, GNU_TIME, Measured, measuredRun, MemoryProbe, mib, Pair, probeMemory, reportOf as reportOfRun, Run, table, timeRounds } from './measured-run';
import { median } from './median';

/* eslint-disable no-console */

const REPO = join(__dirname, '..', '..');
const MPU_CHECK = join(REPO, 'bin', 'mpu-check');

/** Runs the built `mpu-check ARGS` (this build's, or `bin`) as a user runs it, measured. */
const runCheck = (probe: MemoryProbe, args: string[], bin = MPU_CHECK) => measuredRun(probe, bin, args, true);

// ---------------------------------------------------------------------------------------------
// The generated modules. Each directory has the same 10 files; what changes is its role in its
// group of 10: the caller (index 0), a module it calls (1 to 3), or a root module of its own.

const FILES_PER_MODULE = 10;
const GROUP = 10;
/** Module 1 is called with for_each over these keys: its buckets are judged once per instance, under one address. */
const CALL_KEYS = ['blue', 'green'];

/** The buckets of each module (by block name) and the verdict each must get. */
const EXPECTED_VERDICT: Record<string, string> = {
  plain_ok: 'COMPLIANT',
  plain_late: 'TOO_LATE',
  plain_unknown: 'UNRESOLVED',
  per_name: 'TOO_LATE',
  dynamic_rules: 'COMPLIANT',
  inline_v3: 'COMPLIANT',
  no_lifecycle: 'MISSING',
  counted: 'COMPLIANT',
};
/** Per module instance: bucket instances (count and for_each expanded) and lifecycle configuration instances. */
const BUCKET_INSTANCES = 1 + 3 + 1 + 3 + 1 + 1 + 1 + 2;
const CONFIGURATION_INSTANCES = 1 + 3 + 1 + 3 + 1 + 2;
/** Per module directory, as written: bucket blocks and lifecycle configuration blocks. */
const BUCKET_BLOCKS = Object.keys(EXPECTED_VERDICT).length;
const CONFIGURATION_BLOCKS = 6;

function moduleFiles(index: number, group: number): Record<string, string> {
  const role = index % GROUP;
  const calls = role !== 0 ? '' : `
module "called_1" {
  source     = "../mod-${group}-1"
  for_each   = toset(${JSON.stringify(CALL_KEYS)})
  env        = each.key
  abort_days = var.abort_days
}

module "called_2" {
  source     = "../mod-${group}-2"
  env        = "\${var.env}-two"
  abort_days = 5
}

module "called_3" {
  source = "../mod-${group}-3"
  env    = local.name_prefix
}
`;
  const rule = (id: string, days: string, filter = 'filter {}') => `
  rule {
    id     = "${id}"
    status = "Enabled"
    ${filter}
    abort_incomplete_multipart_upload {
      days_after_initiation = ${days}
    }
  }`;
  return {
    'versions.tf': `terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}
`,
    'variables.tf': `variable "env" {
  type    = string
  default = "dev"
}

variable "abort_days" {
  type        = number
  default     = 7
  description = "Days after which incomplete multipart uploads are aborted"
}

variable "names" {
  type    = list(string)
  default = ["raw", "curated", "archive"]
}

variable "tags" {
  type    = map(string)
  default = { team = "data", cost_center = "${1000 + index}" }
}
`,
    'locals.tf': `locals {
  name_prefix = "\${var.env}-m${index}"
  days_by_name = {
    raw     = var.abort_days
    curated = min(var.abort_days, 3)
    archive = var.abort_days * 2
  }
  rules = {
    abort  = { days = var.abort_days, prefix = null }
    expire = { days = null, prefix = "tmp/" }
  }
  common_tags = merge(var.tags, { module = "m${index}" })
}
`,
    'plain.tf': `resource "aws_s3_bucket" "plain_ok" {
  bucket = "\${local.name_prefix}-plain-ok"
  tags   = local.common_tags
}

resource "aws_s3_bucket_lifecycle_configuration" "plain_ok" {
  bucket = aws_s3_bucket.plain_ok.id
${rule('abort-incomplete-uploads', '7')}

  rule {
    id     = "expire-logs"
    status = "Enabled"
    filter {
      prefix = "logs/"
    }
    expiration {
      days = 90
    }
  }
}

resource "aws_s3_bucket" "plain_late" {
  for_each = toset(["a", "b", "c"])
  bucket   = "\${local.name_prefix}-late-\${each.key}"
}

resource "aws_s3_bucket_lifecycle_configuration" "plain_late" {
  for_each = toset(["a", "b", "c"])
  bucket   = aws_s3_bucket.plain_late[each.key].bucket
${rule('abort-late', '30')}
}
`,
    'unknown.tf': `data "aws_ssm_parameter" "abort_days" {
  name = "/buckets/abort-days"
}

resource "aws_s3_bucket" "plain_unknown" {
  bucket = "\${local.name_prefix}-unknown"
}

resource "aws_s3_bucket_lifecycle_configuration" "plain_unknown" {
  bucket = aws_s3_bucket.plain_unknown.id
${rule('abort-from-ssm', 'tonumber(data.aws_ssm_parameter.abort_days.value)')}
}
`,
    'per-name.tf': `resource "aws_s3_bucket" "per_name" {
  for_each = toset(var.names)
  bucket   = "\${local.name_prefix}-\${each.key}"
  tags     = merge(local.common_tags, { name = each.key })
}

resource "aws_s3_bucket_lifecycle_configuration" "per_name" {
  for_each = toset(var.names)
  bucket   = aws_s3_bucket.per_name[each.key].id
${rule('abort-\${each.key}', 'lookup(local.days_by_name, each.key, var.abort_days)')}
}
`,
    'dynamic.tf': `resource "aws_s3_bucket" "dynamic_rules" {
  bucket = "\${local.name_prefix}-dynamic"
}

resource "aws_s3_bucket_lifecycle_configuration" "dynamic_rules" {
  bucket = aws_s3_bucket.dynamic_rules.id

  dynamic "rule" {
    for_each = { for name, spec in local.rules : name => spec if spec.days != null }
    content {
      id     = "\${rule.key}-incomplete-uploads"
      status = "Enabled"
      filter {}
      abort_incomplete_multipart_upload {
        days_after_initiation = rule.value.days
      }
    }
  }

  dynamic "rule" {
    for_each = [for name, spec in local.rules : spec if spec.prefix != null]
    iterator = expiring
    content {
      id     = "expire-\${replace(expiring.value.prefix, "/", "")}"
      status = "Enabled"
      filter {
        prefix = expiring.value.prefix
      }
      expiration {
        days = 14
      }
    }
  }
}
`,
    'legacy.tf': `# Provider v3 style, still common in older modules.
resource "aws_s3_bucket" "inline_v3" {
  bucket = "\${local.name_prefix}-legacy"

  lifecycle_rule {
    id                                     = "abort-incomplete-uploads"
    enabled                                = true
    abort_incomplete_multipart_upload_days = var.abort_days
  }

  lifecycle_rule {
    id      = "expire-tmp"
    enabled = true
    prefix  = "tmp/"
    expiration {
      days = 7
    }
  }
}

resource "aws_s3_bucket" "no_lifecycle" {
  bucket = "\${local.name_prefix}-bare"
}
`,
    'counted.tf': `resource "aws_s3_bucket" "counted" {
  count  = var.env == "prod" ? 3 : 2
  bucket = "\${local.name_prefix}-counted-\${count.index}"
}

resource "aws_s3_bucket_lifecycle_configuration" "counted" {
  count  = var.env == "prod" ? 3 : 2
  bucket = aws_s3_bucket.counted[count.index].id
${rule('abort-incomplete-uploads', 'var.abort_days')}
}
`,
    'other.tf': `${calls}
resource "aws_iam_role" "writer" {
  name               = "\${local.name_prefix}-writer"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_s3_bucket_public_access_block" "plain_ok" {
  bucket                  = aws_s3_bucket.plain_ok.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "plain_ok" {
  bucket = aws_s3_bucket.plain_ok.id
  versioning_configuration {
    status = "Enabled"
  }
}

output "bucket_names" {
  value = [for bucket in aws_s3_bucket.per_name : bucket.bucket]
}
`,
  };
}

interface Tree {
  readonly name: string;
  readonly path: string;
  readonly files: number;
  readonly bytes: number;
  readonly directories: number;
  readonly rootModules: number;
  /** Results mpu-check must give: one per bucket block per module directory. */
  readonly results: number;
  /** Bucket and lifecycle configuration blocks as written. */
  readonly blocks: number;
  /** Bucket and lifecycle configuration instances judged (count, for_each and module for_each expanded). */
  readonly instances: number;
}

function generate(dir: string, directories: number): Tree {
  const path = join(dir, `tree-${directories}`);
  let bytes = 0;
  let files = 0;
  for (let index = 0; index < directories; index++) {
    const group = Math.floor(index / GROUP);
    const folder = join(path, `group-${group}`, index % GROUP === 0 ? 'root' : `mod-${group}-${index % GROUP}`);
    mkdirSync(folder, { recursive: true });
    const written = moduleFiles(index, group);
    if (Object.keys(written).length !== FILES_PER_MODULE) throw new Error('the generator writes the wrong number of files');
    for (const [name, text] of Object.entries(written)) {
      writeFileSync(join(folder, name), text);
      bytes += Buffer.byteLength(text);
      files++;
    }
  }
  const groups = directories / GROUP;
  // Module 1 is evaluated once per key of its call's for_each.
  const moduleInstances = directories + groups * (CALL_KEYS.length - 1);
  return {
    name: `${groups * GROUP} modules x ${FILES_PER_MODULE} files (${files.toLocaleString('en-US')} .tf)`,
    path,
    files,
    bytes,
    directories,
    rootModules: groups * (GROUP - 3),
    results: directories * BUCKET_BLOCKS,
    blocks: directories * (BUCKET_BLOCKS + CONFIGURATION_BLOCKS),
    instances: moduleInstances * (BUCKET_INSTANCES + CONFIGURATION_INSTANCES),
  };
}

// ---------------------------------------------------------------------------------------------
// Checking what mpu-check read.

interface JsonReport {
  readonly resources: ReadonlyArray<{ readonly id: string; readonly verdict: string; readonly file: string }>;
  readonly errors: ReadonlyArray<{ readonly file: string; readonly line: number | null; readonly message: string }>;
  readonly terraformModulesChecked?: number;
}

const reportOf = (result: Run) => reportOfRun<JsonReport>(result);

/** Throws unless mpu-check found every module and bucket generated, each with its expected verdict. */
function verify(tree: Tree, report: JsonReport | string): void {
  if (typeof report === 'string') throw new Error(`mpu-check crashed on ${tree.name}: ${report}`);
  const wrong: string[] = [];
  if (report.terraformModulesChecked !== tree.rootModules) wrong.push(`${report.terraformModulesChecked} root modules checked, ${tree.rootModules} written`);
  if (report.resources.length !== tree.results) wrong.push(`${report.resources.length} buckets reported, ${tree.results} written`);
  if (report.errors.length > 0) wrong.push(`errors: ${JSON.stringify(report.errors.slice(0, 3))}`);
  const seen = new Set<string>();
  for (const resource of report.resources) {
    const name = /aws_s3_bucket\.(\w+)$/.exec(resource.id)?.[1] ?? '';
    seen.add(`${resource.file.replace(/[^/]+$/, '')} ${name}`);
    if (resource.verdict !== EXPECTED_VERDICT[name]) {
      wrong.push(`${resource.id} in ${resource.file}: ${resource.verdict}, expected ${EXPECTED_VERDICT[name] ?? 'no such bucket'}`);
      break;
    }
  }
  if (seen.size !== tree.results) wrong.push(`${seen.size} distinct buckets reported, ${tree.results} written`);
  if (wrong.length > 0) throw new Error(`mpu-check gave a wrong answer on ${tree.name}: ${wrong.join('; ')}`);
}

// ---------------------------------------------------------------------------------------------
// Where the time goes, in this process: the HCL parser's calls and the source scanner timed.

interface Profile {
  readonly totalMs: number;
  readonly parserStartMs: number;
  readonly parse: { calls: number; ms: number };
  readonly expressionTrees: { calls: number; ms: number };
  readonly scan: { calls: number; ms: number };
}

async function profile(path: string): Promise<Profile> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const syntax = require(join(REPO, 'lib', 'file-check', 'terraform', 'hcl-syntax.js')) as Record<string, unknown>;
  const source = require(join(REPO, 'lib', 'file-check', 'terraform', 'hcl-source.js')) as Record<string, unknown>;
  const check = require(join(REPO, 'lib', 'file-check', 'index.js')) as { checkPaths: (paths: string[], options: object) => Promise<unknown> };
  /* eslint-enable @typescript-eslint/no-require-imports */
  type Parser = { parseFile: (name: string, text: string) => Promise<unknown>; expressionTree: (expression: string) => Promise<unknown> };
  const real = (syntax.loadHclParser as () => Parser)();
  const now = () => Number(process.hrtime.bigint()) / 1e6;
  // The WebAssembly runtime starts on the first call: timed apart.
  const started = now();
  await real.expressionTree('1');
  const parserStartMs = now() - started;
  const parse = { calls: 0, ms: 0 };
  const expressionTrees = { calls: 0, ms: 0 };
  const scan = { calls: 0, ms: 0 };
  // One call at a time, so that the time of calls in flight together is not counted twice.
  let queue: Promise<unknown> = Promise.resolve();
  const timed = <T>(into: { calls: number; ms: number }, call: () => Promise<T>): Promise<T> => {
    const result = queue.then(async () => {
      const start = now();
      try {
        return await call();
      } finally {
        into.calls++;
        into.ms += now() - start;
      }
    });
    queue = result.catch(() => undefined);
    return result;
  };
  const wrapped: Parser = {
    parseFile: (name, text) => timed(parse, () => real.parseFile(name, text)),
    expressionTree: expression => timed(expressionTrees, () => real.expressionTree(expression)),
  };
  const originalLoad = syntax.loadHclParser;
  const originalScan = source.scanHclSource as (text: string) => unknown;
  syntax.loadHclParser = () => wrapped;
  source.scanHclSource = (text: string) => {
    const start = now();
    try {
      return originalScan(text);
    } finally {
      scan.calls++;
      scan.ms += now() - start;
    }
  };
  try {
    const start = now();
    await check.checkPaths([path], { maxDays: 7 });
    return { totalMs: now() - start, parserStartMs, parse, expressionTrees, scan };
  } finally {
    syntax.loadHclParser = originalLoad;
    source.scanHclSource = originalScan;
  }
}

// ---------------------------------------------------------------------------------------------

interface Variant extends Measured {
  readonly name: string;
  readonly bin: string;
  readonly args: string[];
  readonly tree?: Tree;
}

async function main(): Promise<void> {
  const rounds = Number(argument('rounds') ?? '5');
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error('usage: bench-check-terraform.ts [--rounds N] [--no-profile] [--baseline-bin OTHER/bin/mpu-check] (N >= 1)');
  if (!existsSync(join(REPO, 'lib', 'file-check', 'main.wasm.gz'))) throw new Error('lib/ is not built: run npx projen compile && npx projen post-compile');
  const baseline = baselineBin();
  const probe = probeMemory();
  console.log(`machine: ${cpus().length} CPUs (${cpus()[0]?.model.trim()}), node ${process.version}, load average at start: ${loadavg().map(l => l.toFixed(1)).join(' ')}`);
  console.log(`command: npx ts-node --project tsconfig.dev.json --transpile-only scripts/bench/bench-check-terraform.ts --rounds ${rounds}`
    + `${baseline ? ` --baseline-bin ${baseline}` : ''}`);
  console.log(`peak memory: ${probe === 'gnu-time' ? `${GNU_TIME} -f '%M %U %S'` : 'process.resourceUsage().maxRSS in a preloaded module (no GNU time: CPU not measured)'}`);

  const dir = mkdtempSync(join(tmpdir(), 'bench-check-terraform-'));
  const cleanUp = () => rmSync(dir, { recursive: true, force: true });
  process.once('SIGINT', () => {
    cleanUp();
    process.exit(130);
  });
  try {
    // The fixed cost of a run that meets HCL (the WebAssembly parser's start): one module of one compliant bucket.
    const one = join(dir, 'one-bucket');
    mkdirSync(one);
    writeFileSync(join(one, 'main.tf'), moduleFiles(0, 0)['legacy.tf'].replace(/\$\{local.name_prefix\}/g, 'one').replace('var.abort_days', '7')
      .replace(/resource "aws_s3_bucket" "no_lifecycle"[\s\S]*$/, ''));
    const trees = [generate(dir, 20), generate(dir, 200)];
    const variant = (name: string, bin: string, args: string[], tree?: Tree): Variant =>
      ({ name, bin, args, tree, seconds: [], cpu: [], rss: [], statuses: new Set() });
    const current = [variant('mpu-check --version (start-up only)', MPU_CHECK, ['--version']),
      variant('1 module, 1 bucket (Terraform start-up)', MPU_CHECK, ['--format', 'json', one]),
      ...trees.map(tree => variant(tree.name, MPU_CHECK, ['--format', 'json', tree.path], tree))];
    const pairs: Pair<Variant>[] = baseline ? current.map(v => ({ name: v.name, current: v, baseline: variant(`${v.name} (baseline)`, baseline, v.args, v.tree) })) : [];
    const variants = pairs.length > 0 ? pairs.flatMap(p => [p.current, p.baseline]) : current;
    for (const bin of baseline ? [MPU_CHECK, baseline] : [MPU_CHECK]) {
      const oneReport = reportOf(await runCheck(probe, ['--format', 'json', one], bin));
      if (typeof oneReport === 'string' || oneReport.resources.length !== 1 || oneReport.resources[0].verdict !== 'COMPLIANT') {
        throw new Error(`mpu-check (${bin}) gave a wrong answer on the one-bucket module: ${JSON.stringify(oneReport).slice(0, 300)}`);
      }
      for (const tree of trees) verify(tree, reportOf(await runCheck(probe, ['--format', 'json', tree.path], bin)));
    }
    console.log(`generated trees checked${baseline ? ', with each build' : ''}: every bucket has its expected verdict `
      + `(${Object.entries(EXPECTED_VERDICT).map(([name, verdict]) => `${name} ${verdict}`).join(', ')})`);

    // Every timed run's report is checked again.
    await timeRounds(variants, rounds, async (v) => {
      const result = await runCheck(probe, v.args, v.bin);
      if (v.tree) verify(v.tree, reportOf(result));
      return result;
    });

    const cpuMeasured = variants.every(v => v.cpu.length === rounds);
    const startUp = { wall: median(current[0].seconds), cpu: cpuMeasured ? median(current[0].cpu) : NaN };
    const rows = current.map(v => {
      const wall = median(v.seconds);
      const cpu = cpuMeasured ? median(v.cpu) : NaN;
      const per = (total: number, offset: number, count: number | undefined) => (count ? fixed(((total - offset) / count) * 1e6, 0) : '');
      return [v.name, v.tree ? `${v.tree.blocks} / ${v.tree.instances}` : '', v.tree ? (v.tree.bytes / 2 ** 20).toFixed(2) : '',
        wall.toFixed(2), `${Math.min(...v.seconds).toFixed(2)}-${Math.max(...v.seconds).toFixed(2)}`, fixed(cpu, 2),
        per(wall, startUp.wall, v.tree?.blocks), per(wall, startUp.wall, v.tree?.instances), per(cpu, startUp.cpu, v.tree?.instances),
        mib(v.rss.length ? median(v.rss) : undefined), [...v.statuses].join(',')];
    });
    console.log(`\nMedians of ${rounds} rounds. "net": minus mpu-check's start-up (mpu-check --version: ${(startUp.wall * 1000).toFixed(0)} ms wall, `
      + `${fixed(startUp.cpu * 1000, 0)} ms CPU). Resources: bucket + lifecycle configuration blocks as written / instances judged.\n`);
    console.log(table(['run', 'resources', 'input MiB', 'wall s', 'min-max s', 'CPU s', 'net µs/block (wall)', 'net µs/instance (wall)',
      'net µs/instance (CPU)', 'peak RSS', 'exit codes'], rows));

    // Growth: the ratio of the big tree to the small one within each round, so that a slow stretch of the machine weighs on both.
    const [, oneBucket, small, big] = current;
    const growthOver = (base: Variant | undefined) => median(small.seconds.map((_, i) =>
      (big.seconds[i] - (base?.seconds[i] ?? 0)) / (small.seconds[i] - (base?.seconds[i] ?? 0))));
    console.log(`\ngrowth, ${big.tree!.files} files against ${small.tree!.files} (10x the input), median of the per-round ratios (linear is 10x): `
      + `raw ${growthOver(undefined).toFixed(2)}x, net of mpu-check's start-up ${growthOver(current[0]).toFixed(2)}x, `
      + `net of the Terraform start-up (the one-bucket module) ${growthOver(oneBucket).toFixed(2)}x`);
    if (pairs.length > 0) {
      console.log(`\nThis build beside the baseline (${baseline}), in the same ${rounds} rounds. "this / baseline" and "this - baseline" are `
        + 'the medians over the rounds of the ratio and the difference within a round.\n');
      console.log(comparisonTable(pairs));
    }

    if (!process.argv.includes('--no-profile')) {
      const p = await profile(big.tree!.path);
      const rest = p.totalMs - p.parse.ms - p.expressionTrees.ms - p.scan.ms;
      const share = (ms: number) => `${ms.toFixed(0)} ms (${((ms / p.totalMs) * 100).toFixed(0)}%)`;
      console.log(`\nwhere the time goes, ${big.tree!.name}, in this process (the parser's calls timed one at a time; the WebAssembly start, `
        + `${p.parserStartMs.toFixed(0)} ms, is before and not in the total):\n`);
      console.log(table(['part', 'calls', 'time'], [
        ['HCL parse of each file (WebAssembly parse + JSON.parse)', String(p.parse.calls), share(p.parse.ms)],
        ['expression syntax trees (getExpressionAst, once per distinct expression)', String(p.expressionTrees.calls),
          share(p.expressionTrees.ms)],
        ['source scan for block positions and comments (scanHclSource)', String(p.scan.calls), share(p.scan.ms)],
        ['the rest: directory walk, evaluation, matching, judging', '', share(rest)],
        ['checkPaths in all', '', `${p.totalMs.toFixed(0)} ms`],
      ]));
    }
  } finally {
    cleanUp();
  }
}

main().catch(error => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
