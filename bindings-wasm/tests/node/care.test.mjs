// The care loop (issue 17) through the npm package: care records on the community (workers, care
// files, the contact log), the loop's functions (contactSchedule, riskFlags, inferNeeds,
// packageNeeds, needsFromInferred, identification, needsList), the documents' defaults that
// changed (subsidy classes and the card price, 24 h for special groups' care needs, the annual
// retirement rule, the few-answers warning, the 500 m radius, file-and-schedule special-group
// coverage, the new indicators). Every expected value is worked by hand in the comments.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  Community, contactSchedule, defaultContactPolicy, riskFlags, inferNeeds, defaultLatentRules, packageNeeds,
  needsFromInferred, identification, needsList, scorecard, qualityAlerts, circleCoverage, compositeIndex,
  defaultIndexWeights, defaultScoringPolicy,
} from "../../pkg/node.js";
import { throwsCode } from "./helpers.mjs";

const NOW = "2026-11-24T12:00:00"; // Tuesday noon: "today" is 2026-11-24
const WEEK = { start: "2026-11-23", end: "2026-11-30" };
const HOME = { lat: 31.2, lon: 121.5 };
const slot = (weekday) => ({ weekday, opens: "09:00:00", closes: "17:00:00" });

/** Runs `fn`, which must throw `code` with `props`, and checks that the community did not change. */
function refused(c, fn, code, props) {
  const before = c.toJson();
  const e = throwsCode(fn, code, props);
  assert.equal(c.toJson(), before, `refusing ${code} changed the community`);
  return e;
}

// Residents (ages on 2026-11-24):
//   1: born 1942-01-01 → 84, lives alone, partial self-care, elderly living alone, grid 1
//   2: born 1960-06-01 → 66, lives alone, full, minimum allowance, grid 2
//   3: born 1950-03-01 → 76, with family, dependent, severe disability, grid 2
//   4: born 1990-01-01 → 36, with family, full, no group, grid 1
//   5: born 1951-01-01 → 75, with family, full, minimum allowance, grid 1
//   6: born 1944-05-01 → 82, lives alone, full, no group, care card, grid 1
const RESIDENTS = [
  { id: 1, birth_date: "1942-01-01", household: "lives_alone", self_care: "partial", groups: ["elderly_living_alone"], grid: 1 },
  { id: 2, birth_date: "1960-06-01", household: "lives_alone", self_care: "full", groups: ["minimum_allowance"], grid: 2 },
  { id: 3, birth_date: "1950-03-01", household: "with_family", self_care: "dependent", groups: ["severe_disability"], grid: 2 },
  { id: 4, birth_date: "1990-01-01", household: "with_family", self_care: "full", grid: 1 },
  { id: 5, birth_date: "1951-01-01", household: "with_family", self_care: "full", groups: ["minimum_allowance"], grid: 1 },
  { id: 6, birth_date: "1944-05-01", household: "lives_alone", self_care: "full", care_card: true, grid: 1 },
];
const WORKERS = [
  { id: 1, name: "Li Hua 李华", role: "grid_worker", grids: [1] },
  { id: 2, name: "Wang Fang 王芳", role: "social_worker", grids: [2] },
];
// Resident 1: assessed fully self-caring on 2 Nov (partial now), medium risk, meals every day and
// cleaning on Wednesdays. Resident 3: opened Monday 9 Nov, high risk, bathing every other Thursday.
const FILE_1 = {
  resident: 1, opened: "2026-11-02", worker: 1, risk: "medium",
  assessment: { date: "2026-11-02", assessor: "worker#1", self_care: "full" },
  package: [
    { category: "elder.meals", every: "daily", from: "11:00:00", until: "13:00:00", duration_minutes: 30 },
    { category: "elder.cleaning", every: "weekly", weekday: "Wed", from: "09:00:00", until: "12:00:00", duration_minutes: 90 },
  ],
};
const FILE_3 = {
  resident: 3, opened: "2026-11-09", worker: 2, risk: "high",
  assessment: { date: "2026-11-09", assessor: "worker#2", self_care: "dependent", health_risks: ["falls"] },
  package: [{ category: "elder.bathing", every: "fortnightly", weekday: "Thu", from: "14:00:00", until: "17:00:00", duration_minutes: 60 }],
};
const CONTACTS = [
  { id: 1, resident: 1, worker: 1, at: "2026-11-16T10:00:00", kind: "visit" },
  { id: 2, resident: 2, worker: 2, at: "2026-11-10T15:00:00", kind: "visit" },
  { id: 3, resident: 2, worker: 2, at: "2026-11-18T09:30:00", kind: "phone" },
  { id: 4, resident: 3, worker: 2, at: "2026-11-21T10:00:00", kind: "survey", notes: "needs survey 需求调查" },
];
const need = (id, resident, category, urgency, created_at, extra = {}) => ({
  id, resident, category, urgency, created_at, duration_minutes: 60, place: { kind: "home" },
  windows: [{ start: "2026-11-23T09:00:00", end: "2026-11-27T17:00:00" }], ...extra,
});

