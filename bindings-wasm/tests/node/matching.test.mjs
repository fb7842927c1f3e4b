// Matching and explanations, run against both entries: the package (`huzhu`) and the matcher
// entry (`huzhu/matcher`), the same crate built with the community and the matcher only.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as whole from "../../pkg/node.js";
import * as matcherEntry from "../../pkg/matcher/node.js";
import { exampleJson, TUESDAY_8, throwsCode } from "./helpers.mjs";

for (const [entry, { Community, Matcher, defaultMatchPolicy }] of [["huzhu", whole], ["huzhu/matcher", matcherEntry]]) {
  const c = Community.fromJson(exampleJson);

  test(`${entry}: match(now): an optimal plan with every open need assigned or explained`, () => {
    const plan = c.match(TUESDAY_8);
    assert.equal(plan.optimal, true);
    assert.equal(plan.assignments.length + plan.unmatched.length, 3);
    for (const a of plan.assignments) {
      assert.ok(["volunteer", "service"].includes(a.helper.kind));
      assert.equal(typeof a.cost.total, "number");
      assert.ok(a.score >= 0 && a.score <= 100);
    }
    assert.equal(plan.stats.needs, 3);
    // A JS Date is read in local time and gives the same plan.
    const [y, mo, d, h] = [2026, 10, 24, 8];
    assert.deepEqual(c.match(new Date(y, mo, d, h)), plan);
    // matchJson is the same plan as text.
    assert.deepEqual(JSON.parse(c.matchJson(TUESDAY_8)), plan);
  });

  test(`${entry}: policy overrides are partial; context maps are plain objects keyed by helper label`, () => {
    const p = defaultMatchPolicy();
    assert.equal(p.travel_per_minute, 10);
    assert.equal(p.delay_per_hour.length, 4);
    const base = c.match(TUESDAY_8);
    const dear = c.match(TUESDAY_8, { travel_per_minute: 40 });
    assert.ok(dear.objective >= base.objective);
    const everyone = [...c.volunteers().map((v) => `volunteer#${v.id}`), ...c.services().map((s) => `service#${s.id}`)];
    const none = c.match(TUESDAY_8, undefined, { unavailable: everyone });
    assert.equal(none.assignments.length, 0);
    assert.equal(none.unmatched.length, 3);
    const ctx = c.match(TUESDAY_8, {}, { reliability: { "volunteer#1": 500 }, committed: { "volunteer#2": 1 }, history: [[1, "volunteer#1"]] });
    assert.equal(ctx.assignments.length + ctx.unmatched.length, 3);
  });

  test(`${entry}: Matcher: solve, verify, explain every need, whyNot, pin/unpin, candidates`, () => {
    const m = c.matcher(TUESDAY_8);
    assert.ok(m instanceof Matcher);
    const plan = m.solve();
    m.verify();
    for (const a of plan.assignments) {
      const e = m.explain(a.need);
      assert.equal(e.kind, "matched");
      assert.deepEqual(e.helper, a.helper);
      assert.equal(m.whyNot(a.need, a.helper).kind, "chosen");
    }
    for (const u of plan.unmatched) {
      const e = m.explain(u.need);
      assert.equal(e.kind, "unmatched");
      assert.ok(["no_candidate", "outcompeted"].includes(e.reason.kind));
      if (e.reason.kind === "no_candidate") assert.match(e.reason.summary, /\w/);
    }
    const cand = m.candidates(1);
    assert.equal(cand.need, 1);
    assert.ok(Array.isArray(cand.candidates) && Array.isArray(cand.eliminated));
    assert.equal(m.candidates(42), undefined);
    // Why not volunteer#2 for need 1 (not the chosen one, or ruled out).
    const w = m.whyNot(1, { kind: "volunteer", id: 2 });
    assert.ok(["chosen", "ruled_out", "costlier", "capped"].includes(w.kind));
    // Pin a matched need to its own helper: the plan keeps it, marked pinned.
    const first = plan.assignments[0];
    m.pin(first.need, first.helper);
    assert.deepEqual(Object.keys(m.pins()), [String(first.need)]);
    const pinned = m.solve();
    assert.equal(pinned.assignments.find((a) => a.need === first.need).pinned, true);
    m.unpin(first.need);
    assert.deepEqual(m.pins(), {});
    const constructed = new Matcher(c, TUESDAY_8, { fee_per_yuan: 30 });
    assert.equal(constructed.solve().optimal, true);
  });

  // Hour budgets (the `hours` feature) are in the package only.
  test(`${entry}: matchWithHours: a bounded plan under weekly budgets in the package, absent from the matcher entry`, () => {
    if (entry === "huzhu/matcher") {
      assert.equal(typeof c.matchWithHours, "undefined");
      return;
    }
    const plan = c.matchWithHours(TUESDAY_8, undefined, undefined, { max_iterations: 50, seed: 1 });
    assert.equal(plan.assignments.length + plan.unmatched.length, 3);
    assert.ok(plan.lower_bound === null || plan.lower_bound <= plan.objective);
  });

  test(`${entry}: matching errors: bad now, bad policy, unknown need, unknown helper, not a candidate`, () => {
    throwsCode(() => c.match("next tuesday"), "INVALID_DATE", { field: "now" });
    throwsCode(() => c.match("2026-11-24T08:00:00+08:00"), "INVALID_DATE");
    throwsCode(() => c.match(TUESDAY_8, { travel_per_minute: -5 }), "MATCH_INVALID_POLICY", { record: "match policy", field: "travel_per_minute", setting: "travel_per_minute" });
    throwsCode(() => c.match(TUESDAY_8, { travel_per_minute: "fast" }), "MATCH_INVALID_POLICY", { setting: "travel_per_minute" });
    throwsCode(() => c.match(TUESDAY_8, { travel_per_minut: 12 }), "MATCH_INVALID_POLICY", { setting: "travel_per_minut" });
    throwsCode(() => c.match(TUESDAY_8, {}, { colour: 1 }), "MATCH_INVALID_CONTEXT", { record: "match context", field: "colour" });
    throwsCode(() => c.match(TUESDAY_8, {}, { committed: { "resident#1": 1 } }), "MATCH_INVALID_CONTEXT", { field: "committed" });
    throwsCode(() => c.match(TUESDAY_8, {}, { reliability: { "volunteer#1": 1001 } }), "MATCH_INVALID_CONTEXT", { field: "reliability.volunteer#1" });
    throwsCode(() => c.match(TUESDAY_8, {}, { now: TUESDAY_8 }), "INVALID_ARGUMENT", { field: "context.now" });
    const m = c.matcher(TUESDAY_8);
    m.solve();
    throwsCode(() => m.explain(99), "MATCH_UNKNOWN_NEED", { record: "need#99" });
    throwsCode(() => m.explain(1.5), "INVALID_ARGUMENT", { field: "need" });
    throwsCode(() => m.whyNot(1, "volunteer#77"), "MATCH_UNKNOWN_HELPER", { record: "volunteer#77" });
    throwsCode(() => m.whyNot(1, "nurse#1"), "INVALID_ID", { field: "helper" });
    throwsCode(() => m.whyNot(1, null), "INVALID_ARGUMENT", { field: "helper" });
    // Need 3 wants a female helper (hard): volunteer#1 is male.
    throwsCode(() => m.pin(3, "volunteer#1"), "MATCH_NOT_A_CANDIDATE", { record: "need#3" });
  });
}
