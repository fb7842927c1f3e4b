// A week of visit rounds (huzhu::routing::plan_week) through the package: the hand-worked weeks
// of core/tests/routing_week.rs with their exact outcomes, every shared fixture of kind "week"
// (tests/fixtures/week_*.json) replayed with planWeek, the week's volunteers handed to the
// matcher (committedTasks), rounds from the care files (contactRounds, contactVisits,
// walkersFromHomes) against their definitions and against the native core, bad input named by
// record and field, and JS values of the wrong type named.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import {
  Community, planWeek, defaultWeekPolicy, committedTasks, contactRounds, contactVisits, walkersFromHomes,
  contactSchedule, generateDistrict, defaultRoundsPolicy,
} from "../../pkg/node.js";
import { root, canonical, thrown } from "./helpers.mjs";

// ---- Records near one centre, as core/tests/common/rounds.rs builds them -------------------

const EARTH_RADIUS_M = 6_371_008.8;
const CENTRE = { lat: 31.2, lon: 121.5 };
/** The point `north` metres north of the centre (only for building inputs). */
const north = (m) => ({ lat: CENTRE.lat + (m / EARTH_RADIUS_M) * (180 / Math.PI), lon: CENTRE.lon });
const pad = (n) => String(n).padStart(2, "0");
/** 2026-12-07 (a Monday) plus `n` days. */
const day = (n) => {
  const d = new Date(Date.UTC(2026, 11, 7 + n));
  return d.toISOString().slice(0, 10);
};
const t = (n, h, m = 0) => `${day(n)}T${pad(h)}:${pad(m)}:00`;
const w = (start, end) => ({ start, end });
/** Monday to Friday, `from`–`to` o'clock. */
const weekdays = (from, to) => [0, 1, 2, 3, 4].map((n) => w(t(n, ...from), t(n, ...to)));
const worker = (id, shifts) => ({ server: `worker#${id}`, start: CENTRE, end: CENTRE, shifts });
/** A 30-minute visit at the centre (no travel), every `every_days`, last made `last`. */
const atCentre = (id, every_days, last = null) => ({ visit: { id, source: { contact: id }, place: CENTRE, minutes: 30 }, every_days, last });
const WEEK = { from: day(0), through: day(6) };

const contact = (week, id) => week.contacts.find((c) => c.visit === id);
const made = (week, id) => contact(week, id).made;
const overdue = (week, id) => contact(week, id).overdue_days;

/**
 * Plans Monday to Sunday and checks what holds for every week: a day per working day in date
 * order, each round on its day and in a shift of that day (its `shift` the shift's index in the
 * week's list), every stop inside that shift and one of its visit's windows; each contact's
 * visits are the stops of its id; `kept` counts the contacts without an overdue day; travel
 * adds up.
 */
function plan(plans, workers, options = {}) {
  const week = planWeek(plans, workers, { ...WEEK, ...options });
  const working = [...new Set(workers.flatMap((x) => x.shifts.map((s) => s.start.slice(0, 10))))].sort();
  assert.deepEqual(week.days.map((d) => d.date), working.filter((d) => d >= WEEK.from && d <= WEEK.through));
  const stops = new Map(plans.map((p) => [p.visit.id, []]));
  for (const d of week.days) {
    for (const r of d.plan.rounds) {
      const shift = workers.find((x) => x.server === r.server).shifts[r.shift];
      assert.equal(shift.start.slice(0, 10), d.date, `${r.server}'s shift ${r.shift} is on ${d.date}`);
      assert.ok(r.depart >= shift.start && r.back <= shift.end, `${r.server} inside its shift on ${d.date}`);
      for (const s of r.stops) {
        assert.equal(s.start.slice(0, 10), d.date);
        const windows = plans.find((p) => p.visit.id === s.visit).visit.windows ?? [];
        assert.ok(windows.length === 0 || windows.some((x) => s.start >= x.start && s.end <= x.end), `visit ${s.visit} in a window`);
        stops.get(s.visit).push(d.date);
      }
    }
  }
  for (const c of week.contacts) assert.deepEqual(c.made, stops.get(c.visit), `visit ${c.visit}'s days`);
  assert.equal(week.kept, week.contacts.filter((c) => c.overdue_days.length === 0).length);
  assert.equal(week.travel_minutes, week.days.reduce((n, d) => n + d.plan.travel_minutes, 0));
  return week;
}