function careCommunity() {
  const c = new Community("Care lane 关怀里");
  for (const r of RESIDENTS) c.addResident({ ...r, home: HOME });
  c.addProvider({ id: 1, name: "Canteen", kind: "canteen" });
  // The provider kinds of self-governing organisations, graded like social organisations.
  c.addProvider({ id: 2, name: "Silver volunteers 银龄志愿队", kind: "volunteer_team", stars: 3 });
  const service = { provider: 1, categories: ["elder.meals"], location: HOME, radius_m: 500, schedule: [slot("Tue")], capacity_per_week: 40, mode: "at_facility" };
  // A 6-yuan meal: 3 yuan with a care card, free for the subsidy classes; another 10% off with a
  // card, written with the former name `free_for_priority`.
  c.addService({ ...service, id: 1, name: "Lunch", fee: { tier: "low_cost", price_fen: 600, care_card_price_fen: 300 }, free_for_subsidised: true });
  c.addService({ ...service, id: 2, name: "Supper", fee: { tier: "low_cost", price_fen: 600, care_card_discount_pct: 10 }, free_for_priority: true });
  // Need 1: resident 1 (special group), medical escort (a care area), classed complex, Friday
  // 20 Nov 16:30. Need 2: the same for resident 4 (no group). Need 3: resident 5's meals on
  // 1 Oct, done.
  c.addNeed(need(1, 1, "elder.medical_escort", "complex", "2026-11-20T16:30:00"));
  c.addNeed(need(2, 4, "elder.medical_escort", "complex", "2026-11-20T16:30:00"));
  c.addNeed(need(3, 5, "elder.meals", "general", "2026-10-01T08:00:00", {
    windows: [{ start: "2026-10-01T11:00:00", end: "2026-10-01T13:00:00" }], duration_minutes: 30, status: "done",
  }));
  for (const w of WORKERS) c.addWorker(w);
  c.addCareFile(FILE_1);
  c.addCareFile(FILE_3);
  for (const k of CONTACTS) c.addContact(k);
  return c;
}

test("care records: added, read back, counted, in the snapshot", () => {
  const c = careCommunity();
  assert.deepEqual(c.counts, { residents: 6, needs: 3, volunteers: 0, services: 2, providers: 2, workers: 2, care_files: 2, contacts: 4 });
  // The core writes every field: `qualified` (issue 19) defaults to false.
  assert.deepEqual(c.worker(2), { ...WORKERS[1], qualified: false });
  assert.equal(c.worker(9), undefined);
  // The core writes every field: defaults filled in.
  assert.deepEqual(c.careFile(3), {
    ...FILE_3, closed: null, contact: null,
    assessment: { ...FILE_3.assessment, living_risks: [] },
  });
  assert.equal(c.careFile(2), undefined);
  assert.deepEqual(c.careFile(1).package[0], { ...FILE_1.package[0], weekday: null });
  assert.deepEqual(c.contact(4), { ...CONTACTS[3] });
  assert.deepEqual(c.contact(1), { ...CONTACTS[0], notes: "" });
  assert.deepEqual(c.workers().map((w) => w.id), [1, 2]);
  assert.deepEqual(c.careFiles().map((f) => f.resident), [1, 3]);
  assert.deepEqual(c.contacts().map((k) => k.id), [1, 2, 3, 4]);
  const snap = c.toSnapshot();
  assert.equal(snap.workers.length, 2);
  assert.equal(snap.care_files.length, 2);
  assert.equal(snap.contacts.length, 4);
  assert.equal(Community.fromJson(c.toJson()).toJson(), c.toJson());
  // The new provider kinds and the renamed service flag (the former name read, the new written).
  assert.equal(c.providers()[1].kind, "volunteer_team");
  assert.equal(c.service(2).free_for_subsidised, true);
  assert.ok(!("free_for_priority" in c.service(2)));
  assert.equal(c.service(1).fee.care_card_price_fen, 300);
});

test("care records: every refusal is typed, names record and field, and changes nothing", () => {
  const c = careCommunity();
  // Workers.
  refused(c, () => c.addWorker({ id: 3, name: "  ", role: "grid_worker" }), "MODEL_INVALID_FIELD", { record: "worker#3", field: "name" });
  refused(c, () => c.addWorker({ id: 1, name: "Again", role: "grid_worker" }), "MODEL_DUPLICATE_ID", { record: "worker#1" });
  refused(c, () => c.addWorker({ id: 3, name: "Zhao", role: "boss" }), "MODEL_JSON", { field: "worker.role" });
  // Care files.
  const file2 = { resident: 2, opened: "2026-11-02", worker: 2, assessment: { date: "2026-11-02", assessor: "worker#2", self_care: "full" } };
  const record = "care file of resident#2";
  refused(c, () => c.addCareFile({ ...file2, worker: 9 }), "MODEL_UNKNOWN_REFERENCE", { record, field: "worker" });
  refused(c, () => c.addCareFile({ ...file2, resident: 99 }), "MODEL_UNKNOWN_REFERENCE", { record: "care file of resident#99", field: "resident" });
  refused(c, () => c.addCareFile({ ...file2, closed: "2026-11-01" }), "MODEL_INVALID_FIELD", { record, field: "closed" });
  refused(c, () => c.addCareFile({ ...file2, assessment: { ...file2.assessment, assessor: "" } }), "MODEL_INVALID_FIELD", { record, field: "assessment.assessor" });
  const weekly = { category: "elder.cleaning", every: "weekly", from: "09:00:00", until: "12:00:00", duration_minutes: 90 };
  refused(c, () => c.addCareFile({ ...file2, package: [weekly] }), "MODEL_INVALID_FIELD", { record, field: "package[0].weekday" });
  // A 90-minute item in a 60-minute window.
  refused(c, () => c.addCareFile({ ...file2, package: [{ ...weekly, weekday: "Mon", until: "10:00:00" }] }), "MODEL_INVALID_FIELD", { record, field: "package[0].until" });
  refused(c, () => c.addCareFile({ ...file2, package: [{ ...weekly, weekday: "Mon", category: "elder.flying" }] }), "MODEL_UNKNOWN_CATEGORY", { record, field: "package[0].category" });
  refused(c, () => c.addCareFile({ ...file2, contact: { visit_every_days: 0 } }), "MODEL_INVALID_FIELD", { record, field: "contact.visit_every_days" });
  refused(c, () => c.addCareFile({ ...file2, risk: "extreme" }), "MODEL_JSON", { field: "file.risk" });
  refused(c, () => c.addCareFile(FILE_1), "MODEL_DUPLICATE_ID", { record: "care file of resident#1" });
  // Updating: only an existing file, checked like a new one; a refused update keeps the old file.
  refused(c, () => c.updateCareFile(file2), "MODEL_NOT_FOUND", { record });
  refused(c, () => c.updateCareFile({ ...FILE_1, worker: 9 }), "MODEL_UNKNOWN_REFERENCE", { record: "care file of resident#1", field: "worker" });
  assert.equal(c.careFile(1).worker, 1);
  // Contacts.
  const contact = { id: 9, resident: 1, worker: 1, at: "2026-11-24T10:00:00", kind: "visit" };
  refused(c, () => c.addContact({ ...contact, resident: 99 }), "MODEL_UNKNOWN_REFERENCE", { record: "contact#9", field: "resident" });
  refused(c, () => c.addContact({ ...contact, worker: 7 }), "MODEL_UNKNOWN_REFERENCE", { record: "contact#9", field: "worker" });
  refused(c, () => c.addContact({ ...contact, notes: "x".repeat(2001) }), "MODEL_INVALID_FIELD", { record: "contact#9", field: "notes" });
  refused(c, () => c.addContact({ ...contact, id: 1 }), "MODEL_DUPLICATE_ID", { record: "contact#1" });
  // Local time only: an offset is refused, not applied.
  refused(c, () => c.addContact({ ...contact, at: "2026-11-24T10:00:00+08:00" }), "MODEL_JSON", { field: "contact.at" });
  refused(c, () => c.addContact({ ...contact, kind: "letter" }), "MODEL_JSON", { field: "contact.kind" });
  throwsCode(() => c.careFile(-1), "INVALID_ARGUMENT", { field: "resident" });
  assert.deepEqual(c.counts, { residents: 6, needs: 3, volunteers: 0, services: 2, providers: 2, workers: 2, care_files: 2, contacts: 4 });
});

