#!/usr/bin/env bash
# Where the release wasm's bytes go (`make size-profile`). The release build
# (`trunk build --release`) strips function names, so this rebuilds the same
# bytes with names kept: wasm-bindgen on cargo's release output, then
# wasm-opt -Oz as trunk runs it, keeping the name section. twiggy (pinned by
# the Makefile) then lists the largest items, and the code and data summed
# by the crate each item's name starts with (an approximation: a generic
# counts where it is defined, not where it is used; drop glue counts with
# the type it drops).
set -euo pipefail
target=${CARGO_TARGET_DIR:-target}
out=$target/size-profile
mkdir -p "$out"
wasm-bindgen --target web --out-dir "$out" "$target/wasm32-unknown-unknown/release/many_nodes.wasm"
wasm-opt -Oz --debuginfo --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$out/many_nodes_bg.wasm" -o "$out/named.wasm"

echo "== the largest items (names kept; the release strips the name section) =="
twiggy top -n 25 "$out/named.wasm" | cut -c1-150

echo
echo "== by crate (the name section left out) =="
twiggy top -n 1000000 --format csv "$out/named.wasm" | awk -F, '
  NR == 1 { next }
  {
    name = $1
    for (i = 2; i <= NF - 4; i++) name = name "," $i
    bytes = $(NF - 3)
    if (name ~ /function names/ || name ~ /^"?Σ/) next
    sub(/^"?core::ptr::drop_in_place</, "", name)
    crate = "other"
    if (name ~ /data segment/) crate = "data (strings, tables)"
    else if (match(name, /[a-z_][a-z0-9_]*::/)) crate = substr(name, RSTART, RLENGTH - 2)
    sum[crate] += bytes; total += bytes
  }
  END {
    for (c in sum) printf "%10d  %5.1f%%  %s\n", sum[c], 100 * sum[c] / total, c
    printf "%10d  100.0%%  total\n", total
  }' | sort -rn | head -25
