#!/usr/bin/env bash
# Everything `make test-wasm` runs: install what is missing, build the package, write the native
# fixtures, then the Node tests, the TypeScript check, the wasm-bindgen tests and the browser
# test. Prints how long it took.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
root="$(cd "$here/.." && pwd)"
start=$(date +%s)
step() { printf '\n== test-wasm: %s (%ds)\n' "$1" "$(( $(date +%s) - start ))"; }

step "setup"
bash "$here/scripts/setup.sh"
step "build the package"
bash "$here/scripts/build.sh"
step "conformance build (the package plus runCase, for the shared fixtures only)"
bash "$here/scripts/build-conformance.sh"
step "native fixtures (for the determinism tests)"
(cd "$root" && ${CARGO:-cargo} run --quiet -p huzhu-wasm --example native_fixtures -- "$root/target/wasm/fixtures")
step "node tests"
(cd "$here" && node --test --test-reporter=spec tests/node/)
step "TypeScript check of the .d.ts"
(cd "$here" && node_modules/.bin/tsc -p tests/types)
step "wasm-bindgen-test"
(cd "$root" && CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  bash "$here/scripts/cargo-wasm.sh" test -p huzhu-wasm --test wasm)
step "browser test (Chromium, playwright-core)"
(cd "$here" && node --test --test-reporter=spec tests/browser/)
echo "test-wasm: done in $(( $(date +%s) - start )) s"
