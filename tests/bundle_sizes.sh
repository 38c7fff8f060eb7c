#!/usr/bin/env bash
# Prints the size of the release bundles' WebAssembly and JavaScript, raw
# and gzipped, so `make bench` shows what each dependency costs: the lesson
# app (dist/) and, beside it, the lab page (dist/lab/), which alone carries
# the script engine and the editor. Then each page's bundle (its wasm and
# JS, not the offline worker) gzipped, beside its goal, added to
# $BENCH_FIGURES when that names a file.
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

# figure NAME DIR GOAL: the bundle in DIR, gzipped, in kB (1,000 bytes).
figure() {
  local wasm=0 js=0 file
  for file in "$2"/*.wasm; do [ -f "$file" ] && wasm=$((wasm + $(gzip -9c "$file" | wc -c))); done
  for file in "$2"/*.js; do
    [ -f "$file" ] && [ "$(basename "$file")" != offline.js ] && js=$((js + $(gzip -9c "$file" | wc -c)))
  done
  local now="$(((wasm + js + 500) / 1000)) KB (wasm $(((wasm + 500) / 1000)) KB)"
  echo "$1: $now (goal $3)"
  [ -z "${BENCH_FIGURES:-}" ] || printf '%s\t%s\t%s\n' "$1" "$now" "$3" >>"$BENCH_FIGURES"
}
figure "lesson bundle, wasm + JS gzipped" "$dist" "≤ 250 KB"
[ ! -d "$dist/lab" ] || figure "lab bundle, wasm + JS gzipped" "$dist/lab" "none set"
