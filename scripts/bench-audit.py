#!/usr/bin/env python3
"""`eol audit` at fleet scale, against DuckDB and a plain `csv`-crate scan (docs/performance.md).

Generates (once) an inventory of ROWS rows with scripts/gen-inventory.py, exports the lifecycle
table, then runs, RUNS times each and interleaved so that all three see the same machine:

- `eol audit inventory.csv --format csv > /dev/null` (every row's finding, written out);
- DuckDB (Python package, all cores) running docs/audit.md's query over the same CSV and the
  exported table, its result written as CSV to /dev/null;
- `csv_scan` (crates/eol-engine/examples): the csv crate reading every record as text, and
  `--copy`, reading and writing every record.

Each run is timed and its peak memory taken with /usr/bin/time -v, niced (the machine is
shared). Prints a Markdown table of medians and the load average before and after.

    python3 scripts/bench-audit.py                 # 10,000,000 rows, 5 runs
    ROWS=1000000 RUNS=3 python3 scripts/bench-audit.py
    EOL_BEFORE=/tmp/eol-before python3 scripts/bench-audit.py   # also an earlier build, same runs

EOL_BEFORE names another `eol` binary (say, a copy of target/release/eol made before a change)
that runs the same audit as one more interleaved command, for before/after tables.
"""

import os
import re
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROWS = int(os.environ.get("ROWS", "10000000"))
RUNS = int(os.environ.get("RUNS", "5"))
AT = os.environ.get("AT", "2026-12-01")
DIR = Path(os.environ.get("BENCH_DIR", ROOT / "target" / "bench-audit"))


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def timed(cmd, stdout=subprocess.DEVNULL):
    """Wall seconds and peak resident memory (MiB) of a niced command."""
    full = ["/usr/bin/time", "-v", "nice", "-n", "10"] + cmd
    p = subprocess.run(full, stdout=stdout, stderr=subprocess.PIPE, text=True, cwd=DIR)
    if p.returncode not in (0, 1):
        sys.exit(f"{cmd} failed ({p.returncode}):\n{p.stderr[-2000:]}")
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", p.stderr).group(1)
    parts = [float(x) for x in wall.split(":")]
    seconds = sum(v * 60 ** i for i, v in enumerate(reversed(parts)))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1)) / 1024
    return seconds, rss


def duckdb_script():
    doc = (ROOT / "docs" / "audit.md").read_text()
    sql = doc[doc.index("<!-- duckdb-agreement -->"):]
    sql = sql[sql.index("```sql\n") + 7:]
    sql = sql[: sql.index("```")]
    statements = [s.strip() for s in sql.split(";") if s.strip()]
    *setup, query = statements
    setup_sql = ";\n".join(setup).replace("DATE '2026-12-01'", f"DATE '{AT}'")
    return (
        "import duckdb\n"
        "con = duckdb.connect()\n"
        f"for s in {setup_sql.split(';')!r}:\n"
        "    con.execute(s)\n"
        f"con.execute({('COPY (' + query + ') TO ' + repr('/dev/null') + ' (FORMAT csv, HEADER)')!r})\n"
    )


def load():
    return open("/proc/loadavg").read().split()[:3]


def main():
    DIR.mkdir(parents=True, exist_ok=True)
    sh(["cargo", "build", "--quiet", "--release", "-p", "eol-cli"], cwd=ROOT)
    sh(["cargo", "build", "--quiet", "--release", "-p", "eol-engine", "--example", "csv_scan"], cwd=ROOT)
    eol = str(ROOT / "target" / "release" / "eol")
    scan = str(ROOT / "target" / "release" / "examples" / "csv_scan")
    sh([eol, "export", "lifecycle", "--at", AT, "-o", str(DIR / "lifecycle.csv")], stderr=subprocess.DEVNULL)
    inventory = DIR / f"inventory-{ROWS}.csv"
    if not inventory.exists():
        sh([sys.executable, str(ROOT / "scripts" / "gen-inventory.py"), "--rows", str(ROWS),
            "--lifecycle", str(DIR / "lifecycle.csv"), "-o", str(inventory)])
    (DIR / "inventory.csv").unlink(missing_ok=True)
    (DIR / "inventory.csv").symlink_to(inventory.name)
    (DIR / "duck.py").write_text(duckdb_script())
    commands = {}
    if os.environ.get("EOL_BEFORE"):
        before_bin = str(Path(os.environ["EOL_BEFORE"]).resolve())
        commands["eol audit --format csv (EOL_BEFORE)"] = [
            before_bin, "audit", "inventory.csv", "--format", "csv", "--at", AT]
    commands |= {
        "eol audit --format csv": [eol, "audit", "inventory.csv", "--format", "csv", "--at", AT],
        "DuckDB (docs/audit.md query)": [sys.executable, "duck.py"],
        "csv_scan (read)": [scan, "inventory.csv"],
        "csv_scan --copy (read + write)": [scan, "inventory.csv", "--copy"],
    }
    before = load()
    results = {name: [] for name in commands}
    for run in range(RUNS):
        for name, cmd in commands.items():
            results[name].append(timed(cmd))
            print(f"run {run + 1} {name}: {results[name][-1][0]:.2f} s", file=sys.stderr)
    after = load()
    size = inventory.stat().st_size / 2**20
    print(f"{ROWS:,} rows, {size:.0f} MiB; {RUNS} runs each; load average before {' '.join(before)}, after {' '.join(after)}\n")
    print("| command | median | runs | peak memory |")
    print("| --- | --- | --- | --- |")
    medians = {}
    for name, rs in results.items():
        med = statistics.median(r[0] for r in rs)
        medians[name] = med
        runs = ", ".join(f"{r[0]:.2f}" for r in rs)
        print(f"| {name} | {med:.2f} s | {runs} | {max(r[1] for r in rs):.0f} MiB |")
    eol_t = medians["eol audit --format csv"]
    print(f"\nratio eol / DuckDB: {eol_t / medians['DuckDB (docs/audit.md query)']:.2f}")
    print(f"ratio eol / csv_scan (read): {eol_t / medians['csv_scan (read)']:.2f}")
    print(f"ratio eol / csv_scan --copy: {eol_t / medians['csv_scan --copy (read + write)']:.2f}")
    if "eol audit --format csv (EOL_BEFORE)" in medians:
        b = medians["eol audit --format csv (EOL_BEFORE)"]
        print(f"EOL_BEFORE: {b:.2f} s; ratio EOL_BEFORE / csv_scan (read): {b / medians['csv_scan (read)']:.2f}; "
              f"speed-up {b / eol_t:.2f}x")


if __name__ == "__main__":
    main()
