// Every row of the bad-input catalogue (tests/bad-inputs.json) through the package's own API.
//
// conformance.test.mjs runs the rows through the shared Rust runner; here each row's case is
// interpreted by a small driver per case kind and replayed with the calls a user makes
// (Community.fromJson, community.match, Matcher.pin, Ledger.earn, Ledger.earnPoints,
// Ledger.exchange, Ledger.listItem, Ledger.restock, Ledger.importJournal, Clearing.prepare,
// clearing.apply / refuse / settle, scorecard, evaluateKpis, kpiProgress, rollup,
// staffingAdvice, planRounds, planWeek, …). The expected code, message (or message_contains), record, field and line
// are the row's `js` column (written by tests/tools/make_bad_inputs.py from the core's facts). A
// rejected operation must leave the ledger (every bank, for clearing) or community exactly as it
// was, and nothing may panic.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { root, canonical, thrown } from "./helpers.mjs";
import {
  Clearing, Community, Ledger, contactSchedule, defaultKpis, evaluateKpis, inferNeeds, kpiProgress, planRounds, planWeek, rollup,
  scorecard, staffingAdvice,
} from "../../pkg/node.js";

const ROWS = JSON.parse(readFileSync(`${root}tests/bad-inputs.json`, "utf8"));
const BY_ID = Object.fromEntries(ROWS.map((r) => [r.id, r]));
const THIS = "bindings-wasm/tests/node/badinput.test.mjs";
// The valid little community every row starts from (need#1 of resident#1, volunteer#1).
const BASE = BY_ID["match.pin_unknown_need"].case.input.community;

/** The error is the column's: a HuzhuError with its code, message, record, field and line. */
function check(e, column, id) {
  const spec = column;
  assert.equal(e.name, spec.raises, `${id}: ${e.name}: ${e.message}`);
  assert.equal(e.code, spec.code, `${id}: ${e.message}`);
  if (spec.message) assert.equal(e.message, spec.message, id);
  if (spec.message_contains) assert.ok(e.message.includes(spec.message_contains), `${id}: ${e.message}`);
  assert.equal(e.record ?? null, spec.record, `${id}: record of ${e.message}`);
  assert.equal(e.field ?? null, spec.field, `${id}: field of ${e.message}`);
  assert.equal(e.line ?? null, spec.line ?? null, `${id}: line of ${e.message}`);
}

/** An account or helper in the core's JSON form (`{"volunteer": 1}`) as the label a user
 * writes (`"volunteer#1"`); labels and null pass through. */
function label(ref) {
  if (ref && typeof ref === "object" && "kind" in ref) return `${ref.kind}#${ref.id}`;
  if (ref && typeof ref === "object") {
    const [[kind, id]] = Object.entries(ref);
    return `${kind}#${id}`;
  }
  return ref;
}

// --- drivers, one per case kind ---------------------------------------------------------------

function snapshotCase(row) {
  const input = row.case.input;
  // Keys sorted and compact, as run_case hands the text to the core: parse errors then point at
  // the same column as in the Rust column.
  const text = "text" in input ? input.text : canonical(input.snapshot);
  return thrown(() => Community.fromJson(text));
}

function matchCase(row) {
  const input = row.case.input;
  const community = Community.fromJson(canonical(input.community));
  const now = input.context.now;
  const steps = input.steps ?? [];
  // `now` is an argument of its own; the rest of the case's context is the context object.
  const { now: _, ...context } = input.context;
  if (steps.length === 0) return thrown(() => community.match(now, input.policy, context));
  const step = steps.at(-1);
  const [name, arg] = typeof step === "string" ? [step, null] : Object.entries(step)[0];
  if (name === "pin") {
    const m = community.matcher(now);
    return thrown(() => m.pin(arg.need, label(arg.helper)));
  }
  if (name === "why_not") {
    const m = community.matcher(now);
    m.solve();
    return thrown(() => m.whyNot(arg.need, label(arg.helper)));
  }
  const before = community.toJson();
  let e;
  if (name === "add_need") e = thrown(() => community.addNeed(arg));
  else if (name === "remove_need") e = thrown(() => community.removeNeed(arg.need));
  else assert.fail(`no native driver for step ${name}`);
  assert.equal(community.toJson(), before, "a refused change altered the community");
  return e;
}

