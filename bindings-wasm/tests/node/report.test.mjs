// The evaluation report: one self-contained HTML file from four quarters of scorecards, the KPIs,
// the levels and the staffing advice; its data; and rendering data back.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  Community, assignmentsFromPlan, defaultKpis, evaluationReport, evaluationReportData, generateDistrict, renderReport,
  rollup, scorecard, simulate, staffingAdvice, tally,
} from "../../pkg/node.js";

const d = generateDistrict({ residents: 2000, week_start: "2026-11-23", seed: 5, residents_per_grid: 500, recorded_in_advance: true });
const c = d.community;
const noon = "2026-11-25T12:00:00";
const plan = c.match(noon);
const assignments = assignmentsFromPlan(plan, noon);
// Four quarters of 2026 scored on the week's records (the same evidence each quarter: the
// report's shape, not a story).
const quarters = [["2026-01-01", "2026-04-01"], ["2026-04-01", "2026-07-01"], ["2026-07-01", "2026-10-01"], ["2026-10-01", "2027-01-01"]];
const cards = quarters.map(([start, end], i) => {
  const period = { start, end };
  const sim = simulate(c, assignments, period, 10 + i);
  return scorecard(c, { period, now: `${end}T00:00:00`, assignments, records: sim.records, surveys: sim.surveys, visits: sim.visits });
});
const kpis = defaultKpis("2026-01-01");
const advice = staffingAdvice(c, noon, { max_groups: 2 }).advice;
const input = { generated: "2027-01-05", scorecards: cards, kpis, advice, title_zh: "年度评估", title_en: "Annual evaluation" };

test("evaluationReport: a self-contained bilingual HTML document with every section", () => {
  const html = evaluationReport(c, input);
  assert.ok(html.startsWith("<!DOCTYPE html>"));
  assert.ok(html.includes("<title>年度评估 · Annual evaluation</title>"));
  for (const id of ["kpis", "index", "changes", "levels", "map", "alerts", "advice", "staffing"]) {
    assert.match(html, new RegExp(`<section id="${id}"[ >]`), id);
  }
  for (const label of ["2026 Q1", "2026 Q4", "供需匹配率", "Match rate", "诉求办理时长", advice[0].text_zh]) {
    assert.ok(html.includes(label.replaceAll("`", "&#96;")) || html.includes(label), label);
  }
  assert.ok((html.match(/<svg/g) ?? []).length > 5, "inline SVG charts");
  // Nothing fetched, nothing run.
  assert.doesNotMatch(html, /<script|https?:\/\/(?!www\.w3\.org)/);
  assert.equal(evaluationReport(c, input), html, "the same inputs give the same bytes");
  assert.equal(evaluationReport(c, { ...input, generated: new Date(2027, 0, 5) }), html, "a Date at local midnight");
});

test("evaluationReportData: the report's lines; renderReport renders them back to the same bytes", () => {
  const data = evaluationReportData(c, input);
  assert.deepEqual(data.periods, ["2026 Q1", "2026 Q2", "2026 Q3", "2026 Q4"]);
  assert.deepEqual(data.index, cards.map((k) => k.index.score));
  assert.equal(data.generated, "2027-01-05");
  assert.equal(data.place, c.name);
  assert.equal(data.kpis.length, kpis.length);
  const rate = data.kpis.find((k) => k.code === "match_rate");
  assert.deepEqual([rate.name_zh, rate.name_en, rate.percent, rate.baseline, rate.target, rate.deadline],
    ["供需匹配率", "Match rate", true, 0.55, 0.82, "2029-01-01"]);
  assert.deepEqual(rate.series, cards.map((k) => k.supply.match_rate));
  assert.equal(data.kpis.find((k) => k.code === "training_hours").baseline, null, "no baseline: null");
  assert.deepEqual(data.advice.map((a) => a.text_en), advice.map((a) => a.text_en));
  // Without levels, the community and its grids; the map has a cell per grid.
  assert.equal(data.levels[0].level, "community");
  assert.ok(data.levels.slice(1).every((l) => l.level === "grid" && l.depth === 1));
  assert.equal(data.grids.length, data.levels.length - 1);
  assert.equal(data.staffing.length, 7);
  assert.equal(renderReport(data), evaluationReport(c, input));
  // Your own data: every member optional.
  const own = renderReport({ title_en: "Notes", kpis: [{ code: "x", name_en: "X", name_zh: "叉", target: 1 }] });
  assert.ok(own.includes("Notes") && own.includes("叉"));
});

test("a street's report from a roll-up, without one community", () => {
  const levels = rollup(
    [{ id: "s", name: "东湖街道", level: "street" }, { id: "a", name: "A", level: "community", parent: "s" }, { id: "b", name: "B", level: "community", parent: "s" }],
    { a: tally(cards[3]), b: tally(cards[2]) },
  );
  const data = evaluationReportData(new Community("东湖街道"), { generated: "2027-01-05", scorecards: cards, levels });
  assert.deepEqual(data.levels.map((l) => [l.id, l.depth]), [["s", 0], ["a", 1], ["b", 1]]);
  assert.equal(data.levels[0].residents, 4000);
  assert.deepEqual(data.grids, [], "no community: no map");
  assert.deepEqual(data.kpis, []);
});
