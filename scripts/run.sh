#!/usr/bin/env bash
# README command 1: installs whatever is missing, builds the UI and the desktop app (UI embedded), and
# opens Purse. With no bank configured it starts its built-in sandbox bank and syncs the demo wallet.
# The wallet lives in $PURSE_DATA_DIR if set, else ~/.local/share/purse.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/common.sh

[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] ||
  die "no display to open a window on (DISPLAY and WAYLAND_DISPLAY are empty). On a headless machine: sudo apt-get install xvfb, then xvfb-run -a scripts/run.sh"

scripts/install-deps.sh --for-run
[ -d "$HOME/.cargo/bin" ] && PATH="$HOME/.cargo/bin:$PATH"

say "building the UI (ui/dist)"
(cd ui && npm run build)

say "building the desktop app"
build_desktop

# WebKitGTK's DMA-BUF renderer fails on virtual displays and some GPU drivers; the fallback is fine for a wallet.
export WEBKIT_DISABLE_DMABUF_RENDERER=${WEBKIT_DISABLE_DMABUF_RENDERER:-1}
say "starting Purse"
exec "$(cargo_target_dir)/debug/purse-desktop" "$@"