test("updateCareFile replaces the file; a copy does not see it", () => {
  const c = careCommunity();
  const copy = c.clone();
  copy.updateCareFile({ ...FILE_1, risk: "high", closed: "2026-12-01" });
  assert.equal(copy.careFile(1).risk, "high");
  assert.equal(copy.careFile(1).closed, "2026-12-01");
  assert.equal(c.careFile(1).risk, "medium");
  assert.equal(c.careFile(1).closed, null);
});

test("need fields: kind, channel, confirmation and a timed status history", () => {
  const c = careCommunity();
  const history = [{ at: "2026-11-24T09:00:00", status: "matched", by: "desk" }];
  c.addNeed(need(7, 2, "elder.errands", "general", "2026-11-24T08:00:00", { kind: "dynamic", channel: "hotline", status: "matched", history }));
  const n = c.need(7);
  assert.deepEqual([n.kind, n.channel, n.status, n.history], ["dynamic", "hotline", "matched", history]);
  assert.equal(c.need(1).kind, "basic"); // the default
  assert.ok(!("channel" in c.need(1)) && !("history" in c.need(1)) && !("inferred_by" in c.need(1)));
  // A step before the need was created, and a status the history does not end in.
  refused(c, () => c.addNeed(need(8, 2, "elder.errands", "general", "2026-11-24T10:00:00", { status: "matched", history })),
    "MODEL_INVALID_FIELD", { record: "need#8", field: "history[0].at" });
  refused(c, () => c.addNeed(need(8, 2, "elder.errands", "general", "2026-11-24T08:00:00", { status: "open", history })),
    "MODEL_INVALID_FIELD", { record: "need#8", field: "status" });
  refused(c, () => c.addNeed(need(8, 2, "elder.errands", "general", "2026-11-24T08:00:00", { channel: "pigeon" })),
    "MODEL_JSON", { field: "need.channel" });
  // Steps recorded with their time and who took them; a step back in time, or a move the
  // lifecycle does not allow, is refused and changes nothing.
  c.recordNeedStatus(7, "in_progress", "2026-11-24T10:00:00", "volunteer#3");
  c.recordNeedStatus(7, "done", new Date(2026, 10, 24, 11, 30));
  assert.deepEqual(c.need(7).history, [
    ...history,
    { at: "2026-11-24T10:00:00", status: "in_progress", by: "volunteer#3" },
    { at: "2026-11-24T11:30:00", status: "done", by: "" },
  ]);
  assert.equal(c.need(7).status, "done");
  refused(c, () => c.recordNeedStatus(1, "matched", "2026-11-20T16:00:00", "desk"), "MODEL_INVALID_FIELD", { record: "need#1", field: "history[0].at" });
  refused(c, () => c.recordNeedStatus(7, "open", "2026-11-24T12:00:00", "desk"), "MODEL_INVALID_TRANSITION", { record: "need#7" });
  refused(c, () => c.recordNeedStatus(99, "matched", NOW, "desk"), "MODEL_NOT_FOUND", { record: "need#99" });
  refused(c, () => c.recordNeedStatus(1, "matched", NOW, 5), "INVALID_ARGUMENT", { field: "by" });
  refused(c, () => c.confirmNeed(99, true), "MODEL_NOT_FOUND", { record: "need#99" });
  refused(c, () => c.confirmNeed(1, "yes"), "INVALID_ARGUMENT", { field: "confirmed" });
});

