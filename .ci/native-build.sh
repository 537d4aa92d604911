#!/usr/bin/env bash
# Builds the native executable target/spin-operator-*-runner. With GRAALVM_HOME set (a GraalVM or Mandrel) it uses
# that; otherwise the svm-kit (a GRAALVM_HOME assembled from GraalVM's builder jars on Maven Central and the
# machine's Temurin 25, see its README), installed once into target/graalvm. The kit is looked up in
# $SHARED_DIR/native, ../shared/native next to the clone, then /work/shared/native.
# Arguments replace the Maven goals: default "package -DskipTests"; "verify -Dnative" also runs the integration
# tests against the executable.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${GRAALVM_HOME:-}" ]; then
  for KIT in "${SHARED_DIR:-$PWD/../shared}/native" /work/shared/native; do [ -x "$KIT/install.sh" ] && break; done
  [ -x "$KIT/install.sh" ] || { echo "no GRAALVM_HOME and no svm-kit (set SHARED_DIR)" >&2; exit 1; }
  [ -x target/graalvm/bin/native-image ] || "$KIT/install.sh" target/graalvm
  export GRAALVM_HOME="$PWD/target/graalvm"
fi
echo "-- $("$GRAALVM_HOME/bin/native-image" --version | head -1)"
if [ $# -eq 0 ]; then set -- package -DskipTests; fi
./mvnw -B -ntp "$@" -Dquarkus.native.enabled=true
