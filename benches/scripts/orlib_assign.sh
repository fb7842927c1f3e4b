#!/usr/bin/env bash
# Solves every OR-Library assign instance with huzhu-solve and compares with optima.txt.
# Exits non-zero if any instance is not solved to its published optimum.
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA="${1:-../shared/data/benchmarks/orlib-assign}"
[ -d "$DATA" ] || DATA=../../shared/data/benchmarks/orlib-assign
cargo build --release -p huzhu-benches --bin huzhu-solve
fail=0
while read -r name optimum; do
    [ -n "$name" ] || continue
    out=$(target/release/huzhu-solve assign "$DATA/$name.txt")
    obj=$(echo "$out" | sed -E 's/.*"objective": ([0-9-]+).*/\1/')
    secs=$(echo "$out" | sed -E 's/.*"seconds": ([0-9.]+).*/\1/')
    opt=$(echo "$out" | sed -E 's/.*"optimal": (true|false).*/\1/')
    if [ "$obj" = "$optimum" ] && [ "$opt" = true ]; then status=ok; else status=WRONG; fail=1; fi
    printf '%-10s optimum %6s  huzhu %6s  %8ss  %s\n' "$name" "$optimum" "$obj" "$secs" "$status"
done < "$DATA/optima.txt"
exit $fail
