#!/usr/bin/env bash
# Installs the npm dependencies on a fresh clone (idempotent).
# onnxruntime-node's install script would download CUDA parts from outside the npm registry;
# its CPU runtime ships inside the package, so the download is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
export ONNXRUNTIME_NODE_INSTALL=skip CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[deps] npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
bash scripts/ensure-python.sh
bash scripts/ensure-web.sh
