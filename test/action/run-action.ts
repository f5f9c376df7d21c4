import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { parse } from 'yaml';
import { REPO } from '../_helpers/doc-pages';

interface ActionInput { readonly default?: string }
interface ActionStep {
  readonly id?: string;
  readonly shell?: string;
  readonly run?: string;
  readonly env?: Record<string, string>;
  readonly if?: string;
}
/** The parts of action.yml the runner reads to run a composite action. */
export interface ActionFile {
  readonly inputs: Record<string, ActionInput>;
  readonly outputs: Record<string, { readonly value: string }>;
  readonly runs: { readonly using: string; readonly steps: readonly ActionStep[] };
}

export function readAction(): ActionFile {
  return parse(readFileSync(join(REPO, 'action.yml'), 'utf8')) as ActionFile;
}

interface Contexts {
  readonly inputs: Record<string, string>;
  readonly env: Record<string, string>;
  readonly github: Record<string, string>;
  readonly steps: Record<string, Record<string, string>>;
}

/**
 * `${{ expr }}` as the runner evaluates it in an `env:` value, for the property dereferences the
 * action uses (inputs.x, env.x, github.x, steps.id.outputs.x); anything else is a test failure,
 * not a guess. A missing property is '', as the runner makes it.
 */
export function evaluate(value: string, contexts: Contexts): string {
  return value.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_all, expression: string) => {
    const steps = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression);
    if (steps) return contexts.steps[steps[1]]?.[steps[2]] ?? '';
    const property = /^(inputs|env|github)\.([\w-]+)$/.exec(expression);
    if (!property) throw new Error(`the test runner does not evaluate \${{ ${expression} }}`);
    return contexts[property[1] as 'inputs' | 'env' | 'github'][property[2]] ?? '';
  });
}

/** What a file command file (GITHUB_OUTPUT, GITHUB_ENV) sets: name=value, or name<<DELIMITER lines. */
export function readFileCommands(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2], index + 1);
      if (end < 0) throw new Error(`no closing ${heredoc[2]} for ${heredoc[1]}`);
      values[heredoc[1]] = lines.slice(index + 1, end).join('\n');
      index = end;
    } else if (line.includes('=')) {
      values[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    } else if (line !== '') {
      throw new Error(`a file command line the runner refuses: ${JSON.stringify(line)}`);
    }
  }
  return values;
}

export interface ActionRun {
  /** The exit code of the step that failed, or 0. */
  readonly code: number;
  /** Every line the steps wrote, stdout and stderr, as the runner reads them. */
  readonly lines: string[];
  readonly stdout: string;
  readonly stderr: string;
  /** The action's outputs, from its `outputs:` values. */
  readonly outputs: Record<string, string>;
  readonly summary: string;
  /** The npx calls the action made: the package spec of each. */
  readonly packages: string[];
  /** The content of each report file the action wrote, by the path it gave in report-files. */
  readonly reports: Record<string, string>;
}

export interface RunActionOptions {
  /** The workspace (the step's working directory). */
  readonly workspace: string;
  /** The `with:` of the workflow's step. */
  readonly with?: Record<string, string>;
  /** github.action_ref: the ref in `uses: owner/repo@ref`. */
  readonly actionRef?: string;
  /** github.action_repository: the owner/repo in `uses:`; default cdk-mpu-guard/cdk-mpu-guard. */
  readonly actionRepository?: string;
}

/**
 * Runs action.yml's steps as the runner runs a composite action: the inputs are the step's `with:`
 * over the defaults, each step's `env:` is evaluated and set over the job's environment, and its
 * `run:` is written to a file and run with bash's options for `shell: bash`; a step that fails
 * ends the action. `npx` is a shim on PATH that runs this repository's bin/mpu-check for the one
 * command the action may run, so the action's real command is what runs.
 */
