import { longestReferences } from '../../../src/file-check/terraform/plan-configuration';

describe('longestReferences', () => {
  test.each([
    ['the shorter forms Terraform adds', ['aws_s3_bucket.logs.id', 'aws_s3_bucket.logs'], ['aws_s3_bucket.logs.id']],
    ['an instance and its block', ['aws_s3_bucket.logs[0].id', 'aws_s3_bucket.logs[0]', 'aws_s3_bucket.logs'], ['aws_s3_bucket.logs[0].id']],
    ['two references, each kept', ['var.a', 'var.b'], ['var.a', 'var.b']],
    ['a name that only starts like another', ['var.bucket_id', 'var.bucket'], ['var.bucket_id', 'var.bucket']],
    ['the same reference twice, both kept', ['var.a', 'var.a'], ['var.a', 'var.a']],
    ['a prefix at a separator inside another', ['module.m["a.b"].out', 'module.m["a'], ['module.m["a.b"].out']],
  ])('GIVEN %s THEN the longest', (_, references, expected) => {
    expect(longestReferences(references)).toEqual(expected);
  });

  // Found while reading what the plan property tests run: each reference was compared with every other.
  test('GIVEN 30,000 references in one expression THEN they are sorted out in a moment (a minute before)', () => {
    const references = Array.from({ length: 30_000 }, (_, i) => [`aws_s3_bucket.b${i}.id`, `aws_s3_bucket.b${i}`]).flat();
    const start = Date.now();
    const longest = longestReferences(references);
    expect(Date.now() - start).toBeLessThan(2000);
    expect(longest).toHaveLength(30_000);
    expect(longest[0]).toBe('aws_s3_bucket.b0.id');
  });
});
