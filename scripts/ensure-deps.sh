#!/usr/bin/env bash
# Installs the locked npm dependencies unless node_modules already matches package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  # Not `npm ci`: npm 11 leaves other platforms' optional packages out of a lock
  # written without registry URLs, and `npm ci` then calls the lock out of sync.
  # `npm install` installs the locked versions and leaves the lock as it is.
  echo "== npm install (locked versions)" >&2
  npm install --no-audit --no-fund >&2
fi
