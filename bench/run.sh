#!/usr/bin/env bash
# Every figure in one run:  bench/run.sh        (about 12 minutes; BENCH_QUICK=1: a smoke run of about 4 minutes)
# The upstream Go operator (built from its pinned module by .ci/upstream/build.sh), then this operator as the JVM jar
# and as the native executable, one after the other, each against a fresh real
# kube-apiserver (.ci/k8s/start.sh: built from Go modules, newest pinned version, on free ports; the API server alone
# unless BENCH_CONTROLLERS=1, so that every write counted is the operator's), installed as deploy/ installs it,
# authenticated with its
# ServiceAccount's token and started with the options its container gets (deploy/03-deployment.yaml).
# It prints: start-up to ready and to the first app converged (one created before each start), RSS; for N new
# SpinApps: time until every Deployment, Service and status exists, API writes per app until the API server is quiet
# (its audit log), time from convergence until quiet, operator CPU seconds, writes per minute at idle, and the size
# on disk; then all side by side, with ours / upstream.
# Upstream is installed with its own CRDs and ClusterRole (from its module) and runs with its default flags but for
# probes on a free port, no metrics, no webhooks, no leader election.
#
#   BENCH_VARIANTS="upstream jvm native"   which to run, in this order (default all three; a missing build is built first)
#   BENCH_UPSTREAM_OPTS               upstream's extra flags (default none)
#   BENCH_RUNNER=PATH              another native executable (default target/spin-operator-*-runner)
#   BENCH_N=1000 BENCH_IDLE_SECONDS=60 BENCH_JMH=0 (skips the pure core's JMH run)
#   BENCH_JAVA_OPTS / BENCH_NATIVE_OPTS   the operator's options (defaults below; the native one: deploy/'s container args)
#   BENCH_MEMORY_LIMIT=192m        the native executable's container memory limit (its heap is half of it)
#   BENCH_API=mock                the fabric8 mock API server instead (JVM only, SSA off: compares builds, not clusters)
#   BENCH_PERF=1                  Linux perf samples each operator's CPU until convergence (bench/out/KIND.perf.*)
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(cd .. && pwd)
K8S=$ROOT/.ci/k8s
export K8S_VERSION=${K8S_VERSION:-newest}
[ "${BENCH_CONTROLLERS:-0}" = 1 ] || export K8S_CONTROLLERS=none
# The container's settings (deploy/, the chart, the OLM bundle), MaxRAM standing for the container's memory limit:
# 256 MiB for the JVM, BENCH_MEMORY_LIMIT (default 192m, as shipped) for the native executable, which takes half of it
# as its heap (docs/install.md "Memory": 128 MiB + 64 KiB per app; 10,000 apps: BENCH_MEMORY_LIMIT=768m).
export BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS-"-XX:MaxRAM=256m -XX:MaxRAMPercentage=60 -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -XX:MaxMetaspaceSize=96m"}
# The native executable's options are read from deploy/'s container args, the memory limit its Downward API gives
# ($(MEMORY_LIMIT_BYTES)) standing as BENCH_MEMORY_LIMIT: what the bench runs is what deploy/ ships.
container_args() {
  awk '/^ *args:/ { f = 1; next } f && /^ *- / { sub(/^ *- "/, ""); sub(/"$/, ""); out = out sep $0; sep = " "; next }
       f { exit } END { print out }' "$ROOT/deploy/03-deployment.yaml"
}
if [ -z "${BENCH_NATIVE_OPTS+set}" ]; then
  BENCH_NATIVE_OPTS=$(container_args)
  BENCH_NATIVE_OPTS=${BENCH_NATIVE_OPTS//'$(MEMORY_LIMIT_BYTES)'/${BENCH_MEMORY_LIMIT:-192m}}
  [[ $BENCH_NATIVE_OPTS == *-XX:MaxRAM=${BENCH_MEMORY_LIMIT:-192m}* && $BENCH_NATIVE_OPTS != *'$('* ]] || {
    echo "bench/run.sh: deploy/03-deployment.yaml's container args should set -XX:MaxRAM=\$(MEMORY_LIMIT_BYTES) and no other variable: '$BENCH_NATIVE_OPTS'" >&2
    exit 1; }
fi
export BENCH_NATIVE_OPTS
if [ "${BENCH_QUICK:-0}" = 1 ]; then
  N=${BENCH_N:-100}; IDLE=${BENCH_IDLE_SECONDS:-5}; JMH=""
else
  N=${BENCH_N:-1000}; IDLE=${BENCH_IDLE_SECONDS:-60}; JMH="-f 1 -wi 3 -w 2s -i 5 -r 2s"
fi
VARIANTS=${BENCH_VARIANTS:-upstream jvm native}

JAR=$ROOT/target/quarkus-app/quarkus-run.jar
if [ "${BENCH_API:-}" = mock ]; then
  # The mock has no server-side apply, and SSA is fixed when Quarkus builds the app: a build with SSA off.
  echo "== building the operator with server-side apply off, for the mock API server (target/bench-app)"
  (cd "$ROOT" && ./mvnw -B -q package -DskipTests -Dquarkus.operator-sdk.enable-ssa=false \
      -Dquarkus.package.output-directory=bench-app -Dquarkus.operator-sdk.bundle.enabled=false)
  JAR=$ROOT/target/bench-app/quarkus-run.jar
  VARIANTS=jvm
fi
[ -f "$JAR" ] || (echo "== building the operator jar"; cd "$ROOT" && ./mvnw -B -q package -DskipTests)
RUNNER=${BENCH_RUNNER:-$(ls "$ROOT"/target/spin-operator-*-runner 2>/dev/null | head -1 || true)}
if [[ " $VARIANTS " == *" native "* ]] && [ -z "$RUNNER" ]; then
  echo "== building the native executable (.ci/native-build.sh)"
  "$ROOT/.ci/native-build.sh" -q package -DskipTests
  RUNNER=$(ls "$ROOT"/target/spin-operator-*-runner | head -1)
fi

UPSTREAM=""
if [[ " $VARIANTS " == *" upstream "* ]]; then
  echo "== the upstream Go operator (.ci/upstream/build.sh: built once from its pinned module, then cached)"
  { read -r UPSTREAM; read -r UPSTREAM_MODULE; } < <("$ROOT/.ci/upstream/build.sh")
fi

echo "== building the harness"
mkdir -p target
if ! ../mvnw -B -q -f pom.xml package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt \
  -Doperator.jar="$(dirname "$JAR")/app/spin-operator-0.1.0-SNAPSHOT.jar" > target/harness-build.log 2>&1; then
  cat target/harness-build.log >&2
  echo "bench: the harness (bench/pom.xml) did not build; Maven's output is above" >&2
  exit 1
fi
CP="target/classes:$(cat target/classpath.txt)"
mkdir -p out
echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg)," \
  "$(java -version 2>&1 | head -1), commit $(git -C "$ROOT" rev-parse --short HEAD)"
