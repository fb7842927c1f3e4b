// The matcher entry, `huzhu/matcher`: the same crate built with the community and the matcher
// only (scripts/build.sh, `--no-default-features`), for pages that only match. It reads the
// snapshots the package writes and gives the same plans; the other areas are absent from it.
// (Matching and explanations run against it in matching.test.mjs too.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import * as whole from "../../pkg/node.js";
import * as m from "../../pkg/matcher/node.js";
import { pkgDir, exampleJson, TUESDAY_8, throwsCode } from "./helpers.mjs";

const pkg = JSON.parse(readFileSync(`${pkgDir}package.json`, "utf8"));
const exported = (mod) => Object.keys(mod).filter((k) => k !== "default" && k !== "initSync").sort();

test("package.json exports huzhu/matcher for node and the browser, with its own types", () => {
  const e = pkg.exports["./matcher"];
  assert.deepEqual([e.types, e.node, e.browser, e.default], ["./matcher/huzhu.d.ts", "./matcher/node.js", "./matcher/web.js", "./matcher/web.js"]);
  assert.equal(pkg.exports["./matcher/web"].default, "./matcher/web.js");
  assert.equal(pkg.exports["./matcher/node"].default, "./matcher/node.js");
  assert.equal(pkg.exports["./matcher/huzhu_wasm_bg.wasm"], "./matcher/web/huzhu_wasm_bg.wasm");
  assert.ok(pkg.files.includes("matcher/"));
  for (const f of ["matcher/web.js", "matcher/node.js", "matcher/huzhu.d.ts", "matcher/web/huzhu_wasm_bg.wasm", "matcher/web/huzhu_wasm.d.ts", "matcher/node/huzhu_wasm_bg.wasm"]) {
    assert.ok(existsSync(`${pkgDir}${f}`), f);
  }
  // Each export resolves to a file that is there.
  for (const [k, v] of Object.entries(pkg.exports)) {
    for (const target of typeof v === "string" ? [v] : Object.values(v)) assert.ok(existsSync(`${pkgDir}${target}`), `${k}: ${target}`);
  }
});

test("it has the community and the matcher, and none of the other areas", () => {
  assert.deepEqual(exported(m), ["Community", "Matcher", "debugPanic", "defaultMatchPolicy", "start", "version"]);
  for (const name of exported(m)) assert.ok(name in whole, name);
  for (const name of ["Ledger", "Clearing", "openPersistentLedger", "scorecard", "generateDistrict", "District", "planRounds", "planWeek",
    "staffingAdvice", "contactSchedule", "importHsds", "evaluationReport", "solveBmatch", "BmatchProblem"]) {
    assert.ok(name in whole, `the package has ${name}`);
    assert.ok(!(name in m), `the matcher entry has no ${name}`);
  }
  assert.equal(m.version(), whole.version());
  // Matching under hour budgets (`matchWithHours`, the generalized-assignment solver) too.
  assert.equal(typeof whole.Community.prototype.matchWithHours, "function");
  assert.equal(m.Community.prototype.matchWithHours, undefined);
});

test("the same plans, snapshots and explanations as the package, on a generated district too", () => {
  const a = m.Community.fromJson(exampleJson);
  const b = whole.Community.fromJson(exampleJson);
  assert.equal(a.matchJson(TUESDAY_8), b.matchJson(TUESDAY_8));
  assert.equal(a.toJson(), b.toJson());
  assert.deepEqual(a.toSnapshot(), b.toSnapshot());
  const [ma, mb] = [a.matcher(TUESDAY_8), b.matcher(TUESDAY_8)];
  const solved = ma.solve();
  assert.deepEqual(solved, mb.solve());
  for (const need of [...solved.assignments, ...solved.unmatched].map((x) => x.need)) assert.deepEqual(ma.explain(need), mb.explain(need));
  const d = whole.generateDistrict({ residents: 600, week_start: "2026-11-23", seed: 7 });
  const text = d.community.toJson();
  const c = m.Community.fromJson(text);
  assert.equal(c.toJson(), text);
  assert.equal(c.matchJson("2026-11-25T12:00:00"), d.community.matchJson("2026-11-25T12:00:00"));
  const plan = c.match("2026-11-25T12:00:00");
  const matcher = c.matcher("2026-11-25T12:00:00");
  matcher.solve();
  matcher.verify();
  for (const u of plan.unmatched.slice(0, 5)) assert.equal(matcher.explain(u.need).kind, "unmatched");
});

