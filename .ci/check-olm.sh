#!/usr/bin/env bash
# The OLM bundle the build writes (target/bundle/spin-operator) through the real validators: operator-sdk's
# `bundle validate` (built from its Go module by .ci/olm/build.sh, pinned in .ci/olm/operator-sdk/go.mod) with the
# optional validators an OperatorHub/OpenShift catalog runs. Fails on any error, on anything the validator prints
# besides its report (it prints some failures, e.g. a CSV it cannot decode, and still says "passed"), and on any
# warning that docs/install.md ("OLM and OpenShift", "What the validators say") does not explain.
#   usage: .ci/check-olm.sh [BUNDLE_DIR]   (default target/bundle/spin-operator; run ./mvnw package first)
#          .ci/check-olm.sh --self-test    the check refuses broken copies of the bundle (it can fail)
set -euo pipefail
cd "$(dirname "$0")/.."
self_test=false
[ "${1:-}" = --self-test ] && { self_test=true; shift; }
bundle=${1:-target/bundle/spin-operator}
[ -f "$bundle/metadata/annotations.yaml" ] || { echo "no OLM bundle at $bundle: run ./mvnw package first" >&2; exit 1; }
sdk=$(.ci/olm/build.sh operator-sdk)/operator-sdk
echo "   $("$sdk" version | cut -d, -f1)"

# Warnings explained in docs/install.md: the multiarch validator inspects the operator image with a container engine
# (there is none on the build machines, and the image is not pushed at build time); the community validator says it
# is deprecated in favour of an external one.
explained='unable to inspect the image|missing a node affinity configuration for the image|missing or invalid node affinity configuration for the image|Community Operator bundle validator is deprecated'

# validate NAME DIR [FLAGS...]: one run; prints what it found, returns 1 on an error or an unexplained warning
validate() {
  local name=$1 dir=$2; shift 2
  local out err rc=0
  out=$(mktemp) err=$(mktemp)
  "$sdk" bundle validate "$dir" -o json-alpha1 "$@" >"$out" 2>"$err" || rc=$?
  python3 - "$name" "$out" "$err" "$rc" "$explained" <<'PY'
import json, re, sys
name, out, err, rc, explained = sys.argv[1], open(sys.argv[2]).read(), open(sys.argv[3]).read(), int(sys.argv[4]), sys.argv[5]
start = out.find("{")
problems, notes = [], []
extra = out[:start].strip() if start >= 0 else out.strip()
if extra:
    problems.append("printed besides its report: " + extra.replace("\n", " | "))
try:
    report = json.loads(out[start:]) if start >= 0 else None
except ValueError as e:
    report = None
if report is None:
    problems.append("no JSON report (exit %d): %s" % (rc, err.strip()[-500:]))
else:
    if not report.get("passed") or rc != 0:
        problems.append("did not pass (exit %d)" % rc)
    seen = set()
    for o in report.get("outputs") or []:
        msg = o.get("message", "")
        if (o.get("type"), msg) in seen:
            continue
        seen.add((o.get("type"), msg))
        if o.get("type") == "error":
            problems.append("error: " + msg)
        elif o.get("type") == "warning":
            (notes if re.search(explained, msg) else problems).append("warning: " + msg)
# the validator's own log lines (stderr): warnings there count as well
for line in err.splitlines():
    m = re.search(r'level=(warning|error) msg="(.*)"', line)
    if m:
        (notes if m.group(1) == "warning" and re.search(explained, m.group(2)) else problems).append(m.group(1) + ": " + m.group(2))
status = "FAIL" if problems else "ok"
print("   %-28s %s (%d explained warning(s))" % (name, status, len(notes)))
for n in notes:
    print("      explained " + n[:220])
for p in problems:
    print("      " + p[:400])
sys.exit(1 if problems else 0)
PY
}

# every validator that applies: the defaults, the operatorframework suite (operatorhubv2, capabilities, categories,
# good-practices, deprecated APIs for minKubeVersion), the community checks with the bundle image's labels, the
# deprecated APIs of the newest Kubernetes the tests run, and the multiple-architectures checks
check() {
  local dir=$1 failed=0
  validate "default" "$dir" || failed=1
  validate "suite=operatorframework" "$dir" --select-optional suite=operatorframework || failed=1
  validate "name=community" "$dir" --select-optional name=community \
    --optional-values="index-path=$dir/bundle.Dockerfile" || failed=1
  validate "deprecated-apis k8s 1.37" "$dir" --select-optional name=alpha-deprecated-apis \
    --optional-values=k8s-version=1.37 || failed=1
  validate "name=multiarch" "$dir" --select-optional name=multiarch || failed=1
  return $failed
}

if ! $self_test; then
  echo "== operator-sdk bundle validate $bundle"
  check "$bundle"
  echo "   no error, every warning explained in docs/install.md"
  exit 0
fi

# --self-test: three broken copies, each must be refused
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
csv=manifests/spin-operator.clusterserviceversion.yaml
refused=0
broken() { # NAME SED_EXPRESSION
  rm -rf "$work/b" && cp -r "$bundle" "$work/b" && sed -i "$2" "$work/b/$csv"
  echo "-- broken copy: $1"
  if check "$work/b"; then echo "   NOT refused: the check cannot fail on '$1'" >&2; exit 1; fi
  refused=$((refused + 1))
}
broken "minKubeVersion not a version" 's/^  minKubeVersion: .*/  minKubeVersion: one.29/'
broken "a number where the CSV wants a string" 's/prometheus.io\/port: "8080"/prometheus.io\/port: 8080/'
broken "a grant of the removed events.k8s.io API" '0,/^            - apiGroups:$/s//            - apiGroups:\n                - events.k8s.io\n              resources:\n                - events\n              verbs:\n                - create\n            - apiGroups:/'
echo "   self-test: $refused broken bundles refused"
