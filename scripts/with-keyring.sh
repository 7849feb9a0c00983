#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with its own unlocked gnome-keyring (the Secret Service
# that the `keyring` crate talks to on Linux), so tests can store and read secrets on a headless machine
# without touching the user's own keyring. Usage: scripts/with-keyring.sh COMMAND [ARGS...]
# The session bus's chatter (service activations, portal warnings) goes to $PURSE_DBUS_LOG, not the console.
set -euo pipefail
if [ -n "${PURSE_AS_DBUS_DAEMON:-}" ]; then
  # Called by dbus-run-session as its daemon (see below): the real one, with its noise sent away.
  exec dbus-daemon "$@" 2>>"${PURSE_DBUS_LOG:-/dev/null}"
fi
if [ -z "${PURSE_KEYRING_SESSION:-}" ]; then
  PURSE_AS_DBUS_DAEMON=1 exec dbus-run-session --dbus-daemon="$(readlink -f "$0")" -- \
    env -u PURSE_AS_DBUS_DAEMON PURSE_KEYRING_SESSION=1 "$0" "$@"
fi
# A throwaway keyring directory: the user's login keyring is never opened or changed.
keyrings=$(mktemp -d "${TMPDIR:-/tmp}/purse-keyring.XXXXXX")
trap 'rm -rf "$keyrings"' EXIT
while IFS= read -r line; do
  [ -n "$line" ] && export "${line?}"
done < <(printf 'purse-test' | XDG_DATA_HOME="$keyrings" gnome-keyring-daemon --unlock --components=secrets)
"$@"
