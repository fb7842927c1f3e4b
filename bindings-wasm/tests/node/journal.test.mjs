// The time bank's journal line by line (src/journal.rs): the lines after a head, a ledger from
// lines, lines another desk appended, a chain checked from a head. What a store (the IndexedDB
// ledger of persistent-ledger.test.mjs) is built on.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Ledger } from "../../pkg/node.js";
import { meta, throwsCode } from "./helpers.mjs";

const ZERO = "0".repeat(64);

function bank() {
  const l = new Ledger({ starting_grant: 30 });
  l.openAccount({ id: "volunteer#1" });
  l.openAccount({ id: "resident#1", priority: true });
  l.openAccount({ id: "volunteer#2", family: ["resident#1"] });
  return l;
}

/** Runs a few operations on `l`, collecting the lines after each; returns every line. */
function operateCollecting(l) {
  const first = l.journalLinesAfter();
  const all = [...first.lines];
  let head = first.head;
  const ops = [
    () => l.earn(meta("e1"), "volunteer#2", 1, 90),
    () => l.redeem(meta("r1", "2026-11-24T11:00:00"), "volunteer#2", 10),
    () => l.transfer(meta("t1", "2026-11-24T12:00:00"), "volunteer#2", "resident#1", 20),
    () => l.batch(meta("b1", "2026-11-24T13:00:00"), [
      { op: "earn", account: "volunteer#1", need: 2, minutes: 60 },
      { op: "donate", from: "volunteer#1", minutes: 15 },
    ]),
    () => l.startingGrant(meta("s1", "2026-11-24T14:00:00"), "volunteer#1"),
  ];
  for (const op of ops) {
    assert.equal(op().status, "posted");
    const out = l.journalLinesAfter(head);
    assert.equal(out.lines.length, 1, "one line per operation");
    assert.equal(out.lines[0].seq, head.seq);
    assert.equal(out.head.seq, head.seq + 1);
    assert.equal(out.head.hash, out.lines[0].hash);
    all.push(...out.lines);
    head = out.head;
  }
  return { all, head };
}

test("journalLinesAfter: the lines after each operation are the exported journal without its seal", () => {
  const l = bank();
  assert.equal(l.journalLen(), 4); // the header and three accounts
  const { all, head } = operateCollecting(l);
  assert.equal(l.journalLen(), all.length);
  assert.deepEqual(l.head(), head);
  assert.deepEqual(all.map((x) => x.seq), [...all.keys()]);
  const exported = l.exportJournal().trimEnd().split("\n");
  assert.equal(exported.length, all.length + 1, "the export adds the seal");
  assert.deepEqual(all.map((x) => x.text), exported.slice(0, -1));
  assert.match(exported.at(-1), /"seal"/);
  // Each line's hash is the `hash` in its text, and the next line's `prev`.
  for (const [i, x] of all.entries()) {
    const parsed = JSON.parse(x.text);
    assert.equal(parsed.hash, x.hash);
    assert.equal(parsed.seq, x.seq);
    assert.equal(parsed.prev, i === 0 ? ZERO : all[i - 1].hash);
  }
  // All of it at once, from no head or the empty head; nothing after the current head.
  assert.deepEqual(l.journalLinesAfter().lines, all);
  assert.deepEqual(l.journalLinesAfter({ seq: 0, hash: ZERO }), { lines: all, head });
  assert.deepEqual(l.journalLinesAfter(head), { lines: [], head });
  // From a head in the middle.
  assert.deepEqual(l.journalLinesAfter({ seq: 3, hash: all[2].hash }).lines, all.slice(3));
});

