import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActionRun, runAction } from './run-action';
import { requireCurrentLib } from '../_helpers/built-lib';
import { abortingBucket, plainBucket } from '../_helpers/check-inputs';
import { REPO } from '../_helpers/doc-pages';

const FINDING = `Resources:\n${plainBucket('Logs')}`;
const CLEAN = `Resources:\n${abortingBucket('Logs')}`;

interface MatcherPattern { readonly regexp: string; readonly [group: string]: string | number }
const MATCHERS = (JSON.parse(readFileSync(join(REPO, '.github', 'mpu-check-problem-matcher.json'), 'utf8')) as {
  problemMatcher: Array<{ owner: string; pattern: MatcherPattern[] }>;
}).problemMatcher;

/** The annotations the runner makes of these lines with the action's problem matcher. */
function annotations(lines: readonly string[]): Array<Record<string, string>> {
  return lines.flatMap(line => {
    for (const matcher of MATCHERS) {
      const [pattern] = matcher.pattern;
      const match = new RegExp(pattern.regexp).exec(line);
      if (!match) continue;
      const annotation: Record<string, string> = { owner: matcher.owner };
      for (const [key, group] of Object.entries(pattern)) {
        if (typeof group === 'number' && match[group] !== undefined) annotation[key] = match[group];
      }
      return [annotation];
    }
    return [];
  });
}

/** The workflow commands the action itself writes, and no other line may look like. */
const OWN_COMMAND = /^::(add-matcher::.+\/\.github\/mpu-check-problem-matcher\.json|stop-commands::[0-9a-f]{32}|[0-9a-f]{32}::|remove-matcher owner=mpu-check(-input)?::)$/;

let workspace: string;

beforeAll(() => requireCurrentLib());

beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), 'mpu-action-workspace-'));
  mkdirSync(join(workspace, 'infra'));
  writeFileSync(join(workspace, 'infra', 'finding.yaml'), FINDING);
  writeFileSync(join(workspace, 'infra', 'clean.yaml'), CLEAN);
});

afterEach(() => rmSync(workspace, { recursive: true, force: true }));

function run(inputs: Record<string, string>, actionRef?: string, actionRepository?: string): ActionRun {
  return runAction({ workspace, with: inputs, actionRef, actionRepository });
}

describe('the action on a template with a finding', () => {
  test('fails, annotates the finding on its line, and writes the SARIF file for upload', () => {
    const result = run({ paths: 'infra/finding.yaml' });

    expect(result.code).toBe(1);
    expect(result.outputs['exit-code']).toBe('1');
    expect(annotations(result.lines)).toEqual([expect.objectContaining({
      owner: 'mpu-check', file: 'infra/finding.yaml', line: '2', column: '3', severity: 'error', code: 'MultipartUpload-MPU1',
    })]);
    const sarifFile = result.outputs['sarif-file'];
    expect(sarifFile).toMatch(/\/mpu-check\.[A-Za-z0-9]{6}\/mpu-check\.sarif$/);
    const sarif = JSON.parse(result.reports[sarifFile]);
    expect(sarif.runs[0].tool.driver.name).toBe('mpu-check');
    expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toEqual(['MultipartUpload-MPU1']);
    expect(result.summary).toBe('### mpu-check\n\n1 bucket in 1 template: 1 error, 0 warnings, 0 acknowledged, 0 compliant\n');
  });

  test('with soft-fail, reports and annotates the same, and succeeds', () => {
    const result = run({ 'paths': 'infra/finding.yaml', 'soft-fail': 'true' });

    expect(result.code).toBe(0);
    expect(result.outputs['exit-code']).toBe('1');
    expect(annotations(result.lines)).toEqual([expect.objectContaining({ file: 'infra/finding.yaml', line: '2', code: 'MultipartUpload-MPU1' })]);
    expect(result.stdout).toMatch(/soft-fail is true, so the step succeeds/);
    expect(JSON.parse(result.reports[result.outputs['sarif-file']]).runs[0].results).toHaveLength(1);
  });

  test('soft-fail does not hide an input that cannot be read', () => {
    const result = run({ 'paths': 'infra/missing.yaml', 'soft-fail': 'true' });
    expect(result.code).toBe(2);
    expect(annotations(result.lines)).toEqual([expect.objectContaining({ owner: 'mpu-check-input', file: 'infra/missing.yaml', severity: 'error' })]);
  });

  test('level warning: a warning annotation, exit 0', () => {
    const result = run({ paths: 'infra/finding.yaml', level: 'warning' });
    expect(result.code).toBe(0);
    expect(annotations(result.lines)).toEqual([expect.objectContaining({ severity: 'warning', code: 'MultipartUpload-MPU1' })]);
  });

  test('max-days reaches mpu-check: 7 days allowed by default, not with max-days 3', () => {
    expect(run({ paths: 'infra/clean.yaml' }).code).toBe(0);
    const result = run({ 'paths': 'infra/clean.yaml', 'max-days': '3' });
    expect(result.code).toBe(1);
    expect(annotations(result.lines)).toEqual([expect.objectContaining({ code: 'MultipartUpload-MPU2' })]);
  });
});

