#!/usr/bin/env bash
# The README's demo: installs what it needs, synthesizes examples/ with the real CDK CLI,
# then runs mpu-audit on the seeds' worked example against the local S3 server.
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
npx ts-node --project tsconfig.dev.json --prefer-ts-exts scripts/demo.ts
# The demo starts the server; stop it afterwards unless it was already running.
if ! bash scripts/s3-server.sh status >/dev/null 2>&1; then
  trap 'bash scripts/s3-server.sh stop >/dev/null 2>&1 || true' EXIT
fi
npx ts-node --project tsconfig.dev.json --prefer-ts-exts scripts/demo-audit.ts
