import { join } from 'node:path';
import { checkPaths } from '../../../src/file-check/check-paths';
import { CheckedResource, CheckResult } from '../../../src/file-check/check-result';
import { resourceOf } from '../../_helpers/check-helpers';
import { inputDirectory } from '../../_helpers/check-inputs';

/**
 * Module trees written as real modules are (a bucket module with outputs, a lifecycle module that
 * takes one), each root beside the shared modules/. What Terraform makes of them was checked with
 * `terraform console` on a copy whose aws_* resources are terraform_data (its provider is built in,
 * so `terraform init` works offline), quoted in each test:
 *   python3 scripts/terraform-differential/terraform-data-tree.py test/fixtures/terraform/module-outputs /tmp/tree
 *   cd /tmp/tree/<root> && terraform init && echo '<expression>' | terraform console
 */
const TREES = join(__dirname, '..', '..', 'fixtures', 'terraform', 'module-outputs');

/** The verdict of each result, and the configuration its rules are in when it names one. */
function summary(result: CheckResult): Record<string, string> {
  return Object.fromEntries(result.resources.map(resource => [resource.id, verdictOf(resource)]));
}

function verdictOf(resource: CheckedResource): string {
  const rulesIn = /^Rules in (\S+)\. /.exec(resource.message)?.[1];
  return rulesIn === undefined ? resource.verdict : `${resource.verdict} in ${rulesIn}`;
}

async function checkTree(name: string): Promise<CheckResult> {
  const result = await checkPaths([join(TREES, name)]);
  expect(result.errors).toEqual([]);
  return result;
}