// ---- The hand-worked weeks of core/tests/routing_week.rs ------------------------------------

test("time for one visit a day: the second resident due on Monday is made late on Tuesday", () => {
  // Shifts of 40 minutes; both residents were last seen a week before Monday.
  const workers = [worker(1, weekdays([9, 0], [9, 40]))];
  const week = plan([atCentre(1, 7, day(-7)), atCentre(2, 7, day(-7))], workers);
  assert.equal(week.days.length, 5, "one entry per working day");
  const monday = week.days[0].plan;
  assert.equal(monday.rounds[0].stops.length, 1);
  const first = monday.rounds[0].stops[0].visit;
  const second = 3 - first;
  // Both general: the one left waits for a full shift, not for a more urgent visit.
  assert.deepEqual(monday.unplanned, [[second, { reason: "shift_full" }]]);
  assert.deepEqual(made(week, first), [day(0)]);
  assert.deepEqual(made(week, second), [day(1)]);
  // Eight days between its visits: Tuesday is overdue, Monday was not yet.
  assert.deepEqual(overdue(week, first), []);
  assert.deepEqual(overdue(week, second), [day(1)]);
  assert.equal(week.kept, 1);
  assert.equal(contact(week, first).next_due, day(7));
  assert.equal(contact(week, second).next_due, day(8));
  // Two 30-minute visits with no travel; a care worker has no matcher budget.
  assert.deepEqual(week.minutes_worked, { "worker#1": 60 });
  assert.equal(week.travel_minutes, 0);
  assert.deepEqual(committedTasks(week, 60), {});
});

test("a volunteer's weekly budget of 70 minutes: 60 worked, one 60-minute task for the matcher, later days budget_spent", () => {
  const workers = [{ ...worker(0, weekdays([9, 0], [12, 0])), server: "volunteer#7" }];
  // Three residents never visited: all overdue on Monday.
  const plans = [1, 2, 3].map((id) => atCentre(id, 7));
  const week = plan(plans, workers, { budgets: { "volunteer#7": 70 } });
  // 70 minutes: two 30-minute visits on Monday; the 10 left never fit a third.
  assert.equal([1, 2, 3].reduce((n, id) => n + made(week, id).length, 0), 2);
  assert.equal(week.days[0].plan.rounds[0].stops.length, 2);
  const never = [1, 2, 3].find((id) => made(week, id).length === 0);
  assert.equal(overdue(week, never).length, 7, "overdue every day of the week");
  // Monday is full with two visits; from Tuesday the 10 minutes left are too few for it alone:
  // the budget is named.
  assert.deepEqual(week.days[0].plan.unplanned, [[never, { reason: "shift_full" }]]);
  for (const d of week.days.slice(1)) assert.deepEqual(d.plan.unplanned, [[never, { reason: "budget_spent" }]], d.date);
  assert.equal(week.kept, 0, "the two seen were overdue on Monday");
  assert.deepEqual(week.minutes_worked, { "volunteer#7": 60 });
  // 60 minutes are one 60-minute task, two 30-minute ones, one of 61 (rounded up).
  assert.deepEqual(committedTasks(week, 60), { "volunteer#7": 1 });
  assert.deepEqual(committedTasks(week, 30), { "volunteer#7": 2 });
  assert.deepEqual(committedTasks(week, 61), { "volunteer#7": 1 });
  assert.deepEqual(committedTasks(week, 59), { "volunteer#7": 2 });
  // Without the budget, all three on Monday.
  assert.equal(plan(plans, workers).days[0].plan.rounds[0].stops.length, 3);
  assert.equal(plan(plans, workers, { budgets: null }).days[0].plan.rounds[0].stops.length, 3);
});

test("a visit possible only on Wednesday afternoon waits for it", () => {
  const workers = [worker(1, weekdays([9, 0], [17, 0]))];
  // Due Friday (seen last Friday); the resident is home on Wednesday afternoon only.
  const plans = [{ visit: { id: 1, place: north(400), minutes: 45, windows: [w(t(2, 14), t(2, 17))] }, every_days: 7, last: day(-3) }];
  const week = plan(plans, workers);
  assert.deepEqual(made(week, 1), [day(2)]);
  const wednesday = week.days[2].plan.rounds[0];
  assert.equal(wednesday.shift, 2, "the week's third shift");
  assert.ok(wednesday.stops[0].start >= t(2, 14), wednesday.stops[0].start);
  assert.equal(week.kept, 1);
});

