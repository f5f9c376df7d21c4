import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { packAndInstall, PackedPackage } from './packed';

const REPO = resolve(__dirname, '..', '..');

// Construct Hub reads the published npm package: the .jsii assembly (types, docs, each language's
// package name, the README it renders) and package.json (license, repository, keywords).
describe('the packed package has what Construct Hub reads', () => {
  let packed: PackedPackage;
  let assembly: any;
  let manifest: any;
  beforeAll(() => {
    packed = packAndInstall();
    assembly = JSON.parse(readFileSync(join(packed.dir, '.jsii'), 'utf8'));
    manifest = JSON.parse(readFileSync(join(packed.dir, 'package.json'), 'utf8'));
  });

  test('ships the assembly, the README, API.md and the license', () => {
    expect(packed.files).toEqual(expect.arrayContaining(['.jsii', 'README.md', 'API.md', 'LICENSE', 'package.json']));
  });

  test('the assembly names the package in all four other languages, as package.json declares them', () => {
    const declared = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).jsii.targets;
    expect(assembly.targets).toEqual({ js: { npm: 'cdk-mpu-guard' }, ...declared });
    expect(assembly.targets.python).toEqual({ distName: 'cdk-mpu-guard', module: 'cdk_mpu_guard' });
    expect(assembly.targets.java).toEqual({ package: 'io.github.cdkmpuguard', maven: { groupId: 'io.github.cdk-mpu-guard', artifactId: 'cdk-mpu-guard' } });
    expect(assembly.targets.dotnet).toEqual({ namespace: 'CdkMpuGuard', packageId: 'CdkMpuGuard' });
    expect(assembly.targets.go).toEqual({ moduleName: 'github.com/cdk-mpu-guard/cdk-mpu-guard-go' });
  });

  test('the README the hub renders is the packed README.md', () => {
    expect(assembly.readme.markdown.trim()).toBe(readFileSync(join(packed.dir, 'README.md'), 'utf8').trim());
  });

  test('a permissive license, the repository and a CDK keyword, in the assembly and package.json', () => {
    for (const source of [assembly, manifest]) {
      expect(source.license).toBe('Apache-2.0');
      expect(source.repository.url).toMatch(/^https:\/\/github\.com\/[^/]+\/[^/]+\.git$/);
      expect(source.keywords).toEqual(expect.arrayContaining(['cdk', 'awscdk', 'aws-cdk']));
    }
  });

  test('an AWS CDK v2 construct library: aws-cdk-lib and constructs are its dependencies', () => {
    expect(Object.keys(assembly.dependencies)).toEqual(expect.arrayContaining(['aws-cdk-lib', 'constructs']));
    expect(manifest.peerDependencies).toEqual(expect.objectContaining({ 'aws-cdk-lib': expect.any(String), 'constructs': expect.any(String) }));
  });

  test('every type it documents has a summary, which the hub shows in its listing', () => {
    const types = Object.values(assembly.types) as Array<{ fqn: string; docs?: { summary?: string } }>;
    expect(types.length).toBeGreaterThan(0);
    expect(types.filter(type => !type.docs?.summary).map(type => type.fqn)).toEqual([]);
  });
});
