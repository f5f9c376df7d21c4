import { ChildProcess } from 'node:child_process';
import { CliRun } from './cli-run';
import { spawnBuiltBin } from './run-built-bin';

/**
 * Runs a bin as spawnBuiltBin does, and kills it (SIGKILL) if it has not ended in `withinMs`:
 * a bin that waits on a FIFO, or ignores a signal, then fails its test instead of hanging it
 * (its exit code is null).
 */
export async function runPromptly(
  bin: string, args: readonly string[], env: Record<string, string>, withinMs: number, started?: (child: ChildProcess) => void,
): Promise<CliRun> {
  let timer: NodeJS.Timeout | undefined;
  const run = await spawnBuiltBin(bin, args, env, child => {
    timer = setTimeout(() => child.kill('SIGKILL'), withinMs);
    started?.(child);
  });
  clearTimeout(timer);
  return run;
}
