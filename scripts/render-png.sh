#!/usr/bin/env bash
# Renders an HTML report to PNG (the first screen, and the whole page) and to an A4 PDF with
# headless Chromium, to look at what a reader will see. Installs Chromium (Debian package
# `chromium`) if it is missing.
#
#   cargo run --release --features html --example report -- --html target/report.html
#   scripts/render-png.sh target/report.html            # target/report.png, target/report.pdf
#   scripts/render-png.sh target/report.html out/dir    # into out/dir
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
    echo "usage: $0 REPORT.html [OUT_DIR]" >&2
    exit 2
fi
html=$(realpath "$1")
out=${2:-$(dirname "$html")}
mkdir -p "$out"
name=$(basename "$html" .html)

browser=$(command -v chromium || command -v chromium-browser || true)
if [[ -z $browser ]]; then
    echo "installing chromium (Debian package)…" >&2
    if [[ $(id -u) -eq 0 ]]; then sudo=""; else sudo="sudo"; fi
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >&2
    browser=$(command -v chromium)
fi

flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --run-all-compositor-stages-before-draw)
# A tall window: the whole document in one image (Chromium cuts at the window's height).
"$browser" "${flags[@]}" --window-size=1000,24000 --screenshot="$out/$name.png" "file://$html" 2>/dev/null
"$browser" "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$out/$name.pdf" "file://$html" 2>/dev/null
echo "$out/$name.png"
echo "$out/$name.pdf"
