#!/usr/bin/env bash
# Builds the wasm with the `testing` feature (runCase, canonicalize, expectedOf,
# catalogueCases) for Node into target/wasm/conformance. Only tests/node/conformance.test.mjs
# loads it: the shipped package (scripts/build.sh) leaves the runner out to stay small.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"
bash "$here/scripts/cargo-wasm.sh" build --profile wasm-release -p huzhu-wasm --lib --features testing
out="$root/target/wasm/conformance"
rm -rf "$out"
wasm-bindgen --target nodejs --out-dir "$out" --out-name huzhu_wasm \
  "${CARGO_TARGET_DIR:-$root/target/wasm}/wasm32-unknown-unknown/wasm-release/huzhu_wasm.wasm"
echo '{"type": "commonjs"}' >"$out/package.json"