test("a daily visit is made every weekday and Sunday is overdue", () => {
  const week = plan([atCentre(1, 1, day(-1))], [worker(1, weekdays([9, 0], [12, 0]))]);
  assert.deepEqual(made(week, 1), [day(0), day(1), day(2), day(3), day(4)]);
  // Saturday is one day after Friday's visit; Sunday two.
  assert.deepEqual(overdue(week, 1), [day(6)]);
  assert.equal(week.contacts[0].next_due, day(5));
});

test("visits made a working day early keep every interval that waiting would break (early_days 1, not 0)", () => {
  // One visit a day. Residents 1 and 2 are due on Wednesday, resident 3 on Friday.
  const workers = [worker(1, weekdays([9, 0], [9, 40]))];
  const plans = [atCentre(1, 7, day(-5)), atCentre(2, 7, day(-5)), atCentre(3, 7, day(-3))];
  const early = plan(plans, workers);
  assert.deepEqual([...made(early, 1), ...made(early, 2)].sort(), [day(1), day(2)]);
  assert.deepEqual(made(early, 3), [day(3)]);
  assert.equal(early.kept, 3);
  // Not early: both on Wednesday do not fit; one is made late on Thursday, resident 3 on Friday.
  const late = plan(plans, workers, { policy: { early_days: 0 } });
  assert.deepEqual([...made(late, 1), ...made(late, 2)].sort(), [day(2), day(3)]);
  assert.deepEqual(made(late, 3), [day(4)]);
  assert.equal(late.kept, 2);
});

test("an overdue visit outranks one due today", () => {
  const week = plan([atCentre(1, 7, day(-7)), atCentre(2, 7, day(-9))], [worker(1, [w(t(0, 9), t(0, 9, 40))])]);
  assert.deepEqual(made(week, 2), [day(0)]);
  assert.deepEqual(week.days[0].plan.unplanned, [[1, { reason: "outcompeted", by: [2], server: "worker#1" }]]);
});

test("the days are strings or Dates at local midnight; the default policy; an empty week", () => {
  const plans = [atCentre(1, 2)];
  const workers = [worker(1, weekdays([9, 0], [12, 0]))];
  const byText = planWeek(plans, workers, WEEK);
  assert.deepEqual(planWeek(plans, workers, { from: new Date(2026, 11, 7), through: new Date(2026, 11, 13) }), byText);
  assert.deepEqual(planWeek(plans, workers, { ...WEEK, policy: null, budgets: {} }), byText);
  assert.deepEqual(planWeek(plans, workers, { ...WEEK, policy: defaultWeekPolicy() }), byText);
  assert.deepEqual(defaultWeekPolicy(), { rounds: defaultRoundsPolicy(), early_days: 1 });
  // No servers: no working day, and every interval judged on every day.
  const none = planWeek(plans, [], WEEK);
  assert.deepEqual(none, {
    days: [], contacts: [{ visit: 1, made: [], overdue_days: [0, 1, 2, 3, 4, 5, 6].map(day), next_due: day(0) }],
    kept: 0, minutes_worked: {}, travel_minutes: 0,
  });
  assert.deepEqual(committedTasks(none, 60), {});
  // A one-day week.
  assert.equal(planWeek(plans, workers, { from: day(2), through: day(2) }).days.length, 1);
});

// ---- The shared fixtures of kind "week", replayed with planWeek ------------------------------

const FIXTURES = `${root}tests/fixtures/`;
const WEEK_CASES = readdirSync(FIXTURES).filter((f) => /^week_.*\.json$/.test(f)).sort();

test("the shared week fixtures are there", () => {
  assert.ok(WEEK_CASES.length >= 2, WEEK_CASES.join(", "));
});

