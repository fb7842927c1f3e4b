// Visit rounds (huzhu::routing) through the package: the hand-worked cases of
// core/tests/routing_rounds.rs with their exact outputs, every stop of every plan checked here
// from the definition (great-circle distance in whole metres × the detour, at the server's
// speed; visits inside a window and the shift), the GeoJSON, re-planning, bad input named by
// record and field, and the same plan for the same input.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { planRounds, replanRounds, roundsGeoJson, defaultRoundsPolicy } from "../../pkg/node.js";
import { root, thrown } from "./helpers.mjs";

// ---- The definition, written out here (nothing below calls the package) ----------------------

const EARTH_RADIUS_M = 6_371_008.8;
const SPEED = { walking: 75, cycling: 200, e_bike: 300 }; // metres a minute
const rad = (deg) => deg * (Math.PI / 180);

/** Great-circle (haversine) distance in whole metres. */
function metres(a, b) {
  const dlat = rad(b.lat) - rad(a.lat);
  const dlon = rad(b.lon - a.lon);
  const h = Math.sin(dlat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dlon / 2) ** 2;
  return Math.round(2 * EARTH_RADIUS_M * Math.asin(Math.min(Math.sqrt(h), 1)));
}

/** Seconds from `a` to `b`: street metres (great circle × detour) at the mode's speed, rounded up. */
const travel = (a, b, mode, detourPercent) => Math.ceil((metres(a, b) * (detourPercent / 100)) / (SPEED[mode ?? "walking"] / 60));

/** Seconds since 1970 of a local date-time (the wall clock, read as if it were UTC). */
const secs = (local) => {
  assert.match(local, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/, "times are written YYYY-MM-DDTHH:MM:SS");
  return Date.parse(`${local}Z`) / 1000;
};

/**
 * Checks every round of `plan` against the definition and returns the planned visit ids: each
 * arrival is the previous end (the departure, for the first stop) plus the leg's travel; a
 * visit starts on or after its arrival, inside one of its windows, and lasts its minutes; the
 * round lies inside its shift and its working-time limit; skills and required servers hold;
 * travel minutes add up; every visit is planned once or listed as unplanned.
 */
function check(plan, visits, workers, policy = {}) {
  const detour = policy.detour_percent ?? 130;
  const byId = new Map(visits.map((v) => [v.id, v]));
  const planned = [];
  let total = 0;
  for (const r of plan.rounds) {
    const w = workers.find((x) => x.server === r.server);
    assert.ok(w, `${r.server} is a known server`);
    const shift = w.shifts[r.shift];
    assert.ok(secs(r.depart) >= secs(shift.start) && secs(r.back) <= secs(shift.end), `${r.server} shift ${r.shift} outside its shift`);
    if (w.max_minutes_per_shift != null) assert.ok(secs(r.back) - secs(r.depart) <= w.max_minutes_per_shift * 60, `${r.server} works too long`);
    assert.ok(r.stops.length > 0, "a round has stops");
    let at = w.start;
    let ready = secs(r.depart);
    let seconds = 0;
    for (const s of r.stops) {
      const v = byId.get(s.visit);
      assert.ok(v, `visit ${s.visit} is known`);
      const leg = travel(at, v.place, w.mode, detour);
      seconds += leg;
      assert.equal(secs(s.arrive), ready + leg, `visit ${v.id} arrival`);
      assert.ok(secs(s.start) >= secs(s.arrive), `visit ${v.id} starts before it is reached`);
      assert.equal(secs(s.end) - secs(s.start), v.minutes * 60, `visit ${v.id} length`);
      const windows = v.windows ?? [];
      assert.ok(windows.length === 0 || windows.some((x) => secs(s.start) >= secs(x.start) && secs(s.end) <= secs(x.end)),
        `visit ${v.id} at ${s.start} outside its windows`);
      assert.ok((v.skills ?? []).every((k) => (w.skills ?? []).includes(k)), `visit ${v.id} skills`);
      assert.ok(v.required == null || v.required === r.server, `visit ${v.id} is ${v.required}'s`);
      ready = secs(s.end);
      at = v.place;
      planned.push(v.id);
    }
    const home = travel(at, w.end, w.mode, detour);
    seconds += home;
    assert.equal(secs(r.back), ready + home, `${r.server} back`);
    assert.equal(r.travel_minutes, Math.round(seconds / 60), `${r.server} travel minutes`);
    total += seconds;
  }
  assert.equal(plan.travel_minutes, Math.round(total / 60), "travel minutes in all");
  const all = [...planned, ...plan.unplanned.map(([id]) => id)].sort((a, b) => a - b);
  assert.deepEqual(all, visits.map((v) => v.id).sort((a, b) => a - b), "every visit planned once or unplanned");
  return planned;
}

