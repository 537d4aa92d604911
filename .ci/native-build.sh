#!/usr/bin/env bash
# Builds the native executable target/spin-operator-*-runner with the svm-kit (a GRAALVM_HOME assembled from
# GraalVM's builder jars on Maven Central and the machine's Temurin 25, see the kit's README), for machines
# without a GraalVM/Mandrel distribution. With GRAALVM_HOME already set (a real GraalVM or Mandrel), it uses that.
# Extra arguments go to Maven (e.g. -Dnative to also run the integration tests).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${GRAALVM_HOME:-}" ]; then
  KIT="${SHARED_DIR:-$PWD/../shared}/native"
  [ -x "$KIT/install.sh" ] || KIT=/work/shared/native
  [ -x "$KIT/install.sh" ] || { echo "no GRAALVM_HOME and no svm-kit (set SHARED_DIR)"; exit 1; }
  [ -x target/graalvm/bin/native-image ] || "$KIT/install.sh" target/graalvm
  export GRAALVM_HOME="$PWD/target/graalvm"
fi
echo "-- native-image: $("$GRAALVM_HOME/bin/native-image" --version | head -1)"
./mvnw -B -ntp package -DskipTests -Dquarkus.native.enabled=true "$@"
