// The time bank kept in IndexedDB (npm/persistent-ledger.js), on fake-indexeddb's in-memory
// IndexedDB: open, operate, reopen; a refused operation writes nothing; a failed write leaves
// the ledger as it was; a changed store is refused naming the line; two tabs on one database.
// The same in Chromium: tests/browser/persistent.test.mjs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { IDBFactory, IDBDatabase, IDBObjectStore } from "fake-indexeddb";
import { Ledger, openPersistentLedger, deletePersistentLedger } from "../../pkg/node.js";
import { meta } from "./helpers.mjs";

const POLICY = { starting_grant: 30 };

/** Awaits `promise`, which must reject with a HuzhuError with this code (and these properties). */
async function rejectsCode(promise, code, props = {}) {
  let caught;
  try {
    await promise;
  } catch (e) {
    caught = e;
  }
  assert.ok(caught, `expected ${code}, nothing was thrown`);
  assert.equal(caught.name, "HuzhuError", `${caught.name}: ${caught.message}`);
  assert.equal(caught.code, code, caught.message);
  for (const [k, v] of Object.entries(props)) assert.equal(caught[k], v, `${k} of ${caught.message}`);
  return caught;
}

/** A request as a promise. */
const done = (req) => new Promise((resolve, reject) => {
  req.onsuccess = () => resolve(req.result);
  req.onerror = () => reject(req.error);
});

/** The raw store: every line record and the head record, read with IndexedDB itself. */
async function raw(idb, name) {
  const db = await done(idb.open(name));
  try {
    const tx = db.transaction(["lines", "meta"], "readonly");
    const [lines, head] = await Promise.all([done(tx.objectStore("lines").getAll()), done(tx.objectStore("meta").get("head"))]);
    return { lines, head };
  } finally {
    db.close();
  }
}

/** Changes the raw store with `edit(lines, meta)` in one readwrite transaction. */
async function tamper(idb, name, edit) {
  const db = await done(idb.open(name));
  try {
    const tx = db.transaction(["lines", "meta"], "readwrite");
    const finished = new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onabort = () => reject(tx.error); });
    await edit(tx.objectStore("lines"), tx.objectStore("meta"));
    await finished;
  } finally {
    db.close();
  }
}

async function operate(p) {
  await p.openAccount({ id: "volunteer#1" });
  await p.openAccount({ id: "resident#1", priority: true });
  await p.openAccount({ id: "volunteer#2", family: ["resident#1"] });
  assert.deepEqual(await p.earn(meta("e1"), "volunteer#2", 1, 90), { status: "posted", transaction: "tx#1" });
  await p.redeem(meta("r1", "2026-11-24T11:00:00"), "volunteer#2", 10);
  await p.transfer(meta("t1", "2026-11-24T12:00:00"), "volunteer#2", "resident#1", 20);
  await p.donate(meta("d1", "2026-11-24T12:10:00"), "volunteer#2", 15);
  await p.startingGrant(meta("s1", "2026-11-24T12:30:00"), "volunteer#1");
  await p.batch(meta("b1", "2026-11-24T13:00:00"), [
    { op: "earn", account: "volunteer#1", need: 2, minutes: 60 },
    { op: "transfer", from: "volunteer#2", to: "resident#1", minutes: 5 },
  ]);
  await p.submit(meta("sub1", "2026-11-24T15:00:00"), { op: "earn", account: "volunteer#1", need: 4, minutes: 30 });
  await p.earnPoints(meta("p1", "2026-11-24T16:00:00"), "resident#1", "meeting", 2);
}

