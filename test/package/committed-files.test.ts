import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

// A fixture that .gitignore matches (a module folder named `logs`) passes here and is missing from
// every clone, where its tests fail: nothing the sources and tests read may be ignored.
test('no file under src, test, scripts or examples is ignored by git', () => {
  const ignored = execFileSync('git', ['ls-files', '--others', '--ignored', '--exclude-standard', '--', 'src', 'test', 'scripts', 'examples'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(ignored.split('\n').filter(Boolean)).toEqual([]);
});
