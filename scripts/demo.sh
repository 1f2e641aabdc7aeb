#!/usr/bin/env bash
# The main job on a fresh machine: installs what it needs, starts PostgreSQL and Redis on the
# project's own ports with a local EVM node, migrates the database and runs the whole pipeline
# against the simulator: ingest, score, prove, attest (3 attesters, threshold 2), post, CDP read.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
bash scripts/services.sh up
export CHECKPOINT_DISABLE=1
psql -h 127.0.0.1 -p "${PG_PORT:-55432}" -U postgres -qc "DROP DATABASE IF EXISTS oracle_demo WITH (FORCE)" -c "CREATE DATABASE oracle_demo" >/dev/null
export DATABASE_URL="postgresql://postgres@127.0.0.1:${PG_PORT:-55432}/oracle_demo"
npx prisma migrate deploy >/dev/null
# The demo scenario runs the minimal preset: SSZ types must match it in this process.
export LODESTAR_PRESET=minimal LOG_LEVEL=${LOG_LEVEL:-warn}
exec npx tsx src/bin/demo.ts "$@"
