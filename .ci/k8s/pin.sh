#!/usr/bin/env bash
# Pins one Kubernetes release as a Go module of our own: .ci/k8s/kubernetes-vX.Y.Z/go.mod (+ go.sum), which requires
# k8s.io/kubernetes and replaces each staging module (k8s.io/api, k8s.io/apimachinery, ...) with its published
# v0.Y.Z, as k8s.io/kubernetes' own go.mod points them at ./staging. The control-plane commands are the module's
# tools (go.mod 'tool' lines), so build.sh builds exactly what is pinned here. Run once per new version; commit the
# result.   usage: .ci/k8s/pin.sh v1.37.2
set -euo pipefail
v=${1:?usage: pin.sh vX.Y.Z}
here=$(cd "$(dirname "$0")" && pwd)
dir=$here/kubernetes-$v
staging_v=v0.${v#v1.}
mkdir -p "$dir"
mod=$(cd "$dir" && GOFLAGS=-mod=mod go mod download -json "k8s.io/kubernetes@$v" | sed -n 's/.*"GoMod": "\(.*\)",/\1/p')
{
  echo "// Kubernetes $v, pinned by .ci/k8s/pin.sh: built by .ci/k8s/build.sh into the cache outside the clone."
  echo "module spin-operator.ci/kubernetes-$v"
  echo
  # 'tool' lines need go 1.24 or later in the main module; the language version of the dependencies is their own
  printf 'go %s\n' "$(printf '%s\n1.24\n' "$(sed -n 's/^go \([0-9.]*\)$/\1/p' "$mod")" | sort -V | tail -1)"
  echo
  echo "require k8s.io/kubernetes $v"
  echo
  echo "replace ("
  sed -n 's#^\s*\(k8s.io/[a-z0-9-]*\) => ./staging/.*#\t\1 => \1 '"$staging_v"'#p' "$mod"
  echo ")"
} > "$dir/go.mod"
cd "$dir"
for cmd in kube-apiserver kube-controller-manager kube-scheduler kubectl; do
  GOFLAGS=-mod=mod go get -tool "k8s.io/kubernetes/cmd/$cmd@$v"
done
GOFLAGS=-mod=mod go mod tidy
echo "pinned $dir"
