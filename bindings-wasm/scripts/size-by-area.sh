#!/usr/bin/env bash
# Measurement (not a test): what each area of the API adds to the package, gzipped.
# Builds the package with scripts/build.sh (so each row is measured as the package is; one entry
# a row, HUZHU_WASM_MATCHER=0) into target/wasm/size-by-area, with cargo features chosen per row:
#   - `community + matching`: --no-default-features (records, snapshots, plans, explanations):
#     the matcher entry, `huzhu/matcher`;
#   - one row per area, built on its own on top of that (`ledger` also brings `timeBankWeek`;
#     `care` is the care loop's computations: the care records are the community's; `report`
#     brings `scoring`, which it needs);
#   - every area (the published package);
#   - every area with the crates the wasm-release profile builds for speed (Cargo.toml) at
#     opt-level "z" like the rest: the size those speed-ups cost.
# usage: size-by-area.sh
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"
out="$root/target/wasm/size-by-area"
rm -rf "$out"
mkdir -p "$out"
all_z=()
for crate in $(sed -n 's/^\[profile\.wasm-release\.package\.\(.*\)\]$/\1/p' Cargo.toml); do
  all_z+=(--config "profile.wasm-release.package.$crate.opt-level=\"z\"")
done

base_gz=""
row() { # row LABEL CARGO-ARGS...
  local label="$1" raw gz
  shift
  if ! HUZHU_WASM_MATCHER=0 HUZHU_WASM_PKG="$out/pkg" bash "$here/scripts/build.sh" --quiet "$@" >"$out/build.log" 2>&1; then
    cat "$out/build.log" >&2
    exit 1
  fi
  read -r raw gz _ <"$out/pkg/.size"
  [ -n "$base_gz" ] || base_gz=$gz
  printf '%-44s %9d %9d %+9d\n' "$label" "$raw" "$gz" "$((gz - base_gz))" | tee -a "$out/table.txt"
}

printf '%-44s %9s %9s %9s\n' "features" "raw" "gzipped" "vs first" | tee "$out/table.txt"
row "community + matching (huzhu/matcher)" --no-default-features
for area in hours advice ledger scoring report care formats synth solver rounds; do
  row "community + matching + $area" --no-default-features --features "$area"
done
row "every area (the package)"
row "every area, speed crates at opt-level z" "${all_z[@]}"
echo "budgets, gzipped: huzhu/matcher (the first row) 307200 bytes, the package 512000 bytes (table also in $out/table.txt)"
