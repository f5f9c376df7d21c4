/**
 * What the benchmarks of mpu-check share (not a test): running a command as a user runs it and
 * measuring it, reading mpu-check's JSON report, and printing the figures.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { median } from './median';

/* eslint-disable no-console */

export const GNU_TIME = '/usr/bin/time';

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
  /** Peak RSS of the command in bytes; undefined when it cannot be measured here. */
  readonly peakRss?: number;
  /** User + system CPU seconds of the command (GNU time only): steadier than wall time on a busy machine. */
  readonly cpuSeconds?: number;
}

/** How peak RSS is taken on this machine, found once. */
export type MemoryProbe = 'gnu-time' | 'preload';

export function probeMemory(): MemoryProbe {
  if (existsSync(GNU_TIME)) {
    try {
      execFileSync(GNU_TIME, ['-f', '%M', '-o', '/dev/null', 'true'], { stdio: 'ignore' });
      return 'gnu-time';
    } catch {
      // Not GNU time (BusyBox or BSD time lack -o or %M): fall back.
    }
  }
  return 'preload';
}

/**
 * Runs a command without blocking and measures it. With GNU time, `time -o FILE -f %M` wraps it;
 * otherwise a Node command (`node` true: `command` is a script run by this Node) gets a preloaded
 * module that writes its own maxRSS, and any other command (cfn-lint) is not measured.
 */
export function measuredRun(probe: MemoryProbe, command: string, args: string[], node: boolean): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-rss-'));
  const rssFile = join(dir, 'rss');
  let argv = node ? [process.execPath, command, ...args] : [command, ...args];
  const env: Record<string, string | undefined> = { ...process.env, NODE_NO_WARNINGS: '1' };
  if (probe === 'gnu-time') {
    argv = [GNU_TIME, '-f', '%M %U %S', '-o', rssFile, ...argv];
  } else if (node) {
    argv = [process.execPath, '-r', join(__dirname, 'bench-audit', 'max-rss.js'), ...argv.slice(1)];
    env.MPU_BENCH_RSS_FILE = rssFile;
  }
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(argv[0], argv.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', chunk => out.push(chunk));
    child.stderr.on('data', chunk => err.push(chunk));
    child.on('error', reject);
    child.on('close', status => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      let peakRss: number | undefined;
      let cpuSeconds: number | undefined;
      if (existsSync(rssFile)) {
        // GNU time writes "KB user system" (after a "Command exited with non-zero status" line); the preload writes bytes.
        const [rss, user, system] = (readFileSync(rssFile, 'utf8').trim().split('\n').pop() ?? '').split(' ').map(Number);
        if (rss > 0) peakRss = probe === 'gnu-time' ? rss * 1024 : rss;
        if (probe === 'gnu-time' && Number.isFinite(user + system)) cpuSeconds = user + system;
      }
      rmSync(dir, { recursive: true, force: true });
      resolve({ status, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), seconds, peakRss, cpuSeconds });
    });
  });
}

/** mpu-check's JSON report of a run, or a description of the crash (an exit code other than 0, 1, 2; "unexpected error"; not JSON). */
export function reportOf<Report>(result: Run): Report | string {
  if (result.status === null || ![0, 1, 2].includes(result.status)) return `exit code ${result.status}`;
  if (/unexpected error/.test(result.stderr)) return `"unexpected error" on stderr: ${result.stderr.split('\n')[0]}`;
  try {
    return JSON.parse(result.stdout) as Report;
  } catch {
    return `output is not JSON: ${result.stdout.slice(0, 200)}`;
  }
}

