#!/usr/bin/env bash
# Checks the install paths with the real tools: helm lint/template (default, air-gapped and cert-manager
# values, and a wrong value that values.schema.json must refuse), deploy/ against a fresh render of the chart
# (deploy/generate.sh), then every rendered object, deploy/, the
# OLM bundle and the operator's own render of every sample validated offline against the Kubernetes schemas. Needs the build's target/ (run after
# ./mvnw verify). helm is built from its Go module (.ci/tools.sh), the schemas come from npm into .tools/npm.
set -euo pipefail
cd "$(dirname "$0")/.."
TOOLS=.tools/npm
HELM="$(bash .ci/tools.sh)/helm/helm"
VALIDATE="node .ci/validate-manifests.mjs"
export NODE_PATH="$PWD/$TOOLS/node_modules"
cp .ci/validate-manifests.mjs "$TOOLS/validate-manifests.mjs"
VALIDATE="node $TOOLS/validate-manifests.mjs"
CHART=helm/spin-operator
echo "-- $($HELM version --short)"

echo "-- helm chart CRDs are the generated ones"
diff -q target/kubernetes/spinapps.core.spinkube.dev-v1.yml $CHART/crds/spinapps.core.spinkube.dev.yaml
diff -q target/kubernetes/spinappexecutors.core.spinkube.dev-v1.yml $CHART/crds/spinappexecutors.core.spinkube.dev.yaml

echo "-- helm lint"
$HELM lint --strict $CHART
$HELM lint --strict $CHART -f $CHART/ci/airgapped-values.yaml
$HELM lint --strict $CHART -f deploy/helm/values.yaml

OUT=target/helm-rendered
mkdir -p $OUT
echo "-- deploy/ is the chart rendered as plain manifests (deploy/generate.sh)"
HELM="$HELM" bash deploy/generate.sh --out $OUT/deploy >/dev/null
diff -r -x README.md -x generate.sh -x helm deploy $OUT/deploy \
  || { echo "deploy/ is not what the chart renders: run deploy/generate.sh"; exit 1; }
grep -q -e 'managed-by: Helm' -e 'helm.sh/chart' deploy/*.yaml && { echo "deploy/ carries Helm's labels"; exit 1; }

echo "-- helm template: default, air-gapped, cert-manager"
$HELM template spin-operator $CHART --namespace spin-operator --include-crds > $OUT/default.yaml
$HELM template spin-operator $CHART --namespace spin-operator -f $CHART/ci/airgapped-values.yaml > $OUT/airgapped.yaml
$HELM template spin-operator $CHART --namespace spin-operator --set webhooks.certManager.enabled=true > $OUT/cert-manager.yaml
grep -q 'image: "mirror.example.internal:5000/spinkube/spin-operator-quarkus@sha256:' $OUT/airgapped.yaml \
  || { echo "air-gapped values did not produce a digest-pinned mirror image"; exit 1; }
grep -q 'name: mirror-credentials' $OUT/airgapped.yaml || { echo "imagePullSecrets missing"; exit 1; }
echo "-- helm template: native (default) and JVM runtimes"
grep -q '"-XX:MaxRAM=$(MEMORY_LIMIT_BYTES)"' $OUT/default.yaml && grep -q 'resource: limits.memory' $OUT/default.yaml \
  || { echo "native runtime: the heap does not follow the memory limit (-XX:MaxRAM from the Downward API)"; exit 1; }
$HELM template spin-operator $CHART --namespace spin-operator --set runtime=jvm > $OUT/jvm.yaml
grep -q 'image: "ghcr.io/spinkube/spin-operator-quarkus:0.1.0-jvm"' $OUT/jvm.yaml && grep -q JAVA_OPTS_APPEND $OUT/jvm.yaml \
  && ! grep -q -- '-XX:MaxRAM=\|MEMORY_LIMIT_BYTES' $OUT/jvm.yaml || { echo "jvm runtime: wrong image or options"; exit 1; }

echo "-- helm template: several replicas get a PodDisruptionBudget and need leader election"
grep -q 'kind: PodDisruptionBudget' $OUT/default.yaml && { echo "one replica must not get a PodDisruptionBudget"; exit 1; }
$HELM template spin-operator $CHART --namespace spin-operator --set replicaCount=2 > $OUT/replicas.yaml
grep -q 'kind: PodDisruptionBudget' $OUT/replicas.yaml || { echo "replicaCount=2: no PodDisruptionBudget"; exit 1; }
if $HELM template spin-operator $CHART --set replicaCount=2 --set leaderElection.enabled=false >/dev/null 2>&1; then
  echo "replicaCount=2 without leader election was accepted"; exit 1
fi

echo "-- helm template: watchNamespaces limits the webhooks to those namespaces"
sed -n '/^kind: .*WebhookConfiguration/,/^---/p' $OUT/default.yaml | grep -q namespaceSelector \
  && { echo "all namespaces: the webhooks must have no namespaceSelector"; exit 1; }
$HELM template spin-operator $CHART --namespace spin-operator --set 'watchNamespaces={team-a,team-b}' > $OUT/watch.yaml
[ "$(sed -n '/^kind: .*WebhookConfiguration/,/^---/p' $OUT/watch.yaml | grep -c -- '- team-b')" = 3 ] \
  || { echo "watchNamespaces: not every webhook selects them"; exit 1; }

echo "-- values.schema.json refuses wrong values"
if $HELM template spin-operator $CHART --set replicaCount=three >/dev/null 2>$OUT/refused.txt; then
  echo "replicaCount=three was accepted"; exit 1
fi
grep -qi "replicaCount" $OUT/refused.txt && echo "   refused: $(grep -i replicaCount $OUT/refused.txt | head -1)"
if $HELM template spin-operator $CHART --set image.digest=latest >/dev/null 2>&1; then
  echo "image.digest=latest was accepted"; exit 1
fi
# The young generation is a share of the heap: a value with the old fixed size's name is refused, naming it,
# rather than ignored
if $HELM template spin-operator $CHART --set native.youngGenerationMiB=16 >/dev/null 2>$OUT/refused.txt; then
  echo "native.youngGenerationMiB (replaced by youngGenerationPercent) was accepted"; exit 1
fi
grep -q "youngGenerationMiB" $OUT/refused.txt || { echo "the refusal does not name youngGenerationMiB:"; cat $OUT/refused.txt; exit 1; }
if $HELM template spin-operator $CHART --set native.youngGenerationPercent=80 >/dev/null 2>&1; then
  echo "native.youngGenerationPercent=80 (more than half the heap) was accepted"; exit 1
fi
grep -q -- '"-XX:MaximumYoungGenerationSizePercent=17"' $OUT/default.yaml \
  || { echo "native runtime: the young generation is not a share of the heap"; exit 1; }

echo "-- Kubernetes schema validation"
for f in $OUT/default.yaml $OUT/airgapped.yaml $OUT/cert-manager.yaml $OUT/jvm.yaml $OUT/replicas.yaml $OUT/watch.yaml; do $VALIDATE $f; done
$VALIDATE deploy/
$VALIDATE target/bundle/spin-operator/manifests/
echo "-- the objects the operator renders for every sample (what it would apply) are valid Kubernetes objects"
java -jar target/quarkus-app/quarkus-run.jar render --with-ca-bundle samples/ > $OUT/rendered-samples.yaml
$VALIDATE $OUT/rendered-samples.yaml
echo "packaging checks passed"
