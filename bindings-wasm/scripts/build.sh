#!/usr/bin/env bash
# Builds the npm package into bindings-wasm/pkg: the wasm (size-tuned profile), the `web` and
# `nodejs` bindings, ESM entry points that guard every export, types, README; prints the size
# against the budget (300 KB gzipped), and fails above it when HUZHU_WASM_ENFORCE_BUDGET=1.
# usage: build.sh [CARGO-ARGS...]   e.g. --no-default-features --features ledger for a smaller
# package; HUZHU_WASM_PKG=DIR writes it elsewhere than bindings-wasm/pkg.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
root="$(cd "$here/.." && pwd)"
BUDGET_GZ=${HUZHU_WASM_BUDGET_GZ:-307200}
cd "$root"
bash "$here/scripts/cargo-wasm.sh" build --profile wasm-release -p huzhu-wasm --lib "$@"
wasm="${CARGO_TARGET_DIR:-$root/target/wasm}/wasm32-unknown-unknown/wasm-release/huzhu_wasm.wasm"
pkg="${HUZHU_WASM_PKG:-$here/pkg}"
rm -rf "$pkg"
mkdir -p "$pkg"
bindgen=(wasm-bindgen --remove-name-section --remove-producers-section --out-name huzhu_wasm)
"${bindgen[@]}" --target web --out-dir "$pkg/web" "$wasm"
"${bindgen[@]}" --target nodejs --out-dir "$pkg/node" "$wasm"
echo '{"type": "commonjs"}' >"$pkg/node/package.json"
# No wasm-opt: Debian's binaryen is too old for the reference-types code wasm-bindgen emits, and
# a current one (-Oz) made the wasm 11% smaller but 25% larger gzipped.
cp "$here/npm/wrap.js" "$pkg/"
version="$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -1)"
sed "s/@VERSION@/$version/" "$here/npm/package.json" >"$pkg/package.json"
cp "$here/npm/README.md" "$pkg/README.md"
names="$(node -e 'const m=require(process.argv[1]); console.log(Object.keys(m).filter(k=>!k.startsWith("__")&&k!=="initSync").sort().join(", "))' "$pkg/node/huzhu_wasm.js")"
# The time bank kept in IndexedDB (npm/persistent-ledger.js), when the build has the ledger.
persist_import="" persist_export="" persist_types=""
if [[ ", $names, " == *", Ledger, "* ]]; then
  cp "$here/npm/persistent-ledger.js" "$here/npm/persistent-ledger.d.ts" "$pkg/"
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
cat >"$pkg/web.js" <<JS
// The browser build (wasm-bindgen --target web). Call \`await init()\` once before use.
import init, * as raw from "./web/huzhu_wasm.js";
import { wrapModule } from "./wrap.js";
$persist_import
const m = wrapModule(raw);
export const { $names } = m;
$persist_export
export { initSync } from "./web/huzhu_wasm.js";
export default init;
JS
cat >"$pkg/node.js" <<JS
// The Node build (wasm-bindgen --target nodejs): ready at import.
import { createRequire } from "node:module";
import { wrapModule } from "./wrap.js";
$persist_import
const require = createRequire(import.meta.url);
const m = wrapModule(require("./node/huzhu_wasm.js"));
export const { $names } = m;
$persist_export
/** Nothing to do in Node (the module is instantiated at import); kept so that the same code runs in both. */
export default async function init() {}
export function initSync() {}
JS
cat >"$pkg/huzhu.d.ts" <<TS
export * from "./web/huzhu_wasm.js";
export { default } from "./web/huzhu_wasm.js";
$persist_types
TS
raw=$(stat -c %s "$pkg/web/huzhu_wasm_bg.wasm")
gz=$(gzip -9 -c "$pkg/web/huzhu_wasm_bg.wasm" | wc -c)
glue=("$pkg/web.js" "$pkg/wrap.js" "$pkg/web/huzhu_wasm.js")
[ -f "$pkg/persistent-ledger.js" ] && glue+=("$pkg/persistent-ledger.js")
js=$(cat "${glue[@]}" | gzip -9 | wc -c)
awk -v raw="$raw" -v gz="$gz" -v js="$js" -v budget="$BUDGET_GZ" 'BEGIN {
  printf "huzhu-wasm package: wasm %d bytes (%.1f KiB), gzipped %d bytes (%.1f KiB); web JS glue gzipped %d bytes; budget %d bytes gzipped\n", raw, raw/1024, gz, gz/1024, js, budget }'
printf '%s %s\n' "$raw" "$gz" >"$pkg/.size"
if [ "$gz" -gt "$BUDGET_GZ" ]; then
  echo "build: OVER THE SIZE BUDGET by $(( gz - BUDGET_GZ )) bytes gzipped (what each area adds: make wasm-size)" >&2
  if [ "${HUZHU_WASM_ENFORCE_BUDGET:-0}" = 1 ]; then exit 1; fi
fi
