#!/usr/bin/env python3
"""Helper of gap_hard_bench.sh: runs the solver on generated hard GAP instances (types D/E,
see gen_gap.py) at one or more time limits and prints Markdown tables of the gap to the
reference values of gap_hard_refs.csv (CP-SAT's best objective and bound, see gap_cpsat.py).

gap % = (objective - CP-SAT best) / CP-SAT best (negative: huzhu found better);
LB gap % = (objective - best lower bound) / best lower bound, the best lower bound being the
larger of CP-SAT's and huzhu's own Lagrangian bound (a proven upper limit on the true gap).

usage: gap_hard_table.py DIR REFS_CSV LIMITS FILTER CMD...   (LIMITS: comma separated seconds)
Environment: GAP_RAW_OUT=FILE appends every run as a JSON line; GAP_RAW_IN=FILE renders the
tables from such a file instead of running the solver (the last run of an instance and limit
counts). Instances without a reference are listed without gaps.
"""
import csv
import json
import os
import re
import statistics
import subprocess
import sys
from collections import defaultdict


def run(cmd, path, limit):
    out = subprocess.run(cmd + [path, "--time-limit", limit], capture_output=True, text=True,
                         check=False)
    try:
        return json.loads(out.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        return None


def key(name: str):
    m = re.fullmatch(r"([a-z])(\d\d)(\d+)", name)
    return (m.group(1), int(m.group(3)), int(m.group(2))) if m else (name, 0, 0)


def main() -> None:
    d, refs_csv, limits, filt, cmd = (sys.argv[1], sys.argv[2], sys.argv[3].split(","),
                                      re.compile(sys.argv[4]), sys.argv[5:])
    known = {}
    if os.path.exists(refs_csv):
        with open(refs_csv, newline="") as f:
            known = {r["instance"]: r for r in csv.DictReader(f)}
    raw_in = {}
    if os.environ.get("GAP_RAW_IN"):
        with open(os.environ["GAP_RAW_IN"]) as f:
            for line in f:
                r = json.loads(line)
                raw_in[(r["instance"], r["limit"])] = r
    raw_out = open(os.environ["GAP_RAW_OUT"], "a") if os.environ.get("GAP_RAW_OUT") else None
    names = sorted((n for n in os.listdir(d) if filt.search(n)), key=key)
    refs = []
    for name in names:
        _, n, m = key(name)
        refs.append(known.get(name, {"instance": name, "m": m, "n": n, "cpsat_objective": "",
                                     "cpsat_bound": ""}))
    groups = defaultdict(lambda: defaultdict(list))
    print("gap % = (objective - CP-SAT best) / CP-SAT best; LB gap % = (objective - best lower "
          "bound) / best lower bound (best of CP-SAT's and huzhu's bounds)")
    print()
    print("| instance | m | n | CP-SAT best | CP-SAT bound | "
          + " | ".join(f"obj {t}s | gap % {t}s | LB gap % {t}s" for t in limits) + " |")
    print("|---|---|---|---|---|" + "---|---|---|" * len(limits))
    for r in refs:
        name = r["instance"]
        best = int(r["cpsat_objective"]) if r["cpsat_objective"] else None
        cells = []
        for t in limits:
            if raw_in:
                rep = raw_in.get((name, t))
            else:
                rep = run(cmd, f"{d}/{name}", t)
                if raw_out and rep is not None:
                    raw_out.write(json.dumps({"instance": name, "limit": t, **rep}) + "\n")
                    raw_out.flush()
            if best is None:
                cells.append(f"{rep and rep['objective']} | - | -")
                continue
            if rep is None or rep["objective"] >= 2**62:
                cells.append("fail | - | -")
                groups[(name[0], int(r["n"]))][t].append((float("inf"), float("inf")))
                continue
            obj = rep["objective"]
            lb = max(int(r["cpsat_bound"] or -2**62), rep.get("lower_bound") or -2**62)
            gap = 100.0 * (obj - best) / best
            lbgap = 100.0 * (obj - lb) / lb
            groups[(name[0], int(r["n"]))][t].append((gap, lbgap))
            cells.append(f"{obj} | {gap:.2f} | {lbgap:.2f}")
        print(f"| {name} | {r['m']} | {r['n']} | {best} | {r['cpsat_bound']} | "
              + " | ".join(cells) + " |")
    print()
    print("| type | n | instances | " + " | ".join(
        f"mean gap % {t}s | median gap % {t}s | max gap % {t}s | mean LB gap % {t}s"
        for t in limits) + " |")
    print("|---|---|---|" + "---|---|---|---|" * len(limits))
    for (kind, n), by_t in sorted(groups.items()):
        cells = []
        for t in limits:
            v = by_t[t]
            gaps = [g for g, _ in v]
            cells.append(f"{sum(gaps) / len(v):.2f} | {statistics.median(gaps):.2f} | "
                         f"{max(gaps):.2f} | "
                         f"{sum(l for _, l in v) / len(v):.2f}")
        print(f"| {kind.upper()} | {n} | {len(by_t[limits[0]])} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
