#!/usr/bin/env bash
# Local S3 server for tests: a one-node, in-memory Ceph cluster (monitor +
# memstore OSD) with the RADOS Gateway (radosgw) on 127.0.0.1.
# No systemd and nothing under /etc/ceph or /var/lib/ceph: everything lives in
# the state dir. Install the packages first with scripts/s3-server-install.sh.
#
# Usage: scripts/s3-server.sh start|stop|status|env
#
# Environment:
#   S3_SERVER_DIR        state dir (default: <repo>/.s3-server)
#   S3_SERVER_PORT       gateway port (default 7480)
#   S3_SERVER_MON_PORT   monitor port (default 6790)
#   S3_SERVER_ACCESS_KEY / S3_SERVER_SECRET_KEY              first user
#   S3_SERVER_OTHER_ACCESS_KEY / S3_SERVER_OTHER_SECRET_KEY  second user
#   S3_SERVER_START_TIMEOUT  seconds allowed for the whole start (default 60)
#   S3_SERVER_MEMORY_MIB     the OSD's in-memory store, allocated as it fills (default 2048;
#                            Ceph's own default, 1 GiB, fills up during the test suite)
set -euo pipefail

repo_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
state_dir=${S3_SERVER_DIR:-$repo_dir/.s3-server}
case $state_dir in
  /*) ;;
  *) state_dir=$PWD/$state_dir ;;
esac
port=${S3_SERVER_PORT:-7480}
mon_port=${S3_SERVER_MON_PORT:-6790}
access_key=${S3_SERVER_ACCESS_KEY:-mpuguardtest}
secret_key=${S3_SERVER_SECRET_KEY:-mpuguardtestsecret}
other_access_key=${S3_SERVER_OTHER_ACCESS_KEY:-mpuguardother}
other_secret_key=${S3_SERVER_OTHER_SECRET_KEY:-mpuguardothersecret}
start_timeout=${S3_SERVER_START_TIMEOUT:-60}
memory_mib=${S3_SERVER_MEMORY_MIB:-2048}

conf=$state_dir/ceph.conf
env_file=$state_dir/env
run_dir=$state_dir/run
log_dir=$state_dir/log
cli_log=$log_dir/start.log
endpoint=http://127.0.0.1:$port
daemons=(client.rgw osd.0 mon.a)

log() { echo "s3-server: $*" >&2; }

gateway_answers() {
  curl -s -o /dev/null --max-time 2 "$endpoint/"
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Prints the pid of daemon $1 if that process is alive and is ours (a pid file
# left from an earlier boot may name an unrelated process by now).
pid_of() {
  local pid_file=$run_dir/$1.pid pid state cmdline
  [ -s "$pid_file" ] || return 1
  pid=$(cat "$pid_file")
  state=$(sed -n 's/^State:[[:space:]]*//p' "/proc/$pid/status" 2>/dev/null) || return 1
  # A killed daemon stays a zombie until init reaps it, which can take seconds.
  if [ -z "$state" ] || [ "${state:0:1}" = Z ]; then return 1; fi
  cmdline=$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline") || return 1
  [[ $cmdline == *"$conf"* ]] || return 1
  echo "$pid"
}

running() {
  pid_of "$1" >/dev/null
}

all_running() {
  local d
  for d in "${daemons[@]}"; do
    running "$d" || return 1
  done
}

healthy() {
  [ -s "$env_file" ] && all_running && gateway_answers
}

# Seconds left of the overall start budget, capped at $1.
budget() {
  local left=$((deadline - SECONDS))
  if [ "$left" -lt 1 ]; then left=1; fi
  if [ "$left" -gt "$1" ]; then left=$1; fi
  echo "$left"
}

fail() {
  local log_file=$1
  shift
  log "start failed: $*"
  if [ -f "$log_file" ]; then
    log "last 30 lines of $log_file:"
    tail -n 30 "$log_file" >&2
  fi
  kill_daemons
  log "state dir left for inspection: $state_dir (removed by 'stop' or the next 'start')"
  exit 1
}

# Runs a command under a time limit, its output appended to the start log.
# Closes the lock's fd 9 so that daemons do not hold the lock forever.
step() {
  local secs=$1
  shift
  echo "+ $*" >>"$cli_log"
  timeout "$(budget "$secs")" "$@" >>"$cli_log" 2>&1 9>&-
}

# Polls a command until it succeeds or the time limit passes.
wait_for() {
  local secs end
  secs=$(budget "$1")
  shift
  end=$((SECONDS + secs))
  until "$@"; do
    [ "$SECONDS" -lt "$end" ] || return 1
    sleep 0.5
  done
}

ceph_cli() {
  timeout 10 ceph -c "$conf" --connect-timeout 5 "$@"
}

