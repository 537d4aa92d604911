#!/usr/bin/env bash
# One command for all the figures: bench/run.sh   (BENCH_QUICK=1 for a smoke run of a minute)
# Prints the pure core's throughput (JMH), then start-up, RSS, convergence of N new SpinApps, API
# requests and writes per app, and idle writes, against KUBECONFIG's cluster or the mock API server.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=..
JAR_DIR=${1:-$ROOT/target/quarkus-app}
if [ ! -f "$JAR_DIR/quarkus-run.jar" ]; then
  echo "== building the operator"
  (cd $ROOT && ./mvnw -B -q package -DskipTests)
fi
echo "== building the harness"
$ROOT/mvnw -B -q -f pom.xml package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt \
  -Doperator.jar="$(cd "$JAR_DIR" && pwd)/app/spin-operator-0.1.0-SNAPSHOT.jar" >/dev/null
CP="target/classes:$(cat target/classpath.txt)"

echo "== machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1), commit $(git -C $ROOT rev-parse --short HEAD)"
if [ "${BENCH_QUICK:-0}" = 1 ]; then
  JMH="-f 1 -wi 1 -w 1s -i 2 -r 1s"; SIZES=20; IDLE=5
else
  JMH="-f 1 -wi 3 -w 2s -i 5 -r 2s"; SIZES=${BENCH_SIZES:-100,1000}; IDLE=${BENCH_IDLE_SECONDS:-60}
fi
echo "== pure core throughput (JMH: $JMH)"
java -cp "$CP" org.openjdk.jmh.Main CoreBenchmark $JMH -rf text -rff target/jmh.txt 2>&1 | grep -E "^(Benchmark|CoreBenchmark)" || true
echo "== operator process against an API server (N = $SIZES, idle window ${IDLE}s)"
java -cp "$CP" dev.spinkube.bench.ClusterBench "$JAR_DIR/quarkus-run.jar" "$SIZES" "$IDLE"
