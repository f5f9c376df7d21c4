/**
 * Synth-time benchmark of the checks (not a test).
 *
 *   NODE_OPTIONS=--expose-gc npx ts-node --project tsconfig.dev.json --prefer-ts-exts scripts/bench/bench-synth.ts [--shape mixed|l2|both] [--sizes 100,1000,3000] [--repeats N]
 *
 * For each shape and size it builds an app of N S3 buckets, then times "register the check + app.synth()" for each
 * variant (no check, the checker Aspect, the two nag packs, the fixer Aspect, the AbortIncompleteUploads mixin and the
 * three mixins together), round-robin, and prints medians of wall and CPU time. The shapes:
 *
 * - mixed: 100 buckets per stack, a quarter each of compliant L2 buckets, L2 buckets with no abort rule, compliant
 *   L1 CfnBuckets and L1 CfnBuckets with a 30-day abort rule;
 * - l2: 50 L2 buckets per stack, half with a 7-day abort rule and half plain `new s3.Bucket(stack, id)`.
 *
 * Building the app is identical in all variants and is not timed. Every variant synthesizes the same app, so the
 * checks do their real work, findings included. `--expose-gc` (via NODE_OPTIONS) lets it collect garbage
 * between runs; without it the numbers are noisier.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance, PerformanceEntry, PerformanceObserver } from 'node:perf_hooks';
import { App, aws_s3 as s3, Duration, IPolicyValidationContext, Mixins, Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, NagPack } from 'cdk-nag';
import { median } from './median';
import {
  AbortIncompleteUploads, AbortIncompleteUploadsChecker, AbortIncompleteUploadsFixer, MultipartUploadChecks, RequestErrorAlarms, TransferAcceleration,
} from '../../src';

interface Shape {
  readonly bucketsPerStack: number;
  readonly addBucket: (stack: Stack, i: number) => void;
}

function compliantL2(stack: Stack, i: number): void {
  new s3.Bucket(stack, `Bucket${i}`, { lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(7) }] });
}

const SHAPES: Record<string, Shape> = {
  mixed: {
    bucketsPerStack: 100,
    addBucket: (stack, i) => {
      switch (i % 4) {
        case 0:
          compliantL2(stack, i);
          break;
        case 1:
          new s3.Bucket(stack, `Bucket${i}`);
          break;
        default:
          new s3.CfnBucket(stack, `Bucket${i}`, {
            lifecycleConfiguration: {
              rules: [{ status: 'Enabled', abortIncompleteMultipartUpload: { daysAfterInitiation: i % 4 === 2 ? 7 : 30 } }],
            },
          });
      }
    },
  },
  l2: {
    bucketsPerStack: 50,
    addBucket: (stack, i) => (i % 2 === 0 ? compliantL2(stack, i) : new s3.Bucket(stack, `Bucket${i}`)),
  },
};

function buildApp(shape: Shape, buckets: number, outdir: string): App {
  const app = new App({ outdir });
  let stack: Stack | undefined;
  for (let i = 0; i < buckets; i++) {
    if (i % shape.bucketsPerStack === 0) {
      stack = new Stack(app, `Stack${i / shape.bucketsPerStack}`, { env: { account: '111111111111', region: 'us-east-1' } });
    }
    shape.addBucket(stack!, i);
  }
  return app;
}

/**
 * The checker's `visit` calls of the current run, as [start, end] in `performance.now()` time: their
 * sum is the Aspect's own cost, free of the machine's noise, but for the garbage-collection pauses that
 * happen to fall inside them (see gcInside).
 */
let visits: Array<[number, number]> = [];

function timeVisits(): void {
  const visit = AbortIncompleteUploadsChecker.prototype.visit;
  AbortIncompleteUploadsChecker.prototype.visit = function timedVisit(this: AbortIncompleteUploadsChecker, node) {
    const start = performance.now();
    try {
      visit.call(this, node);
    } finally {
      visits.push([start, performance.now()]);
    }
  };
}

/** Node reports garbage collections on the event loop, after the fact: collect them, and let the loop turn after each run. */
let reported: PerformanceEntry[] = [];
const gcPauses = new PerformanceObserver(list => { reported.push(...list.getEntries()); });
gcPauses.observe({ entryTypes: ['gc'] });

async function takeGcPauses(): Promise<PerformanceEntry[]> {
  await new Promise(setImmediate);
  await new Promise(resolve => setTimeout(resolve, 0));
  const taken = [...reported, ...gcPauses.takeRecords()];
  reported = [];
  return taken;
}

