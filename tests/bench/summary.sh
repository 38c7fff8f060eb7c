#!/usr/bin/env bash
# Prints the figures `make bench` recorded (one "figure<TAB>now<TAB>goal"
# line each, in $1) as issue 16's table: every figure beside its goal.
set -euo pipefail
figures=${1:?the figures file}
echo
echo "| figure | now | goal |"
echo "|---|---|---|"
awk -F '\t' '{ printf "| %s | %s | %s |\n", $1, $2, $3 }' "$figures"
