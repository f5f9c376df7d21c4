#!/usr/bin/env bash
# Installs the locked npm dependencies with `npm ci` unless node_modules already matches
# package-lock.json. `npm ci` never writes the lock: a lock out of sync with package.json fails here.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  echo "== npm ci" >&2
  if ! npm ci --no-audit --no-fund >&2; then
    echo "ensure-deps: npm ci refused package-lock.json (npm says why above): run 'npm install' and commit package-lock.json" >&2
    exit 1
  fi
fi