/** How much of the visits' time was garbage collection (which would mostly happen anyway, later in synth). */
function gcInside(windows: Array<[number, number]>, pauses: PerformanceEntry[]): number {
  let ms = 0;
  for (const pause of pauses) {
    for (const [start, end] of windows) {
      ms += Math.max(0, Math.min(end, pause.startTime + pause.duration) - Math.max(start, pause.startTime));
    }
  }
  return ms;
}

/** Violations the nag packs reported in their last run, for the sanity line. */
const nagViolations = new Map<string, number>();

/** Registers a cdk-nag 3 pack as users do, counting what it reports for the sanity line. */
function addNagPack(app: App, pack: NagPack): void {
  Validations.of(app).addPlugins({
    name: pack.name,
    validate: (context: IPolicyValidationContext) => {
      const report = pack.validate(context);
      nagViolations.set(pack.name, report.violations.reduce((n, v) => n + v.violatingResources.length, 0));
      return report;
    },
  });
}

const VARIANTS: ReadonlyArray<[string, (app: App) => void]> = [
  ['no check', () => undefined],
  ['Aspect', app => { AbortIncompleteUploadsChecker.applyTo(app); }],
  ['MPU nag pack', app => addNagPack(app, new MultipartUploadChecks(app))],
  ['AwsSolutions', app => addNagPack(app, new AwsSolutionsChecks(app))],
  // The two ways to add the abort rule to the buckets that lack it: the fixing Aspect at synth, and the mixin applied once.
  ['fixer Aspect', app => { AbortIncompleteUploadsFixer.applyTo(app); }],
  ['abort mixin', app => { Mixins.of(app).apply(new AbortIncompleteUploads()); }],
  // What ResilientBucket gives, on every bucket: the abort rule, request metrics with two alarms, acceleration.
  ['three mixins', app => { Mixins.of(app).apply(new AbortIncompleteUploads(), new RequestErrorAlarms(), new TransferAcceleration({ required: false })); }],
];

interface Run {
  readonly ms: number;
  readonly cpuMs: number;
  readonly visitMs: number;
  /** The part of visitMs that was garbage collection. */
  readonly visitGcMs: number;
  readonly errors: number;
}

