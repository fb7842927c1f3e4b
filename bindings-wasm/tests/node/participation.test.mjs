// Participation, the identity index, the residents' voice, organisations and corrective actions
// (issue 18) through the npm package: the records on Community (activities, feedback,
// occupations) and the functions over them. Every expected value is worked by hand in the
// comments.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  Community, engagement, identityIndex, defaultIdentityItems, voice, organisations, correctiveActions, scorecard,
  defaultScoringPolicy,
} from "../../pkg/node.js";
import { throwsCode } from "./helpers.mjs";

const NOVEMBER = { start: "2026-11-01", end: "2026-12-01" };
const NOW = "2026-11-30T12:00:00";
const HOME = { lat: 31.2, lon: 121.5 };
const close = (a, b, what) => assert.ok(Math.abs(a - b) < 1e-9, `${what}: ${a} != ${b}`);

/** Runs `fn`, which must throw `code` with `props`, and checks that the community did not change. */
function refused(c, fn, code, props) {
  const before = c.toJson();
  throwsCode(fn, code, props);
  assert.equal(c.toJson(), before, `refusing ${code} changed the community`);
}

// Residents (ages on 2026-11-01, the period's start):
//   1: 1950-01-01 → 76, lives alone, retired, grid 1
//   2: 1990-06-01 → 36, with family, working, grid 1
//   3: 1985-03-01 → 41, with family, working, grid 2
//   4: 2015-01-01 → 11, with family, student, grid 2 (under 18: not counted by default)
//   5: 1960-12-01 → 65 (birthday in December), lives alone, occupation unknown, grid 2
//   6: 1970-01-01 → 56, with family, other, grid 1
const RESIDENTS = [
  [1, "1950-01-01", "lives_alone", "retired", 1],
  [2, "1990-06-01", "with_family", "working", 1],
  [3, "1985-03-01", "with_family", "working", 2],
  [4, "2015-01-01", "with_family", "student", 2],
  [5, "1960-12-01", "lives_alone", null, 2],
  [6, "1970-01-01", "with_family", "other", 1],
];
// Providers: 1 volunteer team 3A (priority), 2 interest group 2A, 3 canteen (not an organisation
// the report grades), 4 owners' committee 4A (priority).
const PROVIDERS = [
  { id: 1, name: "Volunteer team", kind: "volunteer_team", stars: 3 },
  { id: 2, name: "Calligraphy group", kind: "interest_group", stars: 2 },
  { id: 3, name: "Canteen", kind: "canteen" },
  { id: 4, name: "Owners' committee", kind: "owners_committee", stars: 4 },
];
// Activities: A1 a meeting (community affairs) on 5 Nov with 1 and 2; A2 a cultural event of the
// interest group on 10 Nov with 1, 3 and 4; A3 a volunteer event of the team on 15 Aug with 5
// (before the period); A4 a hearing of the owners' committee on 1 Jun with 3.
const ACTIVITIES = [
  { id: 1, kind: "meeting", start: "2026-11-05T19:00:00", end: "2026-11-05T21:00:00", place: "Community centre", attendees: [1, 2] },
  { id: 2, kind: "cultural", organiser: 2, start: "2026-11-10T09:00:00", end: "2026-11-10T11:00:00", grid: 2, attendees: [1, 3, 4] },
  { id: 3, kind: "volunteer_event", organiser: 1, start: "2026-08-15T09:00:00", end: "2026-08-15T12:00:00", attendees: [5] },
  { id: 4, kind: "hearing", organiser: 4, start: "2026-06-01T19:00:00", end: "2026-06-01T20:00:00", attendees: [3] },
];
const canteen = { kind: "provider", id: 3 };
// Feedback (the general deadline is 24 h elapsed):
//   F7 complaint of 1 about the canteen on 15 Oct (before the period: not counted, but it makes F1 a repeat)
//   F1 complaint of 1 about the canteen, 3 Nov 09:00, answered 15:00 (360 min, on time), closed 5 Nov 09:00 (2 days), upheld
//   F2 complaint of 1 about the canteen, 20 Nov 09:00, answered 22 Nov 09:00 (2,880 min, late), open
//   F3 complaint of 2, 25 Nov 09:00, unanswered: deadline 26 Nov 09:00 < now → overdue
//   F4 suggestion of 3, 10 Nov 10:00, answered 12:00 (120 min), closed 12 Nov 10:00 (2 days), adopted
//   F5 suggestion of 5, 11 Nov 10:00, answered 11:00 (60 min), closed 13 Nov 10:00 (2 days), not adopted
//   F6 anonymous suggestion, 30 Nov 09:00, unanswered: deadline 1 Dec 09:00 > now → not yet judged
const FEEDBACK = [
  { id: 7, kind: "complaint", resident: 1, subject: canteen, received: "2026-10-15T09:00:00", answered: "2026-10-15T10:00:00" },
  { id: 1, kind: "complaint", resident: 1, subject: canteen, channel: "hotline", received: "2026-11-03T09:00:00", answered: "2026-11-03T15:00:00" },
  { id: 2, kind: "complaint", resident: 1, subject: canteen, received: "2026-11-20T09:00:00", answered: "2026-11-22T09:00:00" },
  { id: 3, kind: "complaint", resident: 2, received: "2026-11-25T09:00:00", text: "Lift broken" },
  { id: 4, kind: "suggestion", resident: 3, received: "2026-11-10T10:00:00", answered: "2026-11-10T12:00:00", closed: "2026-11-12T10:00:00", outcome: "adopted" },
  { id: 5, kind: "suggestion", resident: 5, received: "2026-11-11T10:00:00", answered: "2026-11-11T11:00:00", closed: "2026-11-13T10:00:00", outcome: "not_adopted" },
  { id: 6, kind: "suggestion", received: "2026-11-30T09:00:00" },
];

