#!/usr/bin/env python3
"""A fleet inventory for `eol audit` benchmarks: ROWS rows of `product,version,host`.

Products and lines come from `eol export lifecycle` (a CSV given with --lifecycle), so every
row names a real product id and one of its numbered lines, with a patch level; about 1 row in
100 names a product the rules do not know. Hosts repeat (a fleet runs the same software on many
machines), so the inventory has many rows and few distinct (product, version) pairs, as real
ones do. Deterministic for a seed. Not committed: generate it where it is measured.

    eol export lifecycle -o lifecycle.csv --at 2026-12-01
    python3 scripts/gen-inventory.py --rows 10000000 --lifecycle lifecycle.csv -o inventory-10m.csv
"""

import argparse
import csv
import random
import re


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--lifecycle", required=True, help="the CSV of `eol export lifecycle`")
    parser.add_argument("-o", "--output", required=True)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()

    numbered = re.compile(r"^[0-9]+(\.[0-9]+)*$")
    lines = []
    seen = set()
    with open(args.lifecycle, newline="") as f:
        for row in csv.DictReader(f):
            key = (row["product"], row["line"])
            if key not in seen and numbered.match(row["line"]):
                seen.add(key)
                lines.append(key)
    rng = random.Random(args.seed)
    # Versions: each line with a few patch levels, as a fleet has them.
    versions = []
    for product, line in lines:
        for _ in range(3):
            versions.append((product, f"{line}.{rng.randrange(0, 30)}"))
    unknown = [(f"internal-tool-{i}", f"{rng.randrange(1, 9)}.{rng.randrange(0, 20)}") for i in range(50)]
    chunk = 100_000
    with open(args.output, "w", newline="") as out:
        out.write("product,version,host\n")
        written = 0
        while written < args.rows:
            n = min(chunk, args.rows - written)
            picks = rng.choices(versions, k=n)
            hosts = rng.choices(range(20_000), k=n)
            rows = []
            for (product, version), host in zip(picks, hosts):
                if rng.random() < 0.01:
                    product, version = rng.choice(unknown)
                rows.append(f"{product},{version},host-{host:05d}\n")
            out.write("".join(rows))
            written += n


if __name__ == "__main__":
    main()
