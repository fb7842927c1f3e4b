// Issue 24: every row of tests/hostile-matrix.json (a hostile value in one argument of one public
// function) is refused as its class's rule says (tests/tools/make_hostile_matrix.py), and a refused
// ledger operation changes nothing. Each function is a builder of valid arguments and a call; the
// row's value replaces one argument, an option, or a member of a record.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { root, exampleJson, thrown } from "./helpers.mjs";
import {
  Community, Ledger, Matcher, circleCoverage, compareDispatchers, compositeIndex, defaultIdentityItems, defaultKpis,
  engagement, generateDistrict, identityIndex, kpiProgress, planRounds, planWeek,
} from "../../pkg/node.js";

const ROWS = JSON.parse(readFileSync(`${root}tests/hostile-matrix.json`, "utf8")).filter((r) => r.expected.js);
const T0 = "2026-11-24T09:00:00";
const T1 = "2026-11-24T10:00:00";
const NOW = "2026-11-24T08:00:00";
const SWAP = (v) => v !== null && typeof v === "object" && v.$swap === true;

/** A row's value: markers decoded. */
function value(v) {
  if (v !== null && typeof v === "object" && "$float" in v) return { nan: NaN, inf: Infinity, "-inf": -Infinity }[v.$float];
  return v;
}

let shared;
const community = () => (shared ??= Community.fromJson(exampleJson));

// --- the ledger ------------------------------------------------------------------------------
function ledger() {
  const l = new Ledger({ points_daily_cap: null });
  l.openAccount({ id: "resident#1" });
  l.openAccount({ id: "volunteer#1" });
  l.openAccount({ id: "volunteer#2", family: ["volunteer#1"] }); // transfers are family only
  const m = (key) => ({ key, operator: "office", at: T0 });
  l.earn(m("s1"), "volunteer#1", 1, 120);
  l.listItem(m("s2"), { code: "slot", name: "Clinic slot", price: 20, stock: 2 });
  l.earnPoints(m("s3"), "resident#1", "suggestion_adopted", 50);
  l.donate(m("s4"), "volunteer#1", 30);
  return l;
}
const state = (l) => JSON.stringify([l.balances(), l.pointsBalances(), l.journalLen(), l.catalogue(), l.pendingTransactions()]);

const LEDGER_ARGS = {
  "ledger.earn": { account: "volunteer#1", need: 1, minutes: 30 },
  "ledger.redeem": { account: "volunteer#1", minutes: 10, need: null },
  "ledger.transfer": { from: "volunteer#1", to: "volunteer#2", minutes: 10 },
  "ledger.donate": { account: "volunteer#1", minutes: 10 },
  "ledger.pool_grant": { recipients: ["resident#1"], minutes_each: 10 },
  "ledger.earn_points": { account: "resident#1", rule: "suggestion_adopted", points: 10 },
  "ledger.restock": { item: "slot", quantity: 1 },
  "ledger.exchange": { account: "resident#1", item: "slot", quantity: 1 },
  "ledger.grant": { account: "resident#1" },
  "ledger.approve": { key: "nope", reviewer: "boss" },
  "ledger.balance": { account: "volunteer#1" },
  "ledger.reverse": { tx: "tx#1" },
  "ledger.statement": { account: "volunteer#1", start: "2026-11-01", until: "2026-12-01" },
};

