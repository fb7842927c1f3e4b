// The wasm side of the benchmark (`make wasm-bench`): the bmatch instance (parse and solve timed
// apart, like huzhu-solve times the solve alone) and the 10k-resident district, in Node; the
// district's matches again with the matcher entry (`huzhu/matcher`), on the generated snapshots.
// usage: node bench/bench.mjs BMATCH_FILE [REPS]   → one JSON line, medians (and minima) in ms.
import { readFileSync } from "node:fs";
import { BmatchProblem, generateDistrict } from "../pkg/node.js";
import { Community as MatcherCommunity } from "../pkg/matcher/node.js";

const [file, repsArg] = process.argv.slice(2);
const reps = Number(repsArg ?? 5);
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const min = (v) => Math.min(...v);
const out = {};
if (file) {
  const text = readFileSync(file, "utf8");
  const parse = [], solve = [];
  let result;
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    const p = BmatchProblem.parse(text);
    const t1 = performance.now();
    result = p.solve();
    const t2 = performance.now();
    p.free();
    parse.push(t1 - t0);
    solve.push(t2 - t1);
  }
  Object.assign(out, { bmatch_parse_ms: median(parse), bmatch_solve_ms: median(solve), bmatch_solve_min_ms: min(solve), bmatch_objective: result.objective, bmatch_optimal: result.optimal });
}
const gen = [], match = [], week = [], mMatch = [], mWeek = [];
let summary, weekly, matcherSummary;
// The matcher entry matches the same districts, read from their snapshots (it has no generator).
const timedMatch = (c, now, times) => {
  const t = performance.now();
  const plan = c.match(now);
  times.push(performance.now() - t);
  return plan;
};
for (let i = 0; i < reps; i++) {
  const t0 = performance.now();
  const d = generateDistrict({ residents: 10000, week_start: "2026-11-23", seed: 2026 });
  const c = d.community;
  const t1 = performance.now();
  const plan = c.match("2026-11-25T12:00:00");
  const t2 = performance.now();
  gen.push(t1 - t0);
  match.push(t2 - t1);
  summary = { needs: c.counts.needs, matched: plan.assignments.length, objective: plan.objective };
  const mc = MatcherCommunity.fromJson(c.toJson());
  const mp = timedMatch(mc, "2026-11-25T12:00:00", mMatch);
  mc.free();
  c.free();
  d.free();
  const w = generateDistrict({ residents: 10000, week_start: "2026-11-23", seed: 2026, recorded_in_advance: true });
  const wc = w.community;
  const wp = timedMatch(wc, "2026-11-23T00:00:00", week);
  weekly = { week_needs: wc.counts.needs, week_matched: wp.assignments.length, week_objective: wp.objective };
  const mwc = MatcherCommunity.fromJson(wc.toJson());
  const mwp = timedMatch(mwc, "2026-11-23T00:00:00", mWeek);
  matcherSummary = { matcher_objective: mp.objective, matcher_week_objective: mwp.objective };
  mwc.free();
  wc.free();
  w.free();
}
Object.assign(out, {
  generate_ms: median(gen), generate_min_ms: min(gen), match_ms: median(match), match_min_ms: min(match), ...summary,
  week_match_ms: median(week), week_match_min_ms: min(week), ...weekly,
  matcher_match_ms: median(mMatch), matcher_match_min_ms: min(mMatch),
  matcher_week_match_ms: median(mWeek), matcher_week_match_min_ms: min(mWeek), ...matcherSummary,
});
console.log(JSON.stringify(out));
