#!/usr/bin/env python3
"""Write endoflife.date's data for products as the CSV export the library keeps in
rules/endoflife/ (`cycle,release_date,latest,latest_date,lts,eoas,eol,eoes`).

Reads the product pages (`products/PRODUCT.md`, YAML front matter) of a checkout of
github.com/endoflife-date/endoflife.date, at its HEAD commit:

    scripts/endoflife-export.py CHECKOUT PRODUCT... [-o DIR]

Without `-o`, the exports are printed one after the other; with it, each is written to
DIR/PRODUCT.csv. Each release becomes a row as the site's CSV export gives it: dates as
YYYY-MM-DD, `true`/`false` as written, an absent field empty. Then `scripts/import-endoflife.sh`
builds the catalogs (docs/catalogs.md). Needs PyYAML.
"""
import argparse
import csv
import datetime
import io
import subprocess
import sys

import yaml

HEADER = ["cycle", "release_date", "latest", "latest_date", "lts", "eoas", "eol", "eoes"]
FIELDS = ["releaseCycle", "releaseDate", "latest", "latestReleaseDate", "lts", "eoas", "eol", "eoes"]


def cell(value):
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def front_matter(checkout, product):
    page = subprocess.run(
        ["git", "-C", checkout, "show", f"HEAD:products/{product}.md"],
        capture_output=True, text=True, check=True,
    ).stdout
    parts = page.split("---", 2)
    if len(parts) < 3:
        raise ValueError(f"products/{product}.md has no front matter")
    return yaml.safe_load(parts[1])


def export(checkout, product):
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(HEADER)
    for release in front_matter(checkout, product).get("releases") or []:
        w.writerow([cell(release.get(f)) for f in FIELDS])
    return out.getvalue()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("checkout")
    ap.add_argument("products", nargs="+")
    ap.add_argument("-o", dest="out")
    args = ap.parse_args()
    for product in args.products:
        text = export(args.checkout, product)
        if args.out:
            with open(f"{args.out}/{product}.csv", "w", encoding="utf-8", newline="") as f:
                f.write(text)
        else:
            sys.stdout.write(text)


if __name__ == "__main__":
    main()
