#!/usr/bin/env bash
# Installs what is missing, builds the UI and the desktop app, and opens Purse on its built-in demo bank.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
(cd ui && npm run build)
cargo build -p purse
exec "${CARGO_TARGET_DIR:-target}/debug/purse-desktop"
