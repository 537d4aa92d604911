#!/usr/bin/env bash
# The OLM bundle installed, used and upgraded by the real Operator Lifecycle Manager on the test control plane:
#  - a control plane of .ci/k8s/start.sh (kwok's node runs the pods: no container runs, they turn Ready);
#  - OLM v0's CRDs, its olm and catalog operators as processes (operator-lifecycle-manager v0.45.0, built from its Go
#    module by .ci/olm/build.sh);
#  - a file-based catalog rendered by opm (operator-registry v1.72.0) from the bundle the build wrote, served by
#    `opm serve` on loopback; a CatalogSource with spec.address, an OperatorGroup, a Subscription;
#  - the CSV must reach Succeeded (OLM created the RBAC, the Deployment, the webhook Service, certificate and
#    configurations); then the packaged operator runs as OLM's pod would: a token of the ServiceAccount OLM created,
#    the CSV Deployment's environment, the certificate OLM generated; a SpinApp must turn Ready with no 403 in the log;
#  - an upgrade to a second bundle (replaces the first, a changed CRD and Deployment) through the same catalog: the
#    new CSV Succeeded, the old one gone, the CRD updated, and the app's Deployment pod template untouched.
#   usage: .ci/check-olm-install.sh [BUNDLE_DIR]   (default target/bundle/spin-operator; run ./mvnw package first)
#   OLM_E2E_DIR: work folder (default target/olm-e2e): logs of every process, the catalog, phases.txt
#          .ci/check-olm-install.sh --self-test   the check fails on a bundle whose CSV forgets the grant on Secrets
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
if [ "${1:-}" = --self-test ]; then
  shift
  src=$(cd "${1:-target/bundle/spin-operator}" && pwd)
  st=$root/target/olm-e2e-self-test
  rm -rf "$st" && mkdir -p "$st" && cp -r "$src" "$st/bundle"
  python3 - "$st/bundle" <<'PY'
import glob, sys, yaml
f = glob.glob(sys.argv[1] + "/manifests/*.clusterserviceversion.yaml")[0]
csv = yaml.safe_load(open(f))
for p in csv["spec"]["install"]["spec"]["clusterPermissions"]:
    p["rules"] = [r for r in p["rules"] if "secrets" not in r.get("resources", [])]
yaml.safe_dump(csv, open(f, "w"), sort_keys=False)
PY
  echo "-- self-test: a bundle whose CSV grants nothing on Secrets (the operator writes the apps' runtime-config and CA Secrets)"
  if OLM_E2E_DIR=$st/run "$0" "$st/bundle" > "$st/out.log" 2>&1; then
    cat "$st/out.log"; echo "   NOT refused: the OLM install check passed a bundle without the Secrets grant" >&2; exit 1
  fi
  tail -4 "$st/out.log" | sed 's/^/   | /'
  echo "   self-test: refused"
  exit 0
fi
bundle=$(cd "${1:-target/bundle/spin-operator}" && pwd)
work=${OLM_E2E_DIR:-$root/target/olm-e2e}
rm -rf "$work" && mkdir -p "$work"
t0=$(date +%s)
say() { echo "   [$(( $(date +%s) - t0 ))s] $*"; }

olm_bin=$(.ci/olm/build.sh operator-lifecycle-manager)
opm_bin=$(.ci/olm/build.sh operator-registry)
olm_crds=$(cd .ci/olm/operator-lifecycle-manager && GOFLAGS=-mod=readonly go list -m -f '{{.Dir}}' \
  github.com/operator-framework/operator-lifecycle-manager)/deploy/chart/crds
read -r k8s_version k8s_bin < <(.ci/k8s/build.sh newest | tail -1)
kubectl="$k8s_bin/kubectl"

pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  .ci/k8s/stop.sh "$work/k8s" >/dev/null 2>&1 || true
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

export KUBECONFIG
KUBECONFIG=$(.ci/k8s/start.sh "$work/k8s" 2>"$work/k8s-start.log" | tail -1)
k() { "$kubectl" "$@"; }
say "control plane Kubernetes $k8s_version up"

