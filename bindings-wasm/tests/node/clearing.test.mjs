// Clearing between time banks (通存通兑): the operations submitted by hand, then the protocol
// driver (`Clearing`) on the shared hand-worked fixture, on bad input, and on banks kept in
// IndexedDB (fake-indexeddb's, as in persistent-ledger.test.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { IDBFactory, IDBObjectStore } from "fake-indexeddb";
import { Clearing, Ledger, openPersistentLedger } from "../../pkg/node.js";
import { meta, root, throwsCode, thrown } from "./helpers.mjs";

// 通存通兑: a Pudong member spends 90 of 120 minutes in Xuhui's bank, in two phases.
test("clearing between two banks: prepare, apply, acknowledge; never applied twice", () => {
  const pudong = new Ledger({ clearing: { bank: "pudong" } });
  const xuhui = new Ledger({ clearing: { bank: "xuhui" } });
  pudong.openAccount({ id: "volunteer#1" });
  pudong.openAccount({ id: "clearing#xuhui" });
  xuhui.openAccount({ id: "volunteer#7" });
  xuhui.openAccount({ id: "clearing#pudong" });
  const at = "2026-11-24T09:00:00";
  pudong.submit(meta("e1", at), { op: "earn", account: "volunteer#1", need: 1, minutes: 120 });
  const t = { transfer: "t1", from_bank: "pudong", to_bank: "xuhui", from: "volunteer#1", to: "volunteer#7", minutes: 90 };
  pudong.submit(meta("prepare-t1", at), { op: "clearing_prepare", ...t });
  assert.deepEqual([pudong.balance("volunteer#1"), pudong.balance("clearing#xuhui")], [30, 90]);
  const sourceHead = pudong.head().hash;
  xuhui.submit(meta("apply-t1", at), { op: "clearing_apply", ...t, source_head: sourceHead });
  assert.deepEqual([xuhui.balance("volunteer#7"), xuhui.balance("clearing#pudong")], [90, -90]);
  throwsCode(() => xuhui.submit(meta("apply-t1-again", at), { op: "clearing_apply", ...t, source_head: sourceHead }),
    "LEDGER_TRANSFER_ALREADY_APPLIED", { field: "transfer" });
  assert.equal(xuhui.balance("volunteer#7"), 90);
  pudong.submit(meta("ack-t1", at), { op: "clearing_acknowledge", transfer: "t1", from_bank: "pudong", to_bank: "xuhui",
    dest_head: xuhui.head().hash });
  assert.equal(pudong.totalBalance() + xuhui.totalBalance(), 0);
  assert.equal(pudong.balance("volunteer#1") + xuhui.balance("volunteer#7"), 120);
  // Each journal holds the other's head, and re-imports to the same state.
  assert.ok(xuhui.exportJournal().includes(sourceHead));
  assert.equal(Ledger.importJournal(pudong.exportJournal()).balance("volunteer#1"), 30);
});

// ---- The driver on the shared fixture ----

const REQUEST = { transfer_key: "t1", to_bank: "xuhui", from_account: "volunteer#1", to_account: "resident#7", minutes: 45 };
const AT = "2026-11-24T11:00:00";

/** Pudong (volunteer#1 holding 120) and Xuhui (resident#7), each with the other's clearing account. */
function twoBanks() {
  const pudong = new Ledger({ clearing: { bank: "pudong" } });
  const xuhui = new Ledger({ clearing: { bank: "xuhui" } });
  pudong.openAccount({ id: "clearing#xuhui" });
  pudong.openAccount({ id: "volunteer#1" });
  xuhui.openAccount({ id: "clearing#pudong" });
  xuhui.openAccount({ id: "resident#7" });
  pudong.earn(meta("e1", "2026-11-24T09:00:00"), "volunteer#1", 1, 120);
  return [pudong, xuhui];
}


const FIXTURE = JSON.parse(readFileSync(`${root}tests/fixtures/clearing_transfer_applied_refused_and_settled.json`, "utf8"));

/** The request fields of a submit or prepare step, as `meta`. */
const metaOf = ({ key, operator, at, memo }) => ({ key, operator, at, ...(memo === undefined ? {} : { memo }) });

