import { join } from 'node:path';
import { checkPaths } from '../../../src/check/check-paths';
import { CheckedResource, CheckResult } from '../../../src/check/check-result';
import { resourceOf } from '../check-helpers';

/** Module trees written as real modules are: a bucket module with outputs, a lifecycle module that takes one. */
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

  test('an output that is a map of ids: each configuration is tied to the bucket instance of its key, and the one without is MISSING', async () => {
    const result = await checkTree('map-output');
    expect(summary(result)).toEqual({ 'module.buckets.aws_s3_bucket.this': 'MISSING' });
    expect(resourceOf(result, 'module.buckets.aws_s3_bucket.this').message).toMatch(/^1 of 3 instances \(module\.buckets\.aws_s3_bucket\.this\["tmp"\]\): /);
  });
});
