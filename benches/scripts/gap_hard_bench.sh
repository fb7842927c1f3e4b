#!/usr/bin/env bash
# Runs the GAP solver on the generated hard instances (types D and E, 100-1600 jobs; see
# gen_gap.py) and prints the gap to the CP-SAT references in gap_hard_refs.csv, per instance
# and per type and size.
#
# usage: benches/scripts/gap_hard_bench.sh [TIME_LIMITS_SECONDS (comma separated)] [FILTER_REGEX]
# e.g.   benches/scripts/gap_hard_bench.sh 1,2 '^e'
# The instances are generated (seed 1) into $GAP_HARD_DIR (default target/gap-hard) if missing.
# GAP_CMD overrides the solver command, called as: $GAP_CMD FILE --time-limit T
#
# The references were made once with (about 30 min, both cores):
#   python3 -m venv target/ortools-venv && target/ortools-venv/bin/pip install ortools==9.15.6755
#   target/ortools-venv/bin/python benches/scripts/gap_cpsat.py benches/scripts/gap_hard_refs.csv \
#       target/gap-hard/* --time-limit 60 --workers 2
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
limits="${1:-1,2}"
filter="${2:-.}"
target="${CARGO_TARGET_DIR:-$root/target}"
dir="${GAP_HARD_DIR:-$target/gap-hard}"
cd "$root"
if [[ ! -f "$dir/e801600" ]]; then
    python3 "$here/gen_gap.py" "$dir" --seed 1 >/dev/null
fi
if [[ -z "${GAP_CMD:-}" ]]; then
    cargo build --release -q -p huzhu-benches --bin huzhu-solve
    GAP_CMD="$target/release/huzhu-solve gap"
fi
python3 "$here/gap_hard_table.py" "$dir" "$here/gap_hard_refs.csv" "$limits" "$filter" $GAP_CMD