/** A bank's journal lines from the empty head (an in-memory copy for a persistent bank). */
const linesOf = (bank) => (bank instanceof Ledger ? bank : Ledger.importJournal(bank.exportJournal())).journalLinesAfter().lines;

/** Every head hash of every bank's journal, named `<bank>:<lines>` (the fixture's spelling). */
function headNames(banks) {
  const names = new Map();
  for (const [name, bank] of Object.entries(banks)) {
    for (const line of linesOf(bank)) names.set(line.hash, `${name}:${line.seq + 1}`);
  }
  return names;
}

/** A step's result with its heads named (a copy: the raw message or reply goes to later steps). */
function named(out, names) {
  if (!out.ok || typeof out.ok !== "object" || Array.isArray(out.ok)) return out;
  const ok = { ...out.ok };
  for (const field of ["source_head", "dest_head"]) {
    if (typeof ok[field] === "string" && names.has(ok[field])) ok[field] = names.get(ok[field]);
  }
  return { ok };
}

/** What a bank holds, as the fixture says it: balances in the core's order, their sum, the journal's length. */
function bankState(bank) {
  return {
    balances: bank.accounts().map((a) => [a.id, bank.balance(a.id)]),
    total_balance: bank.totalBalance(),
    lines: bank.journalLen(),
  };
}

/**
 * Runs the fixture's steps through the JS API on `banks` (Ledgers, or persistent ledgers: every
 * step is awaited, which changes nothing for a synchronous result). Returns the steps' results
 * (heads raw) and what each step produced (its message or reply, raw, for later steps).
 */
async function drive(input, banks) {
  const clearing = new Clearing(input.operator);
  assert.equal(clearing.operator, input.operator);
  const produced = [];
  const steps = [];
  for (const [i, step] of input.steps.entries()) {
    const { bank, ...action } = step;
    const [[kind, args]] = Object.entries(action);
    const ledger = banks[bank];
    assert.ok(ledger, `step ${i}: no bank ${bank}`);
    const earlier = (n, what) => {
      assert.ok(produced[n], `step ${i}: step ${n} gave no ${what}`);
      return produced[n];
    };
    const before = { head: ledger.head(), journal: ledger.exportJournal() };
    let made = null;
    try {
      let value;
      switch (kind) {
        case "open":
          await ledger.openAccount(args);
          value = "ok";
          break;
        case "submit":
          value = await ledger.submit(metaOf(args), args.operation);
          break;
        case "prepare":
          value = made = await Clearing.prepare(ledger, metaOf(args), args.request);
          break;
        case "apply":
          value = made = await clearing.apply(ledger, earlier(args.message, "message"), args.at);
          break;
        case "refuse":
          value = made = await clearing.refuse(ledger, earlier(args.message, "message"), args.reason, args.at);
          break;
        case "settle":
          value = await clearing.settle(ledger, earlier(args.reply, "reply"), args.at);
          break;
        case "unsettled":
          assert.deepEqual(args, {});
          value = Clearing.unsettled(ledger).map((m) => m.transfer_key);
          break;
        default:
          assert.fail(`step ${i}: unknown step ${kind}`);
      }
      steps.push({ ok: value });
    } catch (e) {
      assert.equal(e.name, "HuzhuError", `step ${i}: ${e.stack}`);
      // A refused step changes nothing.
      assert.deepEqual(ledger.head(), before.head, `step ${i}`);
      assert.equal(ledger.exportJournal(), before.journal, `step ${i}`);
      steps.push({ error: { code: e.code, message: e.message } });
    }
    produced.push(made);
  }
  clearing.free();
  return { steps, produced };
}

/** Checks a run against the fixture's expected steps and banks. */
function checkAgainstFixture(banks, steps, expected) {
  const names = headNames(banks);
  assert.equal(steps.length, expected.steps.length);
  for (const [i, want] of expected.steps.entries()) {
    const got = named(steps[i], names);
    if (want.error) {
      assert.ok(got.error, `step ${i}: expected ${want.error.code}, got ${JSON.stringify(got)}`);
      assert.deepEqual({ code: got.error.code, message: got.error.message }, { code: want.error.code, message: want.error.message }, `step ${i}`);
    } else {
      assert.deepEqual(got, want, `step ${i}`);
    }
  }
  for (const [name, want] of Object.entries(expected.banks)) assert.deepEqual(bankState(banks[name]), want, name);
  assert.deepEqual(Object.keys(banks).sort(), Object.keys(expected.banks).sort());
}

