#!/usr/bin/env bash
# Times Purse's cold start to its first screen and reads its idle memory, the same way each time (five
# starts with the wallet in place, medians; tests/install/measure_start.py says how). The figures go in
# docs/benchmarks.md. Runs under its own Xvfb display and private keyring.
#   scripts/measure-start.sh [BINARY [DATA_DIR]]
#   scripts/measure-start.sh --empty-window     the same for an empty Tauri window (tools/empty-window):
#                                               the floor any app on this Tauri and WebKitGTK starts from
# BINARY: the installed /usr/bin/purse-desktop, or by default the release build that
# scripts/build-installers.sh made. DATA_DIR: a wallet to start on (default: a new one, made first).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/common.sh

[ -n "${PURSE_KEYRING_SESSION:-}" ] || exec scripts/with-keyring.sh "$0" "$@"
if [ "${1:-}" = --empty-window ]; then
  [ -d "$HOME/.cargo/bin" ] && PATH="$HOME/.cargo/bin:$PATH"
  target="$(cargo_target_dir)/empty-window"
  (cd tools/empty-window && CARGO_TARGET_DIR="$target" cargo build --release --locked --quiet)
  set -- "$target/release/empty-window"
fi
binary=${1:-$(cargo_target_dir)/release/purse-desktop}
[ -x "$binary" ] || die "no $binary: build it with scripts/build-installers.sh, or name the binary"
data_dir=${2:-}
if [ -z "$data_dir" ]; then
  data_dir=$(mktemp -d)
  trap 'rm -rf "$data_dir"' EXIT
fi
# The display starts inside the keyring's D-Bus session, as a desktop login's does: a display started
# outside it made every start here about 0.45 s slower (docs/benchmarks.md).
xvfb-run --auto-servernum --server-args="-screen 0 1280x900x24" \
  python3 tests/install/measure_start.py "$binary" "$data_dir" "${PURSE_START_RUNS:-5}"
