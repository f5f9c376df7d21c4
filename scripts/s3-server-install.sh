#!/usr/bin/env bash
# Installs the Debian packages the local S3 server (scripts/s3-server.sh) needs:
# a one-node Ceph cluster (monitor + OSD) with the RADOS Gateway in front.
# Idempotent: does nothing when every needed binary is already present.
set -euo pipefail

# radosgw pulls in ceph-common (ceph, radosgw-admin) and ceph-base (monmaptool);
# curl is for the health check in s3-server.sh.
needed=(radosgw ceph-mon ceph-osd monmaptool radosgw-admin ceph curl)
packages=(ceph-mon ceph-osd radosgw)

missing=()
for bin in "${needed[@]}"; do
  command -v "$bin" >/dev/null 2>&1 || missing+=("$bin")
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "s3-server-install: ${needed[*]} already installed; nothing to do"
  exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd=(sudo)
fi

# Installing curl by name would also upgrade an existing one.
if ! command -v curl >/dev/null 2>&1; then
  packages+=(curl)
fi

echo "s3-server-install: missing ${missing[*]}; installing ${packages[*]}"
"${sudo_cmd[@]}" apt-get update
"${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y --no-install-recommends "${packages[@]}"

for bin in "${needed[@]}"; do
  if ! command -v "$bin" >/dev/null 2>&1; then
    echo "s3-server-install: $bin still missing after install" >&2
    exit 1
  fi
done
echo "s3-server-install: installed ${packages[*]}"
