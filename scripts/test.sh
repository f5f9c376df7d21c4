#!/usr/bin/env bash
# The README's test command: every test, on a fresh Debian machine with Node.js and npm.
set -euo pipefail
cd "$(dirname "$0")/.."
export CDK_DISABLE_CLI_TELEMETRY=true

# How long each step took, printed at the end, so a slower run shows where.
timings=()
step_start=$SECONDS
took() {
  timings+=("$1 $((SECONDS - step_start)) s")
  step_start=$SECONDS
}

# The library supports Node.js 22 and 24. The build and the first test run are on 22, the floor;
# the tests run again on 24 at the end. Only the npx call that fetches Node.js 22 runs on the
# machine's own Node.js (20, end-of-life).
source scripts/use-node.sh
use_node 22

in_ci=${CI:-}
# Under CI the tree is a clean clone: a tracked file that a step rewrites was committed stale.
check_tree() {
  if [ "$in_ci" = "true" ]; then bash scripts/dev/check-clean-tree.sh "$1"; fi
}

bash scripts/ensure-deps.sh
# projen writes package.json, .projen/* and the other generated files from .projenrc.ts.
npx projen >/dev/null
check_tree "the install and 'npx projen'"
took "install"

# The local S3 server (Ceph RGW from Debian packages) for mpu-audit's integration tests.
# Without root or sudo the install fails; locally those tests then skip with a message,
# under CI=true they never skip, so the install must succeed.
if ! bash scripts/s3-server-install.sh; then
  if [ "$in_ci" = "true" ]; then
    echo "Installing the local S3 server failed, and CI=true never skips the integration tests." >&2
    exit 1
  fi
  echo "Could not install the local S3 server: the S3 integration tests will skip." >&2
fi
# The tests start the server; stop it afterwards unless it was already running.
if ! bash scripts/s3-server.sh status >/dev/null 2>&1; then
  trap 'bash scripts/s3-server.sh stop >/dev/null 2>&1 || true' EXIT
fi
took "S3 server packages"

# projen build: synthesize the project files, bundle the Lambda functions, jsii compile,
# bundle the SDK into lib/, regenerate API.md, type-check, jest (unit, README examples, real
# `cdk synth`, the packed package, S3 integration), eslint, and pack the npm package with its size.
# Under CI projen packages the JS target only: Python, Java, .NET and Go packages
# need toolchains and registries this machine has not; the jsii compile checks them.
CI=true npx projen build
check_tree "the build"
took "build and tests on Node.js 22"

use_node 24
echo "== jest on Node.js 24" >&2
node node_modules/jest/bin/jest.js --ci --coverage=false
took "tests on Node.js 24"

echo "test.sh: passed in $SECONDS s: $(IFS=,; echo "${timings[*]}" | sed 's/,/, /g')" >&2
