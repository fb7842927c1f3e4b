// The generated and API-level rows of tests/bad-input.md (A1–A19) through the package's own API.
//
// The Rust tests of these rows are core/tests/badinput_*.rs; sizes are theirs, except where a JS
// number cannot hold the value (i64 limits): the same limit is reached with numbers up to 2^53.
// Each bad input gives a HuzhuError naming the record and field (or a TypeError), never a panic
// or a trap, and a refused operation leaves the ledger or community as it was.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { root, canonical, thrown } from "./helpers.mjs";
import { Community, Ledger, Matcher, scorecard, circleCoverage, timeBankFromLedger } from "../../pkg/node.js";

const ROWS = Object.fromEntries(JSON.parse(readFileSync(`${root}tests/bad-inputs.json`, "utf8")).map((r) => [r.id, r]));
const BASE = ROWS["match.pin_unknown_need"].case.input.community;
const SAFE = 2 ** 53 - 1; // Number.MAX_SAFE_INTEGER
const MAX_COST = 2 ** 32 - 1;
const T = "2026-11-24T09:00:00";
const meta = (key, at = T) => ({ key, operator: "desk", at });

/** A HuzhuError with this code and these properties. */
function huzhu(fn, code, props = {}) {
  const e = thrown(fn);
  assert.equal(e.name, "HuzhuError", `${e.name}: ${e.message}`);
  assert.equal(e.code, code, e.message);
  for (const [k, v] of Object.entries(props)) assert.equal(e[k] ?? null, v, `${k} of ${e.message}`);
  return e;
}

const community = (changes = {}) => Community.fromJson(canonical({ ...structuredClone(BASE), ...changes }));

/** Runs `fn` on `target`, which must refuse it and stay as it was. */
function unchanged(snapshotOf, fn) {
  const before = snapshotOf();
  const e = fn();
  assert.deepEqual(snapshotOf(), before, "a refusal changed the state");
  return e;
}

// --- A1, A2: NaN and infinite coordinates --------------------------------------------------

test("A1/A2: NaN and infinite coordinates are refused by name, the community unchanged", () => {
  const c = new Community("NaN lane");
  const resident = { id: 1, birth_date: "1950-01-01", household: "lives_alone", self_care: "full", grid: 1 };
  const volunteer = { ...BASE.volunteers[0], id: 4 };
  for (const [lat, lon, field] of [[NaN, 121.5, "lat"], [31.2, NaN, "lon"], [Infinity, 121.5, "lat"], [31.2, -Infinity, "lon"]]) {
    // JSON (the boundary's format) has no NaN or Infinity: JSON.stringify writes null, which the
    // core's record reader refuses at the coordinate's path.
    unchanged(() => c.toJson(), () => huzhu(() => c.addResident({ ...resident, home: { lat, lon } }), "MODEL_JSON", {
      field: `resident.home.${field}`, message: "JSON: invalid type: null, expected f64", line: null,
    }));
    unchanged(() => c.toJson(), () => huzhu(() => c.addVolunteer({ ...volunteer, home: { lat, lon } }), "MODEL_JSON", {
      field: `volunteer.home.${field}`,
    }));
  }
  const snapshot = structuredClone(BASE);
  snapshot.residents[0].home.lat = NaN;
  huzhu(() => Community.fromSnapshot(snapshot), "MODEL_JSON", { line: 1 });
});

// --- A3: durations at the u32 extremes -------------------------------------------------------

test("A3: durations of 0, 10081 and u32::MAX are refused naming duration_minutes; 2^32 is no u32", () => {
  const c = community({ needs: [] });
  for (const [minutes, message] of [
    [0, "need#1: field `duration_minutes` must be positive"],
    [10081, "need#1: field `duration_minutes` value 10081 is outside 1..=10080"],
    [2 ** 32 - 1, "need#1: field `duration_minutes` value 4294967295 is outside 1..=10080"],
  ]) {
    unchanged(() => c.toJson(), () => huzhu(() => c.addNeed({ ...BASE.needs[0], duration_minutes: minutes }), "MODEL_INVALID_FIELD", {
      record: "need#1", field: "duration_minutes", message,
    }));
  }
  huzhu(() => c.addNeed({ ...BASE.needs[0], duration_minutes: 2 ** 32 }), "MODEL_JSON", { field: "need.duration_minutes" });
  assert.equal(c.counts.needs, 0);
});

