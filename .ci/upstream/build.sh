#!/usr/bin/env bash
# Builds the upstream Go spin-operator pinned in go.mod beside this script into a cache outside the clone:
#   $SPIN_UPSTREAM_CACHE (default ~/.cache/spin-operator/upstream)/spin-operator-<version>/manager
# once (about 3 minutes cold on 2 cores), and prints two lines: the executable, and the module's own folder (its
# CRDs in config/crd/bases, its RBAC in config/rbac, its samples in config/samples).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../go-build.sh"
module=github.com/spinkube/spin-operator
v=$(cd "$here" && GOFLAGS=-mod=readonly go list -m -f '{{.Version}}' "$module")
out=${SPIN_UPSTREAM_CACHE:-$HOME/.cache/spin-operator/upstream}/spin-operator-$v
# upstream's Dockerfile builds ./cmd into 'manager' with CGO off and no version stamp
go_build "$here" "$out" "$module/cmd=manager"
echo "$out/manager"
(cd "$here" && GOFLAGS=-mod=readonly go mod download -json "$module" | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')
