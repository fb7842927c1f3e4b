// Staffing beyond head counts and service funding in the scorecard (`workforce`, `funding`), the
// worker's `qualified` flag, and the special-group scope of satisfaction: values worked by hand.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Community, defaultScoringPolicy, satisfaction, scorecard } from "../../pkg/node.js";

const close = (a, b, what) => assert.ok(Math.abs(a - b) < 1e-9, `${what}: ${a} vs ${b}`);
const home = { lat: 31.2304, lon: 121.4737 };
const resident = (id, grid, extra = {}) => ({ id, birth_date: "1960-01-01", home, grid, household: "with_family", self_care: "full", ...extra });

/** 1,200 residents, 600 in each of grids 1 and 2; grid worker 1 (qualified) covers grid 1, grid worker 2 grid 2. */
function twoGrids() {
  const c = new Community("Two grids");
  for (let i = 1; i <= 1200; i += 1) c.addResident(resident(i, i <= 600 ? 1 : 2));
  c.addWorker({ id: 1, name: "Li", role: "grid_worker", grids: [1], qualified: true });
  c.addWorker({ id: 2, name: "Wang", role: "grid_worker", grids: [2] });
  return c;
}

test("workers carry `qualified` (default false) through addWorker, worker(), workers() and the snapshot", () => {
  const c = twoGrids();
  assert.equal(c.worker(1).qualified, true);
  assert.equal(c.worker(2).qualified, false, "left out: false, and written");
  assert.deepEqual(c.workers().map((w) => [w.id, w.qualified]), [[1, true], [2, false]]);
  const again = Community.fromJson(c.toJson());
  assert.deepEqual(again.workers(), c.workers());
  assert.equal(c.toSnapshot().workers[0].qualified, true);
});

test("scorecard.workforce: 600 residents per worker, half qualified, 20.3 training hours a year (below 40)", () => {
  const c = twoGrids();
  // 2026-01-01 to 2026-04-01: 31 + 28 + 31 = 90 days. Worker 1 trained 600 minutes on 2026-02-02;
  // training outside the period does not count.
  const card = scorecard(c, {
    period: { start: "2026-01-01", end: "2026-04-01" }, now: "2026-04-01T00:00:00",
    training: [{ worker: 1, date: "2026-02-02", minutes: 600 }, { worker: 2, date: "2026-04-01", minutes: 6000 }],
  });
  const w = card.workforce;
  assert.deepEqual([w.residents, w.workers, w.residents_per_worker], [1200, 2, 600]);
  assert.deepEqual(w.caseload_norm, [500, 800]);
  assert.equal(w.within_caseload, true);
  assert.equal(w.uncovered_residents, 0);
  assert.deepEqual([w.qualified, w.qualified_share, w.meets_qualified], [1, 0.5, true]);
  // 600 min = 10 h, over 2 workers, scaled from 90 days to 365: 10 / 2 × 365 / 90 = 20.277… h.
  close(w.training_hours_per_year, (10 / 2) * (365 / 90), "training hours a year");
  assert.equal(w.meets_training, false);
  assert.deepEqual(w.loads.map((l) => [l.worker, l.role, l.qualified, l.grids, l.residents, l.training_minutes, l.over_caseload]), [
    [1, "grid_worker", true, [1], 600, 600, false],
    [2, "grid_worker", false, [2], 600, 0, false],
  ]);
  // No funding recorded: nothing per resident, the norm still reported.
  assert.deepEqual([card.funding.total_fen, card.funding.per_resident_year, card.funding.norm, card.funding.meets], [0, 0, 50, false]);
});

test("scorecard.funding: 4,500 yuan for 100 residents over 365 days is 45 yuan a resident a year, below 50", () => {
  const c = new Community("Hundred");
  for (let i = 1; i <= 100; i += 1) c.addResident(resident(i, 1));
  const card = scorecard(c, {
    period: { start: "2026-01-01", end: "2027-01-01" }, now: "2027-01-01T00:00:00",
    funding: [
      { source: "government", date: "2026-02-01", amount_fen: 400_000 },
      { source: "charity", date: "2026-03-01", amount_fen: 50_000 },
      { source: "charity", date: "2027-01-01", amount_fen: 99_999 }, // after the period
    ],
  });
  const f = card.funding;
  assert.deepEqual([f.residents, f.days, f.total_fen], [100, 365, 450_000]);
  assert.deepEqual(f.by_source, { government: 400_000, charity: 50_000 });
  close(f.per_resident_year, 45, "yuan a resident a year"); // 4,500 / 100 × 365 / 365
  assert.deepEqual([f.norm, f.meets], [50, false]);
  // A looser norm is met (the policy's staffing norms are partial on input).
  const loose = scorecard(c, { period: { start: "2026-01-01", end: "2027-01-01" }, now: "2027-01-01T00:00:00", funding: [{ source: "government", date: "2026-02-01", amount_fen: 450_000 }] },
    { staffing: { funding_yuan_per_resident: 45 } });
  assert.equal(loose.funding.meets, true);
  // No workers: the ratios are unknown, not zero.
  assert.deepEqual([card.workforce.residents_per_worker, card.workforce.qualified_share, card.workforce.training_hours_per_year], [null, null, null]);
});

test("the default staffing norms include the caseload, qualified share, training and funding norms", () => {
  assert.deepEqual(defaultScoringPolicy().staffing, {
    community_workers_per_10k: 18, residents_per_social_worker: 500, volunteer_share: 0.05,
    residents_per_worker_min: 500, residents_per_worker_max: 800, qualified_share: 0.12, training_hours_per_year: 40,
    funding_yuan_per_resident: 50,
  });
});

test("satisfaction has a special-groups scope: respondents in any special group", () => {
  const c = new Community("Scopes");
  c.addResident(resident(1, 1, { groups: ["elderly_living_alone"] }));
  c.addResident(resident(2, 1));
  c.addVolunteer({ id: 1, availability: [], minutes_per_week: 60, max_travel_m: 500, home });
  const period = { start: "2026-11-01", end: "2026-12-01" };
  const all = (v) => ({ content: v, efficiency: v, attitude: v, sustainability: v, innovation: v });
  const report = satisfaction(c, [
    { id: 1, respondent: 1, helper: { kind: "volunteer", id: 1 }, period, answers: all(5) },
    { id: 2, respondent: 2, helper: { kind: "volunteer", id: 1 }, period, answers: all(2) },
  ]);
  const row = (kind) => report.rows.find((r) => r.scope.kind === kind);
  assert.deepEqual(row("special_groups").scope, { kind: "special_groups" });
  assert.deepEqual([row("special_groups").overall.n, row("special_groups").overall.share_satisfied], [1, 1]);
  assert.deepEqual([row("all").overall.n, row("all").overall.share_satisfied], [2, 0.5]);
});
