#!/usr/bin/env python3
"""Seeded generator of three min-cost flow families, written in DIMACS (`p min`), so huzhu
(`huzhu-solve dimacs`), LEMON (`lemon_mcf dimacs`) and OR-Tools read the same files.

Every family is a transportation problem, the shape huzhu's FlowProblem takes: sources
(nodes 1..n, supply 1 each) send along arcs of capacity 1 to sinks (nodes n+1..n+m, demand
n/m each, equal). No lower bounds.

  dense      n x n complete bipartite assignment, costs uniform in 0..9999.
  geometric  n sources and m = n/4 sinks (demand 4) at uniform integer points of a
             1,000,000 square; each source has arcs to its 8 nearest sinks, cost = Euclidean
             distance rounded to an integer.
  ties       n sources, m = n/10 sinks (demand 10); each source has arcs to 10 distinct random
             sinks, costs uniform in 0..3 (so almost every choice ties).

Feasibility is built in: a random permutation gives each source one more sink (kept when it
is not among the arcs already), so a perfect assignment exists; that arc costs what any other
of its family does (geometric: its distance, dense: nothing added). All randomness comes from
numpy's default_rng(seed) (PCG64); neighbours come from scipy's cKDTree, exact up to ties in
distance. Numbers of a given seed are the same across numpy 1.17+ releases as far as numpy
keeps its stream promises; the results file records the optima so a change would show.

usage: gen_mcf.py FAMILY SIZE OUT [--seed N]   (SIZE is n, the number of sources)
"""
import argparse
import os

import numpy as np

FAMILIES = ("dense", "geometric", "ties")
SQUARE = 1_000_000


def _distinct_rows(rng, first, m, d):
    """Per row: `first` then d - 1 more distinct random sinks in 0..m (redrawn until distinct)."""
    n = first.shape[0]
    cols = np.empty((n, d), np.int64)
    cols[:, 0] = first
    cols[:, 1:] = rng.integers(0, m, size=(n, d - 1))
    while True:
        order = np.argsort(cols, axis=1, kind="stable")
        srt = np.take_along_axis(cols, order, axis=1)
        dup_sorted = np.zeros_like(srt, dtype=bool)
        dup_sorted[:, 1:] = srt[:, 1:] == srt[:, :-1]
        if not dup_sorted.any():
            return cols
        # A stable sort keeps the first of equal values first, so the permutation's column
        # (column 0) is never the one flagged.
        dup = np.zeros_like(dup_sorted)
        np.put_along_axis(dup, order, dup_sorted, axis=1)
        idx = np.nonzero(dup)
        cols[idx] = rng.integers(0, m, size=len(idx[0]))


def arcs_of(family, n, seed):
    """(m, demand per sink, tails, heads, costs) with 0-based source and sink indices."""
    rng = np.random.default_rng(seed)
    if family == "dense":
        m, demand = n, 1
        tails = np.repeat(np.arange(n), n)
        heads = np.tile(np.arange(n), n)
        costs = rng.integers(0, 10_000, size=n * n)
        return m, demand, tails, heads, costs
    if family == "geometric":
        from scipy.spatial import cKDTree

        demand, k = 4, 8
        m = n // demand
        src = rng.integers(0, SQUARE, size=(n, 2))
        dst = rng.integers(0, SQUARE, size=(m, 2))
        backup = rng.permutation(n) // demand
        _, near = cKDTree(dst).query(src, k=k)
        extra = ~(near == backup[:, None]).any(axis=1)
        tails = np.concatenate([np.repeat(np.arange(n), k), np.nonzero(extra)[0]])
        heads = np.concatenate([near.ravel(), backup[extra]])
        order = np.lexsort((heads, tails))
        tails, heads = tails[order], heads[order]
        diff = (src[tails] - dst[heads]).astype(np.float64)
        costs = np.rint(np.hypot(diff[:, 0], diff[:, 1])).astype(np.int64)
        return m, demand, tails, heads, costs
    if family == "ties":
        demand, d = 10, 10
        m = n // demand
        backup = rng.permutation(n) // demand
        cols = _distinct_rows(rng, backup, m, d)
        tails = np.repeat(np.arange(n), d)
        heads = cols.ravel()
        costs = rng.integers(0, 4, size=n * d)
        return m, demand, tails, heads, costs
    raise ValueError(f"unknown family {family!r} (expected one of {', '.join(FAMILIES)})")


def write(family, n, path, seed=2026):
    """Writes the instance in DIMACS; returns (nodes, arcs)."""
    m, demand, tails, heads, costs = arcs_of(family, n, seed)
    if m * demand != n:
        raise ValueError(f"{family}: n = {n} must be a multiple of {demand}")
    tmp = path + ".part"
    with open(tmp, "w") as f:
        f.write(f"c huzhu benches/scripts/gen_mcf.py family {family} n {n} seed {seed}\n")
        f.write(f"c sources 1..{n} supply 1, sinks {n + 1}..{n + m} demand {demand}\n")
        f.write(f"p min {n + m} {len(tails)}\n")
        f.write("".join(f"n {i} 1\n" for i in range(1, n + 1)))
        f.write("".join(f"n {n + j} {-demand}\n" for j in range(1, m + 1)))
        rows = np.stack([tails + 1, heads + n + 1, costs], axis=1)
        np.savetxt(f, rows, fmt="a %d %d 0 1 %d")
    os.replace(tmp, path)
    return n + m, len(tails)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("family", choices=FAMILIES)
    ap.add_argument("size", type=int, help="n, the number of sources")
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=2026)
    a = ap.parse_args()
    nodes, arcs = write(a.family, a.size, a.out, a.seed)
    print(f"{a.out}: {nodes} nodes, {arcs} arcs")


if __name__ == "__main__":
    main()