describe('mpu-check follows module outputs in HCL module trees', () => {
  test('a lifecycle module whose bucket is a sibling module\'s output, and a root configuration of a module\'s bucket', async () => {
    const result = await checkTree('siblings');
    expect(summary(result)).toEqual({
      'module.logs.aws_s3_bucket.this': 'COMPLIANT in module.logs_lifecycle.aws_s3_bucket_lifecycle_configuration.this',
      'module.archive.aws_s3_bucket.this': 'TOO_LATE in aws_s3_bucket_lifecycle_configuration.archive',
    });
    expect(resourceOf(result, 'module.logs.aws_s3_bucket.this').message)
      .toBe('Rules in module.logs_lifecycle.aws_s3_bucket_lifecycle_configuration.this. Incomplete uploads are aborted 3 days after initiation.');
  });

  // keys(module.bucket) and keys(module.lifecycle) are ["logs", "media"]; length(module.uploads_lifecycle) is 2.
  test('for_each and count on module calls: each lifecycle instance is tied to the bucket instance of its own key, by index or through the whole module object', async () => {
    const result = await checkTree('for-each');
    expect(summary(result)).toEqual({
      'module.bucket.aws_s3_bucket.this': 'TOO_LATE in module.lifecycle.aws_s3_bucket_lifecycle_configuration.this',
      'module.uploads.aws_s3_bucket.this': 'COMPLIANT in module.uploads_lifecycle.aws_s3_bucket_lifecycle_configuration.this',
    });
    expect(resourceOf(result, 'module.bucket.aws_s3_bucket.this').message)
      .toMatch(/^Rules in module\.lifecycle\.aws_s3_bucket_lifecycle_configuration\.this\. 1 of 2 instances \(module\.bucket\["media"\]\.aws_s3_bucket\.this\): .* 30 days/);
    expect(resourceOf(result, 'module.uploads.aws_s3_bucket.this').message).toContain('All 2 instances: incomplete uploads are aborted 7 days after initiation.');
  });

  // keys(module.site) is ["blog", "docs"]; module.site["blog"] is { bucket_id = (known after apply) }.
  test('two instances of one module, each configuring its own bucket module\'s output: neither takes the other\'s rules, nor "may"', async () => {
    const result = await checkTree('sites');
    expect(summary(result)).toEqual({ 'module.site.module.content.aws_s3_bucket.this': 'TOO_LATE in module.site.aws_s3_bucket_lifecycle_configuration.content' });
    const content = resourceOf(result, 'module.site.module.content.aws_s3_bucket.this');
    expect(content.message).toMatch(/^Rules in module\.site\.aws_s3_bucket_lifecycle_configuration\.content\. 1 of 2 instances \(module\.site\["blog"\]\.module\.content\.aws_s3_bucket\.this\): .* 14 days/);
    expect(content.message).not.toMatch(/may be|targets this bucket too/);
  });

  test('an output that passes on an output of a module it calls, two levels down', async () => {
    const result = await checkTree('nested-outputs');
    expect(summary(result)).toEqual({
      'module.storage.module.data.aws_s3_bucket.this': 'COMPLIANT in aws_s3_bucket_lifecycle_configuration.data',
      'module.storage.module.scratch.aws_s3_bucket.this': 'MISSING',
    });
  });

  // terraform console says module.buckets.ids is (known after apply) as a whole: without a plan it knows no
  // resource at all. terraform plan knows the for_each's keys, so the map's keys are known, its ids not.
  test('an output that is a map of ids: each configuration is tied to the bucket instance of its key, and the one without is MISSING', async () => {
    const result = await checkTree('map-output');
    expect(summary(result)).toEqual({ 'module.buckets.aws_s3_bucket.this': 'MISSING' });
    expect(resourceOf(result, 'module.buckets.aws_s3_bucket.this').message).toMatch(/^1 of 3 instances \(module\.buckets\.aws_s3_bucket\.this\["tmp"\]\): /);
  });

  // keys(module.media) is ["images", "video"], length(module.uploads) is 2, module.media.video is the
  // object of that instance's outputs (a for_each call is a map: .video is its "video" element).
  test('literal instance keys: module.uploads[0].id, module.media["images"].bucket, module.media.video.id', async () => {
    const result = await checkTree('indexed');
    expect(summary(result)).toEqual({
      'module.media.aws_s3_bucket.this': 'COMPLIANT in aws_s3_bucket_lifecycle_configuration.video',
      'module.uploads.aws_s3_bucket.this': 'MISSING',
    });
    expect(resourceOf(result, 'module.uploads.aws_s3_bucket.this').message).toMatch(/^1 of 2 instances \(module\.uploads\[1\]\.aws_s3_bucket\.this\): /);
  });

  // module.logs.abort_after_days is 2 (the app's default, passed back through its output).
  test('two modules that read each other\'s outputs without a value depending on itself: no cycle, as Terraform says', async () => {
    const result = await checkTree('cross-references');
    expect(summary(result)).toEqual({
      'module.app.aws_s3_bucket.this': 'MISSING',
      'module.logs.aws_s3_bucket.this': 'COMPLIANT in module.logs.aws_s3_bucket_lifecycle_configuration.this',
    });
    expect(resourceOf(result, 'module.logs.aws_s3_bucket.this').message).toContain('aborted 2 days after initiation');
  });

  // terraform console: "Error: Cycle: module.logs.var.abort_after_days (expand), module.logs.output.abort_after_days (expand),
  // module.app.var.log_abort_after_days (expand), module.app.output.log_abort_after_days (expand)".
  test('outputs that depend on each other across modules end in an Unknown naming the cycle, not a hang', async () => {
    const result = await checkTree('cycle');
    expect(summary(result)).toEqual({
      'module.app.aws_s3_bucket.this': 'MISSING',
      'module.logs.aws_s3_bucket.this': 'UNRESOLVED in module.logs.aws_s3_bucket_lifecycle_configuration.this',
    });
    expect(resourceOf(result, 'module.logs.aws_s3_bucket.this').message)
      .toContain('Terraform would refuse it: it depends on itself (module.logs.var.abort_after_days -> module.app.output.log_abort_after_days');
  });

  // With the rules as a variable of type any, terraform console gives
  // [for rule in var.rules : lookup(rule, "abort_incomplete_multipart_upload", null) == null ? [] : [rule.abort_incomplete_multipart_upload]]
  // as [tolist([{ days_after_initiation = 5 }]), tolist([])]: each nested value is the object written.
  test('a module argument that is a list of objects holding objects reaches the module as written, not as blocks', async () => {
    const result = await checkTree('object-arguments');
    expect(summary(result)).toEqual({ 'module.assets.aws_s3_bucket.this': 'COMPLIANT in module.assets_lifecycle.aws_s3_bucket_lifecycle_configuration.this' });
    expect(resourceOf(result, 'module.assets.aws_s3_bucket.this').message).toContain('aborted 5 days after initiation');
  });

  // terraform console on the indexed tree: module.uploads[0]["id"] is "Module instance objects do not support this
  // operation", module.uploads[2].id and module.media["nope"].id "Invalid index", module.uploads.id "Unsupported attribute".
  test.each([
    ['module.uploads[0]["id"]', 'module instance objects do not support this operation'],
    ['module.uploads[2].id', 'module uploads has no instance 2'],
    ['module.media["nope"].id', 'module media has no instance "nope"'],
    ['module.uploads.id', 'cannot read the attribute "id"'],
    ['module.media["images"].nope', 'module media has no output "nope"'],
    ['module.nope.id', 'the module has no module "nope" block'],
  ])('a reference Terraform refuses, %s, ties the configuration to no bucket and says why', async (target, why) => {
    const root = inputDirectory({
      'modules/bucket/main.tf': 'variable "name" {}\nresource "aws_s3_bucket" "this" {\n  bucket = var.name\n}\noutput "id" {\n  value = aws_s3_bucket.this.id\n}\n',
      'main.tf': 'module "uploads" {\n  source = "./modules/bucket"\n  count  = 2\n  name   = "acme-uploads-${count.index}"\n}\n'
        + 'module "media" {\n  source   = "./modules/bucket"\n  for_each = toset(["images"])\n  name     = each.key\n}\n'
        + `resource "aws_s3_bucket_lifecycle_configuration" "this" {\n  bucket = ${target}\n  rule {\n    id = "a"\n    status = "Enabled"\n    filter {}\n`
        + '    abort_incomplete_multipart_upload {\n      days_after_initiation = 7\n    }\n  }\n}\n',
    });
    const result = await checkPaths([root]);
    expect(result.errors).toEqual([]);
    const configuration = resourceOf(result, 'aws_s3_bucket_lifecycle_configuration.this');
    expect(configuration.verdict).toBe('COMPLIANT');
    expect(resourceOf(result, 'module.uploads.aws_s3_bucket.this').message).toContain(`Terraform would refuse it: ${target}: ${why}`);
  });
});

