import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  billionLaughs, bucketsTf, deepHcl, deepJson, deepYaml, doublingLocalsTf, emptyForEachTemplate, forEachTemplate, heavyForEachTemplate,
  nestedForEachTemplate, nestedForTf, planJson, SECRET, SECRET_TEMPLATE, TEMPLATE,
} from '../../../scripts/lib/hostile-inputs';
import { runMpuCheck } from '../../_helpers/run-mpu-check';
import { CliRun } from '../cli-run';

/*
 * mpu-check, as the built bin, on inputs a pull request can write to hurt it: each class of
 * issue 27, with what mpu-check must do. Every run must end (the runner kills it after 60 s),
 * with exit code 0, 1 or 2, without a stack trace, and without a word of a file it must not read.
 */

let base: string;
/** The repository mpu-check runs in. */
let root: string;
/** Beside it: what a reference that leaves the root reaches, holding SECRET. */
let outside: string;

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'mpu-check-hostile-'));
  root = join(base, 'repo');
  outside = join(base, 'outside');
  mkdirSync(root);
  mkdirSync(outside);
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

function write(path: string, text: string | Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** Runs mpu-check in `cwd` (default: the repository) and checks what every run must hold. */
function check(args: readonly string[], cwd = root, env: Record<string, string> = {}): CliRun {
  const run = runMpuCheck(args, cwd, env);
  expect(run.exitCode).not.toBeNull();
  expect([0, 1, 2]).toContain(run.exitCode);
  expect(`${run.stdout}${run.stderr}`).not.toMatch(/\n\s+at \S/);
  expect(`${run.stdout}${run.stderr}`).not.toContain('unexpected error');
  expect(`${run.stdout}${run.stderr}`).not.toContain(SECRET);
  return run;
}

/** The same input in all four formats: none of them may carry SECRET (check() looks). */
function checkEveryFormat(args: readonly string[]): CliRun {
  for (const format of ['json', 'sarif', 'gitlab']) check(['--format', format, ...args]);
  return check(args);
}

const errorLines = (run: CliRun) => run.stdout.split('\n').filter(line => / error: /.test(line));

describe('it reads only regular files inside its root', () => {
  test('a nested stack\'s TemplateURL (absolute) and a SAM Location (relative) that leave the root: one error at each, nothing read', () => {
    write(join(outside, 'secret.yaml'), SECRET_TEMPLATE);
    write(join(root, 't.yaml'), `Resources:\n  A:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ${join(outside, 'secret.yaml')}\n`
      + '  B:\n    Type: AWS::Serverless::Application\n    Properties:\n      Location: ../outside/secret.yaml\n');
    const run = checkEveryFormat(['--', 't.yaml']);
    expect(run.exitCode).toBe(2);
    expect(errorLines(run)).toEqual([
      `t.yaml:2: error: the template of nested stack A, ${join(outside, 'secret.yaml')}, is outside the root ${root}: not read (run mpu-check from a directory that holds both, or give --root)`,
      `t.yaml:6: error: the template of nested stack B, ${join('..', 'outside', 'secret.yaml')}, is outside the root ${root}: not read (run mpu-check from a directory that holds both, or give --root)`,
    ]);
  });

  test('a cloud assembly whose stack template, asset manifest and nested assembly lie outside the root: errors at its manifest', () => {
    write(join(outside, 'secret.json'), `{"Resources": ${SECRET}}`);
    write(join(outside, 'nested', 'manifest.json'), `{"version": "36.0.0", "artifacts": {"${SECRET}": {}}}`);
    write(join(root, 'cdk.out', 'manifest.json'), JSON.stringify({
      version: '36.0.0',
      artifacts: {
        Stack: { type: 'aws:cloudformation:stack', properties: { templateFile: '../../outside/secret.json' } },
        Assets: { type: 'cdk:asset-manifest', properties: { file: '../../outside/secret.json' } },
        Stage: { type: 'cdk:cloud-assembly', properties: { directoryName: '../../outside/nested' } },
      },
    }));
    const run = checkEveryFormat(['--', 'cdk.out']);
    expect(run.exitCode).toBe(2);
    expect(errorLines(run).map(line => line.replace(/, .*?, is outside/, ', PATH, is outside'))).toEqual([
      expect.stringMatching(/^cdk\.out\/manifest\.json: error: the asset manifest Assets, PATH, is outside the root /),
      expect.stringMatching(/^cdk\.out\/manifest\.json: error: the manifest of nested cloud assembly Stage, PATH, is outside the root /),
      expect.stringMatching(/^cdk\.out\/manifest\.json: error: the template of stack Stack, PATH, is outside the root /),
    ]);
  });

  test('a Terraform module whose source leaves the root: an error at the module block, the module is not read', () => {
    write(join(outside, 'mod', 'main.tf'), `resource "aws_s3_bucket" "${SECRET}" {}\n`);
    write(join(root, 'infra', 'main.tf'), 'module "shared" {\n  source = "../../outside/mod"\n}\n');
    const run = checkEveryFormat(['--', 'infra']);
    expect(run.exitCode).toBe(2);
    expect(errorLines(run)).toEqual([expect.stringMatching(/^infra\/main\.tf:1: error: module shared: its source .*outside\/mod is outside the root /)]);
  });

  test('symbolic links met by a search, to a template and to a directory outside the root: an error at each link, neither followed', () => {
    write(join(outside, 'secret.yaml'), SECRET_TEMPLATE);
    write(join(root, 'ok.yaml'), TEMPLATE);
    symlinkSync(join(outside, 'secret.yaml'), join(root, 'link.yaml'));
    symlinkSync(outside, join(root, 'linked-dir'));
    // A link to a file the search would not read anyway (a monorepo package's README) is no error.
    symlinkSync(join(outside, 'secret.yaml'), join(root, 'README.md'));
    const run = checkEveryFormat(['--', '.']);
    expect(run.exitCode).toBe(2);
    expect(errorLines(run)).toEqual([
      `link.yaml: error: is a symbolic link that leads outside the root ${root}: not read (run mpu-check from a directory that holds both, or give --root)`,
      `linked-dir: error: is a symbolic link that leads outside the root ${root}: not read (run mpu-check from a directory that holds both, or give --root)`,
    ]);
    expect(run.stdout).toMatch(/^ok\.yaml:2:3: error MultipartUpload-MPU1 Logs:/m);
  });

  test('/proc/self/environ, named, linked or as a TemplateURL, is never read, even with --root /', () => {
    symlinkSync('/proc/self/environ', join(root, 'environ.yaml'));
    write(join(root, 't.yaml'), 'Resources:\n  A:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: /proc/self/environ\n');
    const env = { MPU_CHECK_TEST_SECRET: SECRET };
    const named = check(['--root', '/', '--', '/proc/self/environ'], root, env);
    expect(named.stdout).toMatch(/^\/proc\/self\/environ: error: is on \/proc, \/sys or \/dev, not a regular file: not read$/m);
    const searched = check(['--root', '/', '--', '.'], root, env);
    expect(errorLines(searched)).toEqual([
      'environ.yaml: error: is on /proc, /sys or /dev, not a regular file: not read',
      't.yaml:2: error: the template of nested stack A, /proc/self/environ, is on /proc, /sys or /dev, not a regular file: not read',
    ]);
  });

  test('--root DIR: a path given outside it is an error, and references inside it are followed', () => {
    write(join(root, 'modules', 'bucket', 'main.tf'), 'resource "aws_s3_bucket" "this" {}\n');
    write(join(root, 'infra', 'prod', 'main.tf'), 'module "logs" {\n  source = "../../modules/bucket"\n}\n');
    write(join(outside, 'other.yaml'), SECRET_TEMPLATE);
    // From the repository root, infra/prod reaches ../../modules/bucket inside it.
    expect(check(['--', 'infra/prod']).stdout).toMatch(/^modules\/bucket\/main\.tf:1:1: error MultipartUpload-MPU1 module\.logs\.aws_s3_bucket\.this:/m);
    // From infra/prod the module is outside the current directory, until --root says where the tree is.
    const prod = join(root, 'infra', 'prod');
    expect(check(['--', '.'], prod).stdout).toMatch(/^main\.tf:1: error: module logs: its source .* is outside the root /m);
    expect(check(['--root', '../..', '--', '.'], prod).exitCode).toBe(1);
    const refused = check(['--root', '.', '--', join(outside, 'other.yaml')]);
    expect(refused.exitCode).toBe(2);
    expect(refused.stdout).toMatch(/other\.yaml: error: is outside the root .*: not read$/m);
  });
});

describe('it opens nothing but regular files, and walks each directory once', () => {
  test('a FIFO named t.yaml, found by a search or named: refused without opening it (which would wait forever)', () => {
    mkdirSync(join(root, 'pipes'));
    execFileSync('mkfifo', [join(root, 'pipes', 't.yaml')]);
    const searched = check(['--', 'pipes']);
    expect(errorLines(searched)).toEqual(['pipes/t.yaml: error: is a FIFO, not a regular file: not read']);
    expect(errorLines(check(['--', 'pipes/t.yaml']))).toEqual(['pipes/t.yaml: error: is a FIFO, not a regular file: not read']);
  });

  test('a symbolic link to /dev/zero named t.yaml: refused (outside the root, and on /dev under --root /)', () => {
    symlinkSync('/dev/zero', join(root, 't.yaml'));
    expect(errorLines(check(['--', '.']))).toEqual([expect.stringMatching(/^t\.yaml: error: is a symbolic link that leads outside the root /)]);
    expect(errorLines(check(['--root', '/', '--', '.']))).toEqual(['t.yaml: error: is on /proc, /sys or /dev, not a regular file: not read']);
  });

  test('a directory that links back to itself 20 times is walked once: its template is judged once', () => {
    write(join(root, 'tree', 't.yaml'), TEMPLATE);
    for (let i = 0; i < 20; i++) symlinkSync('..', join(root, 'tree', `up${i}`));
    const run = check(['--', 'tree']);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/^mpu-check: 1 bucket in 1 template: 1 error/m);
  });

  test('a file whose name is not valid UTF-8 is checked, and named with \\xNN for the bytes that are not', () => {
    writeFileSync(Buffer.concat([Buffer.from(`${root}/logs-`), Buffer.from([0xff, 0xfe]), Buffer.from('.yaml')]), TEMPLATE);
    const run = check(['--', '.']);
    expect(run.stdout).toMatch(/^logs-\\xff\\xfe\.yaml:2:3: error MultipartUpload-MPU1 Logs:/m);
    expect(JSON.parse(check(['--format', 'json', '--', '.']).stdout).resources[0].file).toBe('logs-\\xff\\xfe.yaml');
  });
});