/** The value after `--name` on the command line. */
export function argument(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

export const mib = (bytes: number | undefined) => (bytes === undefined ? 'not measured' : `${(bytes / 2 ** 20).toFixed(0)} MiB`);

/** A Markdown table, its first column left-aligned and the others right-aligned. */
export const table = (header: string[], rows: string[][]) => [`| ${header.join(' | ')} |`, `|---|${header.slice(1).map(() => '---:|').join('')}`,
  ...rows.map(row => `| ${row.join(' | ')} |`)].join('\n');

/** A variant's measurements over the rounds. */
export interface Measured {
  readonly seconds: number[];
  readonly cpu: number[];
  readonly rss: number[];
  readonly statuses: Set<number | null>;
}

/**
 * Runs every variant once per round, round-robin, starting one variant later each round and going
 * backwards every other round, so that no variant always follows the same one and of two variants
 * side by side (a build and its baseline) each runs first in half the rounds; records each run's
 * measurements.
 */
export async function timeRounds<V extends Measured>(variants: readonly V[], rounds: number, runOne: (variant: V) => Promise<Run>): Promise<void> {
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < variants.length; k++) {
      const at = (k + r) % variants.length;
      const v = variants[r % 2 === 0 ? at : variants.length - 1 - at];
      const result = await runOne(v);
      v.seconds.push(result.seconds);
      if (result.peakRss !== undefined) v.rss.push(result.peakRss);
      if (result.cpuSeconds !== undefined) v.cpu.push(result.cpuSeconds);
      v.statuses.add(result.status);
    }
    console.log(`round ${r + 1}/${rounds} done`);
  }
}

/** A figure with `digits` decimals, or n/a when it was not measured. */
export const fixed = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

/**
 * The median over the rounds of `combine(a, b)` within each round, so that a slow stretch of a
 * noisy machine weighs on both sides; NaN when either side was not measured in every round.
 */
export function perRound(a: Measured | undefined, b: Measured | undefined, of: 'seconds' | 'cpu', combine: (a: number, b: number) => number): number {
  if (!a || !b || a[of].length === 0 || a[of].length !== b[of].length) return NaN;
  return median(a[of].map((x, i) => combine(x, b[of][i])));
}

/** a / b within each round, the median over the rounds. */
export const pairedRatio = (a: Measured | undefined, b: Measured | undefined, of: 'seconds' | 'cpu' = 'seconds') => perRound(a, b, of, (x, y) => x / y);

/**
 * `--baseline-bin FILE`: another build's `bin/mpu-check` (a worktree of an earlier commit, built),
 * timed beside this one in the same rounds. Undefined without the option.
 */
export function baselineBin(): string | undefined {
  const bin = argument('baseline-bin');
  if (bin === undefined) return undefined;
  const main = join(dirname(bin), '..', 'lib', 'cli', 'mpu-check', 'main.js');
  if (!existsSync(bin) || !existsSync(main)) throw new Error(`--baseline-bin ${bin}: no built mpu-check there (build its lib/ first: ${main} is missing)`);
  return bin;
}

/** This build and the baseline build on one input, timed in the same rounds. */
export interface Pair<V extends Measured> {
  readonly name: string;
  readonly current: V;
  readonly baseline: V;
}

/**
 * The side-by-side table: medians of each build, and this build / the baseline within each round
 * (wall and CPU), with the per-round difference in wall time.
 */
export function comparisonTable<V extends Measured>(pairs: readonly Pair<V>[]): string {
  const wall = (v: Measured) => (v.seconds.length ? median(v.seconds).toFixed(2) : '');
  const cpu = (v: Measured) => (v.cpu.length ? median(v.cpu).toFixed(2) : 'n/a');
  return table(['run', 'wall s (this)', 'wall s (baseline)', 'this / baseline, wall', 'this - baseline, wall ms', 'CPU s (this)',
    'CPU s (baseline)', 'this / baseline, CPU', 'peak RSS (this / baseline)'], pairs.map(p => [p.name, wall(p.current), wall(p.baseline),
    fixed(pairedRatio(p.current, p.baseline), 3), fixed(perRound(p.current, p.baseline, 'seconds', (x, y) => (x - y) * 1000), 0),
    cpu(p.current), cpu(p.baseline), fixed(pairedRatio(p.current, p.baseline, 'cpu'), 3),
    `${mib(p.current.rss.length ? median(p.current.rss) : undefined)} / ${mib(p.baseline.rss.length ? median(p.baseline.rss) : undefined)}`]));
}
