# shellcheck shell=bash
# Shared by the scripts in this folder (sourced, not run).

say() { printf '\n==> %s\n' "$*"; }
die() { printf '\nERROR: %s\n' "$*" >&2; exit 1; }

# version_at_least HAVE WANT: true when HAVE >= WANT (dotted versions).
version_at_least() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]; }

# Where cargo puts its builds: $CARGO_TARGET_DIR, else the workspace's target/.
cargo_target_dir() { printf '%s' "${CARGO_TARGET_DIR:-$PWD/target}"; }

# The Python venv with Selenium and pytest for the end-to-end test.
e2e_venv() { printf '%s' "${PURSE_E2E_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/purse/e2e-venv}"; }

# Builds the desktop binary with the UI embedded (tauri's custom-protocol: no dev server), and the sandbox
# bank's binary, which the end-to-end suite asks for its merchants' QR pictures.
build_desktop() { cargo build -p purse-desktop --features tauri/custom-protocol && cargo build -p bank-sandbox; }
