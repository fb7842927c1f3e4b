import { test } from "node:test";
import assert from "node:assert/strict";
import { Community, District, generateDistrict, timeBankWeek, Ledger } from "../../pkg/node.js";
import { throwsCode } from "./helpers.mjs";

test("generateDistrict: seeded, with summary, grids, hospitals; same seed, same district", () => {
  const d = generateDistrict({ residents: 1500, week_start: "2026-11-23", seed: 7 });
  assert.ok(d instanceof District);
  assert.equal(d.weekStart, "2026-11-23");
  assert.equal(d.now, "2026-11-30T00:00:00");
  assert.equal(d.summary.residents, 1500);
  assert.ok(d.summary.volunteers > 0 && d.summary.needs > 0);
  assert.equal(typeof d.summary.special_groups, "object");
  assert.ok(d.grids.length >= 1 && typeof d.grids[0].centre.lat === "number");
  assert.ok(Array.isArray(d.hospitals));
  const c = d.community;
  assert.ok(c instanceof Community);
  assert.equal(c.counts.residents, 1500);
  const again = generateDistrict({ residents: 1500, week_start: new Date(2026, 10, 23), seed: 7 });
  assert.equal(again.community.toJson(), c.toJson());
  const other = generateDistrict({ residents: 1500, week_start: "2026-11-23", seed: 8 });
  assert.notEqual(other.community.toJson(), c.toJson());
});

test("District.community: every read is a copy of its own; changing one changes no other", () => {
  const d = generateDistrict({ residents: 300, week_start: "2026-11-23", seed: 3 });
  const a = d.community;
  const b = d.community;
  const before = a.toJson();
  const n = a.counts.residents;
  const home = { lat: 31.2304, lon: 121.4737 };
  a.addResident({ id: 1_000_000, birth_date: "1950-01-01", home, grid: 1, household: "with_family", self_care: "full" });
  assert.equal(a.counts.residents, n + 1);
  assert.equal(b.counts.residents, n);
  assert.equal(d.community.counts.residents, n);
  // The other way round: change the first copy's clone's source after cloning.
  const c = b.clone();
  const need = b.needs()[0];
  b.setNeedStatus(need.id, "cancelled");
  assert.equal(b.need(need.id).status, "cancelled");
  assert.equal(c.need(need.id).status, need.status);
  assert.equal(d.community.need(need.id).status, need.status);
  // A refused change on a shared copy leaves every copy as it was.
  const e = d.community;
  assert.throws(() => e.addResident({ id: 1, birth_date: "1950-01-01", home, grid: 1, household: "with_family", self_care: "full" }));
  assert.equal(e.toJson(), before);
  assert.equal(d.community.toJson(), before);
  a.free();
  assert.equal(d.community.toJson(), before);
});

test("timeBankWeek: a ledger and a summary for a plan", () => {
  const d = generateDistrict({ residents: 1500, week_start: "2026-11-23", seed: 7 });
  const c = d.community;
  const plan = c.match("2026-11-25T12:00:00");
  const { ledger, summary } = timeBankWeek(c, plan.assignments, { starting_grant: 60 }, "2026-11-23T00:00:00");
  assert.ok(ledger instanceof Ledger);
  assert.equal(ledger.totalBalance(), 0);
  assert.ok(summary.earned > 0);
  assert.ok(summary.accounts > 0 && summary.accounts <= ledger.accounts().length);
});

test("synth errors", () => {
  const config = { record: "district config" };
  throwsCode(() => generateDistrict({ residents: 100, week_start: "23/11/2026" }), "MODEL_INVALID_FIELD", { ...config, field: "week_start" });
  throwsCode(() => generateDistrict({ residents: -1, week_start: "2026-11-23" }), "MODEL_INVALID_FIELD", { ...config, field: "residents" });
  throwsCode(() => generateDistrict({ week_start: "2026-11-23" }), "MODEL_INVALID_FIELD", config);
  throwsCode(() => generateDistrict({ residents: 100, week_start: "2026-11-23", volunteer_permille: 5000 }), "MODEL_INVALID_FIELD", { ...config, field: "volunteer_permille" });
  throwsCode(() => generateDistrict({ residents: 100, week_start: new Date(2026, 10, 23, 9) }), "INVALID_DATE", { field: "config.week_start" });
});
