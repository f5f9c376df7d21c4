import { ExitCode } from '../../../src/cli/exit-code';
import { runCheckCli } from '../../../src/cli/mpu-check/run-check';
import { checkPaths } from '../../../src/file-check/check-paths';
import { memoryCheckFs } from '../../_helpers/check-helpers';
import { docPages, fencedBlocks, readPage } from '../../_helpers/doc-pages';
import { memoryCliIo } from '../memory-cli-io';

const TEMPLATE = `Resources:
  Uploads:
    Type: AWS::S3::Bucket
`;

/** What pre-commit passes for `files: \\.(json|ya?ml|template)$`: every staged file of those kinds. */
const STAGED = {
  'package.json': '{ "name": "my-app", "version": "1.0.0" }',
  '.github/workflows/ci.yml': 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n',
  'helm/values.yaml': 'image: {{ .Values.image }}\n  bad: [indentation\n',
  'infra/storage.yaml': TEMPLATE,
};

describe('skipNonTemplates: files named as pre-commit names them', () => {
  test('without it, a named file that is not a template is an error', async () => {
    const result = await checkPaths(Object.keys(STAGED), {}, memoryCheckFs(STAGED));
    expect(result.errors.map(error => error.file)).toEqual(['package.json', '.github/workflows/ci.yml', 'helm/values.yaml']);
  });

  test('with it, they are skipped as a directory search skips them, and the template is checked', async () => {
    // WHEN every staged file is named with skipNonTemplates
    const result = await checkPaths(Object.keys(STAGED), { skipNonTemplates: true }, memoryCheckFs(STAGED));

    // THEN only the template is read, and its finding reported
    expect(result.errors).toEqual([]);
    expect(result.templatesChecked).toBe(1);
    expect(result.resources.map(resource => [resource.file, resource.ruleId])).toEqual([['infra/storage.yaml', 'MultipartUpload-MPU1']]);
  });

  test('with it, a broken template is still an error: it names AWS:: resources', async () => {
    const files = { 'infra/broken.yaml': 'Resources:\n  Uploads:\n    Type: AWS::S3::Bucket\n   Properties: {}\n' };
    const result = await checkPaths(Object.keys(files), { skipNonTemplates: true }, memoryCheckFs(files));
    expect(result.errors.map(error => error.file)).toEqual(['infra/broken.yaml']);
  });

  test('with it, a missing file is still an error', async () => {
    const result = await checkPaths(['gone.yaml'], { skipNonTemplates: true }, memoryCheckFs(STAGED));
    expect(result.errors).toEqual([{ file: 'gone.yaml', line: null, message: 'no such file or directory' }]);
  });
});

describe('mpu-check --skip-non-templates', () => {
  test.each([
    ['no template among the files', ExitCode.OK, { 'package.json': STAGED['package.json'] }],
    ['a template with a finding among them', ExitCode.THRESHOLD_CROSSED, STAGED],
  ])('%s: exit code %i, no error', async (_what, code, files: Record<string, string>) => {
    const { io, out } = memoryCliIo();
    expect(await runCheckCli(['--skip-non-templates', ...Object.keys(files)], io, memoryCheckFs(files))).toBe(code);
    expect(out.stdout).not.toMatch(/error:/);
    expect(out.stderr).toBe('');
  });

  test('without it, package.json named is exit code 2', async () => {
    const { io, out } = memoryCliIo();
    expect(await runCheckCli(['package.json'], io, memoryCheckFs(STAGED))).toBe(ExitCode.USAGE);
    expect(out.stdout).toMatch(/^package\.json: error: not a CloudFormation or SAM template/m);
  });

  test('--help names it', async () => {
    const { io, out } = memoryCliIo();
    await runCheckCli(['--help'], io);
    expect(out.stdout).toMatch(/--skip-non-templates +skip a named file that is not a template/);
  });
});

describe('mpu-check --format gitlab', () => {
  test('a GitLab Code Quality report on stdout, the summary on stderr', async () => {
    const { io, out } = memoryCliIo();
    const code = await runCheckCli(['--format', 'gitlab', './infra/storage.yaml'], io, memoryCheckFs(STAGED));
    expect(code).toBe(ExitCode.THRESHOLD_CROSSED);
    expect(JSON.parse(out.stdout)).toEqual([expect.objectContaining({
      check_name: 'MultipartUpload-MPU1',
      severity: 'major',
      location: { path: 'infra/storage.yaml', lines: { begin: 2 } },
    })]);
    expect(out.stderr).toBe('mpu-check: 1 bucket in 1 template: 1 error, 0 warnings, 0 acknowledged, 0 compliant\n');
  });
});

describe('-- ends the options', () => {
  test('a path after -- that looks like an option is a path', async () => {
    const { io, out } = memoryCliIo();
    const code = await runCheckCli(['--', '--output=x.yaml'], io, memoryCheckFs({ '--output=x.yaml': TEMPLATE }));
    expect(code).toBe(ExitCode.THRESHOLD_CROSSED);
    expect(out.stdout).toMatch(/^--output=x\.yaml:2:3: error MultipartUpload-MPU1 Uploads:/m);
    expect(out.files).toEqual({});
  });

  // docs/mpu-check.md has the recipes: the command lines, the GitHub, GitLab and Terraform ones, and the monorepo case.
  const AT_LEAST: Record<string, number> = { 'README.md': 3, 'docs/mpu-check.md': 8 };
  const pages = docPages();

  test('the README and the mpu-check reference are among the pages read', () => {
    expect(pages).toEqual(expect.arrayContaining(Object.keys(AT_LEAST)));
  });

  test.each(pages)('every mpu-check command line of %s that names paths puts -- before them', page => {
    const text = readPage(page);
    const blocks = fencedBlocks(text).map(block => block.text);
    const commands = blocks.flatMap(block => block.split('\n'))
      .filter(line => /^\s*(?:- (?:run: )?)?(?:npx -p cdk-mpu-guard )?mpu-check (?!--help|--version)/.test(line));
    expect(commands.length).toBeGreaterThanOrEqual(AT_LEAST[page] ?? 0);
    for (const command of commands) expect(command).toMatch(/ -- \S/);
  });
});
