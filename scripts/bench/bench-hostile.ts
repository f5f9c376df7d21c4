/**
 * mpu-check on inputs written to hurt it (not a test): its wall time, CPU time and peak RSS on
 * each case of scripts/lib/hostile-inputs.ts, as the built bin runs in a CI step.
 *
 *   npx projen pre-compile && npx projen compile && npx projen post-compile
 *   npx ts-node --project tsconfig.dev.json --transpile-only scripts/bench/bench-hostile.ts [--rounds N] [--format F] [--case TEXT]
 *
 * Each case is written to a fresh temporary directory (deleted at the end) and run there with
 * GNU time; a run that takes more than 120 s is killed and reported. The figures are the worst
 * of --rounds runs (default 1): the bound is what matters, not the typical run. --format runs every
 * case with that report format (default text); --case runs only the cases whose name holds TEXT. Every run must end
 * with exit code 0, 1 or 2 and no stack trace on stderr, or the script says so and exits 1.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { GNU_TIME } from './measured-run';
import { HOSTILE_CASES, SECRET } from '../lib/hostile-inputs';

/* eslint-disable no-console */

const MPU_CHECK = join(__dirname, '..', '..', 'bin', 'mpu-check');
const TIMEOUT_MS = 120_000;

interface Figures {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly peakMib: number;
  readonly status: number | null;
  readonly firstLine: string;
}

function runCase(index: number, format: string): Figures {
  const testCase = HOSTILE_CASES[index];
  const base = mkdtempSync(join(tmpdir(), 'bench-hostile-'));
  const root = join(base, 'root');
  const outside = join(base, 'outside');
  mkdirSync(root);
  mkdirSync(outside);
  try {
    testCase.write(root, outside);
    const rss = join(base, 'rss');
    const start = process.hrtime.bigint();
    const run = spawnSync(GNU_TIME, ['-f', '%M %U %S', '-o', rss, process.execPath, MPU_CHECK, '--format', format, '--', ...testCase.args], {
      cwd: root, encoding: 'utf8', timeout: TIMEOUT_MS, maxBuffer: 512 * 1024 * 1024,
    });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const [kb, user, system] = (readFileSync(rss, 'utf8').trim().split('\n').pop() ?? '').split(' ').map(Number);
    const output = `${run.stdout}${run.stderr}`;
    const problems = [
      run.error ? `did not end within ${TIMEOUT_MS / 1000} s` : '',
      run.status !== null && ![0, 1, 2].includes(run.status) ? `exit code ${run.status}` : '',
      /\n\s+at /.test(run.stderr) ? 'a stack trace on stderr' : '',
      output.includes(SECRET) ? 'the secret outside the root in its output' : '',
    ].filter(problem => problem !== '');
    if (problems.length > 0) throw new Error(`${testCase.name}: ${problems.join(', ')}`);
    const lines = format === 'text' ? run.stdout.split('\n') : run.stderr.split('\n');
    const firstLine = (lines.find(line => /error|warning/.test(line)) ?? lines[0]).slice(0, 160);
    return { seconds, cpuSeconds: user + system, peakMib: kb / 1024, status: run.status, firstLine };
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at >= 0 && process.argv[at + 1] !== undefined ? process.argv[at + 1] : fallback;
}

function main(): void {
  const rounds = Number(option('--rounds', '1')) || 1;
  const format = option('--format', 'text');
  const only = option('--case', '');
  console.log(`mpu-check on hostile input: ${HOSTILE_CASES.length} cases, --format ${format}, worst of ${rounds} round(s); `
    + `${cpus().length} cores, load ${loadavg().map(load => load.toFixed(1)).join(' ')}`);
  console.log('| case | wall s | CPU s | peak RSS MiB | exit | what mpu-check says (first line) |');
  console.log('| --- | ---: | ---: | ---: | ---: | --- |');
  let failed = false;
  for (let index = 0; index < HOSTILE_CASES.length; index++) {
    if (!HOSTILE_CASES[index].name.includes(only)) continue;
    try {
      const runs = Array.from({ length: rounds }, () => runCase(index, format));
      const worst = (pick: (figures: Figures) => number) => Math.max(...runs.map(pick));
      const line = runs[0].firstLine.replace(/\|/g, '\\|');
      console.log(`| ${HOSTILE_CASES[index].name} | ${worst(f => f.seconds).toFixed(2)} | ${worst(f => f.cpuSeconds).toFixed(2)} | ${worst(f => f.peakMib).toFixed(0)} | ${runs[0].status} | ${line} |`);
    } catch (error) {
      failed = true;
      console.log(`| ${HOSTILE_CASES[index].name} | FAILED: ${(error as Error).message} |`);
    }
  }
  if (failed) process.exitCode = 1;
}

main();
