#!/usr/bin/env python3
"""Lines per function and per file in the Rust sources under a directory (rustfmt layout:
a function ends at the first line that is its indentation followed by `}`)."""
import os, re, sys
root = sys.argv[1] if len(sys.argv) > 1 else "crates/eol-engine/src"
top = int(sys.argv[2]) if len(sys.argv) > 2 else 12
fn_re = re.compile(r'^(\s*)(?:pub(?:\([^)]*\))?\s+)?(?:const\s+)?fn\s+(\w+)')
fns, files = [], []
for d, _, names in os.walk(root):
    for n in names:
        if not n.endswith(".rs"):
            continue
        p = os.path.join(d, n)
        lines = open(p).read().split("\n")
        files.append((len(lines) - (lines[-1] == ""), os.path.relpath(p, root)))
        for i, l in enumerate(lines):
            m = fn_re.match(l)
            if not m or l.rstrip().endswith(";"):
                continue
            end = m.group(1) + "}"
            for j in range(i + 1, len(lines)):
                if lines[j] == end:
                    fns.append((j - i + 1, f"{os.path.relpath(p, root)}:{i+1} {m.group(2)}"))
                    break
fns.sort(reverse=True); files.sort(reverse=True)
print(f"functions over 100 lines: {sum(1 for n, _ in fns if n > 100)}")
for n, f in fns[:top]: print(f"  {n:5} {f}")
print("largest files:")
for n, f in files[:top]: print(f"  {n:5} {f}")