test("subsidy classes and card prices; 24 hours for a special group's care need, whatever its class", () => {
  const c = careCommunity();
  // 1: 84, living alone, partial self-care → aged living alone without full self-care (80+).
  // 2 and 5: minimum allowance → economic hardship. 6: 82 alone but fully self-caring; 4: 36.
  assert.equal(c.subsidyClass(1, "2026-11-24"), "aged_living_alone_dependent");
  assert.equal(c.subsidyClass(2, "2026-11-24"), "economic_hardship");
  assert.equal(c.subsidyClass(5, new Date(2026, 10, 24)), "economic_hardship");
  assert.equal(c.subsidyClass(6, "2026-11-24"), undefined);
  assert.equal(c.subsidyClass(4, "2026-11-24"), undefined);
  // Resident 1 turned 80 on 1 Jan 2022: not yet on 31 Dec 2021.
  assert.equal(c.subsidyClass(1, "2021-12-31"), undefined);
  throwsCode(() => c.subsidyClass(99, "2026-11-24"), "MODEL_NOT_FOUND", { record: "resident#99" });
  // Lunch (600 fen, 300 with a card, free for the classes): 1 pays 0, 6 (card) 300, 4 (no card) 600.
  assert.deepEqual([1, 6, 4].map((r) => c.priceFor(1, r, "2026-11-24")), [0, 300, 600]);
  // Supper (600 fen, 10% off with a card; free for the classes under the former name): 2 pays 0,
  // 6 pays 600 × 90% = 540.
  assert.deepEqual([2, 6, 4].map((r) => c.priceFor(2, r, "2026-11-24")), [0, 540, 600]);
  throwsCode(() => c.priceFor(9, 1, "2026-11-24"), "MODEL_NOT_FOUND", { record: "service#9" });
  // Need 1 (resident 1, special group; medical escort, a care area; complex; Friday 20 Nov 16:30):
  // the earlier of 3 working days (Wed 25 Nov 16:30) and 24 h → Sat 21 Nov 16:30. Need 2, the same
  // for resident 4 (no group): 3 working days, Mon 23, Tue 24, Wed 25 → 2026-11-25T16:30.
  assert.equal(c.deadlineOf(1), "2026-11-21T16:30:00");
  assert.equal(c.deadlineOf(2), "2026-11-25T16:30:00");
  throwsCode(() => c.deadlineOf(99), "MODEL_NOT_FOUND", { record: "need#99" });
});

test("contactSchedule: who is due or overdue a visit or call, per worker and grid", () => {
  const c = careCommunity();
  // On the rounds today: 1 and 3 (open files), 2 and 6 (living alone, 60+); not 4 or 5 (with
  // family, no file). Plans: 1 (84, alone) and 6 (82, alone) weekly visits, no calls; 2 (66)
  // visits every 15 days and calls every 7; 3 (with family: the under-70 plan, 15/7) is high
  // risk, so visits every 7 days. A visit counts as a call, and so does a survey.
  //   1: last visit 16 Nov, 8 days > 7 → overdue.
  //   2: visit 10 Nov, 14 days ≥ 15 − 1 → due; call 18 Nov, 6 days ≥ 7 − 1 → due.
  //   3: never visited → overdue; the survey of 21 Nov, 3 days < 6 → no call due.
  //   6: never visited → overdue.
  // Workers: the file's (1 → 1, 3 → 2), else the worker covering the grid (2 → 2, 6 → 1).
  const r = contactSchedule(c, NOW);
  const due = (resident, grid, worker, age, kind, interval_days, last, days_since, status) =>
    ({ resident, grid, worker, age, kind, interval_days, last, days_since, status });
  assert.deepEqual(r, {
    today: "2026-11-24",
    in_scope: 4,
    on_schedule: 1, // resident 2
    share_on_schedule: 0.25,
    due: [
      due(1, 1, 1, 84, "visit", 7, "2026-11-16", 8, "overdue"),
      due(2, 2, 2, 66, "visit", 15, "2026-11-10", 14, "due"),
      due(2, 2, 2, 66, "phone", 7, "2026-11-18", 6, "due"),
      due(3, 2, 2, 76, "visit", 7, null, null, "overdue"),
      due(6, 1, 1, 82, "visit", 7, null, null, "overdue"),
    ],
    by_worker: { 1: { residents: 2, due: 0, overdue: 2 }, 2: { residents: 2, due: 2, overdue: 1 } },
    by_grid: { 1: { residents: 2, due: 0, overdue: 2 }, 2: { residents: 2, due: 2, overdue: 1 } },
  });
  // A Date is the same moment (local wall clock).
  assert.deepEqual(contactSchedule(c, new Date(2026, 10, 24, 12)), r);
  // Nothing "due soon": only the three overdue visits remain.
  const strict = contactSchedule(c, NOW, { due_soon_days: 0 });
  assert.deepEqual(strict.due.map((d) => [d.resident, d.kind, d.status]), [[1, "visit", "overdue"], [3, "visit", "overdue"], [6, "visit", "overdue"]]);
  assert.deepEqual(strict.by_worker[2], { residents: 2, due: 0, overdue: 1 });
  // From 85, weekly visits: 1 (84) and 6 (82) move to the under-70 plan: 1's visit of 16 Nov,
  // 8 days, is within 15 but counts as its last call, 8 days > 7 → the call is overdue.
  const older = contactSchedule(c, NOW, { older_age: 85 });
  assert.deepEqual(older.due.filter((d) => d.resident === 1).map((d) => [d.kind, d.interval_days, d.status]), [["phone", 7, "overdue"]]);
  assert.deepEqual(defaultContactPolicy(), {
    elderly_age: 60, older_age: 70, older_visit_days: 7, younger_visit_days: 15, younger_call_days: 7, high_risk_visit_days: 7, due_soon_days: 1,
  });
  // The policy is read and checked by the core, which names the setting.
  throwsCode(() => contactSchedule(c, NOW, { due_soon: 1 }), "MODEL_INVALID_FIELD", { record: "contact policy", setting: "due_soon" });
  const zero = throwsCode(() => contactSchedule(c, NOW, { high_risk_visit_days: 0 }), "MODEL_INVALID_FIELD", { record: "contact policy", setting: "high_risk_visit_days" });
  assert.equal(zero.message, "contact policy: field `high_risk_visit_days` must be positive");
  throwsCode(() => contactSchedule(c, "2026-11-24T12:00:00Z"), "INVALID_DATE", { field: "now" });
});

