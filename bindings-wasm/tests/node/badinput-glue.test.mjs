// Row A19 of tests/bad-input.md: a non-string where a string
// parameter is declared. wasm-bindgen's glue reads `.length` of the argument; for a number or
// a plain object that is undefined, it reallocates with NaN and the module traps ("memory access
// out of bounds"), which the package would report as INTERNAL_PANIC. So no parameter is a bare
// `&str`: each takes a JsValue and checks that it is a string.
//
// Each call runs in its own Node process: after a trap the module must not be used again.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const pkg = fileURLToPath(new URL("../../pkg/node.js", import.meta.url));

/** Runs `expr` (with the package as `h`) in a fresh process; returns what it threw. */
function thrownElsewhere(expr) {
  const script = `
    const h = await import(${JSON.stringify(pkg)});
    try { ${expr}; console.log(JSON.stringify({ threw: false })); }
    catch (e) { console.log(JSON.stringify({ threw: true, ctor: e.constructor.name, name: e.name, code: e.code, message: e.message })); }`;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout.trim().split("\n").at(-1));
}

function typedNotTrapped(expr) {
  const e = thrownElsewhere(expr);
  assert.ok(e.threw, `${expr} did not throw`);
  assert.notEqual(e.code, "INTERNAL_PANIC", `${expr}: ${e.message}`);
  assert.ok(e.ctor === "TypeError" || e.name === "HuzhuError", `${expr}: ${e.ctor} ${e.name} ${e.code}: ${e.message}`);
}

// Every `&str`-like parameter of the package takes a JsValue and checks it (convert.rs `text_arg`).
for (const expr of [
  "h.Ledger.importJournal(5)",
  "h.Ledger.importJournal({})",
  "new h.Ledger().approve(5, 'r', '2026-11-24T09:00:00')",
  "new h.Ledger().reverse({ key: 'k', operator: 'o', at: '2026-11-24T09:00:00' }, 7)",
  "new h.Ledger().transaction({})",
  "h.Ledger.fromJournalLines([5, {}])",
  "h.Ledger.fromJournalLines('{}')",
  "new h.Ledger().appendJournalLines({ seq: 1, hash: 5 }, [{}])",
  "h.Ledger.verifyJournalLines({ seq: 0, hash: '0' }, [null])",
  "new h.Ledger().journalLinesAfter(5)",
  "h.Community.fromJson(5)",
  "h.Community.fromJson({})",
  "new h.Community(5)",
  "new h.Community('x').addHsds(5)",
  "h.importHsds(5)",
  "h.solveBmatch(5)",
  "h.BmatchProblem.parse({})",
  "new h.Clearing(5)",
  "new h.Clearing('c').refuse(new h.Ledger({ clearing: { bank: 'x' } }), {}, 5, 5)",
  "h.Clearing.message(new h.Ledger(), {})",
  "h.Clearing.reply(new h.Ledger(), 5, 5)",
  "h.Clearing.applyKey({}, 5)",
  "h.Clearing.acknowledgeKey(5)",
]) {
  test(`A19: ${expr} is a typed error, not a trap`, () => typedNotTrapped(expr));
}
