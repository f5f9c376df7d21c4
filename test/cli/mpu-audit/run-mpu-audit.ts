import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { requireCurrentLib } from '../../built-lib';
import { CliRun } from '../cli-run';

export type { CliRun };

const REPO = join(__dirname, '..', '..', '..');

/** How to start mpu-audit as a user would: the package's bin, in its own process, on the compiled lib/. */
export function mpuAuditCommand(args: readonly string[], env: Record<string, string> = {}) {
  requireCurrentLib();
  return {
    command: process.execPath,
    args: [join('bin', 'mpu-audit'), ...args],
    options: {
      cwd: REPO,
      env: { ...process.env, AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', ...env },
    },
  };
}

/** Runs mpu-audit as a user would, in its own process (see mpuAuditCommand). */
export function runMpuAudit(args: readonly string[], env: Record<string, string> = {}): CliRun {
  const { command, args: argv, options } = mpuAuditCommand(args, env);
  const result = spawnSync(command, argv, { ...options, encoding: 'utf8', timeout: 120_000 });
  return { exitCode: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Runs mpu-audit as runMpuAudit does, without blocking this process: a proxy in this process can
 * then answer its requests, and the test can signal it (`started` gets the child).
 */
export function spawnMpuAudit(args: readonly string[], env: Record<string, string> = {}, started?: (child: ChildProcess) => void): Promise<CliRun> {
  const { command, args: argv, options } = mpuAuditCommand(args, env);
  const child = spawn(command, argv, options);
  started?.(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', chunk => { stdout += chunk; });
  child.stderr.on('data', chunk => { stderr += chunk; });
  return new Promise(resolve => child.on('close', exitCode => resolve({ exitCode, stdout, stderr })));
}