test("riskFlags: each open file's missed contacts, needs past their deadline, self-care worse than assessed", () => {
  const c = careCommunity();
  // File 1 (medium): the overdue visit (8 days, every 7); need 1 open past its 24-hour deadline
  // (21 Nov 16:30 < now); self-care partial now, full when assessed. File 3 (high): never visited;
  // self-care dependent as assessed. Resident 6 is overdue too, but has no file: no flag.
  const flag = (resident, worker, level, reason) => ({ resident, worker, level, ...reason });
  assert.deepEqual(riskFlags(c, NOW), [
    flag(1, 1, "medium", { reason: "missed_contact", kind: "visit", days_since: 8, interval_days: 7 }),
    flag(1, 1, "medium", { reason: "unserved_past_deadline", need: 1, deadline: "2026-11-21T16:30:00" }),
    flag(1, 1, "medium", { reason: "self_care_fell", assessed: "full", now: "partial" }),
    flag(3, 2, "high", { reason: "missed_contact", kind: "visit", days_since: null, interval_days: 7 }),
  ]);
  // Two days earlier (Sunday 22 Nov, 08:00): 1's visit is 6 days old (due, not overdue), need 1 is
  // past its deadline already; 3 has never been visited.
  assert.deepEqual(riskFlags(c, "2026-11-22T08:00:00").map((f) => [f.resident, f.reason]), [
    [1, "unserved_past_deadline"], [1, "self_care_fell"], [3, "missed_contact"],
  ]);
  // A policy of visits every 10 days for the older residents: 1's 8 days are fine.
  assert.deepEqual(riskFlags(c, NOW, { older_visit_days: 10 }).map((f) => [f.resident, f.reason]), [
    [1, "unserved_past_deadline"], [1, "self_care_fell"], [3, "missed_contact"],
  ]);
});

test("inferNeeds: the documented default rules, each naming its rule and facts; user rules", () => {
  const c = careCommunity();
  // aged_alone_without_contact (80+, alone, no contact for 14 days, since 10 Nov 12:00): 1 was
  // visited on 16 Nov, no; 6 (82) never → a home visit.
  // dependent_without_cleaning (dependent, no cleaning need for 30 days): 3 → cleaning.
  // hardship_elderly_without_meals (70+, minimum allowance or extreme poverty, no meals for 30
  // days, since 25 Oct): 5 (75) last had meals on 1 Oct → meals; 2 is 66.
  const rules = defaultLatentRules();
  assert.deepEqual(rules.map((r) => [r.code, r.infer]), [
    ["aged_alone_without_contact", "elder.home_visit"], ["dependent_without_cleaning", "elder.cleaning"], ["hardship_elderly_without_meals", "elder.meals"],
  ]);
  assert.deepEqual(rules[0].who, { min_age: 80, household: "lives_alone", self_care_at_least: null, groups_any: [] });
  assert.deepEqual(rules[0].lacking, { kind: "contact", days: 14 });
  const inferred = inferNeeds(c, NOW);
  assert.deepEqual(inferred, [
    { resident: 3, category: "elder.cleaning", rule: "dependent_without_cleaning", facts: { self_care: "dependent", "last_elder.cleaning": "never" }, duration_minutes: 90 },
    { resident: 5, category: "elder.meals", rule: "hardship_elderly_without_meals", facts: { age: "75", group: "minimum_allowance", "last_elder.meals": "2026-10-01" }, duration_minutes: 30 },
    { resident: 6, category: "elder.home_visit", rule: "aged_alone_without_contact", facts: { age: "82", household: "lives_alone", last_contact: "never" }, duration_minutes: 60 },
  ]);
  assert.deepEqual(inferNeeds(c, NOW, rules), inferred);
  // A rule of the user's: 60+ without any contact for 30 days (since 25 Oct 12:00). 1, 2 and 3
  // had one in November; 5 (75) and 6 (82) never.
  const mine = [{ code: "no_contact_30_days", who: { min_age: 60 }, lacking: { kind: "contact", days: 30 }, infer: "elder.home_visit", duration_minutes: 45 }];
  assert.deepEqual(inferNeeds(c, NOW, mine).map((n) => [n.resident, n.rule, n.facts]), [
    [5, "no_contact_30_days", { age: "75", last_contact: "never" }],
    [6, "no_contact_30_days", { age: "82", last_contact: "never" }],
  ]);
  assert.deepEqual(inferNeeds(c, NOW, []), []);
  throwsCode(() => inferNeeds(c, NOW, [{ code: "x", infer: "elder.meals", duration_minutes: 30 }]), "MODEL_JSON", { field: "rules[0]" });
  throwsCode(() => inferNeeds(c, NOW, [{ ...mine[0], lacking: { kind: "luck", days: 3 } }]), "MODEL_JSON", { field: "rules[0].lacking.kind" });
  // Rules are checked against the community: an unknown category, a zero interval.
  throwsCode(() => inferNeeds(c, NOW, [{ ...mine[0], infer: "elder.juggling" }]), "MODEL_INVALID_FIELD", { record: "latent rule[0]", field: "infer" });
  throwsCode(() => inferNeeds(c, NOW, [mine[0], { ...mine[0], lacking: { kind: "contact", days: 0 } }]), "MODEL_INVALID_FIELD", { record: "latent rule[1]", field: "lacking.days" });
});