// terraform console says only (known after apply) for both outputs: the policy's id being its bucket's name is the AWS provider's.
test('an output that is a bucket policy\'s id, as terraform-aws-modules/s3-bucket gives it, may be any bucket\'s name: UNRESOLVED, not MISSING', async () => {
  const result = await checkTree('policy-output');
  expect(summary(result)).toEqual({
    'module.logs.aws_s3_bucket.this': 'COMPLIANT in aws_s3_bucket_lifecycle_configuration.logs',
    'module.assets.aws_s3_bucket.this': 'UNRESOLVED',
    'aws_s3_bucket_lifecycle_configuration.assets': 'COMPLIANT',
  });
  expect(resourceOf(result, 'module.assets.aws_s3_bucket.this').message).toContain('its rules may be those of aws_s3_bucket_lifecycle_configuration.assets, '
    + 'whose bucket is ${module.assets.s3_bucket_id} (an attribute of module.assets.aws_s3_bucket_policy.this[0], known after apply)');
});

test('an output of a module mpu-check does not read (a registry source) is not known, and says why', async () => {
  const root = inputDirectory({
    'main.tf': 'module "logs" {\n  source  = "terraform-aws-modules/s3-bucket/aws"\n  version = "~> 4.0"\n  bucket  = "acme-logs"\n}\n'
      + 'resource "aws_s3_bucket" "other" {\n  bucket = "acme-other"\n}\n'
      + 'resource "aws_s3_bucket_lifecycle_configuration" "logs" {\n  bucket = module.logs.s3_bucket_id\n  rule {\n    id = "a"\n    status = "Enabled"\n    filter {}\n'
      + '    abort_incomplete_multipart_upload {\n      days_after_initiation = 7\n    }\n  }\n}\n',
  });
  const result = await checkPaths([root]);
  expect(summary(result)).toEqual({ 'aws_s3_bucket.other': 'UNRESOLVED', 'aws_s3_bucket_lifecycle_configuration.logs': 'COMPLIANT' });
  expect(resourceOf(result, 'aws_s3_bucket.other').message)
    .toContain('whose bucket is ${module.logs.s3_bucket_id} (an output of module logs, which is not read: its source is not a local directory)');
});

