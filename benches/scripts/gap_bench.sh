#!/usr/bin/env bash
# Runs the GAP solver on every OR-Library gap1-12 and Chu-Beasley a-c instance and prints the
# gap to the best-known value (data.csv, minimisation) per instance, plus means per group.
#
# usage: benches/scripts/gap_bench.sh [TIME_LIMIT_SECONDS] [FILTER_REGEX]
# GAP_CMD overrides the solver command (default: the huzhu-solve binary if it knows `gap`,
# else the gap_run example). It is called as: $GAP_CMD FILE --time-limit T
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
data="${GAP_DATA:-$root/../shared/data/benchmarks/gap}"
limit="${1:-1}"
filter="${2:-.}"
cd "$root"
if [[ -z "${GAP_CMD:-}" ]]; then
    if cargo build --release -q -p huzhu-benches --bin huzhu-solve 2>/dev/null \
        && ./target/release/huzhu-solve gap "$data/chu1997/a05100" --time-limit 0.01 >/dev/null 2>&1; then
        GAP_CMD="./target/release/huzhu-solve gap"
    else
        cargo build --release -q -p huzhu-benches --example gap_run
        GAP_CMD="./target/release/examples/gap_run"
    fi
fi
python3 "$here/gap_table.py" "$data" "$limit" "$filter" $GAP_CMD
