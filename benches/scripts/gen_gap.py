#!/usr/bin/env python3
"""Seeded generator of hard GAP instances, types D and E, in OR-Library's `gap` format.

Both types are **minimisation** problems (maximised they are trivial) with costs inversely
correlated with weights and tight capacities, as defined in the literature:

* Type D (Chu & Beasley 1997, after Martello & Toth):
  w_ij ~ U{1..100}, c_ij = 111 - w_ij + e_ij with e_ij ~ U{-10..10},
  b_i = floor(0.8 * sum_j w_ij / m).
* Type E (Laguna, Kelly, Gonzalez-Velarde & Glover 1995; used by Yagiura, Ibaraki & Glover
  2004/2006): w_ij = floor(1 - 10 ln x_ij) with x_ij ~ U(0, 1] (so w_ij >= 1, mean about 10,
  exponential tail), c_ij = floor(1000 / w_ij - 10 y_ij) with y_ij ~ U[0, 1),
  b_i = floor(0.8 * sum_j w_ij / m). A cost can be slightly negative when w_ij > 100; that is
  allowed by the format and the solver.

All draws use Python's `random.Random(seed)` (Mersenne Twister), so a seed gives the same file
on any machine. The seed of an instance is derived from its type, m and n and the base seed,
so adding sizes does not change the others.

Output: `m n`, then m rows of n costs, m rows of n weights, m capacities (the layout
`huzhu-solve gap FILE` reads), one file per instance named like the published ones
(`d05100` = type D, 5 agents, 100 jobs).

usage: gen_gap.py OUT_DIR [--seed N] [--types DE] [--sizes m:n,m:n,...]
The default sizes are those of the literature up to 1600 jobs:
5/10/20 x 100, 5/10/20 x 200, 10/20/40 x 400, 20/40/80 x 800, 40/80 x 1600.
"""
import argparse
import math
import os
import random

DEFAULT_SIZES = [
    (5, 100), (10, 100), (20, 100),
    (5, 200), (10, 200), (20, 200),
    (10, 400), (20, 400), (40, 400),
    (20, 800), (40, 800), (80, 800),
    (40, 1600), (80, 1600),
]


def instance(kind: str, m: int, n: int, seed: int):
    rng = random.Random(f"{kind}-{m}-{n}-{seed}")
    costs = [[0] * n for _ in range(m)]
    weights = [[0] * n for _ in range(m)]
    for i in range(m):
        for j in range(n):
            if kind == "d":
                w = rng.randint(1, 100)
                c = 111 - w + rng.randint(-10, 10)
            elif kind == "e":
                x = 1.0 - rng.random()  # in (0, 1]
                w = math.floor(1.0 - 10.0 * math.log(x))
                c = math.floor(1000.0 / w - 10.0 * rng.random())
            else:
                raise ValueError(f"unknown type {kind!r}")
            costs[i][j] = c
            weights[i][j] = w
    caps = [math.floor(0.8 * sum(weights[i]) / m) for i in range(m)]
    return costs, weights, caps


def write(path: str, costs, weights, caps) -> None:
    m, n = len(costs), len(costs[0])
    with open(path, "w") as f:
        f.write(f"{m} {n}\n")
        for rows in (costs, weights):
            for r in rows:
                f.write(" ".join(map(str, r)) + "\n")
        f.write(" ".join(map(str, caps)) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out_dir")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--types", default="de")
    ap.add_argument("--sizes", default=None, help="m:n,m:n,... (default: the literature's)")
    a = ap.parse_args()
    sizes = DEFAULT_SIZES
    if a.sizes:
        sizes = [tuple(int(x) for x in s.split(":")) for s in a.sizes.split(",")]
    os.makedirs(a.out_dir, exist_ok=True)
    for kind in a.types.lower():
        for m, n in sizes:
            name = f"{kind}{m:02d}{n}"
            write(os.path.join(a.out_dir, name), *instance(kind, m, n, a.seed))
            print(name)


if __name__ == "__main__":
    main()