test("open, operate, reopen: the same balances, head and journal; every operation stored as it happened, durably", async () => {
  const idb = new IDBFactory();
  const modes = [];
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (stores, mode, options) {
    if (mode !== "versionchange") modes.push(`${mode}:${options?.durability ?? "-"}`);
    return transaction.call(this, stores, mode, options);
  };
  let p;
  try {
    p = await openPersistentLedger("bank", { policy: POLICY, indexedDB: idb });
  } finally {
    IDBDatabase.prototype.transaction = transaction;
  }
  assert.deepEqual(modes, ["readwrite:strict"]);
  assert.equal(p.name, "bank");
  assert.equal(p.policy.starting_grant, 30);
  assert.equal(p.head().seq, 1); // the header
  await operate(p);
  const balances = p.balances();
  assert.equal(balances["volunteer#2"], 40);
  assert.equal(p.totalBalance(), 0);
  const head = p.head();
  assert.equal(head.seq, p.journalLen());
  assert.equal(head.seq, 12); // the header, three accounts, eight operations
  // What is stored: the ledger's own lines, keyed by seq, and the head.
  const stored = await raw(idb, "bank");
  const mine = Ledger.importJournal(p.exportJournal()).journalLinesAfter();
  assert.deepEqual(stored.lines, mine.lines);
  assert.deepEqual(stored.head, head);
  const journal = p.exportJournal();
  await p.close();
  await rejectsCode(p.earn(meta("late"), "volunteer#1", 1, 5), "STORAGE_CLOSED");
  assert.throws(() => p.balances(), { code: "STORAGE_CLOSED" });

  // Reopened (with another policy: the stored one stays).
  const again = await openPersistentLedger("bank", { policy: { starting_grant: 0 }, indexedDB: idb });
  assert.deepEqual(again.head(), head);
  assert.deepEqual(again.balances(), balances);
  assert.equal(again.policy.starting_grant, 30);
  assert.equal(again.exportJournal(), journal);
  assert.equal(again.pointsBalance("resident#1"), 2);
  assert.equal(again.transaction("tx#1").kind, "earn");
  // And goes on.
  await again.earn(meta("e2", "2026-11-25T09:00:00"), "volunteer#1", 5, 45);
  assert.equal(again.head().seq, 13);
  await again.close();
  const third = await openPersistentLedger("bank", { indexedDB: idb });
  assert.equal(third.balance("volunteer#1"), balances["volunteer#1"] + 45);
  await third.close();
});

test("a refused operation rejects with the ledger's error and writes nothing", async () => {
  const idb = new IDBFactory();
  const p = await openPersistentLedger("bank", { indexedDB: idb });
  await p.openAccount({ id: "resident#1" });
  const head = p.head();
  const before = await raw(idb, "bank");
  await rejectsCode(p.redeem(meta("r1"), "resident#1", 10_000), "LEDGER_FLOOR_BREACH", { account: "resident#1" });
  await rejectsCode(p.openAccount({ id: "resident#1" }), "LEDGER_DUPLICATE_ACCOUNT");
  await rejectsCode(p.earn(meta("e1"), "nobody#1", 1, 5), "INVALID_ID");
  assert.deepEqual(await raw(idb, "bank"), before);
  assert.deepEqual(p.head(), head);
  // The same key twice: the first receipt, nothing new stored.
  await p.openAccount({ id: "volunteer#1" });
  const r = await p.earn(meta("e2"), "volunteer#1", 1, 30);
  const after = await raw(idb, "bank");
  assert.deepEqual(await p.earn(meta("e2"), "volunteer#1", 1, 30), r);
  assert.deepEqual(await raw(idb, "bank"), after);
  await p.close();
});

test("a failed write rejects with STORAGE_FAILED and the ledger is as it was, in memory and stored", async () => {
  const idb = new IDBFactory();
  const p = await openPersistentLedger("bank", { indexedDB: idb });
  await p.openAccount({ id: "volunteer#1" });
  await p.earn(meta("e1"), "volunteer#1", 1, 60);
  const head = p.head();
  const journal = p.exportJournal();
  const stored = await raw(idb, "bank");
  const add = IDBObjectStore.prototype.add;
  // (1) The store refuses the line at once (a full disk).
  IDBObjectStore.prototype.add = function () {
    throw new DOMException("the disk is full", "QuotaExceededError");
  };
  try {
    await rejectsCode(p.earn(meta("e2"), "volunteer#1", 2, 30), "STORAGE_FAILED", { cause: "QuotaExceededError" });
  } finally {
    IDBObjectStore.prototype.add = add;
  }
  assert.equal(p.balance("volunteer#1"), 60);
  assert.equal(p.exportJournal(), journal);
  assert.deepEqual(p.head(), head);
  assert.deepEqual(await raw(idb, "bank"), stored);
  // (2) The line is accepted, then the transaction aborts before it commits.
  IDBObjectStore.prototype.add = function (...args) {
    const req = add.apply(this, args);
    this.transaction.abort();
    return req;
  };
  try {
    await rejectsCode(p.batch(meta("b1"), [{ op: "earn", account: "volunteer#1", need: 3, minutes: 10 }]), "STORAGE_FAILED");
  } finally {
    IDBObjectStore.prototype.add = add;
  }
  assert.equal(p.exportJournal(), journal);
  assert.deepEqual(await raw(idb, "bank"), stored);
  // The same key again, now stored: a new transaction, not the refused one's receipt.
  assert.deepEqual(await p.earn(meta("e2"), "volunteer#1", 2, 30), { status: "posted", transaction: "tx#2" });
  assert.equal(p.balance("volunteer#1"), 90);
  await p.close();
  const again = await openPersistentLedger("bank", { indexedDB: idb });
  assert.equal(again.balance("volunteer#1"), 90);
  assert.deepEqual(again.head(), { seq: head.seq + 1, hash: again.head().hash });
  await again.close();
});