for (const file of WEEK_CASES) {
  test(`the week as the fixture: ${file}`, () => {
    const { kind, input, expected } = JSON.parse(readFileSync(FIXTURES + file, "utf8"));
    assert.equal(kind, "week");
    const { plans, workers, ...options } = input;
    let got;
    try {
      got = planWeek(plans, workers, options);
    } catch (e) {
      assert.ok(expected.error, `${file}: ${e.code} ${e.message}`);
      assert.equal(e.name, "HuzhuError");
      assert.deepEqual({ code: e.code, message: e.message }, { code: expected.error.code, message: expected.error.message });
      return;
    }
    assert.ok(!expected.error, `${file}: expected ${expected.error?.code}`);
    assert.equal(canonical(got), canonical(expected));
  });
}

// ---- Rounds from the care files --------------------------------------------------------------

// The 2,000-resident district of core/tests/routing_week.rs (seed 5), on Monday at 08:00.
const NOW = `${day(0)}T08:00:00`;
let district;
const community = () => (district ??= generateDistrict({ residents: 2000, week_start: day(0), seed: 5 }).community);

test("contactRounds: every resident on the rounds, with the care file's interval, last visit and worker", () => {
  const c = community();
  const plans = contactRounds(c, NOW, { minutes: 40 });
  // Everyone on the rounds is "due soon" when soon is far enough.
  const due = contactSchedule(c, NOW, { due_soon_days: 1000 }).due.filter((d) => d.kind === "visit");
  assert.ok(plans.length > 20, `${plans.length} residents on the rounds`);
  assert.equal(plans.length, due.length);
  plans.forEach((p, i) => {
    const d = due[i];
    assert.deepEqual(p, {
      visit: {
        id: d.resident, source: { contact: d.resident }, place: c.resident(d.resident).home, minutes: 40, windows: [], skills: [],
        required: null, preferred: d.worker == null ? null : `worker#${d.worker}`, urgency: "general",
      },
      every_days: d.interval_days,
      last: d.last,
    });
  });
  // Windows and a contact policy (read as contactSchedule reads it).
  const windows = weekdays([9, 0], [17, 0]);
  assert.deepEqual(contactRounds(c, NOW, { minutes: 30, windows })[0].visit.windows, windows);
  const policy = { older_visit_days: 3 };
  const older = contactRounds(c, NOW, { minutes: 30, policy });
  const intervals = contactSchedule(c, NOW, { ...policy, due_soon_days: 1000 }).due.filter((d) => d.kind === "visit").map((d) => d.interval_days);
  assert.deepEqual(older.map((p) => p.every_days), intervals);
  assert.ok(intervals.includes(3) && !plans.some((p) => p.every_days === 3), "the policy changes the default interval");
  assert.deepEqual(contactRounds(new Community("empty"), NOW, { minutes: 30 }), []);
});

test("contactVisits: the day's visits due, overdue first, at most per_worker each; walkersFromHomes: one walker per preferred worker from the middle of their homes", () => {
  const c = community();
  const report = contactSchedule(c, NOW);
  const window = w(t(0, 9), t(0, 17));
  const all = contactVisits(c, report, { window, minutes: 30 });
  const due = report.due.filter((d) => d.kind === "visit");
  assert.equal(all.length, due.length);
  const overdue = (v) => v.urgency === "special_group";
  // Overdue ones first, then by resident.
  const key = (v) => [overdue(v) ? 0 : 1, v.id];
  for (let i = 1; i < all.length; i++) {
    const [a, b] = [key(all[i - 1]), key(all[i])];
    assert.ok(a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]), "overdue first, then by resident");
  }
  for (const v of all) {
    const d = due.find((x) => x.resident === v.id);
    assert.deepEqual(v, {
      id: d.resident, source: { contact: d.resident }, place: c.resident(d.resident).home, minutes: 30, windows: [window], skills: [],
      required: null, preferred: d.worker == null ? null : `worker#${d.worker}`, urgency: d.status === "overdue" ? "special_group" : "general",
    });
  }
  // At most 3 for each worker: the first three of each in the order above.
  const capped = contactVisits(c, report, { window, minutes: 30, per_worker: 3 });
  const servers = [...new Set(all.map((v) => v.preferred))];
  assert.deepEqual(capped, servers.flatMap((s) => all.filter((v) => v.preferred === s).slice(0, s == null ? Infinity : 3))
    .sort((a, b) => all.indexOf(a) - all.indexOf(b)));
  assert.deepEqual(contactVisits(c, report, { window, minutes: 30, per_worker: null }), all);

  const shifts = [w(t(0, 9), t(0, 12)), w(t(0, 14), t(0, 17))];
  const walkers = walkersFromHomes(all, shifts);
  const preferred = [...new Set(all.map((v) => v.preferred).filter(Boolean))].sort((a, b) => Number(a.slice(7)) - Number(b.slice(7)));
  assert.deepEqual(walkers.map((x) => x.server), preferred);
  for (const x of walkers) {
    const homes = all.filter((v) => v.preferred === x.server).map((v) => v.place);
    const mean = (k) => homes.reduce((s, p) => s + p[k], 0) / homes.length;
    assert.ok(Math.abs(x.start.lat - mean("lat")) < 1e-9 && Math.abs(x.start.lon - mean("lon")) < 1e-9, `${x.server} sets out from the middle`);
    assert.deepEqual({ ...x, start: null }, { server: x.server, start: null, end: x.start, shifts, skills: [], max_minutes_per_shift: null, mode: "walking" });
  }
  assert.deepEqual(walkersFromHomes([], shifts), []);
});

