import { test } from "node:test";
import assert from "node:assert/strict";
import { Community, version } from "../../pkg/node.js";
import { exampleJson, throwsCode } from "./helpers.mjs";

test("version is the crate's", () => {
  assert.match(version(), /^\d+\.\d+\.\d+/);
});

test("fromJson / toJson round trip, counts, name, getters", () => {
  const c = Community.fromJson(exampleJson);
  assert.equal(c.name, "Plum Blossom Lane 梅花里");
  assert.deepEqual(c.counts, { residents: 3, needs: 3, volunteers: 2, services: 2, providers: 2, workers: 0, care_files: 0, contacts: 0 });
  const again = Community.fromJson(c.toJson());
  assert.equal(again.toJson(), c.toJson());
  const snap = c.toSnapshot();
  assert.equal(snap.format, "huzhu.community");
  assert.equal(Community.fromSnapshot(snap).toJson(), c.toJson());
  assert.equal(c.resident(1).household, "lives_alone");
  assert.equal(c.need(2).windows.length, 2);
  assert.equal(c.volunteer(2).tier, "professional");
  assert.equal(c.service(1).fee.tier, "low_cost");
  assert.equal(c.need(99), undefined);
  assert.deepEqual(c.needLocation(1), c.resident(1).home);
  assert.equal(c.residents().length, 3);
  assert.equal(c.needs().length, 3);
  assert.equal(c.volunteers().length, 2);
  assert.equal(c.services().length, 2);
  assert.equal(c.providers().length, 2);
});

test("build from plain objects; records are checked on entry", () => {
  const c = new Community("Demo street");
  const home = { lat: 31.23, lon: 121.47 };
  c.addResident({ id: 1, birth_date: "1940-05-01", home, grid: 1, household: "lives_alone", self_care: "partial", groups: ["elderly_living_alone"] });
  c.addProvider({ id: 1, name: "Canteen", kind: "canteen" });
  c.addService({
    id: 1, provider: 1, name: "Lunch", categories: ["elder.meals"], location: home, radius_m: 500,
    schedule: [{ weekday: "Tue", opens: "11:00:00", closes: "13:00:00" }], capacity_per_week: 10, fee: { tier: "free" }, mode: "at_facility",
  });
  c.addVolunteer({ id: 1, home: { lat: 31.231, lon: 121.47 }, availability: [{ weekday: "Tue", opens: "09:00:00", closes: "12:00:00" }], minutes_per_week: 240, max_travel_m: 1500 });
  c.addNeed({
    id: 1, resident: 1, category: "elder.cleaning", urgency: "general", created_at: "2026-11-24T08:00:00",
    windows: [{ start: "2026-11-24T10:00:00", end: "2026-11-24T12:00:00" }], duration_minutes: 60, place: { kind: "home" },
  });
  assert.deepEqual(c.counts, { residents: 1, needs: 1, volunteers: 1, services: 1, providers: 1, workers: 0, care_files: 0, contacts: 0 });
  c.setNeedStatus(1, "matched");
  assert.equal(c.need(1).status, "matched");
  const removed = c.removeNeed(1);
  assert.equal(removed.id, 1);
  assert.equal(c.counts.needs, 0);
  const copy = c.clone();
  copy.addResident({ id: 2, birth_date: "1950-01-01", home, grid: 1, household: "with_family", self_care: "full" });
  assert.equal(c.counts.residents, 1);
  assert.equal(copy.counts.residents, 2);
  throwsCode(() => c.addResident({ id: 3, birth_date: "1950-01-01", home: { lat: 91, lon: 0 }, grid: 1, household: "with_family", self_care: "full" }),
    "MODEL_INVALID_FIELD", { record: "resident#3", field: "home.lat" });
});
