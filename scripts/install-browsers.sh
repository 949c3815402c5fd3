#!/usr/bin/env bash
# Installs the browsers the tests drive, from Debian's packages, when they are missing:
# chromium (every e2e test), chromium-l10n (Debian's Chromium speaks only English without it; the
# German tour needs its German), firefox-esr (the Firefox e2e tests, which skip without it) and xvfb
# (a display for the DevTools panel's tests: DevTools does not open in a headless browser).
# Used by .ci/run (both) and `npm start` (chromium only: `install-browsers.sh chromium`).
# CHROMIUM_PATH / FIREFOX_PATH naming a browser of your own skip the install.
set -euo pipefail
wanted=("${@:-chromium chromium-l10n firefox-esr xvfb}")
missing=()
for pkg in ${wanted[*]}; do
  case "$pkg" in
    chromium) [ -n "${CHROMIUM_PATH:-}" ] || command -v chromium >/dev/null 2>&1 || missing+=(chromium) ;;
    firefox-esr) [ -n "${FIREFOX_PATH:-}" ] || command -v firefox-esr >/dev/null 2>&1 || command -v firefox >/dev/null 2>&1 || missing+=(firefox-esr) ;;
    chromium-l10n) [ -n "${CHROMIUM_PATH:-}" ] || [ -e /usr/lib/chromium/locales/de.pak ] || ! command -v apt-get >/dev/null 2>&1 || missing+=(chromium-l10n) ;;
    xvfb) command -v Xvfb >/dev/null 2>&1 || missing+=(xvfb) ;;
  esac
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Missing ${missing[*]} and no apt-get here. Install them yourself, or set CHROMIUM_PATH / FIREFOX_PATH;" >&2
  echo "without a system Chromium, Playwright's own is used if installed (npx playwright install chromium)." >&2
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "Installing Debian's ${missing[*]} (once)…"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