describe('it stays within its bounds, and says which one an input passed', () => {
  test('a template over the 1,000,000 bytes CloudFormation takes is not parsed', () => {
    write(join(root, 'big.yaml'), `${TEMPLATE}${'# padding\n'.repeat(150_000)}`);
    expect(errorLines(check(['--', 'big.yaml']))).toEqual(['big.yaml: error: is 1,500,045 bytes, more than the 1,000,000 bytes CloudFormation takes in a template: not judged']);
  });

  test('a plan over --max-file-size, and a .tf file over --max-hcl-size: not read, until the flag says more', () => {
    write(join(root, 'plan.json'), planJson(4_000));
    write(join(root, 'tf', 'main.tf'), bucketsTf(4_000));
    const small = check(['--max-file-size', '1MiB', '--max-hcl-size', '1MiB', '--', 'plan.json', 'tf']);
    expect(errorLines(small)).toEqual([
      expect.stringMatching(/^plan\.json: error: is 1\.\d\d MiB, more than --max-file-size 1MiB: not read \(raise --max-file-size to read it\)$/),
      expect.stringMatching(/^tf\/main\.tf: error: is 1\.\d\d MiB, more than --max-hcl-size 1MiB: not read \(raise --max-hcl-size to read it\)$/),
    ]);
    const raised = check(['--max-file-size', '2MiB', '--max-hcl-size', '2MiB', '--', 'plan.json', 'tf']);
    expect(raised.stdout).toMatch(/^mpu-check: 8000 buckets in 1 Terraform module and 1 Terraform plan: 8000 errors/m);
  });

  test.each([
    ['JSON, 1,000,000 deep', 'deep.json', deepJson(1_000_000), 'deep.json:1: error: not read: arrays and objects nested more than 128 deep'],
    ['YAML flow, 500,000 deep', 'deep.yaml', deepYaml(499_000, 'flow'), 'deep.yaml:4: error: not read: sequences and mappings nested more than 128 deep'],
    ['YAML block, 1,000 deep', 'deep.yaml', deepYaml(1000, 'block'), expect.stringMatching(/^deep\.yaml:\d+: error: not read: sequences and mappings nested more than 128 deep$/)],
    ['YAML compact, 400,000 deep', 'deep.yaml', `Resources:\n  B:\n    Properties: ${'- '.repeat(400_000)}x\n`, 'deep.yaml:3: error: not read: sequences and mappings nested more than 128 deep'],
    ['HCL, 100,000 deep', 'tf/main.tf', deepHcl(100_000), 'tf/main.tf:2: error: not read: brackets, strings and interpolations nested more than 128 deep'],
  ])('nesting: %s is refused before the recursive parser runs', (_what, file, text, line) => {
    write(join(root, file), text);
    expect(errorLines(check(['--', file.split('/')[0]]))).toEqual([line]);
  });

  test.each([
    ['over 600 names', forEachTemplate(600), 'the template declares more than the 500 resources CloudFormation allows in a template once Fn::ForEach::Buckets is expanded: not judged'],
    ['nested 4 deep over 30 names', nestedForEachTemplate(30, 4), 'the template declares more than the 500 resources CloudFormation allows in a template once Fn::ForEach::L3 is expanded: not judged'],
    ['over 100,000 names with an empty inner loop', emptyForEachTemplate(100_000), 'Fn::ForEach::Outer and the loops in it make more than 5000 copies of their bodies: not judged'],
    ['of 400 buckets of 3 KB each', heavyForEachTemplate(3000), 'Fn::ForEach::Heavy expands to more than the 1,000,000 bytes CloudFormation takes in a template: not judged'],
  ])('Fn::ForEach %s: the template is refused, as CloudFormation refuses it', (_what, text, message) => {
    write(join(root, 'loop.json'), text);
    expect(errorLines(check(['--', 'loop.json']))).toEqual([`loop.json:1: error: ${message}`]);
  });

  test('a YAML "billion laughs", and an alias inside the node it names', () => {
    write(join(root, 'laughs.yaml'), billionLaughs(9, 9));
    write(join(root, 'self.yaml'), 'Resources: &a\n  B:\n    Type: AWS::S3::Bucket\n    Properties: *a\n');
    expect(errorLines(check(['--', 'laughs.yaml', 'self.yaml']))).toEqual([
      'laughs.yaml:3: error: more than 1000 YAML aliases',
      'self.yaml:4: error: the alias *a is inside the node it names, which would never end',
    ]);
  });

  test('count = 1e300, for_each over range(1e9), a string doubled 40 times: judged without making them', () => {
    write(join(root, 'count', 'main.tf'), 'resource "aws_s3_bucket" "b" {\n  count = 1e300\n}\n');
    write(join(root, 'range', 'main.tf'), 'resource "aws_s3_bucket" "b" {\n  for_each = toset([for i in range(1e9) : tostring(i)])\n}\n');
    write(join(root, 'doubled', 'main.tf'), doublingLocalsTf(40));
    const run = check(['--format', 'json', '--', 'count', 'range', 'doubled']);
    const resources = JSON.parse(run.stdout).resources as Array<{ file: string; verdict: string }>;
    expect(resources.map(resource => [resource.file, resource.verdict])).toEqual([
      ['count/main.tf', 'MISSING'], ['range/main.tf', 'MISSING'], ['doubled/main.tf', 'MISSING'],
    ]);
  });

  test('a count past 1,024 is judged through one instance, and what depends on its index is a warning naming the bound', () => {
    write(join(root, 'tf', 'main.tf'), 'resource "aws_s3_bucket" "b" {\n  count = 5000\n}\n'
      + 'resource "aws_s3_bucket_lifecycle_configuration" "l" {\n  count  = 5000\n  bucket = aws_s3_bucket.b[count.index].id\n'
      + '  rule {\n    id     = "abort-${count.index}"\n    status = count.index < 10 ? "Enabled" : "Disabled"\n    filter {}\n'
      + '    abort_incomplete_multipart_upload {\n      days_after_initiation = 7\n    }\n  }\n}\n');
    const run = check(['--', 'tf']);
    expect(run.stdout).toMatch(/warning MultipartUpload-MPU1 aws_s3_bucket\.b: .*count = 5000 is more than the 1024 instances mpu-check judges one by one/);
  });

  test('for expressions 1,000 x 1,000 x 1,000: the module tree takes more steps than allowed, an error for it', () => {
    write(join(root, 'tf', 'main.tf'), nestedForTf(3));
    expect(errorLines(check(['--', 'tf']))).toEqual(['tf: error: evaluating the expressions of this module tree takes more than 2,000,000 steps: not judged']);
  });

  test('modules 16 deep, each calling the next twice: the tree stops at 1,024 module instances, with an error', () => {
    for (let level = 0; level < 16; level++) {
      const calls = level < 15 ? `module "left" {\n  source = "../m${level + 1}"\n}\nmodule "right" {\n  source = "../m${level + 1}"\n}\n` : '';
      write(join(root, 'tf', `m${level}`, 'main.tf'), `${calls}resource "aws_s3_bucket" "b" {}\n`);
    }
    const run = check(['--', 'tf/m0']);
    expect(run.exitCode).toBe(2);
    expect(errorLines(run)).toEqual([expect.stringMatching(/^tf\/m\d+\/main\.tf:\d: error: module (left|right): the tree of tf\/m0 has more than 1024 module instances: this one and the rest are not evaluated$/)]);
  });

  test('a chain of 20 modules: followed 16 deep, then an error at the call', () => {
    for (let level = 0; level < 20; level++) {
      write(join(root, 'tf', `m${level}`, 'main.tf'), level < 19 ? `module "next" {\n  source = "../m${level + 1}"\n}\n` : 'resource "aws_s3_bucket" "b" {}\n');
    }
    expect(errorLines(check(['--', 'tf/m0']))).toEqual(['tf/m16/main.tf:1: error: module next: modules call each other more than 16 deep: not followed']);
  });
});

