// Points (积分): the ledger's second unit. Expected values are worked by hand in the comments.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Ledger } from "../../pkg/node.js";
import { meta, throwsCode } from "./helpers.mjs";

const at = (day, time) => `2026-11-${day}T${time}:00`;
/** Everything a refusal must leave alone, both units and the catalogue. */
const state = (l) => [l.exportJournal(), l.balances(), l.pointsBalances(), l.catalogue(), l.transactions().length];

test("the default caps: 2 a day (trimmed, then refused), a new day, minutes untouched", () => {
  const l = new Ledger();
  // The core leaves the caps out of the policy's JSON at their defaults (2 a day, 600 in all), so
  // that journals written before points read and write as they did.
  assert.equal(l.policy.points_daily_cap, undefined);
  assert.equal(l.policy.points_lifetime_cap, undefined);
  assert.equal(new Ledger({ points_daily_cap: 5 }).policy.points_daily_cap, 5);
  l.openAccount({ id: "resident#1" });
  // 09:00: 1 point for a meeting; 1 of today's 2 left.
  assert.deepEqual(l.earnPoints(meta("p1", at(24, "09:00")), "resident#1", "meeting", 1), { status: "posted", transaction: "tx#1" });
  // 15:00: 3 asked, 1 left under the daily cap: 1 credited, the other 2 never issued.
  l.earnPoints(meta("p2", at(24, "15:00")), "resident#1", "activity", 3);
  assert.equal(l.pointsBalance("resident#1"), 2);
  assert.deepEqual(l.transaction("tx#2").postings, [
    { account: "fund", amount: -1, cap_excess: false, unit: "points" },
    { account: "resident#1", amount: 1, cap_excess: false, unit: "points" },
  ]);
  // 16:00: nothing left today: refused, naming the cap, and nothing changes.
  const before = state(l);
  throwsCode(() => l.earnPoints(meta("p3", at(24, "16:00")), "resident#1", "activity", 1), "LEDGER_POINTS_CAP_REACHED", {
    setting: "points_daily_cap", account: "resident#1", key: "p3", field: "points",
  });
  assert.deepEqual(state(l), before);
  // Midnight is a new calendar day: 2 more (2 + 2 = 4).
  l.earnPoints(meta("p4", at(25, "00:00")), "resident#1", "activity", 2);
  assert.equal(l.pointsBalance("resident#1"), 4);
  // The fund issued them: -4; points sum to 0 on their own; minutes untouched.
  assert.deepEqual(l.pointsBalances(), { "resident#1": 4, fund: -4 });
  assert.equal(l.totalPoints(), 0);
  assert.equal(l.pointsEarned("resident#1"), 4);
  assert.equal(l.balance("resident#1"), 0);
  assert.equal(l.totalBalance(), 0);
  assert.equal(l.verifyBalances(), true);
  assert.equal(l.transactions()[0].kind, "earn_points");
  // Balance at a time, per unit: by 2026-11-24 16:00, 1 + 1 = 2 points and 0 minutes.
  assert.equal(l.balanceAt("resident#1", at(24, "16:00"), "points"), 2);
  assert.equal(l.balanceAt("resident#1", at(24, "16:00")), 0);
});

test("the lifetime cap: 600 in all, the last earn trimmed to what is left", () => {
  const l = new Ledger({ points_daily_cap: null });
  assert.equal(l.policy.points_daily_cap, null);
  l.openAccount({ id: "resident#1" });
  l.earnPoints(meta("p1", at(24, "09:00")), "resident#1", "activity", 590);
  // 20 asked, 600 - 590 = 10 left: 10 credited.
  l.earnPoints(meta("p2", at(24, "10:00")), "resident#1", "activity", 20);
  assert.equal(l.pointsBalance("resident#1"), 600);
  assert.equal(l.pointsEarned("resident#1"), 600);
  throwsCode(() => l.earnPoints(meta("p3", at(26, "10:00")), "resident#1", "activity", 1), "LEDGER_POINTS_CAP_REACHED", {
    setting: "points_lifetime_cap",
  });
  // A policy cap below 0 is refused by the core, naming the setting.
  throwsCode(() => new Ledger({ points_lifetime_cap: -1 }), "LEDGER_INVALID_POLICY", { setting: "points_lifetime_cap" });
});