test("a changed store is refused naming the line: an edited line, a removed line, a forged head", async () => {
  const idb = new IDBFactory();
  const p = await openPersistentLedger("bank", { indexedDB: idb });
  await p.openAccount({ id: "volunteer#1" });
  await p.openAccount({ id: "resident#1" });
  await p.earn(meta("e1"), "volunteer#1", 1, 60); // line 4 (seq 3)
  await p.donate(meta("d1"), "volunteer#1", 15);
  await p.close();
  const good = await raw(idb, "bank");
  const put = (records) => tamper(idb, "bank", async (lines) => { for (const r of records) await done(lines.put(r)); });
  // An edited amount.
  const line4 = good.lines[3];
  assert.match(line4.text, /"minutes":60/);
  await put([{ ...line4, text: line4.text.replace('"minutes":60', '"minutes":600') }]);
  await rejectsCode(openPersistentLedger("bank", { indexedDB: idb }), "JOURNAL_HASH_MISMATCH", { line: 4, record: "journal line 4" });
  // Not a line at all.
  await put([{ seq: 3, note: "gone" }]);
  await rejectsCode(openPersistentLedger("bank", { indexedDB: idb }), "JOURNAL_MALFORMED", { line: 4 });
  await put([line4]);
  const restored = await openPersistentLedger("bank", { indexedDB: idb });
  assert.equal(restored.balance("volunteer#1"), 45);
  await restored.close();
  // A line removed in the middle, then the last one.
  await tamper(idb, "bank", (lines) => done(lines.delete(2)));
  await rejectsCode(openPersistentLedger("bank", { indexedDB: idb }), "JOURNAL_SEQUENCE", { line: 3 });
  await put([good.lines[2]]);
  await tamper(idb, "bank", (lines) => done(lines.delete(good.head.seq - 1)));
  await rejectsCode(openPersistentLedger("bank", { indexedDB: idb }), "JOURNAL_SEAL_MISMATCH", { line: good.head.seq });
  await put([good.lines.at(-1)]);
  // The head record forged or removed.
  await tamper(idb, "bank", (_, m) => done(m.put({ seq: good.head.seq, hash: "0".repeat(64) }, "head")));
  await rejectsCode(openPersistentLedger("bank", { indexedDB: idb }), "JOURNAL_SEAL_MISMATCH", { line: good.head.seq + 1 });
  await tamper(idb, "bank", (_, m) => done(m.delete("head")));
  await rejectsCode(openPersistentLedger("bank", { indexedDB: idb }), "JOURNAL_SEAL_MISMATCH");
  await tamper(idb, "bank", (_, m) => done(m.put(good.head, "head")));
  const p2 = await openPersistentLedger("bank", { indexedDB: idb });
  assert.deepEqual(p2.head(), good.head);

  // While open: a line appended behind its back that does not chain is refused by the next
  // operation, which writes nothing.
  const forged = { seq: good.head.seq, hash: "f".repeat(64), text: good.lines.at(-1).text };
  await tamper(idb, "bank", async (lines, m) => {
    await done(lines.add(forged));
    await done(m.put({ seq: good.head.seq + 1, hash: forged.hash }, "head"));
  });
  const before = await raw(idb, "bank");
  await rejectsCode(p2.earn(meta("e2"), "volunteer#1", 1, 5), "JOURNAL_SEQUENCE", { line: good.head.seq + 1 });
  assert.deepEqual(await raw(idb, "bank"), before);
  assert.deepEqual(p2.head(), good.head);
  assert.equal(p2.balance("volunteer#1"), 45);
  await p2.close();
});

