// Staffing advice: whom to recruit, where and when; each piece checked by adding its recruits
// through the public API and matching again.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Community, generateDistrict, staffingAdvice } from "../../pkg/node.js";

const MONDAY_8 = "2026-11-23T08:00:00";
const home = (lat, lon) => ({ lat, lon });

/** Grid 12: residents 1 and 2 each need policy advice from someone with skill `legal` on Tuesday
 * morning; the one volunteer nearby has no `legal`. */
function legalLane(category = "legal.policy_advice", skills = ["legal"]) {
  const c = new Community("Legal lane");
  for (const [id, lat] of [[1, 31.2300], [2, 31.2310]]) {
    c.addResident({ id, birth_date: "1950-05-05", home: home(lat, 121.4700), grid: 12, household: "lives_alone", self_care: "full" });
    c.addNeed({
      id, resident: id, category, required_skills: skills, urgency: "general", created_at: "2026-11-22T10:00:00",
      windows: [{ start: "2026-11-24T09:00:00", end: "2026-11-24T11:30:00" }], duration_minutes: 60, place: { kind: "home" },
    });
  }
  c.addVolunteer({
    id: 7, skills: ["cooking"], availability: [{ weekday: "Tue", opens: "08:00:00", closes: "12:00:00" }],
    minutes_per_week: 240, max_travel_m: 2000, home: home(31.2305, 121.4705),
  });
  return c;
}

test("staffingAdvice: one `legal` volunteer in grid 12 for Tuesday mornings meets both needs", () => {
  const c = legalLane();
  const { plan, advice } = staffingAdvice(c, MONDAY_8);
  assert.equal(plan.assignments.length, 0, "nobody can give legal aid");
  assert.equal(plan.unmatched.length, 2);
  assert.equal(advice.length, 1);
  const [a] = advice;
  // 240 weekly minutes take max(1, 240 / 60) = 4 tasks: one recruit covers both needs.
  assert.deepEqual(
    [a.skills, a.language, a.gender, a.grid, a.weekday, a.day_part, a.group_needs, a.recruits, a.predicted_needs, a.needs_met],
    [["legal"], null, null, 12, "Tue", "morning", [1, 2], 1, 2, 2],
  );
  assert.ok(a.objective_gain > 0 && a.predicted_value > 0);
  assert.equal(a.text_en, "recruit 1 volunteer with `legal` in grid 12 for Tue mornings: +2 needs met");
  assert.equal(a.text_zh, "在网格12招募1名具备`legal`技能的志愿者（周二上午）：可多满足2项需求");
  // The recruit as a volunteer record: the next id, the skill, Tuesday 06:00–12:00, where the needs are.
  assert.equal(a.volunteers.length, 1);
  const [v] = a.volunteers;
  assert.equal(v.id, 8);
  assert.deepEqual(v.skills, ["legal"]);
  assert.deepEqual(v.availability, [{ weekday: "Tue", opens: "06:00:00", closes: "12:00:00" }]);
  assert.deepEqual([v.minutes_per_week, v.max_travel_m], [240, 1200]);
  assert.ok(Math.abs(v.home.lat - 31.2305) < 1e-9 && Math.abs(v.home.lon - 121.47) < 1e-9, JSON.stringify(v.home));
  // Add the advised volunteers through the public API and match again: exactly 2 more matched.
  const before = c.match(MONDAY_8).assignments.length;
  for (const r of a.volunteers) c.addVolunteer(r);
  const after = c.match(MONDAY_8);
  assert.equal(after.assignments.length - before, 2);
  assert.ok(after.assignments.every((x) => x.helper.kind === "volunteer" && x.helper.id === 8));
  // Nothing left to advise.
  assert.deepEqual(staffingAdvice(c, MONDAY_8).advice, []);
});

test("staffingAdvice options: fewer weekly minutes need more recruits, up to max_recruits", () => {
  // 60 weekly minutes: one task a recruit, two recruits for two needs; at most one allowed.
  const two = staffingAdvice(legalLane(), MONDAY_8, { minutes_per_week: 60 }).advice[0];
  assert.deepEqual([two.recruits, two.needs_met, two.volunteers.map((v) => v.id)], [2, 2, [8, 9]]);
  const one = staffingAdvice(legalLane(), MONDAY_8, { minutes_per_week: 60, max_recruits: 1 }).advice[0];
  assert.deepEqual([one.recruits, one.predicted_needs, one.needs_met], [1, 1, 1]);
  assert.deepEqual(staffingAdvice(legalLane(), MONDAY_8, { max_groups: 0 }).advice, []);
  // The match policy and context are `match`'s.
  assert.equal(staffingAdvice(legalLane(), new Date(2026, 10, 23, 8), null, { travel_per_minute: 12 }, {}).advice[0].needs_met, 2);
});

test("staffingAdvice: a category's required skill (legal aid needs `legal`) is the recruits' skill", () => {
  const [a] = staffingAdvice(legalLane("legal.aid", []), MONDAY_8).advice;
  assert.deepEqual([a.skills, a.needs_met], [["legal"], 2]);
});

test("on a synthetic district, every piece of advice's needs_met is the re-match with its recruits added", () => {
  // The week's needs recorded in advance: at Wednesday noon, unmet needs with windows ahead.
  const d = generateDistrict({ residents: 2000, week_start: "2026-11-23", seed: 2026, residents_per_grid: 500, recorded_in_advance: true });
  const now = "2026-11-25T12:00:00";
  const c = d.community;
  const { plan, advice } = staffingAdvice(c, now, { max_groups: 4 });
  const base = c.match(now);
  assert.equal(plan.assignments.length, base.assignments.length, "the advice's plan is match's");
  assert.ok(base.unmatched.length > 0);
  assert.ok(advice.length > 0 && advice.length <= 4, `${advice.length} pieces`);
  for (const a of advice) {
    const more = c.clone();
    for (const v of a.volunteers) more.addVolunteer(v);
    assert.equal(more.match(now).assignments.length - base.assignments.length, a.needs_met, a.text_en);
    assert.ok(a.group_needs.every((n) => base.unmatched.some((u) => u.need === n)), "advice is about unmet needs");
    assert.match(a.text_en, /^recruit \d+ volunteers? .*in grid \d+ for (Mon|Tue|Wed|Thu|Fri|Sat|Sun) (morning|afternoon|evening)s: \+\d+ needs? met$/);
  }
  assert.ok(advice.some((a) => a.needs_met > 0), "some advice meets needs");
  // Best first.
  for (let i = 1; i < advice.length; i += 1) assert.ok(advice[i - 1].needs_met >= advice[i].needs_met);
});
