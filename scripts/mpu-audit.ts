// mpu-audit from the TypeScript sources, for the demo and the tests; the published bin runs the compiled lib/.
import { runFromProcess } from '../src/audit/cli/process-io';

runFromProcess();