function ledgerCall(l, fn, a) {
  const meta = { key: a.key ?? "h1", operator: "office", at: "at" in a ? a.at : T1 };
  switch (fn) {
    case "ledger.earn": return l.earn(meta, a.account, a.need, a.minutes);
    case "ledger.redeem": return l.redeem(meta, a.account, a.minutes, a.need);
    case "ledger.transfer": return l.transfer(meta, a.from, a.to, a.minutes);
    case "ledger.donate": return l.donate(meta, a.account, a.minutes);
    case "ledger.pool_grant": return l.poolGrant(meta, a.recipients, a.minutes_each);
    case "ledger.earn_points": return l.earnPoints(meta, a.account, a.rule, a.points);
    case "ledger.restock": return l.restock(meta, a.item, a.quantity);
    case "ledger.exchange": return l.exchange(meta, a.account, a.item, a.quantity);
    case "ledger.grant": return l.startingGrant(meta, a.account);
    case "ledger.approve": return l.approve(a.key, a.reviewer, "at" in a ? a.at : T1);
    case "ledger.balance": return l.balance(a.account);
    case "ledger.reverse": return l.reverse(meta, a.tx);
    case "ledger.statement": return l.statement(a.account, a.start, a.until);
  }
  throw new Error(fn);
}

function runLedger(row) {
  const l = ledger();
  const before = state(l);
  const a = { ...LEDGER_ARGS[row.function] };
  if (SWAP(row.value)) [a.start, a.until] = [a.until, a.start];
  else a[row.argument] = value(row.value);
  const e = thrown(() => ledgerCall(l, row.function, a));
  assert.equal(state(l), before, "a refused operation changed the ledger");
  return e;
}

// --- records, options ------------------------------------------------------------------------
const RES = { id: 9001, birth_date: "1950-01-01", household: "lives_alone", self_care: "full", home: { lat: 31.2, lon: 121.5 }, grid: 1 };
const NEED = {
  id: 9001, resident: 1, category: "elder.cleaning", urgency: "general", created_at: "2026-11-24T08:00:00",
  windows: [{ start: "2026-11-24T10:00:00", end: "2026-11-24T12:00:00" }], duration_minutes: 60, place: { kind: "home" },
};
const VOL = {
  id: 9001, availability: [{ weekday: "Tue", opens: "09:00:00", closes: "12:00:00" }], minutes_per_week: 240, max_travel_m: 1200,
  home: { lat: 31.2027, lon: 121.5 },
};

function put(record, path, v) {
  const r = structuredClone(record);
  const parts = path.split(".");
  const last = parts.pop();
  let at = r;
  for (const p of parts) at = at[p];
  at[last] = v;
  return r;
}

const RECORDS = { "community.add_resident": ["addResident", RES], "community.add_need": ["addNeed", NEED], "community.add_volunteer": ["addVolunteer", VOL] };

function addRecord(method, base, row) {
  const rec = SWAP(row.value)
    ? put(base, "windows", [{ start: "2026-11-24T12:00:00", end: "2026-11-24T10:00:00" }])
    : put(base, row.argument, value(row.value));
  const c = community();
  const before = c.toJson();
  const e = thrown(() => c[method](rec));
  assert.equal(c.toJson(), before, "a refused record changed the community");
  return e;
}

const visit = (extra = {}) => ({
  id: 1, place: { lat: 31.201, lon: 121.501 }, minutes: 30, windows: [{ start: "2026-12-07T09:00:00", end: "2026-12-07T12:00:00" }], ...extra,
});
const HOME = { lat: 31.2, lon: 121.5 };
const worker = (shifts = [{ start: "2026-12-07T08:00:00", end: "2026-12-07T13:00:00" }]) => ({ server: "worker#1", start: HOME, end: HOME, shifts });

function rounds(row) {
  const v = value(row.value);
  switch (row.argument) {
    case "visit.minutes": return () => planRounds([visit({ minutes: v })], [worker()]);
    case "visit.window": return () => planRounds([visit({ windows: [{ start: "2026-12-07T12:00:00", end: "2026-12-07T09:00:00" }] })], [worker()]);
    case "visit.window.start": return () => planRounds([visit({ windows: [{ start: v, end: "2026-12-07T12:00:00" }] })], [worker()]);
    case "worker.shift": return () => planRounds([visit()], [worker([{ start: "2026-12-07T13:00:00", end: "2026-12-07T08:00:00" }])]);
    default: return () => planRounds([visit()], [worker()], { [row.argument]: v });
  }
}

