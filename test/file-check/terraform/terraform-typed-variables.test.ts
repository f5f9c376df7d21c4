import { checkPaths } from '../../../src/file-check/check-paths';
import { CheckResult } from '../../../src/file-check/check-result';
import { resourceOf } from '../../_helpers/check-helpers';
import { inputDirectory } from '../../_helpers/check-inputs';

async function check(files: Record<string, string>): Promise<CheckResult> {
  return checkPaths([inputDirectory(files)]);
}

const verdicts = (result: CheckResult) => Object.fromEntries(result.resources.map(r => [r.id, r.verdict]));

/** A bucket module in the style of public ones: a typed lifecycle_rule list, its optional attributes left out by callers. */
const bucketModule = {
  'modules/bucket/variables.tf': `variable "name" {
  description = "Name of the bucket."
  type        = string
}

variable "lifecycle_rule" {
  description = "Lifecycle rules of the bucket; attributes left out take their defaults."
  type = list(object({
    id      = string
    enabled = optional(bool, true)
    filter = optional(object({
      prefix = optional(string)
    }))
    expiration = optional(object({
      days = number
    }))
    abort_incomplete_multipart_upload = optional(object({
      days_after_initiation = optional(number, 7)
    }))
  }))
  default = []
}
`,
  'modules/bucket/main.tf': `resource "aws_s3_bucket" "this" {
  bucket = var.name
}

resource "aws_s3_bucket_lifecycle_configuration" "this" {
  count  = length(var.lifecycle_rule) > 0 ? 1 : 0
  bucket = aws_s3_bucket.this.id

  dynamic "rule" {
    for_each = var.lifecycle_rule
    content {
      id     = rule.value.id
      status = rule.value.enabled ? "Enabled" : "Disabled"

      filter {
        prefix = rule.value.filter == null ? null : rule.value.filter.prefix
      }

      dynamic "expiration" {
        for_each = rule.value.expiration == null ? [] : [rule.value.expiration]
        content {
          days = expiration.value.days
        }
      }

      dynamic "abort_incomplete_multipart_upload" {
        for_each = rule.value.abort_incomplete_multipart_upload == null ? [] : [rule.value.abort_incomplete_multipart_upload]
        content {
          days_after_initiation = abort_incomplete_multipart_upload.value.days_after_initiation
        }
      }
    }
  }
}
`,
};