mon_up() {
  ceph_cli mon stat >>"$cli_log" 2>&1
}

osd_up() {
  local n
  n=$(ceph_cli osd stat -f json 2>>"$cli_log") || return 1
  [[ $n == *'"num_up_osds":1'* ]]
}

# SIGKILL: all data is in memory and about to be thrown away, and a graceful
# radosgw shutdown waits 5-10 s for its lifecycle threads.
kill_daemons() {
  local d pid i
  for d in "${daemons[@]}"; do
    pid=$(pid_of "$d") || continue
    kill -9 "$pid" 2>/dev/null || continue
    for ((i = 0; i < 100; i++)); do
      running "$d" || break
      sleep 0.1
    done
    if running "$d"; then
      log "$d (pid $pid) still running 10 s after SIGKILL"
    fi
  done
}

# Serialises start and stop of one state dir (e.g. parallel test runners). The
# lock file is outside the state dir, which comes and goes.
lock() {
  local sum
  sum=$(printf '%s' "$state_dir" | md5sum)
  exec 9>"${TMPDIR:-/tmp}/s3-server-${sum:0:12}.lock"
  if ! flock -w 90 9; then
    log "timed out waiting for another start or stop of $state_dir"
    exit 1
  fi
}

# Removes the state dir, refusing one this script did not create (a mistyped
# S3_SERVER_DIR must not cost anyone a directory).
remove_state_dir() {
  if [ -e "$state_dir/.s3-server-state" ] || [ -z "$(ls -A "$state_dir")" ]; then
    rm -rf "$state_dir"
  else
    log "refusing to remove $state_dir: it was not created by this script"
    exit 1
  fi
}

write_conf() {
  local fsid=$1
  # $name and $cluster are expanded by Ceph, not by the shell.
  cat >"$conf" <<EOF
[global]
fsid = $fsid
mon host = v1:127.0.0.1:$mon_port
public addr = 127.0.0.1
cluster addr = 127.0.0.1
auth cluster required = none
auth service required = none
auth client required = none
keyring = $state_dir/keyring
run dir = $run_dir
pid file = $run_dir/\$name.pid
admin socket = $run_dir/\$name.asok
log file = $log_dir/\$name.log
mon cluster log file = $log_dir/\$cluster.\$channel.log
crash dir = $state_dir/crash
mon data = $state_dir/mon/\$name
osd data = $state_dir/osd/\$name
osd objectstore = memstore
memstore device bytes = $((memory_mib * 1024 * 1024))
osd pool default size = 1
osd pool default min size = 1
# radosgw creates 7 pools: at the default 32 PGs each that is 224 of the 250
# PGs one OSD may hold (mon max pg per osd), so one more pool would fail.
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
osd crush chooseleaf type = 0
# At boot the OSD would place itself in the CRUSH map with mon commands that
# can race its first monmap ("wrong fsid"); start does that instead.
osd crush update on start = false
osd class update on start = false
mon allow pool size one = true
mon warn on pool no redundancy = false
mon warn on insecure global id reclaim allowed = false
mon warn on msgr2 not enabled = false
# The monitor batches map changes for 1 s by default; radosgw's pool creation
# at start-up then takes ~8 s instead of ~1 s.
paxos propose interval = 0.1

[client.rgw]
# Without tcp_nodelay every request after the first on a kept-alive connection
# waits ~44 ms for a delayed ACK (measured): 100x the time of the request itself.
rgw frontends = beast endpoint=127.0.0.1:$port tcp_nodelay=1
# A lifecycle "day" lasts 10 s, so rules with Days 1 act within ~20 s.
rgw lc debug interval = 10
# SSE-C and SSE-KMS on plain HTTP, with RGW's test KMS holding one key (mpu-guard-test-key): the tests
# upload encrypted objects. Not for anything but tests: the key is in this file.
rgw crypt require ssl = false
rgw crypt s3 kms backend = testing
rgw crypt s3 kms encryption keys = mpu-guard-test-key=$(printf 'mpu-guard-test-key-of-32-bytes!!' | base64)
EOF
}

create_user() {
  local uid=$1 access=$2 secret=$3
  shift 3
  # The suite runs on Node 22 and 24 against one server and leaves its buckets: well past RGW's default of 1,000 per user.
  wait_for 20 step 15 radosgw-admin -c "$conf" user create --uid "$uid" --display-name "$uid" \
    --access-key "$access" --secret-key "$secret" --max-buckets 100000 "$@" ||
    fail "$cli_log" "radosgw-admin user create $uid"
}

