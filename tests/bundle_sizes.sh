#!/usr/bin/env bash
# Prints the size of the release bundles' WebAssembly and JavaScript, raw
# and gzipped, so `make bench` shows what each dependency costs: the lesson
# app (dist/) and, beside it, the lab page (dist/lab/), which alone carries
# the script engine.
set -euo pipefail
dist=${1:-dist}
printf '%-8s %-48s %10s %10s\n' "bundle" "file" "raw bytes" "gzip -9"
for bundle in lesson lab; do
  dir=$dist
  [ "$bundle" = lab ] && dir=$dist/lab
  for file in "$dir"/*.wasm "$dir"/*.js; do
    [ -f "$file" ] || continue
    printf '%-8s %-48s %10d %10d\n' "$bundle" "$(basename "$file")" "$(stat -c %s "$file")" "$(gzip -9c "$file" | wc -c)"
  done
done