test("exchange with stock, reversal restoring stock, restock; refusals change nothing", () => {
  const l = new Ledger({ points_daily_cap: null });
  l.openAccount({ id: "resident#1" });
  l.openAccount({ id: "volunteer#2" });
  l.listItem(meta("l1", at(24, "09:00")), { code: "slot", name: "Clinic priority slot", price: 20, stock: 2 });
  l.listItem(meta("l2", at(24, "09:00")), { code: "haircut", name: "Haircut", price: 5 });
  assert.deepEqual(l.catalogue(), [
    { code: "haircut", name: "Haircut", price: 5, stock: null },
    { code: "slot", name: "Clinic priority slot", price: 20, stock: 2 },
  ]);
  l.earnPoints(meta("p1", at(24, "09:30")), "resident#1", "suggestion_adopted", 50);
  // 2 slots at 20: 40 points back to the fund (50 - 40 = 10 left; fund -50 + 40 = -10), stock 2 → 0.
  const x1 = l.exchange(meta("x1", at(24, "10:00")), "resident#1", "slot", 2);
  assert.equal(l.pointsBalance("resident#1"), 10);
  assert.equal(l.pointsBalance("fund"), -10);
  assert.equal(l.item("slot").stock, 0);
  assert.deepEqual(l.transaction(x1.transaction).postings.map((p) => [p.account, p.amount, p.unit]), [["resident#1", -40, "points"], ["fund", 40, "points"]]);

  const refusals = [
    // A third slot: 0 in stock, 1 needed.
    [() => l.exchange(meta("x2", at(24, "10:10")), "resident#1", "slot", 1), "LEDGER_STOCK_SHORT", { field: "quantity" }],
    // 3 haircuts at 5 = 15 > 10.
    [() => l.exchange(meta("x3", at(24, "10:10")), "resident#1", "haircut", 3), "LEDGER_INSUFFICIENT_POINTS", { account: "resident#1" }],
    [() => l.exchange(meta("x4", at(24, "10:10")), "resident#1", "piano", 1), "LEDGER_UNKNOWN_ITEM", { field: "item" }],
    [() => l.exchange(meta("x5", at(24, "10:10")), "resident#1", "slot", 0), "LEDGER_NON_POSITIVE_AMOUNT", {}],
    [() => l.listItem(meta("l3", at(24, "10:10")), { code: "slot", name: "Again", price: 1 }), "LEDGER_DUPLICATE_ITEM", { field: "item.code" }],
    [() => l.restock(meta("s1", at(24, "10:10")), "haircut", 1), "LEDGER_UNLIMITED_STOCK", { field: "item" }],
    // A listing cannot be undone.
    [() => l.reverse(meta("rv1", at(24, "10:10")), "tx#1"), "LEDGER_NOT_REVERSIBLE", { transaction: "tx#1" }],
    // The donation pool holds minutes only; a minutes operation does not take points.
    [() => l.pointsBalance("donation_pool"), "LEDGER_ACCOUNT_NOT_OPEN", {}],
    [() => l.earnPoints(meta("p2", at(24, "10:10")), "resident#1", "", 1), "LEDGER_EMPTY_FIELD", {}],
    [() => l.earnPoints(meta("p3", at(24, "10:10")), "resident#1", "activity", 1.5), "INVALID_ARGUMENT", { field: "points" }],
    [() => l.listItem(meta("l4", at(24, "10:10")), { code: "x", name: "X", price: 1, colour: "red" }), "MODEL_JSON", {}],
  ];
  for (const [fn, code, props] of refusals) {
    const before = state(l);
    throwsCode(fn, code, props);
    assert.deepEqual(state(l), before, code);
  }

  // Reversing the exchange gives the 40 points and the 2 slots back.
  l.reverse(meta("rv2", at(24, "11:00")), x1.transaction);
  assert.equal(l.pointsBalance("resident#1"), 50);
  assert.equal(l.item("slot").stock, 2);
  // Restock 3: 2 + 3 = 5; then 2 haircuts through submit (10 points: 50 - 10 = 40).
  l.restock(meta("s2", at(24, "12:00")), "slot", 3);
  assert.equal(l.item("slot").stock, 5);
  assert.equal(l.submit(meta("x6", at(24, "12:30")), { op: "exchange", account: "resident#1", item: "haircut", quantity: 2 }).status, "posted");
  assert.equal(l.pointsBalance("resident#1"), 40);
  // A batch of points operations: 1 slot (20) and 1 haircut (5): 40 - 25 = 15; stock 5 → 4.
  l.batch(meta("b1", at(24, "13:00")), [
    { op: "exchange", account: "resident#1", item: "slot", quantity: 1 },
    { op: "exchange", account: "resident#1", item: "haircut", quantity: 1 },
  ]);
  assert.equal(l.pointsBalance("resident#1"), 15);
  assert.equal(l.item("slot").stock, 4);
  assert.equal(l.item("nothing"), undefined);
  assert.equal(l.totalPoints(), 0);
  assert.equal(l.verifyBalances(), true);
  // The journal carries points, the catalogue and stock: it imports to the same ledger.
  const text = l.exportJournal();
  const again = Ledger.importJournal(text);
  assert.equal(again.exportJournal(), text);
  assert.deepEqual(again.catalogue(), l.catalogue());
  assert.deepEqual(again.pointsBalances(), l.pointsBalances());
});

test("statements of both units", () => {
  const l = new Ledger();
  l.openAccount({ id: "resident#1" });
  l.earn(meta("e1", at(24, "09:00")), "resident#1", 1, 60);
  l.earnPoints(meta("p1", at(24, "09:00")), "resident#1", "meeting", 2);
  l.earnPoints(meta("p2", at(25, "09:00")), "resident#1", "activity", 2);
  // Points lines: +2 (balance 2), +2 (balance 4); minutes: one line of 60.
  const points = l.statement("resident#1", at(24, "00:00"), at(26, "00:00"), "points");
  assert.equal(points.unit, "points");
  assert.deepEqual(points.lines.map((x) => [x.kind, x.amount, x.balance]), [["earn_points", 2, 2], ["earn_points", 2, 4]]);
  const [minutes, pts] = l.statements("resident#1", at(24, "00:00"), at(26, "00:00"));
  assert.equal(minutes.unit, undefined); // left out for minutes
  assert.deepEqual([minutes.closing, pts.closing], [60, 4]);
  assert.deepEqual(pts, points);
  // From the 25th: opening 2 points.
  assert.equal(l.statement("resident#1", at(25, "00:00"), at(26, "00:00"), "points").opening, 2);
  assert.deepEqual(l.statement("resident#1", at(24, "00:00"), at(26, "00:00"), "minutes"), minutes);
  throwsCode(() => l.statement("resident#1", at(24, "00:00"), at(26, "00:00"), "hours"), "INVALID_ID", { field: "unit" });
  // The donation pool has no points statement: both statements refuse it.
  throwsCode(() => l.statements("donation_pool", at(24, "00:00"), at(26, "00:00")), "LEDGER_ACCOUNT_NOT_OPEN");
});
