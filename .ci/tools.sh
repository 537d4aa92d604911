#!/usr/bin/env bash
# The real clients the install tests (InstallIT, UpgradeIT, SamplesIT) and the packaging checks run as users type
# them: helm v3 and kubectl of the newest pinned Kubernetes, built from their Go modules by .ci/k8s/build.sh (once,
# cached outside the clone), and the kubernetes-models schemas (npm) into .tools/npm for the offline validation.
# Prints the folder that holds helm/helm and kubectl/kubectl.
set -euo pipefail
cd "$(dirname "$0")/.."
TOOLS=.tools/npm
if [ ! -d "$TOOLS/node_modules/kubernetes-models" ] || [ ! -d "$TOOLS/node_modules/yaml" ]; then
  echo "-- installing kubernetes-models and yaml (npm) into $TOOLS" >&2
  mkdir -p "$TOOLS"
  (cd "$TOOLS" && npm install --no-save --no-audit --no-fund --loglevel=error kubernetes-models yaml >/dev/null)
fi
.ci/k8s/build.sh tools | tail -1