// --- A4–A7: huge and strange snapshots ---------------------------------------------------------

function residentsText(n, extra = "") {
  const one = (i) => `{"id":${i},"birth_date":"1950-01-01","household":"with_family","self_care":"full","home":{"lat":31.2,"lon":121.5},"grid":1}`;
  return `{"format":"huzhu.community","version":1,"name":"Big","residents":[${Array.from({ length: n }, (_, i) => one(i + 1)).join(",")}${extra}]}`;
}

test("A4: a snapshot of 50,000 residents loads and a duplicate at the end is found", () => {
  assert.equal(Community.fromJson(residentsText(50_000)).counts.residents, 50_000);
  const dup = `,{"id":50000,"birth_date":"1950-01-01","household":"with_family","self_care":"full","home":{"lat":31.2,"lon":121.5},"grid":1}`;
  huzhu(() => Community.fromJson(residentsText(50_000, dup)), "MODEL_DUPLICATE_ID", { record: "resident#50000", message: "resident#50000: duplicate id" });
});

test("A5: a ten-megabyte name is refused as too long", () => {
  const name = "长".repeat(Math.floor((10 * 1024 * 1024) / 3));
  huzhu(() => Community.fromJson(`{"format":"huzhu.community","version":1,"name":"${name}"}`), "MODEL_INVALID_FIELD", {
    record: "snapshot", field: "name", message: "snapshot: field `name` is longer than 200 characters",
  });
});

test("A6: 10^3 and 10^6 nested arrays are a parse error, not a stack overflow", () => {
  for (const depth of [1_000, 1_000_000]) {
    const nest = "[".repeat(depth) + "]".repeat(depth);
    const e = huzhu(() => Community.fromJson(`{"format":"huzhu.community","version":1,"name":"X","residents":${nest}}`), "MODEL_JSON", { line: 1 });
    assert.match(e.message, /^JSON, line 1 column \d+: /);
  }
});

test("A7: control characters round-trip; unpaired surrogates are a parse error or replaced", () => {
  for (const escaped of ["\\u0000", "\\u0001", "\ufeff", "\\n\\t"]) {
    const c = Community.fromJson(`{"format":"huzhu.community","version":1,"name":"${escaped}"}`);
    assert.equal(c.name, JSON.parse(`"${escaped}"`));
    assert.equal(Community.fromJson(c.toJson()).toJson(), c.toJson());
  }
  for (const bad of ["\\ud800", "\\udfff\\ud800", "\u0001"]) {
    huzhu(() => Community.fromJson(`{"format":"huzhu.community","version":1,"name":"${bad}"}`), "MODEL_JSON", { line: 1 });
  }
  // A JS string may hold a lone surrogate: the string conversion into Rust replaces it (U+FFFD).
  const c = Community.fromJson('{"format":"huzhu.community","version":1,"name":"\ud800"}');
  assert.equal(c.name, "\ufffd");
  assert.equal(Community.fromJson(c.toJson()).toJson(), c.toJson());
});

// --- A8–A10: the ledger at the i64 extremes --------------------------------------------------

function bank(policy) {
  const l = new Ledger(policy);
  l.openAccount({ id: "volunteer#1" });
  l.openAccount({ id: "volunteer#2" });
  return l;
}

const ledgerState = (l) => [l.exportJournal(), l.transactions().length, JSON.stringify(l.balances())];

function refused(l, fn, code, props) {
  const e = unchanged(() => ledgerState(l), () => huzhu(fn, code, props));
  assert.equal(l.verifyBalances(), true);
  assert.equal(l.totalBalance(), 0);
  return e;
}

