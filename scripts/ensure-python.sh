#!/usr/bin/env bash
# Creates the project-local Python environment (.venv) for the native EZKL prover and installs
# python/requirements.txt (the prover) and python/requirements-test.txt (schemathesis, the API fuzzer
# that test/api/fuzz.test.ts runs) into it, pinned with hashes (idempotent). Without python3 it says so and
# exits 0: the WASM prover (PROVER=wasm) still works there.
set -euo pipefail
cd "$(dirname "$0")/.."
reqs=(python/requirements.txt python/requirements-test.txt)
stamp=.venv/.requirements.sha256
if ! command -v python3 >/dev/null; then
  echo "[python] python3 not found: the native prover is unavailable (set PROVER=wasm)" >&2
  exit 0
fi
want=$(cat "${reqs[@]}" | sha256sum | cut -d' ' -f1)
if [ -x .venv/bin/python ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then exit 0; fi
echo "[python] creating .venv and installing ${reqs[*]}"
if ! python3 -m venv .venv >/dev/null 2>&1; then
  # Debian's python3 ships venv separately.
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
  python3 -m venv .venv
fi
.venv/bin/pip install --quiet --disable-pip-version-check --no-cache-dir --require-hashes -r "${reqs[0]}" -r "${reqs[1]}"
echo "$want" > "$stamp"