function community() {
  const c = new Community("Participation street");
  for (const p of PROVIDERS) c.addProvider(p);
  for (const [id, birth_date, household, occupation, grid] of RESIDENTS) {
    c.addResident({ id, birth_date, home: HOME, grid, household, self_care: "full", ...(occupation ? { occupation } : {}) });
  }
  for (const a of ACTIVITIES) c.addActivity(a);
  for (const f of FEEDBACK) c.addFeedback(f);
  // F1 closed afterwards, through updateFeedback.
  c.updateFeedback({ ...FEEDBACK[1], closed: "2026-11-05T09:00:00", outcome: "upheld" });
  return c;
}

test("activities and feedback are records of the community: checked, listed, in the snapshot", () => {
  const c = community();
  assert.equal(c.activities().length, 4);
  assert.deepEqual(c.activity(2).attendees, [1, 3, 4]);
  assert.equal(c.activity(9), undefined);
  assert.deepEqual(c.feedback().map((f) => f.id), [1, 2, 3, 4, 5, 6, 7]);
  assert.equal(c.feedback()[0].outcome, "upheld");
  assert.deepEqual(c.feedback()[0].subject, canteen);
  assert.equal(c.resident(1).occupation, "retired");
  assert.equal(c.resident(5).occupation, undefined); // unknown: left out
  // The snapshot carries them and reads back the same.
  const snap = c.toSnapshot();
  assert.equal(snap.activities.length, 4);
  assert.equal(snap.feedback.length, 7);
  assert.equal(Community.fromJson(c.toJson()).toJson(), c.toJson());

  // Refusals name the record and field, and change nothing.
  const meeting = ACTIVITIES[0];
  refused(c, () => c.addActivity({ ...meeting, id: 9, attendees: [99] }), "MODEL_UNKNOWN_REFERENCE", { record: "activity#9", field: "attendees[0]" });
  refused(c, () => c.addActivity({ ...meeting, id: 9, attendees: [1, 1] }), "MODEL_INVALID_FIELD", { record: "activity#9", field: "attendees[1]" });
  refused(c, () => c.addActivity({ ...meeting, id: 9, end: meeting.start }), "MODEL_INVALID_FIELD", { record: "activity#9", field: "end" });
  refused(c, () => c.addActivity({ ...meeting, id: 9, organiser: 42 }), "MODEL_UNKNOWN_REFERENCE", { field: "organiser" });
  refused(c, () => c.addActivity(meeting), "MODEL_DUPLICATE_ID", { record: "activity#1" });
  refused(c, () => c.addActivity({ ...meeting, id: 9, kind: "party" }), "MODEL_JSON");
  // A complaint is not adopted; an outcome needs a closing; answered not before received.
  const f3 = FEEDBACK[3];
  refused(c, () => c.updateFeedback({ ...f3, closed: "2026-11-26T09:00:00", outcome: "adopted" }), "MODEL_INVALID_FIELD", { record: "feedback#3", field: "outcome" });
  refused(c, () => c.updateFeedback({ ...f3, outcome: "upheld" }), "MODEL_INVALID_FIELD", { field: "outcome" });
  refused(c, () => c.updateFeedback({ ...f3, answered: "2026-11-24T09:00:00" }), "MODEL_INVALID_FIELD", { field: "answered" });
  refused(c, () => c.updateFeedback({ ...f3, id: 99 }), "MODEL_NOT_FOUND", { record: "feedback#99" });
  refused(c, () => c.addFeedback({ ...f3, id: 10, subject: { kind: "service", id: 5 } }), "MODEL_UNKNOWN_REFERENCE", { record: "feedback#10", field: "subject" });
  refused(c, () => c.addFeedback({ ...f3, id: 10, resident: 77 }), "MODEL_UNKNOWN_REFERENCE", { field: "resident" });
  refused(c, () => c.addResident({ id: 20, birth_date: "1980-01-01", home: HOME, grid: 1, household: "with_family", self_care: "full", occupation: "astronaut" }), "MODEL_JSON");
});