test("A8: the fund reaches i64::MIN exactly and the next minute overflows, changing nothing", () => {
  const l = bank({ cap: null, overdraft_limit: SAFE });
  // i64::MAX in numbers JS holds exactly: 1,024 × (2^53 − 1) + 1,023 = 2^63 − 1.
  for (let i = 0; i < 1024; i++) l.earn(meta(`a${i}`), "volunteer#1", 1, SAFE);
  l.earn(meta("a"), "volunteer#2", 1, 1023);
  l.earn(meta("b"), "volunteer#2", 1, 1); // the fund reaches i64::MIN
  refused(l, () => l.earn(meta("c"), "volunteer#2", 1, 1), "LEDGER_OVERFLOW", {
    record: "transaction 'c'", field: "minutes", account: "fund", key: "c", message: "transaction 'c': the balance of fund would overflow",
  });
  for (const minutes of [-SAFE, -1, 0]) {
    refused(l, () => l.earn(meta("d"), "volunteer#2", 1, minutes), "LEDGER_NON_POSITIVE_AMOUNT", {
      field: "minutes", message: `transaction 'd': minutes must be positive, got ${minutes}`,
    });
    refused(l, () => l.redeem(meta("e"), "volunteer#1", minutes), "LEDGER_NON_POSITIVE_AMOUNT", { field: "minutes" });
  }
  for (const minutes of [2 ** 53, 2 ** 63, -(2 ** 63), 1e300, NaN, Infinity]) {
    refused(l, () => l.earn(meta("f"), "volunteer#2", 1, minutes), "INVALID_ARGUMENT", { field: "minutes" });
  }
  // A BigInt is no number: the glue refuses it before Rust runs.
  const before = ledgerState(l);
  assert.equal(thrown(() => l.earn(meta("g"), "volunteer#2", 1, 5n)).constructor, TypeError);
  assert.deepEqual(ledgerState(l), before);
  // The largest overdraft lets volunteer#2 go down to −(2^53 − 1) and no further.
  l.redeem(meta("h"), "volunteer#2", SAFE);
  assert.equal(l.balance("volunteer#2"), 1024 - SAFE);
  refused(l, () => l.redeem(meta("i"), "volunteer#2", 1025), "LEDGER_FLOOR_BREACH", { record: "transaction 'i'", field: "minutes", account: "volunteer#2" });
  assert.equal(Ledger.importJournal(l.exportJournal()).exportJournal(), l.exportJournal());
});

test("A9: a batch summing past i64 is refused whole", () => {
  const l = bank({ cap: null });
  // 1,025 × (2^53 − 1) > i64::MAX: item 1,024 overflows.
  const ops = Array.from({ length: 1025 }, () => ({ op: "earn", account: "volunteer#1", need: 1, minutes: SAFE }));
  const e = refused(l, () => l.batch(meta("b"), ops), "LEDGER_BATCH_ITEM", {
    record: "transaction 'b'", field: "operations[1024].minutes", index: 1024, cause: "LEDGER_OVERFLOW", key: "b",
  });
  assert.match(e.message, /^transaction 'b': batch item 1024 rejected: transaction 'b': the balance of .* would overflow$/);
  assert.equal(l.balance("volunteer#1"), 0);
});

test("A10: a pool grant to the same account 1,000 times gives once", () => {
  const l = bank();
  l.earn(meta("e"), "volunteer#1", 1, 100);
  l.donate(meta("d"), "volunteer#1", 100);
  l.poolGrant(meta("g"), Array(1000).fill("volunteer#2"), 10);
  assert.equal(l.balance("volunteer#2"), 10);
});

// --- A11–A13: forged and huge journals ------------------------------------------------------------

/** Rewrites the chain (hash, prev, seal) after `edit` changed some entries, as an attacker who
 * knows the format would (core/tests/badinput_ledger.rs `forge`). */
function forge(journal, edit) {
  let prev = "0".repeat(64);
  const lines = journal.split("\n").filter((x) => x !== "");
  const out = lines.map((line, i) => {
    const v = JSON.parse(line);
    delete v.hash;
    v.prev = prev;
    if (i === lines.length - 1) v.entry.head = prev;
    else edit(i + 1, v.entry);
    v.hash = createHash("sha256").update(canonical(v)).digest("hex");
    prev = v.hash;
    return canonical(v);
  });
  return out.join("\n") + "\n";
}

function sample() {
  const l = bank({ cap: 600 });
  l.earn(meta("e1", "2026-11-24T09:00:00"), "volunteer#1", 1, 540);
  l.earn(meta("e2", "2026-11-24T09:01:00"), "volunteer#1", 2, 120);
  l.redeem(meta("r1", "2026-11-24T09:02:00"), "volunteer#1", 30);
  return l.exportJournal();
}

test("A11: a forged posting with recomputed hashes fails the replay", () => {
  const journal = sample();
  assert.equal(forge(journal, () => {}), journal, "the test's chain writer matches the library's");
  const forged = forge(journal, (line, entry) => {
    if (line === 4) entry.outcome.posted.postings[1].amount = 600; // e1 claims 600, not 540
  });
  huzhu(() => Ledger.importJournal(forged), "JOURNAL_REPLAY_MISMATCH", {
    record: "journal line 4", line: 4, message: "journal line 4: replay does not reproduce the recorded outcome",
  });
});

