#!/usr/bin/env bash
# Before and after on the scale bench: builds `huzhu-scale` at a git revision (default HEAD, in
# a temporary worktree) and from the work tree, then
#   1. dumps each one's plan (every assignment, every unmatched need and its reason, the
#      objective, a digest of every need's candidates) for each case and compares the dumps
#      byte for byte (`--dump`), and
#   2. runs the two alternately, REPS times per case, and prints the medians.
# The bench tool of the work tree is copied into the worktree, so both dump the same way.
#   BEFORE=<rev>  REPS=5  CASES="1000000:40 1000000:none"  IDENTITY="100000:40:2026 ..."
#   FEATURES=parallel  builds the work tree's binary with the parallel candidate search.
#   OUT=<dir> keeps the dumps; TARGET_BEFORE, TARGET_AFTER (or CARGO_TARGET_DIR) reuse builds.
#   BIN_BEFORE, BIN_AFTER  compare two binaries already built (no worktree, no build).
# "plan" compares the objective and every assignment; "unmatched" the unmatched needs with
# their reasons (which list the eliminations); "candidates" the digest of every need's
# candidates, caps and eliminations.
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
out="${OUT:-$(mktemp -d)}"
if [[ -n "${BIN_BEFORE:-}" && -n "${BIN_AFTER:-}" ]]; then
  a="$BIN_BEFORE"
  b="$BIN_AFTER"
else
  before="${BEFORE:-HEAD}"
  wt="$out/before-worktree"
  git worktree add -q --detach "$wt" "$before"
  trap 'git -C "$root" worktree remove --force "$wt"' EXIT
  cp benches/src/bin/huzhu-scale.rs "$wt/benches/src/bin/huzhu-scale.rs"
  tb="${TARGET_BEFORE:-$out/target-before}"
  ta="${TARGET_AFTER:-${CARGO_TARGET_DIR:-$out/target-after}}"
  (cd "$wt" && CARGO_TARGET_DIR="$tb" cargo build --release -q -p huzhu-benches --bin huzhu-scale)
  CARGO_TARGET_DIR="$ta" cargo build --release -q -p huzhu-benches --bin huzhu-scale ${FEATURES:+--features "$FEATURES"}
  a="$tb/release/huzhu-scale"
  b="$ta/release/huzhu-scale"
fi

for c in ${IDENTITY:-10000:40:2026 10000:none:2026 100000:40:2026 100000:none:2026 100000:40:7 1000000:40:2026 1000000:none:2026}; do
  IFS=: read -r n k s <<< "$c"
  "$a" "$n" "$k" --seed "$s" --dump "$out/before-$c.txt" > /dev/null
  "$b" "$n" "$k" --seed "$s" --dump "$out/after-$c.txt" > /dev/null
  same() { if cmp -s <("$@" "$out/before-$c.txt") <("$@" "$out/after-$c.txt"); then echo same; else echo DIFFERENT; fi; }
  plan=$(same grep -v -e '"reason"' -e '^candidates of')
  unmatched=$(same grep -e '"reason"')
  cands=$(same tail -n 1)
  echo "$c: $plan plan, $unmatched unmatched, $cands candidates ($(tail -n 1 "$out/after-$c.txt"))"
done

for c in ${CASES:-10000:40 100000:40 1000000:40 10000:none 100000:none 1000000:none}; do
  IFS=: read -r n k <<< "$c"
  for _ in $(seq "${REPS:-5}"); do
    echo "before $("$a" "$n" "$k")"
    echo "after $("$b" "$n" "$k")"
  done
done | tee "$out/runs.txt" | python3 -c '
import json, statistics, sys
runs = {}
for line in sys.stdin:
    who, text = line.split(" ", 1)
    d = json.loads(text)
    runs.setdefault((d["residents"], d["cap"]), {}).setdefault(who, []).append(d)
keys = ["candidates_s", "candidates_cpu_s", "solve_s", "solve_cpu_s", "candidates_peak_mib", "peak_mib"]
for (n, cap), by in runs.items():
    meds = {}
    for who in ("before", "after"):
        meds[who] = {k: statistics.median(r[k] for r in by[who]) for k in keys}
        print(n, cap, who, " ".join(f"{k}={v:.3f}" for k, v in meds[who].items()))
    ratio = {k: meds["after"][k] / meds["before"][k] for k in keys if meds["before"][k] > 0}
    print(n, cap, "after/before", " ".join(f"{k}={v:.3f}" for k, v in ratio.items()))
'