const ledgerOf = (policy) => (policy ? new Ledger(policy) : new Ledger());

function ledgerStep(l, step) {
  const [name, s] = Object.entries(step)[0];
  if (name === "open") {
    return l.openAccount({ id: label(s.id), priority: s.priority ?? false, group: s.group ?? false, family: (s.family ?? []).map(label) });
  }
  if (name === "approve") return l.approve(s.key, s.reviewer, s.at);
  if (name === "statement") return l.statement(label(s.account), s.from, s.until, s.unit);
  if (name === "balance") return l.balance(label(s));
  if (name === "points_balance") return l.pointsBalance(label(s));
  assert.equal(name, "submit");
  const meta = { key: s.key, operator: s.operator, at: s.at, memo: s.memo ?? "" };
  const op = s.operation;
  switch (op.op) {
    case "earn": return l.earn(meta, label(op.account), op.need, op.minutes);
    case "redeem": return l.redeem(meta, label(op.account), op.minutes, op.need ?? undefined);
    case "transfer": return l.transfer(meta, label(op.from), label(op.to), op.minutes);
    case "donate": return l.donate(meta, label(op.from), op.minutes);
    // Operations go to the core's serde as the case writes them (accounts as `{"volunteer": 1}`,
    // an input-only form it reads besides the label).
    case "batch": return l.batch(meta, op.operations);
    case "reverse": return l.reverse(meta, op.transaction); // a number: read as tx#N
    // Points (with the wrong unit's amount field, through submit: the core's serde names it).
    case "earn_points":
      return "points" in op ? l.earnPoints(meta, label(op.account), op.rule, op.points) : l.submit(meta, op);
    case "exchange": return l.exchange(meta, label(op.account), op.item, op.quantity);
    case "list_item": return l.listItem(meta, op.item);
    case "restock": return l.restock(meta, op.item, op.quantity);
    default: return l.submit(meta, op); // anything else, "mint" included
  }
}

/** Everything a refusal must leave alone. */
const state = (l) => [
  l.exportJournal(), JSON.stringify(l.balances()), JSON.stringify(l.pointsBalances()), JSON.stringify(l.catalogue()),
  l.transactions().length, JSON.stringify(l.pendingTransactions()),
];

const TWO_53 = 2 ** 53 - 1;

function ledgerCase(row) {
  const input = row.case.input;
  if (row.rust.code === "LEDGER_INVALID_POLICY") return thrown(() => ledgerOf(input.policy));
  const l = ledgerOf(input.policy);
  const steps = [...input.steps];
  let last = steps.pop();
  if (row.id === "ledger.minutes_overflow") {
    // JS numbers are exact to 2^53 only: reach the fund's i64 limit with 1,024 earns of
    // 2^53 - 1 to volunteer#1 (2^63 - 1,024 in all), then earn 'b' to volunteer#2 as in the row.
    for (const step of steps.slice(0, 2)) ledgerStep(l, step);
    for (let i = 0; i < 1024; i++) {
      l.earn({ key: `a${i}`, operator: "desk", at: "2026-11-24T09:00:00" }, "volunteer#1", 1, TWO_53);
    }
    assert.equal(l.verifyBalances(), true);
    last = structuredClone(last);
    last.submit.operation.minutes = TWO_53;
  } else {
    for (const step of steps) ledgerStep(l, step);
  }
  const before = state(l);
  const e = thrown(() => ledgerStep(l, last));
  assert.deepEqual(state(l), before, "a rejected operation changed the ledger");
  assert.equal(l.verifyBalances(), true);
  return e;
}

