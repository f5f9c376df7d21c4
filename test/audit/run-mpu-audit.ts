import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface CliRun {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const REPO = join(__dirname, '..', '..');

let libChecked = false;

/**
 * The tests run mpu-audit as it is published, from lib/: a lib/ compiled from older sources
 * would test old code, so every src/ file must have its lib/ output, written after it.
 */
function requireCurrentLib(): void {
  if (libChecked) return;
  const src = join(REPO, 'src');
  for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const source = join(entry.parentPath, entry.name);
    const built = join(REPO, 'lib', relative(src, source).replace(/\.ts$/, '.js'));
    if (!existsSync(built) || statSync(built).mtimeMs < statSync(source).mtimeMs) {
      throw new Error(`${relative(REPO, built)} is missing or older than ${relative(REPO, source)}: the tests run mpu-audit as built; run npx projen compile`);
    }
  }
  libChecked = true;
}

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
