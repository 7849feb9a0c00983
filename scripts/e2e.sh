#!/usr/bin/env bash
# The end-to-end WebDriver suite alone: builds the UI and the desktop app (unless --no-build), then drives
# the real binary through tauri-driver + WebKitWebDriver on a virtual X display (Xvfb), inside a private
# D-Bus session with its own keyring. Screenshots and the app's log land in tests/e2e/.artifacts/.
#   scripts/e2e.sh [--no-build] [PYTEST ARGS...]      e.g. scripts/e2e.sh --no-build -k language
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/common.sh

build=true
if [ "${1:-}" = "--no-build" ]; then build=false; shift; fi

[ -n "${PURSE_SKIP_INSTALL:-}" ] || scripts/install-deps.sh --for-test
[ -d "$HOME/.cargo/bin" ] && PATH="$HOME/.cargo/bin:$PATH"
if $build; then
  (cd ui && npm run build)
  build_desktop
fi

export PURSE_APP=${PURSE_APP:-$(cargo_target_dir)/debug/purse-desktop}
[ -x "$PURSE_APP" ] || die "$PURSE_APP is missing: run without --no-build"
rm -rf tests/e2e/.artifacts
# The app's local time is noon on today's UTC date, whenever the suite runs: the risk checks score a
# payment made between midnight and six as night-time, so without this a run after midnight would ask the
# QR payment for a second factor that a run by day does not (Rust tests pass a Clock instead).
utc_hour=$((10#$(date -u +%H)))
offset=$((12 - utc_hour))
if [ "$offset" -gt 0 ]; then export TZ="Etc/GMT-$offset"
elif [ "$offset" -lt 0 ]; then export TZ="Etc/GMT+$((-offset))"
else export TZ="Etc/GMT"; fi
# A screen larger than the 1200x800 window, so the screenshots show all of it.
exec xvfb-run --auto-servernum --server-args="-screen 0 1280x900x24" \
  scripts/with-keyring.sh "$(e2e_venv)/bin/python" -m pytest -c tests/e2e/pytest.ini --rootdir tests/e2e tests/e2e "$@"
