#!/usr/bin/env bash
# Runs `nettwin report` on Examples/secure-sqlmi in a real headless browser (Scripts/report_browser_test.py): Chromium
# and its driver from Debian, Selenium from PyPI, Graphviz for the picture. Installs what is missing when it can; when
# Chromium cannot be installed (no apt, no root, no network) it says so and exits 0, so CI runs it wherever possible.
# Usage: Scripts/report-browser-test.sh [NETTWIN_BINARY]   (default: .build/debug/nettwin)
set -euo pipefail
cd "$(dirname "$0")/.."
NETTWIN="${1:-.build/debug/nettwin}"
skip() { echo "report-browser-test: skipped: $*"; exit 0; }

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
command -v dot >/dev/null 2>&1 || need+=(graphviz)
if [ "${#need[@]}" -gt 0 ]; then
    command -v apt-get >/dev/null 2>&1 || skip "no apt-get to install ${need[*]}"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || { command -v sudo >/dev/null 2>&1 && SUDO="sudo -n"; } || skip "not root and no sudo to install ${need[*]}"
    ($SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null) || skip "apt-get could not install ${need[*]}"
fi
python3 -c 'import selenium' 2>/dev/null || python3 -m pip install --quiet selenium 2>/dev/null \
    || python3 -m pip install --quiet --break-system-packages selenium 2>/dev/null || skip "pip could not install selenium"
[ -x "$NETTWIN" ] || swift build --product nettwin
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
"$NETTWIN" report Examples/secure-sqlmi --output "$out/report.html"
python3 Scripts/report_browser_test.py "$out/report.html" Docs/report-screenshot.png
