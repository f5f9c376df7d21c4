#!/usr/bin/env bash
# What the release job does, without publishing: in a clone of HEAD, projen's bump (the version from
# the commits since the last tag, dist/changelog.md), then the compile and the packages at that
# version. The clone is thrown away, so the tree here is never bumped; what the release would upload
# lands in OUT_DIR.
# Usage: scripts/dev/release-dry-run.sh [OUT_DIR]   (default: dist, which git ignores)
# RELEASE_DRY_RUN_TARGETS: the jsii targets to package (default: js). python, java, dotnet and go
# need their toolchains and their package registries; the release workflow packages each of them in
# its own job with the toolchain set up.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
out=$(mkdir -p "${1:-dist}" && cd "${1:-dist}" && pwd)
targets=${RELEASE_DRY_RUN_TARGETS:-js}

work=$(mktemp -d "${TMPDIR:-/tmp}/cdk-mpu-guard-release-XXXXXX")
trap 'rm -rf "$work"' EXIT

# A clone of the commit a release would build (uncommitted changes are not released), with the
# tags the bump reads; --shared borrows the objects, so any commit of this repository checks out.
git clone --quiet --shared --no-checkout "$repo" "$work/repo"
git -C "$work/repo" checkout --quiet --detach "$(git rev-parse HEAD)"
ln -s "$repo/node_modules" "$work/repo/node_modules"
cd "$work/repo"

# As the release task runs it (.projen/tasks.json "release": RELEASE=true, MAJOR=0).
RELEASE=true MAJOR=0 npx projen bump
version=$(cat dist/version.txt)
echo "release-dry-run: version $version ($(cat dist/releasetag.txt))" >&2

# The build without the tests (the release job runs them; .ci/run runs them too).
npx projen pre-compile
npx projen compile
npx projen post-compile
for target in ${targets//,/ }; do
  npx projen "package:$target"
done

# A package left in OUT_DIR by an earlier run or by the build (dist/js at 0.0.0) is not this release's.
for target in js python java dotnet go; do rm -rf "${out:?}/$target"; done
cp -r dist/. "$out/"
echo "release-dry-run: $version packaged for: $targets; in $out:" >&2
(cd "$out" && find . -type f | sort | sed 's|^\./|  |') >&2
echo "release-dry-run: not packaged here: $(for t in js python java dotnet go; do [[ ",$targets," == *",$t,"* ]] || printf '%s ' "$t"; done)(the release workflow packages and publishes each in its own job)" >&2
