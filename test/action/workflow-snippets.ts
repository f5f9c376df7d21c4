import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { docPages, fencedBlocks, readPage, REPO } from '../_helpers/doc-pages';

/** A GitHub Actions workflow, or a list of a job's steps, as a reader copies it. */
export interface WorkflowSource {
  /** Where it is: a file, or a page and the line of its block. */
  readonly where: string;
  /** Its text, a whole workflow (a list of steps is put in a job of its own). */
  readonly workflow: string;
  /** The parsed YAML, to read its run: steps. */
  readonly parsed: unknown;
}

function isWorkflow(parsed: unknown): boolean {
  return typeof parsed === 'object' && parsed !== null && 'jobs' in parsed;
}

function isSteps(parsed: unknown): parsed is Array<Record<string, unknown>> {
  return Array.isArray(parsed) && parsed.length > 0
    && parsed.every(step => typeof step === 'object' && step !== null && ('run' in step || 'uses' in step));
}

/** A list of steps, indented as it was on the page, in a workflow of its own. */
function asWorkflow(steps: string): string {
  const lines = steps.replace(/\n$/, '').split('\n');
  const indent = Math.min(...lines.filter(line => line.trim() !== '').map(line => /^ */.exec(line)![0].length));
  return ['on: push', 'jobs:', '  snippet:', '    runs-on: ubuntu-latest', '    steps:',
    ...lines.map(line => (line.trim() === '' ? '' : `      ${line.slice(indent)}`)), ''].join('\n');
}

/**
 * Every workflow a reader copies or the repository runs: the ```yaml blocks of README.md and
 * docs/*.md that are workflows or lists of steps (not GitLab CI, pre-commit or template blocks),
 * and .github/workflows/*.yml.
 */
export function workflowSources(): WorkflowSource[] {
  const snippets = docPages().flatMap(page => fencedBlocks(readPage(page)).filter(block => /^ya?ml$/.test(block.lang)).flatMap(block => {
    const parsed: unknown = parse(block.text);
    const where = `${page}:${block.line}`;
    if (isWorkflow(parsed)) return [{ where, workflow: block.text, parsed }];
    if (isSteps(parsed)) return [{ where, workflow: asWorkflow(block.text), parsed }];
    return [];
  }));
  const dir = join(REPO, '.github', 'workflows');
  const workflows = existsSync(dir)
    ? readdirSync(dir).filter(name => /\.ya?ml$/.test(name)).sort().map(name => {
      const workflow = readFileSync(join(dir, name), 'utf8');
      return { where: `.github/workflows/${name}`, workflow, parsed: parse(workflow) as unknown };
    })
    : [];
  return [...snippets, ...workflows];
}

/** The script of every `run:` in a parsed workflow, action or list of steps. */
export function runScripts(parsed: unknown): string[] {
  if (Array.isArray(parsed)) return parsed.flatMap(runScripts);
  if (typeof parsed !== 'object' || parsed === null) return [];
  return Object.entries(parsed).flatMap(([key, value]) => (key === 'run' && typeof value === 'string' ? [value] : runScripts(value)));
}

/**
 * An expression in a script whose value anyone opening a pull request writes (event fields, the
 * head branch) or an action's caller sets (inputs): the runner pastes it into the script's text
 * before the shell reads it, so it can run commands. Such values go through `env:`.
 */
export const UNTRUSTED_IN_SCRIPT = /\$\{\{[^}]*?\b(github\s*\.\s*(event\b|head_ref\b)|github\s*\[|inputs\s*[.[])/;
