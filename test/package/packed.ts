import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { requireCurrentLib } from '../_helpers/built-lib';

const REPO = resolve(__dirname, '..', '..');

/** The package as `npm pack` makes it from the built tree, unpacked into a project of its own. */
export interface PackedPackage {
  /** The unpacked package: `<project>/node_modules/cdk-mpu-guard`. */
  readonly dir: string;
  /** A project beside it whose node_modules hold only the package and its peer dependencies. */
  readonly project: string;
  /** What `npm pack --json` reported. */
  readonly unpackedSize: number;
  readonly files: readonly string[];
}

/**
 * Packs the built tree (run after `npx projen compile`, as the build does) and installs it the way
 * npm would: the tarball's files, with the peers (aws-cdk-lib, constructs, cdk-nag) beside it and
 * nothing else, so a module the package needs but does not ship cannot be found.
 */
export function packAndInstall(): PackedPackage {
  requireCurrentLib();
  const project = mkdtempSync(join(tmpdir(), 'cdk-mpu-guard-packed-'));
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', project], {
    cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'],
  })) as Array<{ filename: string; unpackedSize: number; files: Array<{ path: string }> }>;
  const modules = join(project, 'node_modules');
  mkdirSync(modules);
  execFileSync('tar', ['-xzf', join(project, packed.filename), '-C', modules]);
  const dir = join(modules, 'cdk-mpu-guard');
  renameSync(join(modules, 'package'), dir);
  for (const peer of ['aws-cdk-lib', 'constructs', 'cdk-nag']) {
    symlinkSync(join(REPO, 'node_modules', peer), join(modules, peer));
  }
  return { dir, project, unpackedSize: packed.unpackedSize, files: packed.files.map(f => f.path) };
}

/**
 * A preload script that makes every `require` of an AWS SDK package or of mpu-check's parsers
 * fail, wherever it would be found: they are bundled into lib/, and what the package runs must
 * work without them, as it will on a user's machine.
 */
export function withoutAwsSdk(project: string): string[] {
  const blocker = join(project, 'no-aws-sdk.js');
  writeFileSync(blocker, [
    "const Module = require('node:module');",
    'const resolve = Module._resolveFilename;',
    'Module._resolveFilename = function (request, ...rest) {',
    "  if (/^(@(aws-sdk|smithy|aws-crypto)\\/|yaml$|jsonc-parser$|@cdktf\\/hcl2json$)/.test(request)) throw new Error('not installed: ' + request);",
    '  return resolve.call(this, request, ...rest);',
    '};',
  ].join('\n'));
  return ['-r', blocker];
}

/** Runs a script with Node in the project, the AWS SDK out of reach. */
export function runNode(project: string, args: readonly string[], env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, [...withoutAwsSdk(project), ...args], {
    cwd: project, encoding: 'utf8', env: { ...process.env, AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', ...env }, timeout: 60_000,
  });
  return { exitCode: run.status, stdout: run.stdout, stderr: run.stderr };
}
