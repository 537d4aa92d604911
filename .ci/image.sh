#!/usr/bin/env bash
# Builds the operator image (src/main/docker/Dockerfile.native) from the native executable in target/ with podman,
# offline: no image registry is reachable here, so both base images are made locally from Debian's packages and
# passed as build arguments (the Dockerfile's defaults are the public bases users build on).
#   base    glibc, zlib and the CA certificates, nothing else (no shell, no package manager): what the executable
#           runs on, no more than the public base (ubi9-micro with glibc, zlib, libstdc++) holds
#   staging a Debian minbase (shell, coreutils): the Dockerfile's first stage only renames the executable
# Both are cached (podman image exists): a rerun takes seconds. The native executable comes from .ci/native-build.sh.
# The last line on stdout is the image's name; ImageIT starts it as deploy/'s pod runs it:
#   .ci/image.sh && ./mvnw -B -ntp failsafe:integration-test failsafe:verify -Dit.test=ImageIT \
#       -Doperator.image=localhost/spin-operator:native
# Environment: IMAGE (default localhost/spin-operator:native), SUITE (default: this machine's Debian release, so
# the base's glibc is at least the one the executable was linked against).
set -euo pipefail
cd "$(dirname "$0")/.."
IMAGE=${IMAGE:-localhost/spin-operator:native}
# shellcheck disable=SC1091
SUITE=${SUITE:-$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")}
# The runtime base: these packages' files, the CA bundle, /etc/passwd and /etc/group, an empty /tmp.
RUNTIME_PACKAGES="libc6 zlib1g"

missing=()
for tool in podman runc mmdebstrap; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "-- installing ${missing[*]} (Debian packages)" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman runc mmdebstrap >/dev/null
fi

# What this machine allows: crun fails on its cgroup setup (runc works), and no limit may be raised above the
# current one (nofile 1024 and nproc 1000, or lower if the shell has less).
podman_() { podman --runtime runc "$@"; }
nofile=$(ulimit -n); nproc=$(ulimit -u)
[ "$nofile" = unlimited ] || [ "$nofile" -gt 1024 ] && nofile=1024
[ "$nproc" = unlimited ] || [ "$nproc" -gt 1000 ] && nproc=1000
ULIMITS=(--ulimit "nofile=$nofile:$nofile" --ulimit "nproc=$nproc:$nproc")

key=$(echo "$SUITE $RUNTIME_PACKAGES v1" | sha256sum | cut -c1-8)
STAGING=localhost/spin-operator-base:$SUITE-minbase-$key
BASE=localhost/spin-operator-base:$SUITE-runtime-$key
if podman image exists "$STAGING" && podman image exists "$BASE"; then
  echo "-- local bases $BASE and $STAGING (cached)" >&2
else
  work=$(mktemp -d /tmp/spin-operator-base.XXXXXX)
  trap 'rm -rf "$work"' EXIT
  # this machine's apt sources (the same Debian mirror apt-get uses); mmdebstrap reads no standard input then
  sources=/etc/apt/sources.list.d/debian.sources
  [ -f "$sources" ] || sources=/etc/apt/sources.list
  echo "-- mmdebstrap: a Debian $SUITE minbase with ca-certificates and zlib (about 2 minutes)" >&2
  t0=$(date +%s)
  mmdebstrap --quiet --variant=minbase --include=ca-certificates,zlib1g "$SUITE" "$work/minbase.tar" "$sources" \
    </dev/null >&2
  echo "   $(( $(date +%s) - t0 )) s" >&2
  podman import --quiet "$work/minbase.tar" "$STAGING" >/dev/null
  # the runtime base: only the files of RUNTIME_PACKAGES (paths made canonical: /lib is a link to /usr/lib) and
  # the CA certificates, taken from the same root filesystem
  mkdir "$work/root"
  tar -C "$work/root" -xf "$work/minbase.tar"
  root=$(cd "$work/root" && pwd -P)
  canonical() { # PATH inside root -> the same path with its directories' links resolved, relative to root
    local dir; dir=$(cd "$root$(dirname "$1")" 2>/dev/null && pwd -P) || return 0
    dir=${dir#"$root"}
    echo "${dir#/}${dir:+/}$(basename "$1")" | sed 's#^/##'
  }
  {
    # shellcheck disable=SC2086
    dpkg-query --admindir="$root/var/lib/dpkg" -L $RUNTIME_PACKAGES | grep -v '^/\.$' | grep -v '^/usr/share/doc'
    find "$root/etc/ssl/certs" "$root/usr/share/ca-certificates" | sed "s#^$root##"
    printf '%s\n' /etc /etc/passwd /etc/group /etc/nsswitch.conf /etc/os-release /usr/lib/os-release /etc/ssl
  } | while read -r path; do
    [ -e "$root$path" ] || [ -L "$root$path" ] || continue
    rel=$(canonical "$path")
    # the parent directories, so that each exists in the image with its own mode
    d=$(dirname "$rel"); while [ "$d" != . ]; do echo "$d"; d=$(dirname "$d"); done
    echo "$rel"
  done > "$work/list"
  # the merged-/usr links (bin, lib, lib64, sbin -> usr/...) and an empty /tmp
  for l in bin lib lib64 sbin; do [ -L "$root/$l" ] && echo "$l"; done >> "$work/list"
  echo tmp >> "$work/list"
  sort -u "$work/list" > "$work/files"
  tar -C "$root" --no-recursion -cf "$work/runtime.tar" -T "$work/files"
  podman import --quiet "$work/runtime.tar" "$BASE" >/dev/null
  echo "-- local bases: $BASE ($(wc -l < "$work/files") files) and $STAGING" >&2
fi

ls target/*-runner >/dev/null 2>&1 || { echo "no target/*-runner: run .ci/native-build.sh first" >&2; exit 1; }
previous=$(podman image inspect --format '{{.Id}}' "$IMAGE" 2>/dev/null || true)
echo "-- podman build -f src/main/docker/Dockerfile.native -t $IMAGE (base $BASE)" >&2
podman_ build --runtime runc --layers=false --network none "${ULIMITS[@]}" --quiet \
  --build-arg "STAGING_IMAGE=$STAGING" --build-arg "BASE_IMAGE=$BASE" \
  -f src/main/docker/Dockerfile.native -t "$IMAGE" . >/dev/null
# the image this build replaced, now without a name (kept while a container uses it)
if [ -n "$previous" ] && [ "$previous" != "$(podman image inspect --format '{{.Id}}' "$IMAGE")" ]; then
  podman rmi "$previous" >/dev/null 2>&1 || true
fi
mib() { awk -v b="$1" 'BEGIN { printf "%.1f MiB", b / 1048576 }'; }
echo "-- image $IMAGE: $(mib "$(podman image inspect --format '{{.Size}}' "$IMAGE")")" \
     "(base $(mib "$(podman image inspect --format '{{.Size}}' "$BASE")"), executable and libraries" \
     "$(mib "$(cat target/*-runner target/*.so 2>/dev/null | wc -c)"))" >&2
echo "$IMAGE"