/** Checks the GeoJSON against the plan: a LineString per round, start → stops → end, then a Point per stop. */
function checkGeoJson(g, plan, visits, workers) {
  const lonLat = (p) => [p.lon, p.lat];
  const place = (id) => visits.find((v) => v.id === id).place;
  assert.equal(g.type, "FeatureCollection");
  const lines = g.features.filter((f) => f.geometry.type === "LineString");
  const points = g.features.filter((f) => f.geometry.type === "Point");
  assert.equal(lines.length, plan.rounds.length, "one LineString per round");
  assert.equal(points.length, plan.rounds.reduce((n, r) => n + r.stops.length, 0), "one Point per stop");
  assert.equal(lines.length + points.length, g.features.length);
  for (const [i, r] of plan.rounds.entries()) {
    const w = workers.find((x) => x.server === r.server);
    const line = lines[i];
    assert.deepEqual(line.geometry.coordinates, [lonLat(w.start), ...r.stops.map((s) => lonLat(place(s.visit))), lonLat(w.end)]);
    assert.deepEqual(line.properties, {
      server: r.server, shift: r.shift, depart: r.depart, back: r.back, travel_minutes: r.travel_minutes, visits: r.stops.map((s) => s.visit),
    });
    const stops = points.filter((p) => p.properties.server === r.server && p.properties.shift === r.shift);
    assert.deepEqual(stops.map((p) => p.properties), r.stops.map((s, k) => ({ server: r.server, shift: r.shift, order: k + 1, ...s })));
    assert.deepEqual(stops.map((p) => p.geometry.coordinates), r.stops.map((s) => lonLat(place(s.visit))));
  }
}

// ---- The cases of core/tests/routing_rounds.rs ----------------------------------------------

const CENTRE = { lat: 31.2, lon: 121.5 };
/** The point `north` and `east` metres from `p` (small offsets; only for building inputs). */
const offset = (p, north, east) => ({
  lat: p.lat + (north / EARTH_RADIUS_M) * (180 / Math.PI),
  lon: p.lon + (east / (EARTH_RADIUS_M * Math.cos(rad(p.lat)))) * (180 / Math.PI),
});
const t = (day, h, m) => `2026-12-${String(day).padStart(2, "0")}T${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}:00`;
const w = (start, end) => ({ start, end });
const visit = (id, north, east, minutes, windows) => ({ id, source: { contact: id }, place: offset(CENTRE, north, east), minutes, windows });
const worker = (id, shifts, mode = "walking") => ({ server: `worker#${id}`, start: CENTRE, end: CENTRE, shifts, mode });

test("a lunch break splits a window, and the e-bike goes further: 13 minutes each way, the visit at 13:30", () => {
  // 3 km east: 3,900 m of streets, 52 minutes' walk each way, 13 minutes by e-bike (300 m a minute).
  const far = visit(1, 0, 3000, 60, [w(t(8, 9, 0), t(8, 11, 30)), w(t(8, 13, 30), t(8, 16, 0))]);
  assert.equal(metres(CENTRE, far.place), 3000);
  assert.equal(travel(CENTRE, far.place, "walking", 130), 52 * 60);
  assert.equal(travel(CENTRE, far.place, "e_bike", 130), 13 * 60);
  const walker = worker(1, [w(t(8, 9, 0), t(8, 11, 0))]);
  const rider = { ...worker(2, [w(t(8, 13, 0), t(8, 17, 0))], "e_bike"), server: "volunteer#2" };
  const plan = planRounds([far], [walker, rider]);
  check(plan, [far], [walker, rider]);
  // The walker cannot be back by 11:00 (52 + 60 + 52 minutes); the rider leaves at 13:17 to
  // arrive as the afternoon window opens.
  assert.deepEqual(plan, {
    rounds: [{
      server: "volunteer#2", shift: 0, depart: "2026-12-08T13:17:00",
      stops: [{ visit: 1, arrive: "2026-12-08T13:30:00", start: "2026-12-08T13:30:00", end: "2026-12-08T14:30:00" }],
      back: "2026-12-08T14:43:00", travel_minutes: 26,
    }],
    unplanned: [],
    travel_minutes: 26,
  });
});