test("two tabs on one database: each catches up before it writes, no operation is lost", async () => {
  const idb = new IDBFactory();
  const a = await openPersistentLedger("shared", { policy: POLICY, indexedDB: idb });
  const b = await openPersistentLedger("shared", { indexedDB: idb });
  await a.openAccount({ id: "volunteer#1" });
  await b.openAccount({ id: "volunteer#2" }); // b first catches up with a's account
  const members = (l) => l.accounts().map((x) => x.id).filter((id) => id.startsWith("volunteer#"));
  assert.deepEqual(members(b), ["volunteer#1", "volunteer#2"]);
  assert.deepEqual(members(a), ["volunteer#1"], "a has not read b's line yet");
  assert.deepEqual(await a.refresh(), b.head());
  assert.deepEqual(members(a), ["volunteer#1", "volunteer#2"]);
  // Interleaved: twenty earns from each tab at once, every one stored once.
  const ops = [];
  for (let i = 0; i < 20; i += 1) {
    ops.push(a.earn(meta(`a${i}`), "volunteer#1", i + 1, 10));
    ops.push(b.earn(meta(`b${i}`), "volunteer#2", i + 100, 5));
  }
  const receipts = await Promise.all(ops);
  assert.equal(new Set(receipts.map((r) => r.transaction)).size, 40, "40 distinct transactions");
  // The same key from both tabs: one transaction, the same receipt.
  const [ra, rb] = await Promise.all([
    a.earn(meta("same"), "volunteer#1", 99, 30),
    b.earn(meta("same"), "volunteer#1", 99, 30),
  ]);
  assert.deepEqual(ra, rb);
  await a.refresh();
  await b.refresh();
  assert.deepEqual(a.head(), b.head());
  assert.deepEqual(a.balances(), b.balances());
  assert.equal(a.balance("volunteer#1"), 20 * 10 + 30);
  assert.equal(a.balance("volunteer#2"), 20 * 5);
  assert.equal(a.totalBalance(), 0);
  const balances = a.balances();
  await a.close();
  await b.close();
  const c = await openPersistentLedger("shared", { indexedDB: idb });
  assert.deepEqual(c.balances(), balances);
  assert.equal(c.balance("volunteer#1"), 230);
  assert.equal(c.transactions().length, 41);
  await c.close();
});

test("arguments are taken when the operation is called; delete, close and bad options", async () => {
  const idb = new IDBFactory();
  const p = await openPersistentLedger("bank", { indexedDB: idb });
  await p.openAccount({ id: "volunteer#1" });
  const m = meta("e1");
  const pending = p.earn(m, "volunteer#1", 1, 60);
  m.key = "changed";
  await pending;
  assert.equal(p.transactions()[0].key, "e1");
  // Deleting the database closes the ledgers open on it.
  await deletePersistentLedger("bank", { indexedDB: idb });
  await rejectsCode(p.earn(meta("e2"), "volunteer#1", 1, 5), "STORAGE_CLOSED");
  await p.close();
  const fresh = await openPersistentLedger("bank", { indexedDB: idb });
  assert.equal(fresh.head().seq, 1);
  await fresh.close();
  // Bad options: nothing is created.
  await rejectsCode(openPersistentLedger("", { indexedDB: idb }), "INVALID_ARGUMENT", { field: "name" });
  await rejectsCode(openPersistentLedger("x"), "INVALID_ARGUMENT", { field: "indexedDB" }); // Node has no IndexedDB
  await rejectsCode(openPersistentLedger("x", { indexedDB: idb, policy: { cap: "lots" } }), "LEDGER_INVALID_POLICY", { setting: "cap" });
  await rejectsCode(openPersistentLedger("x", { indexedDB: idb, policy: { unit: 0 } }), "LEDGER_INVALID_POLICY", { setting: "unit" });
  assert.deepEqual((await idb.databases()).map((d) => d.name), ["bank"]);
  await rejectsCode(deletePersistentLedger(5, { indexedDB: idb }), "INVALID_ARGUMENT", { field: "name" });
  // A database of a newer schema: a typed error, never a silent downgrade.
  await done(idb.open("newer", 7));
  await rejectsCode(openPersistentLedger("newer", { indexedDB: idb }), "STORAGE_FAILED", { cause: "VersionError" });
});
