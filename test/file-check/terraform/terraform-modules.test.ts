import { join } from 'node:path';
import { checkPaths } from '../../../src/file-check/check-paths';
import { CheckResult } from '../../../src/file-check/check-result';
import { memoryCheckFs, resourceOf } from '../../_helpers/check-helpers';
import { inputDirectory } from '../../_helpers/check-inputs';

const abortRule = (days: unknown = 7) => `
  rule {
    id     = "abort-incomplete-uploads"
    status = "Enabled"
    filter {}
    abort_incomplete_multipart_upload {
      days_after_initiation = ${days}
    }
  }`;

const bucket = (name: string, extra = '') => `resource "aws_s3_bucket" "${name}" {\n  bucket = "acme-${name}"${extra}\n}\n`;
const configuration = (name: string, target: string, rules = abortRule()) =>
  `resource "aws_s3_bucket_lifecycle_configuration" "${name}" {\n  bucket = ${target}\n${rules}\n}\n`;

async function check(files: Record<string, string>, paths: string[] = ['.']): Promise<CheckResult & { root: string }> {
  const root = inputDirectory(files);
  const result = await checkPaths(paths.map(path => join(root, path)));
  return { ...result, root };
}

const summary = (result: CheckResult) => Object.fromEntries(result.resources.map(r => [r.id, [r.verdict, r.ruleId, r.severity].filter(Boolean).join(' ')]));

