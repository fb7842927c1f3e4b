// Bad inputs to the evaluation API (issue 19): KPIs and their series, the level hierarchy and
// tallies, training and funding evidence, the staffing norms, staffing advice and the report.
// Each gives a HuzhuError with the core's code, record, field (and setting) and message — never a
// panic or a trap. The rows are written so that the conformance catalogue can take them over.
import { test } from "node:test";
import assert from "node:assert/strict";
import { thrown } from "./helpers.mjs";
import {
  Community, defaultKpis, evaluateKpis, evaluationReport, gridTallies, kpiProgress, renderReport, rollup, scorecard,
  staffingAdvice, tally,
} from "../../pkg/node.js";

const T = "2026-07-01";
const rate = defaultKpis("2026-01-01").find((k) => k.code === "match_rate");
const c = new Community("Bad inputs");
c.addResident({ id: 1, birth_date: "1950-01-01", home: { lat: 31.2, lon: 121.4 }, grid: 1, household: "lives_alone", self_care: "full" });
c.addWorker({ id: 1, name: "Li", role: "grid_worker", grids: [1] });
const P = { start: "2026-01-01", end: "2026-04-01" };
const NOW = "2026-04-01T00:00:00";
const card = scorecard(c, { period: P, now: NOW });
const community = (id, parent) => ({ id, name: id, level: "community", ...(parent ? { parent } : {}) });

