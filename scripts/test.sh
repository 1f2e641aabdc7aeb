#!/usr/bin/env bash
# The project's test command (`npm test`): installs what it needs, starts PostgreSQL, Redis and
# a local EVM node on the project's own ports, runs every test file with node's test runner,
# stops what it started, and ends with the line `N passed, N failed, N skipped`.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh || exit 1

started=0
if ! redis-cli -p "${REDIS_PORT:-56379}" ping >/dev/null 2>&1; then started=1; fi
bash scripts/services.sh up || exit 1
cleanup() { [ "$started" = 1 ] && bash scripts/services.sh down; }
trap cleanup EXIT

chromium_path=$(bash scripts/ensure-chromium.sh) && export CHROMIUM_PATH="$chromium_path"

promtool_dir=$(bash scripts/ensure-promtool.sh)
[ -n "$promtool_dir" ] && export PATH="$promtool_dir:$PATH"

export NODE_ENV=test LOG_LEVEL=${LOG_LEVEL:-silent}
npx tsx scripts/prepareTestDatabase.ts || exit 1

mkdir -p .data
files=$(find src test -name '*.test.ts' 2>/dev/null | sort)
[ -n "${TEST_FILTER:-}" ] && files=$(echo "$files" | grep -E "$TEST_FILTER")
node --import tsx --test --test-concurrency=1 --test-timeout=900000 \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination=.data/test.tap \
  $files
status=$?
passed=$(grep -E '^# pass ' .data/test.tap | awk '{print $3}')
failed=$(grep -E '^# fail ' .data/test.tap | awk '{print $3}')
cancelled=$(grep -E '^# cancelled ' .data/test.tap | awk '{print $3}')
skipped=$(grep -E '^# skipped ' .data/test.tap | awk '{print $3}')
failed=$(( ${failed:-0} + ${cancelled:-0} ))
echo "${passed:-0} passed, ${failed} failed, ${skipped:-0} skipped"
[ "$status" = 0 ] && [ "$failed" = 0 ]