test("the driver on the shared fixture: applied, repeated, over the limit, refused for the cap, cancelled, settled twice", async () => {
  const { input, expected } = FIXTURE;
  const banks = Object.fromEntries(Object.entries(input.banks).map(([name, b]) => [name, new Ledger(b.policy)]));
  const { steps, produced } = await drive(input, banks);
  checkAgainstFixture(banks, steps, expected);
  // Balances as a map agree with the ordered list.
  for (const [name, bank] of Object.entries(banks)) {
    assert.deepEqual(bank.balances(), Object.fromEntries(expected.banks[name].balances));
    assert.ok(bank.verifyBalances());
  }
  // Messages and replies rebuilt from the ledgers are the ones the steps returned, raw heads
  // included; an unknown transfer has none.
  const { pudong, xuhui } = banks;
  assert.deepEqual(Clearing.message(pudong, "t1"), produced[5]);
  assert.deepEqual(Clearing.message(pudong, "t3"), produced[10]);
  assert.equal(Clearing.message(pudong, "t2"), undefined); // refused at prepare: never prepared
  assert.deepEqual(Clearing.reply(xuhui, "pudong", "t1"), produced[6]);
  assert.deepEqual(Clearing.reply(xuhui, "Pudong", "t3"), produced[11]);
  assert.equal(Clearing.reply(xuhui, "jingan", "t1"), undefined);
  assert.equal(Clearing.message(xuhui, "t1"), undefined); // prepared elsewhere
  assert.deepEqual(produced[6], produced[7], "the message arriving again: the same reply");
  assert.equal(produced[5].source_head, linesOf(pudong)[4].hash);
  // The idempotency keys the driver used are the key helpers'.
  const keys = (l) => l.transactions().map((t) => t.key);
  assert.deepEqual(keys(xuhui), [Clearing.applyKey("pudong", "t1"), Clearing.refuseKey("pudong", "t3")]);
  assert.deepEqual(keys(pudong), ["e1", "send-1", Clearing.acknowledgeKey("t1"), "send-3", Clearing.cancelKey("t3")]);
  assert.equal(pudong.transaction("tx#5").memo, "LEDGER_CAP_BREACH", "a cancel's memo is the refusal's reason");
  assert.equal(xuhui.transaction("tx#1").operator, "clearing:city");
  assert.deepEqual([Clearing.applyKey("Pudong", "t1"), Clearing.refuseKey("xuhui", "t 2"), Clearing.acknowledgeKey("t1"), Clearing.cancelKey("t1")],
    ["clearing:apply:pudong:t1", "clearing:refuse:xuhui:t 2", "clearing:ack:t1", "clearing:cancel:t1"]);
  // Messages are the wire format: JSON through and back is the same message.
  const wire = JSON.parse(JSON.stringify(produced[10]));
  assert.deepEqual(Object.keys(wire).sort(), ["from_account", "from_bank", "minutes", "source_head", "to_account", "to_bank", "transfer_key"]);
  assert.deepEqual(new Clearing("other").refuse(xuhui, wire, "timeout", "2026-11-24T16:00:00"), produced[11]);
});

test("a Date works where a time is asked, and a message from JSON text as well as the object", () => {
  const [pudong, xuhui] = twoBanks();
  const clearing = new Clearing("clearing:city");
  const m = Clearing.prepare(pudong, { key: "s1", operator: "desk", at: new Date(2026, 10, 24, 10, 0) }, REQUEST);
  const r = clearing.apply(xuhui, JSON.parse(JSON.stringify(m)), new Date(2026, 10, 24, 11, 0));
  assert.equal(r.outcome.state, "applied");
  assert.equal(xuhui.transactions()[0].at, "2026-11-24T11:00:00");
  assert.deepEqual(clearing.settle(pudong, r, "2026-11-24T12:00:00"), { status: "posted", transaction: "tx#3" });
  assert.deepEqual([pudong.balance("volunteer#1"), xuhui.balance("resident#7")], [75, 45]);
});

// ---- Bad input through the driver ----

const without = (object, name) => Object.fromEntries(Object.entries(object).filter(([k]) => k !== name));

