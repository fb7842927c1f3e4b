import { test } from "node:test";
import assert from "node:assert/strict";
import { Community, importHsds } from "../../pkg/node.js";
import { exampleJson, TUESDAY_8, throwsCode } from "./helpers.mjs";

const GOOD = {
  id: "s-good", name: "Lunch club", status: "active",
  organization: { id: "o1", name: "Street office" },
  attributes: [{ id: "a1", taxonomy_term: { id: "t1", code: "meals", name: "Meals" } }],
  service_at_locations: [{
    id: "sal-b", location: { id: "l1", latitude: 31.23, longitude: 121.47 },
    schedules: [{ id: "sc1", freq: "MONTHLY", byday: "2MO,-1FR", dtstart: "2026-01-01", opens_at: "09:00", closes_at: "11:00" }],
  }],
};
const BAD = {
  id: "s-bad", name: "Night walk", status: "paused", organization_id: "o1",
  service_at_locations: [{ id: "sal-a", location: { id: "l2", longitude: 121.47 } }],
};

test("importHsds: providers, services, id mapping, report", () => {
  const i = importHsds(JSON.stringify([GOOD]));
  assert.equal(i.providers.length, 1);
  assert.equal(i.services.length, 1);
  assert.equal(i.services[0].name, "Lunch club");
  assert.equal(i.ids.services[0].service_at_location, "sal-b");
  assert.deepEqual(i.report.issues.filter((x) => x.severity === "error"), []);
});

test("addHsds adds to a community, all or nothing; invalid records rejected or skipped", () => {
  const c = new Community("Street");
  const report = c.addHsds(JSON.stringify([GOOD]));
  assert.deepEqual(report.skipped, []);
  assert.equal(c.counts.services, 1);
  assert.equal(c.counts.providers, 1);
  // The core's HsdsError names no record or field (the first error is in its message).
  const e = throwsCode(() => importHsds(JSON.stringify([GOOD, BAD])), "HSDS_REJECTED");
  assert.match(e.message, /^HSDS import rejected: \d+ error\(s\), the first: /);
  const skipped = importHsds(JSON.stringify([GOOD, BAD]), { skip_invalid: true });
  assert.equal(skipped.services.length, 1);
  assert.ok(skipped.report.skipped.includes("sal-a"));
  // Adding a directory again: new ids continue after the community's own.
  c.addHsds(JSON.stringify([GOOD]));
  assert.equal(c.counts.services, 2);
  assert.deepEqual(c.services().map((s) => s.id), [1, 2]);
  // A rejected directory adds nothing.
  throwsCode(() => c.addHsds(JSON.stringify([GOOD, BAD])), "HSDS_REJECTED");
  assert.equal(c.counts.services, 2);
  throwsCode(() => importHsds('{"id": '), "HSDS_JSON", { line: 1 });
  throwsCode(() => importHsds("42"), "HSDS_SHAPE");
  throwsCode(() => importHsds("[]", { radius_m: "far" }), "MODEL_JSON", { field: "options.radius_m" });
});

test("GeoJSON: the plan and the coverage as FeatureCollections", () => {
  const c = Community.fromJson(exampleJson);
  const g = c.planGeoJson(TUESDAY_8);
  assert.equal(g.type, "FeatureCollection");
  const plan = c.match(TUESDAY_8);
  const lines = g.features.filter((f) => f.geometry && f.geometry.type === "LineString");
  assert.equal(lines.length, plan.assignments.length);
  for (const f of g.features) assert.equal(typeof f.properties.kind, "string");
  const cov = c.coverageGeoJson(15);
  assert.equal(cov.type, "FeatureCollection");
  const residents = cov.features.reduce((n, f) => n + (f.properties.residents ?? 0), 0);
  assert.equal(residents, 3);
  throwsCode(() => c.coverageGeoJson(-1), "INVALID_ARGUMENT", { field: "thresholdMinutes" });
});