test("the loop: package needs and inferred needs recorded, identification, the needs list, coverage", () => {
  const c = careCommunity();
  // The week of Monday 23 Nov, numbered from 1000 in resident, item and day order: resident 1's
  // meals every day (1000–1006, 23–29 Nov, 11:00–13:00), its cleaning on Wednesday 25 Nov
  // (1007, 09:00–12:00); resident 3's fortnightly bathing: 2 weeks after the week of 9 Nov, so
  // on Thursday 26 Nov (1008, 14:00–17:00). Both residents are in special groups.
  const week = packageNeeds(c, "2026-11-23", 1000);
  assert.deepEqual(week.map((n) => [n.id, n.resident, n.category, n.windows[0].start, n.windows[0].end]), [
    ...[23, 24, 25, 26, 27, 28, 29].map((d, i) => [1000 + i, 1, "elder.meals", `2026-11-${d}T11:00:00`, `2026-11-${d}T13:00:00`]),
    [1007, 1, "elder.cleaning", "2026-11-25T09:00:00", "2026-11-25T12:00:00"],
    [1008, 3, "elder.bathing", "2026-11-26T14:00:00", "2026-11-26T17:00:00"],
  ]);
  for (const n of week) {
    assert.deepEqual([n.created_at, n.urgency, n.kind, n.channel, n.status], ["2026-11-23T00:00:00", "special_group", "basic", "care_package", "open"]);
  }
  assert.deepEqual([week[0].duration_minutes, week[7].duration_minutes, week[8].duration_minutes], [30, 90, 60]);
  // The next week (30 Nov, 3 weeks after 9 Nov): no bathing; 7 meals and the cleaning on 2 Dec.
  const next = packageNeeds(c, new Date(2026, 10, 30), 2000);
  assert.deepEqual(next.map((n) => n.category), [...Array(7).fill("elder.meals"), "elder.cleaning"]);
  assert.equal(next[7].windows[0].start, "2026-12-02T09:00:00");
  throwsCode(() => packageNeeds(c, "2026-11-23T10:00:00", 1), "INVALID_DATE", { field: "weekStart" });
  throwsCode(() => packageNeeds(c, "2026-11-23", 1.5), "INVALID_ARGUMENT", { field: "firstId" });
  for (const n of week) c.addNeed(n);

  // The inferred needs recorded from 3000: latent, channel `inferred`, naming the rule, created
  // now, open until the start of the 7th day after (1 Dec 00:00). Then the first is confirmed,
  // the second rejected, the third undecided.
  const found = inferNeeds(c, NOW);
  const inferred = needsFromInferred(found, 3000, NOW, 7);
  assert.deepEqual(inferred.map((n) => [n.id, n.resident, n.category, n.inferred_by]), [
    [3000, 3, "elder.cleaning", "dependent_without_cleaning"],
    [3001, 5, "elder.meals", "hardship_elderly_without_meals"],
    [3002, 6, "elder.home_visit", "aged_alone_without_contact"],
  ]);
  assert.deepEqual([inferred[0].kind, inferred[0].channel, inferred[0].urgency, inferred[0].created_at, inferred[0].windows],
    ["latent", "inferred", "general", NOW, [{ start: NOW, end: "2026-12-01T00:00:00" }]]);
  for (const n of inferred) c.addNeed(n);
  c.confirmNeed(3000, true);
  c.confirmNeed(3001, false);
  assert.deepEqual([3000, 3001, 3002].map((id) => c.need(id).confirmed), [true, false, undefined]);
  // A rule does not fire again while its need is open.
  assert.deepEqual(inferNeeds(c, NOW), []);
  // Ids run out at 2^32 − 1: one need fits there, two do not.
  assert.equal(needsFromInferred(found.slice(0, 1), 2 ** 32 - 1, NOW, 7)[0].id, 2 ** 32 - 1);
  throwsCode(() => needsFromInferred(found.slice(0, 2), 2 ** 32 - 1, NOW, 7), "INVALID_ARGUMENT", { field: "firstId" });
  throwsCode(() => needsFromInferred(inferred, 1, NOW, 7), "MODEL_JSON", { field: "inferred[0]" });

  // Identification in the week of 23 Nov: needs created in it are the 9 package needs and the 3
  // inferred (needs 1–3 are older). Inferred with a decision: 2, confirmed 1 → accuracy 0.5.
  // Personalised (from packages): 9 of 12 → 0.75. Surveys within the 365 days ending 30 Nov:
  // resident 3's (21 Nov) → 1 of 6 residents. With a 3-day window (from 23 Nov, the period's
  // start being earlier than 27 Nov): none.
  const id = identification(c, WEEK);
  assert.deepEqual(id, {
    inferred_decided: 2, inferred_confirmed: 1, accuracy: 0.5, needs: 12, personalised: 9, personalised_share: 0.75,
    residents: 6, survey_window_days: 365, surveyed: 1, survey_coverage: 1 / 6,
  });
  assert.deepEqual(identification(c, WEEK, 3), { ...id, survey_window_days: 3, surveyed: 0, survey_coverage: 0 });
  assert.deepEqual(identification(new Community("empty"), WEEK), {
    inferred_decided: 0, inferred_confirmed: 0, accuracy: null, needs: 0, personalised: 0, personalised_share: null,
    residents: 0, survey_window_days: 365, surveyed: 0, survey_coverage: null,
  });
  throwsCode(() => identification(c, { start: "2026-11-30", end: "2026-11-23" }), "SCORING_INVALID_FIELD", { field: "period.end" });

  // The needs list of Q4 2026 (every need is from October or November), by grid then category:
  // grid 1: resident 1's cleaning (basic, open); 6's home visit (latent); meals: 1's 7 package
  // needs and 5's done need of 1 Oct (basic 8, served 1), 5's inferred meals (latent), pending
  // 7 + 1; medical escort: needs 1 and 2. Grid 2: 3's bathing; 3's inferred cleaning.
  const row = (grid, category, basic, latent, served, pending) => ({ quarter: "2026-10-01", grid, category, basic, dynamic: 0, latent, served, pending });
  assert.deepEqual(needsList(c), [
    row(1, "elder.cleaning", 1, 0, 0, 1),
    row(1, "elder.home_visit", 0, 1, 0, 1),
    row(1, "elder.meals", 8, 1, 1, 8),
    row(1, "elder.medical_escort", 2, 0, 0, 2),
    row(2, "elder.bathing", 1, 0, 0, 1),
    row(2, "elder.cleaning", 0, 1, 0, 1),
  ]);

  // Resident 3 is visited this morning: off the overdue list (the visit counts as the call too).
  c.addContact({ id: 5, resident: 3, worker: 2, at: "2026-11-24T10:00:00", kind: "visit", notes: "bathing arranged" });
  const rounds = contactSchedule(c, NOW);
  assert.deepEqual(rounds.due.filter((d) => d.status === "overdue").map((d) => d.resident), [1, 6]);
  assert.deepEqual([rounds.on_schedule, rounds.share_on_schedule], [2, 0.5]);
  assert.deepEqual(rounds.by_worker[2], { residents: 2, due: 2, overdue: 0 });

  // The scorecard of the week, judged now. Special groups (1, 2, 3, 5): a care file open in the
  // week for 1 and 3; nothing overdue on the rounds (taken now, before the period's end) for 2, 3
  // and 5 (5 is not on the rounds: nothing is overdue); covered = file and schedule: 3 alone.
  const card = scorecard(c, { period: WEEK, now: NOW });
  const g = (residents, with_care_file, on_schedule, covered) => ({ residents, with_care_file, on_schedule, covered, share: covered / residents });
  assert.deepEqual(card.special_groups, {
    all: g(4, 2, 3, 1),
    by_group: { elderly_living_alone: g(1, 1, 0, 0), minimum_allowance: g(2, 0, 2, 0), severe_disability: g(1, 1, 1, 1) },
    target: 1,
    attainment: 0.25,
  });
  assert.deepEqual(card.identification, id);
  assert.deepEqual(card.visits, rounds);
  // The new indicators against their targets: accuracy 0.5 / 0.85; personalised 0.75 / 0.40,
  // capped at 1; survey coverage (1/6) / 1; visits 0.5.
  const value = Object.fromEntries(card.index.components.map((x) => [x.indicator, x.value]));
  assert.ok(Math.abs(value.identification_accuracy - 0.5 / 0.85) < 1e-12);
  assert.equal(value.personalised_services, 1);
  assert.ok(Math.abs(value.survey_coverage - 1 / 6) < 1e-12);
  assert.equal(value.visits, 0.5);
  assert.equal(value.special_group_coverage, 0.25);
  // The former name of the volunteering target is read too.
  assert.equal(scorecard(c, { period: WEEK, now: NOW }, { participation_target: 0.5 }).participation.target, 0.5);
  throwsCode(() => scorecard(c, { period: WEEK, now: NOW }, { identification_target: 2 }), "SCORING_INVALID_FIELD", { setting: "identification_target" });
});

