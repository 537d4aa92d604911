#!/usr/bin/env bash
# Checks a real scrape of /q/metrics (written by HealthAndMetricsTest to target/metrics-scrape.txt) with
# Prometheus' own `promtool check metrics`. A parse error fails; lint findings fail only for the operator's
# own metrics (spin_operator_*), and are listed for the libraries' ones (Micrometer/JOSDK naming).
set -euo pipefail
cd "$(dirname "$0")/.."
SCRAPE=target/metrics-scrape.txt
[ -s "$SCRAPE" ] || { echo "no scrape at $SCRAPE: run the tests first (./mvnw verify)"; exit 1; }
if ! command -v promtool >/dev/null; then
  echo "-- installing promtool (Debian package prometheus)"
  if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
  $SUDO apt-get update -qq >/dev/null && $SUDO apt-get install -y -qq --no-install-recommends prometheus >/dev/null
fi
echo "-- $(promtool --version 2>&1 | head -1)"
set +e
promtool check metrics < "$SCRAPE" > target/promtool.txt 2>&1
code=$?
set -e
case $code in
  0) echo "promtool: clean" ;;
  3) echo "promtool: parsed; lint findings on library metrics:"; sed 's/^/   /' target/promtool.txt | sort -u | head -40 ;;
  *) echo "promtool could not parse the scrape (exit $code):"; cat target/promtool.txt; exit 1 ;;
esac
if grep -q '^spin_operator' target/promtool.txt; then
  echo "lint findings on the operator's own metrics:"; grep '^spin_operator' target/promtool.txt; exit 1
fi
grep -c '^spin_operator_managed_apps{' "$SCRAPE" | xargs -I{} echo "spin_operator_managed_apps series: {}"
