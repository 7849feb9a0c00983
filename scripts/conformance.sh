#!/usr/bin/env bash
# Checks the sandbox bank's AISP and PISP against the official UK Open Banking v3.1.11 spec with the shared
# schemathesis tool (../shared/tools/ob-conformance, or $OB_CONFORMANCE): the AISP data paths with a
# customer's access token, the consent and payment paths with a client token. Starts its own sandbox on a
# free port with a fresh database and stops it afterwards.
#
# Passes when schemathesis finds nothing but the one known false report, ST202 on a malformed
# `x-fapi-auth-date` that the tool itself sends and calls valid (see crates/bank-sandbox/README.md).
#   scripts/conformance.sh [--build]     --build: build the sandbox binary first
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/common.sh
[ -d "$HOME/.cargo/bin" ] && PATH="$HOME/.cargo/bin:$PATH"

tool=${OB_CONFORMANCE:-$(cd .. && pwd)/shared/tools/ob-conformance}
[ -x "$tool" ] || die "the conformance tool is missing: $tool (set OB_CONFORMANCE)"
[ "${1:-}" = --build ] && cargo build -q -p bank-sandbox
sandbox="$(cargo_target_dir)/debug/bank-sandbox"
[ -x "$sandbox" ] || die "$sandbox is missing: run with --build"

work=$(mktemp -d "${TMPDIR:-/tmp}/purse-conformance.XXXXXX")
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$sandbox" serve --port "$port" --db "$work/bank.db" >"$work/sandbox.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
base=http://127.0.0.1:$port
# Any HTTP answer (a 401 here) means it listens; the first start seeds two years of history.
for attempt in $(seq 150); do
  curl -s -o /dev/null "$base/open-banking/v3.1/aisp/accounts" && break
  [ "$attempt" -lt 150 ] || { cat "$work/sandbox.log"; die "the sandbox did not start on $base"; }
  sleep 0.2
done

customer_token=$("$sandbox" token --customer demo --db "$work/bank.db")
client_token=$(curl -s -d grant_type=client_credentials -d client_id=purse-desktop "$base/oauth2/token" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])')

data_paths='^/(accounts|accounts/\{AccountId\}|accounts/\{AccountId\}/balances|accounts/\{AccountId\}/transactions|accounts/\{AccountId\}/statements|balances|transactions)$'
failed=false
# check NAME TOKEN API REGEX: runs the tool and accepts only the known false report.
check() {
  local name=$1 token=$2 api=$3 regex=$4 log="$work/${1// /-}.log"
  say "conformance: $name"
  # From the scratch folder: schemathesis leaves a .schemathesis/ cache wherever it runs.
  (cd "$work" && "$tool" "$base" "$token" "$api" --include-path-regex "$regex" --output-sanitize false) >"$log" 2>&1 || true
  grep -E '^Test cases:|generated,' "$log" | sed 's/^/  /'
  local kinds unexpected
  kinds=$(grep -E '^ *❌ [A-Z]+[0-9]+ ' "$log" | sed -E 's/^ *❌ ([A-Z]+[0-9]+) .*/\1/' | sort -u)
  unexpected=$(printf '%s\n' "$kinds" | grep -v -x -e ST202 -e '' || true)
  if [ -n "$unexpected" ]; then
    echo "  unexpected failures: $unexpected (log below)"; cat "$log"; failed=true; return
  fi
  # Every ST202 must be the tool's own malformed x-fapi-auth-date.
  local st202 explained
  st202=$(grep -c 'ST202 Schema-valid request rejected$' "$log" || true)
  explained=$(grep -c "x-fapi-auth-date must be an RFC 7231 date" "$log" || true)
  if [ "$st202" -ne "$explained" ]; then
    echo "  $st202 ST202 reports but only $explained are the known x-fapi-auth-date one (log below)"; cat "$log"
    failed=true; return
  fi
  grep -q ' in [0-9.]*s =*$' "$log" || { echo "  the tool did not finish (log below)"; cat "$log"; failed=true; return; }
  echo "  ok: only the known x-fapi-auth-date report ($st202 operations)"
}
check "AISP data" "$customer_token" aisp "$data_paths"
check "AISP consents" "$client_token" aisp '^/account-access-consents'
check "PISP domestic payments" "$client_token" pisp '^/domestic-payment'
check "PISP international payments" "$client_token" pisp '^/international-payment'
$failed && die "the sandbox does not conform (see above)"
say "conformance: passed"