/** The edits of tests/src/ledger.rs `tamper`, in JS (lines numbered from 1). */
function tamper(text, edits) {
  for (const edit of edits) {
    const [name, arg] = Object.entries(edit)[0];
    if (name === "replace") {
      text = text.replace(arg.from, () => arg.to);
      continue;
    }
    let lines = text.split("\n");
    if (lines.at(-1) === "") lines.pop();
    if (name === "swap_lines") {
      const [i, j] = arg;
      if (i >= 1 && i <= lines.length && j >= 1 && j <= lines.length) [lines[i - 1], lines[j - 1]] = [lines[j - 1], lines[i - 1]];
    } else if (name === "delete_line") {
      if (arg >= 1 && arg <= lines.length) lines.splice(arg - 1, 1);
    } else if (name === "truncate_lines") {
      lines = lines.slice(0, arg);
    } else if (name === "append") {
      lines.push(arg);
    }
    text = lines.join("\n");
    if (text !== "") text += "\n";
  }
  return text;
}

function journalCase(row) {
  const input = row.case.input;
  const l = ledgerOf(input.policy);
  for (const step of input.steps) ledgerStep(l, step);
  const text = l.exportJournal();
  assert.equal(Ledger.importJournal(text).exportJournal(), text, "the untouched journal imports");
  const before = state(l);
  const e = thrown(() => Ledger.importJournal(tamper(text, input.tamper)));
  assert.deepEqual(state(l), before);
  return e;
}

/**
 * A clearing case (tests/src/clearing.rs): a `Ledger` per bank from its policy and one
 * `new Clearing(operator)`; the steps in order, each at its bank, the messages and replies they
 * produce kept for later steps (`message` / `reply` name a step by its index). Every step but the
 * last succeeds; the last is refused and leaves every bank as it was.
 */
function clearingCase(row) {
  const input = row.case.input;
  const banks = Object.fromEntries(Object.entries(input.banks).map(([name, bank]) => [name, ledgerOf(bank.policy)]));
  const clearing = new Clearing(input.operator);
  assert.equal(clearing.operator, input.operator);
  const produced = [];
  const earlier = (n, what) => {
    assert.ok(produced[n], `step ${n} gave no ${what}`);
    return produced[n];
  };
  const run = (ledger, name, s) => {
    switch (name) {
      case "open":
      case "submit":
        ledgerStep(ledger, { [name]: s });
        return null;
      case "prepare": {
        const { key, operator, at, memo } = s;
        const r = s.request;
        const request = { ...r, from_account: label(r.from_account), to_account: label(r.to_account) };
        return Clearing.prepare(ledger, { key, operator, at, memo: memo ?? "" }, request);
      }
      case "apply": return clearing.apply(ledger, earlier(s.message, "message"), s.at);
      case "refuse": return clearing.refuse(ledger, earlier(s.message, "message"), s.reason, s.at);
      case "settle":
        clearing.settle(ledger, earlier(s.reply, "reply"), s.at);
        return null;
      case "unsettled":
        Clearing.unsettled(ledger);
        return null;
      default: return assert.fail(`no native driver for clearing step ${name}`);
    }
  };
  const steps = input.steps.map(({ bank, ...action }) => {
    const [[name, s]] = Object.entries(action);
    assert.ok(banks[bank], `no bank ${bank}`);
    return { ledger: banks[bank], name, s };
  });
  const last = steps.pop();
  for (const { ledger, name, s } of steps) produced.push(run(ledger, name, s));
  // The js column names the call that refuses.
  assert.ok(row.js.via.startsWith(`\`Clearing.${last.name}\``), `${row.id}: ${row.js.via}`);
  const before = Object.values(banks).map(state);
  const e = thrown(() => run(last.ledger, last.name, last.s));
  assert.deepEqual(Object.values(banks).map(state), before, "a refused clearing step changed a bank");
  for (const l of Object.values(banks)) assert.equal(l.verifyBalances(), true);
  return e;
}

function scoreCase(row) {
  const input = row.case.input;
  const community = Community.fromJson(canonical(input.community));
  const inputs = { period: input.period, now: input.now, records: input.records ?? [], surveys: input.surveys ?? [] };
  for (const name of ["training", "funding"]) if (name in input) inputs[name] = input[name];
  return thrown(() => scorecard(community, inputs, input.policy));
}

