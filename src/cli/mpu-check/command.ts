import { MPU_CHECK_OPTIONS } from './options';
import { CommandSpec } from '../options/option-table';

/** mpu-check: its options, and the text of --help around them. */
export const MPU_CHECK: CommandSpec<typeof MPU_CHECK_OPTIONS> = {
  name: 'mpu-check',
  intro: `Usage: mpu-check [options] PATH...

Checks that every S3 bucket in CloudFormation and SAM templates (JSON or YAML)
and in CDK cloud assemblies (cdk.out) has a lifecycle rule that aborts
incomplete multipart uploads in time. Each PATH is a file or a directory,
searched recursively; files are recognised by their content. Acknowledge a
finding in the resource's Metadata, with a reason:
  cdk-mpu-guard: { acknowledge: [{ id: MultipartUpload-MPU1, reason: ... }] }
`,
  outro: `Exit codes: 0 no unacknowledged finding at error level; 1 findings;
2 usage error, or an input that could not be read (unless --keep-going).
`,
  options: MPU_CHECK_OPTIONS,
  operands: 'PATH',
};
