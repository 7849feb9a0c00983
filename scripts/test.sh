#!/usr/bin/env bash
# README command 2: installs whatever is missing, then runs every test, cheapest failures first:
#   formatting → UI lint, type check, Vitest, build → clippy → cargo test (in a D-Bus session with its own
#   unlocked gnome-keyring) → Open Banking conformance of the sandbox → the desktop build (UI embedded) →
#   the end-to-end WebDriver suite under Xvfb.
# Stops at the first failing stage and names it. Each stage's output is also kept in
# $CARGO_TARGET_DIR/purse-test-logs/ (or target/purse-test-logs/). CI=true is honoured (no colours).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/common.sh
[ -d "$HOME/.cargo/bin" ] && PATH="$HOME/.cargo/bin:$PATH"

if [ "${CI:-}" = true ] || [ ! -t 1 ]; then
  export CARGO_TERM_COLOR=never NO_COLOR=1 FORCE_COLOR=0 npm_config_color=false
fi

logs="$(cargo_target_dir)/purse-test-logs"
rm -rf "$logs" && mkdir -p "$logs"
started=$SECONDS
timings=()
number=0

minutes() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }

# The runners' own closing lines, gathered from the logs (ANSI colours stripped).
closing_lines() {
  local plain='s/\x1b\[[0-9;]*[A-Za-z]//g'
  local cargo_log vitest_log pytest_log
  cargo_log=$(ls "$logs"/*-cargo-test.log 2>/dev/null || true)
  vitest_log=$(ls "$logs"/*-ui-tests.log 2>/dev/null || true)
  pytest_log=$(ls "$logs"/*-end-to-end.log 2>/dev/null || true)
  if [ -n "$cargo_log" ]; then
    sed "$plain" "$cargo_log" | awk '
      /^test result:/ { suites++; for (i = 1; i <= NF; i++) {
          if ($(i) ~ /^passed;?$/) passed += $(i - 1); if ($(i) ~ /^failed;?$/) failed += $(i - 1);
          if ($(i) ~ /^ignored;?$/) ignored += $(i - 1) }
        if ($0 !~ / 0 passed; 0 failed;/) print "  cargo test: " $0 }
      END { if (suites) printf "  cargo test, all %d test binaries: %d passed, %d failed, %d ignored\n",
              suites, passed, failed, ignored }'
  fi
  if [ -n "$vitest_log" ]; then
    sed "$plain" "$vitest_log" | grep -E '^ *(Test Files|Tests) ' | sed 's/^ */  vitest: /'
  fi
  if [ -n "$pytest_log" ]; then
    sed "$plain" "$pytest_log" | grep -E '^=+ .*(passed|failed|error).* in [0-9.]+s' | tail -n1 | sed 's/^/  pytest: /'
  fi
}

summary() {
  echo
  echo "──────── summary ────────"
  printf '%s\n' "${timings[@]}"
  closing_lines
  echo "  logs: $logs"
}

# stage NAME SLUG COMMAND...: runs one stage, tee'ing its output to a log; on failure, stops everything.
stage() {
  local name=$1 slug=$2 log start status
  shift 2
  number=$((number + 1))
  log="$logs/$(printf '%02d' "$number")-$slug.log"
  say "[$number] $name"
  start=$SECONDS
  set +e
  "$@" 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  set -e
  local took=$((SECONDS - start))
  if [ "$status" -ne 0 ]; then
    timings+=("  FAILED  $(minutes "$took")  $name")
    summary
    echo
    echo "FAILED at stage [$number] $name (exit code $status, after $(minutes $((SECONDS - started)))). Its log: $log"
    exit 1
  fi
  timings+=("  ok      $(minutes "$took")  $name")
}

in_ui() { (cd ui && "$@"); }

# The shared conformance tool lives beside the project (../shared), not in it: where a clone has no
# ../shared, the stage says so and passes rather than failing a check it cannot run.
conformance_stage() {
  if [ -x "${OB_CONFORMANCE:-../shared/tools/ob-conformance}" ]; then
    scripts/conformance.sh --build
  else
    echo "skipped: ${OB_CONFORMANCE:-../shared/tools/ob-conformance} is not here"
  fi
}

stage "dependencies (apt, Rust, Node, npm, tauri-driver, Python venv)" deps scripts/install-deps.sh --for-test
stage "cargo fmt --check" cargo-fmt cargo fmt --all --check
stage "UI lint (prettier, eslint)" ui-lint in_ui npm run lint
stage "UI type check (svelte-check)" ui-check in_ui npm run check
stage "UI tests (vitest)" ui-tests in_ui npm test
# Before clippy: the desktop crate embeds ui/dist at compile time.
stage "UI build (vite)" ui-build in_ui npm run build
stage "cargo clippy -D warnings" clippy cargo clippy --workspace --all-targets -- -D warnings
stage "cargo test (workspace, with a keyring)" cargo-test scripts/with-keyring.sh cargo test --workspace
stage "Open Banking conformance of the sandbox (schemathesis)" conformance conformance_stage
stage "desktop app build (UI embedded)" desktop-build build_desktop
stage "end-to-end (tauri-driver, Xvfb)" end-to-end env PURSE_SKIP_INSTALL=1 scripts/e2e.sh --no-build

summary
echo
echo "PASSED: all $number stages in $(minutes $((SECONDS - started)))"
