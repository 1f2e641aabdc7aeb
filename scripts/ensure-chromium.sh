#!/usr/bin/env bash
# The browser tests drive Debian's chromium package through playwright-core; Playwright never
# downloads a browser. Installs it from apt when missing and prints its path.
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1; then
  echo "[deps] apt-get install chromium" >&2
  if [ "$(id -u)" = 0 ]; then sudo_=""; else sudo_="sudo"; fi
  $sudo_ apt-get install -y --no-install-recommends chromium >&2 || { $sudo_ apt-get update >&2 && $sudo_ apt-get install -y --no-install-recommends chromium >&2; }
fi
command -v chromium
