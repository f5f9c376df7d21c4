// mpu-audit from the TypeScript sources, for the demo (which builds no lib/); the published bin and the tests run the compiled lib/.
import { runFromProcess } from '../../src/cli/mpu-audit/main';

runFromProcess();
