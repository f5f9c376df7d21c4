import { MPU_CHECK_OPTIONS } from './options';
import { exitCodesHelp } from '../exit-codes-help';
import { CommandSpec } from '../options/option-table';

/** mpu-check: its options, and the text of --help around them. */
export const MPU_CHECK: CommandSpec<typeof MPU_CHECK_OPTIONS> = {
  name: 'mpu-check',
  intro: `Usage: mpu-check [options] PATH...

Checks that every S3 bucket in CloudFormation and SAM templates (JSON or YAML),
CDK cloud assemblies (cdk.out), Terraform modules (.tf, .tf.json) and Terraform
plans (terraform show -json) has a lifecycle rule that aborts incomplete
multipart uploads in time. Each PATH is a file or a directory, searched
recursively; files are recognised by their content, and a directory of .tf
files is one module. Acknowledge a finding, with a reason, in a template
resource's Metadata:
  cdk-mpu-guard: { acknowledge: [{ id: MultipartUpload-MPU1, reason: ... }] }
or in a comment in (or right above) a Terraform block:
  # mpu-check:acknowledge MultipartUpload-MPU1 <reason>
`,
  outro: exitCodesHelp('mpu-check'),
  options: MPU_CHECK_OPTIONS,
  operands: 'PATH',
};
