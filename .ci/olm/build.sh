#!/usr/bin/env bash
# Builds the OLM tools from Go modules pinned in the folders beside this script (each a go.mod + go.sum of our own
# whose 'tool' lines name the commands) into a cache outside the clone:
#   $SPIN_OLM_CACHE (default ~/.cache/spin-operator/olm)/<folder>-<version>/<command>
# Each command is built once; later runs reuse it. Prints the folder that holds the commands of each module asked for.
#   usage: .ci/olm/build.sh [operator-sdk ...]     (default: every module folder)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${SPIN_OLM_CACHE:-$HOME/.cache/spin-operator/olm}
mkdir -p "$cache"
. "$here/../go-build.sh"
[ $# -gt 0 ] || set -- $(cd "$here" && ls -d */ | tr -d /)
for name in "$@"; do
  mod=$here/$name
  [ -f "$mod/go.mod" ] || { echo "no pinned module $mod/go.mod" >&2; exit 1; }
  # the version of the module that gives the folder its name (operator-sdk -> github.com/operator-framework/operator-sdk)
  tools=$(cd "$mod" && go mod edit -json | python3 -c 'import json,sys; print(" ".join(t["Path"] for t in json.load(sys.stdin).get("Tool") or []))')
  main=${tools%% *}
  v=$(cd "$mod" && GOFLAGS=-mod=readonly go list -m -f '{{.Version}}' "$(cd "$mod" && GOFLAGS=-mod=readonly go list -f '{{.Module.Path}}' "$main")")
  out=$cache/$name-$v
  go_tags='' go_ldflags=''
  [ -f "$mod/build.env" ] && . "$mod/build.env"  # go_tags, go_ldflags: as the module's own Makefile builds it
  TAGS=$go_tags LDX=$go_ldflags go_build "$mod" "$out" $tools
  echo "$out"
done
