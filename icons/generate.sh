#!/usr/bin/env bash
# Regenerates the app's icon set from icons/purse.svg (the one source of truth):
# rsvg-convert renders a 1024 px master, `tauri icon` derives every platform's sizes from it.
# Needs librsvg2-bin and the UI's node_modules (scripts/install-deps.sh installs both).
set -euo pipefail
cd "$(dirname "$0")"
master=$(mktemp --suffix=.png)
trap 'rm -f "$master"' EXIT
rsvg-convert -w 1024 -h 1024 purse.svg -o "$master"
../ui/node_modules/.bin/tauri icon "$master" --output .
# Desktop only: the mobile sets are not shipped.
rm -rf android ios
# The smaller freedesktop sizes (menus, panels) that `tauri icon` does not make.
for size in 16 24 48 256; do rsvg-convert -w "$size" -h "$size" purse.svg -o "${size}x${size}.png"; done