test('an instance key known only after apply names no instance: the configuration is tied to no bucket, least of all the key\'s', async () => {
  const root = inputDirectory({
    'modules/bucket/main.tf': 'variable "name" {}\nresource "aws_s3_bucket" "this" {\n  bucket = var.name\n}\noutput "id" {\n  value = aws_s3_bucket.this.id\n}\n',
    'main.tf': 'module "media" {\n  source   = "./modules/bucket"\n  for_each = toset(["images"])\n  name     = each.key\n}\n'
      + 'resource "aws_s3_bucket" "other" {\n  bucket = "acme-other"\n}\n'
      + 'resource "aws_s3_bucket_lifecycle_configuration" "this" {\n  bucket = module.media[aws_s3_bucket.other.id].id\n  rule {\n    id = "a"\n    status = "Enabled"\n    filter {}\n'
      + '    abort_incomplete_multipart_upload {\n      days_after_initiation = 7\n    }\n  }\n}\n',
  });
  const result = await checkPaths([root]);
  expect(summary(result)).toEqual({
    'module.media.aws_s3_bucket.this': 'UNRESOLVED',
    'aws_s3_bucket.other': 'UNRESOLVED',
    'aws_s3_bucket_lifecycle_configuration.this': 'COMPLIANT',
  });
  expect(resourceOf(result, 'aws_s3_bucket.other').message).toContain('which instance of module media it names is not known before apply');
});

test('two module blocks of one name, which Terraform refuses, are one call: its bucket is judged once, not as two instances', async () => {
  const root = inputDirectory({
    'modules/bucket/main.tf': 'resource "aws_s3_bucket" "this" {\n  bucket = "acme-logs"\n}\n',
    'main.tf': 'module "logs" {\n  source = "./modules/bucket"\n}\n',
    'more.tf': 'module "logs" {\n  source = "./modules/bucket"\n}\n',
  });
  const result = await checkPaths([root]);
  expect(summary(result)).toEqual({ 'module.logs.aws_s3_bucket.this': 'MISSING' });
  expect(resourceOf(result, 'module.logs.aws_s3_bucket.this').message).toMatch(/^The bucket keeps the parts/i);
});

describe('module outputs within the bounds on untrusted input', () => {
  const relay = 'variable "days" {}\noutput "days" {\n  value = var.days\n}\n';

  test('a chain of 1,000 sibling modules, each taking the one before\'s output, is followed to its end', async () => {
    const calls = Array.from({ length: 1000 }, (_, index) =>
      `module "m${index}" {\n  source = "./relay"\n  days   = ${index === 0 ? 7 : `module.m${index - 1}.days`}\n}\n`).join('');
    const root = inputDirectory({
      'relay/main.tf': relay,
      'main.tf': `${calls}resource "aws_s3_bucket" "logs" {\n  bucket = "acme-logs"\n}\n`
        + 'resource "aws_s3_bucket_lifecycle_configuration" "logs" {\n  bucket = aws_s3_bucket.logs.id\n  rule {\n    id = "a"\n    status = "Enabled"\n    filter {}\n'
        + '    abort_incomplete_multipart_upload {\n      days_after_initiation = module.m999.days\n    }\n  }\n}\n',
    });
    const result = await checkPaths([root]);
    expect(result.errors).toEqual([]);
    expect(resourceOf(result, 'aws_s3_bucket.logs').message).toContain('aborted 7 days after initiation');
  });

  test('every instance of one module reading every output of every instance of another is charged, and ends at the step bound', async () => {
    const outputs = Array.from({ length: 50 }, (_, index) => `output "o${index}" {\n  value = ${index}\n}\n`).join('');
    const root = inputDirectory({
      'wide/main.tf': outputs,
      'reader/main.tf': 'variable "all" {}\nresource "aws_s3_bucket" "this" {\n  bucket = "acme-${length(var.all)}"\n}\n',
      'main.tf': 'module "wide" {\n  source = "./wide"\n  count  = 500\n}\nmodule "reader" {\n  source = "./reader"\n  count  = 500\n  all    = module.wide\n}\n',
    });
    const started = Date.now();
    const result = await checkPaths([root]);
    expect(result.errors.map(error => error.message)).toEqual([expect.stringMatching(/takes more than 2,000,000 steps: not judged$/)]);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