test("fromJournalLines rebuilds the same ledger and its head; a store's head that is not where the lines end is refused", () => {
  const l = bank();
  const { all, head } = operateCollecting(l);
  const texts = all.map((x) => x.text);
  const copy = Ledger.fromJournalLines(texts);
  assert.deepEqual(copy.head(), head);
  assert.deepEqual(copy.balances(), l.balances());
  assert.equal(copy.exportJournal(), l.exportJournal());
  assert.deepEqual(Ledger.fromJournalLines(texts, head).head(), head);
  // The lines end at line 9; a head saying 10 lines, or another last hash: the seal's error.
  throwsCode(() => Ledger.fromJournalLines(texts, { seq: head.seq + 1, hash: head.hash }), "JOURNAL_SEAL_MISMATCH", {
    line: head.seq + 1, record: `journal line ${head.seq + 1}`,
  });
  throwsCode(() => Ledger.fromJournalLines(texts, { seq: head.seq, hash: ZERO }), "JOURNAL_SEAL_MISMATCH", { line: head.seq + 1 });
  // The last line dropped: the head says more.
  throwsCode(() => Ledger.fromJournalLines(texts.slice(0, -1), head), "JOURNAL_SEAL_MISMATCH", { line: head.seq });
  throwsCode(() => Ledger.fromJournalLines([]), "JOURNAL_MISSING_HEADER", { line: 1 });
  // The rebuilt ledger goes on writing the same chain.
  copy.earn(meta("e9", "2026-11-25T09:00:00"), "volunteer#1", 7, 30);
  l.earn(meta("e9", "2026-11-25T09:00:00"), "volunteer#1", 7, 30);
  assert.deepEqual(copy.journalLinesAfter(head), l.journalLinesAfter(head));
});

test("appendJournalLines: a desk catches up with the lines another desk wrote, all or nothing", () => {
  const a = bank();
  const start = a.journalLinesAfter();
  const b = Ledger.fromJournalLines(start.lines.map((x) => x.text));
  a.earn(meta("e1"), "volunteer#2", 1, 90);
  a.transfer(meta("t1", "2026-11-24T12:00:00"), "volunteer#2", "resident#1", 20);
  const news = a.journalLinesAfter(start.head);
  const head = b.appendJournalLines(start.head, news.lines.map((x) => x.text));
  assert.deepEqual(head, news.head);
  assert.deepEqual(b.head(), a.head());
  assert.deepEqual(b.balances(), a.balances());
  assert.equal(b.exportJournal(), a.exportJournal());
  // Then b writes, and a catches up with b.
  b.donate(meta("d1", "2026-11-24T13:00:00"), "volunteer#2", 5);
  const back = b.journalLinesAfter(head);
  a.appendJournalLines(head, back.lines.map((x) => x.text));
  assert.equal(a.balance("donation_pool"), 5);
  // The same lines again: they do not continue a's chain (a's head moved on); nothing changes.
  const before = a.exportJournal();
  throwsCode(() => a.appendJournalLines(head, back.lines.map((x) => x.text)), "JOURNAL_SEQUENCE");
  throwsCode(() => a.appendJournalLines(back.head, back.lines.map((x) => x.text)), "JOURNAL_SEQUENCE", { line: back.head.seq + 1 });
  // Nothing to append is fine at the current head, refused at a head with another hash.
  assert.deepEqual(a.appendJournalLines(back.head, []), back.head);
  throwsCode(() => a.appendJournalLines({ seq: back.head.seq, hash: ZERO }, []), "JOURNAL_BROKEN_CHAIN", { line: back.head.seq + 1 });
  assert.equal(a.exportJournal(), before);
});