function week(row) {
  const plans = [{ visit: visit({ windows: [] }), every_days: 7, last: "2026-12-04" }];
  const shifts = [7, 8, 9, 10, 11].map((d) => ({ start: `2026-12-${String(d).padStart(2, "0")}T08:00:00`, end: `2026-12-${String(d).padStart(2, "0")}T13:00:00` }));
  let options = { from: "2026-12-07", through: "2026-12-11" };
  if (SWAP(row.value)) options = { from: "2026-12-11", through: "2026-12-07" };
  else options[row.argument === "start" ? "from" : row.argument] = value(row.value);
  return () => planWeek(plans, [worker(shifts)], options);
}

function identity(row) {
  const items = defaultIdentityItems();
  const answers = Object.fromEntries(items.map((i) => [i.code, 3]));
  let period = { start: "2026-11-01", end: "2026-12-01" };
  if (row.argument === "answer") answers[items[0].code] = value(row.value);
  else period = { start: "2026-12-01", end: "2026-11-01" };
  return () => identityIndex(community(), [{ respondent: 1, date: "2026-11-10", answers }], period);
}

function engagementCall(row) {
  let period = { start: "2026-11-01", end: "2026-12-01" };
  if (SWAP(row.value)) period = { start: "2026-12-01", end: "2026-11-01" };
  else period[row.argument] = value(row.value);
  return () => engagement(community(), period);
}

const CALLS = {
  "community.match": (row) => row.argument === "now"
    ? () => community().match(value(row.value))
    : () => community().match(NOW, { [row.argument]: value(row.value) }),
  "plan.explain": (row) => () => new Matcher(community(), NOW).explain(value(row.value)),
  "composite_index": (row) => row.argument === "values"
    ? () => compositeIndex({ satisfaction: value(row.value) })
    : () => compositeIndex({ satisfaction: 0.8 }, { satisfaction: value(row.value) }),
  "coverage": (row) => {
    const a = { threshold_minutes: 15, radius_m: 500, [row.argument]: value(row.value) };
    return () => circleCoverage(community(), a.threshold_minutes, a.radius_m);
  },
  "kpi_progress": (row) => {
    const a = { today: "2026-07-01", period_days: 91, [row.argument]: value(row.value) };
    const kpi = defaultKpis("2026-01-01")[0];
    return () => kpiProgress(kpi, [{ date: "2026-07-01", value: 0.64 }], a.today, a.period_days);
  },
  "default_kpis": (row) => () => defaultKpis(value(row.value)),
  "identity_index": identity,
  "engagement": engagementCall,
  "plan_rounds": rounds,
  "plan_week": week,
  "compare_dispatchers": (row) => () => compareDispatchers(community(), { start: "2026-11-24", days: 1, every_minutes: 120, [row.argument]: value(row.value) }),
  "synth.generate": (row) => () => generateDistrict({ residents: 200, seed: 1, week_start: "2026-11-23", [row.argument]: value(row.value) }),
};

function run(row) {
  if (row.function.startsWith("ledger.")) return runLedger(row);
  if (row.function in RECORDS) return addRecord(...RECORDS[row.function], row);
  return thrown(CALLS[row.function](row));
}

test("the matrix is large enough", () => {
  assert.ok(ROWS.length >= 200, `${ROWS.length} rows`);
});

for (const row of ROWS) {
  test(row.id, () => {
    const want = row.expected.js;
    const e = run(row);
    const facts = `${e.name}: ${e.message} (code ${e.code}, field ${e.field})`;
    assert.equal(e.name, want.name, facts);
    if (want.code) assert.equal(e.code, want.code, facts);
    if (want.field) assert.equal(e.field, want.field, facts);
    if (want.names) assert.ok(["field", "setting", "record"].some((k) => String(e[k] ?? "").includes(want.names)), facts);
  });
}
