#!/usr/bin/env bash
# The Aspect's cost as a user sees it (not a test): `cdk synth` with the real CDK CLI of an app of
# 1,000 L2 buckets (20 stacks x 50, half with an abort rule; all in time with ALL_COMPLIANT=1), in
# three variants, round-robin, ROUNDS each: no Aspect; an Aspect that does nothing, registered as
# READONLY (what CDK's Aspect machinery costs any Aspect); AbortIncompleteUploadsChecker.applyTo
# (findings as warnings, so that synth succeeds; LEVEL=ERROR for errors, when synth fails after
# writing the templates). Prints each round and the medians of the per-round ratios against no Aspect.
#
#   npx projen compile && [ALL_COMPLIANT=1] [LEVEL=ERROR] bash scripts/bench/bench-synth-cli.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-7}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/app.js" <<JS
const { App, Aspects, AspectPriority, Stack, Duration, aws_s3: s3 } = require('aws-cdk-lib');
const { AbortIncompleteUploadsChecker } = require('$PWD/lib');
const app = new App();
for (let st = 0; st < 20; st++) {
  const stack = new Stack(app, 'S' + st, { env: { account: '111111111111', region: 'us-east-1' } });
  for (let i = 0; i < 50; i++) {
    const days = i % 2 === 0 || process.env.ALL_COMPLIANT === '1' ? 7 : undefined;
    new s3.Bucket(stack, 'B' + i, days ? { lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(days) }] } : {});
  }
}
if (process.env.VARIANT === 'noop') Aspects.of(app).add({ visit() {} }, { priority: AspectPriority.READONLY });
if (process.env.VARIANT === 'checker') AbortIncompleteUploadsChecker.applyTo(app, { level: process.env.LEVEL || 'WARNING' });
JS
export CDK_DISABLE_CLI_TELEMETRY=true NODE_PATH="$PWD/node_modules"
variants=(none noop checker)
run() { # $1: the variant; prints wall seconds
  local start end
  start=$(date +%s.%N)
  VARIANT=$1 npx cdk synth --app "node $work/app.js" --output "$work/out-$1" --quiet >/dev/null 2>&1 || true
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
for variant in "${variants[@]}"; do run "$variant" >/dev/null; done # warm the file cache
declare -A seconds ratios
for ((r = 0; r < rounds; r++)); do
  declare -A this=()
  for ((k = 0; k < 3; k++)); do
    variant=${variants[$(((r + k) % 3))]}
    this[$variant]=$(run "$variant")
    seconds[$variant]+="${this[$variant]} "
  done
  for variant in noop checker; do ratios[$variant]+="$(echo "scale=4; ${this[$variant]} / ${this[none]}" | bc) "; done
  echo "round $((r + 1)): none ${this[none]} s, no-op Aspect ${this[noop]} s, checker ${this[checker]} s"
done
for variant in "${variants[@]}"; do
  line="$variant: median $(tr ' ' '\n' <<<"${seconds[$variant]}" | grep . | median) s"
  if [ "$variant" != none ]; then line+=", median ratio to none $(tr ' ' '\n' <<<"${ratios[$variant]}" | grep . | median)"; fi
  echo "$line"
done
