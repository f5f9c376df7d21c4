import { join } from 'node:path';
import { checkPaths } from '../../../src/file-check/check-paths';
import { CheckResult } from '../../../src/file-check/check-result';
import { resourceOf } from '../../_helpers/check-helpers';

/**
 * Module trees written as modules are (test/fixtures/terraform/modules), each judged with the
 * verdict Terraform's values give: the values of their expressions are those `terraform console`
 * printed for the same constructs (test/fixtures/terraform/console).
 */
const MODULES = join(__dirname, '../../fixtures/terraform/modules');

const check = (name: string): Promise<CheckResult> => checkPaths([join(MODULES, name)]);

const summary = (result: CheckResult) => Object.fromEntries(result.resources.map(r => [r.id, r.verdict]));

describe('Terraform expressions as Terraform evaluates them, in module trees', () => {
  test('rules built by a for expression over several lines, a dynamic "rule" over them, and try(...)[*] for optional blocks', async () => {
    // terraform console, the module's locals with logs' rules: the abort rule's [*] is [7], its prefix ""; with exports' rules, the
    // switched-off abort rule is left out: { "expire-exports" = ... } alone.
    const result = await check('multi-line-rules');
    expect(result.errors).toEqual([]);
    expect(summary(result)).toEqual({ 'module.logs.aws_s3_bucket.this': 'COMPLIANT', 'module.exports.aws_s3_bucket.this': 'MISSING' });
    expect(resourceOf(result, 'module.logs.aws_s3_bucket.this').message)
      .toBe('Rules in module.logs.aws_s3_bucket_lifecycle_configuration.this. Incomplete uploads are aborted 7 days after initiation.');
    expect(resourceOf(result, 'module.exports.aws_s3_bucket.this').message).toContain('no lifecycle rule aborts incomplete multipart uploads');
  });

  test('a splat over a bucket without count is [the bucket]: join(), one() and try() of it tie the configuration to the bucket', async () => {
    const result = await check('splat-bucket');
    expect(result.errors).toEqual([]);
    expect(summary(result)).toEqual({ 'aws_s3_bucket.archive': 'COMPLIANT', 'aws_s3_bucket.reports': 'TOO_LATE', 'aws_s3_bucket.scratch': 'MISSING' });
    for (const name of ['archive', 'reports', 'scratch']) {
      expect(resourceOf(result, `aws_s3_bucket.${name}`).message).toMatch(new RegExp(`^Rules in aws_s3_bucket_lifecycle_configuration\\.${name}\\. `));
    }
  });

  test('Terraform\'s JSON syntax: an interpolation over several lines with a comment, a splat in parentheses indexed', async () => {
    const result = await check('json-syntax');
    expect(result.errors).toEqual([]);
    expect(summary(result)).toEqual({ 'aws_s3_bucket.data': 'COMPLIANT' });
    expect(resourceOf(result, 'aws_s3_bucket.data').message)
      .toBe('Rules in aws_s3_bucket_lifecycle_configuration.data. Incomplete uploads are aborted 5 days after initiation.');
  });
});
