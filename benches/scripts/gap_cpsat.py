#!/usr/bin/env python3
"""Reference values for GAP instances from OR-Tools CP-SAT: best objective and lower bound.

Reads OR-Library `gap` files (one instance each, minimisation), solves each with CP-SAT under a
time limit and a number of workers, and writes (or extends) a CSV:
`instance,m,n,cpsat_objective,cpsat_bound,status,seconds,workers,time_limit,ortools`.
Instances already in the CSV are skipped, so an interrupted run can be resumed.

usage: gap_cpsat.py CSV FILE... [--time-limit 60] [--workers 2]
needs: pip install ortools (e.g. in a venv under target/)
"""
import argparse
import csv
import os
import time

from ortools.sat.python import cp_model
import ortools

FIELDS = ["instance", "m", "n", "cpsat_objective", "cpsat_bound", "status", "seconds",
          "workers", "time_limit", "ortools"]


def read(path: str):
    with open(path) as f:
        nums = [int(t) for t in f.read().split()]
    m, n = nums[0], nums[1]
    at = 2
    costs = [nums[at + i * n: at + (i + 1) * n] for i in range(m)]
    at += m * n
    weights = [nums[at + i * n: at + (i + 1) * n] for i in range(m)]
    at += m * n
    caps = nums[at: at + m]
    assert at + m == len(nums), f"{path}: one instance per file"
    return m, n, costs, weights, caps


def solve(path: str, limit: float, workers: int):
    m, n, costs, weights, caps = read(path)
    model = cp_model.CpModel()
    x = [[model.NewBoolVar(f"x{i}_{j}") for j in range(n)] for i in range(m)]
    for j in range(n):
        model.AddExactlyOne(x[i][j] for i in range(m))
    for i in range(m):
        model.Add(sum(weights[i][j] * x[i][j] for j in range(n)) <= caps[i])
    model.Minimize(sum(costs[i][j] * x[i][j] for i in range(m) for j in range(n)))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = limit
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = 0
    t = time.monotonic()
    status = solver.Solve(model)
    secs = time.monotonic() - t
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    return {
        "instance": os.path.basename(path),
        "m": m,
        "n": n,
        "cpsat_objective": int(solver.ObjectiveValue()) if found else "",
        "cpsat_bound": int(-(-solver.BestObjectiveBound() // 1)),
        "status": solver.StatusName(status),
        "seconds": f"{secs:.1f}",
        "workers": workers,
        "time_limit": limit,
        "ortools": ortools.__version__,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("csv")
    ap.add_argument("files", nargs="+")
    ap.add_argument("--time-limit", type=float, default=60.0)
    ap.add_argument("--workers", type=int, default=2)
    a = ap.parse_args()
    done = set()
    if os.path.exists(a.csv):
        with open(a.csv, newline="") as f:
            done = {r["instance"] for r in csv.DictReader(f)}
    new = not os.path.exists(a.csv)
    with open(a.csv, "a", newline="") as f:
        w = csv.DictWriter(f, FIELDS)
        if new:
            w.writeheader()
        for path in a.files:
            if os.path.basename(path) in done:
                continue
            row = solve(path, a.time_limit, a.workers)
            w.writerow(row)
            f.flush()
            print(row, flush=True)


if __name__ == "__main__":
    main()