/** Builds the app, then times registering the variant plus `app.synth()`, in milliseconds. */
async function timeOne(shape: Shape, buckets: number, register: (app: App) => void): Promise<Run> {
  const outdir = mkdtempSync(join(tmpdir(), 'bench-synth-'));
  const app = buildApp(shape, buckets, outdir);
  // aws-cdk-lib records a performance.measure for every top-level Stack.resolve and never clears them; a `cdk synth`
  // process starts with none, a benchmark process would pile up hundreds of thousands.
  performance.clearMeasures();
  global.gc?.();
  await takeGcPauses();
  // Keep the formatting of the policy-validation report (timed) but not its printing to the terminal.
  const consoleError = console.error;
  console.error = () => undefined;
  visits = [];
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  let assembly;
  try {
    register(app);
    assembly = app.synth();
  } finally {
    console.error = consoleError;
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  // Validation failures set the exit code; a benchmark that finished should exit 0.
  process.exitCode = 0;
  const errors = assembly.stacks.reduce((n, s) => n + s.messages.filter(m => m.level === 'error').length, 0);
  rmSync(outdir, { recursive: true, force: true });
  const visitMs = visits.reduce((sum, [from, to]) => sum + to - from, 0);
  return { ms, cpuMs, visitMs, visitGcMs: gcInside(visits, await takeGcPauses()), errors };
}

/**
 * Each check against "no check", as a signed percentage: the median over the
 * rounds of the ratio within one round, so that a slow stretch of the machine
 * weighs on both sides of each ratio.
 */
function overheads(samples: number[][]): string[] {
  const [none, ...checks] = samples;
  return checks.map(check => {
    const overhead = (median(check.map((ms, round) => ms / none[round])) - 1) * 100;
    return `${overhead >= 0 ? '+' : ''}${overhead.toFixed(1)}%`;
  });
}

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

async function main(): Promise<void> {
  const sizes = (argument('sizes') ?? '100,1000,3000').split(',').map(Number);
  const fixedRepeats = argument('repeats') ? Number(argument('repeats')) : undefined;
  const shapeArgument = argument('shape') ?? 'both';
  const shapes = shapeArgument === 'both' ? Object.keys(SHAPES) : [shapeArgument];
  if (sizes.some(n => !Number.isInteger(n) || n < 1) || (fixedRepeats !== undefined && !(fixedRepeats >= 1))
    || shapes.some(name => !(name in SHAPES))) {
    throw new Error('usage: bench-synth.ts [--shape mixed|l2|both] [--sizes 100,1000,3000] [--repeats N]');
  }
  console.log(`node ${process.version}, gc between runs: ${global.gc ? 'yes' : 'no (run with NODE_OPTIONS=--expose-gc)'}, `
    + `load average at start: ${loadavg().map(l => l.toFixed(1)).join(' ')}`);
  timeVisits();
  console.log('timed: register the check + app.synth() (app construction excluded, identical in all variants)');

  const rows: string[][] = [];
  for (const shapeName of shapes) {
    rows.push(...await measureShape(shapeName, sizes, fixedRepeats));
  }

  const checks = VARIANTS.slice(1).map(([name]) => name);
  const header = ['shape', 'buckets', 'repeats', ...VARIANTS.map(([name]) => `${name} ms`), ...checks.map(name => `${name} vs none (wall)`),
    ...checks.map(name => `${name} vs none (CPU)`), 'Aspect visit ms', 'visit ms/1000 buckets', 'visit / no-check synth',
    'visit ms, GC excluded', 'visit GC excluded / no-check synth'];
  console.log('\nms: medians; "vs none": median over the rounds of (check / no check) within the round; '
    + '"visit": time inside AbortIncompleteUploadsChecker.visit, median; "GC excluded": less the garbage-collection pauses inside it');
  console.log(`\n| ${header.join(' | ')} |\n|${header.map(() => '---:|').join('')}`);
  rows.forEach(row => console.log(`| ${row.join(' | ')} |`));
  console.log(`\nload average at end: ${loadavg().map(l => l.toFixed(1)).join(' ')}`);
  gcPauses.disconnect();
}

/** The table rows of one shape, one per size. */
async function measureShape(shapeName: string, sizes: number[], fixedRepeats: number | undefined): Promise<string[][]> {
  const shape = SHAPES[shapeName];
  // Warm-up: every variant once at the smallest size, discarded; also checks that every variant does its work.
  const warmUp: string[] = [];
  for (const [name, register] of VARIANTS) {
    warmUp.push(`${name}: ${(await timeOne(shape, Math.min(...sizes), register)).errors} error annotations`);
  }
  console.log(`${shapeName}: warm-up at ${Math.min(...sizes)} buckets: ${warmUp.join(', ')}; `
    + `nag violations: ${[...nagViolations].map(([pack, n]) => `${pack} ${n}`).join(', ')}`);

  const rows: string[][] = [];
  for (const size of sizes) {
    const repeats = fixedRepeats ?? (size >= 3000 ? 7 : 11);
    const wall = VARIANTS.map((): number[] => []);
    const cpu = VARIANTS.map((): number[] => []);
    const visitTimes: number[] = [];
    const visitNoGcTimes: number[] = [];
    for (let r = 0; r < repeats; r++) {
      // Round-robin, starting one variant later each repeat so no variant always runs after the same one.
      for (let k = 0; k < VARIANTS.length; k++) {
        const v = (k + r) % VARIANTS.length;
        const run = await timeOne(shape, size, VARIANTS[v][1]);
        wall[v].push(run.ms);
        cpu[v].push(run.cpuMs);
        if (VARIANTS[v][0] === 'Aspect') {
          visitTimes.push(run.visitMs);
          visitNoGcTimes.push(run.visitMs - run.visitGcMs);
        }
      }
    }
    const spread = wall.map(w => `${Math.min(...w).toFixed(0)}-${Math.max(...w).toFixed(0)}`);
    console.log(`${shapeName}: ${size} buckets, ${repeats} repeats, wall min-max ms: ${VARIANTS.map(([name], i) => `${name} ${spread[i]}`).join(', ')}`);
    const wallMedians = wall.map(median);
    const visit = median(visitTimes);
    const visitNoGc = median(visitNoGcTimes);
    rows.push([shapeName, String(size), String(repeats), ...wallMedians.map(m => m.toFixed(0)), ...overheads(wall), ...overheads(cpu),
      visit.toFixed(1), ((visit / size) * 1000).toFixed(1), `${((visit / wallMedians[0]) * 100).toFixed(1)}%`,
      visitNoGc.toFixed(1), `${((visitNoGc / wallMedians[0]) * 100).toFixed(1)}%`]);
  }

  return rows;
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
