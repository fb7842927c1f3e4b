"""Benchmark (not a test): matching the synthetic district of 100k residents from pandas
DataFrames end to end, against the same in pure Rust, in the same run.

    python bindings-python/bench/bench_match.py [--residents 100000] [--repeats 3] [--rolling]

Python path (timed): pandas DataFrames → Community.from_tables → match → assignments.to_pandas().
Rust path (timed, same process, GIL released): the same district's records → Community (add_*
with validation) → Matcher::solve.

The default scenario is weekly planning: every need of the week is recorded at its start and the
whole week is matched then (the district generated with ``recorded_in_advance=True``, matched at
``week_start``). ``--rolling`` matches the rolling district at its latest need's creation time
instead, where only the few needs still ahead are open and building the community dominates.
Target: Python at most 1.2× the Rust time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time

import huzhu
from huzhu import _huzhu


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--residents", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--rolling", action="store_true", help="match the rolling district at its latest need")
    args = ap.parse_args()
    weekly = not args.rolling

    d = huzhu.synth.generate(residents=args.residents, seed=args.seed, recorded_in_advance=weekly)
    now = dt.datetime.combine(d.week_start, dt.time()) if weekly else None
    frames = {k: v.to_pandas() for k, v in d.community.to_tables().items()}
    frames.pop("categories")
    best = None
    for _ in range(args.repeats):
        t0 = time.perf_counter()
        c = huzhu.Community.from_tables(**frames, name=d.community.name)
        t1 = time.perf_counter()
        plan = c.match(now=now)
        t2 = time.perf_counter()
        out = plan.assignments.to_pandas()
        t3 = time.perf_counter()
        run = (t1 - t0, t2 - t1, t3 - t2, t3 - t0, len(out))
        if best is None or run[3] < best[3]:
            best = run
    assert best is not None
    rb, rm, rt, rn = _huzhu._rust_baseline(args.residents, args.seed, args.repeats, recorded_in_advance=weekly)
    assert rn == best[4], f"Rust matched {rn}, Python {best[4]}"
    result = {
        "scenario": "weekly planning (needs recorded in advance, matched at week start)" if weekly else "rolling (matched at the latest need's creation)",
        "residents": args.residents,
        "needs": d.summary["needs"],
        "matched": best[4],
        "python": {"from_tables_s": round(best[0], 4), "match_s": round(best[1], 4), "to_pandas_s": round(best[2], 4), "total_s": round(best[3], 4)},
        "rust": {"build_s": round(rb, 4), "match_s": round(rm, 4), "total_s": round(rt, 4), "matched": rn},
        "ratio": round(best[3] / rt, 3),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