function deadlineCase(row) {
  const input = row.case.input;
  const snapshot = structuredClone(BASE);
  if (input.calendar) snapshot.calendar = input.calendar;
  for (const q of input.queries) Object.assign(snapshot.needs[0], { created_at: q.deadline.created_at, urgency: q.deadline.urgency });
  return thrown(() => Community.fromJson(canonical(snapshot)));
}

function careCase(row) {
  const input = row.case.input;
  const community = Community.fromJson(canonical(input.community));
  if ("policy" in input) return thrown(() => contactSchedule(community, input.now, input.policy));
  return thrown(() => inferNeeds(community, input.now, input.rules));
}

function kpiCase(row) {
  const input = row.case.input;
  const kpis = input.kpis ?? defaultKpis(input.template_start);
  // The set first (every KPI checked, codes unique), then each KPI's progress on its series.
  return thrown(() => {
    evaluateKpis(kpis, [], input.today);
    for (const k of kpis) kpiProgress(k, input.series?.[k.code] ?? [], input.today, input.period_days ?? 91);
  });
}

function rollupCase(row) {
  const input = row.case.input;
  return thrown(() => rollup(input.nodes, input.tallies ?? {}));
}

function adviceCase(row) {
  const input = row.case.input;
  const community = Community.fromJson(canonical(input.community));
  const before = community.toJson();
  const e = thrown(() => staffingAdvice(community, input.now, input.options, input.policy));
  assert.equal(community.toJson(), before);
  return e;
}

function roundsCase(row) {
  const input = row.case.input;
  return thrown(() => planRounds(input.visits, input.workers, input.policy));
}

/** A week case (tests/src/week.rs): `{plans, workers, budgets?, from, through, policy?}`, the days
 * and the rest as planWeek's options. */
function weekCase(row) {
  const { plans, workers, ...options } = row.case.input;
  return thrown(() => planWeek(plans, workers, options));
}

const DRIVERS = {
  snapshot: snapshotCase, match: matchCase, ledger: ledgerCase, journal: journalCase, clearing: clearingCase, score: scoreCase,
  deadline: deadlineCase, care: careCase, kpi: kpiCase, rollup: rollupCase, advice: adviceCase, rounds: roundsCase, week: weekCase,
};

test("every catalogue row has a confirmed JS column", () => {
  assert.equal(ROWS.length, 202);
  for (const row of ROWS) {
    assert.equal(row.js.status, "confirmed", row.id);
    if (row.js.via === "run_case") {
      // Not expressible through the native API (the reason is in the catalogue): the shared
      // runner (conformance.test.mjs) still checks the Rust error.
      assert.ok(row.js.reason, row.id);
      assert.match(row.js.test, /conformance\.test\.mjs/);
    } else {
      assert.equal(row.js.test, THIS, row.id);
      // …and runs below, through its case kind's driver.
      assert.equal(typeof DRIVERS[row.case.kind], "function", `${row.id}: no native driver for kind ${row.case.kind}`);
    }
  }
  assert.equal(ROWS.filter((r) => r.js.via !== "run_case").length, 199);
  assert.equal(ROWS.filter((r) => r.case?.kind === "clearing").length, 4);
  assert.equal(ROWS.filter((r) => r.case?.kind === "rounds").length, 7);
  assert.equal(ROWS.filter((r) => r.case?.kind === "week").length, 9);
});

// A row whose JS column the catalogue has not filled yet runs too (no panic, a HuzhuError), as a
// todo: the test above fails until every column is confirmed.
for (const row of ROWS.filter((r) => r.js.via !== "run_case")) {
  const pending = row.js.status !== "confirmed" && "the catalogue's JS column is pending";
  test(`native: ${row.id}`, { todo: pending }, () => {
    const e = DRIVERS[row.case.kind](row);
    if (pending) assert.equal(e.name, "HuzhuError", `${row.id}: ${e.name}: ${e.message}`);
    else check(e, row.js, row.id);
  });
}