describe('the action on a template without a finding', () => {
  test('succeeds with no annotation, and still writes the SARIF file', () => {
    const result = run({ paths: 'infra/clean.yaml' });

    expect(result.code).toBe(0);
    expect(result.outputs['exit-code']).toBe('0');
    expect(annotations(result.lines)).toEqual([]);
    expect(JSON.parse(result.reports[result.outputs['sarif-file']]).runs[0].results).toEqual([]);
  });
});

describe('inputs', () => {
  test('several formats, to the output given: each format\'s extension appended', () => {
    mkdirSync(join(workspace, 'reports'));
    const result = run({ paths: 'infra/finding.yaml', format: 'sarif, json\ngitlab text', output: 'reports/out' });

    expect(result.outputs['report-files'].split('\n')).toEqual(['reports/out.sarif', 'reports/out.json', 'reports/out.gitlab.json', 'reports/out.txt']);
    expect(result.outputs['sarif-file']).toBe('reports/out.sarif');
    expect(JSON.parse(result.reports['reports/out.json']).resources).toHaveLength(1);
    expect(JSON.parse(result.reports['reports/out.gitlab.json'])[0].check_name).toBe('MultipartUpload-MPU1');
    expect(result.reports['reports/out.txt']).toMatch(/^infra\/finding\.yaml:2:3: error MultipartUpload-MPU1 /);
  });

  test('one format: output is the file', () => {
    const result = run({ paths: 'infra/finding.yaml', format: 'sarif', output: 'mpu.sarif' });
    expect(result.outputs['sarif-file']).toBe('mpu.sarif');
    expect(JSON.parse(result.reports['mpu.sarif']).version).toBe('2.1.0');
  });

  test('no format: no report file, the log and annotations only', () => {
    const result = run({ paths: 'infra/finding.yaml', format: '' });
    expect(result.code).toBe(1);
    expect(result.outputs['sarif-file']).toBe('');
    expect(result.outputs['report-files']).toBe('');
    expect(annotations(result.lines)).toHaveLength(1);
  });

  test('a report file that exists is not overwritten, and the run fails saying so', () => {
    writeFileSync(join(workspace, 'mpu.sarif'), 'kept');
    const result = run({ paths: 'infra/clean.yaml', format: 'sarif', output: 'mpu.sarif' });
    expect(result.code).toBe(2);
    expect(readFileSync(join(workspace, 'mpu.sarif'), 'utf8')).toBe('kept');
    expect(result.stderr).toMatch(/--force/);
  });

  test('paths on one line are split at spaces; one a line, a path may hold spaces; none is glob-expanded', () => {
    writeFileSync(join(workspace, 'with space.yaml'), FINDING);
    writeFileSync(join(workspace, '*.yaml'), FINDING);
    const files = (result: ActionRun) => annotations(result.lines).map(annotation => annotation.file).sort();

    expect(files(run({ paths: 'infra/finding.yaml   infra/clean.yaml', format: '' }))).toEqual(['infra/finding.yaml']);
    expect(files(run({ paths: 'with space.yaml\n  infra/clean.yaml \n\n', format: '' }))).toEqual(['with space.yaml']);
    expect(files(run({ paths: '*.yaml', format: '' }))).toEqual(['*.yaml']);
  });

  test('a path starting with - is a path, not an option', () => {
    writeFileSync(join(workspace, '--output=x.yaml'), FINDING);
    const result = run({ paths: '--output=x.yaml', format: '' });
    expect(result.code).toBe(1);
    expect(annotations(result.lines)).toEqual([expect.objectContaining({ file: '--output=x.yaml' })]);
  });

  test('root reaches mpu-check: a path outside it is refused', () => {
    mkdirSync(join(workspace, 'elsewhere'));
    const result = run({ paths: 'infra/finding.yaml', root: 'elsewhere', format: '' });
    expect(result.code).toBe(2);
  });

  test.each([
    ['format', 'html', /the format input takes sarif, json, gitlab and text/],
    ['soft-fail', 'yes', /the soft-fail input must be true or false/],
    ['version', 'file:../evil', /the version input must be a version or a dist-tag/],
    ['paths', ' \n ', /the paths input names no path/],
  ])('%s %j is refused before anything runs', (input, value, message) => {
    const result = run({ [input]: value });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.packages).toEqual([]);
  });
});

