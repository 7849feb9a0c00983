#!/usr/bin/env bash
# The installer, tried as a new user would on this machine (Debian): install the .deb with apt, start the
# installed binary under Xvfb and see its home screen (then time its cold starts and read its idle memory,
# as scripts/measure-start.sh does),
# upgrade to a newer build with the wallet in place and see the wallet survive, then remove the package and
# see nothing of it left on the system (the user's own wallet folder stays, as with any package).
# Needs root (apt). Builds both packages first unless given: scripts/install-test.sh [OLD.deb NEW.deb]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/common.sh

[ "$(id -u)" = 0 ] || die "run as root: the test installs and removes a package with apt"
# One keyring for the whole test: the wallet's key, put there at the first launch, must still be there after
# the upgrade, as the user's own keyring would be.
[ -n "${PURSE_KEYRING_SESSION:-}" ] || exec scripts/with-keyring.sh "$0" "$@"
[ -n "${PURSE_SKIP_INSTALL:-}" ] || scripts/install-deps.sh --for-test
[ -d "$HOME/.cargo/bin" ] && PATH="$HOME/.cargo/bin:$PATH"
bundle="$(cargo_target_dir)/release/bundle/deb"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
next="${version%.*}.$((${version##*.} + 1))"

if [ $# -eq 2 ]; then
  old_deb=$1 new_deb=$2
else
  scripts/build-installers.sh >/dev/null
  old_deb=$(mktemp -d)/purse-current.deb
  cp "$bundle"/*_"${version}"_*.deb "$old_deb"
  # The newer build: the same sources under the next patch version (the CLI's --config override sets the
  # version the app and its package carry).
  (cd src-tauri && ../ui/node_modules/.bin/tauri build --bundles deb --config "{\"version\":\"$next\"}")
  new_deb=$(ls "$bundle"/*_"${next}"_*.deb)
fi

work=$(mktemp -d)
data_dir="$work/wallet"
installed=/usr/bin/purse-desktop
check() { xvfb-run --auto-servernum --server-args="-screen 0 1280x900x24" \
  "$(e2e_venv)/bin/python" tests/install/check_installed.py "$@"; }

if dpkg -s purse >/dev/null 2>&1; then apt-get remove -y --purge purse >/dev/null; fi
echo "== install $(basename "$old_deb") ($(du -k "$old_deb" | cut -f1) KiB)"
apt-get install -y "$(realpath "$old_deb")" >/dev/null
dpkg -s purse | grep -E '^(Version|Depends|Installed-Size):'
for file in "$installed" /usr/share/applications/Purse.desktop /usr/share/icons/hicolor/128x128/apps/purse-desktop.png; do
  [ -e "$file" ] || die "the package did not install $file"
done
check first "$installed" "$data_dir"
echo "== start-up and memory of the installed app (tests/install/measure_start.py)"
xvfb-run --auto-servernum --server-args="-screen 0 1280x900x24" \
  python3 tests/install/measure_start.py "$installed" "$data_dir" "${PURSE_START_RUNS:-5}"

echo "== upgrade to $next with the wallet in place"
apt-get install -y "$(realpath "$new_deb")" >/dev/null
[ "$(dpkg-query -W -f='${Version}' purse)" = "$next" ] || die "the upgrade did not install $next"
check upgraded "$installed" "$data_dir"

echo "== remove"
apt-get remove -y --purge purse >/dev/null
left=$(dpkg -L purse 2>/dev/null || true)
[ ! -e "$installed" ] && [ ! -e /usr/share/applications/Purse.desktop ] && [ -z "$left" ] \
  || die "removing the package left files behind"
[ -d "$data_dir" ] && echo "the user's wallet folder is theirs and stays: $data_dir"
rm -rf "$work"
echo "install test: installed, started at home, upgraded with the wallet intact, removed"
