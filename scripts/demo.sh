#!/usr/bin/env bash
# The README's demo: installs what it needs, then synthesizes examples/ with the real CDK CLI.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
export CDK_DISABLE_CLI_TELEMETRY=true
npx ts-node --project tsconfig.dev.json --prefer-ts-exts scripts/demo.ts