describe('the package version run', () => {
  test.each([
    ['the version input', { version: '1.4.0' }, 'v9.9.9', 'cdk-mpu-guard@1.4.0', 'cdk-mpu-guard/cdk-mpu-guard'],
    ['the tag the action is used at', {}, 'v1.2.3', 'cdk-mpu-guard@1.2.3', 'cdk-mpu-guard/cdk-mpu-guard'],
    ['a prerelease tag', {}, 'v2.0.0-rc.1', 'cdk-mpu-guard@2.0.0-rc.1', 'cdk-mpu-guard/cdk-mpu-guard'],
    ['latest for a branch', {}, 'main', 'cdk-mpu-guard@latest', 'cdk-mpu-guard/cdk-mpu-guard'],
    ['latest for a commit', {}, '0123456789abcdef0123456789abcdef01234567', 'cdk-mpu-guard@latest', 'cdk-mpu-guard/cdk-mpu-guard'],
    ['latest without a ref', {}, '', 'cdk-mpu-guard@latest', 'cdk-mpu-guard/cdk-mpu-guard'],
    ['latest for another action\'s tag (ours used inside it)', {}, 'v2.0.0', 'cdk-mpu-guard@latest', 'someone/deploy-action'],
    ['the tag of a fork', {}, 'v1.2.3', 'cdk-mpu-guard@1.2.3', 'someone/cdk-mpu-guard'],
  ])('%s', (_what, inputs: Record<string, string>, ref, expected, repository) => {
    const result = run({ paths: 'infra/clean.yaml', format: 'sarif json', ...inputs }, ref, repository);
    expect(result.packages).toEqual([expected, expected, expected]);
  });
});

describe('hostile names', () => {
  test('a file name and a logical id holding a newline and workflow commands make no line the runner acts on', () => {
    const name = 'evil\n::error file=x,line=1::pwned\n##[warning]y.yaml';
    writeFileSync(join(workspace, 'infra', name), FINDING);
    writeFileSync(join(workspace, 'infra', 'ids.json'), JSON.stringify({
      Resources: { 'Logs\n::add-mask::x\n::stop-commands::t\n##[error]z': { Type: 'AWS::S3::Bucket' } },
    }));

    const result = run({ paths: 'infra', format: 'sarif text' });

    expect(result.code).toBe(1);
    expect(result.lines.filter(line => line.startsWith('::') && !OWN_COMMAND.test(line))).toEqual([]);
    expect(result.lines.filter(line => line.includes('##['))).toEqual([]);
    expect(result.lines.filter(line => OWN_COMMAND.test(line))).toHaveLength(5);
    expect(annotations(result.lines).map(annotation => annotation.code)).toEqual(['MultipartUpload-MPU1', 'MultipartUpload-MPU1', 'MultipartUpload-MPU1']);
    expect(JSON.parse(result.reports[result.outputs['sarif-file']]).runs[0].results).toHaveLength(3);
  });
});
