#!/usr/bin/env bash
# Fails with one line when a step changed a tracked file, naming each file and the command that
# regenerates it: a generated file that was not regenerated and committed before the push.
# Usage: scripts/dev/check-clean-tree.sh "STEP" (for the message, e.g. "the install")
set -euo pipefail
cd "$(dirname "$0")/../.."
step=${1:?usage: check-clean-tree.sh STEP}

fix_for() {
  case $1 in
    package-lock.json) echo 'regenerate with: npm install' ;;
    API.md) echo 'regenerate with: npx projen compile && npx projen docgen' ;;
    docs/architecture.svg) echo 'regenerate with: bash scripts/dev/diagram.sh' ;;
    *)
      # Every file projen writes is marked linguist-generated in .gitattributes (projen writes that too).
      if git check-attr linguist-generated -- "$1" | grep -q ': set$'; then
        echo 'regenerate with: npx projen'
      elif [[ $1 == *.ts ]]; then
        echo 'lint --fix rewrote it: run npx projen eslint'
      else
        echo "no step should write it: see git diff -- $1"
      fi
      ;;
  esac
}

changed=$(git status --porcelain --untracked-files=no | cut -c4-)
[ -z "$changed" ] && exit 0
fixes=()
while IFS= read -r file; do
  fixes+=("$file ($(fix_for "$file"))")
done <<<"$changed"
joined=$(printf '; %s' "${fixes[@]}")
echo "check-clean-tree: ${step} changed tracked files, which must be committed as the step writes them: ${joined:2}" >&2
exit 1
