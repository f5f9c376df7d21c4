import { ChildProcess } from 'node:child_process';
import { CliRun } from '../cli/cli-run';
import { runBuiltBin, spawnBuiltBin } from '../cli/run-built-bin';

export type { CliRun };

/** Runs mpu-audit as a user would, in its own process (see builtBinCommand). */
export function runMpuAudit(args: readonly string[], env: Record<string, string> = {}): CliRun {
  return runBuiltBin('mpu-audit', args, env);
}

/**
 * Runs mpu-audit as runMpuAudit does, without blocking this process: a proxy in this process can
 * then answer its requests, and the test can signal it (`started` gets the child).
 */
export function spawnMpuAudit(args: readonly string[], env: Record<string, string> = {}, started?: (child: ChildProcess) => void): Promise<CliRun> {
  return spawnBuiltBin('mpu-audit', args, env, started);
}
