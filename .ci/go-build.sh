# Sourced by .ci/k8s/build.sh and .ci/olm/build.sh: the one way this project builds a command from a pinned Go module.
# go_build MODULE_DIR OUT_DIR PACKAGE[=NAME]...: builds each package's command into OUT_DIR (as NAME, by default the
# package's last path element) unless it is there already, with
# build tags $TAGS and the linker flags $LDX (the -X flags that stamp versions, as each project's release build does);
# says what it builds and how long it took.
go_build() {
  local mod=$1 out=$2; shift 2
  local pkg name start
  mkdir -p "$out"
  for pkg in "$@"; do
    name=${pkg##*/}; name=${name#*=}; pkg=${pkg%=*}
    [ -x "$out/$name" ] && continue
    echo "-- building $name from $pkg (module ${mod##*/}) into $out; a cold build takes minutes on 2 cores" >&2
    start=$(date +%s)
    (cd "$mod" && CGO_ENABLED=0 GOFLAGS=-mod=readonly go build -trimpath -tags "${TAGS:-}" -ldflags "-s -w ${LDX:-}" \
      -o "$out/$name.tmp" "$pkg")
    mv "$out/$name.tmp" "$out/$name"
    echo "   $name built in $(( $(date +%s) - start )) s ($(du -h "$out/$name" | cut -f1))" >&2
  done
}