test("participation by group on a small community", () => {
  const c = community();
  // Counted (18+ on 1 Nov): 1, 2, 3, 5, 6. In November: 1 at A1 (affairs) and A2 (activity), 2 at
  // A1 (affairs), 3 at A2 (activity); 5 and 6 nowhere.
  const e = engagement(c, NOVEMBER);
  assert.equal(e.min_age, 18);
  // Affairs: 1 and 2 of 5 = 0.4; activities: 1 and 3 of 5 = 0.4.
  assert.deepEqual(e.all.community_affairs, { residents: 5, participated: 2, share: 0.4 });
  assert.deepEqual(e.all.activities, { residents: 5, participated: 2, share: 0.4 });
  // Bands: 60–79 is 1 (76) and 5 (65): affairs 1 of 2, activities 1 of 2 (both resident 1);
  // 35–59 is 2 (36), 3 (41), 6 (56): affairs 1 of 3 (2), activities 1 of 3 (3).
  assert.deepEqual(Object.keys(e.by_age_band).sort(), ["35_59", "60_79"]);
  assert.deepEqual(e.by_age_band["60_79"].community_affairs, { residents: 2, participated: 1, share: 0.5 });
  assert.equal(e.by_age_band["35_59"].activities.participated, 1);
  close(e.by_age_band["35_59"].activities.share, 1 / 3, "35–59 activities");
  // Households: alone 1, 5 (1 of 2 each); with family 2, 3, 6 (1 of 3 each).
  assert.equal(e.by_household.lives_alone.community_affairs.share, 0.5);
  assert.equal(e.by_household.with_family.community_affairs.residents, 3);
  // Occupations: retired 1 (1 of 1 both); working 2 and 3 (affairs 2, activities 3: 1 of 2 each);
  // 5 unknown and 6 other, nowhere.
  assert.deepEqual(e.by_occupation.retired.activities, { residents: 1, participated: 1, share: 1 });
  assert.deepEqual(e.by_occupation.working.community_affairs, { residents: 2, participated: 1, share: 0.5 });
  assert.deepEqual(e.by_occupation.working.activities, { residents: 2, participated: 1, share: 0.5 });
  assert.equal(e.by_occupation.unknown.activities.participated, 0);
  assert.equal(e.by_occupation.other.activities.share, 0);
  // Grids: 1 is 1, 2, 6 (affairs 2 of 3, activities 1 of 3); 2 is 3, 5 (affairs 0 of 2, activities 1 of 2).
  assert.equal(e.by_grid["1"].community_affairs.participated, 2);
  assert.deepEqual(e.by_grid["2"].community_affairs, { residents: 2, participated: 0, share: 0 });
  assert.equal(e.by_grid["2"].activities.share, 0.5);
  // Repeat participants: only 1 (two attendances). Never reached: 6 (5 came to A3 in August).
  assert.equal(e.repeat_participants, 1);
  assert.equal(e.never_reached, 1);
  // From age 0 the child (4, at A2) counts too: activities 1, 3, 4 of 6 = 0.5.
  const all = engagement(c, NOVEMBER, 0);
  assert.deepEqual(all.all.activities, { residents: 6, participated: 3, share: 0.5 });
  assert.equal(all.by_age_band.under_18.activities.participated, 1);
  throwsCode(() => engagement(c, { start: "2026-12-01", end: "2026-11-01" }), "SCORING_INVALID_FIELD", { field: "period.end" });
  throwsCode(() => engagement(c, NOVEMBER, -1), "INVALID_ARGUMENT", { field: "minAge" });
});