/** Malformed variants of a wire value: every member left out, an unknown one, bad values. */
function malformed(value, what) {
  const cases = Object.keys(value).map((name) => [`${what} without ${name}`, without(value, name), `${what}.${name}`]);
  cases.push([`${what} with an unknown member`, { ...value, colour: "red" }, `${what}.colour`]);
  for (const bank of ["to_bank", "from_bank"].filter((b) => b in value)) {
    for (const bad of ["-pudong", "pu dong", "", "a-very-long-bank-code", 7, null]) {
      cases.push([`${what}.${bank} ${JSON.stringify(bad)}`, { ...value, [bank]: bad }, `${what}.${bank}`]);
    }
  }
  for (const account of ["from_account", "to_account"].filter((a) => a in value)) {
    for (const bad of ["volunteer#x", "nobody#1", "", 3, null, ["volunteer"]]) {
      cases.push([`${what}.${account} ${JSON.stringify(bad)}`, { ...value, [account]: bad }, `${what}.${account}`]);
    }
  }
  if ("minutes" in value) {
    for (const bad of ["45", true, 1.5, null, NaN, 1e300, [45], { minutes: 45 }]) {
      cases.push([`${what}.minutes ${String(bad)}`, { ...value, minutes: bad }, `${what}.minutes`]);
    }
  }
  for (const text of ["transfer_key", "source_head", "dest_head"].filter((t) => t in value)) {
    cases.push([`${what}.${text} a number`, { ...value, [text]: 5 }, `${what}.${text}`]);
  }
  return cases;
}

/** `fn` throws a HuzhuError naming `field` (never a panic), and the ledger is unchanged. */
function refusedNaming(ledger, fn, field, label) {
  const head = ledger.head();
  const journal = ledger.exportJournal();
  const e = thrown(fn);
  assert.equal(e.name, "HuzhuError", `${label}: ${e.constructor.name}: ${e.message}`);
  assert.equal(e.code, "MODEL_JSON", `${label}: ${e.message}`);
  assert.equal(e.field, field, `${label}: ${e.message}`);
  assert.deepEqual(ledger.head(), head, label);
  assert.equal(ledger.exportJournal(), journal, label);
  return e;
}

test("a malformed request is a typed error naming its field; nothing changes", () => {
  const [pudong] = twoBanks();
  const cases = malformed(REQUEST, "request");
  assert.ok(cases.length > 30);
  for (const [label, request, field] of cases) {
    refusedNaming(pudong, () => Clearing.prepare(pudong, meta("s1"), request), field, label);
  }
  const missing = refusedNaming(pudong, () => Clearing.prepare(pudong, meta("s1"), without(REQUEST, "minutes")), "request.minutes", "missing");
  assert.equal(missing.message, "JSON: missing field `minutes`");
  const unknown = refusedNaming(pudong, () => Clearing.prepare(pudong, meta("s1"), { ...REQUEST, from_bank: "pudong" }), "request.from_bank", "unknown");
  assert.match(unknown.message, /unknown field `from_bank`/);
  for (const bad of [null, undefined, 5, "t1", [], Object.values(REQUEST)]) {
    refusedNaming(pudong, () => Clearing.prepare(pudong, meta("s1"), bad), "request", String(bad));
  }
  // The meta is read as every operation's.
  throwsCode(() => Clearing.prepare(pudong, { key: "s1", operator: "desk" }, REQUEST), "MODEL_JSON", { field: "meta" });
  throwsCode(() => Clearing.prepare(pudong, { ...meta("s1"), at: "2026-11-24T10:00:00+08:00" }, REQUEST), "MODEL_JSON", { field: "meta.at" });
  throwsCode(() => Clearing.prepare(pudong, { ...meta("s1"), colour: 1 }, REQUEST), "MODEL_JSON", { field: "meta.colour" });
  // Well-formed, the core's rules: errors with their facts, nothing changes.
  throwsCode(() => Clearing.prepare(pudong, meta("s1"), { ...REQUEST, minutes: 500 }), "LEDGER_FLOOR_BREACH", { account: "volunteer#1", key: "s1" });
  throwsCode(() => Clearing.prepare(pudong, meta("s1"), { ...REQUEST, to_bank: "jingan" }), "LEDGER_UNKNOWN_ACCOUNT");
  throwsCode(() => Clearing.prepare(pudong, meta("s1"), { ...REQUEST, to_bank: "pudong" }), "LEDGER_SAME_BANK");
  throwsCode(() => Clearing.prepare(new Ledger(), meta("s1"), REQUEST), "LEDGER_CLEARING_DISABLED", { setting: "clearing.bank" });
  assert.equal(pudong.balance("volunteer#1"), 120);
  assert.deepEqual(Clearing.unsettled(pudong), []);
});

