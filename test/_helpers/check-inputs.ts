import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { CheckFs, nodeCheckFs } from '../../src/file-check/check-fs';

/** A bucket that aborts incomplete uploads after `days` days, in a whole-bucket rule. */
export const abortingBucket = (id: string, days = 7) => `  ${id}:
    Type: AWS::S3::Bucket
    Properties:
      LifecycleConfiguration:
        Rules:
          - Id: abort-incomplete-uploads
            Status: Enabled
            AbortIncompleteMultipartUpload:
              DaysAfterInitiation: ${days}
`;

/** A bucket without lifecycle configuration: MPU1. */
export const plainBucket = (id: string) => `  ${id}:
    Type: AWS::S3::Bucket
`;

/** A bucket whose abort rule is also filtered by a tag, which S3 refuses: MPU3. */
export const taggedAbortBucket = (id: string) => `  ${id}:
    Type: AWS::S3::Bucket
    Properties:
      LifecycleConfiguration:
        Rules:
          - Id: abort-tagged
            Status: Enabled
            TagFilters:
              - Key: team
                Value: data
            AbortIncompleteMultipartUpload:
              DaysAfterInitiation: 1
`;

/** A bucket whose abort days come from a parameter: UNRESOLVED, a warning. */
export const parameterDaysBucket = (id: string) => `  ${id}:
    Type: AWS::S3::Bucket
    Properties:
      LifecycleConfiguration:
        Rules:
          - Id: abort
            Status: Enabled
            AbortIncompleteMultipartUpload:
              DaysAfterInitiation: !Ref AbortDays
`;

/** A bucket without lifecycle whose MPU1 finding is acknowledged in its Metadata with `reason`. */
export const acknowledgedBucket = (id: string, reason: string) => `  ${id}:
    Type: AWS::S3::Bucket
    Metadata:
      cdk-mpu-guard:
        acknowledge:
          - id: MultipartUpload-MPU1
            reason: ${JSON.stringify(reason)}
`;

/** A YAML template holding the given resources (each written by one of the functions above). */
export function template(...resources: string[]): string {
  return `AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  AbortDays:\n    Type: Number\n    Default: 3\nResources:\n${resources.join('')}`;
}

/** A fresh directory with `files` (relative name → content) written into it. */
export function inputDirectory(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'mpu-check-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), content);
  }
  return root;
}

/**
 * The real file system with relative paths taken from `root`, as if mpu-check ran in `root`:
 * reports then name the files as a user in that directory would write them.
 */
export function fsIn(root: string): CheckFs {
  const at = (path: string) => (isAbsolute(path) ? path : join(root, path));
  const fs = nodeCheckFs();
  return {
    entry: path => fs.entry(at(path)),
    readText: (realPath, maxBytes) => fs.readText(realPath, maxBytes),
    list: directory => fs.list(at(directory)),
    absolute: path => at(path),
  };
}