describe('mpu-check on Terraform modules (HCL)', () => {
  test('a lifecycle configuration is tied to its bucket by .id, by .bucket, or by the bucket\'s literal name', async () => {
    const result = await check({
      'main.tf': bucket('by_id') + configuration('by_id', 'aws_s3_bucket.by_id.id')
        + bucket('by_bucket') + configuration('by_bucket', 'aws_s3_bucket.by_bucket.bucket', abortRule(30))
        + bucket('by_name') + configuration('by_name', '"acme-by_name"'),
    });
    expect(result.errors).toEqual([]);
    expect(summary(result)).toEqual({
      'aws_s3_bucket.by_id': 'COMPLIANT note',
      'aws_s3_bucket.by_bucket': 'TOO_LATE MultipartUpload-MPU2 error',
      'aws_s3_bucket.by_name': 'COMPLIANT note',
    });
    const byId = resourceOf(result, 'aws_s3_bucket.by_id');
    expect(byId).toMatchObject({ file: join(result.root, 'main.tf'), line: 1, column: 1, type: 'aws_s3_bucket' });
    expect(byId.message).toBe('Rules in aws_s3_bucket_lifecycle_configuration.by_id. Incomplete uploads are aborted 7 days after initiation.');
    expect(resourceOf(result, 'aws_s3_bucket.by_bucket').message)
      .toContain('Set abort_incomplete_multipart_upload { days_after_initiation = 7 } (or less) in a rule with filter {}.');
    expect(result.terraformModulesChecked).toBe(1);
  });

  test('a bucket with no lifecycle configuration in its module is MISSING, and the fix is the rule in HCL', async () => {
    const result = await check({ 'main.tf': bucket('logs') });
    const logs = resourceOf(result, 'aws_s3_bucket.logs');
    expect(logs).toMatchObject({ verdict: 'MISSING', ruleId: 'MultipartUpload-MPU1', severity: 'error' });
    expect(logs.message).toContain('Add an aws_s3_bucket_lifecycle_configuration for the bucket with rule { id = "abort-incomplete-uploads" '
      + 'status = "Enabled" filter {} abort_incomplete_multipart_upload { days_after_initiation = 7 } }.');
  });

  test('what S3 rejects and Checkov passes: a whole-bucket abort rule beside an abort rule filtered on a tag', async () => {
    const tagged = `
  rule {
    id     = "tagged"
    status = "Enabled"
    filter {
      tag {
        key   = "team"
        value = "data"
      }
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }`;
    const result = await check({ 'main.tf': bucket('logs') + configuration('logs', 'aws_s3_bucket.logs.id', abortRule() + tagged) });
    expect(resourceOf(result, 'aws_s3_bucket.logs')).toMatchObject({ verdict: 'INVALID_RULE', ruleId: 'MultipartUpload-MPU3' });
  });

  test('provider v3 inline lifecycle_rule blocks, with the fix in their terms', async () => {
    const inline = (days: number, tags = '') => `\n  lifecycle_rule {\n    enabled = true\n    abort_incomplete_multipart_upload_days = ${days}${tags}\n  }`;
    const result = await check({
      'main.tf': bucket('ok', inline(3)) + bucket('late', inline(15)) + bucket('tagged', inline(1, '\n    tags = { team = "data" }')),
    });
    expect(summary(result)).toEqual({
      'aws_s3_bucket.ok': 'COMPLIANT note',
      'aws_s3_bucket.late': 'TOO_LATE MultipartUpload-MPU2 error',
      'aws_s3_bucket.tagged': 'INVALID_RULE MultipartUpload-MPU3 error',
    });
    expect(resourceOf(result, 'aws_s3_bucket.late').message).toContain('Set abort_incomplete_multipart_upload_days = 7 (or less) in a lifecycle_rule');
  });

  test('variables take their default, then terraform.tfvars, then *.auto.tfvars in name order, as terraform plan does', async () => {
    const variables = 'variable "a" {\n  default = 30\n}\nvariable "b" {\n  default = 30\n}\nvariable "c" {\n  default = 3\n}\n';
    const result = await check({
      'variables.tf': variables,
      'main.tf': ['a', 'b', 'c'].map(name => bucket(name) + configuration(name, `aws_s3_bucket.${name}.id`, abortRule(`var.${name}`))).join(''),
      'terraform.tfvars': 'a = 5\nb = 40\n',
      'b.auto.tfvars': 'b = 6\n',
      'a.auto.tfvars.json': '{ "a": 2 }',
    });
    expect(result.errors).toEqual([]);
    expect(summary(result)).toEqual({ 'aws_s3_bucket.a': 'COMPLIANT note', 'aws_s3_bucket.b': 'COMPLIANT note', 'aws_s3_bucket.c': 'COMPLIANT note' });
    expect(resourceOf(result, 'aws_s3_bucket.a').message).toContain('2 days');
    expect(resourceOf(result, 'aws_s3_bucket.b').message).toContain('6 days');
  });

  test('a variable without any value is UNRESOLVED, a warning naming it', async () => {
    const result = await check({
      'main.tf': 'variable "days" {\n  type = number\n}\n' + bucket('logs') + configuration('logs', 'aws_s3_bucket.logs.id', abortRule('var.days')),
    });
    const logs = resourceOf(result, 'aws_s3_bucket.logs');
    expect(logs).toMatchObject({ verdict: 'UNRESOLVED', ruleId: 'MultipartUpload-MPU1', severity: 'warning' });
    expect(logs.message).toContain('not known before apply: ${var.days} (no default, and no value in terraform.tfvars or *.auto.tfvars)');
  });

  test('count: every instance is judged, one entry for the block, the worst instance named; count = 0 is no bucket', async () => {
    const result = await check({
      'main.tf': `variable "days" {\n  default = [3, 30]\n}\n${bucket('logs', '\n  count = 2')}`
        + configuration('logs', 'aws_s3_bucket.logs[count.index].id', abortRule('var.days[count.index]')).replace('{\n', '{\n  count = 2\n')
        + bucket('never', '\n  count = 0'),
    });
    expect(summary(result)).toEqual({ 'aws_s3_bucket.logs': 'TOO_LATE MultipartUpload-MPU2 error' });
    expect(resourceOf(result, 'aws_s3_bucket.logs').message).toMatch(/^Rules in aws_s3_bucket_lifecycle_configuration\.logs\. 1 of 2 instances \(aws_s3_bucket\.logs\[1\]\): the bucket keeps the parts of failed multipart uploads too long: /);
  });

  test('a configuration counted over its bucket block (count = length(...), for_each = the block) is tied instance by instance', async () => {
    const result = await check({
      'main.tf': `${bucket('counted', '\n  count = 2')}`
        + configuration('counted', 'aws_s3_bucket.counted[count.index].id').replace('{\n', '{\n  count = length(aws_s3_bucket.counted)\n')
        + bucket('each', '\n  for_each = toset(["a", "b"])')
        + configuration('each', 'each.value.id', abortRule(30)).replace('{\n', '{\n  for_each = aws_s3_bucket.each\n'),
    });
    expect(result.errors).toEqual([]);
    expect(summary(result)).toEqual({ 'aws_s3_bucket.counted': 'COMPLIANT note', 'aws_s3_bucket.each': 'TOO_LATE MultipartUpload-MPU2 error' });
    expect(resourceOf(result, 'aws_s3_bucket.each').message).toContain('All 2 instances: ');
  });

  test('a count that refers to its own block is not known (Terraform refuses the cycle), and the check ends', async () => {
    const result = await check({ 'main.tf': bucket('loop', '\n  count = length(aws_s3_bucket.loop)') });
    // One instance stands for the unknown count; without the cycle guard the check waits on itself forever.
    expect(summary(result)).toEqual({ 'aws_s3_bucket.loop': 'MISSING MultipartUpload-MPU1 error' });
  });

  test('a bucket and its configuration over the same for_each not known before apply are tied to each other', async () => {
    const result = await check({
      'main.tf': 'variable "names" {}\n' + bucket('each', '\n  for_each = var.names')
        + configuration('each', 'aws_s3_bucket.each[each.key].id').replace('{\n', '{\n  for_each = var.names\n') + bucket('other'),
    });
    expect(summary(result)).toEqual({ 'aws_s3_bucket.each': 'COMPLIANT note', 'aws_s3_bucket.other': 'MISSING MultipartUpload-MPU1 error' });
  });

  describe('a configuration that names one instance of a bucket whose count or for_each is not known', () => {
    const counted = (count: string, extra = '') => `variable "n" {}\nvariable "on" {}\n${bucket('b', `\n  count = ${count}`)}${extra}`;

    test('count may make more than one instance: only [0] has the rules, so not compliant but UNRESOLVED, never MISSING beside a compliant configuration', async () => {
      const result = await check({ 'main.tf': counted('var.n') + configuration('l', 'aws_s3_bucket.b[0].id') });
      expect(result.errors).toEqual([]);
      expect(summary(result)).toEqual({ 'aws_s3_bucket.b': 'UNRESOLVED MultipartUpload-MPU1 warning' });
      const b = resourceOf(result, 'aws_s3_bucket.b');
      expect(b.message).toMatch(/^Rules in aws_s3_bucket_lifecycle_configuration\.l\. Cannot tell whether the bucket aborts incomplete multipart uploads: /);
      expect(b.message).toContain('only aws_s3_bucket.b[0] has these rules (incomplete uploads are aborted 7 days after initiation); ');
      expect(b.message).toContain('count is not known before apply (${var.n} (no default, and no value in terraform.tfvars or *.auto.tfvars))');
      expect(b.message).toContain('any other instance has no lifecycle rules');
      expect(b.message).toContain('bucket = aws_s3_bucket.b[count.index].id');
    });

    test('the rules of [0] are too late: that finding stands, and the other instances are named', async () => {
      const result = await check({ 'main.tf': counted('var.n') + configuration('l', 'aws_s3_bucket.b[0].id', abortRule(30)) });
      expect(summary(result)).toEqual({ 'aws_s3_bucket.b': 'TOO_LATE MultipartUpload-MPU2 error' });
      expect(resourceOf(result, 'aws_s3_bucket.b').message).toContain('Only aws_s3_bucket.b[0] has these rules');
    });

    test('count = var.on ? 1 : 0 on both: [0] is the only instance there can be, so the configuration\'s verdict is the bucket\'s', async () => {
      const result = await check({
        'main.tf': counted('var.on ? 1 : 0') + configuration('l', 'aws_s3_bucket.b[0].id').replace('{\n', '{\n  count = var.on ? 1 : 0\n'),
      });
      expect(summary(result)).toEqual({ 'aws_s3_bucket.b': 'COMPLIANT note' });
      expect(resourceOf(result, 'aws_s3_bucket.b').message).toBe('Rules in aws_s3_bucket_lifecycle_configuration.l. Incomplete uploads are aborted 7 days after initiation.'
        + ' The count makes at most one instance, aws_s3_bucket.b[0], the one these rules are for.');
    });

    test('for_each not known, a configuration on ["a"]: only that key has the rules', async () => {
      const result = await check({
        'main.tf': 'variable "names" {}\n' + bucket('b', '\n  for_each = var.names') + configuration('l', 'aws_s3_bucket.b["a"].id'),
      });
      expect(summary(result)).toEqual({ 'aws_s3_bucket.b': 'UNRESOLVED MultipartUpload-MPU1 warning' });
      const b = resourceOf(result, 'aws_s3_bucket.b');
      expect(b.message).toContain('only aws_s3_bucket.b["a"] has these rules');
      expect(b.message).toContain('for_each is not known before apply (${var.names}');
    });
  });

  describe('a value known to be null is not a value not known', () => {
    const withAbort = (status: string, abort: string, extra = '') => `
  rule {
    id     = "abort"
    status = "${status}"
    filter {}${extra}
    abort_incomplete_multipart_upload {${abort}}
  }`;

    test.each([
      ['days_after_initiation = null on a Disabled rule', withAbort('Disabled', '\n      days_after_initiation = null\n    '), 'the rule "abort" is disabled, and its abort action names no days after initiation'],
      ['abort_incomplete_multipart_upload {} on an Enabled rule', withAbort('Enabled', ''), 'the abort action of rule "abort" names no days after initiation, so it never aborts an upload'],
      ['days from a variable whose default is null, beside an expiration', withAbort('Enabled', '\n      days_after_initiation = var.days\n    ', '\n    expiration {\n      days = 30\n    }'),
        'the abort action of rule "abort" names no days after initiation'],
    ])('%s: MISSING, an error', async (_, rules, reason) => {
      const result = await check({ 'main.tf': 'variable "days" {\n  default = null\n}\n' + bucket('logs') + configuration('logs', 'aws_s3_bucket.logs.id', rules) });
      expect(summary(result)).toEqual({ 'aws_s3_bucket.logs': 'MISSING MultipartUpload-MPU1 error' });
      expect(resourceOf(result, 'aws_s3_bucket.logs').message).toContain(reason);
    });
  });

  test('for_each over a local map, with dynamic rule blocks and locals', async () => {
    const result = await check({
      'main.tf': `locals {
  buckets = { logs = 3, data = 5 }
  rules   = [{ id = "abort", days = 7 }, { id = "expire", days = null }]
}
resource "aws_s3_bucket" "this" {
  for_each = local.buckets
  bucket   = "acme-\${each.key}"
}
resource "aws_s3_bucket_lifecycle_configuration" "this" {
  for_each = local.buckets
  bucket   = aws_s3_bucket.this[each.key].id
  dynamic "rule" {
    for_each = local.rules
    content {
      id     = rule.value.id
      status = "Enabled"
      filter {}
      dynamic "abort_incomplete_multipart_upload" {
        for_each = rule.value.days == null ? [] : [min(rule.value.days, each.value)]
        content {
          days_after_initiation = abort_incomplete_multipart_upload.value
        }
      }
    }
  }
}
`,
    });
    expect(result.errors).toEqual([]);
    const buckets = resourceOf(result, 'aws_s3_bucket.this');
    expect(buckets).toMatchObject({ verdict: 'COMPLIANT', line: 5 });
    expect(buckets.message).toBe('Rules in aws_s3_bucket_lifecycle_configuration.this. All 2 instances: incomplete uploads are aborted 5 days after initiation.');
  });

  test('a dynamic rule over a variable with no value is UNRESOLVED, where Checkov passes it', async () => {
    const result = await check({
      'main.tf': 'variable "rules" {}\n' + bucket('logs')
        + configuration('logs', 'aws_s3_bucket.logs.id', '  dynamic "rule" {\n    for_each = var.rules\n    content {\n      status = "Enabled"\n    }\n  }'),
    });
    expect(resourceOf(result, 'aws_s3_bucket.logs')).toMatchObject({ verdict: 'UNRESOLVED', severity: 'warning' });
  });

  test('a module called with a local source is checked through the call, with the values it passes, under its address', async () => {
    const result = await check({
      'main.tf': 'module "logs" {\n  source = "./modules/bucket"\n  name   = "acme-logs"\n  days   = 3 + 4\n}\n',
      'modules/bucket/main.tf': 'variable "name" {}\nvariable "days" {\n  default = 30\n}\n'
        + 'resource "aws_s3_bucket" "this" {\n  bucket = var.name\n}\n' + configuration('this', 'aws_s3_bucket.this.id', abortRule('var.days')),
    });
    expect(result.errors).toEqual([]);
    expect(summary(result)).toEqual({ 'module.logs.aws_s3_bucket.this': 'COMPLIANT note' });
    expect(result.resources[0]).toMatchObject({ file: join(result.root, 'modules/bucket/main.tf'), line: 5 });
    expect(result.terraformModulesChecked).toBe(1);
  });

  test('a module whose local source is missing is an error at the module block', async () => {
    const result = await check({ 'main.tf': `${bucket('logs')}\nmodule "gone" {\n  source = "./nowhere"\n}\n` });
    expect(result.errors).toEqual([{ file: join(result.root, 'main.tf'), line: 5, message: `module gone: its source ${join(result.root, 'nowhere')} is missing` }]);
    expect(summary(result)).toEqual({ 'aws_s3_bucket.logs': 'MISSING MultipartUpload-MPU1 error' });
  });

  test('a module whose source is an expression is an error at the module block, as Terraform refuses it, and is not read', async () => {
    // terraform init: "Variables not allowed" (a module's source is a literal string).
    const result = await check({
      'main.tf': 'variable "dir" {\n  default = "./modules/bucket"\n}\nmodule "logs" {\n  source = var.dir\n}\n',
      'modules/bucket/main.tf': bucket('logs'),
    });
    expect(result.errors).toEqual([{
      file: join(result.root, 'main.tf'),
      line: 4,
      message: 'module logs: its source is an expression, which Terraform refuses (a source is a literal string): not followed',
    }]);
    expect(result.resources.map(resource => resource.id)).toEqual(['aws_s3_bucket.logs']);
  });

  test('a module directory or a .tf file that cannot be read is an error naming it, not a crash', async () => {
    const fs = memoryCheckFs({
      '/infra/main.tf': 'module "locked" {\n  source = "./modules/locked"\n}\n',
      '/infra/modules/locked/main.tf': bucket('hidden'),
      '/other/main.tf': bucket('a'),
      '/other/secret.tf': bucket('b'),
    }, ['/infra/modules/locked', '/other/secret.tf']);
    const result = await checkPaths(['/infra', '/other/main.tf'], {}, fs);
    // The search meets the locked directory first, the module call then: it is said once.
    expect(result.errors).toEqual([
      { file: '/infra/modules/locked', line: null, message: expect.stringContaining('cannot read: EACCES') },
      { file: '/other/secret.tf', line: null, message: expect.stringContaining('cannot read: EACCES') },
    ]);
    expect(result.resources).toEqual([]);
  });

  test('a configuration of a bucket declared elsewhere is judged on its own rules, under its own address', async () => {
    const result = await check({
      'main.tf': 'data "aws_s3_bucket" "shared" {\n  bucket = "shared"\n}\n'
        + configuration('shared', 'data.aws_s3_bucket.shared.id', abortRule(1).replace('filter {}', 'filter {\n      object_size_greater_than = 1024\n    }')),
    });
    expect(summary(result)).toEqual({ 'aws_s3_bucket_lifecycle_configuration.shared': 'INVALID_RULE MultipartUpload-MPU3 error' });
    expect(resourceOf(result, 'aws_s3_bucket_lifecycle_configuration.shared')).toMatchObject({ type: 'aws_s3_bucket_lifecycle_configuration', line: 4 });
  });

  test('a configuration whose bucket is known only after apply makes the buckets without one UNRESOLVED, not MISSING', async () => {
    const result = await check({ 'main.tf': 'variable "target" {}\n' + bucket('logs') + configuration('other', 'var.target') });
    expect(resourceOf(result, 'aws_s3_bucket.logs').message).toContain('its rules may be those of aws_s3_bucket_lifecycle_configuration.other, whose bucket is ${var.target}');
    expect(summary(result)).toEqual({
      'aws_s3_bucket.logs': 'UNRESOLVED MultipartUpload-MPU1 warning',
      'aws_s3_bucket_lifecycle_configuration.other': 'COMPLIANT note',
    });
  });

  test('a comment acknowledges a finding with its reason; without a reason it is refused', async () => {
    const result = await check({
      'main.tf': '# mpu-check:acknowledge MultipartUpload-MPU1 written once by a batch job, never multipart\n' + bucket('archive')
        + 'resource "aws_s3_bucket" "careless" {\n  # mpu-check:acknowledge MultipartUpload-MPU1\n}\n',
    });
    expect(resourceOf(result, 'aws_s3_bucket.archive')).toMatchObject({ severity: 'note', acknowledged: 'written once by a batch job, never multipart' });
    const careless = resourceOf(result, 'aws_s3_bucket.careless');
    expect(careless).toMatchObject({ severity: 'error', acknowledged: null });
    expect(careless.message).toContain(`The acknowledgement in the comment at ${join(result.root, 'main.tf')}:6 has no reason, so it is refused`);
  });

  test('directory buckets, and the provider\'s warning about a rule with neither filter nor prefix', async () => {
    const result = await check({
      'main.tf': 'resource "aws_s3_directory_bucket" "express" {\n  bucket = "express--use1-az4--x-s3"\n}\n'
        + configuration('express', 'aws_s3_directory_bucket.express.bucket', abortRule(1).replace('filter {}', '')),
    });
    const express = resourceOf(result, 'aws_s3_directory_bucket.express');
    expect(express).toMatchObject({ verdict: 'COMPLIANT', type: 'aws_s3_directory_bucket' });
    expect(express.message).toContain('Rule "abort-incomplete-uploads" has neither filter {} nor prefix: the AWS provider warns about such a rule');
  });

  test('Terraform\'s JSON syntax (.tf.json) too, with a "//" comment acknowledging', async () => {
    const result = await check({
      'main.tf.json': JSON.stringify({
        resource: {
          aws_s3_bucket: {
            logs: { bucket: 'acme-logs' },
            archive: { 'bucket': 'acme-archive', '//': 'mpu-check:acknowledge MultipartUpload-MPU1 cold archive' },
          },
          aws_s3_bucket_lifecycle_configuration: {
            logs: { bucket: '${aws_s3_bucket.logs.id}', rule: { status: 'Enabled', filter: {}, abort_incomplete_multipart_upload: { days_after_initiation: 2 } } },
          },
        },
      }, null, 2),
    });
    expect(result.errors).toEqual([]);
    expect(summary(result)).toEqual({ 'aws_s3_bucket.logs': 'COMPLIANT note', 'aws_s3_bucket.archive': 'MISSING MultipartUpload-MPU1 note' });
    expect(resourceOf(result, 'aws_s3_bucket.logs').line).toBe(4);
  });

  test('a file that is not valid HCL is one error with its line; its module is not judged and other inputs are', async () => {
    const result = await check({ 'broken/main.tf': `${bucket('a')}resource "aws_s3_bucket" "b" {\n  bucket = \n}\n`, 'fine/main.tf': bucket('c') });
    expect(result.errors).toEqual([{ file: join(result.root, 'broken/main.tf'), line: 5, message: expect.stringMatching(/^not valid HCL: /) }]);
    expect(summary(result)).toEqual({ 'aws_s3_bucket.c': 'MISSING MultipartUpload-MPU1 error' });
  });

  test('a .tf file named on the command line stands for its module, which is read once', async () => {
    const result = await check({ 'main.tf': bucket('logs'), 'lifecycle.tf': configuration('logs', 'aws_s3_bucket.logs.id') }, ['main.tf', 'lifecycle.tf']);
    expect(summary(result)).toEqual({ 'aws_s3_bucket.logs': 'COMPLIANT note' });
    expect(result.terraformModulesChecked).toBe(1);
  });
});

