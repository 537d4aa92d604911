#!/usr/bin/env bash
# One command for all the figures:   bench/run.sh                      (BENCH_QUICK=1: a smoke run of a minute)
# Compare two builds in one run:     bench/run.sh DIR_A DIR_B          (two target/quarkus-app directories)
# Compare two JVM settings:          BENCH_JAVA_OPTS="..." BENCH_JAVA_OPTS_B="..." bench/run.sh
# Prints the pure core's throughput (JMH), then start-up, RSS, convergence of N new SpinApps, API requests and
# writes per app, and idle writes, against KUBECONFIG's cluster or the mock API server; with two variants, each
# figure of B as a ratio of A's.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=..
JAR_B=${2:-}
if [ -n "${1:-}" ]; then
  JAR_A=$1
elif [ -n "${KUBECONFIG:-}" ]; then
  JAR_A=$ROOT/target/quarkus-app
  [ -f "$JAR_A/quarkus-run.jar" ] || (echo "== building the operator"; cd $ROOT && ./mvnw -B -q package -DskipTests)
else
  # The mock API server has no server-side apply, and SSA is fixed when Quarkus builds the app: the figures
  # against the mock come from a build with SSA off (the same code path the tests run), in target/bench-app.
  JAR_A=$ROOT/target/bench-app
  echo "== building the operator with server-side apply off, for the mock API server (target/bench-app)"
  (cd $ROOT && ./mvnw -B -q package -DskipTests -Dquarkus.operator-sdk.enable-ssa=false \
      -Dquarkus.package.output-directory=bench-app -Dquarkus.operator-sdk.bundle.enabled=false)
fi
echo "== building the harness"
$ROOT/mvnw -B -q -f pom.xml package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt \
  -Doperator.jar="$(cd "$JAR_A" && pwd)/app/spin-operator-0.1.0-SNAPSHOT.jar" >/dev/null
CP="target/classes:$(cat target/classpath.txt)"
mkdir -p out

echo "== machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1), commit $(git -C $ROOT rev-parse --short HEAD)"
if [ "${BENCH_QUICK:-0}" = 1 ]; then
  JMH="-f 1 -wi 1 -w 1s -i 2 -r 1s"; SIZES=20; IDLE=5
else
  JMH="-f 1 -wi 3 -w 2s -i 5 -r 2s"; SIZES=${BENCH_SIZES:-100,1000}; IDLE=${BENCH_IDLE_SECONDS:-60}
fi
if [ -z "$JAR_B" ]; then
  echo "== pure core throughput (JMH: $JMH)"
  java -cp "$CP" org.openjdk.jmh.Main CoreBenchmark $JMH -rf text -rff target/jmh.txt 2>&1 | grep -E "^(Benchmark|CoreBenchmark)" || true
fi

cluster() { # label jar-dir java-opts
  echo "== operator $1 against an API server (N = $SIZES, idle window ${IDLE}s)"
  BENCH_JAVA_OPTS="$3" java -cp "$CP" dev.spinkube.bench.ClusterBench "$2/quarkus-run.jar" "$SIZES" "$IDLE" | tee "out/$1.txt"
}
cluster A "$JAR_A" "${BENCH_JAVA_OPTS:-}"
if [ -n "$JAR_B" ] || [ -n "${BENCH_JAVA_OPTS_B+x}" ]; then
  cluster B "${JAR_B:-$JAR_A}" "${BENCH_JAVA_OPTS_B:-${BENCH_JAVA_OPTS:-}}"
  echo
  echo "| figure | A | B | B/A |"
  echo "|---|---|---|---|"
  # join the two tables on the figure's name; the ratio of the leading numbers
  awk -F' \\| ' '/^\| / && !/^\| figure/ { key=$1; sub(/^\| /, "", key); val=$2; sub(/ \|$/, "", val)
      if (FILENAME ~ /A.txt$/) { a[key]=val; order[++n]=key } else { b[key]=val } }
    END { for (i=1; i<=n; i++) { k=order[i]; ra=a[k]+0; rb=b[k]+0
      printf "| %s | %s | %s | %s |\n", k, a[k], b[k], (ra != 0 ? sprintf("%.2f", rb/ra) : "-") } }' out/A.txt out/B.txt
fi