// ---- The same week as the native core --------------------------------------------------------

const native = (name) => readFileSync(`${process.env.HUZHU_NATIVE_FIXTURES ?? `${root}target/wasm/fixtures`}/${name}`, "utf8");

test("a district's week: the contact rounds, the walkers and the week are the native core's, byte for byte", () => {
  const input = JSON.parse(native("week-input.json"));
  const c = community();
  const plans = contactRounds(c, NOW, { minutes: 30, windows: weekdays([9, 0], [17, 0]) });
  assert.equal(canonical(plans), canonical(input.plans));
  const shifts = [...weekdays([9, 0], [12, 0]), ...weekdays([14, 0], [17, 0])];
  const workers = walkersFromHomes(plans.map((p) => p.visit), shifts);
  assert.equal(canonical(workers), canonical(input.workers));
  const week = planWeek(plans, workers, { from: input.from, through: input.through, policy: input.policy });
  assert.equal(JSON.stringify(week), native("week.json"));
  assert.ok(week.kept > 0 && week.days.length === 5, `${week.kept} kept`);
  // Monday's visits due, as the demo plans them.
  const visits = contactVisits(c, contactSchedule(c, NOW), { window: w(t(0, 9), t(0, 17)), minutes: 30, per_worker: 15 });
  assert.equal(JSON.stringify(visits), native("week-monday-visits.json"));
});

// ---- Bad input -------------------------------------------------------------------------------

