#!/usr/bin/env bash
# Starts a Kubernetes control plane for tests and benchmarks on loopback, with its data and logs in DIR:
# etcd, kube-apiserver, kube-controller-manager (garbage collection, Deployment -> ReplicaSet -> Pod, namespaces,
# service accounts and their tokens, EndpointSlices, ...), kube-scheduler and kwok (one fake node; kwok gives pods
# a lifecycle: scheduled pods turn Running and Ready, deleted ones go away; no container runs). The binaries come
# from build.sh (built from Go modules on first use, then cached outside the clone).
# The last line on stdout is the path of a cluster-admin kubeconfig; progress goes to stderr.
#   usage: .ci/k8s/start.sh DIR
#   K8S_VERSION=vX.Y.Z|newest|oldest (default newest)   K8S_CONTROLLERS=none: the API server and etcd only
#   K8S_API_PORT, K8S_ETCD_PORT, K8S_ETCD_PEER_PORT: loopback ports (default: free ones)
#   K8S_APISERVER_FLAGS: more kube-apiserver flags (bench/run.sh: its audit log)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mkdir -p "${1:?usage: start.sh DIR}" && cd "$1" && pwd)
"$here/stop.sh" "$dir" >/dev/null 2>&1 || true
read -r version bin < <("$here/build.sh" "${K8S_VERSION:-newest}" | tail -1)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
api_port=${K8S_API_PORT:-$(free_port)}
etcd_port=${K8S_ETCD_PORT:-$(free_port)}
peer_port=${K8S_ETCD_PEER_PORT:-$(free_port)}
echo "-- Kubernetes $version: kube-apiserver on https://127.0.0.1:$api_port, etcd on $etcd_port (data and logs in $dir)" >&2
t0=$(date +%s%N)

# Certificates: one CA signs the API server's serving certificate and the admin's client certificate; a key pair
# signs service-account tokens.
pki=$dir/pki
rm -rf "$pki" "$dir/etcd" && mkdir -p "$pki"
(
  cd "$pki"
  openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 30 -subj /CN=spin-test-ca 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -keyout apiserver.key -out apiserver.csr -subj /CN=kube-apiserver 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes.default.svc\nextendedKeyUsage=serverAuth\n' > san.ext
  openssl x509 -req -in apiserver.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out apiserver.crt -days 30 \
    -extfile san.ext 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -keyout admin.key -out admin.csr -subj "/O=system:masters/CN=admin" 2>/dev/null
  printf 'extendedKeyUsage=clientAuth\n' > client.ext
  openssl x509 -req -in admin.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out admin.crt -days 30 \
    -extfile client.ext 2>/dev/null
  openssl genrsa -out sa.key 2048 2>/dev/null
  openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
)
kubeconfig=$dir/kubeconfig
cat > "$kubeconfig" <<KUBECONFIG
apiVersion: v1
kind: Config
clusters:
- name: test
  cluster:
    server: https://127.0.0.1:$api_port
    certificate-authority-data: $(base64 -w0 "$pki/ca.crt")
users:
- name: admin
  user:
    client-certificate-data: $(base64 -w0 "$pki/admin.crt")
    client-key-data: $(base64 -w0 "$pki/admin.key")
contexts:
- name: test
  context: {cluster: test, user: admin, namespace: default}
current-context: test
KUBECONFIG

# start NAME COMMAND...: runs it in the background, its output in DIR/NAME.log, its pid in DIR/NAME.pid
start() {
  local name=$1; shift
  setsid "$@" >"$dir/$name.log" 2>&1 < /dev/null &
  echo $! > "$dir/$name.pid"
}
# fail NAME WHAT: says what did not come up, with the end of its log
fail() {
  echo "Kubernetes $version: $2; the end of $dir/$1.log:" >&2
  tail -20 "$dir/$1.log" >&2
  "$here/stop.sh" "$dir" >/dev/null 2>&1 || true
  exit 1
}
wait_for() { # NAME SECONDS CHECK...
  local name=$1 seconds=$2; shift 2
  for _ in $(seq $((seconds * 5))); do
    "$@" >/dev/null 2>&1 && return 0
    kill -0 "$(cat "$dir/$name.pid")" 2>/dev/null || fail "$name" "$name exited"
    sleep 0.2
  done
  fail "$name" "$name did not come up within $seconds s"
}
healthy() { curl -sf --cacert "$pki/ca.crt" --cert "$pki/admin.crt" --key "$pki/admin.key" "https://127.0.0.1:$api_port$1"; }

start etcd "$bin/etcd" --name test --data-dir "$dir/etcd" --unsafe-no-fsync --log-level warn \
  --listen-client-urls "http://127.0.0.1:$etcd_port" --advertise-client-urls "http://127.0.0.1:$etcd_port" \
  --listen-peer-urls "http://127.0.0.1:$peer_port" --initial-advertise-peer-urls "http://127.0.0.1:$peer_port" \
  --initial-cluster "test=http://127.0.0.1:$peer_port" --listen-metrics-urls "" --quota-backend-bytes 4294967296
