#!/usr/bin/env python3
"""Helper of gap_bench.sh: runs the solver per instance, prints a Markdown gap table.

usage: gap_table.py DATA_DIR TIME_LIMIT FILTER CMD...
"""
import csv
import json
import re
import subprocess
import sys
from collections import defaultdict


def main() -> None:
    data, limit, filt, cmd = sys.argv[1], sys.argv[2], re.compile(sys.argv[3]), sys.argv[4:]
    rows = []
    with open(f"{data}/data.csv", newline="") as f:
        for r in csv.DictReader(f):
            if filt.search(r["Path"]):
                rows.append(r)
    groups = defaultdict(list)
    print(f"time limit {limit} s; gap = (objective - best known) / best known; "
          "bound gap = (objective - lower bound) / objective")
    print()
    print("| instance | m | n | best known | objective | lower bound | gap % | bound gap % | s |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        path = r["Path"]
        best = int(r["Best known solution value"])
        out = subprocess.run(cmd + [f"{data}/{path}", "--time-limit", limit],
                             capture_output=True, text=True, check=False)
        try:
            rep = json.loads(out.stdout.strip().splitlines()[-1])
        except (IndexError, json.JSONDecodeError):
            print(f"| {path} | error: {out.stderr.strip()} |")
            continue
        obj, lb = rep["objective"], rep["lower_bound"]
        gap = 100.0 * (obj - best) / best
        bgap = 100.0 * (obj - lb) / obj if lb is not None else float("nan")
        name = path.split("/")[-1]
        group = name[0] if not name.startswith("gap") else "gap1-12"
        groups[group].append(gap)
        if lb is not None and lb > best:
            print(f"!! lower bound {lb} above best known {best} for {path}", file=sys.stderr)
        print(f"| {path} | {r['Agent number']} | {r['Item number']} | {best} | {obj} | {lb} "
              f"| {gap:.2f} | {bgap:.2f} | {rep['seconds']:.2f} |")
    print()
    for g, v in sorted(groups.items()):
        print(f"mean gap {g}: {sum(v) / len(v):.3f}% over {len(v)} instances "
              f"(max {max(v):.2f}%, at best known: {sum(1 for x in v if x <= 0)})")


if __name__ == "__main__":
    main()
