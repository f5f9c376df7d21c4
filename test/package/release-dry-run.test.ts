import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPO = resolve(__dirname, '..', '..');
const git = (...args: string[]) => execFileSync('git', args, { cwd: REPO, encoding: 'utf8' });

// The dry run compiles and packs in a clone of HEAD: about 40 s alone, longer beside the other suites.
describe('scripts/dev/release-dry-run.sh: what a release builds, without publishing', () => {
  let out: string;
  let run: ReturnType<typeof spawnSync>;
  let statusBefore: string;
  let packageJsonBefore: string;
  let version: string;

  beforeAll(() => {
    statusBefore = git('status', '--porcelain');
    packageJsonBefore = readFileSync(join(REPO, 'package.json'), 'utf8');
    // Its own folder, not dist/: the build's package step reads the one tarball in dist/js.
    out = mkdtempSync(join(tmpdir(), 'cdk-mpu-guard-release-out-'));
    run = spawnSync('bash', [join(REPO, 'scripts', 'dev', 'release-dry-run.sh'), out], { cwd: REPO, encoding: 'utf8', timeout: 280_000 });
    version = readFileSync(join(out, 'version.txt'), 'utf8').trim();
  }, 300_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  test('succeeds and bumps from the tags: 0.1.0 before the first v0 tag, a later 0.x after', () => {
    expect({ status: run.status, stderr: String(run.stderr).slice(-2000) }).toEqual({ status: 0, stderr: expect.anything() });
    expect(version).toMatch(/^0\.\d+\.\d+$/);
    const tags = git('tag', '--list', 'v0.*').split('\n').filter(Boolean);
    if (tags.length === 0) {
      expect(version).toBe('0.1.0');
    } else {
      expect(tags).not.toContain(`v${version}`);
    }
    expect(readFileSync(join(out, 'releasetag.txt'), 'utf8').trim()).toBe(`v${version}`);
  });

  test('dist/js holds one tarball, at the bumped version, whose package.json and .jsii say it', () => {
    expect(readdirSync(join(out, 'js'))).toEqual([`cdk-mpu-guard@${version}.jsii.tgz`]);
    const tarball = join(out, 'js', `cdk-mpu-guard@${version}.jsii.tgz`);
    const read = (path: string) => JSON.parse(execFileSync('tar', ['-xzOf', tarball, path], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
    expect(read('package/package.json').version).toBe(version);
    expect(read('package/.jsii').version).toBe(version);
  });

  test('dist/changelog.md opens with the version\'s heading', () => {
    const changelog = readFileSync(join(out, 'changelog.md'), 'utf8');
    expect(changelog).toMatch(new RegExp(`^\\s*##? \\[?${version.replace(/\./g, '\\.')}\\]?`));
  });

  test('the tree is as it was: nothing bumped, nothing written outside the output folder', () => {
    expect(git('status', '--porcelain')).toBe(statusBefore);
    // 0.0.0 in the repository; the release job runs this test after its own bump, at the bumped version.
    expect(readFileSync(join(REPO, 'package.json'), 'utf8')).toBe(packageJsonBefore);
  });
});
