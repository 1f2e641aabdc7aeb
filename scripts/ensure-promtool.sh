#!/usr/bin/env bash
# Puts Prometheus's promtool under .data/tools, so the tests check grafana/prometheus.yml and run
# the alert rules' unit tests (grafana/alerts.test.yml) with Prometheus itself. Only the binary is
# unpacked from Debian's package: installing the package would start a Prometheus server.
# Prints the directory to add to PATH; without apt (or offline) it prints nothing and those two
# tests skip with their reason.
set -uo pipefail
cd "$(dirname "$0")/.."
TOOLS="$(pwd)/.data/tools/prometheus"
if command -v promtool >/dev/null; then exit 0; fi
if [ ! -x "$TOOLS/usr/bin/promtool" ]; then
  command -v apt-get >/dev/null || exit 0
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  chmod 777 "$tmp"
  ( cd "$tmp" && { apt-get download -qq prometheus >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get download -qq prometheus >/dev/null 2>&1; }; } ) || { echo "[deps] promtool unavailable: its tests will skip" >&2; exit 0; }
  mkdir -p "$TOOLS"
  dpkg-deb -x "$tmp"/prometheus_*.deb "$TOOLS" || exit 0
  echo "[deps] promtool unpacked to .data/tools" >&2
fi
echo "$TOOLS/usr/bin"
