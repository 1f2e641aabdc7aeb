#!/usr/bin/env bash
# Start or stop the project's own PostgreSQL, Redis and local EVM node on the project's own
# ports, with data under .data/. Idempotent: `up` twice leaves one of each running.
# Installs the Debian packages when they are missing (no Docker engine is needed).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DATA="$ROOT/.data"
PG_PORT=${PG_PORT:-55432}
REDIS_PORT=${REDIS_PORT:-56379}
EVM_PORT=${EVM_PORT:-58545}
PG_BIN=/usr/lib/postgresql/15/bin
RUN_AS=()
[ "$(id -u)" = 0 ] && RUN_AS=(runuser -u postgres --)

log() { printf '[services] %s\n' "$*"; }

ensure_packages() {
  local missing=()
  [ -x "$PG_BIN/postgres" ] || missing+=(postgresql)
  command -v redis-server >/dev/null || missing+=(redis-server)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]} from Debian"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# PostgreSQL refuses to run as root, so as root it runs as user postgres, which must reach the
# data directory: a clone under a private directory falls back to postgres's own home.
PGDATA_DIR="$DATA/pg"
PGSOCK_DIR="$DATA/pgsock"
if [ "$(id -u)" = 0 ] && id postgres >/dev/null 2>&1 && ! runuser -u postgres -- test -x "$ROOT" 2>/dev/null; then
  PGDATA_DIR="/var/lib/postgresql/beacon-risk-oracle-$PG_PORT/pg"
  PGSOCK_DIR="/var/lib/postgresql/beacon-risk-oracle-$PG_PORT/sock"
fi

pg_up() {
  mkdir -p "$DATA"
  if [ ! -s "$PGDATA_DIR/PG_VERSION" ]; then
    log "initialising PostgreSQL in .data/pg"
    mkdir -p "$PGDATA_DIR" "$PGSOCK_DIR"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$PGDATA_DIR" "$PGSOCK_DIR"
    "${RUN_AS[@]}" "$PG_BIN/initdb" -D "$PGDATA_DIR" --auth=trust --username=postgres -E UTF8 >/dev/null
  fi
  mkdir -p "$PGSOCK_DIR"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$PGSOCK_DIR"
  if "${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1; then
    log "PostgreSQL already running on $PG_PORT"
  else
    "${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -l "$PGSOCK_DIR/pg.log" -w -t 60 \
      -o "-p $PG_PORT -k $PGSOCK_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200 -c shared_buffers=256MB" start >/dev/null
    log "PostgreSQL started on $PG_PORT"
  fi
  psql_q "SELECT 1 FROM pg_database WHERE datname='oracle'" | grep -q 1 || psql_q "CREATE DATABASE oracle" >/dev/null
}

psql_q() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -tAc "$1"; }

redis_up() {
  mkdir -p "$DATA"
  if redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then
    log "Redis already running on $REDIS_PORT"
  else
    # noeviction: BullMQ must never lose a job to memory pressure.
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes --save '' --appendonly no \
      --maxmemory-policy noeviction --pidfile "$DATA/redis.pid" --logfile "$DATA/redis.log" --dir "$DATA"
    for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
    log "Redis started on $REDIS_PORT"
  fi
}

evm_up() {
  if curl -sf -X POST -H 'content-type: application/json' --data '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' "http://127.0.0.1:$EVM_PORT" >/dev/null 2>&1; then
    log "EVM node already running on $EVM_PORT"
    return
  fi
  [ -x node_modules/.bin/hardhat ] || { log "node_modules missing: run npm ci first"; exit 1; }
  (cd "$ROOT/contracts" 2>/dev/null || cd "$ROOT"; nohup "$ROOT/node_modules/.bin/hardhat" --config "$ROOT/scripts/hardhat.config.cjs" node --hostname 127.0.0.1 --port "$EVM_PORT" >"$DATA/evm.log" 2>&1 & echo $! >"$DATA/evm.pid")
  for _ in $(seq 100); do
    curl -sf -X POST -H 'content-type: application/json' --data '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' "http://127.0.0.1:$EVM_PORT" >/dev/null 2>&1 && { log "EVM node started on $EVM_PORT"; return; }
    sleep 0.2
  done
  log "EVM node failed to start; see .data/evm.log"; exit 1
}

down() {
  if [ -s "$PGDATA_DIR/PG_VERSION" ] && "${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1; then
    "${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -m fast -w stop >/dev/null && log "PostgreSQL stopped"
  fi
  if redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true; log "Redis stopped"; fi
  if [ -f "$DATA/evm.pid" ]; then kill "$(cat "$DATA/evm.pid")" 2>/dev/null && log "EVM node stopped" || true; rm -f "$DATA/evm.pid"; fi
}

restart_pg() {
  "${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -m fast -w restart >/dev/null
}

case "${1:-up}" in
  up) ensure_packages; pg_up; redis_up; [ "${WITH_EVM:-1}" = 1 ] && evm_up; true ;;
  down) down ;;
  restart-postgres) restart_pg ;;
  *) echo "usage: $0 up|down|restart-postgres" >&2; exit 2 ;;
esac