k apply --server-side -f "$olm_crds" >/dev/null
k wait --for condition=established crd --all --timeout=60s >/dev/null
k create namespace olm >/dev/null
k create namespace spin-operator >/dev/null
"$olm_bin/olm" --namespace olm --writeStatusName "" --writePackageServerStatusName "" >"$work/olm.log" 2>&1 &
pids+=($!)
# its health/metrics port is fixed (:8080) and the olm operator holds it: the catalog operator logs that and goes on
"$olm_bin/catalog" --namespace olm --writeStatusName "" --interval 20s >"$work/catalog.log" 2>&1 &
pids+=($!)
say "OLM $("$olm_bin/olm" --version 2>/dev/null | head -1 | tr -s ' \n' ' ')olm and catalog operators started"

# ---- the catalog: opm renders the bundle(s) into a file-based catalog and serves it over gRPC on loopback
catalog_port=$(free_port)
opm_pid=
serve_catalog() { # ENTRIES_YAML BUNDLE_DIR...
  local entries=$1; shift
  rm -rf "$work/catalog" && mkdir -p "$work/catalog/spin-operator"
  local index=$work/catalog/spin-operator/index.yaml
  "$opm_bin/opm" init spin-operator --default-channel=alpha -o yaml > "$index"
  local b
  for b in "$@"; do echo "---" >> "$index"; "$opm_bin/opm" render "$b" -o yaml >> "$index"; done
  printf -- '---\nschema: olm.channel\npackage: spin-operator\nname: alpha\nentries:\n%s\n' "$entries" >> "$index"
  "$opm_bin/opm" validate "$work/catalog"
  if [ -n "$opm_pid" ]; then kill "$opm_pid"; wait "$opm_pid" 2>/dev/null || true; fi
  "$opm_bin/opm" serve "$work/catalog" -p "$catalog_port" >>"$work/opm-serve.log" 2>&1 &
  opm_pid=$!
  pids+=($opm_pid)
  local i
  for i in $(seq 1 120); do
    python3 -c "import socket,sys; s=socket.socket(); sys.exit(s.connect_ex(('127.0.0.1',$catalog_port)))" && return 0
    sleep 0.5
  done
  echo "opm serve did not listen on $catalog_port" >&2; exit 1
}

