#!/usr/bin/env bash
# Installs what Purse needs on Debian/Ubuntu, skipping whatever is already there (safe to rerun).
#   scripts/install-deps.sh [--for-run]   build and run the app: apt packages, Rust check, Node check, ui/ npm packages
#   scripts/install-deps.sh --for-test    also the test tools: Xvfb, webkit2gtk-driver, ImageMagick,
#                                         tauri-driver (cargo install), a Python venv with Selenium and pytest
# Environment: PURSE_E2E_VENV (default ~/.cache/purse/e2e-venv) is where the venv lives.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/common.sh
. scripts/common.sh

mode=for-run
case "${1:-}" in
  "" | --for-run) ;;
  --for-test | --test) mode=for-test ;;
  *) die "unknown option '$1' (use --for-run or --for-test)" ;;
esac

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  local missing=() p
  for p in "$@"; do
    # dpkg-query, not `dpkg -s`: a package that was removed but left its config is not installed.
    [ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)" = installed ] || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "apt: installing ${missing[*]}"
  command -v apt-get >/dev/null || die "apt-get not found: install these yourself: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# --- system packages -------------------------------------------------------------------------------
# Tauri 2 on Linux (WebKitGTK 4.1), the tools to build it, CJK fonts so Chinese renders, and the Secret
# Service (gnome-keyring) that the wallet keeps its keys in.
run_packages=(
  libwebkit2gtk-4.1-dev libgtk-3-dev libayatana-appindicator3-dev librsvg2-dev libxdo-dev libssl-dev
  build-essential pkg-config file curl ca-certificates
  fonts-noto-cjk librsvg2-bin
  gnome-keyring dbus-user-session libsecret-tools keyutils
)
test_packages=(xvfb xauth webkit2gtk-driver imagemagick python3 python3-venv)
if [ "$mode" = for-test ]; then apt_install "${run_packages[@]}" "${test_packages[@]}"; else apt_install "${run_packages[@]}"; fi

# --- Rust --------------------------------------------------------------------------------------------
[ -d "$HOME/.cargo/bin" ] && case ":$PATH:" in *":$HOME/.cargo/bin:"*) ;; *) PATH="$HOME/.cargo/bin:$PATH" ;; esac
command -v cargo >/dev/null ||
  die "Rust is missing. Install it with rustup (https://rustup.rs: curl https://sh.rustup.rs -sSf | sh), open a new shell, and rerun."
rust_version=$(rustc --version | awk '{print $2}')
version_at_least "$rust_version" 1.89.0 ||
  die "Rust $rust_version is too old: Purse needs 1.89 or newer. Run: rustup update stable"
for component in rustfmt clippy; do
  if ! cargo "${component/rustfmt/fmt}" --version >/dev/null 2>&1; then
    command -v rustup >/dev/null || die "cargo $component is missing and rustup is not installed to add it"
    say "rustup: adding $component"
    rustup component add "$component"
  fi
done

# --- Node.js and the UI's npm packages ---------------------------------------------------------------
{ command -v node >/dev/null && command -v npm >/dev/null; } ||
  die "Node.js 20.19+ (or 22.12+) with npm is missing. Install it (e.g. from https://nodejs.org or NodeSource) and rerun."
node_version=$(node --version | sed 's/^v//')
case "${node_version%%.*}" in
  20) version_at_least "$node_version" 20.19.0 ;;
  21) false ;;
  *) version_at_least "$node_version" 22.12.0 ;;
esac ||
  die "Node.js $node_version is too old for the UI's Vite: use 20.19+ or 22.12+."
# Reinstall when package.json or the lock file changed since the last install.
stamp=ui/node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ ui/package.json -nt "$stamp" ] || { [ -f ui/package-lock.json ] && [ ui/package-lock.json -nt "$stamp" ]; }; then
  say "npm install (ui/)"
  (cd ui && npm install --no-audit --no-fund --loglevel=error)
fi

[ "$mode" = for-test ] || exit 0

# --- test tools --------------------------------------------------------------------------------------
if ! command -v tauri-driver >/dev/null; then
  say "cargo install tauri-driver (about a minute)"
  # Its own target directory, so the workspace's build cache is not mixed with an installed tool's.
  CARGO_TARGET_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/purse/tauri-driver-build" cargo install tauri-driver --locked --quiet
  rm -rf "${XDG_CACHE_HOME:-$HOME/.cache}/purse/tauri-driver-build"
fi
command -v WebKitWebDriver >/dev/null || die "WebKitWebDriver is missing although webkit2gtk-driver is installed"

venv=$(e2e_venv)
if ! "$venv/bin/python" -c 'import selenium, pytest' 2>/dev/null; then
  say "Python venv for the end-to-end test: $venv"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check 'selenium>=4.20,<5' 'pytest>=8,<9'
fi
