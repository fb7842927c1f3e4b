#!/usr/bin/env bash
# Builds the npm package into bindings-wasm/pkg: two entries of the same crate, each a wasm
# (size-tuned profile) with its `web` and `nodejs` bindings, ESM entry points that guard every
# export, and types:
#   - `huzhu` (pkg/): every area (or the cargo features given as arguments);
#   - `huzhu/matcher` (pkg/matcher/): the community and matching with its explanations only
#     (`--no-default-features`), for pages that only match.
# Prints each entry's size against its budget (500 KB gzipped for the whole package, 300 KB for
# the matcher entry), and fails above one when HUZHU_WASM_ENFORCE_BUDGET=1.
# usage: build.sh [CARGO-ARGS...]   e.g. --no-default-features --features ledger for a smaller
# main entry; HUZHU_WASM_PKG=DIR writes it elsewhere than bindings-wasm/pkg; HUZHU_WASM_MATCHER=0
# leaves the matcher entry out (scripts/size-by-area.sh measures one build at a time).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
root="$(cd "$here/.." && pwd)"
BUDGET_GZ=${HUZHU_WASM_BUDGET_GZ:-512000}
MATCHER_BUDGET_GZ=${HUZHU_WASM_MATCHER_BUDGET_GZ:-307200}
cd "$root"
wasm="${CARGO_TARGET_DIR:-$root/target/wasm}/wasm32-unknown-unknown/wasm-release/huzhu_wasm.wasm"
pkg="${HUZHU_WASM_PKG:-$here/pkg}"
rm -rf "$pkg"
mkdir -p "$pkg"
over=0

# entry NAME DIR WRAP BUDGET CARGO-ARGS...: builds one entry into DIR (WRAP: the path of wrap.js
# from DIR's files), prints its size and records it in DIR/.size.
entry() {
  local name="$1" dir="$2" wrap="$3" budget="$4"
  shift 4
  bash "$here/scripts/cargo-wasm.sh" build --profile wasm-release -p huzhu-wasm --lib "$@"
  mkdir -p "$dir"
  local bindgen=(wasm-bindgen --remove-name-section --remove-producers-section --out-name huzhu_wasm)
  "${bindgen[@]}" --target web --out-dir "$dir/web" "$wasm"
  "${bindgen[@]}" --target nodejs --out-dir "$dir/node" "$wasm"
  echo '{"type": "commonjs"}' >"$dir/node/package.json"
  # No wasm-opt: binaryen (version 132, the npm package) made this wasm 9% smaller but 11% larger
  # gzipped at -Oz (-Os, -O2 alike); its duplicate-function elimination alone saved 0.3%.
  local names
  names="$(node -e 'const m=require(process.argv[1]); console.log(Object.keys(m).filter(k=>!k.startsWith("__")&&k!=="initSync").sort().join(", "))' "$dir/node/huzhu_wasm.js")"
  # The time bank kept in IndexedDB (npm/persistent-ledger.js), when the build has the ledger.
  local persist_import="" persist_export="" persist_types=""
  if [[ ", $names, " == *", Ledger, "* ]]; then
    cp "$here/npm/persistent-ledger.js" "$here/npm/persistent-ledger.d.ts" "$dir/"
    persist_import='import { persistentLedgers } from "./persistent-ledger.js";'
    persist_export='export const { openPersistentLedger, deletePersistentLedger } = persistentLedgers(m.Ledger, m.Clearing);'
    persist_types="$(cat <<'TS'
export type { PersistentLedger, PersistentLedgerOptions, PersistentLedgerRead, PersistentLedgerWrite, PersistentLedgerWrites } from "./persistent-ledger.js";
import type { PersistentLedger, PersistentLedgerOptions } from "./persistent-ledger.js";
/**
 * Opens (or creates) the time bank kept in the IndexedDB database `name`: its journal is checked
 * line by line (a changed store is refused with the HuzhuError naming the line) and each
 * operation is stored before it resolves.
 */
export declare function openPersistentLedger(name: string, options?: PersistentLedgerOptions): Promise<PersistentLedger>;
/** Deletes the database `name` (ledgers open on it close). */
export declare function deletePersistentLedger(name: string, options?: Pick<PersistentLedgerOptions, "indexedDB">): Promise<void>;
TS
)"
  fi
  cat >"$dir/web.js" <<JS
// The browser build (wasm-bindgen --target web). Call \`await init()\` once before use.
import init, * as raw from "./web/huzhu_wasm.js";
import { wrapModule } from "$wrap";
$persist_import
const m = wrapModule(raw);
export const { $names } = m;
$persist_export
export { initSync } from "./web/huzhu_wasm.js";
export default init;
JS
  cat >"$dir/node.js" <<JS
// The Node build (wasm-bindgen --target nodejs): ready at import.
import { createRequire } from "node:module";
import { wrapModule } from "$wrap";
$persist_import
const require = createRequire(import.meta.url);
const m = wrapModule(require("./node/huzhu_wasm.js"));
export const { $names } = m;
$persist_export
/** Nothing to do in Node (the module is instantiated at import); kept so that the same code runs in both. */
export default async function init() {}
export function initSync() {}
JS
  cat >"$dir/huzhu.d.ts" <<TS
export * from "./web/huzhu_wasm.js";
export { default } from "./web/huzhu_wasm.js";
$persist_types
TS
  local raw gz js
  raw=$(stat -c %s "$dir/web/huzhu_wasm_bg.wasm")
  gz=$(gzip -9 -c "$dir/web/huzhu_wasm_bg.wasm" | wc -c)
  local glue=("$dir/web.js" "$pkg/wrap.js" "$dir/web/huzhu_wasm.js")
  [ -f "$dir/persistent-ledger.js" ] && glue+=("$dir/persistent-ledger.js")
  js=$(cat "${glue[@]}" | gzip -9 | wc -c)
  awk -v name="$name" -v raw="$raw" -v gz="$gz" -v js="$js" -v budget="$budget" 'BEGIN {
    printf "%s: wasm %d bytes (%.1f KiB), gzipped %d bytes (%.1f KiB); web JS glue gzipped %d bytes; budget %d bytes (%d KiB) gzipped\n", name, raw, raw/1024, gz, gz/1024, js, budget, budget/1024 }'
  printf '%s %s %s\n' "$raw" "$gz" "$budget" >"$dir/.size"
  if [ "$gz" -gt "$budget" ]; then
    echo "build: $name is OVER ITS SIZE BUDGET by $(( gz - budget )) bytes gzipped (what each area adds: make wasm-size)" >&2
    over=1
  fi
}

cp "$here/npm/wrap.js" "$pkg/"
version="$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -1)"
sed "s/@VERSION@/$version/" "$here/npm/package.json" >"$pkg/package.json"
cp "$here/npm/README.md" "$pkg/README.md"
if [ "${HUZHU_WASM_MATCHER:-1}" != 0 ]; then
  entry "huzhu/matcher (community, matching, explanations)" "$pkg/matcher" "../wrap.js" "$MATCHER_BUDGET_GZ" --no-default-features
fi
entry "huzhu (the package)" "$pkg" "./wrap.js" "$BUDGET_GZ" "$@"
if [ "$over" = 1 ] && [ "${HUZHU_WASM_ENFORCE_BUDGET:-0}" = 1 ]; then exit 1; fi
