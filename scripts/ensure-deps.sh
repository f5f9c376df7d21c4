#!/usr/bin/env bash
# Installs the locked npm dependencies unless node_modules already matches package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  echo "== npm ci" >&2
  npm ci --no-audit --no-fund >&2
fi
