// KPIs over a work plan: the measures, the documents' KPI set, progress from a series and from a
// run of scorecards. Every expected number is worked by hand in the comments.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Community, defaultKpis, evaluateKpis, kpiProgress, measures, scorecard } from "../../pkg/node.js";

const close = (a, b, what) => assert.ok(Math.abs(a - b) < 1e-12, `${what}: ${a} vs ${b}`);
const START = "2026-01-01";
const kpis = defaultKpis(START);
const kpi = (code) => structuredClone(kpis.find((k) => k.code === code));

test("measures(): every code with its names, unit and direction", () => {
  const m = measures();
  assert.equal(m.length, 22);
  assert.deepEqual(m[1], { code: "match_rate", name_en: "Match rate", name_zh: "供需匹配率", unit: "share", higher_is_better: true });
  const handling = m.find((x) => x.code === "handling_days");
  assert.deepEqual([handling.unit, handling.higher_is_better], ["days", false]);
  assert.deepEqual(m.filter((x) => !x.higher_is_better).map((x) => x.code),
    ["handling_days", "facility_idle_share", "residents_per_social_worker", "residents_per_worker"]);
});

test("defaultKpis(start): the documents' targets, due at the end of consolidation (month 36)", () => {
  assert.equal(kpis.length, 19);
  assert.deepEqual(kpi("match_rate"), {
    code: "match_rate", measure: "match_rate", name_en: "Match rate", name_zh: "供需匹配率", baseline: 0.55,
    baseline_date: START, target: 0.82, deadline: "2029-01-01", phase: "consolidation", direction: "increase",
  });
  assert.deepEqual([kpi("handling_days").baseline, kpi("handling_days").target, kpi("handling_days").direction], [7, 2, "decrease"]);
  assert.equal(kpi("training_hours").baseline, null, "norms have no baseline until a first evaluation");
  assert.deepEqual(defaultKpis(new Date(2026, 0, 1)), kpis, "a Date at local midnight");
});

test("kpiProgress: match rate 55% → 82%, 64% after six months: a third of the way, on track", () => {
  const series = [{ date: "2026-07-01", value: 0.64 }];
  const p = kpiProgress(kpi("match_rate"), series, "2026-07-01", 91);
  // (0.64 − 0.55) / (0.82 − 0.55) = 0.09 / 0.27 = 1/3 of the way.
  close(p.change, 0.09, "change");
  close(p.progress, 1 / 3, "progress");
  // 2026-01-01 → 2026-07-01 is 181 days of 2026-01-01 → 2029-01-01 = 365 + 365 + 366 = 1,096.
  close(p.expected, 181 / 1096, "expected");
  assert.deepEqual([p.on_track, p.status], [true, "on_track"]);
  // 1,096 − 181 = 915 days left: ⌈915 / 91⌉ = 11 quarters, 0.82 − 0.64 = 0.18 to gain: 0.18 / 11 a quarter.
  assert.equal(p.remaining_periods, 11);
  close(p.needed_per_period, 0.18 / 11, "needed per period");
  assert.deepEqual(p.latest, { date: "2026-07-01", value: 0.64 });
  assert.equal(p.phase_now, "roll_out", "month 7");
  assert.deepEqual(p.series, series);
  // Quarterly is the default.
  assert.deepEqual(kpiProgress(kpi("match_rate"), series, "2026-07-01"), p);
});

