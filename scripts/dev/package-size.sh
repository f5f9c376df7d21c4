#!/usr/bin/env bash
# Prints the npm package's file count and size, and fails when it grows past the budget.
# Usage: scripts/dev/package-size.sh [TARBALL]   (default: the dist/js tarball `npx projen package` writes)
set -euo pipefail
cd "$(dirname "$0")/../.."
budget=15000000 # bytes unpacked, as npm counts them
tarball=${1:-$(ls dist/js/*.tgz)}
read -r bytes files < <(tar -tzvf "$tarball" | awk '$1 !~ /^d/ { bytes += $3; files++ } END { print bytes + 0, files + 0 }')
mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1e6 }'; }
echo "package-size: $(basename "$tarball"): $files files, $(mb "$bytes") unpacked ($bytes bytes), $(mb "$(stat -c %s "$tarball")") packed; budget $(mb $budget) unpacked"
if [ "$bytes" -gt "$budget" ]; then
  echo "package-size: $(basename "$tarball") unpacks to $(mb "$bytes"), over the budget of $(mb $budget): look for a bundle or file the package need not ship (npm pack --dry-run lists them)" >&2
  exit 1
fi