test("A12: a forged policy, huge amount, reused key or time going backwards is refused naming the line", () => {
  for (const [line, change] of [
    [1, (entry) => { entry.policy.unit = 0; }],
    [5, (entry) => { entry.operation.minutes = SAFE; }], // i64::MAX in Rust; JS numbers stop at 2^53
    [6, (entry) => { entry.key = "e1"; }],
    [6, (entry) => { entry.at = "2026-11-24T08:00:00"; }],
  ]) {
    const forged = forge(sample(), (n, entry) => { if (n === line) change(entry); });
    const e = thrown(() => Ledger.importJournal(forged));
    assert.equal(e.name, "HuzhuError");
    assert.match(e.code, /^JOURNAL_/);
    assert.ok(e.message.startsWith(`journal line ${line}`), e.message);
    assert.equal(e.record, `journal line ${line}`);
    assert.equal(e.line, line);
  }
});

test("A13: a journal of 5,000 transactions imports and a late edit is found", () => {
  const l = bank({ cap: null });
  for (let i = 0; i < 5000; i++) l.earn(meta(`k${i}`, `2026-11-24T09:${String(Math.floor(i / 100)).padStart(2, "0")}:00`), "volunteer#1", i, 1);
  const journal = l.exportJournal();
  assert.equal(Ledger.importJournal(journal).balance("volunteer#1"), 5000);
  const at = journal.lastIndexOf('"minutes":1,');
  const edited = journal.slice(0, at) + '"minutes":2,' + journal.slice(at + '"minutes":1,'.length);
  huzhu(() => Ledger.importJournal(edited), "JOURNAL_HASH_MISMATCH", { line: 5003, record: "journal line 5003", message: "journal line 5003: content does not match its hash" });
});

// --- A14–A18: the matcher on huge or extreme input ----------------------------------------------

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri"].map((weekday) => ({ weekday, opens: "09:00:00", closes: "12:00:00" }));
const volunteer = (changes = {}) => ({ ...BASE.volunteers[0], availability: WEEKDAYS, ...changes });
const need = (id, start, end, created_at = "2026-11-23T08:00:00") => ({ ...BASE.needs[0], id, created_at, windows: [{ start, end }] });
const NOW = "2026-11-23T08:00:00";

test("A14: a window spanning millennia with no availability ends unmatched and verified", () => {
  const c = community({ volunteers: [volunteer({ availability: [] })], needs: [need(1, "2026-11-24T10:00:00", "+262000-01-01T00:00:00")] });
  const m = c.matcher(NOW);
  const plan = m.solve();
  m.verify();
  assert.equal(plan.assignments.length, 0);
  assert.equal(plan.unmatched.length, 1);
});

test("A15: 10,000 needs for one volunteer solve and verify", () => {
  const needs = Array.from({ length: 10_000 }, (_, i) => need(i + 1, "2026-11-24T09:00:00", "2026-11-24T12:00:00"));
  const m = community({ volunteers: [volunteer()], needs }).matcher(NOW);
  const plan = m.solve();
  m.verify();
  assert.equal(plan.assignments.length, 4); // 240 minutes a week at 60 a task
  assert.equal(plan.unmatched.length, 9_996);
});

test("A16: extreme policy weights are refused; the largest accepted ones are capped", () => {
  const c = community({ volunteers: [volunteer()], needs: [need(1, "2026-11-24T09:00:00", "2026-11-24T12:00:00")] });
  for (const [policy, setting] of [
    [{ travel_per_minute: SAFE }, "travel_per_minute"],
    [{ delay_per_hour: [-SAFE, 0, 0, 0] }, "delay_per_hour"],
    [{ unassigned_penalty_emergency: SAFE }, "unassigned_penalty_emergency"],
    [{ unassigned_penalty_emergency: 1e12 }, "unassigned_penalty_emergency"],
    [{ unassigned_penalty_emergency: MAX_COST + 1 }, "unassigned_penalty_emergency"],
    [{ fairness_step: 1e9 }, "fairness_step"],
  ]) {
    const e = huzhu(() => c.match(NOW, policy), "MATCH_INVALID_POLICY", { record: "match policy", setting });
    assert.ok(e.message.startsWith("invalid match policy: "), e.message);
    assert.ok(e.field.startsWith(setting), e.field);
    huzhu(() => new Matcher(c, NOW, policy), "MATCH_INVALID_POLICY");
  }
  // i64::MAX itself is no JS number: 2^63 reaches Rust and the core refuses it as out of i64.
  huzhu(() => c.match(NOW, { travel_per_minute: 2 ** 63 }), "MATCH_INVALID_POLICY", { setting: "travel_per_minute" });
  const largest = {
    travel_per_minute: 1e9, delay_per_hour: [1e9, 1e9, 1e9, 1e9], late_per_hour: 1e9, arc_cost_cap: 1e9,
    unassigned_penalty_general: MAX_COST, unassigned_penalty_special: MAX_COST, unassigned_penalty_emergency: MAX_COST,
    fairness_step: Math.floor(MAX_COST / 168),
  };
  const m = c.matcher(NOW, largest);
  const plan = m.solve();
  m.verify();
  assert.equal(plan.assignments[0].cost.total, 1e9);
});