test("the known worker keeps a resident unless it costs too much: kept at continuity 20, not at 10; a required worker always", () => {
  // The home is 400 m east of the centre: 500 m from worker 1 (100 m west), 100 m from worker 2 (500 m east).
  const home = visit(1, 0, 400, 30, []);
  const at = (east, id) => ({ ...worker(id, [w(t(8, 9, 0), t(8, 12, 0))]), start: offset(CENTRE, 0, east), end: offset(CENTRE, 0, east) });
  const workers = [at(-100, 1), at(500, 2)];
  assert.equal(metres(workers[0].start, home.place), 500);
  assert.equal(metres(workers[1].start, home.place), 100);
  const known = { ...home, preferred: "worker#1" };
  // Worker 1: 500 m × 1.3 at 75 m a minute is 520 s each way (17.3 minutes in all); worker 2:
  // 104 s (3.5 minutes). 13.9 minutes more, below the 20 continuity is worth.
  const one = {
    rounds: [{
      server: "worker#1", shift: 0, depart: "2026-12-08T09:00:00",
      stops: [{ visit: 1, arrive: "2026-12-08T09:08:40", start: "2026-12-08T09:08:40", end: "2026-12-08T09:38:40" }],
      back: "2026-12-08T09:47:20", travel_minutes: 17,
    }],
    unplanned: [],
    travel_minutes: 17,
  };
  const kept = planRounds([known], workers);
  check(kept, [known], workers);
  assert.deepEqual(kept, one);
  // At 10 minutes, continuity is not worth the walk.
  const policy = { continuity_minutes: 10 };
  const moved = planRounds([known], workers, policy);
  check(moved, [known], workers, policy);
  assert.deepEqual(moved, {
    rounds: [{
      server: "worker#2", shift: 0, depart: "2026-12-08T09:00:00",
      stops: [{ visit: 1, arrive: "2026-12-08T09:01:44", start: "2026-12-08T09:01:44", end: "2026-12-08T09:31:44" }],
      back: "2026-12-08T09:33:28", travel_minutes: 3,
    }],
    unplanned: [],
    travel_minutes: 3,
  });
  // A required worker is kept whatever the cost.
  assert.deepEqual(planRounds([{ ...home, required: "worker#1" }], workers, policy), one);
});

test("each unplanned visit says why: no skilled server, window unreachable, outcompeted by the emergencies", () => {
  const morning = [w(t(8, 9, 0), t(8, 12, 0))];
  const legal = { ...visit(1, 300, 0, 30, morning), skills: ["legal"] };
  const early = visit(2, 300, 0, 30, [w(t(8, 6, 0), t(8, 7, 0))]);
  const general = visit(8, 100, 0, 35, morning);
  const emergencies = [3, 4, 5, 6, 7].map((id) => ({ ...visit(id, 100, 0, 35, morning), urgency: "emergency" }));
  const visits = [legal, early, general, ...emergencies];
  const workers = [worker(1, morning)];
  const plan = planRounds(visits, workers);
  const planned = check(plan, visits, workers);
  assert.deepEqual(planned.sort(), [3, 4, 5, 6, 7], "five 35-minute emergencies fit in three hours, a sixth visit does not");
  assert.deepEqual(Object.fromEntries(plan.unplanned), {
    1: { reason: "no_skilled_server" },
    2: { reason: "window_unreachable" },
    8: { reason: "outcompeted", by: [3, 4, 5, 6, 7], server: "worker#1" },
  });
});

