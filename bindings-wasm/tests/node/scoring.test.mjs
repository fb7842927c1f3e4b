import { test } from "node:test";
import assert from "node:assert/strict";
import {
  compareScorecards,
  generateDistrict, scorecard, scorecardText, simulate, timeBankFromLedger, timeBankWeek, assignmentsFromPlan,
  circleCoverage, satisfaction, qualityAlerts, responseTimes, compositeIndex, defaultScoringPolicy, defaultIndexWeights,
} from "../../pkg/node.js";
import { throwsCode } from "./helpers.mjs";

const d = generateDistrict({ residents: 2000, week_start: "2026-11-23", seed: 2026 });
const c = d.community;
const NOON = "2026-11-25T12:00:00";
const plan = c.match(NOON);
const period = { start: "2026-11-23", end: "2026-11-30" };
const assignments = assignmentsFromPlan(plan, NOON);
const sim = simulate(c, assignments, period, 2026);

test("assignmentsFromPlan and simulate", () => {
  assert.equal(assignments.length, plan.assignments.length);
  assert.deepEqual(assignments[0], { need: plan.assignments[0].need, helper: plan.assignments[0].helper, matched_at: NOON });
  assert.ok(sim.records.length > 0 && sim.surveys.length > 0);
  assert.deepEqual(simulate(c, assignments, period, 2026), sim, "seeded");
  const fewer = simulate(c, assignments, period, 2026, { response_rate: 0.1 });
  assert.ok(fewer.surveys.length < sim.surveys.length);
});

test("scorecard: every report and a 0–100 index; text rendering", () => {
  const { ledger } = timeBankWeek(c, plan.assignments, { starting_grant: 60 }, "2026-11-23T00:00:00");
  const tb = timeBankFromLedger(ledger, c, period, 90000);
  assert.deepEqual(tb.period, period);
  const inputs = {
    period, now: d.now, assignments, records: sim.records, surveys: sim.surveys, care_records: sim.care_records,
    visits: sim.visits, staff: { community_workers: 3, social_workers: 3 }, time_bank: [tb],
  };
  const card = scorecard(c, inputs);
  assert.equal(card.community, c.name);
  assert.ok(card.index.score > 0 && card.index.score <= 100, String(card.index.score));
  assert.ok(card.index.components.length >= 8);
  // The district keeps care files and contacts: special-group coverage and the identification
  // indicators are known.
  assert.ok(card.special_groups.all.with_care_file > 0);
  assert.ok(card.identification.surveyed > 0);
  for (const key of ["satisfaction", "alerts", "response", "delivery", "supply", "facilities", "coverage", "staffing", "special_groups", "visits", "participation", "identification", "time_bank"]) {
    assert.ok(key in card, key);
  }
  const text = scorecardText(c, inputs);
  assert.match(text, /index|指数/i);
  const policy = defaultScoringPolicy();
  assert.equal(policy.circle_minutes, 15);
  const strict = scorecard(c, { period, now: d.now, assignments }, { circle_minutes: 5 });
  assert.ok(strict.index.score !== null);
});

test("the scoring functions one by one", () => {
  const cov = circleCoverage(c, 15);
  assert.ok(typeof cov === "object" && cov !== null);
  const sat = satisfaction(c, sim.surveys);
  assert.ok(Array.isArray(sat.rows) && sat.rows.length > 0);
  const alerts = qualityAlerts(c, sim.surveys);
  assert.ok(Array.isArray(alerts));
  // Demanding 100% satisfied flags at least as many helpers.
  const strict = qualityAlerts(c, sim.surveys, { alerts: { ...defaultScoringPolicy().alerts, correct_below: 1 } });
  assert.ok(strict.length >= alerts.length);
  const resp = responseTimes(c, assignments, sim.records, period, d.now);
  assert.ok(typeof resp === "object");
  const weights = defaultIndexWeights();
  assert.equal(weights.satisfaction, 12);
  assert.equal(Object.values(weights).reduce((a, b) => a + b, 0), 100);
  const idx = compositeIndex({ satisfaction: 0.8, match_rate: 0.9, staffing: null });
  assert.ok(idx.score > 0 && idx.score <= 100);
  assert.ok(idx.missing.includes("staffing"));
  const only = compositeIndex({ satisfaction: 0.5 }, { satisfaction: 1 });
  assert.equal(Math.round(only.score), 50);
});

