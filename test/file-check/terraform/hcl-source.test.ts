import { acknowledgementsOfBlock } from '../../../src/file-check/terraform/comment-acknowledgement';
import { scanHclSource } from '../../../src/file-check/terraform/hcl-source';

describe('scanHclSource: where the top-level blocks of a .tf file are', () => {
  test('finds each block with its labels, first line and last line', () => {
    const source = scanHclSource([
      'variable "days" {',
      '  default = 7',
      '}',
      '',
      'resource "aws_s3_bucket" "logs" {',
      '  bucket = "logs"',
      '}',
    ].join('\n'));
    expect(source.blocks).toEqual([
      { kind: 'variable', labels: ['days'], line: 1, column: 1, endLine: 3 },
      { kind: 'resource', labels: ['aws_s3_bucket', 'logs'], line: 5, column: 1, endLine: 7 },
    ]);
  });

  test('braces in strings, interpolations, heredocs and comments do not open or close blocks', () => {
    const source = scanHclSource([
      'resource "aws_s3_bucket" "a" {',
      '  bucket = "x-${lookup(var.m, "}")}-{"',
      '  policy = <<EOF',
      '{ "Version": "2012-10-17" }}}',
      'EOF',
      '  # a } in a comment',
      '  /* and { in another */',
      '}',
      'resource "aws_s3_bucket" "b" {}',
    ].join('\n'));
    expect(source.blocks.map(block => [block.labels[1], block.line, block.endLine])).toEqual([['a', 1, 8], ['b', 9, 9]]);
  });

  test('records comments with their line, and whether they are alone on it', () => {
    const source = scanHclSource('# above\nresource "t" "n" { # after code\n  // inside\n}\n');
    expect(source.comments).toEqual([
      { line: 1, text: 'above', ownLine: true },
      { line: 2, text: 'after code', ownLine: false },
      { line: 3, text: 'inside', ownLine: true },
    ]);
  });
});

describe('acknowledgement comments', () => {
  const acknowledgements = (text: string) => {
    const source = scanHclSource(text);
    const block = source.blocks.find(candidate => candidate.kind === 'resource')!;
    return Object.fromEntries(acknowledgementsOfBlock(block, source.comments, 'main.tf'));
  };

  test('a comment inside the block, or on the lines right above it, acknowledges with its reason', () => {
    expect(acknowledgements([
      '# mpu-check:acknowledge MultipartUpload-MPU2 restores take 30 days',
      'resource "aws_s3_bucket" "a" {',
      '  // mpu-check:acknowledge MultipartUpload-MPU1 written once, never multipart',
      '}',
    ].join('\n'))).toEqual({
      'MultipartUpload-MPU2': { reason: 'restores take 30 days', where: 'the comment at main.tf:1' },
      'MultipartUpload-MPU1': { reason: 'written once, never multipart', where: 'the comment at main.tf:3' },
    });
  });

  test('a comment separated from the block by a blank line or code does not acknowledge it', () => {
    expect(acknowledgements('# mpu-check:acknowledge MultipartUpload-MPU1 stale\n\nresource "aws_s3_bucket" "a" {}\n')).toEqual({});
    expect(acknowledgements('resource "t" "x" {} # mpu-check:acknowledge MultipartUpload-MPU1 other block\nresource "aws_s3_bucket" "a" {}\n'))
      .toEqual({ 'MultipartUpload-MPU1': expect.objectContaining({ reason: 'other block' }) });
  });

  test('an acknowledgement without a reason is kept with an empty reason, to be refused', () => {
    expect(acknowledgements('resource "aws_s3_bucket" "a" {\n  # mpu-check:acknowledge MultipartUpload-MPU1\n}\n'))
      .toEqual({ 'MultipartUpload-MPU1': { reason: '', where: 'the comment at main.tf:2' } });
  });

  test('one naming no rule id counts for every rule, without a reason', () => {
    const found = acknowledgements('resource "aws_s3_bucket" "a" {\n  # mpu-check:acknowledge MPU1 typo\n}\n');
    expect(Object.keys(found)).toEqual(['MultipartUpload-MPU1', 'MultipartUpload-MPU2', 'MultipartUpload-MPU3']);
    expect(found['MultipartUpload-MPU1'].reason).toBe('');
    expect(found['MultipartUpload-MPU1'].where).toContain('it must be # mpu-check:acknowledge MultipartUpload-MPUn <reason>');
  });
});