test("a malformed message or reply is a typed error naming its field; nothing changes", () => {
  const [pudong, xuhui] = twoBanks();
  const clearing = new Clearing("clearing:city");
  const message = Clearing.prepare(pudong, meta("s1"), REQUEST);
  const cases = malformed(message, "message");
  for (const [label, m, field] of cases) {
    refusedNaming(xuhui, () => clearing.apply(xuhui, m, AT), field, `apply: ${label}`);
    refusedNaming(xuhui, () => clearing.refuse(xuhui, m, "timeout", AT), field, `refuse: ${label}`);
  }
  for (const bad of [null, undefined, 5, "t1", []]) refusedNaming(xuhui, () => clearing.apply(xuhui, bad, AT), "message", String(bad));
  const reply = clearing.apply(xuhui, message, AT);
  const replies = malformed(reply, "reply");
  replies.push(
    ["outcome without state", { ...reply, outcome: {} }, "reply.outcome.state"],
    ["a refusal without its reason", { ...reply, outcome: { state: "refused" } }, "reply.outcome.reason"],
    ["an unknown state", { ...reply, outcome: { state: "lost" } }, "reply.outcome.state"],
    // The core reads the outcome as a whole: a reason on an applied outcome names the outcome.
    ["an applied outcome with a reason", { ...reply, outcome: { state: "applied", reason: "x" } }, "reply.outcome"],
    ["a refusal with a member too many", { ...reply, outcome: { state: "refused", reason: "x", colour: 1 } }, "reply.outcome.colour"],
    ["a refusal whose reason is a number", { ...reply, outcome: { state: "refused", reason: 5 } }, "reply.outcome.reason"],
    ["a state that is a number", { ...reply, outcome: { state: 5 } }, "reply.outcome.state"],
    ["outcome a string", { ...reply, outcome: "applied" }, "reply.outcome"],
    ["outcome an array", { ...reply, outcome: ["applied"] }, "reply.outcome"],
    ["the reply an array", Object.values(reply), "reply"],
  );
  for (const [label, r, field] of replies) refusedNaming(pudong, () => clearing.settle(pudong, r, AT), field, `settle: ${label}`);
  // The other arguments.
  throwsCode(() => clearing.apply(xuhui, message, "noon"), "INVALID_DATE", { field: "at" });
  throwsCode(() => clearing.apply(xuhui, message, 5), "INVALID_ARGUMENT", { field: "at" });
  throwsCode(() => clearing.refuse(xuhui, message, 5, AT), "INVALID_ARGUMENT", { field: "reason" });
  throwsCode(() => Clearing.message(pudong, 5), "INVALID_ARGUMENT", { field: "transferKey" });
  throwsCode(() => Clearing.reply(xuhui, "-x", "t1"), "INVALID_ID", { field: "fromBank" });
  throwsCode(() => Clearing.reply(xuhui, null, "t1"), "INVALID_ARGUMENT", { field: "fromBank" });
  throwsCode(() => Clearing.applyKey("pu dong", "t1"), "INVALID_ID", { field: "fromBank" });
  throwsCode(() => Clearing.cancelKey(undefined), "INVALID_ARGUMENT", { field: "transferKey" });
  throwsCode(() => new Clearing(null), "INVALID_ARGUMENT", { field: "operator" });
  // A ledger where a Ledger is asked: a TypeError naming the class (the glue's check).
  for (const fn of [() => clearing.apply({}, message, AT), () => Clearing.prepare(null, meta("s1"), REQUEST), () => Clearing.unsettled("pudong")]) {
    const e = thrown(fn);
    assert.equal(e.constructor, TypeError);
    assert.match(e.message, /^expected instance of Ledger$/);
  }
  assert.deepEqual([pudong.balance("volunteer#1"), xuhui.balance("resident#7")], [75, 45]);
  assert.deepEqual(clearing.settle(pudong, reply, AT), { status: "posted", transaction: "tx#3" });
});