describe('variables converted to their declared type, as Terraform converts them', () => {
  /*
   * What Terraform 1.11 makes of each call's lifecycle_rule, as the dynamic blocks read it: the same
   * variables.tf and main.tf calls, the resources replaced by
   *   output "rules" { value = [for rule in var.lifecycle_rule : { id = rule.id, status = rule.enabled ? "Enabled" : "Disabled",
   *     abort = rule.abort_incomplete_multipart_upload == null ? [] : [rule.abort_incomplete_multipart_upload.days_after_initiation] }] }
   * then `terraform init` (a local module, no provider) and `echo 'module.logs.rules' | terraform console`:
   *   logs:    [{ id = "abort-incomplete-uploads", status = "Enabled", abort = [7] }]
   *   archive: [{ id = "expire", status = "Enabled", abort = [] }]
   *   uploads: [{ id = "expire", status = "Enabled", abort = [] }, { id = "abort", status = "Disabled", abort = [1] }]
   *   staging: [{ id = "abort", status = "Enabled", abort = [3] }]
   */
  test('a module\'s typed lifecycle_rule list, attributes left out by its callers: the verdicts Terraform\'s values give', async () => {
    const result = await check({
      ...bucketModule,
      'main.tf': `module "logs" {
  source = "./modules/bucket"
  name   = "acme-logs"
  lifecycle_rule = [
    { id = "abort-incomplete-uploads", abort_incomplete_multipart_upload = {} },
  ]
}

module "archive" {
  source = "./modules/bucket"
  name   = "acme-archive"
  lifecycle_rule = [
    { id = "expire", expiration = { days = 365 } },
  ]
}

module "uploads" {
  source = "./modules/bucket"
  name   = "acme-uploads"
  lifecycle_rule = [
    { id = "expire", expiration = { days = 30 }, extra = "ignored" },
    { id = "abort", enabled = "false", abort_incomplete_multipart_upload = { days_after_initiation = 1 } },
  ]
}

module "staging" {
  source = "./modules/bucket"
  name   = "acme-staging"
  lifecycle_rule = [
    { id = "abort", abort_incomplete_multipart_upload = { days_after_initiation = "3" } },
  ]
}
`,
    });
    expect(result.errors).toEqual([]);
    expect(verdicts(result)).toEqual({
      'module.logs.aws_s3_bucket.this': 'COMPLIANT',
      'module.archive.aws_s3_bucket.this': 'MISSING',
      'module.uploads.aws_s3_bucket.this': 'MISSING',
      'module.staging.aws_s3_bucket.this': 'COMPLIANT',
    });
    expect(resourceOf(result, 'module.logs.aws_s3_bucket.this').message).toContain('aborted 7 days after initiation');
    expect(resourceOf(result, 'module.staging.aws_s3_bucket.this').message).toContain('aborted 3 days after initiation');
    expect(resourceOf(result, 'module.uploads.aws_s3_bucket.this').message).toContain('the rule "abort" that aborts incomplete uploads is disabled');
  });

  /*
   * Terraform 1.11 on this root module (no provider needed for the variable):
   *   echo 'jsonencode(var.rules)' | terraform console  ->  {"logs":{"abort_days":7,"prefix":""},"tmp":{"abort_days":1,"prefix":""}}
   */
  test('a root module\'s typed map of rules, from terraform.tfvars, over for_each and dynamic blocks', async () => {
    const result = await check({
      'variables.tf': `variable "rules" {
  type = map(object({
    prefix     = optional(string, "")
    abort_days = optional(number, 7)
  }))
}
`,
      'terraform.tfvars': 'rules = {\n  logs = {}\n  tmp = { abort_days = "1" }\n}\n',
      'main.tf': `resource "aws_s3_bucket" "data" {
  for_each = var.rules
  bucket   = "acme-\${each.key}"
}

resource "aws_s3_bucket_lifecycle_configuration" "data" {
  for_each = var.rules
  bucket   = aws_s3_bucket.data[each.key].id

  rule {
    id     = "abort-incomplete-uploads"
    status = "Enabled"
    filter {
      prefix = each.value.prefix
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = each.value.abort_days
    }
  }
}
`,
    });
    expect(result.errors).toEqual([]);
    expect(resourceOf(result, 'aws_s3_bucket.data')).toMatchObject({ verdict: 'COMPLIANT' });
  });

  /*
   * Terraform 1.11 refuses the configuration: `echo var.rules | terraform console` says
   *   Invalid value for input variable ... element 1: attribute "id" is required.
   */
  test('a value Terraform refuses for the variable\'s type is UNRESOLVED, saying why, never judged as written', async () => {
    const result = await check({
      ...bucketModule,
      'main.tf': 'module "logs" {\n  source = "./modules/bucket"\n  name   = "acme-logs"\n'
        + '  lifecycle_rule = [\n    { id = "a", abort_incomplete_multipart_upload = {} },\n    { abort_incomplete_multipart_upload = {} },\n  ]\n}\n',
    });
    const logs = resourceOf(result, 'module.logs.aws_s3_bucket.this');
    expect(logs.verdict).toBe('UNRESOLVED');
    expect(logs.message).toContain('Terraform would refuse it: the value does not fit the variable\'s type: var.lifecycle_rule[1]: the attribute "id" is required');
  });
});

