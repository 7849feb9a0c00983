#!/usr/bin/env bash
# Installs what Purse needs on Debian/Ubuntu, skipping whatever is already there.
#   scripts/install-deps.sh          for running the app
#   scripts/install-deps.sh --test   also the end-to-end tools (tauri-driver, Selenium, keyring)
set -euo pipefail
cd "$(dirname "$0")/.."
for_test=false
[ "${1:-}" = "--test" ] && for_test=true

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

packages=(libwebkit2gtk-4.1-dev libgtk-3-dev libayatana-appindicator3-dev librsvg2-dev libxdo-dev libssl-dev
  build-essential pkg-config file curl fonts-noto-cjk)
$for_test && packages+=(xvfb xauth webkit2gtk-driver imagemagick gnome-keyring dbus-user-session dbus-x11
  libsecret-tools keyutils python3-venv)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> apt: ${missing[*]}"
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

command -v cargo >/dev/null || { echo "Rust is missing: install it from rustup (https://rustup.rs) and rerun." >&2; exit 1; }
command -v npm >/dev/null || { echo "Node.js 20+ and npm are missing: install them and rerun." >&2; exit 1; }

if [ ! -d ui/node_modules ] || [ ui/package.json -nt ui/node_modules/.package-lock.json ]; then
  echo "==> npm install (ui)"
  (cd ui && npm install --no-audit --no-fund --loglevel=error)
fi

if $for_test; then
  command -v tauri-driver >/dev/null || { echo "==> cargo install tauri-driver"; cargo install tauri-driver --locked --quiet; }
  venv=${PURSE_E2E_VENV:-$HOME/.cache/purse-e2e-venv}
  if [ ! -x "$venv/bin/pytest" ]; then
    echo "==> Python venv for the end-to-end test ($venv)"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q 'selenium==4.*' 'pytest==8.*'
  fi
fi
