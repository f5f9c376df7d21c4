import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SCRIPT = join(__dirname, '..', '..', 'scripts', 'dev', 'check-clean-tree.sh');

/** A git repository holding the script and a few committed files, the way a clean clone would. */
function cleanClone(): string {
  const repo = mkdtempSync(join(tmpdir(), 'check-clean-tree-'));
  mkdirSync(join(repo, 'scripts', 'dev'), { recursive: true });
  mkdirSync(join(repo, 'src'));
  copyFileSync(SCRIPT, join(repo, 'scripts', 'dev', 'check-clean-tree.sh'));
  const files: Record<string, string> = {
    '.gitattributes': '/package.json linguist-generated\n/src/generated-function.ts linguist-generated\n',
    'package.json': '{}\n',
    'package-lock.json': '{}\n',
    'API.md': '# API\n',
    'README.md': '# hello\n',
    'src/generated-function.ts': 'export {};\n',
    'src/index.ts': 'export {};\n',
  };
  for (const [path, text] of Object.entries(files)) writeFileSync(join(repo, path), text);
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: repo });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'clean');
  return repo;
}

const check = (repo: string) => spawnSync('bash', [join(repo, 'scripts', 'dev', 'check-clean-tree.sh'), 'the install'], { cwd: repo, encoding: 'utf8' });

describe('scripts/dev/check-clean-tree.sh', () => {
  test('a tree no step changed passes in silence; untracked files do not count', () => {
    const repo = cleanClone();
    writeFileSync(join(repo, 'new-untracked.txt'), 'x');
    expect(check(repo)).toMatchObject({ status: 0, stdout: '', stderr: '' });
  });

  test('each changed tracked file is named on one line with the command that regenerates it', () => {
    const repo = cleanClone();
    for (const path of ['package-lock.json', 'package.json', 'API.md', 'README.md', 'src/generated-function.ts', 'src/index.ts']) {
      writeFileSync(join(repo, path), 'changed\n');
    }
    const run = check(repo);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('check-clean-tree: the install changed tracked files, which must be committed as the step writes them: '
      + 'API.md (regenerate with: npx projen compile && npx projen docgen); '
      + 'README.md (no step should write it: see git diff -- README.md); '
      + 'package-lock.json (regenerate with: npm install); '
      + 'package.json (regenerate with: npx projen); '
      + 'src/generated-function.ts (regenerate with: npx projen); '
      + 'src/index.ts (lint --fix rewrote it: run npx projen eslint)\n');
  });
});