// Two items: "belong" and the reverse-scored "leave" (6 − answer).
const ITEMS = [
  { code: "belong", en: "I belong here.", zh: "我属于这里。" },
  { code: "leave", en: "I would move away.", zh: "我会搬走。", reverse: true },
];
// Latest answers in November per respondent (resident 2's of 2 Nov is replaced by 6 Nov's; 5's of
// October is outside): 1 → belong 5, leave 1 → scored [5, 5], mean 5 → 100, knows 4 neighbours;
// 2 → [3, 3] → 50, knows 1; 3 → belong 4, leave 4 → [4, 2], mean 3 → 50, knows 3.
const RESPONSES = [
  { respondent: 2, date: "2026-11-02", answers: { belong: 1, leave: 5 }, neighbours_known: 0 },
  { respondent: 1, date: "2026-11-05", answers: { belong: 5, leave: 1 }, neighbours_known: 4 },
  { respondent: 2, date: "2026-11-06", answers: { belong: 3, leave: 3 }, neighbours_known: 1 },
  { respondent: 3, date: "2026-11-07", answers: { belong: 4, leave: 4 }, neighbours_known: 3 },
  { respondent: 5, date: "2026-10-20", answers: { belong: 1, leave: 5 }, neighbours_known: 9 },
];

test("the identity index on a few responses", () => {
  const c = community();
  const r = identityIndex(c, RESPONSES, NOVEMBER, ITEMS);
  assert.equal(r.respondents, 3);
  // Index: (100 + 50 + 50) / 3 = 66.67.
  close(r.index, 200 / 3, "index");
  // Item means (scored): belong (5 + 3 + 4) / 3 = 4; leave (5 + 3 + 2) / 3 = 10/3.
  close(r.item_means.belong, 4, "belong");
  close(r.item_means.leave, 10 / 3, "leave");
  // Alpha: item variances 1 and 7/3 (sum 10/3), totals 10, 6, 6 with variance 16/3:
  // 2 × (1 − (10/3) / (16/3)) = 0.75.
  close(r.alpha, 0.75, "alpha");
  // Neighbours: 3 answered, 2 know 3 or more (4 and 3): 2/3. With a threshold of 4: 1/3.
  assert.equal(r.neighbours_threshold, 3);
  assert.equal(r.neighbours_answered, 3);
  assert.equal(r.neighbours_known, 2);
  close(r.neighbours_known_share, 2 / 3, "neighbours known");
  assert.equal(identityIndex(c, RESPONSES, NOVEMBER, ITEMS, 4).neighbours_known, 1);
  // No responses in the period: nothing to judge.
  const none = identityIndex(c, RESPONSES, { start: "2026-01-01", end: "2026-02-01" }, ITEMS);
  assert.deepEqual([none.respondents, none.index, none.alpha, none.neighbours_known_share], [0, null, null, null]);

  // The default survey: six items, "leave" reverse-scored; the policy carries the same.
  const items = defaultIdentityItems();
  assert.deepEqual(items.map((i) => i.code), ["belong", "proud", "trust", "help", "care", "leave"]);
  assert.deepEqual(items.filter((i) => i.reverse).map((i) => i.code), ["leave"]);
  assert.deepEqual(defaultScoringPolicy().identity_items, items);
  // Answers are checked against the default items: "belong" and "leave" alone miss "care",
  // "help", "proud" and "trust" (the first in code order is named)…
  throwsCode(() => identityIndex(c, [RESPONSES[1]], NOVEMBER), "SCORING_INVALID_FIELD", { record: "identity response[0]", field: "answers.care" });
  // …an answer outside 1–5, an unknown item, an unknown respondent, a duplicated item code.
  const bad = (answers) => [{ ...RESPONSES[1], answers }];
  throwsCode(() => identityIndex(c, bad({ belong: 6, leave: 1 }), NOVEMBER, ITEMS), "SCORING_INVALID_FIELD", { field: "answers.belong" });
  throwsCode(() => identityIndex(c, bad({ belong: 5, leave: 1, pride: 2 }), NOVEMBER, ITEMS), "SCORING_INVALID_FIELD", { field: "answers.pride" });
  throwsCode(() => identityIndex(c, [{ ...RESPONSES[1], respondent: 99 }], NOVEMBER, ITEMS), "SCORING_UNKNOWN_REFERENCE", { field: "respondent" });
  throwsCode(() => identityIndex(c, RESPONSES, NOVEMBER, [ITEMS[0], ITEMS[0]]), "SCORING_INVALID_FIELD", { field: "identity_items" });
});

