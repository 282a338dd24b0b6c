#!/usr/bin/env bash
# Rebuild every library catalog from the endoflife.date exports kept in rules/endoflife/,
# and each catalog's sources record (rules/NAME.sources.toml: the export it came from and
# the newest date in it; docs/sources.md). Repeatable: the committed rules/*.releases.csv
# and rules/*.sources.toml are exactly this script's output (tests check both). To refresh
# the library, replace the exports with current ones and run it again.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --release
for src in rules/endoflife/*.csv; do
  product=$(basename "$src" .csv)
  case "$product" in FORMULAS|REASONS) continue ;; esac
  # catalogs written from the project's own records (rules/endoflife/OWN-RECORDS.txt)
  if grep -q "^$product " rules/endoflife/OWN-RECORDS.txt; then continue; fi
  ./target/release/eol import endoflife-csv "$src" --product "$product" -o "rules/$product.releases.csv"
done
