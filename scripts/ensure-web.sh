#!/usr/bin/env bash
# Builds the web pages (src/web, Vite) into dist/web, which the API serves, when the build is
# missing or older than any source it bundles. The output is never committed.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=dist/web/index.html
if [ ! -f "$stamp" ] || [ -n "$(find src/web src/client src/chain src/report src/proving src/common src/scoring src/features contracts/generated package-lock.json -newer "$stamp" -type f 2>/dev/null | head -1)" ]; then
  echo "[deps] web pages: vite build"
  npx vite build --config src/web/vite.config.ts
fi