test("quality alerts: two consecutive years retire, whatever the period; few answers below the line still warn", () => {
  const c = new Community("Survey lane");
  c.addResident({ ...RESIDENTS[3], home: HOME });
  for (const id of [1, 2, 3]) {
    c.addVolunteer({ id, home: HOME, availability: [slot("Mon")], minutes_per_week: 120, max_travel_m: 1000 });
  }
  let next = 1;
  const answers = (v) => ({ content: v, efficiency: v, attitude: v, sustainability: v, innovation: v });
  // `good` answers of 5 (satisfied: overall ≥ 4) and `poor` answers of 2, about volunteer `helper`.
  const batch = (helper, start, end, good, poor) => [
    ...Array.from({ length: good }, () => answers(5)), ...Array.from({ length: poor }, () => answers(2)),
  ].map((a) => ({ id: next++, respondent: 4, helper: { kind: "volunteer", id: helper }, period: { start, end }, answers: a }));
  const surveys = [
    ...batch(1, "2026-11-01", "2026-12-01", 5, 5), // 10 answers, 50%
    ...batch(2, "2025-11-01", "2025-12-01", 15, 15), // 30 answers, 50%
    ...batch(2, "2026-11-01", "2026-12-01", 12, 18), // 30 answers, 40%
    ...batch(3, "2026-09-01", "2026-10-01", 15, 15), // two months of one year, 50% each
    ...batch(3, "2026-10-01", "2026-11-01", 15, 15),
  ];
  const alerts = qualityAlerts(c, surveys);
  // Volunteer 1: 50% < 60% on 10 answers (< 30): below the line, few answers; 2026 pooled has 10
  // answers, too few to count as a year below → 0. Wilson interval of 5/10 at z = 1.96:
  // centre (0.5 + 1.9208/10) / (1 + 3.8416/10) = 0.5; half-width
  // 1.96 √(0.025 + 3.8416/400) / 1.38416 = 0.263410 → [0.236590, 0.763410].
  // Volunteer 2: 2025 below (15/30) → 1 year → correct; 2026 below (12/30) after 2025 → 2 → retire.
  // Volunteer 3: September and October both below, but one year (30/60 in 2026) → 1 → correct.
  assert.deepEqual(alerts.map((a) => [a.helper.id, a.period.start, a.n, a.share_satisfied, a.years_below, a.verdict]), [
    [1, "2026-11-01", 10, 0.5, 0, "below_few_answers"],
    [2, "2025-11-01", 30, 0.5, 1, "correct"],
    [2, "2026-11-01", 30, 0.4, 2, "retire"],
    [3, "2026-09-01", 30, 0.5, 1, "correct"],
    [3, "2026-10-01", 30, 0.5, 1, "correct"],
  ]);
  assert.ok(Math.abs(alerts[0].interval[0] - 0.23659) < 1e-5 && Math.abs(alerts[0].interval[1] - 0.76341) < 1e-5, String(alerts[0].interval));
  // Three years to retire (under the former setting name, read too): volunteer 2 is corrected.
  assert.equal(qualityAlerts(c, surveys, { alerts: { retire_after_periods: 3 } })[2].verdict, "correct");
  // Ten answers suffice: volunteer 1 is below on enough answers, its year too → correct.
  assert.deepEqual(qualityAlerts(c, surveys, { alerts: { min_answers: 10 } })[0].verdict, "correct");
  assert.deepEqual(defaultScoringPolicy().alerts, { correct_below: 0.6, retire_after_years: 2, min_answers: 30 });
  throwsCode(() => qualityAlerts(c, surveys, { alerts: { retire_after_years: 0 } }), "SCORING_INVALID_FIELD", { setting: "alerts.retire_after_years" });
});

