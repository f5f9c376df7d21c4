import { MPU_UPLOAD_OPTIONS, MpuUploadOptions } from './options';
import { exitCodesHelp } from '../exit-codes-help';
import { CommandSpec } from '../options/option-table';
import { UsageError } from '../options/usage-error';

/** mpu-upload: its options, and the text of --help around them. */
export const MPU_UPLOAD: CommandSpec<typeof MPU_UPLOAD_OPTIONS> = {
  name: 'mpu-upload',
  intro: `Usage: mpu-upload [options] FILE s3://BUCKET/KEY

Uploads FILE to s3://BUCKET/KEY in parts, retrying throttled, timed-out and
reset requests. Run the same command again after a crash or an interrupt and it
resumes: it finds the key's incomplete upload, keeps each part proven identical
to the file (by its checksum, or its MD5 ETag on a server without checksums) and
sends only the rest. An upload that cannot finish is aborted, so that no parts
are left billed. A file already in place (same size and checksum) is not sent
again. A KEY ending in / takes FILE's name.
`,
  outro: exitCodesHelp('mpu-upload'),
  options: MPU_UPLOAD_OPTIONS,
  operands: 'FILE s3://BUCKET/KEY',
  check: options => {
    if (options.accelerate && options.forcePathStyle) {
      throw new UsageError('--accelerate cannot be used with --force-path-style: the Transfer Acceleration endpoint takes virtual-hosted addressing only');
    }
    if (options.sseKmsKeyId !== undefined && options.sse === 'AES256') {
      throw new UsageError('--sse-kms-key-id names a KMS key, which --sse AES256 does not use: write --sse aws:kms, or drop --sse-kms-key-id');
    }
  },
};

/** The encryption the options ask for. */
export function encryptionOf(options: MpuUploadOptions) {
  if (options.sseCKey !== undefined) return { kind: 'customer-key', key: options.sseCKey } as const;
  if (options.sse !== undefined) return { kind: 'sse', algorithm: options.sse, kmsKeyId: options.sseKmsKeyId } as const;
  return undefined;
}