test("voice: complaints, suggestions, answer times, repeats, adoption", () => {
  const c = community();
  const v = voice(c, NOVEMBER, NOW);
  // Received in November: complaints F1, F2, F3; suggestions F4, F5, F6.
  assert.deepEqual([v.complaints, v.suggestions], [3, 3]);
  // Judged: answered F1, F2, F4, F5 and overdue F3 = 5; on time F1, F4, F5 = 3 → 0.6.
  assert.deepEqual([v.decided, v.answered_on_time, v.answered_on_time_share], [5, 3, 0.6]);
  // Answer minutes sorted [60, 120, 360, 2880]: nearest rank p50 = 2nd = 120, p90 = 4th = 2880.
  assert.deepEqual([v.p50_answer_minutes, v.p90_answer_minutes], [120, 2880]);
  // Closed F1, F4, F5, each after 2 days.
  assert.deepEqual([v.closed, v.mean_handling_days], [3, 2]);
  // Repeats within 90 days, same resident and matter: F1 (F7, 19 days before), F2 (F1, 17 days) → 2 of 3.
  assert.equal(v.repeat_complaints, 2);
  close(v.repeat_complaint_share, 2 / 3, "repeat share");
  // Suggestions decided F4 (adopted), F5 (not): 1 of 2.
  assert.deepEqual([v.suggestions_decided, v.suggestions_adopted, v.adopted_share], [2, 1, 0.5]);
  assert.deepEqual(v.overdue, [3]);
  assert.equal(v.repeat_window_days, 90);
  // A window of 18 days keeps F2 (17 days after F1) and drops F1 (19 days after F7).
  assert.equal(voice(c, NOVEMBER, NOW, 18).repeat_complaints, 1);
  // Judged on 26 Nov 08:00 instead: F3 is not yet overdue (decided 4, on time 3 → 0.75) and F6 not yet received.
  const earlier = voice(c, NOVEMBER, "2026-11-26T08:00:00");
  assert.deepEqual([earlier.decided, earlier.answered_on_time_share, earlier.suggestions, earlier.overdue.length], [4, 0.75, 2, 0]);
  throwsCode(() => voice(c, NOVEMBER, "2026-11-30T12:00:00Z"), "INVALID_DATE", { field: "now" });
});