wait_for etcd 30 curl -sf "http://127.0.0.1:$etcd_port/health"

# Services get ClusterIPs in 127.96.0.0/16: what the API server dials for a webhook Service (it resolves a Service to
# its ClusterIP) stays on this machine and is refused at once. Pod IPs (kwok) are 10.244.0.0/16, which nothing dials
# (no kubelet, no proxy; EndpointSlices refuse loopback addresses, so pods cannot have them).
start kube-apiserver "$bin/kube-apiserver" --etcd-servers "http://127.0.0.1:$etcd_port" \
  --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$api_port" \
  --tls-cert-file "$pki/apiserver.crt" --tls-private-key-file "$pki/apiserver.key" --client-ca-file "$pki/ca.crt" \
  --service-account-issuer https://kubernetes.default.svc --service-account-key-file "$pki/sa.pub" \
  --service-account-signing-key-file "$pki/sa.key" --authorization-mode RBAC \
  --service-cluster-ip-range 127.96.0.0/16 --endpoint-reconciler-type none --allow-privileged \
  --cert-dir "$pki" --profiling=false --v=0 ${K8S_APISERVER_FLAGS:-}
wait_for kube-apiserver 120 healthy /readyz
echo "   kube-apiserver ready in $(( ($(date +%s%N) - t0) / 1000000 )) ms" >&2

if [ "${K8S_CONTROLLERS:-all}" != none ]; then
  start kube-controller-manager "$bin/kube-controller-manager" --kubeconfig "$kubeconfig" \
    --service-account-private-key-file "$pki/sa.key" --root-ca-file "$pki/ca.crt" \
    --use-service-account-credentials --controllers '*' --leader-elect=false --secure-port 0 \
    --flex-volume-plugin-dir "$dir/flexvolume" --kube-api-qps 200 --kube-api-burst 400 \
    --concurrent-deployment-syncs 10 --concurrent-replicaset-syncs 10 --concurrent-gc-syncs 20 --v=0
  start kube-scheduler "$bin/kube-scheduler" --kubeconfig "$kubeconfig" --leader-elect=false --secure-port 0 \
    --kube-api-qps 200 --kube-api-burst 400 --v=0
  start kwok "$bin/kwok" --kubeconfig "$kubeconfig" --manage-single-node kwok-node --cidr 10.244.0.0/16 \
    --node-ip 127.0.0.1 --node-lease-duration-seconds 40 $(printf -- '--config %s ' "$bin"/kwok-stages/*.yaml)
  # one fake node with room for many pods; kwok keeps it Ready and its lease renewed
  cat > "$dir/node.yaml" <<NODE
apiVersion: v1
kind: Node
metadata:
  name: kwok-node
  labels: {kubernetes.io/hostname: kwok-node, kubernetes.io/os: linux, kubernetes.io/arch: amd64, type: kwok}
  annotations: {node.alpha.kubernetes.io/ttl: "0", kwok.x-k8s.io/node: fake}
spec:
  podCIDR: 10.244.0.0/16
status:
  allocatable: {cpu: "1000", memory: 4Ti, pods: "20000", ephemeral-storage: 10Ti}
  capacity: {cpu: "1000", memory: 4Ti, pods: "20000", ephemeral-storage: 10Ti}
NODE
  node_ready() {
    healthy /api/v1/nodes/kwok-node | python3 -c 'import json, sys
sys.exit(not any(c["type"] == "Ready" and c["status"] == "True" for c in json.load(sys.stdin)["status"].get("conditions", [])))'
  }
  curl -sf --cacert "$pki/ca.crt" --cert "$pki/admin.crt" --key "$pki/admin.key" -X POST \
    -H 'Content-Type: application/yaml' --data-binary @"$dir/node.yaml" \
    "https://127.0.0.1:$api_port/api/v1/nodes" >/dev/null || fail kube-apiserver "could not create the fake node"
  wait_for kwok 60 node_ready
  # the RuntimeClass the Spin shim's node installer leaves on a cluster (without it, admission refuses the pods)
  printf '{"apiVersion":"node.k8s.io/v1","kind":"RuntimeClass","metadata":{"name":"wasmtime-spin-v2"},"handler":"spin"}' |
    curl -sf --cacert "$pki/ca.crt" --cert "$pki/admin.crt" --key "$pki/admin.key" -X POST \
      -H 'Content-Type: application/json' --data-binary @- \
      "https://127.0.0.1:$api_port/apis/node.k8s.io/v1/runtimeclasses" >/dev/null ||
    fail kube-apiserver "could not create the RuntimeClass wasmtime-spin-v2"
  # the namespace 'default' has its ServiceAccount once the controller manager runs: pods can be admitted
  wait_for kube-controller-manager 60 healthy /api/v1/namespaces/default/serviceaccounts/default
  echo "   controller manager, scheduler and kwok (node kwok-node Ready) in $(( ($(date +%s%N) - t0) / 1000000 )) ms" >&2
fi
echo "$kubeconfig"
