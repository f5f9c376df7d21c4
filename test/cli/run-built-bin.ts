import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { CliRun } from './cli-run';
import { requireCurrentLib } from '../_helpers/built-lib';

const REPO = join(__dirname, '..', '..');

/** How to start one of the package's bins as a user would: in its own process, on the compiled lib/, with no AWS config files. */
export function builtBinCommand(bin: string, args: readonly string[], env: Record<string, string> = {}) {
  requireCurrentLib();
  return {
    command: process.execPath,
    args: [join('bin', bin), ...args],
    options: {
      cwd: REPO,
      env: { ...process.env, AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', ...env },
    },
  };
}

/** Runs a bin to its end (see builtBinCommand). */
export function runBuiltBin(bin: string, args: readonly string[], env: Record<string, string> = {}): CliRun {
  const { command, args: argv, options } = builtBinCommand(bin, args, env);
  const result = spawnSync(command, argv, { ...options, encoding: 'utf8', timeout: 120_000 });
  return { exitCode: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Runs a bin as runBuiltBin does, without blocking this process: a proxy in this process can
 * then answer its requests, and the test can signal it (`started` gets the child).
 */
export function spawnBuiltBin(
  bin: string, args: readonly string[], env: Record<string, string> = {}, started?: (child: ChildProcess) => void,
): Promise<CliRun & { signal: NodeJS.Signals | null }> {
  const { command, args: argv, options } = builtBinCommand(bin, args, env);
  const child = spawn(command, argv, options);
  started?.(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', chunk => { stdout += chunk; });
  child.stderr.on('data', chunk => { stderr += chunk; });
  return new Promise(resolve => child.on('close', (exitCode, signal) => resolve({ exitCode, signal, stdout, stderr })));
}
