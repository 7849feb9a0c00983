#!/usr/bin/env bash
# Every test, in the order a failure is cheapest to find: formatting and lints, Rust tests (inside a
# D-Bus session with an unlocked gnome-keyring, as the keyring-backed features need), the UI's lint,
# type check, tests and build, then the end-to-end WebDriver test against the real app under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never
target=${CARGO_TARGET_DIR:-$PWD/target}
stage() { printf '\n==> %s\n' "$*"; }
trap 'echo "FAILED during: ${current:-setup}" >&2' ERR

current="installing dependencies"; stage "$current"
scripts/install-deps.sh --test

current="cargo fmt"; stage "$current"
cargo fmt --all --check

current="UI build (the desktop crate embeds it)"; stage "$current"
(cd ui && npm run build)

current="cargo clippy"; stage "$current"
cargo clippy --workspace --all-targets -- -D warnings

current="cargo test"; stage "$current"
dbus-run-session -- sh -c 'eval "$(printf pw | gnome-keyring-daemon --unlock --components=secrets)" >/dev/null; cargo test --workspace'

current="UI lint, type check and tests"; stage "$current"
(cd ui && npm run lint && npm run check && npm test)

current="desktop app build"; stage "$current"
cargo build -p purse

current="end-to-end (WebDriver, Xvfb)"; stage "$current"
venv=${PURSE_E2E_VENV:-$HOME/.cache/purse-e2e-venv}
export PATH="$HOME/.cargo/bin:$PATH" PURSE_APP="$target/debug/purse-desktop"
xvfb-run -a -s "-screen 0 1280x860x24" dbus-run-session -- "$venv/bin/pytest" -v tests/e2e

current=""
echo
echo "All stages passed."