test("A17: the largest accepted weights with a window in year 200000 do not overflow", () => {
  const far = need(1, "2026-11-22T09:00:00", "2026-11-22T12:00:00", "2026-11-21T08:00:00"); // a Sunday first
  far.windows.push({ start: "+200000-01-04T09:00:00", end: "+200000-01-04T12:00:00" });
  const policy = {
    delay_per_hour: [1e9, 1e9, 1e9, 1e9], late_per_hour: 1e9, arc_cost_cap: 1e9,
    unassigned_penalty_general: 2_000_000_001, unassigned_penalty_special: 2_000_000_001, unassigned_penalty_emergency: 2_000_000_001,
  };
  const m = community({ volunteers: [volunteer()], needs: [far] }).matcher("2026-11-22T08:00:00", policy);
  const plan = m.solve();
  m.verify();
  const [a] = plan.assignments;
  assert.equal(a.cost.total, 1e9, "capped, not wrapped");
  assert.ok(a.cost.delay > 0 && a.cost.late > 0);
});

test("A18: pins over capacity, to a stranger or of an unknown need are typed errors", () => {
  const c = community({
    volunteers: [volunteer(), volunteer({ id: 2, minutes_per_week: 60 })],
    needs: [1, 2].map((i) => need(i, "2026-11-24T09:00:00", "2026-11-24T12:00:00")),
  });
  const m = c.matcher(NOW);
  m.pin(1, "volunteer#2");
  const pins = () => JSON.stringify(m.pins());
  unchanged(pins, () => huzhu(() => m.pin(2, "volunteer#2"), "MATCH_PIN_OVER_CAPACITY", {
    record: "need#2", message: "cannot pin need#2 to volunteer#2: the helper is pinned to its full capacity",
  }));
  unchanged(pins, () => huzhu(() => m.pin(2, "volunteer#77"), "MATCH_UNKNOWN_HELPER", { record: "volunteer#77", message: "volunteer#77: unknown helper" }));
  unchanged(pins, () => huzhu(() => m.pin(99, "volunteer#2"), "MATCH_UNKNOWN_NEED", { record: "need#99", message: "need#99: not open for matching" }));
  const plan = m.solve();
  m.verify();
  assert.deepEqual(plan.assignments.find((a) => a.need === 1).helper, { kind: "volunteer", id: 2 });
});

// --- A19: wrong types, null and undefined through each main class --------------------------------