test("a week of shifts keeps each visit on its day; the GeoJSON has one LineString per round, start → stops → end in [lon, lat]", () => {
  const visits = [1, 2, 3, 4, 5, 6].map((id) => {
    const day = 7 + (id % 3);
    return visit(id, 200 * id, 0, 45, [w(t(day, 9, 0), t(day, 12, 0))]);
  });
  const workers = [worker(1, [7, 8, 9].map((d) => w(t(d, 9, 0), t(d, 12, 0))))];
  const plan = planRounds(visits, workers);
  assert.equal(check(plan, visits, workers).length, 6);
  assert.deepEqual(plan.rounds.map((r) => r.shift), [0, 1, 2], "one round a day");
  for (const r of plan.rounds) {
    assert.deepEqual(r.stops.map((s) => s.visit).sort(), [[3, 6], [1, 4], [2, 5]][r.shift], "each visit on its day");
  }
  const g = roundsGeoJson(plan, visits, workers);
  checkGeoJson(g, plan, visits, workers);
  assert.equal(g.features.length, 3 + 6);
  assert.deepEqual(g.features[0].geometry.coordinates[0], [121.5, 31.2]);
  assert.equal(g.features[0].geometry.coordinates.length, 4);
  assert.equal(g.features[1].geometry.type, "Point");
  assert.equal(g.features[1].properties.order, 1);
});

test("re-planning after a sick worker keeps the others' visits where they were", () => {
  const day = [w(t(8, 9, 0), t(8, 16, 0))];
  const visits = Array.from({ length: 12 }, (_, i) => visit(i + 1, 150 * ((i + 1) % 4), 150 * Math.floor((i + 1) / 4), 30, day));
  const workers = [1, 2, 3].map((i) => worker(i, day));
  const before = planRounds(visits, workers);
  check(before, visits, workers);
  const sick = before.rounds[0].server;
  const others = workers.filter((x) => x.server !== sick);
  const after = replanRounds(before, visits, others);
  assert.equal(check(after, visits, others).length, 12, "two workers take all twelve");
  assert.ok(after.rounds.every((r) => r.server !== sick));
  for (const r of before.rounds.filter((x) => x.server !== sick)) {
    const now = after.rounds.find((a) => a.server === r.server);
    assert.ok(now, `${r.server} still walks`);
    for (const s of r.stops) assert.ok(now.stops.some((n) => n.visit === s.visit), `visit ${s.visit} left ${r.server}`);
  }
  // Nothing changed: the same plan back.
  assert.deepEqual(replanRounds(before, visits, workers), before);
});

// ---- A richer day: the native fixture's input ------------------------------------------------

const fixtures = process.env.HUZHU_NATIVE_FIXTURES ?? `${root}target/wasm/fixtures`;
// Written by the native fixtures (test.mk runs them first); read when a test needs it.
let input;
const dayInput = () => (input ??= JSON.parse(readFileSync(`${fixtures}/rounds-input.json`, "utf8")));

test("a day of 36 visits, three walking workers and two volunteers (cycling, e-bike with a limit): every stop by the definition", () => {
  const day = dayInput();
  const plan = planRounds(day.visits, day.workers, day.policy);
  const planned = check(plan, day.visits, day.workers, day.policy);
  assert.ok(planned.length >= 30, `${planned.length} planned`);
  assert.ok(new Set(plan.rounds.map((r) => r.server)).size === 5, "everyone walks or rides");
  checkGeoJson(roundsGeoJson(plan, day.visits, day.workers), plan, day.visits, day.workers);
  // Re-planned with worker 2 off sick, visit 1 cancelled and an emergency added: still by the
  // definition, the emergency planned, and nobody's visit moved to another round needlessly.
  const { visits, workers } = day.replan;
  const after = replanRounds(plan, visits, workers, day.policy);
  const again = check(after, visits, workers, day.policy);
  assert.ok(again.includes(37), "the emergency is planned");
  assert.ok(after.rounds.every((r) => r.server !== "worker#2"));
  for (const [id, why] of after.unplanned) {
    assert.notEqual(visits.find((v) => v.id === id).urgency, "emergency", `emergency ${id} unplanned: ${why.reason}`);
  }
  // Every setting named by the core; a different seed still keeps to the definition.
  const other = planRounds(day.visits, day.workers, { seed: 99, iterations: 300 });
  check(other, day.visits, day.workers);
});

