import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { runMpuCheck } from '../_helpers/run-mpu-check';

const REPO = join(__dirname, '..', '..');

interface Hook {
  readonly id: string;
  readonly name: string;
  readonly language: string;
  readonly entry: string;
  readonly args?: string[];
  readonly files: string;
}

describe('.pre-commit-hooks.yaml', () => {
  const hooks = parse(readFileSync(join(REPO, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
  const bins = Object.keys((JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin);

  test('parses as a list of hooks, each with the keys pre-commit requires', () => {
    expect(Array.isArray(hooks)).toBe(true);
    for (const hook of hooks) {
      const required = { id: expect.any(String), name: expect.any(String), entry: expect.any(String), language: expect.any(String) };
      expect(hook).toEqual(expect.objectContaining(required));
    }
  });

  test('the mpu-check hook runs the package\'s mpu-check bin, installed by pre-commit as a node package', () => {
    const hook = hooks.find(h => h.id === 'mpu-check');
    expect(hook?.language).toBe('node');
    const [command, ...args] = hook!.entry.split(/\s+/);
    expect(bins).toContain(command);
    expect(command).toBe('mpu-check');
    // pre-commit names every staged .json and .yaml file: the ones that are not templates are skipped.
    expect(args).toEqual(['--skip-non-templates']);
    // Its default args end the options: the staged file names come after them.
    expect(hook!.args).toEqual(['--']);
  });

  describe('run as pre-commit runs it: entry, then args (the hook\'s, or the user\'s), then the staged files', () => {
    const hook = hooks.find(h => h.id === 'mpu-check')!;
    const template = 'Resources:\n  Uploads:\n    Type: AWS::S3::Bucket\n';
    let root: string;
    beforeEach(() => {
      root = mkdtempSync(join(tmpdir(), 'mpu-check-pre-commit-'));
      // A staged file whose name is an option of mpu-check's, at the root of the repository.
      writeFileSync(join(root, '--output=x.yaml'), template);
      writeFileSync(join(root, 'package.json'), '{ "name": "app" }');
    });
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    const run = (args: readonly string[]) => {
      const [, ...entryArgs] = hook.entry.split(/\s+/);
      // mpu-check runs at the root of the repository, as pre-commit runs it.
      return runMpuCheck([...entryArgs, ...args, '--output=x.yaml', 'package.json'], root);
    };

    test.each([
      ['the hook\'s own args', undefined],
      ['a user\'s args ending with --, as docs/mpu-check.md says', ['--max-days', '3', '--']],
    ])('with %s, a file named --output=x.yaml is checked as a file, and no x.yaml is written', (_what, userArgs) => {
      const result = run(userArgs ?? hook.args ?? []);
      expect(result.stdout).toMatch(/^--output=x\.yaml:2:3: error MultipartUpload-MPU1 Uploads:/m);
      expect(result.exitCode).toBe(1);
      expect(existsSync(join(root, 'x.yaml'))).toBe(false);
    });
  });

  test.each([
    ['template.yaml', true], ['infra/storage.yml', true], ['cdk.out/App.template.json', true], ['stack.template', true],
    ['package.json', true], ['infra/main.tf', true], ['infra/main.tf.json', true], ['terraform.tfvars', true],
    ['src/index.ts', false], ['README.md', false], ['template.yaml.bak', false], ['main.tftpl', false],
  ])('files matches %s: %s', (path, matches) => {
    // pre-commit searches with Python's re.search; this pattern means the same in JavaScript.
    const hook = hooks.find(h => h.id === 'mpu-check')!;
    expect(new RegExp(hook.files).test(path)).toBe(matches);
  });
});
