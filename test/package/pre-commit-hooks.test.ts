import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const REPO = join(__dirname, '..', '..');

interface Hook {
  readonly id: string;
  readonly name: string;
  readonly language: string;
  readonly entry: string;
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