test("a message or reply at the wrong bank is LEDGER_WRONG_BANK, and nothing changes", () => {
  const [pudong, xuhui] = twoBanks();
  const jingan = new Ledger({ clearing: { bank: "jingan" } });
  jingan.openAccount({ id: "clearing#pudong" });
  jingan.openAccount({ id: "resident#7" });
  const clearing = new Clearing("clearing:city");
  const message = Clearing.prepare(pudong, meta("s1"), REQUEST);
  const unchanged = (ledger, fn, props) => {
    const head = ledger.head();
    const journal = ledger.exportJournal();
    const e = throwsCode(fn, "LEDGER_WRONG_BANK", props);
    assert.deepEqual(ledger.head(), head);
    assert.equal(ledger.exportJournal(), journal);
    return e;
  };
  // Sent to Jingan, or back to Pudong, instead of Xuhui.
  const e = unchanged(jingan, () => clearing.apply(jingan, message, AT), { field: "to_bank", key: "clearing:apply:pudong:t1" });
  assert.equal(e.message, "transaction 'clearing:apply:pudong:t1': to_bank is xuhui, but this bank is jingan");
  unchanged(jingan, () => clearing.refuse(jingan, message, "timeout", AT), { field: "to_bank", key: "clearing:refuse:pudong:t1" });
  unchanged(pudong, () => clearing.apply(pudong, message, AT), { field: "to_bank" });
  assert.equal(Clearing.reply(jingan, "pudong", "t1"), undefined);
  // The reply settled at Xuhui instead of Pudong.
  const reply = clearing.apply(xuhui, message, AT);
  unchanged(xuhui, () => clearing.settle(xuhui, reply, AT), { field: "from_bank" });
  unchanged(jingan, () => clearing.settle(jingan, reply, AT), { field: "from_bank" });
  // A ledger without a bank code.
  const plain = new Ledger();
  const head = plain.head();
  throwsCode(() => clearing.apply(plain, message, AT), "LEDGER_CLEARING_DISABLED");
  assert.deepEqual(plain.head(), head);
  assert.deepEqual(Clearing.unsettled(plain), []);
  assert.equal(Clearing.message(plain, "t1"), undefined);
  // A reply that contradicts the settlement: refused once applied.
  clearing.settle(pudong, reply, AT);
  const before = pudong.head();
  throwsCode(() => clearing.settle(pudong, { ...reply, outcome: { state: "refused", reason: "timeout" } }, AT), "LEDGER_TRANSFER_SETTLED");
  assert.deepEqual(pudong.head(), before);
  // A time before the ledger's latest change.
  throwsCode(() => clearing.refuse(xuhui, Clearing.prepare(pudong, meta("s2", AT), { ...REQUEST, transfer_key: "t2" }), "timeout", "2026-11-24T08:00:00"),
    "LEDGER_TIME_OUT_OF_ORDER");
});

// ---- Banks kept in IndexedDB ----

/** The raw store of a database: its line records and head record. */
async function stored(idb, name) {
  const req = idb.open(name);
  const db = await new Promise((resolve, reject) => { req.onsuccess = () => resolve(req.result); req.onerror = () => reject(req.error); });
  try {
    const tx = db.transaction(["lines", "meta"], "readonly");
    const get = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
    const [lines, head] = await Promise.all([get(tx.objectStore("lines").getAll()), get(tx.objectStore("meta").get("head"))]);
    return { lines, head };
  } finally {
    db.close();
  }
}

async function rejectsCode(promise, code, props = {}) {
  assert.ok(promise instanceof Promise, "a persistent step returns a Promise");
  await assert.rejects(promise, (e) => {
    assert.equal(e.name, "HuzhuError", e.message);
    assert.equal(e.code, code, e.message);
    for (const [k, v] of Object.entries(props)) assert.equal(e[k], v, `${k} of ${e.message}`);
    return true;
  });
}

async function persistentBanks(idb) {
  const pudong = await openPersistentLedger("pudong", { indexedDB: idb, policy: { clearing: { bank: "pudong" } } });
  const xuhui = await openPersistentLedger("xuhui", { indexedDB: idb, policy: { clearing: { bank: "xuhui" } } });
  await pudong.openAccount({ id: "clearing#xuhui" });
  await pudong.openAccount({ id: "volunteer#1" });
  await xuhui.openAccount({ id: "clearing#pudong" });
  await xuhui.openAccount({ id: "resident#7" });
  await pudong.earn(meta("e1", "2026-11-24T09:00:00"), "volunteer#1", 1, 120);
  return [pudong, xuhui];
}

