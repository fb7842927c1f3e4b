// Results by level: tallies, grid tallies, merging and the roll-up up a hierarchy. Rates are
// summed as counts (never averages of averages), percentiles come from the pooled samples.
import { test } from "node:test";
import assert from "node:assert/strict";
import { assignmentsFromPlan, generateDistrict, gridTallies, mergeTallies, rollup, scorecard, simulate, tally } from "../../pkg/node.js";

const node = (id, level, parent) => ({ id, name: id.toUpperCase(), level, ...(parent ? { parent } : {}) });
const street = [node("s", "street"), node("a", "community", "s"), node("b", "community", "s")];

test("rollup: 9/10 and 1/10 under a street make 10/20 = 0.5, community a 0.9 of the matches", () => {
  const rows = rollup(street, {
    a: { counts: { match_rate: { of: 9, n: 10 } }, samples: { response_minutes: [10, 20, 30] } },
    b: { counts: { match_rate: { of: 1, n: 10 } }, samples: { response_minutes: [40, 50] } },
  });
  assert.deepEqual(rows.map((r) => [r.node.id, r.depth]), [["s", 0], ["a", 1], ["b", 1]]);
  const [s, a] = rows;
  assert.deepEqual(s.node, { id: "s", name: "S", level: "street", parent: null });
  const rate = s.rates.find((r) => r.code === "match_rate");
  assert.deepEqual([rate.count, rate.share], [{ of: 10, n: 20 }, 0.5]);
  assert.deepEqual(rate.children, [
    { child: "a", count: { of: 9, n: 10 }, share: 0.9, of_part: 0.9, n_part: 0.5 },
    { child: "b", count: { of: 1, n: 10 }, share: 0.1, of_part: 0.1, n_part: 0.5 },
  ]);
  // Nearest rank on the pooled samples [10, 20, 30, 40, 50]: p50 is rank ⌈2.5⌉ = 3 → 30, p90
  // rank ⌈4.5⌉ = 5 → 50. Community a alone, [10, 20, 30]: ⌈1.5⌉ = 2 → 20 and ⌈2.7⌉ = 3 → 30.
  assert.deepEqual([s.response_p50, s.response_p90], [30, 50]);
  assert.deepEqual([a.response_p50, a.response_p90], [20, 30]);
  assert.deepEqual(s.tally.samples.response_minutes, [10, 20, 30, 40, 50]);
  assert.equal(a.rates[0].children.length, 0, "a leaf has no children");
  // Ratios of sums, null without a denominator.
  assert.equal(s.ratios.residents_per_worker, null);
});

test("mergeTallies: counts, samples and sums add up", () => {
  const all = mergeTallies([
    { residents: 10, counts: { match_rate: { of: 1, n: 4 } }, samples: { response_minutes: [30, 10] }, amounts: { workers: 1 } },
    { residents: 5, counts: { match_rate: { of: 3, n: 4 } }, samples: { response_minutes: [20] }, amounts: { workers: 2, qualified: 1 } },
  ]);
  assert.deepEqual(all, {
    residents: 15, counts: { match_rate: { of: 4, n: 8 } }, samples: { response_minutes: [10, 20, 30] }, amounts: { workers: 3, qualified: 1 },
  });
  assert.deepEqual(mergeTallies([]), { residents: 0, counts: {}, samples: {}, amounts: {} });
});

test("gridTallies add up to the community's tally on a synthetic district; so does the roll-up", () => {
  const d = generateDistrict({ residents: 3000, week_start: "2026-11-23", seed: 19, residents_per_grid: 500 });
  const c = d.community;
  const noon = "2026-11-25T12:00:00";
  const plan = c.match(noon);
  const period = { start: "2026-11-23", end: "2026-11-30" };
  const assignments = assignmentsFromPlan(plan, noon);
  const sim = simulate(c, assignments, period, 19);
  const card = scorecard(c, { period, now: d.now, assignments, records: sim.records, surveys: sim.surveys, care_records: sim.care_records, visits: sim.visits });
  const whole = tally(card);
  const grids = gridTallies(card, c);
  assert.ok(Object.keys(grids).length > 1, "several grids");
  assert.equal(Object.values(grids).reduce((s, t) => s + t.residents, 0), whole.residents);
  assert.equal(whole.residents, 3000);
  const matchRate = whole.counts.match_rate;
  assert.ok(matchRate.n > 0 && matchRate.of > 0 && matchRate.of < matchRate.n, JSON.stringify(matchRate));
  for (const code of ["match_rate", "response_compliance", "community_affairs", "activity_participation"]) {
    const sum = Object.values(grids).reduce((s, t) => {
      const x = t.counts[code] ?? { of: 0, n: 0 };
      return { of: s.of + x.of, n: s.n + x.n };
    }, { of: 0, n: 0 });
    assert.deepEqual(sum, whole.counts[code] ?? { of: 0, n: 0 }, code);
  }
  // The community over its grids: the roll-up sums the grids' counts into the community's.
  const nodes = [node("c", "community"), ...Object.keys(grids).map((g) => node(`g${g}`, "grid", "c"))];
  const rows = rollup(nodes, Object.fromEntries(Object.entries(grids).map(([g, t]) => [`g${g}`, t])));
  const top = rows[0].rates.find((r) => r.code === "match_rate");
  assert.deepEqual(top.count, matchRate);
  assert.equal(top.children.length, Object.values(grids).filter((t) => t.counts.match_rate).length);
  assert.ok(Math.abs(top.children.reduce((s, ch) => s + ch.of_part, 0) - 1) < 1e-9, "the grids' parts make the whole");
  // Tallies merged apart are the tally of the whole.
  assert.deepEqual(mergeTallies(Object.values(grids)).counts.match_rate, matchRate);
});