// [name, call, code, record, field, message, setting?]
const ROWS = [
  // KPIs (Kpi::check, check_kpis, kpi_progress).
  ["kpi.unknown_measure", () => kpiProgress({ ...rate, code: "x", measure: "happiness" }, [], T),
    "SCORING_INVALID_FIELD", "kpi x", "measure", 'kpi x: field `measure` unknown measure "happiness"'],
  ["kpi.target_wrong_side", () => kpiProgress({ ...rate, target: 0.4 }, [], T),
    "SCORING_INVALID_FIELD", "kpi match_rate", "target", "kpi match_rate: field `target` target 0.4 does not increase from baseline 0.55"],
  ["kpi.deadline_not_after_baseline", () => kpiProgress({ ...rate, deadline: "2026-01-01" }, [], T),
    "SCORING_INVALID_FIELD", "kpi match_rate", "deadline", "kpi match_rate: field `deadline` ends before (or when) it starts"],
  ["kpi.direction_contradicts_measure", () => kpiProgress({ ...rate, direction: "decrease" }, [], T),
    "SCORING_INVALID_FIELD", "kpi match_rate", "direction", "kpi match_rate: field `direction` match_rate should increase"],
  ["kpi.empty_code", () => kpiProgress({ ...rate, code: "" }, [], T),
    "SCORING_INVALID_FIELD", "kpi ", "code", "kpi : field `code` must not be empty"],
  ["kpi.duplicate_code", () => evaluateKpis([rate, rate], [], T),
    "SCORING_DUPLICATE_ID", "kpi match_rate", null, "kpi match_rate: duplicate id"],
  ["kpi.unknown_member", () => kpiProgress({ ...rate, colour: "red" }, [], T),
    "MODEL_JSON", null, "kpi.colour", "JSON: unknown field `colour`, expected one of `code`, `measure`, `name_en`, `name_zh`, `baseline`, `baseline_date`, `target`, `deadline`, `phase`, `direction`"],
  ["kpi.target_nan", () => kpiProgress({ ...rate, target: NaN }, [], T),
    "MODEL_JSON", null, "kpi.target", "JSON: invalid type: null, expected f64"],
  ["kpi.observation_dates_not_increasing", () => kpiProgress(rate, [{ date: "2026-04-01", value: 0.6 }, { date: "2026-04-01", value: 0.61 }], T),
    "SCORING_INVALID_FIELD", "kpi match_rate observation[1]", "date", "kpi match_rate observation[1]: field `date` 2026-04-01 is not after the previous observation's 2026-04-01"],
  ["kpi.scorecards_not_in_date_order", () => evaluateKpis([rate], [card, card], T),
    "SCORING_INVALID_FIELD", "kpi match_rate observation[1]", "date", "kpi match_rate observation[1]: field `date` 2026-04-01 is not after the previous observation's 2026-04-01"],
  ["kpi.observation_value_not_a_number", () => kpiProgress(rate, [{ date: "2026-04-01", value: "high" }], T),
    "MODEL_JSON", null, "series[0].value", 'JSON: invalid type: string "high", expected f64'],
  ["kpi.period_days_zero", () => kpiProgress(rate, [], T, 0),
    "SCORING_INVALID_FIELD", "kpi match_rate", "period_days", "kpi match_rate: field `period_days` must be positive"],
  ["kpi.period_days_fraction", () => kpiProgress(rate, [], T, 1.5),
    "INVALID_ARGUMENT", null, "periodDays", "periodDays: 1.5 is not a whole number between 0 and 4294967295"],
  ["kpi.today_not_a_date", () => kpiProgress(rate, [], "soon"),
    "INVALID_DATE", null, "today", 'today: "soon" is not a date like 2026-11-23: write YYYY-MM-DD'],
  // The hierarchy and tallies (Hierarchy::new, rollup).
  ["levels.unknown_parent", () => rollup([community("a", "s")], {}),
    "SCORING_INVALID_FIELD", "level node a", "parent", 'level node a: field `parent` unknown node "s"'],
  ["levels.parent_at_lower_level", () => rollup([{ id: "g", name: "G", level: "grid" }, community("a", "g")], {}),
    "SCORING_INVALID_FIELD", "level node a", "parent", 'level node a: field `parent` "g" is a grid and cannot hold a community'],
  ["levels.parent_at_same_level", () => rollup([community("a"), community("b", "a")], {}),
    "SCORING_INVALID_FIELD", "level node b", "parent", 'level node b: field `parent` "a" is a community and cannot hold a community'],
  ["levels.duplicate_node", () => rollup([community("a"), community("a")], {}),
    "SCORING_DUPLICATE_ID", "level node a", null, "level node a: duplicate id"],
  ["levels.empty_node_id", () => rollup([community("")], {}),
    "SCORING_INVALID_FIELD", "level node ", "id", "level node : field `id` must not be empty"],
  ["levels.tally_for_unknown_node", () => rollup([community("a")], { zz: {} }),
    "SCORING_INVALID_FIELD", "level node zz", "id", "level node zz: field `id` no such node in the hierarchy"],
  ["levels.unknown_level", () => rollup([{ id: "a", name: "A", level: "county" }], {}),
    "MODEL_JSON", null, "nodes[0].level", "JSON: unknown variant `county`, expected one of `grid`, `community`, `street`, `district`, `city`"],
  ["levels.tally_unknown_member", () => rollup([community("a")], { a: { rates: {} } }),
    "MODEL_JSON", null, "tallies.a.rates", "JSON: unknown field `rates`, expected one of `residents`, `counts`, `samples`, `amounts`"],
  ["levels.tally_of_not_a_scorecard", () => tally({ community: "x" }),
    "MODEL_JSON", null, "scorecard", "JSON: missing field `period`"],
  // Training and funding evidence (check_training, check_funding) and the staffing norms.
  ["evidence.training_zero_minutes", () => scorecard(c, { period: P, now: NOW, training: [{ worker: 1, date: "2026-02-01", minutes: 0 }] }),
    "SCORING_INVALID_FIELD", "training[0]", "minutes", "training[0]: field `minutes` must be positive"],
  ["evidence.training_unknown_worker", () => scorecard(c, { period: P, now: NOW, training: [{ worker: 9, date: "2026-02-01", minutes: 60 }] }),
    "SCORING_UNKNOWN_REFERENCE", "training[0]", "worker", "training[0]: field `worker` refers to unknown worker#9"],
  ["evidence.funding_zero_amount", () => scorecard(c, { period: P, now: NOW, funding: [{ source: "government", date: "2026-02-01", amount_fen: 0 }] }),
    "SCORING_INVALID_FIELD", "funding[0]", "amount_fen", "funding[0]: field `amount_fen` must be positive"],
  ["evidence.funding_unknown_source", () => scorecard(c, { period: P, now: NOW, funding: [{ source: "lottery", date: "2026-02-01", amount_fen: 100 }] }),
    "MODEL_JSON", null, "inputs.funding[0].source", "JSON: unknown variant `lottery`, expected one of `government`, `welfare_lottery`, `charity`, `enterprise`, `service_fees`, `other`"],
  ["evidence.funding_negative_amount", () => scorecard(c, { period: P, now: NOW, funding: [{ source: "government", date: "2026-02-01", amount_fen: -5 }] }),
    "MODEL_JSON", null, "inputs.funding[0].amount_fen", "JSON: invalid value: integer `-5`, expected u64"],
  ["policy.qualified_share_above_one", () => scorecard(c, { period: P, now: NOW }, { staffing: { qualified_share: 1.5 } }),
    "SCORING_INVALID_FIELD", "scoring policy", "staffing.qualified_share", "scoring policy: field `staffing.qualified_share` value 1.5 is outside (0, 1]", "staffing.qualified_share"],
  ["policy.caseload_max_below_min", () => scorecard(c, { period: P, now: NOW }, { staffing: { residents_per_worker_min: 900 } }),
    "SCORING_INVALID_FIELD", "scoring policy", "staffing.residents_per_worker_max", "scoring policy: field `staffing.residents_per_worker_max` value 800 is outside 900..", "staffing.residents_per_worker_max"],
  ["model.worker_qualified_not_boolean", () => c.addWorker({ id: 2, name: "W", role: "grid_worker", qualified: "yes" }),
    "MODEL_JSON", null, "worker.qualified", 'JSON: invalid type: string "yes", expected a boolean'],
  // Staffing advice (AdviceOptions::check).
  ["advice.max_recruits_zero", () => staffingAdvice(c, NOW, { max_recruits: 0 }),
    "MATCH_INVALID_POLICY", "match policy", "advice.max_recruits", "invalid match policy: advice.max_recruits value 0 is outside 1..=100", "advice.max_recruits"],
  ["advice.minutes_per_week_above_a_week", () => staffingAdvice(c, NOW, { minutes_per_week: 20000 }),
    "MATCH_INVALID_POLICY", "match policy", "advice.minutes_per_week", "invalid match policy: advice.minutes_per_week value 20000 is outside 1..=10080", "advice.minutes_per_week"],
  ["advice.max_groups_above_50", () => staffingAdvice(c, NOW, { max_groups: 51 }),
    "MATCH_INVALID_POLICY", "match policy", "advice.max_groups", "invalid match policy: advice.max_groups value 51 is outside 0..=50", "advice.max_groups"],
  ["advice.unknown_option", () => staffingAdvice(c, NOW, { recruits: 3 }),
    "MATCH_INVALID_POLICY", "match policy", "advice.recruits", "invalid match policy: advice.recruits cannot be read: unknown field `recruits`, expected one of `max_groups`, `max_recruits`, `minutes_per_week`, `max_travel_m`", "advice.recruits"],
  ["advice.option_of_the_wrong_type", () => staffingAdvice(c, NOW, { max_recruits: true }),
    "MATCH_INVALID_POLICY", "match policy", "advice.max_recruits", "invalid match policy: advice.max_recruits cannot be read: invalid type: boolean `true`, expected u32", "advice.max_recruits"],
  // The report.
  ["report.bad_kpi", () => evaluationReport(c, { generated: T, scorecards: [card], kpis: [{ ...rate, target: 0.4 }] }),
    "SCORING_INVALID_FIELD", "kpi match_rate", "target", "kpi match_rate: field `target` target 0.4 does not increase from baseline 0.55"],
  ["report.z_zero", () => evaluationReport(c, { generated: T, scorecards: [card], z: 0 }),
    "INVALID_ARGUMENT", null, "input.z", "input.z: must be a positive number, got 0"],
  ["report.no_generated", () => evaluationReport(c, { scorecards: [card] }),
    "MODEL_JSON", null, "input", "JSON: missing field `generated`"],
  ["report.generated_with_time", () => evaluationReport(c, { generated: new Date(2026, 6, 1, 9), scorecards: [card] }),
    "INVALID_DATE", null, "input.generated", 'input.generated: "2026-07-01T09:00:00" is not a date like 2026-11-23: it has a time of day, which a date would drop'],
  ["report.unknown_member", () => evaluationReport(c, { generated: T, scorecards: [card], colour: 1 }),
    "MODEL_JSON", null, "input.colour", "JSON: unknown field `colour`, expected one of `title_zh`, `title_en`, `generated`, `scorecards`, `kpis`, `levels`, `advice`, `z`"],
  ["report.render_unknown_member", () => renderReport({ kpis: [{ colour: 1 }] }),
    "MODEL_JSON", null, "data.kpis[0].colour", "JSON: unknown field `colour`, expected one of `code`, `name_zh`, `name_en`, `unit`, `percent`, `baseline`, `target`, `deadline`, `phase`, `higher_is_better`, `series`, `latest`, `progress`, `on_track`, `met`, `needed_per_period`"],
];

for (const [name, call, code, record, field, message, setting] of ROWS) {
  test(`${name}: ${code}`, () => {
    const e = thrown(call);
    assert.equal(e.name, "HuzhuError", `${e.name}: ${e.message}`);
    assert.equal(e.code, code, e.message);
    assert.equal(e.record ?? null, record, `record of ${e.message}`);
    assert.equal(e.field ?? null, field, `field of ${e.message}`);
    assert.equal(e.setting ?? null, setting ?? null, `setting of ${e.message}`);
    assert.equal(e.message, message);
  });
}

test("a refused worker or scorecard changes nothing; the glue refuses a non-Community as a TypeError", () => {
  const before = c.toJson();
  thrown(() => c.addWorker({ id: 3, name: "W", role: "grid_worker", qualified: "yes" }));
  assert.equal(c.toJson(), before);
  assert.throws(() => gridTallies(card, {}), TypeError);
  assert.throws(() => evaluationReport({}, { generated: T, scorecards: [] }), TypeError);
});
