#!/usr/bin/env bash
# Builds the test control plane from Go modules into a cache outside the clone, and prints its folder:
#   $SPIN_K8S_CACHE (default ~/.cache/spin-operator/k8s)/<version>/{kube-apiserver,kube-controller-manager,kube-scheduler}
#   .../etcd-<version>/etcd, .../kwok-<version>/kwok
# Each binary is built once; later runs reuse it (a rebuild after 'go' changed the module is seconds with Go's
# build cache). Versions: the pinned module folders beside this script (kubernetes-vX.Y.Z, etcd, kwok).
#   usage: .ci/k8s/build.sh [all|newest|oldest|vX.Y.Z ...]      prints 'version<TAB>folder' per Kubernetes version
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${SPIN_K8S_CACHE:-$HOME/.cache/spin-operator/k8s}
mkdir -p "$cache"
versions() { ls -d "$here"/kubernetes-v* | sed 's#.*/kubernetes-##' | sort -V; }
case "${1:-all}" in
  all) set -- $(versions) ;;
  newest) set -- $(versions | tail -1) ;;
  oldest) set -- $(versions | head -1) ;;
esac

# build MODULE_DIR OUT_DIR PACKAGE...: go build each package's command into OUT_DIR unless it is there already.
build() {
  local mod=$1 out=$2; shift 2
  local pkg name start
  mkdir -p "$out"
  for pkg in "$@"; do
    name=${pkg##*/}
    [ -x "$out/$name" ] && continue
    echo "-- building $name from $pkg (module ${mod##*/}) into $out;" \
         "a cold build takes minutes on 2 cores" >&2
    start=$(date +%s)
    (cd "$mod" && CGO_ENABLED=0 GOFLAGS=-mod=readonly go build -trimpath -ldflags='-s -w' -o "$out/$name.tmp" "$pkg")
    mv "$out/$name.tmp" "$out/$name"
    echo "   $name built in $(( $(date +%s) - start )) s ($(du -h "$out/$name" | cut -f1))" >&2
  done
}

modv() { (cd "$here/$1" && GOFLAGS=-mod=readonly go list -m -f '{{.Version}}' "$2"); }
etcd_v=$(modv etcd go.etcd.io/etcd/server/v3)
build "$here/etcd" "$cache/etcd-$etcd_v" spin-operator.ci/etcd
kwok_v=$(modv kwok sigs.k8s.io/kwok)
build "$here/kwok" "$cache/kwok-$kwok_v" sigs.k8s.io/kwok/cmd/kwok
for v in "$@"; do
  [ -f "$here/kubernetes-$v/go.mod" ] || { echo "no pinned module for Kubernetes $v: run .ci/k8s/pin.sh $v" >&2; exit 1; }
  build "$here/kubernetes-$v" "$cache/$v" k8s.io/kubernetes/cmd/kube-apiserver \
        k8s.io/kubernetes/cmd/kube-controller-manager k8s.io/kubernetes/cmd/kube-scheduler
  ln -sfn "../etcd-$etcd_v/etcd" "$cache/$v/etcd"
  ln -sfn "../kwok-$kwok_v/kwok" "$cache/$v/kwok"
  printf '%s\t%s\n' "$v" "$cache/$v"
done
