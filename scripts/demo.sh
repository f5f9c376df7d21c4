#!/usr/bin/env bash
# The README's demo: installs what it needs, synthesizes examples/ with the real CDK CLI,
# runs mpu-check on examples/template.yaml and examples/terraform, then runs mpu-audit on the seeds' worked example
# against the local S3 server, and mpu-upload through a crash and the rerun that resumes it.
set -euo pipefail
cd "$(dirname "$0")/.."
# Node.js 22, the library's floor, from the npm registry (the machine's own may be older).
source scripts/use-node.sh
use_node 22
bash scripts/ensure-deps.sh
bash scripts/s3-server-install.sh
# The example app deploys OrphanedUploadsMonitor, whose function is the esbuild bundle of src/.
npx projen bundle >/dev/null
export CDK_DISABLE_CLI_TELEMETRY=true
npx ts-node --project tsconfig.dev.json --prefer-ts-exts scripts/demo/demo.ts
# mpu-check as users run it: the package's bin over the compiled lib/ (jsii takes about a minute,
# so lib/ is rebuilt only when src/ changed since).
if [ ! -f lib/cli/mpu-check/main.js ] || [ -n "$(find src -newer lib/cli/mpu-check/main.js -print -quit)" ]; then
  echo "== npx projen compile (for bin/mpu-check and bin/mpu-upload)"
  npx projen compile >/dev/null
fi
echo
echo "== bin/mpu-check examples/template.yaml: a compliant bucket, one without an abort rule, one acknowledged in Metadata"
status=0
bin/mpu-check examples/template.yaml || status=$?
if [ "$status" -ne 1 ]; then
  echo "demo: mpu-check exited $status; the finding in examples/template.yaml should make it exit 1" >&2
  exit 1
fi
echo "   exit code 1, as expected: the Archive bucket is a finding (CI fails on it); Reports is acknowledged"
echo
echo "== bin/mpu-check examples/terraform: the same judgement on a Terraform module"
status=0
bin/mpu-check examples/terraform || status=$?
if [ "$status" -ne 1 ]; then
  echo "demo: mpu-check exited $status; the finding in examples/terraform/main.tf should make it exit 1" >&2
  exit 1
fi
echo "   exit code 1, as expected: S3 would reject the media bucket's rules (Checkov's CKV_AWS_300 passes them); site is acknowledged"
# The demo starts the server; stop it afterwards unless it was already running.
if ! bash scripts/s3-server.sh status >/dev/null 2>&1; then
  trap 'bash scripts/s3-server.sh stop >/dev/null 2>&1 || true' EXIT
fi
npx ts-node --project tsconfig.dev.json --prefer-ts-exts scripts/demo/demo-audit.ts
npx ts-node --project tsconfig.dev.json --prefer-ts-exts scripts/demo/demo-upload.ts