test("persistent banks: prepare, apply, settle are each stored; reopened, both banks are the same", async () => {
  const idb = new IDBFactory();
  const [pudong, xuhui] = await persistentBanks(idb);
  const clearing = new Clearing("clearing:city");
  const lines = async (name) => (await stored(idb, name)).lines.length;
  assert.deepEqual([await lines("pudong"), await lines("xuhui")], [4, 3]);

  const pending = Clearing.prepare(pudong, meta("s1", "2026-11-24T10:00:00"), REQUEST);
  assert.ok(pending instanceof Promise);
  const message = await pending;
  assert.equal(await lines("pudong"), 5, "the prepare is stored when it resolves");
  assert.equal(message.source_head, pudong.head().hash);
  assert.deepEqual(Clearing.message(pudong, "t1"), message);
  assert.deepEqual(Clearing.unsettled(pudong), [message]);
  const reply = await clearing.apply(xuhui, message, "2026-11-24T11:00:00");
  assert.deepEqual(reply, { transfer_key: "t1", from_bank: "pudong", to_bank: "xuhui", outcome: { state: "applied" }, dest_head: xuhui.head().hash });
  assert.equal(await lines("xuhui"), 4);
  // Again: the same reply, nothing new stored.
  assert.deepEqual(await clearing.apply(xuhui, message, "2026-11-24T11:30:00"), reply);
  assert.deepEqual(await clearing.refuse(xuhui, message, "timeout", "2026-11-24T11:40:00"), reply);
  assert.equal(await lines("xuhui"), 4);
  assert.deepEqual(await clearing.settle(pudong, reply, "2026-11-24T12:00:00"), { status: "posted", transaction: "tx#3" });
  assert.equal(await lines("pudong"), 6);
  assert.deepEqual(Clearing.unsettled(pudong), []);
  // A second transfer refused for good at Xuhui (the refusal is stored), cancelled at Pudong.
  const m2 = await Clearing.prepare(pudong, meta("s2", "2026-11-24T13:00:00"), { ...REQUEST, transfer_key: "t2", to_account: "resident#8" });
  const r2 = await clearing.apply(xuhui, m2, "2026-11-24T13:10:00");
  assert.deepEqual(r2.outcome, { state: "refused", reason: "LEDGER_UNKNOWN_ACCOUNT" });
  assert.deepEqual(await clearing.settle(pudong, r2, "2026-11-24T13:20:00"), { status: "posted", transaction: "tx#5" });

  const state = (b) => ({ head: b.head(), balances: b.balances(), journal: b.exportJournal() });
  const before = { pudong: state(pudong), xuhui: state(xuhui) };
  assert.deepEqual(before.pudong.balances, { "volunteer#1": 75, fund: -120, donation_pool: 0, "clearing#xuhui": 45 });
  assert.deepEqual(before.xuhui.balances, { "resident#7": 45, fund: 0, donation_pool: 0, "clearing#pudong": -45 });
  for (const [name, b] of [["pudong", pudong], ["xuhui", xuhui]]) assert.deepEqual((await stored(idb, name)).head, b.head());
  await pudong.close();
  await xuhui.close();
  await rejectsCode(Clearing.prepare(pudong, meta("s3"), REQUEST), "STORAGE_CLOSED");
  assert.throws(() => Clearing.unsettled(pudong), { code: "STORAGE_CLOSED" });

  const [p2, x2] = [await openPersistentLedger("pudong", { indexedDB: idb }), await openPersistentLedger("xuhui", { indexedDB: idb })];
  assert.deepEqual({ pudong: state(p2), xuhui: state(x2) }, before);
  // The messages and replies rebuilt after the reopen are the ones sent.
  assert.deepEqual(Clearing.message(p2, "t1"), message);
  assert.deepEqual(Clearing.reply(x2, "pudong", "t1"), reply);
  assert.deepEqual(Clearing.reply(x2, "pudong", "t2"), r2);
  assert.deepEqual(Clearing.unsettled(p2), []);
  // And a settled transfer settled again returns the transaction that settled it.
  assert.deepEqual(await clearing.settle(p2, reply, "2026-11-24T14:00:00"), { status: "posted", transaction: "tx#3" });
  assert.deepEqual(p2.head(), before.pudong.head);
  await p2.close();
  await x2.close();
});

