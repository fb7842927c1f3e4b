#!/usr/bin/env bash
# Matching at scale: the synthetic district at 10k, 100k and 1M residents, one process each.
# Prints one JSON line per size (times in seconds, peak resident memory in MiB).
#   FEATURES=parallel   find candidates on every core (rayon; same plans)
#   SIZES, UNCAPPED_SIZES, CAP   what to run (defaults below)
set -euo pipefail
cd "$(dirname "$0")/../.."
target="${CARGO_TARGET_DIR:-target}"
cargo build --release -q -p huzhu-benches --bin huzhu-scale ${FEATURES:+--features "$FEATURES"}
for n in ${SIZES:-10000 100000 1000000}; do
  "$target/release/huzhu-scale" "$n" "${CAP:-40}"
done
# Without a cap (every feasible candidate).
for n in ${UNCAPPED_SIZES:-10000 100000 1000000}; do
  "$target/release/huzhu-scale" "$n" none
done
