// The one vocabulary at the boundary, through the package's own API: labels (input-only
// spellings read, the one spelling written), the local-time rule on every time argument,
// reliability above 1000 refused, and the ledger's results in the core's shape (every ledger
// fixture replayed with the native methods, receipts and balances compared with `expected`).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import {
  Community, Ledger, Matcher, generateDistrict, scorecard, timeBankWeek, assignmentsFromPlan, responseTimes,
} from "../../pkg/node.js";
import { root, exampleJson, TUESDAY_8, meta, throwsCode } from "./helpers.mjs";

const OFFSET = "2026-11-24T08:00:00+08:00";
const c = Community.fromJson(exampleJson);

test("account labels: legacy spellings read, one spelling written", () => {
  const l = new Ledger();
  // Input only: provider#/organization#, any case, spaces, ':' or '/', the object and pair forms.
  l.openAccount({ id: "provider#3", group: true });
  l.openAccount({ id: " Organization / 4 " });
  l.openAccount({ id: { volunteer: 1 } });
  l.openAccount({ id: ["resident", 2], family: ["VOLUNTEER:1"] });
  assert.deepEqual(l.accounts().map((a) => a.id), ["resident#2", "volunteer#1", "organisation#3", "organisation#4", "fund", "donation_pool"]);
  assert.deepEqual(l.accounts()[0].family, ["volunteer#1"]);
  l.earn(meta("e1"), "Volunteer:1", 1, 60);
  l.earn(meta("e2"), ["organisation", 3], 2, 30);
  l.donate(meta("d1"), "organization#3", 30);
  assert.equal(l.balance("donation-pool"), 30);
  assert.equal(l.balance("pool"), 30);
  assert.equal(l.balance("DONATION_POOL"), 30);
  assert.deepEqual(Object.keys(l.balances()).sort(),
    ["donation_pool", "fund", "organisation#3", "organisation#4", "resident#2", "volunteer#1"]);
  const donation = l.transactions().at(-1);
  assert.deepEqual(donation.operation, { op: "donate", from: "organisation#3", minutes: 30 });
  assert.deepEqual(donation.postings.map((p) => p.account), ["organisation#3", "donation_pool"]);
  // Errors name accounts by the one spelling, whatever was written.
  throwsCode(() => l.redeem(meta("r1"), "Provider:3", 5), "LEDGER_GROUP_HOURS_DONATE_ONLY", { account: "organisation#3" });
  const bad = throwsCode(() => l.balance("volunteer#x"), "INVALID_ID", { field: "account" });
  // The message lists the written spellings only (its exact wording is the core's: the shared
  // fixtures in tests/bad-inputs.json pin it).
  assert.match(bad.message, /^account: "volunteer#x" is not an account like resident#1, volunteer#2, organisation#3, fund\b.*\bdonation_pool\b/);
  assert.doesNotMatch(bad.message, /provider|organization|donation-pool/);
  throwsCode(() => l.balance(null), "INVALID_ARGUMENT", { field: "account" });
});

test("transaction ids: tx#N written, \"N\" and N read", () => {
  const l = new Ledger();
  l.openAccount({ id: "volunteer#1" });
  const r = l.earn(meta("e1"), "volunteer#1", 1, 60);
  assert.deepEqual(r, { status: "posted", transaction: "tx#1" });
  assert.equal(l.transaction("tx#1").id, "tx#1");
  assert.equal(l.transaction("TX:1").id, "tx#1");
  assert.equal(l.transaction("1").id, "tx#1");
  assert.equal(l.transaction(1).id, "tx#1");
  assert.deepEqual(l.reverse(meta("x1"), 1), { status: "posted", transaction: "tx#2" });
  assert.deepEqual(l.transaction("tx#2").operation, { op: "reverse", transaction: "tx#1" });
  throwsCode(() => l.reverse(meta("x2"), "1"), "LEDGER_ALREADY_REVERSED", { transaction: "tx#1" });
  throwsCode(() => l.reverse(meta("x3"), "tx#one"), "INVALID_ID", { field: "transaction" });
  throwsCode(() => l.reverse(meta("x3"), -1), "INVALID_ARGUMENT", { field: "transaction" });
  const st = l.statement("volunteer#1", "2026-11-24", "2026-11-25");
  assert.deepEqual(st.lines.map((x) => x.tx), ["tx#1", "tx#2"]);
});

test("helper labels: legacy spellings read, {kind, id} written", () => {
  const m = c.matcher(TUESDAY_8, undefined, { reliability: { "Volunteer:1": 900 }, unavailable: [["service", 99]] });
  const plan = m.solve();
  const a = plan.assignments[0];
  for (const spelling of [`${a.helper.kind}#${a.helper.id}`, `${a.helper.kind.toUpperCase()} / ${a.helper.id}`, [a.helper.kind, a.helper.id], a.helper]) {
    assert.equal(m.whyNot(a.need, spelling).kind, "chosen");
  }
  m.pin(a.need, `${a.helper.kind}:${a.helper.id}`);
  assert.deepEqual(m.pins(), { [String(a.need)]: a.helper });
  throwsCode(() => m.pin(a.need, "resident#1"), "INVALID_ID", { field: "helper" });
});

test("offset date-times are refused on every time argument (INVALID_DATE naming it)", () => {
  const why = /UTC offset/;
  const date = (fn, field) => assert.match(throwsCode(fn, "INVALID_DATE", { field }).message, why);
  date(() => c.match(OFFSET), "now");
  date(() => c.matchJson(OFFSET), "now");
  date(() => c.matcher(OFFSET), "now");
  date(() => new Matcher(c, OFFSET), "now");
  date(() => c.matchWithHours(OFFSET), "now");
  date(() => c.planGeoJson(OFFSET), "now");
  date(() => c.match("2026-11-24T00:00:00Z"), "now");
  const l = new Ledger();
  l.openAccount({ id: "volunteer#1" });
  date(() => l.approve("k", "rev", OFFSET), "at");
  date(() => l.balanceAt("volunteer#1", OFFSET), "at");
  date(() => l.statement("volunteer#1", OFFSET, "2026-11-25T00:00:00"), "from");
  date(() => l.statement("volunteer#1", "2026-11-24T00:00:00", OFFSET), "until");
  const plan = c.match(TUESDAY_8);
  date(() => timeBankWeek(c, plan.assignments, undefined, OFFSET), "weekStart");
  date(() => assignmentsFromPlan(plan, OFFSET), "matchedAt");
  const period = { start: "2026-11-23", end: "2026-11-30" };
  date(() => responseTimes(c, [], [], period, OFFSET), "now");
  // Inside a JSON value the core's record reader refuses it, naming the path.
  const json = (fn, field) => assert.match(throwsCode(fn, "MODEL_JSON", { field }).message, why);
  json(() => l.earn({ key: "k", operator: "desk", at: OFFSET }, "volunteer#1", 1, 60), "meta.at");
  json(() => l.submit({ key: "k", operator: "desk", at: OFFSET }, { op: "earn", account: "volunteer#1", need: 1, minutes: 60 }), "meta.at");
  json(() => scorecard(c, { period, now: OFFSET }), "inputs.now");
  const need = { ...c.needs()[0], id: 99, created_at: OFFSET };
  json(() => c.clone().addNeed(need), "need.created_at");
  const text = exampleJson.replace('"2026-11-23T08:10:00"', `"${OFFSET}"`);
  assert.notEqual(text, exampleJson);
  assert.match(throwsCode(() => Community.fromJson(text), "MODEL_JSON", { line: text.slice(0, text.indexOf(OFFSET)).split("\n").length }).message, why);
  // A district's week start is a date: an offset is no date either.
  throwsCode(() => generateDistrict({ residents: 100, week_start: "2026-11-23T00:00:00+08:00" }), "MODEL_INVALID_FIELD", { field: "week_start" });
  assert.equal(l.transactions().length, 0, "nothing was posted");
});

test("a JS Date is read in the runtime's local time, the same as its local ISO text", () => {
  const at = new Date(2026, 10, 24, 8, 0, 0);
  assert.equal(c.matchJson(at), c.matchJson(TUESDAY_8));
  const l = new Ledger();
  l.openAccount({ id: "volunteer#1" });
  l.earn({ key: "k", operator: "desk", at: new Date(2026, 10, 24, 9, 30) }, "volunteer#1", 1, 60);
  assert.equal(l.transactions()[0].at, "2026-11-24T09:30:00");
  assert.equal(l.balanceAt("volunteer#1", new Date(2026, 10, 24, 9, 29)), 0);
  throwsCode(() => c.match(new Date(NaN)), "INVALID_DATE", { field: "now" });
  throwsCode(() => c.match(5), "INVALID_ARGUMENT", { field: "now" });
});

test("reliability above 1000 per mille is refused on every matching path", () => {
  const context = { reliability: { "volunteer#1": 1001 } };
  const facts = { record: "match context", field: "reliability.volunteer#1", message: "match context: field `reliability.volunteer#1` value 1001 is outside 0..=1000" };
  throwsCode(() => c.match(TUESDAY_8, undefined, context), "MATCH_INVALID_CONTEXT", facts);
  throwsCode(() => c.matchJson(TUESDAY_8, undefined, context), "MATCH_INVALID_CONTEXT", facts);
  throwsCode(() => c.matcher(TUESDAY_8, undefined, context), "MATCH_INVALID_CONTEXT", facts);
  throwsCode(() => new Matcher(c, TUESDAY_8, undefined, context), "MATCH_INVALID_CONTEXT", facts);
  throwsCode(() => c.matchWithHours(TUESDAY_8, undefined, context), "MATCH_INVALID_CONTEXT", facts);
  throwsCode(() => c.planGeoJson(TUESDAY_8, undefined, context), "MATCH_INVALID_CONTEXT", facts);
  assert.equal(c.match(TUESDAY_8, undefined, { reliability: { "volunteer#1": 1000 } }).optimal, true);
});

// --- the ledger fixtures, replayed with the native methods -----------------------------------

const FIXTURES = `${root}tests/fixtures/`;
const LEDGER_CASES = readdirSync(FIXTURES).filter((f) => /^ledger_.*\.json$/.test(f)).sort();

/** One case step through the method a user calls; what run_case writes for it (`ok`/`error`). */
function step(l, s) {
  const [name, arg] = Object.entries(s)[0];
  try {
    if (name === "open") {
      l.openAccount(arg);
      return { ok: "ok" };
    }
    if (name === "approve") return { ok: l.approve(arg.key, arg.reviewer, arg.at) };
    if (name === "balance") return { ok: l.balance(arg) };
    if (name === "points_balance") return { ok: l.pointsBalance(arg) };
    if (name === "statement") return { ok: l.statement(arg.account, arg.from, arg.until, arg.unit) };
    const m = { key: arg.key, operator: arg.operator, at: arg.at, ...(arg.memo ? { memo: arg.memo } : {}) };
    const op = arg.operation;
    switch (op.op) {
      case "earn": return { ok: l.earn(m, op.account, op.need, op.minutes) };
      case "redeem": return { ok: l.redeem(m, op.account, op.minutes, op.need ?? undefined) };
      case "transfer": return { ok: l.transfer(m, op.from, op.to, op.minutes) };
      case "donate": return { ok: l.donate(m, op.from, op.minutes) };
      case "starting_grant": return { ok: l.startingGrant(m, op.to) };
      case "pool_grant": return { ok: l.poolGrant(m, op.recipients, op.minutes_each) };
      case "batch": return { ok: l.batch(m, op.operations) };
      case "reverse": return { ok: l.reverse(m, op.transaction) };
      case "earn_points": return { ok: l.earnPoints(m, op.account, op.rule, op.points) };
      case "exchange": return { ok: l.exchange(m, op.account, op.item, op.quantity) };
      case "list_item": return { ok: l.listItem(m, op.item) };
      case "restock": return { ok: l.restock(m, op.item, op.quantity) };
      default: return { ok: l.submit(m, op) };
    }
  } catch (e) {
    assert.equal(e.name, "HuzhuError", e.message);
    return { error: e };
  }
}

/** The error as run_case writes it: code and message, and the facts it adds. */
function asCase(e, expected) {
  const out = { code: e.code, message: e.message };
  const names = { record: "record", field: "field", line: "line", item: "index", item_code: "cause" };
  for (const [k, prop] of Object.entries(names)) if (k in expected) out[k] = e[prop] ?? null;
  return out;
}

for (const file of LEDGER_CASES) {
  test(`receipts and balances as the fixture: ${file}`, () => {
    const { input, expected } = JSON.parse(readFileSync(FIXTURES + file, "utf8"));
    const l = input.policy ? new Ledger(input.policy) : new Ledger();
    input.steps.forEach((s, i) => {
      const got = step(l, s);
      const want = expected.steps[i];
      if ("error" in want) {
        assert.ok(got.error, `${file} step ${i}: expected ${want.error.code}, got ${JSON.stringify(got.ok)}`);
        assert.deepEqual(asCase(got.error, want.error), want.error, `${file} step ${i}`);
      } else {
        assert.ok(!got.error, `${file} step ${i}: ${got.error?.message}`);
        assert.deepEqual(got.ok, want.ok, `${file} step ${i}`);
      }
    });
    assert.deepEqual(l.balances(), Object.fromEntries(expected.balances));
    assert.equal(l.totalBalance(), expected.total_balance);
    assert.deepEqual(l.pendingTransactions().map((p) => p.key), expected.pending);
    const txs = l.transactions().map(({ id, key, kind, posted_at, postings, reviewers }) => ({ id, key, kind, posted_at, postings, reviewers }));
    assert.deepEqual(txs, expected.transactions);
    // Cases that used points also give both units' balances and the catalogue.
    if ("points_balances" in expected) {
      assert.deepEqual(l.pointsBalances(), Object.fromEntries(expected.points_balances));
      assert.equal(l.totalPoints(), expected.total_points);
      assert.deepEqual(l.catalogue(), expected.catalogue);
    }
  });
}