test("tampered, removed or foreign lines are refused naming the line, and the ledger is unchanged", () => {
  const a = bank();
  const start = a.journalLinesAfter();
  const { all, head } = operateCollecting(a);
  const texts = all.map((x) => x.text);
  // Line 5 (seq 4: the earn of 90) edited to 900.
  assert.match(texts[4], /"minutes":90/);
  const edited = texts.with(4, texts[4].replace('"minutes":90', '"minutes":900'));
  throwsCode(() => Ledger.fromJournalLines(edited), "JOURNAL_HASH_MISMATCH", { line: 5, record: "journal line 5" });
  throwsCode(() => Ledger.verifyJournalLines({ seq: 0, hash: ZERO }, edited), "JOURNAL_HASH_MISMATCH", { line: 5 });
  // A line removed: the next has the wrong number.
  throwsCode(() => Ledger.fromJournalLines(texts.toSpliced(6, 1)), "JOURNAL_SEQUENCE", { line: 7 });
  // Not JSON at all.
  throwsCode(() => Ledger.fromJournalLines(texts.with(2, "")), "JOURNAL_MALFORMED", { line: 3 });
  // Appending: a desk at line 4 is offered the tampered lines; it stays as it was.
  const b = Ledger.fromJournalLines(start.lines.map((x) => x.text));
  const before = b.exportJournal();
  throwsCode(() => b.appendJournalLines(start.head, edited.slice(start.head.seq)), "JOURNAL_HASH_MISMATCH", { line: 5 });
  assert.equal(b.exportJournal(), before);
  assert.equal(b.journalLen(), start.head.seq);
  assert.deepEqual(b.head(), start.head);
  // Lines of another ledger (another policy: another header, so another chain).
  const other = new Ledger({ starting_grant: 60 });
  other.openAccount({ id: "volunteer#1" });
  other.openAccount({ id: "resident#1", priority: true });
  other.openAccount({ id: "volunteer#2", family: ["resident#1"] });
  other.earn(meta("e1"), "volunteer#2", 1, 90);
  const theirs = other.journalLinesAfter().lines.slice(start.head.seq).map((x) => x.text);
  assert.equal(theirs.length, 1);
  throwsCode(() => b.appendJournalLines(start.head, theirs), "JOURNAL_BROKEN_CHAIN", { line: 5 });
  assert.equal(b.exportJournal(), before);
  // verifyJournalLines: checks without replaying, and the end when asked.
  assert.deepEqual(Ledger.verifyJournalLines(start.head, texts.slice(start.head.seq)), head);
  assert.deepEqual(Ledger.verifyJournalLines(start.head, texts.slice(start.head.seq), head), head);
  throwsCode(() => Ledger.verifyJournalLines(start.head, texts.slice(start.head.seq, -1), head), "JOURNAL_SEAL_MISMATCH", { line: head.seq });
});

test("journalLinesAfter refuses a head that is not this ledger's; a refused operation adds no line", () => {
  const l = bank();
  const { all, head } = operateCollecting(l);
  throwsCode(() => l.journalLinesAfter({ seq: 3, hash: ZERO }), "JOURNAL_BROKEN_CHAIN", { line: 4 });
  throwsCode(() => l.journalLinesAfter({ seq: head.seq, hash: all[0].hash }), "JOURNAL_BROKEN_CHAIN", { line: head.seq + 1 });
  throwsCode(() => l.journalLinesAfter({ seq: head.seq + 1, hash: ZERO }), "JOURNAL_SEQUENCE");
  // The refusals left the known head alone.
  assert.deepEqual(l.head(), head);
  throwsCode(() => l.redeem(meta("too much", "2026-11-25T09:00:00"), "resident#1", 10_000), "LEDGER_FLOOR_BREACH");
  assert.equal(l.journalLen(), head.seq);
  assert.deepEqual(l.journalLinesAfter(head), { lines: [], head });
  // Idempotent resubmission: the same receipt, no new line.
  const r = l.submit(meta("again", "2026-11-25T10:00:00"), { op: "earn", account: "volunteer#1", need: 9, minutes: 15 });
  const h = l.head();
  assert.deepEqual(l.submit(meta("again", "2026-11-25T10:00:00"), { op: "earn", account: "volunteer#1", need: 9, minutes: 15 }), r);
  assert.deepEqual(l.head(), h);
});

test("journal arguments of the wrong shape are INVALID_ARGUMENT or MODEL_JSON naming them", () => {
  const l = bank();
  throwsCode(() => Ledger.fromJournalLines("one line"), "INVALID_ARGUMENT", { field: "lines" });
  throwsCode(() => Ledger.fromJournalLines(["x", 5]), "INVALID_ARGUMENT", { field: "lines[1]" });
  throwsCode(() => l.appendJournalLines(l.head(), [{ text: "x" }]), "INVALID_ARGUMENT", { field: "lines[0]" });
  throwsCode(() => l.journalLinesAfter({ seq: 1.5, hash: ZERO }), "MODEL_JSON", { field: "head.seq" });
  throwsCode(() => l.journalLinesAfter({ seq: -1, hash: ZERO }), "MODEL_JSON", { field: "head.seq" });
  throwsCode(() => l.journalLinesAfter({ seq: 1 }), "MODEL_JSON", { field: "head" });
  throwsCode(() => l.journalLinesAfter("head"), "MODEL_JSON", { field: "head" });
  throwsCode(() => Ledger.verifyJournalLines(null, []), "MODEL_JSON", { field: "head" });
  throwsCode(() => Ledger.verifyJournalLines(l.head(), [], { seq: "x", hash: ZERO }), "MODEL_JSON", { field: "expected.seq" });
});