describe('it never passes in silence, and never crashes', () => {
  test('modules that call each other in a cycle, and nothing else: an error naming the cycle, and the bucket judged once per path', () => {
    write(join(root, 'tf', 'a', 'main.tf'), 'module "b1" {\n  source = "../b"\n}\nmodule "b2" {\n  source = "../b"\n}\n');
    write(join(root, 'tf', 'b', 'main.tf'), 'module "a1" {\n  source = "../a"\n}\nresource "aws_s3_bucket" "x" {}\n');
    const run = check(['--', 'tf']);
    expect(run.exitCode).toBe(2);
    expect(errorLines(run)).toEqual(['tf/b/main.tf:1: error: module a1: modules call each other in a cycle (tf/a -> tf/b -> tf/a), which Terraform refuses: not followed']);
    expect(run.stdout).toMatch(/^mpu-check: 2 buckets in 1 Terraform module: 2 errors/m);
  });

  test('values of the wrong shape are judged as CloudFormation and Terraform treat them: valueOf and toString keys, __proto__', () => {
    write(join(root, 'shape.json'), JSON.stringify({
      Resources: {
        Days: { Type: 'AWS::S3::Bucket', Properties: { LifecycleConfiguration: { Rules: [{ Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: { valueOf: 1, toString: 2 } } }] } } },
        Prefix: { Type: 'AWS::S3::Bucket', Properties: { LifecycleConfiguration: { Rules: [{ Status: 'Enabled', Prefix: { toString: 'x' }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }] } } },
      },
    }).replace('"Prefix":{"Type"', '"__proto__":{"Type":"AWS::S3::Bucket"},"Prefix":{"Type"'));
    write(join(root, 'shape.yaml'), 'Resources:\n  __proto__:\n    Type: AWS::S3::Bucket\n  ? [a, b]\n  : x\n');
    write(join(root, 'tf', 'main.tf'), 'resource "aws_s3_bucket" "b" {\n  bucket = lower({ toString = 1 })\n  count  = -1\n}\n'
      + 'resource "aws_s3_bucket" "c" {\n  for_each = { valueOf = 1, __proto__ = 2 }\n  bucket   = "${each.key}-${each.value}"\n}\n');
    const run = check(['--format', 'json', '--', 'shape.json', 'shape.yaml', 'tf']);
    const report = JSON.parse(run.stdout) as { resources: Array<{ id: string; verdict: string }>; errors: Array<{ file: string; message: string }> };
    expect(report.resources.map(resource => [resource.id, resource.verdict])).toEqual([
      ['Days', 'UNRESOLVED'], ['__proto__', 'MISSING'], ['Prefix', 'UNRESOLVED'], ['aws_s3_bucket.b', 'MISSING'], ['aws_s3_bucket.c', 'MISSING'],
    ]);
    expect(report.errors).toEqual([{ file: 'shape.yaml', line: 4, message: 'a mapping key is a sequence or a mapping, which a template cannot have' }]);
  });

  test('an error quotes at most a short excerpt of its input', () => {
    const key = 'k'.repeat(10_000);
    // (YAML takes a plain key of at most 1,024 characters: a quoted one is as long as it likes)
    write(join(root, 'dup.yaml'), `Resources:\n  ? "${key}"\n  : Type: AWS::S3::Bucket\n  ? "${key}"\n  : Type: AWS::S3::Bucket\n`);
    write(join(root, 'dup.json'), `{"Resources": {"${key}": {"Type": "AWS::S3::Bucket"}, "${key}": {}}}`);
    const lines = errorLines(check(['--', 'dup.yaml', 'dup.json']));
    expect(lines).toEqual([expect.stringContaining('duplicate key "kkk'), expect.stringContaining('duplicate key "kkk')]);
    for (const line of lines) expect(line.length).toBeLessThan(160);
  });
});
