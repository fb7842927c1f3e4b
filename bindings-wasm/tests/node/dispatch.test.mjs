// The phone baseline beside huzhu's matcher (compareDispatchers, replayDispatch): the hand-worked
// cases of core/tests/dispatch.rs, and bad settings named.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Community, compareDispatchers, replayDispatch } from "../../pkg/node.js";
import { throwsCode, thrown } from "./helpers.mjs";

const NORTH_PER_M = 1 / 111195;
const at = (day, h, m = 0) => `2026-11-${String(23 + day).padStart(2, "0")}T${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}:00`;
const daily = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].map((weekday) => ({ weekday, opens: "08:00:00", closes: "20:00:00" }));

function community(volunteers, needs) {
  const c = new Community("hand-worked");
  c.addResident({ id: 1, birth_date: "1950-01-01", household: "with_family", self_care: "full", home: { lat: 31.23, lon: 121.47 }, grid: 1 });
  for (const v of volunteers) {
    c.addVolunteer({ id: v.id, home: { lat: 31.23 + v.metres * NORTH_PER_M, lon: 121.47 }, skills: v.skills ?? [], availability: daily, minutes_per_week: 60 * v.tasks, max_travel_m: 1200, tier: "ordinary" });
  }
  for (const n of needs) {
    c.addNeed({
      id: n.id, resident: 1, category: "elder.meals", urgency: n.urgency ?? "general", created_at: n.created,
      windows: [{ start: n.from, end: n.to }], duration_minutes: 60, place: { kind: "home" }, required_skills: n.skills ?? [],
    });
  }
  return c;
}

test("first come, first served loses what the matcher keeps", () => {
  const c = community(
    [{ id: 1, metres: 100, tasks: 1, skills: ["nursing"] }, { id: 2, metres: 600, tasks: 1 }],
    [
      { id: 1, created: at(0, 7), from: at(0, 9), to: at(0, 12) },
      { id: 2, created: at(0, 7, 30), from: at(0, 9), to: at(0, 12), skills: ["nursing"] },
    ],
  );
  const { phone, matcher } = compareDispatchers(c, { start: "2026-11-23", days: 1 });
  assert.deepEqual([phone.summary.served, phone.summary.match_rate], [1, 0.5]);
  assert.deepEqual([matcher.summary.served, matcher.summary.match_rate], [2, 1]);
  assert.deepEqual([phone.summary.travel_m, matcher.summary.travel_m, matcher.summary.mean_travel_m], [100, 700, 350]);
  // Loads [1, 0]: Gini 0.5; [1, 1]: 0.
  assert.deepEqual([phone.summary.volunteer_load_gini, matcher.summary.volunteer_load_gini], [0.5, 0]);
  const second = phone.outcomes.find((o) => o.need === 2);
  assert.equal(second.fate, "expired");
  assert.equal(second.expired_at, "2026-11-23T12:00:00");
  assert.equal(second.why.kind, "unserved");
  assert.deepEqual(second.why.taken_by, [1]);
  assert.deepEqual(phone.outcomes.find((o) => o.need === 1).booking.helper, { kind: "volunteer", id: 1 });
});

test("the phone books late because it does not book ahead", () => {
  const c = community([{ id: 1, metres: 100, tasks: 3 }], [{ id: 1, created: at(0, 8), from: at(2, 9), to: at(2, 12) }]);
  // A Date start counts by its local day.
  const { phone, matcher } = compareDispatchers(c, { start: new Date(2026, 10, 23) });
  const [p, m] = [phone.outcomes[0], matcher.outcomes[0]];
  assert.equal(m.deadline, "2026-11-24T08:00:00");
  assert.deepEqual([m.booking.at, m.on_time], ["2026-11-23T08:00:00", true]);
  assert.deepEqual([p.booking.at, p.on_time], ["2026-11-25T08:00:00", false]);
  assert.equal(phone.summary.median_response_minutes, 2880);
  assert.equal(phone.runs.length, 49);
  assert.deepEqual(phone.runs[14].booked, [1]);
  assert.equal(phone.runs[13].waiting, 1);
});

test("expired and no candidate are told apart, the same with either dispatcher", () => {
  const c = community(
    [{ id: 1, metres: 100, tasks: 3 }],
    [
      { id: 1, created: at(0, 8, 30), from: at(0, 8, 45), to: at(0, 9, 45) },
      { id: 2, created: at(0, 8, 30), from: at(0, 14), to: at(0, 16), skills: ["legal"], urgency: "emergency" },
    ],
  );
  for (const d of ["phone", "matcher"]) {
    const r = replayDispatch(c, d, { start: "2026-11-23", days: 1 });
    assert.equal(r.dispatcher, d);
    assert.deepEqual([r.outcomes[0].fate, r.outcomes[0].why], ["expired", null]);
    assert.deepEqual([r.outcomes[1].fate, r.outcomes[1].why.kind], ["no_candidate", "no_candidate"]);
    const s = r.summary;
    assert.deepEqual([s.expired, s.no_candidate, s.emergency_served, s.emergency_needs, s.match_rate], [1, 1, 0, 1, 0]);
  }
});

test("an empty community has no data, not a score", () => {
  const { phone, matcher } = compareDispatchers(community([], []), { start: "2026-11-23", days: 1 });
  for (const s of [phone.summary, matcher.summary]) {
    assert.equal(s.needs, 0);
    for (const k of ["match_rate", "on_time_rate", "special_rate", "emergency_rate", "mean_travel_m", "median_response_minutes", "volunteer_load_gini"]) {
      assert.equal(s[k], null, k);
    }
  }
});

test("bad times and arguments are named, never a trap", () => {
  const c = community([], []);
  for (const [times, field] of [
    [{ start: "2026-11-23", every_minutes: 0 }, "every_minutes"],
    [{ start: "2026-11-23", days: 0 }, "days"],
    [{ start: "2026-11-23", last: "07:00" }, "last"],
    [{ start: "2026-11-23", last: "23:59:60" }, "last"],
    [{ start: "2026-11-23", every: 60 }, "every"],
    [{}, "start"],
  ]) {
    throwsCode(() => compareDispatchers(c, times), "MODEL_INVALID_FIELD", { record: "dispatch times", field });
  }
  throwsCode(() => compareDispatchers(c, "2026-11-23"), "INVALID_ARGUMENT", { field: "times" });
  throwsCode(() => replayDispatch(c, "fax", { start: "2026-11-23" }), "INVALID_ARGUMENT", { field: "dispatcher" });
  assert.equal(thrown(() => compareDispatchers(c, { start: "2026-11-23" }, { travel_per_minute: "fast" })).name, "HuzhuError");
});