test("organisations: activity, members, stars and dormancy", () => {
  const c = community();
  // Dormant after 90 days: no activity from 2 Sep (1 Dec − 90 days) to the period's end.
  const o = organisations(c, NOVEMBER);
  assert.deepEqual(o.rows, [
    // The team's only activity is A3 (15 Aug): dormant; 3A gives priority.
    { provider: 1, kind: "volunteer_team", stars: 3, priority: true, activities: 0, members: 0, dormant: true },
    // The interest group ran A2 in November (1, 3, 4 came).
    { provider: 2, kind: "interest_group", stars: 2, priority: false, activities: 1, members: 3, dormant: false },
    // The owners' committee's only activity is A4 (1 Jun): dormant. The canteen is not listed.
    { provider: 4, kind: "owners_committee", stars: 4, priority: true, activities: 0, members: 0, dormant: true },
  ]);
  assert.equal(o.dormant, 2);
  close(o.dormant_share, 2 / 3, "dormant share");
  assert.deepEqual([o.volunteer_teams, o.volunteer_teams_dormant], [1, 1]);
  // No services: no projects to share out.
  assert.deepEqual([o.projects, o.by_social_and_companies, o.social_share], [0, 0, null]);
  // After 120 days (from 3 Aug), A3 keeps the team active: 1 dormant (the committee).
  const longer = organisations(c, NOVEMBER, 120);
  assert.equal(longer.dormant, 1);
  assert.equal(longer.volunteer_teams_dormant, 0);
  assert.equal(longer.dormant_after_days, 120);
});

test("corrective actions open on an alert and close at the next passing evaluation", () => {
  const v1 = { kind: "volunteer", id: 1 };
  const v2 = { kind: "volunteer", id: 2 };
  const alert = (helper, year, verdict) => ({
    helper, period: { start: `${year}-01-01`, end: `${year + 1}-01-01` }, n: 40, share_satisfied: verdict === "ok" ? 0.8 : 0.5,
    interval: [0.4, 0.6], years_below: 0, verdict,
  });
  // Volunteer 1: below in 2024 (opens), retire in 2025 (escalates), ok in 2026 (closes).
  // Volunteer 2: ok in 2025 (nothing open), below in 2026 (opens, still open). Given out of order.
  const actions = correctiveActions([
    alert(v1, 2026, "ok"), alert(v2, 2026, "correct"), alert(v1, 2024, "correct"), alert(v2, 2025, "ok"), alert(v1, 2025, "retire"),
  ]);
  assert.deepEqual(actions, [
    { helper: v1, opened: { start: "2024-01-01", end: "2025-01-01" }, escalated: true, closed: { start: "2026-01-01", end: "2027-01-01" } },
    { helper: v2, opened: { start: "2026-01-01", end: "2027-01-01" }, escalated: false, closed: null },
  ]);
  assert.deepEqual(correctiveActions([]), []);
  throwsCode(() => correctiveActions([{ helper: v1 }]), "MODEL_JSON");
});

