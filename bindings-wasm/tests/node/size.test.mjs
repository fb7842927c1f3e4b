// The size figures scripts/build.sh prints (and records in .size: raw, gzipped, budget) are those
// of the .wasm each entry ships. The budgets (issue 22): the matcher entry, `huzhu/matcher`, at
// most 300 KB gzipped; the whole package at most 500 KB. Both are over today (335 KB and 1,027 KB:
// the README's "Size" says why and what would cut them): the figures are reported here, and
// `HUZHU_WASM_ENFORCE_BUDGET=1 scripts/build.sh` fails above them. `make wasm-size` shows what each
// area adds.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { pkgDir } from "./helpers.mjs";

const ENTRIES = [
  { name: "huzhu", dir: "", budget: 500 * 1024 },
  { name: "huzhu/matcher", dir: "matcher/", budget: 300 * 1024 },
];

const sizes = (dir) => readFileSync(`${pkgDir}${dir}.size`, "utf8").trim().split(" ").map(Number);

for (const { name, dir, budget } of ENTRIES) {
  test(`${name}: the size the build recorded is that of the shipped wasm, against its budget`, (t) => {
    const wasm = readFileSync(`${pkgDir}${dir}web/huzhu_wasm_bg.wasm`);
    const [raw, gz, recordedBudget] = sizes(dir);
    assert.equal(raw, wasm.length);
    assert.equal(recordedBudget, budget);
    // gzip(1) and zlib compress with different deflate implementations: a little apart (1.1% on
    // the matcher entry).
    const ours = gzipSync(wasm, { level: 9 }).length;
    assert.ok(Math.abs(gz - ours) <= ours / 50, `build says ${gz} gzipped, zlib gives ${ours}`);
    t.diagnostic(`${name}: wasm ${raw} bytes, ${gz} gzipped; budget ${budget}: ${gz <= budget ? "within" : `over by ${gz - budget}`}`);
  });
}
