import { MPU_CHECK } from './command';
import { runCheckCli } from './run-check';
import { runOnProcess } from '../process-cli-io';

/** The `mpu-check` binary, on the files of this machine. */
export function runFromProcess(): void {
  runOnProcess(MPU_CHECK.name, runCheckCli);
}
