#!/usr/bin/env bash
# Prints the size of the release bundle's WebAssembly and JavaScript, raw and
# gzipped, so `make bench` shows what each dependency costs.
set -euo pipefail
dist=${1:-dist}
printf '%-48s %10s %10s\n' "bundle file" "raw bytes" "gzip -9"
for file in "$dist"/*.wasm "$dist"/*.js; do
  [ -f "$file" ] || continue
  printf '%-48s %10d %10d\n' "$(basename "$file")" "$(stat -c %s "$file")" "$(gzip -9c "$file" | wc -c)"
done