test("records are read and refused as by the package: the same errors, the same facts", () => {
  const caught = (fn) => {
    try {
      fn();
    } catch (e) {
      return e;
    }
    return assert.fail("nothing was thrown");
  };
  const a = new m.Community("X");
  const b = new whole.Community("X");
  const home = { lat: 31.2, lon: 121.5 };
  const resident = { id: 1, birth_date: "1950-01-01", household: "lives_alone", self_care: "full", home, grid: 1 };
  for (const bad of [
    { ...resident, home: { lat: null, lon: 0 } },
    { ...resident, birth_date: "1950-02-30" },
    { ...resident, household: "alone" },
    { ...resident, home: { lat: 91, lon: 0 } },
  ]) {
    const e = caught(() => a.addResident(bad));
    const f = caught(() => b.addResident(bad));
    assert.equal(e.name, "HuzhuError", e.message);
    for (const k of ["message", "code", "record", "field", "line"]) assert.equal(e[k], f[k], `${k} of ${f.message}`);
  }
  // A record's JSON error has no line: the text was the binding's, not the caller's.
  throwsCode(() => a.addResident({ ...resident, home: { lat: null, lon: 0 } }), "MODEL_JSON",
    { message: "JSON: invalid type: null, expected f64", field: "resident.home.lat", line: undefined });
  a.addResident(resident);
  assert.deepEqual(a.resident(1), b.resident(1) ?? (b.addResident(resident), b.resident(1)));
  throwsCode(() => a.match("next tuesday"), "INVALID_DATE", { field: "now" });
});

test("the browser build of the matcher entry runs too (initSync with its wasm bytes)", async () => {
  const web = await import(`${pkgDir}matcher/web.js`);
  web.initSync({ module: readFileSync(`${pkgDir}matcher/web/huzhu_wasm_bg.wasm`) });
  assert.equal(web.Community.fromJson(exampleJson).matchJson(TUESDAY_8), m.Community.fromJson(exampleJson).matchJson(TUESDAY_8));
  assert.deepEqual(exported(web), exported(m));
});

test("its .d.ts declares what it holds, and only that", () => {
  const dts = readFileSync(`${pkgDir}matcher/web/huzhu_wasm.d.ts`, "utf8");
  for (const sig of [/export class Community \{/, /export class Matcher \{/, /export interface MatchPlan \{/, /export interface HuzhuError extends Error \{/,
    /match\(now: DateTimeInput, policy\?: Partial<MatchPolicy> \| null, context\?: MatchContextInput \| null\): MatchPlan;/]) {
    assert.match(dts, sig);
  }
  for (const absent of ["Ledger", "AccountLabel", "Scorecard", "RoundVisit", "DistrictConfig", "BmatchResult", "ContactReport", "matchWithHours", "HoursOptions"]) {
    assert.ok(!dts.includes(absent), `the matcher entry's .d.ts names ${absent}`);
  }
  assert.equal(readFileSync(`${pkgDir}matcher/huzhu.d.ts`, "utf8").trim(), 'export * from "./web/huzhu_wasm.js";\nexport { default } from "./web/huzhu_wasm.js";');
});

test("a panic in the matcher entry is a HuzhuError INTERNAL_PANIC too (the shared wrapper)", () => {
  throwsCode(() => m.debugPanic("boom"), "INTERNAL_PANIC");
});
