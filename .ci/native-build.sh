#!/usr/bin/env bash
# Builds the native executable target/spin-operator-*-runner. With GRAALVM_HOME set (a GraalVM or Mandrel) it uses
# that; otherwise the svm-kit (a GRAALVM_HOME assembled from GraalVM's builder jars on Maven Central and the
# machine's Temurin 25, see its README), installed once per kit version into $SPIN_NATIVE_CACHE/graalvm-<hash>.
# The kit is looked up in $SHARED_DIR/native, ../shared/native next to the clone, then /work/shared/native.
# Arguments replace the Maven goals: default "package -DskipTests"; "verify -Dnative" also runs the integration
# tests against the executable.
#
# A native build takes about 4 minutes on 2 cores (3.5 of them in the builder), more on a busy machine, so the
# executable is cached too, in $SPIN_NATIVE_CACHE (default ~/.cache/spin-operator/native)/runner-<hash>/, the hash
# taken over everything it is built from: src/ but its tests, pom.xml, .mvn, this script, the builder's version and
# the -Dquarkus.* arguments.
# Same inputs, same executable: Quarkus then reuses it (quarkus.native.reuse-existing) and the rest of the build and
# the tests run as usual.
# SPIN_NATIVE_REBUILD=1 builds it anyway.
#
# A GraalVM build links with -Wl,-x (-H:+DeleteLocalSymbols, on by default): its executable has no local symbols. The
# svm-kit's own linker ignores that option and keeps them (76,000 symbols, 5.9 MiB of the file, never mapped), so with
# the kit this script drops them after the build as GraalVM's link does (strip --discard-all). Profiling with perf
# wants them: SPIN_NATIVE_LOCAL_SYMBOLS=1 keeps them (cached apart).
set -euo pipefail
cd "$(dirname "$0")/.."
cache=${SPIN_NATIVE_CACHE:-$HOME/.cache/spin-operator/native}
mkdir -p "$cache"
kit=0
if [ -z "${GRAALVM_HOME:-}" ]; then
  kit=1
  for KIT in "${SHARED_DIR:-$PWD/../shared}/native" /work/shared/native; do [ -x "$KIT/install.sh" ] && break; done
  [ -x "$KIT/install.sh" ] || { echo "no GRAALVM_HOME and no svm-kit (set SHARED_DIR)" >&2; exit 1; }
  kit_hash=$( (cd "$KIT" && find . -type f -print0 | sort -z | xargs -0 sha256sum) | sha256sum | cut -c1-16)
  export GRAALVM_HOME="$cache/graalvm-$kit_hash"
  if [ ! -x "$GRAALVM_HOME/bin/native-image" ]; then
    echo "-- installing the svm-kit into $GRAALVM_HOME (once per kit version)"
    rm -rf "$GRAALVM_HOME.partial"
    "$KIT/install.sh" "$GRAALVM_HOME.partial"
    mv "$GRAALVM_HOME.partial" "$GRAALVM_HOME"
  fi
fi
builder=$("$GRAALVM_HOME/bin/native-image" --version | head -1)
echo "-- $builder"
if [ $# -eq 0 ]; then set -- package -DskipTests; fi

# Quarkus properties given on the command line change the executable too (e.g. -Dquarkus.native.additional-build-args)
quarkus_args=$(printf '%s\n' "$@" | grep '^-Dquarkus\.' || true)
inputs=$( { find src pom.xml .mvn .ci/native-build.sh -path src/test -prune -o -type f -print0 | sort -z | xargs -0 sha256sum
            echo "$builder local-symbols=${SPIN_NATIVE_LOCAL_SYMBOLS:-0} $quarkus_args"; } | sha256sum | cut -c1-16)
saved="$cache/runner-$inputs"
reuse=()
if [ "${SPIN_NATIVE_REBUILD:-0}" != 1 ] && [ -d "$saved" ]; then
  echo "-- the executable of these inputs is cached ($saved): reused, not rebuilt"
  mkdir -p target
  cp -p "$saved"/* target/
  reuse=(-Dquarkus.native.reuse-existing=true)
fi
./mvnw -B -ntp "$@" -Dquarkus.native.enabled=true "${reuse[@]}"

if [ ${#reuse[@]} -eq 0 ] && ls target/*-runner >/dev/null 2>&1; then
  if [ "$kit" = 1 ] && [ "${SPIN_NATIVE_LOCAL_SYMBOLS:-0}" != 1 ]; then
    before=$(stat -c %s target/*-runner)
    strip --discard-all target/*-runner
    echo "-- local symbols dropped as GraalVM's link does: $before -> $(stat -c %s target/*-runner) bytes"
  fi
  rm -rf "$saved.partial" && mkdir -p "$saved.partial"
  cp -p target/*-runner target/*.so "$saved.partial"/ 2>/dev/null || cp -p target/*-runner "$saved.partial"/
  rm -rf "$saved" && mv "$saved.partial" "$saved"
  # keep the three newest executables
  ls -dt "$cache"/runner-* | grep -v '\.partial$' | tail -n +4 | xargs -r rm -rf
  echo "-- cached the executable in $saved"
fi
