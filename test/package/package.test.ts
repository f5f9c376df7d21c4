import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import * as ts from 'typescript';
import { packAndInstall, PackedPackage, runNode } from './packed';
import { clientOf, localS3Server, newBucket, removeBucket } from '../_helpers/s3-test-server';
import { seedUpload } from '../_helpers/seed';

const REPO = resolve(__dirname, '..', '..');
// 0.0.0 in the repository; the release job runs the tests after its bump, at the release's version.
const VERSION: string = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter(entry => entry.isFile())
    .map(entry => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

describe('the npm package, packed from the built tree and installed with only its peers', () => {
  let packed: PackedPackage;
  beforeAll(() => {
    packed = packAndInstall();
  });

  test('ships no AWS SDK packages, no source maps and no sources', () => {
    expect(packed.files.filter(path => /(^|\/)node_modules\/|\.map$|^src\/|^test\//.test(path))).toEqual([]);
    expect(JSON.parse(readFileSync(join(packed.dir, 'package.json'), 'utf8')).bundledDependencies ?? []).toEqual([]);
  });

  test('the build\'s size check reads the same file count and bytes as npm, and passes', () => {
    const tarball = readdirSync(packed.project).find(name => name.endsWith('.tgz'))!;
    const line = execFileSync('bash', [join(REPO, 'scripts', 'dev', 'package-size.sh'), join(packed.project, tarball)], { encoding: 'utf8' });
    expect(line).toContain(`: ${packed.files.length} files, `);
    expect(line).toContain(`(${packed.unpackedSize} bytes)`);
  });

  test('its Lambda code is, file for file and byte for byte, the assets/ bundles the tests load', () => {
    const inRepo = filesUnder(join(REPO, 'assets'));
    expect(inRepo.filter(path => path.endsWith('index.js'))).toHaveLength(4);
    expect(filesUnder(join(packed.dir, 'assets'))).toEqual(inRepo);
    for (const path of inRepo) {
      expect({ path, same: readFileSync(join(packed.dir, 'assets', path)).equals(readFileSync(join(REPO, 'assets', path))) }).toEqual({ path, same: true });
    }
  });

  test('its constructs deploy exactly those bundles: each function\'s staged asset is the tested index.js', () => {
    const outdir = join(packed.project, 'cdk.out');
    const app = join(packed.project, 'app.js');
    writeFileSync(app, [
      "const { App, Stack } = require('aws-cdk-lib');",
      "const { OrphanedUploadsMonitor, OrganizationAudit } = require('cdk-mpu-guard');",
      // Asset metadata on, as the CDK CLI sets it: each function then names its staged directory.
      `const app = new App({ outdir: ${JSON.stringify(outdir)}, context: { 'aws:cdk:enable-asset-metadata': true } });`,
      "const stack = new Stack(app, 'Packed', { env: { account: '111111111111', region: 'us-east-1' } });",
      "new OrphanedUploadsMonitor(stack, 'Monitor');",
      "new OrganizationAudit(stack, 'Org', { regions: ['us-east-1'] });",
      'app.synth();',
    ].join('\n'));
    const run = runNode(packed.project, [app]);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);

    const template = JSON.parse(readFileSync(join(outdir, 'Packed.template.json'), 'utf8'));
    const staged = Object.values(template.Resources as Record<string, any>)
      .filter(resource => resource.Type === 'AWS::Lambda::Function' && resource.Metadata?.['aws:asset:path'])
      .map(resource => readFileSync(join(outdir, resource.Metadata['aws:asset:path'], 'index.js')))
      .map(code => filesUnder(join(REPO, 'assets')).find(path => readFileSync(join(REPO, 'assets', path)).equals(code)))
      .sort();
    expect(staged).toEqual([
      'monitor/audit-and-publish.lambda/index.js',
      'organization/audit-target.lambda/index.js',
      'organization/list-targets.lambda/index.js',
      'organization/summarize-run.lambda/index.js',
    ]);
  });

  test('a fresh app gives any bucket the abort rule, the alarms and acceleration with the mixins and the injector of the package', () => {
    const outdir = join(packed.project, 'cdk.out.mixins');
    const app = join(packed.project, 'mixins-app.js');
    writeFileSync(app, [
      "const { App, Duration, Mixins, Stack, aws_s3: s3 } = require('aws-cdk-lib');",
      "const { AbortIncompleteUploads, AbortIncompleteUploadsInjector, RequestErrorAlarms, TransferAcceleration } = require('cdk-mpu-guard');",
      `const app = new App({ outdir: ${JSON.stringify(outdir)}, propertyInjectors: [new AbortIncompleteUploadsInjector({ after: Duration.days(2) })] });`,
      "const stack = new Stack(app, 'Mixed', { env: { region: 'us-east-1' } });",
      "new s3.Bucket(stack, 'Injected', { lifecycleRules: [{ id: 'expire', expiration: Duration.days(30) }] });",
      "new s3.CfnBucket(stack, 'Plain');",
      'Mixins.of(app).apply(new AbortIncompleteUploads({ after: Duration.days(2) }), new RequestErrorAlarms(), new TransferAcceleration());',
      'app.synth();',
    ].join('\n'));
    const run = runNode(packed.project, [app]);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const resources = Object.values(JSON.parse(readFileSync(join(outdir, 'Mixed.template.json'), 'utf8')).Resources as Record<string, any>);
    const buckets = resources.filter(resource => resource.Type === 'AWS::S3::Bucket').map(({ Properties: p }) => ({
      rules: p.LifecycleConfiguration.Rules.map((rule: any) => rule.Id ?? rule.AbortIncompleteMultipartUpload?.DaysAfterInitiation),
      metrics: p.MetricsConfigurations.map((metrics: any) => metrics.Id),
      acceleration: p.AccelerateConfiguration.AccelerationStatus,
    }));
    expect(buckets).toEqual([
      { rules: ['expire', 'AbortIncompleteMultipartUploads'], metrics: ['EntireBucket'], acceleration: 'Enabled' },
      { rules: ['AbortIncompleteMultipartUploads'], metrics: ['EntireBucket'], acceleration: 'Enabled' },
    ]);
    expect(resources.filter(resource => resource.Type === 'AWS::CloudWatch::Alarm')).toHaveLength(4);
  });

  test('mpu-audit and the audit API load with the AWS SDK out of reach', () => {
    const version = runNode(packed.project, [join(packed.dir, 'bin', 'mpu-audit'), '--version']);
    expect(version).toEqual({ exitCode: 0, stdout: `${VERSION}\n`, stderr: '' });
    for (const subpath of ['cdk-mpu-guard/audit', 'cdk-mpu-guard/lib/audit']) {
      const api = runNode(packed.project, ['-e', `const a = require('${subpath}'); console.log(typeof a.audit, typeof a.SdkS3, typeof a.render)`]);
      expect({ subpath, ...api }).toEqual({ subpath, exitCode: 0, stdout: 'function function function\n', stderr: '' });
    }
  });

  test('mpu-upload and the upload API load with the AWS SDK out of reach', () => {
    expect(runNode(packed.project, [join(packed.dir, 'bin', 'mpu-upload'), '--version'])).toEqual({ exitCode: 0, stdout: `${VERSION}\n`, stderr: '' });
    const api = runNode(packed.project, ['-e', "const u = require('cdk-mpu-guard/upload'); console.log(typeof u.uploadFile, typeof u.sdkUploadClient, u.DEFAULT_PART_SIZE)"]);
    expect(api).toEqual({ exitCode: 0, stdout: 'function function 26214400\n', stderr: '' });
  });

  test('mpu-check and its API run with their parsers out of reach', () => {
    const template = join(packed.project, 'template.yaml');
    writeFileSync(template, [
      'Resources:',
      '  Logs:',
      '    Type: AWS::S3::Bucket',
      '    Properties:',
      '      BucketName: !Sub "${AWS::StackName}-logs"',
      '  Data:',
      '    Type: AWS::S3::Bucket',
      '    Properties:',
      '      LifecycleConfiguration:',
      '        Rules: [{ Status: Enabled, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } }]',
    ].join('\n'));
    const run = runNode(packed.project, [join(packed.dir, 'bin', 'mpu-check'), 'template.yaml']);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/^template\.yaml:2:3: error MultipartUpload-MPU1 Logs: /);
    const api = runNode(packed.project, ['-e',
      "require('cdk-mpu-guard/check').checkPaths(['template.json', 'template.yaml']).then(r => console.log(r.resources.map(b => b.id + ' ' + b.verdict).join(', '), r.errors.length))"]);
    expect(api).toEqual({ exitCode: 0, stdout: 'Logs MISSING, Data COMPLIANT 1\n', stderr: '' });
  });

  test('mpu-check reads Terraform with the HCL parser (and its WebAssembly module) from the package alone', () => {
    const module = join(packed.project, 'infra');
    mkdirSync(module, { recursive: true });
    writeFileSync(join(module, 'main.tf'), [
      'variable "days" {',
      '  default = 30',
      '}',
      'resource "aws_s3_bucket" "logs" {',
      '  bucket = "acme-logs"',
      '}',
      'resource "aws_s3_bucket_lifecycle_configuration" "logs" {',
      '  bucket = aws_s3_bucket.logs.id',
      '  rule {',
      '    id     = "abort"',
      '    status = "Enabled"',
      '    filter {}',
      '    abort_incomplete_multipart_upload {',
      '      days_after_initiation = var.days',
      '    }',
      '  }',
      '}',
    ].join('\n'));
    const run = runNode(packed.project, [join(packed.dir, 'bin', 'mpu-check'), 'infra']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^infra\/main\.tf:4:1: error MultipartUpload-MPU2 aws_s3_bucket\.logs: .*30 days after initiation/);
    expect(run.exitCode).toBe(1);
  });

  test('exports: the entry points resolve, and nothing else of lib/ does', () => {
    const resolved = (request: string) => runNode(packed.project, ['-e', `try { require.resolve('${request}'); console.log('yes') } catch (e) { console.log(e.code) }`]).stdout.trim();
    const entries = ['', '/audit', '/file-check', '/check', '/upload', '/lib/checks/nag/rules', '/package.json', '/.jsii'].map(subpath => `cdk-mpu-guard${subpath}`);
    expect(entries.map(resolved)).toEqual(entries.map(() => 'yes'));
    expect(resolved('cdk-mpu-guard/lib/s3/sdk-s3')).toBe('ERR_PACKAGE_PATH_NOT_EXPORTED');
  });

  // node16 reads the exports' types; node10 reads typesVersions; the index's types, which pull in
  // aws-cdk-lib's, are checked once.
  test.each([
    ['node16', ts.ModuleKind.Node16, ts.ModuleResolutionKind.Node16, true],
    ['node10', ts.ModuleKind.CommonJS, ts.ModuleResolutionKind.Node10, false],
    ['bundler', ts.ModuleKind.ES2022, ts.ModuleResolutionKind.Bundler, false],
  ])('TypeScript finds the types of cdk-mpu-guard/audit, /check and /upload with moduleResolution %s', (name, module, moduleResolution, withIndex) => {
    const file = join(packed.project, `consumer-${name}.ts`);
    writeFileSync(file, [
      "import { audit, SdkS3 } from 'cdk-mpu-guard/audit';",
      "import { checkPaths } from 'cdk-mpu-guard/check';",
      "import { sdkUploadClient, uploadFile, UploadFileResult } from 'cdk-mpu-guard/upload';",
      "const client = sdkUploadClient({}, 'bucket', 'key');",
      "export const uploaded: Promise<UploadFileResult> = uploadFile(client.s3, 'file', { abortUpload: client.abortUpload });",
      "export const checked: Promise<{ resources: Array<{ verdict: string }> }> = checkPaths(['.']);",
      ...(withIndex ? ["import { rules, ResilientBucket } from 'cdk-mpu-guard';", 'export const index: unknown[] = [rules.S3BucketAbortsIncompleteUploads, ResilientBucket];'] : []),
      'export const report: Promise<{ totals: { bytes: number | null } }> = audit(new SdkS3({}), {});',
    ].join('\n'));
    const program = ts.createProgram([file], {
      strict: true, noEmit: true, skipLibCheck: true, module, moduleResolution, target: ts.ScriptTarget.ES2022, types: [], ignoreDeprecations: '6.0',
    });
    expect(ts.getPreEmitDiagnostics(program).map(d => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  });
});

const server = localS3Server();
const describeS3 = server ? describe : describe.skip;

describeS3('the packed mpu-audit against a real S3 server (Ceph RGW), the AWS SDK out of reach', () => {
  test('it audits with the SDK it carries, exact parts and bytes; mpu-upload uploads with it', async () => {
    const packed = packAndInstall();
    const client = clientOf(server!);
    const bucket = await newBucket(client, 'packed');
    try {
      await seedUpload(client, bucket, 'big.bin', [5_242_880, 5_242_880, 123]);
      const run = runNode(packed.project, [join(packed.dir, 'bin', 'mpu-audit'),
        '--endpoint-url', server!.endpointUrl, '--bucket', bucket, '--older-than', '0s', '--format', 'json'], server!.env);
      expect(run.stderr).toBe('');
      expect(run.exitCode).toBe(0);
      const report = JSON.parse(run.stdout);
      expect(report.totals).toMatchObject({ uploads: 1, parts: 3, bytes: 10_485_883 });

      const file = join(packed.project, 'six-mib.bin');
      writeFileSync(file, Buffer.alloc(6 * 1024 * 1024, 7));
      const upload = runNode(packed.project, [join(packed.dir, 'bin', 'mpu-upload'), file, `s3://${bucket}/six-mib.bin`,
        '--endpoint-url', server!.endpointUrl, '--part-size', '5MiB'], server!.env);
      expect(upload).toMatchObject({ exitCode: 0, stderr: '' });
      expect(upload.stdout).toMatch(/: 6\.0 MiB \(6291456 bytes\), 2 parts sent, 0 reused, /);
    } finally {
      await removeBucket(client, bucket);
    }
  });
});
