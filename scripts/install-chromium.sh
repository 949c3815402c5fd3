#!/usr/bin/env bash
# Installs Debian's Chromium when no Chromium is available. Used by .ci/run and by `npm start`.
# Skipped when CHROMIUM_PATH names a browser already (your own Chrome or Chromium).
set -euo pipefail
if [ -n "${CHROMIUM_PATH:-}" ] || command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "No system Chromium found: Playwright's own Chromium will be used if installed (npx playwright install chromium)," >&2
  echo "or set CHROMIUM_PATH=/path/to/chrome to use your own Chrome or Chromium." >&2
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "Installing Debian's chromium (once)…"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