cmd_start() {
  lock
  if healthy; then
    cat "$env_file"
    return 0
  fi
  if [ -d "$state_dir" ]; then
    log "removing stale state in $state_dir"
    kill_daemons
    remove_state_dir
  fi
  local p
  for p in "$port" "$mon_port"; do
    if port_in_use "$p"; then
      log "port 127.0.0.1:$p is already in use by another process"
      exit 1
    fi
  done
  for p in ceph-mon ceph-osd radosgw radosgw-admin monmaptool ceph curl; do
    if ! command -v "$p" >/dev/null 2>&1; then
      log "$p not found; run scripts/s3-server-install.sh first"
      exit 1
    fi
  done

  deadline=$((SECONDS + start_timeout))
  mkdir -p "$state_dir"
  : >"$state_dir/.s3-server-state"
  mkdir -p "$run_dir" "$log_dir" "$state_dir/mon/mon.a" "$state_dir/osd/osd.0" "$state_dir/crash"
  : >"$cli_log"
  # Keeps the default state dir inside the repo out of git.
  echo '*' >"$state_dir/.gitignore"
  local fsid osd_uuid
  fsid=$(cat /proc/sys/kernel/random/uuid)
  osd_uuid=$(cat /proc/sys/kernel/random/uuid)
  write_conf "$fsid"

  log "starting monitor on 127.0.0.1:$mon_port"
  # With a v2 address (tried on 6790) radosgw retries authentication forever.
  step 10 monmaptool -c "$conf" --create --fsid "$fsid" \
    --addv a "[v1:127.0.0.1:$mon_port]" "$state_dir/monmap" ||
    fail "$cli_log" "monmaptool"
  step 10 ceph-mon -c "$conf" -i a --mkfs --monmap "$state_dir/monmap" ||
    fail "$log_dir/mon.a.log" "ceph-mon --mkfs"
  step 10 ceph-mon -c "$conf" -i a || fail "$log_dir/mon.a.log" "ceph-mon"
  wait_for 15 mon_up || fail "$log_dir/mon.a.log" "monitor did not answer"

  log "starting OSD (memstore)"
  # Retried: a ceph CLI command sent before the client has received its first
  # monmap is rejected as "wrong fsid" (about 1 call in 300 here). Both commands
  # are idempotent.
  wait_for 15 step 10 ceph -c "$conf" osd new "$osd_uuid" || fail "$cli_log" "ceph osd new"
  wait_for 15 step 10 ceph -c "$conf" osd crush add osd.0 1.0 root=default ||
    fail "$cli_log" "ceph osd crush add"
  step 10 ceph-osd -c "$conf" -i 0 --mkfs --osd-uuid "$osd_uuid" ||
    fail "$log_dir/osd.0.log" "ceph-osd --mkfs"
  step 15 ceph-osd -c "$conf" -i 0 || fail "$log_dir/osd.0.log" "ceph-osd"
  wait_for 20 osd_up || fail "$log_dir/osd.0.log" "OSD did not come up"

  log "starting radosgw on $endpoint"
  step 10 radosgw -c "$conf" -n client.rgw || fail "$log_dir/client.rgw.log" "radosgw"
  # radosgw creates its pools before it listens.
  wait_for 45 gateway_answers || fail "$log_dir/client.rgw.log" "gateway did not answer on $endpoint"

  # The user-policy cap lets the first user call IAM PutUserPolicy & co. on the
  # gateway endpoint (for policies on the second user).
  create_user mpuguardtest "$access_key" "$secret_key" --caps "user-policy=*"
  create_user mpuguardother "$other_access_key" "$other_secret_key"

  cat >"$env_file.tmp" <<EOF
AWS_ACCESS_KEY_ID=$access_key
AWS_SECRET_ACCESS_KEY=$secret_key
AWS_REGION=us-east-1
S3_ENDPOINT_URL=$endpoint
OTHER_AWS_ACCESS_KEY_ID=$other_access_key
OTHER_AWS_SECRET_ACCESS_KEY=$other_secret_key
EOF
  mv "$env_file.tmp" "$env_file"
  log "started in ${SECONDS}s"
  cat "$env_file"
}

cmd_stop() {
  lock
  if [ ! -d "$state_dir" ]; then
    log "not running"
    return 0
  fi
  kill_daemons
  remove_state_dir
  log "stopped"
}

cmd_status() {
  if healthy; then
    echo "running: $endpoint"
  else
    echo "not running: no answer from our gateway on $endpoint"
    return 1
  fi
}

cmd_env() {
  if [ ! -s "$env_file" ]; then
    log "no env file at $env_file; run '$0 start' first"
    exit 1
  fi
  cat "$env_file"
}

case ${1:-} in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  env) cmd_env ;;
  *)
    echo "usage: $0 start|stop|status|env" >&2
    exit 2
    ;;
esac
