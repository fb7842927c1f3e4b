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
  throwsCode(() => generateDistrict({ residents: 100, week_start: "23/11/2026" }), "INVALID_DATE", { field: "config.week_start" });
  throwsCode(() => generateDistrict({ residents: -1, week_start: "2026-11-23" }), "INVALID_ARGUMENT", { field: "config.residents" });
  throwsCode(() => generateDistrict({ week_start: "2026-11-23" }), "INVALID_ARGUMENT");
  const e = throwsCode(() => generateDistrict({ residents: 100, week_start: "2026-11-23", volunteer_permille: 5000 }), "MODEL_INVALID_FIELD");
  assert.ok(e.field.includes("volunteer_permille"), e.field);
});