test("kpiProgress: handling days 7 → 2, a lower-is-better KPI, worked by hand", () => {
  const k = kpi("handling_days");
  // 6 days in Q1, then 6.5 in Q2: latest 6.5, change −0.5, progress −0.5 / (2 − 7) = 0.1 of the way
  // after 181 of 1,096 days (0.165): behind. Still to go: (2 − 6.5) / 11 = −0.409 days a quarter.
  const behind = kpiProgress(k, [{ date: "2026-04-01", value: 6 }, { date: "2026-07-01", value: 6.5 }], "2026-07-01");
  close(behind.change, -0.5, "change");
  close(behind.progress, 0.1, "progress");
  close(behind.expected, 181 / 1096, "expected");
  assert.deepEqual([behind.on_track, behind.status, behind.remaining_periods], [false, "behind", 11]);
  close(behind.needed_per_period, -4.5 / 11, "needed per period");
  // 4.5 days in Q1 and no data in Q2: the latest value is Q1's, −2.5 of −5 (half way) after
  // 90 of 1,096 days (0.082): on track; (2 − 4.5) / 11 a quarter still needed.
  const gap = kpiProgress(k, [{ date: "2026-04-01", value: 4.5 }, { date: "2026-07-01", value: null }], "2026-07-01");
  assert.deepEqual(gap.latest, { date: "2026-04-01", value: 4.5 });
  close(gap.progress, 0.5, "progress");
  close(gap.expected, 90 / 1096, "expected");
  assert.equal(gap.status, "on_track");
  close(gap.needed_per_period, -2.5 / 11, "needed per period");
  // 2 days: met (at or below the target), nothing more needed.
  const met = kpiProgress(k, [{ date: "2026-07-01", value: 2 }], "2026-07-01");
  assert.deepEqual([met.status, met.needed_per_period, met.progress], ["met", null, 1]);
  // Past the deadline at 3 days: missed, no period left.
  const missed = kpiProgress(k, [{ date: "2029-01-01", value: 3 }], "2029-02-01");
  assert.deepEqual([missed.status, missed.remaining_periods, missed.needed_per_period, missed.phase_now], ["missed", 0, null, null]);
  // Nothing measured yet.
  const none = kpiProgress(k, [], "2026-07-01");
  assert.deepEqual([none.status, none.latest, none.on_track], ["no_data", null, null]);
  // An observation after `today` is not read.
  const future = kpiProgress(k, [{ date: "2026-04-01", value: 6 }, { date: "2026-10-01", value: 1 }], "2026-07-01");
  assert.deepEqual(future.latest, { date: "2026-04-01", value: 6 });
});

test("evaluateKpis: a run of scorecards, each measure at its period's end", () => {
  // 1,200 residents in two grids of 600, a qualified worker on each (qualified share 1), the
  // second quarter with 1,200 training minutes: 20 h / 2 workers × 365 / 91 = 40.1 h a year.
  const c = new Community("Two grids");
  const home = { lat: 31.2304, lon: 121.4737 };
  for (let i = 1; i <= 1200; i += 1) c.addResident({ id: i, birth_date: "1960-01-01", home, grid: i <= 600 ? 1 : 2, household: "with_family", self_care: "full" });
  c.addWorker({ id: 1, name: "Li", role: "grid_worker", grids: [1], qualified: true });
  c.addWorker({ id: 2, name: "Wang", role: "grid_worker", grids: [2], qualified: true });
  const q1 = scorecard(c, { period: { start: "2026-01-01", end: "2026-04-01" }, now: "2026-04-01T00:00:00" });
  const q2 = scorecard(c, {
    period: { start: "2026-04-01", end: "2026-07-01" }, now: "2026-07-01T00:00:00",
    training: [{ worker: 1, date: "2026-05-04", minutes: 1200 }],
  });
  const rows = evaluateKpis(kpis, [q1, q2], "2026-07-01");
  assert.deepEqual(rows.map((r) => r.kpi.code), kpis.map((k) => k.code));
  const row = (code) => rows.find((r) => r.kpi.code === code);
  assert.deepEqual(row("qualified_share").series, [{ date: "2026-04-01", value: 1 }, { date: "2026-07-01", value: 1 }]);
  assert.equal(row("qualified_share").status, "met");
  assert.deepEqual(row("residents_per_worker").series.map((o) => o.value), [600, 600]);
  assert.equal(row("residents_per_worker").status, "met", "600 ≤ 800");
  const training = row("training_hours");
  assert.equal(training.series[0].value, 0);
  close(training.series[1].value, (20 / 2) * (365 / 91), "training hours a year");
  assert.equal(training.status, "met");
  // No needs in either quarter: no match rate to judge.
  assert.deepEqual(row("match_rate").series.map((o) => o.value), [null, null]);
  assert.equal(row("match_rate").status, "no_data");
  // Periods are as long as the last card's (91 days): 915 days left is 11 of them.
  assert.equal(row("match_rate").remaining_periods, 11);
});