describe('nullable', () => {
  /*
   * Terraform 1.11, terraform.tfvars `days = null` and `plain = null`:
   *   echo var.days | terraform console  ->  7 (nullable = false: a null is no value, the default is taken)
   *   echo var.plain | terraform console ->  tonumber(null)
   */
  test('a null for a variable with nullable = false takes its default; otherwise it stays null', async () => {
    const result = await check({
      'variables.tf': 'variable "days" {\n  type     = number\n  nullable = false\n  default  = 7\n}\n'
        + 'variable "plain" {\n  type    = number\n  default = 7\n}\n',
      'terraform.tfvars': 'days  = null\nplain = null\n',
      'main.tf': `resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
}

resource "aws_s3_bucket_lifecycle_configuration" "logs" {
  bucket = aws_s3_bucket.logs.id
  rule {
    id     = "abort-incomplete-uploads"
    status = "Enabled"
    filter {}
    abort_incomplete_multipart_upload {
      days_after_initiation = var.plain == null ? var.days : 30
    }
  }
}
`,
    });
    expect(resourceOf(result, 'aws_s3_bucket.logs')).toMatchObject({ verdict: 'COMPLIANT' });
    expect(resourceOf(result, 'aws_s3_bucket.logs').message).toContain('aborted 7 days after initiation');
  });
});

describe('the evaluation budget', () => {
  test('defaults that double at each of 25 levels (2^25 values) take steps as they are made: the tree is not judged, promptly', async () => {
    let type = 'object({ days = optional(number, 7) })';
    for (let level = 0; level < 25; level++) type = `object({ rules = optional(list(${type}), [{}, {}]) })`;
    const started = Date.now();
    const result = await check({
      'main.tf': `variable "rules" {\n  type    = ${type}\n  default = {}\n}\n`
        + 'resource "aws_s3_bucket" "logs" {\n  bucket = "acme-logs"\n}\n'
        + 'resource "aws_s3_bucket_lifecycle_configuration" "logs" {\n  bucket = aws_s3_bucket.logs.id\n'
        + '  rule {\n    id     = "abort"\n    status = "Enabled"\n    filter {}\n'
        + '    abort_incomplete_multipart_upload {\n      days_after_initiation = length(var.rules.rules)\n    }\n  }\n}\n',
    });
    expect(result.errors.map(error => error.message)).toEqual(['evaluating the expressions of this module tree takes more than 2,000,000 steps: not judged']);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('module calls and JSON syntax', () => {
  const configuration = (days: string, prefix = '""') => `resource "aws_s3_bucket" "this" {
  bucket = "acme-logs"
}

resource "aws_s3_bucket_lifecycle_configuration" "this" {
  bucket = aws_s3_bucket.this.id
  rule {
    id     = "abort"
    status = "Enabled"
    filter {
      prefix = ${prefix}
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = ${days}
    }
  }
}
`;

  test('an object a module call passes is that object, typed or not (not a block list because its name is a block\'s)', async () => {
    const result = await check({
      'main.tf': 'module "logs" {\n  source = "./modules/logs"\n  rule   = { filter = { prefix = "" }, abort_incomplete_multipart_upload = { days = 3 } }\n}\n',
      'modules/logs/main.tf': 'variable "rule" {}\n' + configuration('var.rule.abort_incomplete_multipart_upload.days', 'var.rule.filter.prefix'),
    });
    expect(resourceOf(result, 'module.logs.aws_s3_bucket.this').message).toContain('aborted 3 days after initiation');
  });

  /* Terraform 1.11 reads a .tf.json variable's "type" as the same type expression: var.abort is { days = 7 }. */
  test('a .tf.json variable\'s type, optional() default included', async () => {
    const result = await check({
      'variables.tf.json': JSON.stringify({ variable: { abort: { type: 'object({ days = optional(number, 7) })', default: {} } } }),
      'main.tf': configuration('var.abort.days'),
    });
    expect(resourceOf(result, 'aws_s3_bucket.this').message).toContain('aborted 7 days after initiation');
  });
});
