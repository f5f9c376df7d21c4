/**
 * Inputs written to hurt mpu-check, generated (never stored): for its hostile-input tests
 * (test/cli/mpu-check/hostile-input.test.ts) and for the figures of scripts/bench/bench-hostile.ts.
 * Each case writes its files below a directory and names the mpu-check arguments that read them.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A string no output may ever show: the content of a file mpu-check must not read. */
export const SECRET = 'hostile-input-secret-4f1c9e';

export interface HostileCase {
  readonly name: string;
  /** Writes the case's files below `root` (and, for the boundary, beside it in `outside`). */
  readonly write: (root: string, outside: string) => void;
  /** mpu-check's arguments, run in `root`. */
  readonly args: readonly string[];
}

const bucket = (id: string) => `  ${id}:\n    Type: AWS::S3::Bucket\n`;
/** A YAML template of one bucket, which also holds SECRET: a file outside the root that must never be read. */
export const SECRET_TEMPLATE = `Resources:\n${bucket(SECRET)}`;
export const TEMPLATE = `Resources:\n${bucket('Logs')}`;

function write(path: string, text: string | Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** JSON nested `depth` deep under Resources. */
export function deepJson(depth: number): string {
  return `{"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": ${'['.repeat(depth)}${']'.repeat(depth)}}}}`;
}

/** YAML nested `depth` deep, in flow style and in block style. */
export function deepYaml(depth: number, style: 'flow' | 'block'): string {
  if (style === 'flow') return `Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
  return `Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n${Array.from({ length: depth }, (_, i) => `${' '.repeat(6 + i)}- \n`).join('')}`;
}

/** A `.tf` file whose local nests `depth` deep. */
export function deepHcl(depth: number): string {
  return `locals {\n  x = ${'['.repeat(depth)}${']'.repeat(depth)}\n}\n`;
}

/** `Fn::ForEach` over `count` names, one bucket each. */
export function forEachTemplate(count: number): string {
  const names = JSON.stringify(Array.from({ length: count }, (_, i) => `b${i}`));
  return `{"Transform": "AWS::LanguageExtensions", "Resources": {"Fn::ForEach::Buckets": ["N", ${names}, {"Bucket\${N}": {"Type": "AWS::S3::Bucket"}}]}}`;
}

/** Loops nested `levels` deep, each over `width` names: width^levels buckets. */
export function nestedForEachTemplate(width: number, levels: number): string {
  const names = (level: number) => JSON.stringify(Array.from({ length: width }, (_, i) => `l${level}n${i}`));
  let body = `{"Bucket${Array.from({ length: levels }, (_, l) => `\${N${l}}`).join('')}": {"Type": "AWS::S3::Bucket"}}`;
  for (let level = levels - 1; level >= 0; level--) body = `{"Fn::ForEach::L${level}": ["N${level}", ${names(level)}, ${body}]}`;
  return `{"Transform": "AWS::LanguageExtensions", "Resources": ${body}}`;
}

/** An outer loop over `count` names whose inner loop is over nothing: every copy of the body is thrown away. */
export function emptyForEachTemplate(count: number): string {
  const names = JSON.stringify(Array.from({ length: count }, (_, i) => `n${i}`));
  return `{"Transform": "AWS::LanguageExtensions", "Resources": {"Fn::ForEach::Outer": ["N", ${names}, {"Fn::ForEach::Inner": ["M", [], {"B\${N}\${M}": {"Type": "AWS::S3::Bucket"}}]}]}}`;
}

/** One loop of 400 buckets each carrying `bytes` of metadata: CloudFormation's 1 MB applies to what it expands to. */
export function heavyForEachTemplate(bytes: number): string {
  const names = JSON.stringify(Array.from({ length: 400 }, (_, i) => `b${i}`));
  return `{"Transform": "AWS::LanguageExtensions", "Resources": {"Fn::ForEach::Heavy": ["N", ${names}, {"Bucket\${N}": {"Type": "AWS::S3::Bucket", "Metadata": {"blob": "${'x'.repeat(bytes)}"}}}]}}`;
}

/** YAML aliases that expand to `width`^`levels` values: a "billion laughs". */
export function billionLaughs(levels: number, width: number): string {
  const lines = ['a0: &a0 [x]'];
  for (let level = 1; level <= levels; level++) lines.push(`a${level}: &a${level} [${Array(width).fill(`*a${level - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Metadata: *a${levels}\n`;
}

/** A plan of `buckets` buckets, about 600 bytes each. */
export function planJson(buckets: number): string {
  const resources = Array.from({ length: buckets }, (_, i) => ({
    address: `aws_s3_bucket.b[${i}]`,
    mode: 'managed',
    type: 'aws_s3_bucket',
    name: 'b',
    index: i,
    values: { bucket: `bucket-${i}`, force_destroy: false, tags: { Name: 'x'.repeat(300), Team: 'platform' } },
  }));
  return JSON.stringify({ format_version: '1.2', terraform_version: '1.11.0', planned_values: { root_module: { resources } }, resource_changes: [] });
}

/** A .tf file of `buckets` buckets of about 280 bytes. */
export function bucketsTf(buckets: number): string {
  return Array.from({ length: buckets }, (_, i) => `resource "aws_s3_bucket" "b${i}" {\n  bucket = "b-${i}"\n  tags = { a = "${'x'.repeat(200)}" }\n}\n`).join('');
}

/** Locals that each join the previous one to itself: a string of 2^`doublings` characters. */
export function doublingLocalsTf(doublings: number): string {
  const locals = Array.from({ length: doublings }, (_, i) => `  s${i + 1} = "\${local.s${i}}\${local.s${i}}"`).join('\n');
  return `locals {\n  s0 = "ab"\n${locals}\n}\nresource "aws_s3_bucket" "b" {\n  bucket = local.s${doublings}\n}\n`;
}

/** `for` expressions nested `levels` deep over range(1000): 1000^levels steps to evaluate. */
export function nestedForTf(levels: number): string {
  let expression = 'x0';
  for (let level = levels - 1; level >= 0; level--) expression = `[for x${level} in range(1000) : ${expression}]`;
  return `locals {\n  grid = ${expression}\n}\nresource "aws_s3_bucket" "b" {\n  count = length(local.grid)\n}\n`;
}

/** Modules a and b that call each other, twice each: a cycle that fans out. */
function cyclingModules(root: string): void {
  write(join(root, 'a', 'main.tf'), 'module "b1" {\n  source = "../b"\n}\nmodule "b2" {\n  source = "../b"\n}\n');
  write(join(root, 'b', 'main.tf'), 'module "a1" {\n  source = "../a"\n}\nmodule "a2" {\n  source = "../a"\n}\nresource "aws_s3_bucket" "x" {}\n');
}

/** A chain of `depth` modules, each calling the next twice: 2^depth module instances. */
function fanOutModules(root: string, depth: number): void {
  for (let level = 0; level < depth; level++) {
    const calls = level + 1 < depth ? `module "left" {\n  source = "../m${level + 1}"\n}\nmodule "right" {\n  source = "../m${level + 1}"\n}\n` : '';
    write(join(root, `m${level}`, 'main.tf'), `${calls}resource "aws_s3_bucket" "b" {}\n`);
  }
}

/** Every case, as the benchmark runs them; the tests build the same inputs with their own expectations. */
export const HOSTILE_CASES: readonly HostileCase[] = [
  {
    name: 'nested stacks that leave the root (absolute, relative, SAM)',
    write: (root, outside) => {
      write(join(outside, 'secret.yaml'), SECRET_TEMPLATE);
      write(join(root, 't.yaml'), `Resources:\n  A:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ${join(outside, 'secret.yaml')}\n`
        + '  B:\n    Type: AWS::Serverless::Application\n    Properties:\n      Location: ../outside/secret.yaml\n');
    },
    args: ['t.yaml'],
  },
  {
    name: 'a symbolic link to /dev/zero, and a FIFO, named t.yaml',
    write: (root) => {
      mkdirSync(join(root, 'fifo'), { recursive: true });
      execFileSync('mkfifo', [join(root, 'fifo', 't.yaml')]);
      mkdirSync(join(root, 'zero'), { recursive: true });
      symlinkSync('/dev/zero', join(root, 'zero', 't.yaml'));
    },
    args: ['.'],
  },
  {
    name: 'a directory loop of symbolic links, 20 links wide',
    write: (root) => {
      write(join(root, 'tree', 't.yaml'), TEMPLATE);
      for (let i = 0; i < 20; i++) symlinkSync('..', join(root, 'tree', `up${i}`));
    },
    args: ['tree'],
  },
  { name: 'JSON nested 1,000,000 deep (2 MB)', write: root => write(join(root, 'deep.json'), deepJson(1_000_000)), args: ['deep.json'] },
  { name: 'YAML nested 500,000 deep, flow style (1 MB)', write: root => write(join(root, 'deep.yaml'), deepYaml(499_000, 'flow')), args: ['deep.yaml'] },
  { name: 'YAML nested 1,000 deep, block style (0.5 MB)', write: root => write(join(root, 'deep.yaml'), deepYaml(1000, 'block')), args: ['deep.yaml'] },
  { name: 'HCL nested 100,000 deep (0.2 MB)', write: root => write(join(root, 'tf', 'main.tf'), deepHcl(100_000)), args: ['tf'] },
  { name: 'a YAML billion laughs (9 levels of 9 aliases)', write: root => write(join(root, 'laughs.yaml'), billionLaughs(9, 9)), args: ['laughs.yaml'] },
  { name: 'a 990 KB YAML template of 20,000 buckets', write: root => write(join(root, 'big.yaml'), `Resources:\n${Array.from({ length: 20_000 }, (_, i) => bucket(`Bucket${i}`)).join('')}`.slice(0, 990_000).replace(/\n[^\n]*$/, '\n')), args: ['big.yaml'] },
  { name: 'a 30 MB YAML file', write: root => write(join(root, 'huge.yaml'), `Resources:\n${bucket('B')}${'# padding\n'.repeat(3_000_000)}`), args: ['huge.yaml'] },
  { name: 'Fn::ForEach over 100,000 names', write: root => write(join(root, 'loop.json'), forEachTemplate(100_000)), args: ['loop.json'] },
  { name: 'Fn::ForEach nested 4 deep over 30 names (810,000 buckets)', write: root => write(join(root, 'loops.json'), nestedForEachTemplate(30, 4)), args: ['loops.json'] },
  { name: 'Fn::ForEach over 100,000 names with an empty inner loop', write: root => write(join(root, 'empty.json'), emptyForEachTemplate(100_000)), args: ['empty.json'] },
  { name: 'Fn::ForEach of 400 buckets of 2 KB each', write: root => write(join(root, 'heavy.json'), heavyForEachTemplate(2000)), args: ['heavy.json'] },
  { name: 'a 16 MB plan of 25,000 buckets', write: root => write(join(root, 'plan.json'), planJson(25_000)), args: ['plan.json'] },
  { name: 'a 250 KB .tf file of 900 buckets', write: root => write(join(root, 'tf', 'main.tf'), bucketsTf(900)), args: ['tf'] },
  {
    name: '70 modules of 250 KB (past the 16 MiB of Terraform a run reads), and a 16 MB plan',
    write: (root) => {
      write(join(root, 'plan.json'), planJson(25_000));
      const tf = bucketsTf(900);
      for (let i = 0; i < 70; i++) write(join(root, `m${i}`, 'main.tf'), tf.replace(/"b(\d+)"/g, `"b${i}_$1"`));
    },
    args: ['.'],
  },
  { name: 'count = 1e300', write: root => write(join(root, 'tf', 'main.tf'), 'resource "aws_s3_bucket" "b" {\n  count = 1e300\n}\n'), args: ['tf'] },
  { name: 'for_each over range(1e9)', write: root => write(join(root, 'tf', 'main.tf'), 'resource "aws_s3_bucket" "b" {\n  for_each = toset([for i in range(1e9) : tostring(i)])\n}\n'), args: ['tf'] },
  { name: 'a string doubled 40 times (2^41 characters)', write: root => write(join(root, 'tf', 'main.tf'), doublingLocalsTf(40)), args: ['tf'] },
  { name: 'for expressions nested 3 deep over range(1000)', write: root => write(join(root, 'tf', 'main.tf'), nestedForTf(3)), args: ['tf'] },
  { name: 'modules in a cycle that fans out', write: root => cyclingModules(join(root, 'tf')), args: ['tf/a'] },
  { name: 'modules 16 deep, each calling the next twice', write: root => fanOutModules(join(root, 'tf'), 16), args: ['tf/m0'] },
];
