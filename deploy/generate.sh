#!/usr/bin/env bash
# Writes deploy/ from the Helm chart, the one source of the install's objects:
#   1. copies the CRDs the build generated from the Java types (target/kubernetes, after ./mvnw package) into the
#      chart's crds/;
#   2. renders the chart with deploy/helm/values.yaml (plain manifests: no Helm labels, the Namespace included);
#   3. files every object by kind into the numbered files `kubectl apply -f deploy/` applies in name order:
#      namespace, CRDs, RBAC, Deployment, Services, webhook configurations.
# usage: deploy/generate.sh            regenerate helm/spin-operator/crds/ and deploy/
#        deploy/generate.sh --out DIR  only render deploy/'s files into DIR (DeployGeneratedTest compares them)
# HELM: the helm binary; by default the pinned one .ci/tools.sh installs (another version may format differently).
set -euo pipefail
cd "$(dirname "$0")/.."
CHART=helm/spin-operator
VALUES=deploy/helm/values.yaml
COMMAND="helm template spin-operator $CHART --namespace spin-operator --include-crds -f $VALUES"
HELM=${HELM:-$(bash .ci/tools.sh)/helm/helm}

out=deploy
if [ "${1:-}" = "--out" ]; then
  out=${2:?usage: deploy/generate.sh [--out DIR]}
else
  for crd in spinapps.core.spinkube.dev spinappexecutors.core.spinkube.dev; do
    if [ -f "target/kubernetes/$crd-v1.yml" ]; then
      cp "target/kubernetes/$crd-v1.yml" "$CHART/crds/$crd.yaml"
    else
      echo "deploy/generate.sh: no target/kubernetes/$crd-v1.yml: rendering the chart's crds/ as they are" \
        "(run ./mvnw -B package -DskipTests first after changing the API types)" >&2
    fi
  done
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$HELM" template spin-operator "$CHART" --namespace spin-operator --include-crds -f "$VALUES" > "$tmp/all.yaml"

files="00-namespace.yaml 01-crds.yaml 02-rbac.yaml 03-deployment.yaml 04-services.yaml 05-webhooks.yaml"
for f in $files; do
  printf '%s\n' "# Generated from the Helm chart $CHART by deploy/generate.sh; do not edit: change the chart (or" \
    "# $VALUES) and run deploy/generate.sh. Rendered with:" "#   $COMMAND" > "$tmp/$f"
done
# helm separates objects with "---" lines; a top-level "kind:" line says which file an object goes to
awk -v dir="$tmp" '
  BEGIN {
    file["Namespace"] = "00-namespace.yaml"; file["CustomResourceDefinition"] = "01-crds.yaml"
    file["ServiceAccount"] = "02-rbac.yaml"; file["ClusterRole"] = "02-rbac.yaml"
    file["ClusterRoleBinding"] = "02-rbac.yaml"; file["Role"] = "02-rbac.yaml"; file["RoleBinding"] = "02-rbac.yaml"
    file["Deployment"] = "03-deployment.yaml"; file["Service"] = "04-services.yaml"
    file["MutatingWebhookConfiguration"] = "05-webhooks.yaml"; file["ValidatingWebhookConfiguration"] = "05-webhooks.yaml"
  }
  function flush() {
    if (kind != "") {
      if (!(kind in file)) {
        print "deploy/generate.sh: the chart renders a " kind ", which no file of deploy/ takes" > "/dev/stderr"
        failed = 1
      } else {
        printf "---\n%s", doc >> (dir "/" file[kind])
      }
    }
    doc = ""; kind = ""
  }
  /^---$/ { flush(); next }
  { doc = doc $0 "\n" }
  kind == "" && /^kind: / { kind = $2; gsub(/"/, "", kind) }
  END { flush(); exit failed }
' "$tmp/all.yaml"
for f in $files; do
  grep -q '^kind: ' "$tmp/$f" || { echo "deploy/generate.sh: the chart renders nothing for $f" >&2; exit 1; }
done

mkdir -p "$out"
if [ "$out" = deploy ]; then
  rm -f deploy/[0-9][0-9]-*.yaml
fi
for f in $files; do cp "$tmp/$f" "$out/$f"; done
echo "wrote $(cd "$out" && ls $files | tr '\n' ' ')in $out/"