// Found by the property tests of test/file-check/terraform/terraform-module.property.test.ts.
describe('mpu-check on Terraform modules written to mislead or exhaust it', () => {
  const inline = '[{ enabled = true, abort_incomplete_multipart_upload_days = 1 }]';
  const rule = '[{ status = "Enabled", filter = [{}], abort_incomplete_multipart_upload = [{ days_after_initiation = 1 }] }]';

  test.each([
    ['an aws_s3_bucket', `resource "aws_s3_bucket" "b" {\n  __proto__ = { lifecycle_rule = ${inline} }\n}\n`],
    ['its lifecycle configuration', `${bucket('b')}resource "aws_s3_bucket_lifecycle_configuration" "r" {\n  bucket = aws_s3_bucket.b.id\n  __proto__ = { rule = ${rule} }\n}\n`],
    ['a dynamic block', `resource "aws_s3_bucket" "b" {\n  dynamic "__proto__" {\n    for_each = [1]\n    content {\n      lifecycle_rule = ${inline}\n    }\n  }\n}\n`],
  ])('an argument named __proto__ in %s is an argument the provider does not have, not rules: MISSING, not COMPLIANT', async (_, main) => {
    const result = await check({ 'main.tf': main });
    expect(summary(result)).toEqual({ 'aws_s3_bucket.b': 'MISSING MultipartUpload-MPU1 error' });
  });

  test('JSON decoded 100,000 deep is not known, and the module is judged, not "could not be judged" (a stack overflow)', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const result = await check({ 'main.tf': `locals {\n  x = jsondecode("${deep}")\n}\n${bucket('b', '\n  count = length(flatten(local.x))')}` });
    expect(result.errors).toEqual([]);
    expect(summary(result)).toEqual({ 'aws_s3_bucket.b': 'MISSING MultipartUpload-MPU1 error' });
  });

  test('locals that wrap locals nest a value no deeper than 128: deeper, it is not known', async () => {
    // l1 = [[[...]]] of 100 levels around l0, l2 around l1: 200 levels, and no line of the file nests more than 101.
    const wrap = (inner: string) => `${'['.repeat(100)}${inner}${']'.repeat(100)}`;
    const result = await check({
      'main.tf': `locals {\n  l0 = 1\n  l1 = ${wrap('local.l0')}\n  l2 = ${wrap('local.l1')}\n}\n`
        + `${bucket('b')}${configuration('b', 'aws_s3_bucket.b.id', abortRule('length(flatten(local.l2))'))}`,
    });
    expect(result.errors).toEqual([]);
    expect(resourceOf(result, 'aws_s3_bucket.b')).toMatchObject({ verdict: 'UNRESOLVED' });
  });

  test('a chain of 10,000 locals is followed 128 deep, then not known: 7 s before, as each step copied the chain', async () => {
    const locals = Array.from({ length: 10_000 }, (_, i) => `  l${i + 1} = local.l${i}`).join('\n');
    const start = Date.now();
    const result = await check({ 'main.tf': `locals {\n  l0 = 1\n${locals}\n}\n${bucket('b')}${configuration('b', 'aws_s3_bucket.b.id', abortRule('local.l10000'))}` });
    expect(result.errors).toEqual([]);
    expect(Date.now() - start).toBeLessThan(5_000);
    expect(resourceOf(result, 'aws_s3_bucket.b')).toMatchObject({ verdict: 'UNRESOLVED' });
    expect(resourceOf(result, 'aws_s3_bucket.b').message).toContain('reached through more than 128 other locals');
  });

  test('a lifecycle configuration of 1,024 instances on one bucket: five notes and a count, not one note for each', async () => {
    const result = await check({ 'main.tf': bucket('b') + configuration('b', 'aws_s3_bucket.b.id').replace('{\n', '{\n  count = 1024\n') });
    const message = resourceOf(result, 'aws_s3_bucket.b').message;
    expect(message).toContain('aws_s3_bucket_lifecycle_configuration.b[1] targets this bucket too');
    expect(message).toContain('(1018 more notes like these.)');
    expect(message.length).toBeLessThan(1500);
  });
});

describe('the Quick start demo\'s module (examples/terraform)', () => {
  test('one finding Checkov misses, one compliant bucket, one acknowledged', async () => {
    const result = await checkPaths([join(__dirname, '..', '..', '..', 'examples', 'terraform')]);
    expect(result.errors).toEqual([]);
    expect(summary(result)).toEqual({
      'aws_s3_bucket.uploads': 'COMPLIANT note',
      'aws_s3_bucket.media': 'INVALID_RULE MultipartUpload-MPU3 error',
      'aws_s3_bucket.site': 'MISSING MultipartUpload-MPU1 note',
    });
  });
});