test("the same inputs give the same plan, re-plan and GeoJSON", () => {
  const day = dayInput();
  const a = planRounds(day.visits, day.workers, day.policy);
  const b = planRounds(structuredClone(day.visits), structuredClone(day.workers), { ...day.policy });
  assert.equal(JSON.stringify(a), JSON.stringify(b));
  const { visits, workers } = day.replan;
  assert.equal(JSON.stringify(replanRounds(a, visits, workers, day.policy)), JSON.stringify(replanRounds(b, visits, workers, day.policy)));
  assert.equal(JSON.stringify(roundsGeoJson(a, day.visits, day.workers)), JSON.stringify(roundsGeoJson(b, day.visits, day.workers)));
  // The seed is the policy's: the default plan is the one with seed 1.
  const few = day.visits.slice(0, 12);
  assert.deepEqual(planRounds(few, day.workers), planRounds(few, day.workers, { seed: 1 }));
});

test("the default policy, and an empty plan", () => {
  assert.deepEqual(defaultRoundsPolicy(), {
    detour_percent: 130, continuity_minutes: 20, stability_minutes: 30, keep_times_minutes: null, iterations: 2000, seed: 1,
  });
  assert.deepEqual(planRounds([], []), { rounds: [], unplanned: [], travel_minutes: 0 });
  assert.deepEqual(planRounds([], [], null), planRounds([], [], {}));
  assert.deepEqual(roundsGeoJson({ rounds: [], unplanned: [], travel_minutes: 0 }, [], []), { type: "FeatureCollection", features: [] });
  // A visit nobody can make: no servers at all.
  assert.deepEqual(planRounds([visit(1, 0, 0, 30, [])], []).unplanned, [[1, { reason: "no_skilled_server" }]]);
});

// ---- Bad input ------------------------------------------------------------------------------

