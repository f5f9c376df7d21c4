import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export interface CliRun {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const REPO = join(__dirname, '..', '..');

/**
 * Runs mpu-audit as a user would, in its own process, from the TypeScript
 * sources (the bin shim runs the same entry point from the compiled lib/).
 */
export function runMpuAudit(args: readonly string[], env: Record<string, string> = {}): CliRun {
  const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', join('scripts', 'mpu-audit.ts'), ...args], {
    cwd: REPO,
    env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.dev.json', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { exitCode: result.status, stdout: result.stdout, stderr: result.stderr };
}
