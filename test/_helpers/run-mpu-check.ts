import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { requireCurrentLib } from './built-lib';
import { CliRun } from '../cli/cli-run';

const BIN = join(__dirname, '..', '..', 'bin', 'mpu-check');

/** Runs mpu-check as a user would: the package's bin, on the compiled lib/, in its own process, in `cwd`. */
export function runMpuCheck(args: readonly string[], cwd: string, env: Record<string, string> = {}): CliRun {
  requireCurrentLib();
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 60_000, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, ...env } });
  if (result.error) throw result.error;
  return { exitCode: result.status, stdout: result.stdout, stderr: result.stderr };
}