test("the scorecard reads identity responses and reports the new indicators", () => {
  const c = community();
  const policy = { identity_items: ITEMS };
  const card = scorecard(c, { period: NOVEMBER, now: NOW, identity: RESPONSES }, policy);
  assert.equal(card.engagement.all.community_affairs.share, 0.4);
  close(card.identity.index, 200 / 3, "identity");
  assert.equal(card.voice.answered_on_time_share, 0.6);
  assert.equal(card.organisations.dormant, 2);
  assert.deepEqual(card.corrective_actions, []);
  const value = Object.fromEntries(card.index.components.map((x) => [x.indicator, x.value]));
  // Against the targets, capped at 1: affairs and activities 0.4 / 0.6; identity 66.67 / 75;
  // neighbours (2/3) / 0.78; answered on time 0.6 as it is; adopted 0.5 / 0.7.
  close(value.community_affairs, 0.4 / 0.6, "affairs");
  close(value.activity_participation, 0.4 / 0.6, "activities");
  close(value.identity, 200 / 3 / 75, "identity");
  close(value.neighbours_known, 2 / 3 / 0.78, "neighbours");
  close(value.feedback_answered, 0.6, "answered");
  close(value.suggestions_adopted, 0.5 / 0.7, "adopted");
  // Without identity responses the identity indicators are unknown.
  const bare = scorecard(c, { period: NOVEMBER, now: NOW });
  assert.equal(bare.identity.index, null);
  assert.ok(bare.index.missing.includes("identity"));
  // A bad response is refused by the core, naming it; a response that does not read names its path.
  throwsCode(() => scorecard(c, { period: NOVEMBER, now: NOW, identity: [{ ...RESPONSES[1], answers: { belong: 0, leave: 1 } }] }, policy),
    "SCORING_INVALID_FIELD", { record: "identity response[0]", field: "answers.belong" });
  const e = throwsCode(() => scorecard(c, { period: NOVEMBER, now: NOW, identity: [{ respondent: 1 }] }, policy), "MODEL_JSON");
  assert.match(e.field, /^inputs\.identity/);
  // The policy's new settings are read and checked by the core.
  const p = defaultScoringPolicy();
  assert.deepEqual(
    [p.participation_min_age, p.community_affairs_target, p.activity_target, p.identity_target, p.neighbours_threshold,
      p.neighbours_known_target, p.suggestions_adopted_target, p.repeat_complaint_days, p.dormant_after_days],
    [18, 0.6, 0.6, 75, 3, 0.78, 0.7, 90, 90]);
  throwsCode(() => scorecard(c, { period: NOVEMBER, now: NOW }, { identity_target: 120 }), "SCORING_INVALID_FIELD", { setting: "identity_target" });
});

test("a 3A organisation's service is preferred among equals (priority_discount)", () => {
  // Two identical cleaning services at the resident's door: service#1 of a 5-star company
  // (companies are not graded: no priority), service#2 of a 3A social organisation, which costs
  // the default priority_discount of 30 less and gets the need; with the discount at 0 the two
  // are equal and the lower id wins.
  const home = { lat: 31.23, lon: 121.47 };
  const slot = ["Mon", "Tue", "Wed", "Thu", "Fri"].map((weekday) => ({ weekday, opens: "08:00:00", closes: "20:00:00" }));
  const service = (id, provider) => ({
    id, provider, name: `Cleaning ${id}`, categories: ["elder.cleaning"], location: home, radius_m: 500,
    schedule: slot, capacity_per_week: 10, fee: { tier: "free" }, mode: "door_to_door",
  });
  const c = Community.fromJson(JSON.stringify({
    format: "huzhu.community", version: 1, name: "Priority lane",
    providers: [{ id: 1, name: "Company", kind: "company", stars: 5 }, { id: 2, name: "Agency", kind: "social_organisation", stars: 3 }],
    residents: [{ id: 1, birth_date: "1951-01-01", household: "with_family", self_care: "full", home, grid: 1 }],
    services: [service(1, 1), service(2, 2)],
    needs: [{ id: 1, resident: 1, category: "elder.cleaning", urgency: "general", created_at: "2026-11-23T08:00:00",
      windows: [{ start: "2026-11-24T10:00:00", end: "2026-11-24T12:00:00" }], duration_minutes: 60, place: { kind: "home" } }],
  }));
  const [a] = c.match("2026-11-23T08:00:00").assignments;
  assert.deepEqual([a.helper, a.cost.priority], [{ kind: "service", id: 2 }, 30]);
  const [b] = c.match("2026-11-23T08:00:00", { priority_discount: 0 }).assignments;
  assert.deepEqual([b.helper, b.cost.priority], [{ kind: "service", id: 1 }, 0]);
});
