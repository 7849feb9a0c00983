#!/usr/bin/env bash
# The Linux installers: a release build of the app with the UI embedded, bundled by the Tauri CLI as .deb
# and .rpm (AppImage is left out: its bundler downloads tools at build time, which this project's build
# machines cannot do; see docs/releasing.md). Prints where they are and their sizes.
#   scripts/build-installers.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/common.sh

[ -n "${PURSE_SKIP_INSTALL:-}" ] || scripts/install-deps.sh --for-run
(cd ui && npm install --no-audit --no-fund >/dev/null)
# The CLI's beforeBuildCommand builds the UI into ui/dist, which the binary embeds.
(cd src-tauri && ../ui/node_modules/.bin/tauri build --bundles deb,rpm)
bundle="$(cargo_target_dir)/release/bundle"
ls -l "$bundle"/deb/*.deb "$bundle"/rpm/*.rpm