[ "${BENCH_JMH:-1}" = 1 ] || JMH=""
if [ -n "$JMH" ]; then
  echo "== pure core throughput (JMH: $JMH)"
  java -cp "$CP" org.openjdk.jmh.Main CoreBenchmark $JMH -rf text -rff target/jmh.txt 2>&1 | grep -E "^(Benchmark|CoreBenchmark)" || true
fi

K8S_DIR=$ROOT/target/bench-k8s
stop_api() { [ "${BENCH_API:-}" = mock ] || "$K8S/stop.sh" "$K8S_DIR" >/dev/null 2>&1 || true; }
trap stop_api EXIT

for v in $VARIANTS; do
  case $v in native) OPERATOR=$RUNNER ;; upstream) OPERATOR=$UPSTREAM ;; *) OPERATOR=$JAR ;; esac
  if [ "${BENCH_API:-}" != mock ]; then
    stop_api
    echo "== a fresh kube-apiserver (.ci/k8s/start.sh, Kubernetes $K8S_VERSION), its audit log counts the writes"
    export BENCH_AUDIT_LOG=$K8S_DIR/audit.log
    rm -f "$BENCH_AUDIT_LOG"
    export K8S_APISERVER_FLAGS="--audit-policy-file=$PWD/audit-policy.yaml --audit-log-path=$BENCH_AUDIT_LOG --audit-log-format=json --audit-log-maxsize=0"
    KUBECONFIG=$("$K8S/start.sh" "$K8S_DIR" | tail -1)
    export KUBECONFIG
    # installed as deploy/ installs it; the operator authenticates with its ServiceAccount's token, as in a cluster
    export BENCH_OPERATOR_KUBECONFIG=$K8S_DIR/operator-kubeconfig
    if [ "$v" = upstream ]; then
      java -cp "$CP" dev.spinkube.bench.Install "$BENCH_OPERATOR_KUBECONFIG" "$UPSTREAM_MODULE"/config/crd/bases/*.yaml \
        upstream-install.yaml "$UPSTREAM_MODULE/config/rbac/role.yaml"
    else
      java -cp "$CP" dev.spinkube.bench.Install "$BENCH_OPERATOR_KUBECONFIG" "$ROOT"/target/kubernetes/*.core.spinkube.dev-v1.yml \
        "$ROOT/deploy/00-namespace.yaml" "$ROOT/deploy/02-rbac.yaml"
    fi
  fi
  echo "== $v operator, $N new SpinApps, idle window ${IDLE}s"
  java -cp "$CP" dev.spinkube.bench.ClusterBench "$OPERATOR" "$N" "$IDLE" | tee "out/$v.txt"
done
stop_api

if [ "$(echo $VARIANTS | wc -w)" -gt 1 ]; then
  echo
  java -cp "$CP" dev.spinkube.bench.Compare $(for v in $VARIANTS; do echo "$v=out/$v.txt"; done)
fi