test("coverage: the 500 m service radius beside the 15-minute walk, both reported", () => {
  const c = new Community("Radius lane");
  c.addProvider({ id: 1, name: "Canteen", kind: "canteen" });
  c.addService({ id: 1, provider: 1, name: "Lunch", categories: ["elder.meals"], location: HOME, radius_m: 500, schedule: [slot("Mon")], capacity_per_week: 40, fee: { tier: "free" }, mode: "at_facility" });
  // Homes due north of the canteen, 0.003°, 0.006° and 0.010° of latitude away: 334 m, 667 m and
  // 1112 m (6,371,008.8 m × π/180 per degree), 5, 9 and 14 minutes at 80 m a minute.
  for (const [id, dlat] of [[1, 0.003], [2, 0.006], [3, 0.01]]) {
    c.addResident({ ...RESIDENTS[3], id, home: { lat: HOME.lat + dlat, lon: HOME.lon } });
  }
  const meals = (r) => r.categories.find((x) => x.category === "elder.meals");
  const share = (residents, covered) => ({ residents, covered, share: covered / residents });
  // 15 minutes, 500 m (the default radius): all three walk there in time, one lives within 500 m.
  const cov = circleCoverage(c, 15);
  assert.deepEqual([cov.threshold_minutes, cov.radius_m], [15, 500]);
  assert.deepEqual([meals(cov).all, meals(cov).within_radius], [share(3, 3), share(3, 1)]);
  // No resident has every essential category near (only meals is served).
  assert.deepEqual([cov.all_essential, cov.all_essential_radius], [share(3, 0), share(3, 0)]);
  // 10 minutes, 700 m: the first two either way.
  const near = circleCoverage(c, 10, 700);
  assert.deepEqual([near.radius_m, meals(near).all, meals(near).within_radius], [700, share(3, 2), share(3, 2)]);
  assert.equal(defaultScoringPolicy().service_radius_m, 500);
  throwsCode(() => circleCoverage(c, 15, -1), "INVALID_ARGUMENT", { field: "radiusM" });
});

test("the index: new indicators and weights; the former participation code is read", () => {
  const w = defaultIndexWeights();
  // Since the participation indicators (issue 18): satisfaction 12, response 12, match rate 8,
  // completion 4, circle 8, special groups 8, staffing 4, visits 4, volunteering 4, utilisation 4,
  // the three identification indicators 4 each (12), community affairs 4, activities 4, identity 4,
  // neighbours known 2, feedback answered 4, suggestions adopted 2: 64 + 12 + 20 = 100.
  assert.deepEqual(w, {
    satisfaction: 12, response_compliance: 12, match_rate: 8, completion: 4, circle_coverage: 8, special_group_coverage: 8,
    staffing: 4, visits: 4, volunteer_participation: 4, utilisation: 4, identification_accuracy: 4, personalised_services: 4, survey_coverage: 4,
    community_affairs: 4, activity_participation: 4, identity: 4, neighbours_known: 2, feedback_answered: 4, suggestions_adopted: 2,
  });
  assert.equal(Object.values(w).reduce((a, b) => a + b, 0), 100);
  const idx = compositeIndex({ participation: 0.5, survey_coverage: 1 }, { participation: 1, survey_coverage: 1 });
  // (0.5 × 1 + 1 × 1) / 2 × 100 = 75.
  assert.equal(idx.score, 75);
  assert.deepEqual(idx.components.map((x) => x.indicator).sort(), ["survey_coverage", "volunteer_participation"]);
});
