// The wasm package computes what the native Rust core computes, byte for byte. The native side
// is written by `cargo run -p huzhu-wasm --example native_fixtures -- target/wasm/fixtures`
// (test.mk runs it before these tests).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  Community, generateDistrict, assignmentsFromPlan, scorecard,
  contactSchedule, riskFlags, inferNeeds, packageNeeds, identification, needsList,
  defaultKpis, evaluationReport, staffingAdvice, planRounds, replanRounds, roundsGeoJson,
  compareDispatchers,
} from "../../pkg/node.js";
import { root, exampleJson, TUESDAY_8, canonical } from "./helpers.mjs";

const dir = process.env.HUZHU_NATIVE_FIXTURES ?? `${root}target/wasm/fixtures`;
const native = (name) => readFileSync(`${dir}/${name}`, "utf8");
// Not skipped when missing: test.mk writes the native fixtures before these tests, and a missing
// file fails its test (readFileSync).

test("example community: the wasm plan is the native plan, byte for byte", () => {
  const c = Community.fromJson(exampleJson);
  assert.equal(c.matchJson(TUESDAY_8), native("plan-community.json"));
  assert.equal(canonical(c.match(TUESDAY_8)), canonical(JSON.parse(native("plan-community.json"))));
});

test("2,000-resident district: same plan, same scorecard as native", () => {
  const d = generateDistrict({ residents: 2000, week_start: "2026-11-23", seed: 2026 });
  const c = d.community;
  const noon = "2026-11-25T12:00:00";
  const text = c.matchJson(noon, { travel_per_minute: 12 });
  assert.equal(text, native("plan-district.json"));
  const plan = JSON.parse(text);
  assert.ok(plan.assignments.length > 10);
  const card = scorecard(c, { period: { start: "2026-11-23", end: "2026-11-30" }, now: d.now, assignments: assignmentsFromPlan(plan, noon) });
  assert.equal(canonical(card), canonical(JSON.parse(native("scorecard-district.json"))));
});

test("2,000-resident district: the week replayed by the phone and by huzhu, the same figures as native", () => {
  const d = generateDistrict({ residents: 2000, week_start: "2026-11-23", seed: 2026 });
  const cmp = compareDispatchers(d.community, { start: "2026-11-23" });
  const want = JSON.parse(native("dispatch-district.json"));
  assert.equal(canonical(cmp), canonical(want));
  assert.ok(cmp.matcher.summary.needs > 10 && cmp.phone.summary.needs === cmp.matcher.summary.needs);
});

test("2,000-resident district: the same care loop as native", () => {
  const d = generateDistrict({ residents: 2000, week_start: "2026-11-23", seed: 2026 });
  const c = d.community;
  const care = {
    flags: riskFlags(c, d.now),
    rounds: contactSchedule(c, d.now),
    inferred: inferNeeds(c, d.now),
    package: packageNeeds(c, d.weekStart, 100_000),
    identification: identification(c, { start: "2026-11-23", end: "2026-11-30" }),
    needs_list: needsList(c),
  };
  const expected = JSON.parse(native("care-district.json"));
  assert.ok(expected.rounds.in_scope > 0 && expected.package.length > 0, "the district keeps care files");
  assert.equal(canonical(care), canonical(expected));
});

test("2,000-resident district: the same evaluation report as native, byte for byte", () => {
  // The scorecard and the advice cross the boundary as JSON and back: nothing is lost on the way.
  const d = generateDistrict({ residents: 2000, week_start: "2026-11-23", seed: 2026 });
  const c = d.community;
  const noon = "2026-11-25T12:00:00";
  const plan = c.match(noon, { travel_per_minute: 12 });
  const card = scorecard(c, { period: { start: "2026-11-23", end: "2026-11-30" }, now: d.now, assignments: assignmentsFromPlan(plan, noon) });
  const { advice } = staffingAdvice(c, "2026-11-23T08:00:00");
  const html = evaluationReport(c, { generated: "2026-11-30", scorecards: [card], kpis: defaultKpis("2026-01-01"), advice });
  assert.ok(html.includes("供需匹配率"));
  assert.equal(html, native("report-district.html"));
});

test("a day of visit rounds: the wasm plan, re-plan and GeoJSON are the native ones, byte for byte", () => {
  const input = JSON.parse(native("rounds-input.json"));
  const plan = planRounds(input.visits, input.workers, input.policy);
  assert.equal(JSON.stringify(plan), native("rounds-plan.json"));
  const { visits, workers } = input.replan;
  assert.equal(JSON.stringify(replanRounds(plan, visits, workers, input.policy)), native("rounds-replan.json"));
  assert.equal(canonical(roundsGeoJson(plan, input.visits, input.workers)), canonical(JSON.parse(native("rounds-geojson.json"))));
});

test("repeated runs are identical", () => {
  const c = Community.fromJson(exampleJson);
  assert.equal(c.matchJson(TUESDAY_8), c.matchJson(TUESDAY_8));
});