test("A19: wrong types, null and undefined give a TypeError or a HuzhuError, never a panic", () => {
  const c = community();
  const m = c.matcher("2026-11-24T08:00:00");
  const l = bank();
  const good = meta("k");
  const cases = {
    "Community.fromJson(null)": () => Community.fromJson(null),
    "Community.fromJson(undefined)": () => Community.fromJson(undefined),
    "Community.fromSnapshot(null)": () => Community.fromSnapshot(null),
    "Community.fromSnapshot(5)": () => Community.fromSnapshot(5),
    "community.addResident(null)": () => c.addResident(null),
    "community.addResident(undefined)": () => c.addResident(undefined),
    "community.addResident(5)": () => c.addResident(5),
    "community.addNeed({id: '1'})": () => c.addNeed({ ...BASE.needs[0], id: "1" }),
    "community.need(undefined)": () => c.need(undefined),
    "community.setNeedStatus(1, 'gone')": () => c.setNeedStatus(1, "gone"),
    "community.match(5)": () => c.match(5),
    "community.match(undefined)": () => c.match(undefined),
    "community.match(now, 5)": () => c.match("2026-11-24T08:00:00", 5),
    "community.match(now, {fairness_step: null})": () => c.match("2026-11-24T08:00:00", { fairness_step: null }),
    "community.match(now, undefined, 'x')": () => c.match("2026-11-24T08:00:00", undefined, "x"),
    "matcher.pin(undefined, helper)": () => m.pin(undefined, "volunteer#1"),
    "matcher.pin(1, null)": () => m.pin(1, null),
    "matcher.pin(1, 5)": () => m.pin(1, 5),
    "matcher.whyNot(1, {})": () => m.whyNot(1, {}),
    "new Ledger(5)": () => new Ledger(5),
    "new Ledger('x')": () => new Ledger("x"),
    "new Ledger({cap: 'lots'})": () => new Ledger({ cap: "lots" }),
    "ledger.openAccount(null)": () => l.openAccount(null),
    "ledger.openAccount('volunteer#3')": () => l.openAccount("volunteer#3"),
    "ledger.earn(null, ...)": () => l.earn(null, "volunteer#1", 1, 60),
    "ledger.earn(meta, null, ...)": () => l.earn(good, null, 1, 60),
    "ledger.earn(meta, account, undefined, 60)": () => l.earn(good, "volunteer#1", undefined, 60),
    "ledger.earn(meta, account, 1, 60n)": () => l.earn(good, "volunteer#1", 1, 60n),
    "ledger.earn({key: 5, ...})": () => l.earn({ ...good, key: 5 }, "volunteer#1", 1, 60),
    "ledger.earn({at: null, ...})": () => l.earn({ ...good, at: null }, "volunteer#1", 1, 60),
    "ledger.batch(meta, null)": () => l.batch(good, null),
    "ledger.batch(meta, [5])": () => l.batch(good, [5]),
    "ledger.reverse(meta, 7)": () => l.reverse(good, 7),
    "ledger.reverse(meta, null)": () => l.reverse(good, null),
    "ledger.approve({}, 'r', at)": () => l.approve({}, "r", T),
    "ledger.approve('k', undefined, at)": () => l.approve("k", undefined, T),
    "ledger.balance(undefined)": () => l.balance(undefined),
    "ledger.statement('volunteer#1', null, at)": () => l.statement("volunteer#1", null, T),
    "ledger.transaction(1.5)": () => l.transaction(1.5),
    "ledger.transaction('tx#one')": () => l.transaction("tx#one"),
    "Ledger.importJournal(5)": () => Ledger.importJournal(5),
    "Ledger.importJournal({})": () => Ledger.importJournal({}),
    "Ledger.importJournal(null)": () => Ledger.importJournal(null),
    "scorecard(community, null)": () => scorecard(c, null),
    "scorecard(community, 5)": () => scorecard(c, 5),
    "scorecard(community, {period: 5, now})": () => scorecard(c, { period: 5, now: T }),
    "circleCoverage(community, -1)": () => circleCoverage(c, -1),
    "circleCoverage(community, undefined)": () => circleCoverage(c, undefined),
  };
  const ledgerBefore = ledgerState(l);
  const communityBefore = c.toJson();
  for (const [name, fn] of Object.entries(cases)) {
    const e = thrown(fn);
    assert.ok(e.name === "HuzhuError" || e.constructor === TypeError, `${name}: ${e.constructor.name} ${e.name}: ${e.message}`);
    // A HuzhuError names the argument or record; a snapshot that does not parse, its line.
    if (e.name === "HuzhuError") assert.ok(e.field || e.record || e.line, `${name} names nothing: ${e.message}`);
  }
  assert.deepEqual(ledgerState(l), ledgerBefore);
  assert.equal(c.toJson(), communityBefore);
});

test("A19: a missing class instance is a TypeError naming the class (not a HuzhuError)", () => {
  // wasm-bindgen's glue checks `instanceof` before Rust runs; npm/wrap.js turns its bare Error
  // into a TypeError (constructors included, through a construct trap).
  const l = bank();
  for (const fn of [() => new Matcher(null, NOW), () => scorecard(null, {}), () => timeBankFromLedger(l, {}, {})]) {
    const e = thrown(fn);
    assert.equal(e.constructor, TypeError);
    assert.match(e.message, /^expected instance of (Community|Ledger)$/);
  }
});