# the CSV name and version of a bundle
csv_file() { ls "$1"/manifests/*.clusterserviceversion.yaml; }
csv_name() { python3 -c 'import sys,yaml; print(yaml.safe_load(open(sys.argv[1]))["metadata"]["name"])' "$(csv_file "$1")"; }

v1=$(csv_name "$bundle")
serve_catalog "  - name: $v1" "$bundle"
say "catalog with $v1 served by opm on 127.0.0.1:$catalog_port"

k apply -f - >/dev/null <<YAML
apiVersion: operators.coreos.com/v1alpha1
kind: CatalogSource
metadata: {name: spin-operator, namespace: olm}
spec: {sourceType: grpc, address: "127.0.0.1:$catalog_port", displayName: Spin Operator (test catalog)}
---
apiVersion: operators.coreos.com/v1
kind: OperatorGroup
metadata: {name: spin-operator, namespace: spin-operator}
spec: {}
---
apiVersion: operators.coreos.com/v1alpha1
kind: Subscription
metadata: {name: spin-operator, namespace: spin-operator}
spec: {channel: alpha, name: spin-operator, source: spin-operator, sourceNamespace: olm, installPlanApproval: Automatic}
YAML

# wait_csv NAME [OLD]: until the CSV is Succeeded; says every phase it (and the CSV it replaces) was seen in
wait_csv() {
  local name=$1 old=${2:-} phase last= old_phase old_last= i failed_s=0
  for i in $(seq 1 600); do
    phase=$(k get csv "$name" -n spin-operator -o jsonpath='{.status.phase}' 2>/dev/null || true)
    if [ -n "$phase" ] && [ "$phase" != "$last" ]; then say "CSV $name: $phase"; last=$phase; fi
    if [ -n "$old" ]; then
      old_phase=$(k get csv "$old" -n spin-operator -o jsonpath='{.status.phase}' 2>/dev/null || echo gone)
      if [ "$old_phase" != "$old_last" ]; then say "CSV $old: $old_phase"; old_last=$old_phase
        echo "$old: $old_phase (seen during the upgrade)" >> "$work/phases.txt"; fi
    fi
    case "$phase" in
      Succeeded) break ;;
      Failed)
        # During an upgrade OLM v0 can mark the new CSV Failed (RequirementsNotMet, "requirements no longer met")
        # for a moment while the old CSV's deletion takes RBAC both share; it re-checks and reinstalls. Any other
        # failure, or one that lasts two minutes, ends the check.
        if [ -z "$old" ] || [ "$(k get csv "$name" -n spin-operator -o jsonpath='{.status.reason}')" != RequirementsNotMet ] \
          || [ $((failed_s += 1)) -gt 120 ]; then
          k get csv "$name" -n spin-operator -o yaml | sed -n '/^status:/,$p' >&2; exit 1
        fi ;;
    esac
    sleep 1
  done
  [ "$phase" = Succeeded ] || { echo "CSV $name not Succeeded after 600 s (phase '$phase')" >&2;
    k get subscription,installplan,csv -n spin-operator -o yaml | tail -80 >&2; exit 1; }
  # OLM keeps each phase it went through in status.conditions
  k get csv "$name" -n spin-operator -o jsonpath='{range .status.conditions[*]}{.phase}{" ("}{.reason}{")\n"}{end}' \
    | sed "s/^/$name: /" | tee -a "$work/phases.txt" | sed "s/^/      /"
}
wait_csv "$v1"

# ---- what OLM created
sa=$(k get csv "$v1" -n spin-operator -o jsonpath='{.spec.install.spec.deployments[0].spec.template.spec.serviceAccountName}')
k get serviceaccount "$sa" -n spin-operator >/dev/null
k get deployment spin-operator -n spin-operator >/dev/null
whs=$(k get validatingwebhookconfigurations,mutatingwebhookconfigurations -l olm.owner="$v1" -o name | wc -l)
say "OLM created ServiceAccount $sa, Deployment spin-operator (available), $whs webhook configurations"
[ "$whs" -ge 2 ] || { echo "expected the CSV's webhook configurations" >&2; exit 1; }
webhook_versions() { k get validatingwebhookconfigurations,mutatingwebhookconfigurations -l olm.owner="$v1" \
  -o jsonpath='{range .items[*]}{.metadata.name}={.metadata.resourceVersion} {end}'; }
webhooks_before=$(webhook_versions)

# ---- the packaged operator as OLM's pod: its ServiceAccount's token, the Deployment's environment, OLM's certificate
# A refusal in an operator's log: fabric8 and the API server name it Forbidden or give the status code (code=403,
# HTTP 403); a 403 inside a UUID (a lease holder's identity) or a timestamp's milliseconds is not one.
refusals() { grep -n -E '(^|[^0-9a-fA-F,.:-])403([^0-9a-fA-F-]|$)|[Ff]orbidden' "$1"; }
run_operator() { # LOG
  local server ca token certs http
  server=$(k config view --minify -o jsonpath='{.clusters[0].cluster.server}')
  ca=$(k config view --minify --raw -o jsonpath='{.clusters[0].cluster.certificate-authority-data}')
  [ -n "$ca" ] || ca=$(base64 -w0 < "$(k config view --minify -o jsonpath='{.clusters[0].cluster.certificate-authority}')")
  token=$(k create token "$sa" -n spin-operator --duration=2h)
  cat > "$work/operator.kubeconfig" <<KC
apiVersion: v1
kind: Config
clusters: [{name: c, cluster: {server: "$server", certificate-authority-data: "$ca"}}]
users: [{name: u, user: {token: "$token"}}]
contexts: [{name: c, context: {cluster: c, user: u, namespace: spin-operator}}]
current-context: c
KC
  # the webhook serving certificate OLM generated for the CSV, as its pod would find it mounted
  certs=$work/certs && rm -rf "$certs" && mkdir -p "$certs"
  local secret
  secret=$(k get deployment spin-operator -n spin-operator -o json | python3 -c '
import json,sys
d=json.load(sys.stdin)
for v in d["spec"]["template"]["spec"].get("volumes",[]):
    if "secret" in v and v["name"]=="webhook-cert": print(v["secret"]["secretName"])')
  k get secret "$secret" -n spin-operator -o jsonpath='{.data.tls\.crt}' | base64 -d > "$certs/tls.crt"
  k get secret "$secret" -n spin-operator -o jsonpath='{.data.tls\.key}' | base64 -d > "$certs/tls.key"
  # the container's environment as the Deployment OLM created declares it, fieldRefs resolved as the kubelet would
  k get deployment spin-operator -n spin-operator -o json | python3 -c '
import json,sys,shlex
d=json.load(sys.stdin); t=d["spec"]["template"]
for e in t["spec"]["containers"][0].get("env",[]):
    v=e.get("value")
    ref=e.get("valueFrom",{}).get("fieldRef",{}).get("fieldPath")
    if ref=="metadata.namespace": v=d["metadata"]["namespace"]
    elif ref and ref.startswith("metadata.annotations["): v=t["metadata"].get("annotations",{}).get(ref.split("\x27")[1],"")
    print("export %s=%s" % (e["name"], shlex.quote(v or "")))' > "$work/operator.env"
  http=$(free_port) whport=$(free_port)
  (
    cd "$work"
    env -i PATH="$PATH" HOME="$work" bash -c ". ./operator.env
      export KUBECONFIG=$work/operator.kubeconfig POD_NAMESPACE=spin-operator QUARKUS_HTTP_PORT=$http \
        SPIN_OPERATOR_WEBHOOKS_PORT=$whport SPIN_OPERATOR_WEBHOOKS_CERTIFICATE_DIRECTORY=$certs
      exec java -jar $root/target/quarkus-app/quarkus-run.jar"
  ) >"$1" 2>&1 &
  op_pid=$!
  pids+=($op_pid)
  local i
  for i in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:$http/q/health/ready" >/dev/null 2>&1 && { say "packaged operator ready as $sa (webhooks on $whport, OLM's certificate)"; return 0; }
    kill -0 "$op_pid" 2>/dev/null || { tail -30 "$1" >&2; echo "the operator exited" >&2; exit 1; }
    sleep 1
  done
  tail -30 "$1" >&2; echo "the operator did not turn ready" >&2; exit 1
}
run_operator "$work/operator-$v1.log"

k create namespace apps >/dev/null
k apply -n apps -f samples/spin-shim-executor.yaml -f samples/simple.yaml >/dev/null
k wait -n apps spinapp/simple-spinapp --for condition=Ready --timeout=180s >/dev/null
say "SpinApp simple-spinapp Ready ($(k get spinapp simple-spinapp -n apps -o jsonpath='{.status.readyReplicas}') ready replica(s))"
template_before=$(k get deployment simple-spinapp -n apps -o jsonpath='{.spec.template}' | sha256sum)
if refusals "$work/operator-$v1.log"; then echo "the operator was refused something (above)" >&2; exit 1; fi
say "no 403 in the operator's log"

# Admission as OLM set it up: the validating configuration OLM created (its caBundle, service name and path) against
# the operator serving OLM's certificate. The API server itself cannot call it here: it resolves the Service's DNS
# name (spin-operator-service.spin-operator.svc), which has no address on this machine; so the same call is made
# with that name pinned to loopback, trusting only the CA that OLM injected.
vwc=$(k get validatingwebhookconfigurations -l olm.owner="$v1" -o json)
python3 - "$work" "$vwc" <<'PY'
import base64, json, sys
work, cfg = sys.argv[1], json.loads(sys.argv[2])
for item in cfg["items"]:
    for w in item["webhooks"]:
        if "spinapps" in w["rules"][0]["resources"]:
            svc = w["clientConfig"]["service"]
            open(work + "/olm-ca.crt", "wb").write(base64.b64decode(w["clientConfig"]["caBundle"]))
            open(work + "/olm-webhook", "w").write("%s.%s.svc %s\n" % (svc["name"], svc["namespace"], svc["path"]))
review = {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview", "request": {
    "uid": "olm-e2e", "operation": "CREATE", "namespace": "apps",
    "kind": {"group": "core.spinkube.dev", "version": "v1alpha1", "kind": "SpinApp"},
    "resource": {"group": "core.spinkube.dev", "version": "v1alpha1", "resource": "spinapps"},
    "object": {"apiVersion": "core.spinkube.dev/v1alpha1", "kind": "SpinApp",
               "metadata": {"name": "no-executor", "namespace": "apps"},
               "spec": {"image": "example/app:1", "replicas": 1, "executor": "no-such-executor"}}}}
open(work + "/review.json", "w").write(json.dumps(review))
PY
read -r wh_host wh_path < "$work/olm-webhook"
answer=$(curl -sS --cacert "$work/olm-ca.crt" --resolve "$wh_host:$whport:127.0.0.1" -H 'Content-Type: application/json' \
  --data @"$work/review.json" "https://$wh_host:$whport$wh_path")
echo "$answer" | python3 -c 'import json,sys; r=json.load(sys.stdin)["response"]; assert r["allowed"] is False, r; print("      refused: " + r["status"]["message"][:160])'
say "the validating webhook OLM configured ($wh_host$wh_path, OLM's CA) refuses an app with no executor"
[ "$(webhook_versions)" = "$webhooks_before" ] || { echo "the webhook configurations changed while the operator ran:" \
  "$webhooks_before -> $(webhook_versions)" >&2; exit 1; }
say "the operator left OLM's webhook configurations alone (same resourceVersions)"

# ---- upgrade: a second bundle that replaces the first, with a changed CRD (another printer column) and Deployment
v2dir=$work/bundle-v2
rm -rf "$v2dir" && cp -r "$bundle" "$v2dir"
python3 - "$v2dir" "$v1" <<'PY'
import glob, sys, yaml
d, v1 = sys.argv[1], sys.argv[2]
f = glob.glob(d + "/manifests/*.clusterserviceversion.yaml")[0]
csv = yaml.safe_load(open(f))
major, minor, patch = csv["spec"]["version"].split("-")[0].split(".")
version = "%s.%s.%d" % (major, minor, int(patch) + 1)
csv["metadata"]["name"] = "spin-operator.v" + version
csv["spec"]["version"] = version
csv["spec"]["replaces"] = v1
dep = csv["spec"]["install"]["spec"]["deployments"][0]["spec"]["template"]
dep["metadata"]["labels"]["app.kubernetes.io/version"] = version
yaml.safe_dump(csv, open(f, "w"), sort_keys=False)
c = d + "/manifests/spinapps.core.spinkube.dev-v1.crd.yml"
crd = yaml.safe_load(open(c))
for v in crd["spec"]["versions"]:
    v.setdefault("additionalPrinterColumns", []).append(
        {"name": "Upgraded", "type": "string", "jsonPath": ".status.activeScheduler"})
yaml.safe_dump(crd, open(c, "w"), sort_keys=False)
PY
v2=$(csv_name "$v2dir")
kill "$op_pid"; wait "$op_pid" 2>/dev/null || true
serve_catalog "  - name: $v1
  - name: $v2
    replaces: $v1" "$bundle" "$v2dir"
say "catalog now has $v2 (replaces $v1)"
wait_csv "$v2" "$v1"
for i in $(seq 1 120); do
  p=$(k get csv "$v1" -n spin-operator -o jsonpath='{.status.phase}' 2>/dev/null) || break
  say "CSV $v1: $p"; sleep 1
done
if k get csv "$v1" -n spin-operator >/dev/null 2>&1; then echo "$v1 still there after the upgrade" >&2; exit 1; fi
say "$v1 replaced and removed"
k get crd spinapps.core.spinkube.dev -o jsonpath='{.spec.versions[0].additionalPrinterColumns[*].name}' | grep -qw Upgraded
[ "$(k get deployment spin-operator -n spin-operator -o jsonpath='{.spec.template.metadata.labels.app\.kubernetes\.io/version}')" = "${v2#spin-operator.v}" ]
say "CRD spinapps updated (printer column Upgraded), operator Deployment updated"
run_operator "$work/operator-$v2.log"
k wait -n apps spinapp/simple-spinapp --for condition=Ready --timeout=120s >/dev/null
sleep 5
template_after=$(k get deployment simple-spinapp -n apps -o jsonpath='{.spec.template}' | sha256sum)
[ "$template_before" = "$template_after" ] || { echo "the app's pod template changed across the upgrade" >&2; exit 1; }
if refusals "$work/operator-$v2.log"; then echo "the upgraded operator was refused something" >&2; exit 1; fi
[ "$(k get csv "$v2" -n spin-operator -o jsonpath='{.status.phase}')" = Succeeded ] || {
  echo "CSV $v2 left Succeeded:" >&2; k get csv "$v2" -n spin-operator -o yaml | sed -n '/^status:/,$p' >&2; exit 1; }
k get csv "$v2" -n spin-operator -o jsonpath='{range .status.conditions[*]}{.phase}{" ("}{.reason}{")\n"}{end}' \
  | sed "s/^/$v2 (at the end): /" >> "$work/phases.txt"
say "after the upgrade: CSV $v2 Succeeded, the app Ready, its pod template unchanged, no 403"
echo "   CSV phases observed: see $work/phases.txt"
