import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export interface CliRun {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const REPO = join(__dirname, '..', '..');

/** How to start mpu-audit as a user would, in its own process, from the TypeScript sources. */
export function mpuAuditCommand(args: readonly string[], env: Record<string, string> = {}) {
  return {
    command: process.execPath,
    args: ['-r', 'ts-node/register/transpile-only', join('scripts', 'mpu-audit.ts'), ...args],
    options: {
      cwd: REPO,
      env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.dev.json', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', ...env },
    },
  };
}

/**
 * Runs mpu-audit as a user would, in its own process, from the TypeScript
 * sources (the bin shim runs the same entry point from the compiled lib/).
 */
export function runMpuAudit(args: readonly string[], env: Record<string, string> = {}): CliRun {
  const { command, args: argv, options } = mpuAuditCommand(args, env);
  const result = spawnSync(command, argv, { ...options, encoding: 'utf8', timeout: 120_000 });
  return { exitCode: result.status, stdout: result.stdout, stderr: result.stderr };
}