test("bad weeks are a HuzhuError naming the record and field, never a trap", () => {
  const workers = [worker(1, weekdays([9, 0], [12, 0]))];
  const ok = atCentre(1, 7, day(-3));
  const week = (plans, options = {}, servers = workers) => () => planWeek(plans, servers, { ...WEEK, ...options });
  const cases = [
    // [what, call, code, record, field]
    ["an interval of 0 days", week([atCentre(1, 0)]), "ROUNDS_INVALID", "visit 1", "every_days"],
    ["an interval past ten years", week([atCentre(1, 3661)]), "ROUNDS_INVALID", "visit 1", "every_days"],
    ["the largest interval a u32 holds (no date overflow)", week([atCentre(1, 2 ** 32 - 1, day(-3))]), "ROUNDS_INVALID", "visit 1", "every_days"],
    ["a plan of two years", week([ok], { through: "2028-12-13" }), "ROUNDS_INVALID", "week", "through"],
    ["a visit id used twice", week([atCentre(4, 7), atCentre(4, 7)]), "ROUNDS_INVALID", "visit 4", "id"],
    ["a last visit after the week's first day", week([atCentre(2, 7, day(1))]), "ROUNDS_INVALID", "visit 2", "last"],
    ["a budget for an unknown server", week([ok], { budgets: { "volunteer#9": 60 } }), "ROUNDS_INVALID", "volunteer#9", "budget"],
    ["a week that ends before it starts", week([ok], { from: day(6), through: day(0) }), "ROUNDS_INVALID", "week", "through"],
    ["a visit of no time", week([{ ...ok, visit: { ...ok.visit, minutes: 0 } }]), "ROUNDS_INVALID", "visit 1", "minutes"],
    ["a server listed twice", week([ok], {}, [workers[0], workers[0]]), "ROUNDS_INVALID", "worker#1", "server"],
    ["no search iterations", week([ok], { policy: { rounds: { iterations: 0 } } }), "ROUNDS_INVALID", "rounds policy", "iterations"],
    ["a detour below 100%", week([ok], { policy: { rounds: { detour_percent: 90 } } }), "ROUNDS_INVALID", "rounds policy", "detour_percent"],
    // Values that do not read as their type: the core's serde names the path.
    ["an unknown member of a contact round", week([{ ...ok, next: 1 }]), "MODEL_JSON", undefined, "plans[0].next"],
    ["an interval that is not a number", week([{ ...ok, every_days: "weekly" }]), "MODEL_JSON", undefined, "plans[0].every_days"],
    ["a negative interval", week([{ ...ok, every_days: -1 }]), "MODEL_JSON", undefined, "plans[0].every_days"],
    ["a last visit that is not a date", week([{ ...ok, last: "last week" }]), "MODEL_JSON", undefined, "plans[0].last"],
    ["an unknown option", week([ok], { colour: "red" }), "MODEL_JSON", undefined, "options.colour"],
    ["an unknown week setting", week([ok], { policy: { early: 0 } }), "MODEL_JSON", undefined, "options.policy.early"],
    ["an unknown rounds setting", week([ok], { policy: { rounds: { detour: 120 } } }), "MODEL_JSON", undefined, "options.policy.rounds.detour"],
    ["a budget for a resident", week([ok], { budgets: { "resident#1": 60 } }), "MODEL_JSON", undefined, "options.budgets.resident#1"],
    ["a negative budget", week([ok], { budgets: { "worker#1": -5 } }), "MODEL_JSON", undefined, "options.budgets.worker#1"],
    ["plans that are not a list", () => planWeek("plans", workers, WEEK), "MODEL_JSON", undefined, "plans"],
    ["no plans at all", () => planWeek(undefined, workers, WEEK), "MODEL_JSON", undefined, "plans"],
    ["no workers at all", () => planWeek([ok], null, WEEK), "MODEL_JSON", undefined, "workers"],
    // The days, by the package's rule for dates; the options object itself.
    ["no options", () => planWeek([ok], workers), "INVALID_ARGUMENT", undefined, "options"],
    ["options that are a string", () => planWeek([ok], workers, "2026-12-07"), "INVALID_ARGUMENT", undefined, "options"],
    ["no first day", week([ok], { from: undefined }), "INVALID_ARGUMENT", undefined, "options.from"],
    ["a first day that is a number", week([ok], { from: 20261207 }), "INVALID_ARGUMENT", undefined, "options.from"],
    ["a last day that is not a date", week([ok], { through: "Sunday" }), "INVALID_DATE", undefined, "options.through"],
    ["a first day with a time of day", week([ok], { from: t(0, 9) }), "INVALID_DATE", undefined, "options.from"],
    ["a Date that is not a midnight", week([ok], { from: new Date(2026, 11, 7, 9) }), "INVALID_DATE", undefined, "options.from"],
    ["an Invalid Date", week([ok], { through: new Date(NaN) }), "INVALID_DATE", undefined, "options.through"],
  ];
  for (const [what, call, code, record, field] of cases) {
    const e = thrown(call);
    assert.equal(e.name, "HuzhuError", `${what}: ${e.name} ${e.message}`);
    assert.equal(e.code, code, `${what}: ${e.message}`);
    assert.equal(e.record, record, `${what}: record of ${e.message}`);
    assert.equal(e.field, field, `${what}: field of ${e.message}`);
    // The messages are the core's, `record: field reason` (their wording is the catalogue's to pin).
    if (code === "ROUNDS_INVALID") assert.ok(e.message.startsWith(`${record}: ${field} `), `${what}: ${e.message}`);
  }
  // A rounds setting is named as the setting too, as planRounds names it.
  assert.equal(thrown(cases[10][1]).setting, "iterations");
  assert.equal(thrown(cases[0][1]).setting, undefined);
  assert.match(thrown(cases[16][1]).message, /unknown field `colour`, expected one of `from`, `through`, `budgets`, `policy`/);
  // After all that, the module still plans.
  assert.equal(planWeek([ok], workers, WEEK).contacts.length, 1);
});

