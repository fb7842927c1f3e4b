// The shared fixtures and the bad-input catalogue through the npm package: the same Rust runner
// as the Rust and Python surfaces, compared byte for byte with the hand-worked expectations.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { root } from "./helpers.mjs";
import { createRequire } from "node:module";

// The conformance runner is not in the shipped package (it would cost ~85 KB gzipped):
// scripts/build-conformance.sh builds the same crate with the `testing` feature for Node.
const huzhu = createRequire(import.meta.url)(`${root}target/wasm/conformance/huzhu_wasm.js`);

const fixtureDir = `${root}tests/fixtures/`;
const fixtures = readdirSync(fixtureDir).filter((f) => f.endsWith(".json")).sort();
const rows = JSON.parse(readFileSync(`${root}tests/bad-inputs.json`, "utf8"));

test("the shared files are there", () => {
  assert.ok(fixtures.length >= 30, `${fixtures.length} fixtures`);
  assert.ok(rows.length >= 50, `${rows.length} catalogue rows`);
});

test("every fixture gives its expected output byte for byte", () => {
  for (const f of fixtures) {
    const text = readFileSync(fixtureDir + f, "utf8");
    // The expected member is canonicalised from the file text itself: JSON.parse would turn
    // 0.0 into 0 and round 64-bit integers.
    assert.equal(huzhu.runCase(text), huzhu.expectedOf(text), f);
  }
});

function pointer(doc, path) {
  for (const raw of path.split("/").filter(Boolean)) {
    const part = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    doc = Array.isArray(doc) ? doc[Number(part)] : doc[part];
  }
  return doc;
}

test("every bad input gives its typed error, without a panic", () => {
  // Case texts come from Rust, serialised from the file's exact numbers (i64 limits included).
  const texts = huzhu.catalogueCases(readFileSync(`${root}tests/bad-inputs.json`, "utf8"));
  assert.equal(texts.length, rows.length);
  rows.forEach((row, i) => {
    const out = JSON.parse(huzhu.runCase(texts[i]));
    const error = pointer(out, row.at);
    assert.ok(error, `${row.id}: no error at ${row.at}`);
    // The facts the catalogue's `rust` column keeps: code and message, record and field when named.
    const facts = { code: error.code, message: error.message };
    for (const name of ["record", "field"]) if (error[name] != null) facts[name] = error[name];
    assert.deepEqual(facts, row.rust, row.id);
  });
});

test("bad snapshots through the native API throw HuzhuError naming the fault", () => {
  const snapshots = rows.filter(
    (r) => typeof r.case === "object" && r.case.kind === "snapshot" &&
      typeof r.case.input?.snapshot === "object" && r.rust.code !== "MODEL_JSON",
  );
  assert.ok(snapshots.length > 10);
  for (const row of snapshots) {
    assert.throws(
      () => huzhu.Community.fromJson(JSON.stringify(row.case.input.snapshot)),
      (e) => e.name === "HuzhuError" && e.message.includes(row.rust.message),
      row.id,
    );
  }
});
