#!/usr/bin/env bash
# Runs every test layer (formatting, lints, native tests, browser unit
# tests, end-to-end tests), keeps going after a failure so the report is
# complete, and ends with one line: "N passed, N failed". Exits non-zero if
# anything failed. Called by `make test`, which installs the tools first.
set -uo pipefail
cd "$(dirname "$0")/.."
logs=target/test-logs
mkdir -p "$logs"

passed=0
failed=0
broken=()

# Add up "N passed; M failed" from cargo's and the e2e script's result lines.
tally() {
  local p f
  p=$(grep -Eo '[0-9]+ passed; [0-9]+ failed' "$1" | awk '{s += $1} END {print s + 0}')
  f=$(grep -Eo '[0-9]+ passed; [0-9]+ failed' "$1" | awk '{s += $3} END {print s + 0}')
  passed=$((passed + p))
  failed=$((failed + f))
}

# A layer whose output has test counts.
tests_layer() {
  local name=$1
  shift
  echo "=== $name: $*"
  if "$@" 2>&1 | tee "$logs/$name.log"; then
    tally "$logs/$name.log"
  else
    tally "$logs/$name.log"
    broken+=("$name")
    # A layer that failed without reporting a failed test still counts once.
    grep -Eq '[0-9]+ passed; [1-9][0-9]* failed' "$logs/$name.log" || failed=$((failed + 1))
  fi
}

# A check that passes or fails as a whole (formatting, lints, builds).
check_layer() {
  local name=$1
  shift
  echo "=== $name: $*"
  if "$@" 2>&1 | tee "$logs/$name.log"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    broken+=("$name")
  fi
}

check_layer fmt cargo fmt --check
check_layer clippy cargo clippy --all-targets -- -D warnings
check_layer clippy-wasm cargo clippy --target wasm32-unknown-unknown --lib --bins -- -D warnings
tests_layer native cargo test --no-fail-fast
tests_layer browser cargo test --target wasm32-unknown-unknown --test web
check_layer build trunk build --release
if [ -f dist/index.html ]; then
  tests_layer e2e node tests/e2e/run.mjs dist
fi

if [ ${#broken[@]} -gt 0 ]; then
  echo "failing layers: ${broken[*]} (logs in $logs/)"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
