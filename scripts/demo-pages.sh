#!/usr/bin/env bash
# Serves the web pages and the REST API over the database the last `npm run demo` filled
# (oracle_demo), with the local EVM node as the pages' RPC, so the URLs the demo printed open.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
bash scripts/services.sh up
export DATABASE_URL="postgresql://postgres@127.0.0.1:${PG_PORT:-55432}/oracle_demo"
export WEB_RPC_URL="${WEB_RPC_URL:-http://127.0.0.1:${EVM_PORT:-58545}}"
exec npx tsx src/bin/api.ts "$@"