test("bad input is a HuzhuError naming the record and field, never a trap", () => {
  const ok = visit(1, 0, 0, 30, []);
  const one = [worker(1, [w(t(8, 9, 0), t(8, 12, 0))])];
  const cases = [
    // [what, call, code, record, field]
    ["a visit id used twice", () => planRounds([ok, ok], one), "ROUNDS_INVALID", "visit 1", "id"],
    ["a visit of 0 minutes", () => planRounds([{ ...ok, minutes: 0 }], one), "ROUNDS_INVALID", "visit 1", "minutes"],
    ["a window shorter than the visit", () => planRounds([{ ...ok, windows: [w(t(8, 9, 0), t(8, 9, 20))] }], one), "ROUNDS_INVALID", "visit 1", "windows[0]"],
    ["latitude 91", () => planRounds([{ ...ok, place: { lat: 91, lon: 0 } }], one), "ROUNDS_INVALID", "visit 1", "place.lat"],
    ["longitude -181 at a start", () => planRounds([ok], [{ ...one[0], start: { lat: 0, lon: -181 } }]), "ROUNDS_INVALID", "worker#1", "start.lon"],
    ["a shift ending before it starts", () => planRounds([ok], [worker(1, [w(t(8, 12, 0), t(8, 9, 0))])]), "ROUNDS_INVALID", "worker#1", "shifts[0]"],
    ["a server listed twice", () => planRounds([ok], [one[0], one[0]]), "ROUNDS_INVALID", "worker#1", "server"],
    ["a detour below 100%", () => planRounds([ok], one, { detour_percent: 90 }), "ROUNDS_INVALID", "rounds policy", "detour_percent"],
    ["no iterations", () => planRounds([ok], one, { iterations: 0 }), "ROUNDS_INVALID", "rounds policy", "iterations"],
    ["an unknown field", () => planRounds([{ ...ok, colour: "red" }], one), "MODEL_JSON", undefined, "visits[0].colour"],
    ["an unknown server field", () => planRounds([ok], [{ ...one[0], car: true }]), "MODEL_JSON", undefined, "workers[0].car"],
    ["an unknown policy setting", () => planRounds([ok], one, { detour: 120 }), "MODEL_JSON", undefined, "policy.detour"],
    ["a server that is a resident", () => planRounds([ok], [{ ...one[0], server: "resident#3" }]), "MODEL_JSON", undefined, "workers[0].server"],
    ["a preferred server that is a resident", () => planRounds([{ ...ok, preferred: "resident#3" }], one), "MODEL_JSON", undefined, "visits[0].preferred"],
    ["a time with a UTC offset", () => planRounds([{ ...ok, windows: [w("2026-12-08T09:00:00+08:00", t(8, 12, 0))] }], one), "MODEL_JSON", undefined, "visits[0].windows[0].start"],
    ["a shift in UTC (Z)", () => planRounds([ok], [worker(1, [w(t(8, 9, 0), "2026-12-08T12:00:00Z")])]), "MODEL_JSON", undefined, "workers[0].shifts[0].end"],
    ["a JS Date in a window (written in UTC by JSON)", () => planRounds([{ ...ok, windows: [w(new Date(2026, 11, 8, 9), t(8, 12, 0))] }], one), "MODEL_JSON", undefined, "visits[0].windows[0].start"],
    ["a negative id", () => planRounds([{ ...ok, id: -1 }], one), "MODEL_JSON", undefined, "visits[0].id"],
    ["a fractional id", () => planRounds([{ ...ok, id: 1.5 }], one), "MODEL_JSON", undefined, "visits[0].id"],
    ["an id above u32", () => planRounds([{ ...ok, id: 2 ** 32 }], one), "MODEL_JSON", undefined, "visits[0].id"],
    ["a NaN latitude", () => planRounds([{ ...ok, place: { lat: NaN, lon: 0 } }], one), "MODEL_JSON", undefined, "visits[0].place.lat"],
    ["an unknown mode", () => planRounds([ok], [{ ...one[0], mode: "car" }]), "MODEL_JSON", undefined, "workers[0].mode"],
    ["an unknown urgency", () => planRounds([{ ...ok, urgency: "soon" }], one), "MODEL_JSON", undefined, "visits[0].urgency"],
    ["visits that are not a list", () => planRounds("visits", one), "MODEL_JSON", undefined, "visits"],
    ["no visits at all", () => planRounds(undefined, one), "MODEL_JSON", undefined, "visits"],
    ["no workers at all", () => planRounds([ok], null), "MODEL_JSON", undefined, "workers"],
    ["a previous plan that is not one", () => replanRounds({ rounds: 5 }, [ok], one), "MODEL_JSON", undefined, "previous.rounds"],
    ["a previous round of a resident", () => replanRounds({ rounds: [{ server: "resident#1", shift: 0, depart: t(8, 9, 0), stops: [], back: t(8, 9, 0), travel_minutes: 0 }], unplanned: [], travel_minutes: 0 }, [ok], one),
      "MODEL_JSON", undefined, "previous.rounds[0].server"],
    ["rounds for GeoJSON that are not", () => roundsGeoJson([], [ok], one), "MODEL_JSON", undefined, "rounds"],
    ["a duplicate id in a re-plan", () => replanRounds(planRounds([ok], one), [ok, ok], one), "ROUNDS_INVALID", "visit 1", "id"],
  ];
  for (const [what, call, code, record, field] of cases) {
    const e = thrown(call);
    assert.equal(e.name, "HuzhuError", `${what}: ${e.name} ${e.message}`);
    assert.equal(e.code, code, `${what}: ${e.message}`);
    assert.equal(e.record, record, `${what}: record of ${e.message}`);
    assert.equal(e.field, field, `${what}: field of ${e.message}`);
  }
  // A policy setting is named as the setting too.
  assert.equal(thrown(() => planRounds([ok], one, { detour_percent: 90 })).setting, "detour_percent");
  assert.equal(thrown(cases[0][1]).setting, undefined);
  // The messages are the core's.
  assert.equal(thrown(cases[0][1]).message, "visit 1: id is used twice");
  assert.match(thrown(cases[12][1]).message, /"resident#3" is not a server like worker#3 or volunteer#12/);
  // After all that, the module still plans.
  assert.equal(planRounds([ok], one).rounds.length, 1);
});