test("bad input to committedTasks and the care-file rounds is named, never a trap", () => {
  const c = new Community("x");
  const report = contactSchedule(c, NOW);
  const window = w(t(0, 9), t(0, 17));
  const someWeek = planWeek([], [], WEEK);
  const cases = [
    ["a fractional task length", () => committedTasks(someWeek, 1.5), "INVALID_ARGUMENT", undefined, "nominalTaskMinutes"],
    ["a negative task length", () => committedTasks(someWeek, -60), "INVALID_ARGUMENT", undefined, "nominalTaskMinutes"],
    ["a week that is not one", () => committedTasks({ days: [] }, 60), "MODEL_JSON", undefined, "week"],
    ["minutes worked by a resident", () => committedTasks({ ...someWeek, minutes_worked: { "resident#1": 5 } }, 60), "MODEL_JSON", undefined, "week.minutes_worked.resident#1"],
    ["contact rounds without options", () => contactRounds(c, NOW), "INVALID_ARGUMENT", undefined, "options"],
    ["contact rounds without minutes", () => contactRounds(c, NOW, {}), "MODEL_JSON", undefined, "options"],
    ["contact rounds of negative minutes", () => contactRounds(c, NOW, { minutes: -30 }), "MODEL_JSON", undefined, "options.minutes"],
    ["an unknown option", () => contactRounds(c, NOW, { minutes: 30, window }), "MODEL_JSON", undefined, "options.window"],
    ["windows with an offset", () => contactRounds(c, NOW, { minutes: 30, windows: [w("2026-12-07T09:00:00+08:00", t(0, 17))] }), "MODEL_JSON", undefined, "options.windows[0].start"],
    ["an unknown contact setting", () => contactRounds(c, NOW, { minutes: 30, policy: { older: 70 } }), "MODEL_INVALID_FIELD", "contact policy", "older"],
    ["a contact setting out of range", () => contactRounds(c, NOW, { minutes: 30, policy: { older_visit_days: 0 } }), "MODEL_INVALID_FIELD", "contact policy", "older_visit_days"],
    ["a now with an offset", () => contactRounds(c, "2026-12-07T08:00:00Z", { minutes: 30 }), "INVALID_DATE", undefined, "now"],
    ["a now that is a number", () => contactRounds(c, 5, { minutes: 30 }), "INVALID_ARGUMENT", undefined, "now"],
    ["visits without a window", () => contactVisits(c, report, { minutes: 30 }), "MODEL_JSON", undefined, "options"],
    ["visits of fractional minutes", () => contactVisits(c, report, { window, minutes: 1.5 }), "MODEL_JSON", undefined, "options.minutes"],
    ["a negative cap per worker", () => contactVisits(c, report, { window, minutes: 30, per_worker: -1 }), "MODEL_JSON", undefined, "options.per_worker"],
    ["a camel-case option", () => contactVisits(c, report, { window, minutes: 30, perWorker: 3 }), "MODEL_JSON", undefined, "options.perWorker"],
    ["a report that is not one", () => contactVisits(c, { due: [] }, { window, minutes: 30 }), "MODEL_JSON", undefined, "report"],
    ["visits options that are not an object", () => contactVisits(c, report, 30), "INVALID_ARGUMENT", undefined, "options"],
    ["walkers from visits that are not a list", () => walkersFromHomes({}, [window]), "MODEL_JSON", undefined, "visits"],
    ["walkers with shifts that are not windows", () => walkersFromHomes([], ["9-12"]), "MODEL_JSON", undefined, "shifts[0]"],
  ];
  for (const [what, call, code, record, field] of cases) {
    const e = thrown(call);
    assert.equal(e.name, "HuzhuError", `${what}: ${e.name} ${e.message}`);
    assert.equal(e.code, code, `${what}: ${e.message}`);
    assert.equal(e.record, record, `${what}: record of ${e.message}`);
    assert.equal(e.field, field, `${what}: field of ${e.message}`);
  }
  // A community that is not one is the glue's TypeError.
  assert.throws(() => contactRounds({}, NOW, { minutes: 30 }), TypeError);
  assert.throws(() => contactVisits(null, report, { window, minutes: 30 }), TypeError);
});