export function runAction(options: RunActionOptions): ActionRun {
  const action = readAction();
  const inputs: Record<string, string> = {};
  for (const [name, input] of Object.entries(action.inputs)) inputs[name] = input.default ?? '';
  for (const [name, value] of Object.entries(options.with ?? {})) {
    if (!(name in action.inputs)) throw new Error(`action.yml has no input ${name}`);
    inputs[name] = value;
  }
  const temp = mkdtempSync(join(tmpdir(), 'mpu-action-'));
  try {
    const bin = join(temp, 'bin');
    mkdirSync(bin);
    const calls = join(temp, 'npx-calls');
    writeFileSync(join(bin, 'npx'), [
      '#!/usr/bin/env bash',
      'if [[ "$1" != --yes || "$2" != -p || "$3" != cdk-mpu-guard@* || "$4" != mpu-check ]]; then',
      '  echo "npx shim: not the action\'s command: $*" >&2; exit 99',
      'fi',
      'printf \'%s\\n\' "$3" >> "$NPX_SHIM_CALLS"',
      'shift 4',
      `exec "${process.execPath}" "${join(REPO, 'bin', 'mpu-check')}" "$@"`,
      '',
    ].join('\n'));
    chmodSync(join(bin, 'npx'), 0o755);
    const files = { GITHUB_OUTPUT: join(temp, 'output'), GITHUB_ENV: join(temp, 'env'), GITHUB_STEP_SUMMARY: join(temp, 'summary') };
    const runnerTemp = join(temp, 'runner-temp');
    mkdirSync(runnerTemp);
    const jobEnv: Record<string, string> = {
      PATH: `${bin}:${process.env.PATH}`,
      HOME: process.env.HOME ?? temp,
      NPX_SHIM_CALLS: calls,
      RUNNER_TEMP: runnerTemp,
      GITHUB_ACTION_PATH: REPO,
      GITHUB_WORKSPACE: options.workspace,
      GITHUB_ACTIONS: 'true',
      CI: 'true',
    };
    const github = { action_ref: options.actionRef ?? '', action_repository: options.actionRepository ?? 'cdk-mpu-guard/cdk-mpu-guard' };
    const steps: Record<string, Record<string, string>> = {};
    let code = 0;
    let summary = '';
    let stdout = '';
    let stderr = '';
    for (const [index, step] of action.runs.steps.entries()) {
      if (step.if !== undefined) throw new Error('the test runner does not evaluate if:');
      if (step.run === undefined || step.shell !== 'bash') throw new Error(`step ${index + 1}: the test runner runs shell: bash run: steps only`);
      for (const file of Object.values(files)) writeFileSync(file, '');
      const env: Record<string, string> = { ...jobEnv };
      for (const [name, value] of Object.entries(step.env ?? {})) {
        env[name] = evaluate(String(value), { inputs, env, github, steps });
      }
      const script = join(temp, `step-${index + 1}.sh`);
      writeFileSync(script, step.run);
      const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
        cwd: options.workspace, env: { ...env, ...files }, encoding: 'utf8', timeout: 60_000,
      });
      stdout += result.stdout;
      stderr += result.stderr;
      if (step.id !== undefined) steps[step.id] = readFileCommands(readFileSync(files.GITHUB_OUTPUT, 'utf8'));
      Object.assign(jobEnv, readFileCommands(readFileSync(files.GITHUB_ENV, 'utf8')));
      summary += readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8');
      code = result.status ?? 128;
      if (code !== 0) break;
    }
    const outputs: Record<string, string> = {};
    for (const [name, output] of Object.entries(action.outputs)) outputs[name] = evaluate(output.value, { inputs, env: jobEnv, github, steps });
    const packages = readFileOrEmpty(calls).split('\n').filter(line => line !== '');
    const reports: Record<string, string> = {};
    for (const file of (outputs['report-files'] ?? '').split('\n').filter(line => line !== '')) {
      reports[file] = readFileSync(isAbsolute(file) ? file : join(options.workspace, file), 'utf8');
    }
    return { code, lines: `${stdout}${stderr}`.split('\n'), stdout, stderr, outputs, summary, packages, reports };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

function readFileOrEmpty(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