test("persistent banks: the shared fixture gives the same steps, and the same banks after a reopen", async () => {
  const idb = new IDBFactory();
  const { input, expected } = FIXTURE;
  const banks = {};
  for (const [name, b] of Object.entries(input.banks)) banks[name] = await openPersistentLedger(name, { indexedDB: idb, policy: b.policy });
  const { steps } = await drive(input, banks);
  checkAgainstFixture(banks, steps, expected);
  const heads = Object.fromEntries(Object.entries(banks).map(([name, b]) => [name, b.head()]));
  for (const b of Object.values(banks)) await b.close();
  for (const name of Object.keys(banks)) {
    const again = await openPersistentLedger(name, { indexedDB: idb });
    assert.deepEqual(again.head(), heads[name]);
    assert.deepEqual(bankState(again), expected.banks[name]);
    await again.close();
  }
});

test("persistent banks: a refused step writes nothing; a failed write leaves the bank as it was", async () => {
  const idb = new IDBFactory();
  const [pudong, xuhui] = await persistentBanks(idb);
  const clearing = new Clearing("clearing:city");
  const before = { pudong: await stored(idb, "pudong"), xuhui: await stored(idb, "xuhui") };
  // Refused by the ledger, malformed, at the wrong bank: rejections, nothing stored.
  await rejectsCode(Clearing.prepare(pudong, meta("s1"), { ...REQUEST, minutes: 500 }), "LEDGER_FLOOR_BREACH");
  await rejectsCode(Clearing.prepare(pudong, meta("s1"), { ...REQUEST, minutes: "45" }), "MODEL_JSON", { field: "request.minutes" });
  await rejectsCode(Clearing.prepare(pudong, meta("s1"), { ...REQUEST, to_bank: "jingan" }), "LEDGER_UNKNOWN_ACCOUNT");
  const forged = { transfer_key: "t9", from_bank: "pudong", to_bank: "jingan", from_account: "volunteer#1", to_account: "resident#7", minutes: 5, source_head: "ab" };
  await rejectsCode(clearing.apply(xuhui, forged, AT), "LEDGER_WRONG_BANK", { field: "to_bank" });
  await rejectsCode(clearing.apply(xuhui, without(forged, "source_head"), AT), "MODEL_JSON", { field: "message.source_head" });
  assert.deepEqual({ pudong: await stored(idb, "pudong"), xuhui: await stored(idb, "xuhui") }, before);

  // IndexedDB refuses the prepare's line: rejected, and in memory the transfer never happened.
  const head = pudong.head();
  const add = IDBObjectStore.prototype.add;
  IDBObjectStore.prototype.add = function () {
    throw new DOMException("the disk is full", "QuotaExceededError");
  };
  try {
    await rejectsCode(Clearing.prepare(pudong, meta("s1"), REQUEST), "STORAGE_FAILED", { cause: "QuotaExceededError" });
  } finally {
    IDBObjectStore.prototype.add = add;
  }
  assert.deepEqual(pudong.head(), head);
  assert.equal(pudong.balance("volunteer#1"), 120);
  assert.equal(Clearing.message(pudong, "t1"), undefined);
  assert.deepEqual(Clearing.unsettled(pudong), []);
  assert.deepEqual(await stored(idb, "pudong"), before.pudong);
  // Then it goes through: the same request, a new transaction.
  const m = await Clearing.prepare(pudong, meta("s1"), REQUEST);
  assert.equal(pudong.balance("volunteer#1"), 75);
  // Steps run in the order called, with the arguments (and the driver's operator) as they were.
  const driver = new Clearing("clearing:night");
  const applying = driver.apply(xuhui, m, AT);
  m.minutes = 1;
  driver.free();
  const reply = await applying;
  assert.equal(xuhui.balance("resident#7"), 45);
  assert.equal(xuhui.transactions()[0].operator, "clearing:night");
  assert.equal(reply.outcome.state, "applied");
  await pudong.close();
  await xuhui.close();
});
