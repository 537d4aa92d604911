#!/usr/bin/env bash
# Builds the test control plane and the clients from Go modules into a cache outside the clone:
#   $SPIN_K8S_CACHE (default ~/.cache/spin-operator/k8s)/<version>/{kube-apiserver,kube-controller-manager,
#   kube-scheduler} (and kubectl for 'tools') with links to etcd and kwok; .../etcd-<version>/etcd, .../kwok-<version>/kwok,
#   .../helm-<version>/helm
# Each binary is built once; later runs reuse it (a rebuild after 'go' changed the module is seconds with Go's
# build cache). Versions: the pinned module folders beside this script (kubernetes-vX.Y.Z, etcd, kwok, helm).
#   usage: .ci/k8s/build.sh [all|newest|oldest|vX.Y.Z ...]   prints 'version<TAB>folder' per Kubernetes version
#          .ci/k8s/build.sh tools    prints a folder with helm/helm and kubectl/kubectl (the newest version's)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${SPIN_K8S_CACHE:-$HOME/.cache/spin-operator/k8s}
mkdir -p "$cache"
versions() { ls -d "$here"/kubernetes-v* | sed 's#.*/kubernetes-##' | sort -V; }
tools=false
case "${1:-all}" in
  tools) tools=true; set -- $(versions | tail -1) ;;
  all) set -- $(versions) ;;
  newest) set -- $(versions | tail -1) ;;
  oldest) set -- $(versions | head -1) ;;
esac

. "$here/../go-build.sh"

modv() { (cd "$here/$1" && GOFLAGS=-mod=readonly go list -m -f '{{.Version}}' "$2"); }
etcd_v=$(modv etcd go.etcd.io/etcd/server/v3)
go_build "$here/etcd" "$cache/etcd-$etcd_v" spin-operator.ci/etcd
kwok_v=$(modv kwok sigs.k8s.io/kwok)
go_build "$here/kwok" "$cache/kwok-$kwok_v" sigs.k8s.io/kwok/cmd/kwok
# kwok's own "fast" stages, from the same module: nodes Ready with a renewed lease, scheduled pods Running and Ready
# (native sidecars started), completed ones Succeeded, deleted ones gone
if [ ! -d "$cache/kwok-$kwok_v/stages" ]; then
  stage=$(cd "$here/kwok" && GOFLAGS=-mod=readonly go list -m -f '{{.Dir}}' sigs.k8s.io/kwok)/kustomize/stage
  rm -rf "$cache/kwok-$kwok_v/stages.tmp" && mkdir -p "$cache/kwok-$kwok_v/stages.tmp"
  cp "$stage/node/fast/node-initialize.yaml" "$stage/node/heartbeat-with-lease/node-heartbeat-with-lease.yaml" \
     "$stage/pod/fast/pod-ready.yaml" "$stage/pod/fast/pod-complete.yaml" "$stage/pod/fast/pod-delete.yaml" \
     "$cache/kwok-$kwok_v/stages.tmp/"
  chmod -R u+w "$cache/kwok-$kwok_v/stages.tmp" && mv "$cache/kwok-$kwok_v/stages.tmp" "$cache/kwok-$kwok_v/stages"
fi
helm_v=$(modv helm helm.sh/helm/v3)
# as helm's Makefile: its version, and the Kubernetes version it assumes without a cluster from its client-go
client_go=$(modv helm k8s.io/client-go | sed 's/^v0\.\([0-9]*\)\..*/\1/')
LDX="-X helm.sh/helm/v3/internal/version.version=$helm_v -X helm.sh/helm/v3/internal/version.gitTreeState=clean
  -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMajor=1 -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMinor=$client_go
  -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMajor=1 -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMinor=$client_go" \
  go_build "$here/helm" "$cache/helm-$helm_v" helm.sh/helm/v3/cmd/helm
for v in "$@"; do
  [ -f "$here/kubernetes-$v/go.mod" ] || { echo "no pinned module for Kubernetes $v: run .ci/k8s/pin.sh $v" >&2; exit 1; }
  # as Kubernetes' hack/lib/version.sh: the version the binaries report (the API server's /version, kubectl version)
  ldx=""
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    minor=${v#v1.}; minor=${minor%%.*}
    ldx="$ldx -X $pkg.gitVersion=$v -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor -X $pkg.gitTreeState=clean"
  done
  LDX=$ldx go_build "$here/kubernetes-$v" "$cache/$v" k8s.io/kubernetes/cmd/kube-apiserver \
        k8s.io/kubernetes/cmd/kube-controller-manager k8s.io/kubernetes/cmd/kube-scheduler
  # kubectl: the newest version's only (the clients the install tests run, 'tools'); LDX as above
  if $tools; then LDX=$ldx go_build "$here/kubernetes-$v" "$cache/$v" k8s.io/kubernetes/cmd/kubectl; fi
  ln -sfn "../etcd-$etcd_v/etcd" "$cache/$v/etcd"
  ln -sfn "../kwok-$kwok_v/kwok" "$cache/$v/kwok"
  ln -sfn "../kwok-$kwok_v/stages" "$cache/$v/kwok-stages"
  if $tools; then # the layout the install tests and packaging checks expect: helm/helm, kubectl/kubectl
    mkdir -p "$cache/tools-$v-helm-$helm_v/helm" "$cache/tools-$v-helm-$helm_v/kubectl"
    ln -sfn "$cache/helm-$helm_v/helm" "$cache/tools-$v-helm-$helm_v/helm/helm"
    ln -sfn "$cache/$v/kubectl" "$cache/tools-$v-helm-$helm_v/kubectl/kubectl"
    echo "$cache/tools-$v-helm-$helm_v"
  else
    printf '%s\t%s\n' "$v" "$cache/$v"
  fi
done
