#!/usr/bin/env bash
# The README's test command: every test, on a fresh Debian machine with Node.js and npm.
set -euo pipefail
cd "$(dirname "$0")/.."
export CDK_DISABLE_CLI_TELEMETRY=true

bash scripts/ensure-deps.sh

in_ci=${CI:-}
# projen build: synthesize the project files, jsii compile, regenerate API.md,
# type-check, jest (unit, README examples, real `cdk synth`), eslint, package.
# Under CI projen packages the JS target only: Python, Java, .NET and Go packages
# need toolchains and registries this machine has not; the jsii compile checks them.
CI=true npx projen build

if [ "$in_ci" = "true" ]; then
  # A generated file (API.md, package.json, .projen/*) that the build changed was not regenerated before commit.
  if ! git diff --exit-code --stat; then
    echo "The build changed tracked files: run 'npx projen build' and commit the result." >&2
    exit 1
  fi
fi

# Node 20 is end-of-life; users run 22 as well, so the tests run there too.
echo "== jest on Node 22"
npx --yes -p node@22 node node_modules/jest/bin/jest.js --ci --coverage=false
