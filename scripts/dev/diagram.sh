#!/usr/bin/env bash
# Renders docs/architecture.dot to docs/architecture.svg with Graphviz (the Debian package),
# and stamps the SVG with the source's hash so a test can tell when it is stale.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v dot >/dev/null; then
  sudo_if_needed=$([ "$(id -u)" = 0 ] && echo "" || echo sudo)
  $sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -q graphviz >/dev/null
fi
hash=$(sha256sum docs/architecture.dot | cut -d' ' -f1)
dot -Tsvg docs/architecture.dot | sed "s|^<svg |<!-- source docs/architecture.dot sha256 ${hash} -->\n<svg |" > docs/architecture.svg
echo "docs/architecture.svg from docs/architecture.dot (sha256 ${hash})"
