import { MPU_UPLOAD } from './command';
import { runUploadCli } from './run-upload';
import { runOnProcess } from '../process-cli-io';

/** The `mpu-upload` binary, on the real AWS SDK. */
export function runFromProcess(): void {
  runOnProcess(MPU_UPLOAD.name, runUploadCli);
}