test("scoring errors", () => {
  throwsCode(() => scorecard(c, { period: { start: "2026-11-30", end: "2026-11-23" }, now: d.now }), "SCORING_INVALID_FIELD", { field: "period.end" });
  throwsCode(() => scorecard(c, { period, now: d.now, assignments: [{ need: 999999, helper: { kind: "volunteer", id: 1 }, matched_at: NOON }] }),
    "SCORING_UNKNOWN_REFERENCE", { field: "need" });
  throwsCode(() => scorecard(c, { period, now: "soon" }), "MODEL_JSON", { field: "inputs.now" });
  throwsCode(() => scorecard(c, { period }), "MODEL_JSON", { field: "inputs.now" });
  throwsCode(() => scorecard(c, { period, now: d.now, colour: 1 }), "MODEL_JSON", { field: "inputs.colour" });
  throwsCode(() => scorecard(c, { period, now: d.now }, { circle_minutes: "fifteen" }), "SCORING_INVALID_FIELD", { record: "scoring policy", setting: "circle_minutes" });
  throwsCode(() => simulate(c, assignments, period, -1), "INVALID_ARGUMENT", { field: "seed" });
  throwsCode(() => circleCoverage(c, -3), "INVALID_ARGUMENT");
  const dup = [sim.surveys[0], sim.surveys[0]];
  throwsCode(() => satisfaction(c, dup), "SCORING_DUPLICATE_ID");
});

test("compareScorecards: what moved more than noise between two periods", () => {
  // Satisfaction of the whole community from surveys alone: October 12 of 40 answers
  // satisfied (4s count, 2s do not), November 30 of 40: +0.45. Newcombe's interval from the two
  // Wilson intervals at z = 1.96, computed from the published formulas: 0.2334 to 0.6110, above
  // zero. The district's volunteers answer for themselves; no needs were matched in either.
  const dims = (a) => ({ content: a, efficiency: a, attitude: a, sustainability: a, innovation: a });
  const month = (start, end, satisfied, first) => ({
    period: { start, end }, now: `${end}T00:00:00`,
    surveys: Array.from({ length: 40 }, (_, i) => ({
      id: first + i, respondent: 1, helper: { kind: "volunteer", id: 1 }, period: { start, end }, answers: dims(i < satisfied ? 4 : 2),
    })),
  });
  const before = scorecard(c, month("2026-10-01", "2026-11-01", 12, 1));
  const after = scorecard(c, month("2026-11-01", "2026-12-01", 30, 101));
  const cmp = compareScorecards(before, after);
  const s = cmp.rates.find((r) => r.code === "satisfaction");
  assert.deepEqual([s.before, s.after], [{ of: 12, n: 40 }, { of: 30, n: 40 }]);
  assert.ok(Math.abs(s.change - 0.45) < 1e-12);
  assert.ok(Math.abs(s.interval[0] - 0.2334) < 1e-4 && Math.abs(s.interval[1] - 0.6110) < 1e-4, `${s.interval}`);
  assert.equal(s.significant, true);
  const m = cmp.rates.find((r) => r.code === "match_rate");
  assert.deepEqual([m.change, m.interval, m.significant], [null, null, false]);
  assert.deepEqual([cmp.before, cmp.after], [before.period, after.period]);
  throwsCode(() => compareScorecards(before, after, 0), "INVALID_ARGUMENT", { field: "z" });
});
