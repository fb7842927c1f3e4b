#!/usr/bin/env bash
# Measurement (not a test): what each area of the API adds to the package, gzipped.
# Builds the wasm-release profile with cargo features chosen per row, runs wasm-bindgen
# (--target web, names removed, as scripts/build.sh does) and gzips at level 9:
#   - `community + matching`: --no-default-features (records, snapshots, plans, explanations);
#   - one row per area, built on its own on top of that (`ledger` also brings `timeBankWeek`);
#   - every area (the published package);
#   - every area with the crates built for speed (solver, matching, synth, rng, chrono) at
#     opt-level "z" like the rest: the size those speed-ups cost.
# usage: size-by-area.sh      (about a minute per row)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"
out="$root/target/wasm/size-by-area"
rm -rf "$out"
mkdir -p "$out"
wasm="$root/target/wasm/wasm32-unknown-unknown/wasm-release/huzhu_wasm.wasm"
all_z=()
for crate in huzhu-solver huzhu-matching huzhu-synth huzhu-rng chrono; do
  all_z+=(--config "profile.wasm-release.package.$crate.opt-level=\"z\"")
done

base_gz=""
row() { # row LABEL CARGO-ARGS...
  local label="$1"
  shift
  bash "$here/scripts/cargo-wasm.sh" build --quiet --profile wasm-release -p huzhu-wasm --lib "$@"
  wasm-bindgen --remove-name-section --remove-producers-section --out-name huzhu_wasm \
    --target web --out-dir "$out/pkg" "$wasm"
  local raw gz
  raw=$(stat -c %s "$out/pkg/huzhu_wasm_bg.wasm")
  gz=$(gzip -9 -c "$out/pkg/huzhu_wasm_bg.wasm" | wc -c)
  [ -n "$base_gz" ] || base_gz=$gz
  printf '%-44s %9d %9d %+9d\n' "$label" "$raw" "$gz" "$((gz - base_gz))" | tee -a "$out/table.txt"
}

printf '%-44s %9s %9s %9s\n' "features" "raw" "gzipped" "vs first" | tee "$out/table.txt"
row "community + matching" --no-default-features
for area in ledger scoring formats synth solver; do
  row "community + matching + $area" --no-default-features --features "$area"
done
row "every area (the package)"
row "every area, speed crates at opt-level z" "${all_z[@]}"
echo "budget: 307200 bytes gzipped (table also in $out/table.txt)"
