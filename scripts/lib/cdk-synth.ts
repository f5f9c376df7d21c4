import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPO = resolve(__dirname, '..', '..');
const CDK_CLI = join(REPO, 'node_modules', '.bin', 'cdk');

export interface SynthResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly outdir: string;
  /** The synthesized template of one stack, by its artifact id. */
  template(artifactId: string): any;
}

/**
 * Runs the real CDK CLI (`cdk synth`) on a TypeScript app file of this repo,
 * the way a user's CI would, into a fresh output directory.
 *
 * ts-node only transpiles the app: type-checking it and the library took 9 of a synth's 11 s, for
 * each synth, while `tsc --noEmit -p tsconfig.dev.json` (the first step of `npx projen test`)
 * type-checks examples/ and scripts/ once for all of them.
 */
export function cdkSynth(appFile: string, extraArgs: string[] = [], env: Record<string, string> = {}): SynthResult {
  const outdir = mkdtempSync(join(tmpdir(), 'cdk-mpu-guard-synth-'));
  const app = `npx ts-node --project ${join(REPO, 'tsconfig.dev.json')} --prefer-ts-exts ${join(REPO, appFile)}`;
  const run = spawnSync(CDK_CLI, ['synth', ...extraArgs, '--app', app, '--output', outdir, '--no-notices', '--no-version-reporting'], {
    cwd: REPO,
    encoding: 'utf8',
    env: { ...process.env, ...env, TS_NODE_TRANSPILE_ONLY: 'true', CDK_DISABLE_CLI_TELEMETRY: 'true', FORCE_COLOR: '0', NO_COLOR: '1' },
    timeout: 180_000,
  });
  if (run.error) {
    throw run.error;
  }
  return {
    exitCode: run.status ?? -1,
    stdout: run.stdout,
    stderr: run.stderr,
    outdir,
    template: (artifactId: string) => JSON.parse(readFileSync(join(outdir, `${artifactId}.template.json`), 'utf8')),
  };
}
