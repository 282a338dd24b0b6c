#!/usr/bin/env bash
# Rebuild every library catalog from the endoflife.date exports kept in rules/endoflife/.
# Repeatable: the committed rules/*.releases.csv are exactly this script's output (a test checks).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --release
for src in rules/endoflife/*.csv; do
  product=$(basename "$src" .csv)
  case "$product" in FORMULAS|REASONS) continue ;; esac
  ./target/release/eol import endoflife-csv "$src" --product "$product" -o "rules/$product.releases.csv"
done
