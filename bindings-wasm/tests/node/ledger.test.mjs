import { test } from "node:test";
import assert from "node:assert/strict";
import { Ledger } from "../../pkg/node.js";
import { meta, throwsCode } from "./helpers.mjs";

function bank(policy) {
  const l = new Ledger(policy);
  l.openAccount({ id: "volunteer#1" });
  l.openAccount({ id: "resident#1", priority: true });
  l.openAccount({ id: "volunteer#2", family: ["resident#1"] });
  l.openAccount({ id: "organisation#1", group: true });
  return l;
}

test("earn, redeem, transfer, donate, pool grant, batch, reverse: double entry in minutes", () => {
  const l = bank({ starting_grant: 30 });
  assert.equal(l.policy.starting_grant, 30);
  const r = l.earn(meta("e1"), "volunteer#2", 1, 90);
  assert.deepEqual(r, { status: "posted", transaction: "tx#1" });
  assert.equal(l.balance("volunteer#2"), 90);
  assert.equal(l.redeem(meta("r1", "2026-11-24T11:00:00"), "volunteer#2", 10).status, "posted");
  assert.equal(l.redeem(meta("r2", "2026-11-24T11:05:00"), "volunteer#2", 5, 3).status, "posted");
  l.transfer(meta("t1", "2026-11-24T12:00:00"), "volunteer#2", "resident#1", 20);
  assert.equal(l.balance("resident#1"), 20);
  l.donate(meta("d1", "2026-11-24T12:10:00"), "volunteer#2", 15);
  assert.equal(l.balance("donation_pool"), 15);
  l.poolGrant(meta("p1", "2026-11-24T12:20:00"), ["resident#1"], 10);
  assert.equal(l.balance("resident#1"), 30);
  l.startingGrant(meta("s1", "2026-11-24T12:30:00"), "volunteer#1");
  assert.equal(l.balance("volunteer#1"), 30);
  const b = l.batch(meta("b1", "2026-11-24T13:00:00"), [
    { op: "earn", account: "volunteer#1", need: 2, minutes: 60 },
    { op: "transfer", from: "volunteer#2", to: "resident#1", minutes: 5 },
  ]);
  assert.equal(b.status, "posted");
  assert.equal(l.balance("volunteer#1"), 90);
  const rev = l.reverse(meta("rev1", "2026-11-24T14:00:00"), b.transaction);
  assert.equal(rev.status, "posted");
  assert.equal(l.balance("volunteer#1"), 30);
  const s = l.submit(meta("sub1", "2026-11-24T15:00:00"), { op: "earn", account: "volunteer#1", need: 4, minutes: 30 });
  assert.equal(s.status, "posted");
  // The same key and content again: idempotent, same receipt, nothing changes.
  assert.deepEqual(l.submit(meta("sub1", "2026-11-24T15:30:00"), { op: "earn", account: "volunteer#1", need: 4, minutes: 30 }), s);
  assert.equal(l.totalBalance(), 0);
  assert.equal(l.verifyBalances(), true);
  const balances = l.balances();
  assert.equal(Object.getPrototypeOf(balances), Object.prototype);
  assert.equal(balances["volunteer#1"], 60);
  assert.equal(Object.values(balances).reduce((x, y) => x + y, 0), 0);
  assert.ok(l.accounts().some((a) => a.id === "resident#1" && a.priority));
  const txs = l.transactions();
  assert.ok(txs.length >= 9);
  const reversal = txs.find((t) => t.kind === "reversal");
  assert.equal(reversal.operation.transaction, b.transaction);
  assert.equal(l.transaction(b.transaction).kind, "batch");
  assert.equal(l.transaction("tx#123456789012345678"), undefined);
  // Input-only spellings of a transaction id: "7" and a safe integer.
  const n = Number(b.transaction.slice(3));
  assert.equal(l.transaction(String(n)).id, b.transaction);
  assert.equal(l.transaction(n).id, b.transaction);
  for (const t of txs) assert.equal(t.postings.reduce((x, p) => x + p.amount, 0), 0);
  const st = l.statement("volunteer#2", "2026-11-24T00:00:00", "2026-11-25T00:00:00");
  assert.equal(st.opening, 0);
  assert.equal(st.closing, l.balance("volunteer#2"));
  assert.match(st.lines[0].tx, /^tx#\d+$/);
  assert.equal(st.account, "volunteer#2");
  assert.equal(l.balanceAt("volunteer#2", "2026-11-24T10:30:00"), 90);
});

test("journal export and import: hash chain verified, balances equal", () => {
  const l = bank();
  l.earn(meta("e1"), "volunteer#1", 1, 60);
  const journal = l.exportJournal();
  const again = Ledger.importJournal(journal);
  assert.deepEqual(again.balances(), l.balances());
  // Any change to a posted line breaks the hash chain.
  const lines = journal.split("\n");
  lines[1] = lines[1].replace("60", "61");
  assert.notEqual(lines.join("\n"), journal);
  let code = "none";
  try { Ledger.importJournal(lines.join("\n")); } catch (e) { code = e.code; }
  assert.match(code, /^JOURNAL_/);
});

test("reviewers: a pending earn is posted after approval", () => {
  const l = bank({ reviewers_required: 1 });
  const p = l.earn(meta("e1"), "volunteer#1", 1, 60);
  assert.deepEqual(p, { status: "pending", approvals: 0, required: 1 });
  assert.equal(l.pendingTransactions().length, 1);
  assert.equal(l.pendingTransactions()[0].operation.account, "volunteer#1");
  const done = l.approve("e1", "reviewer:wang", "2026-11-24T10:05:00");
  assert.equal(done.status, "posted");
  assert.equal(l.balance("volunteer#1"), 60);
  throwsCode(() => l.approve("nope", "reviewer:wang", "2026-11-24T10:06:00"), "LEDGER_NOT_PENDING", { key: "nope" });
});

test("ledger errors carry code, key, account, transaction", () => {
  const l = bank();
  throwsCode(() => new Ledger({ unit: 0 }), "LEDGER_INVALID_POLICY", { field: "unit", setting: "unit", record: "ledger policy" });
  throwsCode(() => new Ledger({ colour: "red" }), "LEDGER_INVALID_POLICY", { setting: "colour" });
  throwsCode(() => l.openAccount({ id: "volunteer#1" }), "LEDGER_DUPLICATE_ACCOUNT", { account: "volunteer#1" });
  throwsCode(() => l.openAccount({ id: "nobody#1" }), "MODEL_JSON", { field: "account.id" });
  throwsCode(() => l.balance("nobody#1"), "INVALID_ID", { field: "account" });
  throwsCode(() => l.balance("volunteer#9"), "LEDGER_ACCOUNT_NOT_OPEN", { account: "volunteer#9" });
  throwsCode(() => l.redeem(meta("k1"), "volunteer#1", 5), "LEDGER_FLOOR_BREACH", { key: "k1", account: "volunteer#1" });
  throwsCode(() => l.earn(meta("k2"), "volunteer#1", 1, 0), "LEDGER_NON_POSITIVE_AMOUNT", { key: "k2" });
  throwsCode(() => l.earn(meta("k3"), "volunteer#1", 1, 1.5), "INVALID_ARGUMENT", { field: "minutes" });
  throwsCode(() => l.earn(meta("k4"), "fund", 1, 10), "LEDGER_NOT_A_MEMBER_ACCOUNT", { key: "k4", account: "fund" });
  throwsCode(() => l.earn(meta("k5"), "volunteer#8", 1, 10), "LEDGER_UNKNOWN_ACCOUNT", { account: "volunteer#8" });
  l.earn(meta("ok1"), "volunteer#1", 1, 60);
  throwsCode(() => l.transfer(meta("k6", "2026-11-24T10:01:00"), "volunteer#1", "volunteer#1", 5), "LEDGER_SAME_ACCOUNT");
  throwsCode(() => l.transfer(meta("k7", "2026-11-24T10:01:00"), "volunteer#1", "resident#1", 5), "LEDGER_TRANSFER_NOT_ALLOWED", { account: "volunteer#1" });
  throwsCode(() => l.earn(meta("k8", "2026-11-23T10:00:00"), "volunteer#1", 1, 5), "LEDGER_TIME_OUT_OF_ORDER", { key: "k8" });
  throwsCode(() => l.earn(meta("ok1", "2026-11-24T10:02:00"), "volunteer#1", 1, 61), "LEDGER_IDEMPOTENCY_CONFLICT", { key: "ok1" });
  throwsCode(() => l.startingGrant(meta("k9", "2026-11-24T10:02:00"), "volunteer#2"), "LEDGER_STARTING_GRANT_DISABLED");
  throwsCode(() => l.batch(meta("k10", "2026-11-24T10:02:00"), []), "LEDGER_EMPTY_BATCH");
  const e = throwsCode(() => l.batch(meta("k11", "2026-11-24T10:02:00"), [
    { op: "earn", account: "volunteer#2", need: 1, minutes: 10 },
    { op: "redeem", account: "volunteer#2", minutes: 500 },
  ]), "LEDGER_BATCH_ITEM", { index: 1, cause: "LEDGER_FLOOR_BREACH" });
  assert.equal(e.key, "k11");
  assert.equal(l.balance("volunteer#2"), 0, "a failed batch changes nothing");
  throwsCode(() => l.reverse(meta("k12", "2026-11-24T10:03:00"), "999"), "LEDGER_UNKNOWN_TRANSACTION", { transaction: "tx#999" });
  throwsCode(() => l.reverse(meta("k13", "2026-11-24T10:03:00"), "tx-one"), "INVALID_ID", { field: "transaction" });
  throwsCode(() => l.reverse(meta("k13", "2026-11-24T10:03:00"), 1.5), "INVALID_ARGUMENT", { field: "transaction" });
  const posted = l.earn(meta("ok2", "2026-11-24T10:04:00"), "volunteer#1", 2, 10).transaction;
  l.reverse(meta("rv", "2026-11-24T10:05:00"), posted);
  throwsCode(() => l.reverse(meta("rv2", "2026-11-24T10:06:00"), posted), "LEDGER_ALREADY_REVERSED", { transaction: posted });
  const revId = l.transactions().at(-1).id;
  throwsCode(() => l.reverse(meta("rv3", "2026-11-24T10:07:00"), revId), "LEDGER_REVERSAL_OF_REVERSAL");
  throwsCode(() => l.earn({ key: "", operator: "x", at: "2026-11-24T11:00:00" }, "volunteer#1", 1, 5), "LEDGER_EMPTY_FIELD", { field: "key" });
  throwsCode(() => l.earn({ key: "x", operator: "y", at: "yesterday" }, "volunteer#1", 1, 5), "MODEL_JSON", { field: "meta.at" });
  throwsCode(() => l.earn({ key: "x", operator: "y", at: "2026-11-24T11:00:00", colour: 1 }, "volunteer#1", 1, 5), "MODEL_JSON", { field: "meta.colour" });
  const capped = bank({ cap: 100, transfer_rule: "anyone" });
  capped.earn(meta("c1"), "volunteer#1", 1, 90);
  capped.earn(meta("c2"), "volunteer#2", 2, 90);
  throwsCode(() => capped.transfer(meta("c3", "2026-11-24T10:01:00"), "volunteer#2", "volunteer#1", 50), "LEDGER_CAP_BREACH", { account: "volunteer#1" });
  const donateOnly = bank({ group_donate_only: true });
  donateOnly.earn(meta("g1"), "organisation#1", 1, 30);
  throwsCode(() => donateOnly.redeem(meta("g2", "2026-11-24T10:01:00"), "organisation#1", 10), "LEDGER_GROUP_HOURS_DONATE_ONLY", { account: "organisation#1" });
  throwsCode(() => l.poolGrant(meta("pg", "2026-11-24T11:00:00"), ["resident#1"], 10), "LEDGER_NOTHING_TO_GRANT");
  throwsCode(() => Ledger.importJournal("not a journal"), "JOURNAL_MALFORMED", { line: 1 });
  throwsCode(() => Ledger.importJournal(""), "JOURNAL_MISSING_HEADER");
});
