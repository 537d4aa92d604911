#!/usr/bin/env bash
# Stops what start.sh started in DIR (each process by its pid file, its whole process group), and waits for it.
#   usage: .ci/k8s/stop.sh DIR
set -uo pipefail
dir=${1:?usage: stop.sh DIR}
for name in kwok kube-scheduler kube-controller-manager kube-apiserver etcd; do
  pidfile=$dir/$name.pid
  [ -f "$pidfile" ] || continue
  pid=$(cat "$pidfile")
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null
  rm -f "$pidfile"
done
exit 0
