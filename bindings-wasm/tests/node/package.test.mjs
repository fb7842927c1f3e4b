// The package as published: conditional exports, both builds, types, README.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { pkgDir, exampleJson, TUESDAY_8 } from "./helpers.mjs";

const pkg = JSON.parse(readFileSync(`${pkgDir}package.json`, "utf8"));

test("package.json: ESM, conditional exports for node and browser, types", () => {
  assert.equal(pkg.name, "huzhu");
  assert.equal(pkg.type, "module");
  assert.equal(pkg.exports["."].node, "./node.js");
  assert.equal(pkg.exports["."].browser, "./web.js");
  assert.equal(pkg.exports["."].types, "./huzhu.d.ts");
  for (const f of ["web.js", "node.js", "wrap.js", "persistent-ledger.js", "persistent-ledger.d.ts", "huzhu.d.ts", "README.md", "web/huzhu_wasm_bg.wasm", "web/huzhu_wasm.d.ts", "node/huzhu_wasm_bg.wasm"]) {
    assert.ok(existsSync(`${pkgDir}${f}`), f);
  }
  // Everything `files` names is there (what `npm pack` ships).
  for (const f of pkg.files) assert.ok(existsSync(`${pkgDir}${f}`), f);
  assert.ok(pkg.files.includes("persistent-ledger.js") && pkg.files.includes("persistent-ledger.d.ts"));
});

test("the web build runs too (initSync with the wasm bytes) and agrees with the node build", async () => {
  const web = await import(`${pkgDir}web.js`);
  web.initSync({ module: readFileSync(`${pkgDir}web/huzhu_wasm_bg.wasm`) });
  const node = await import(`${pkgDir}node.js`);
  await node.default();
  const a = web.Community.fromJson(exampleJson).matchJson(TUESDAY_8);
  const b = node.Community.fromJson(exampleJson).matchJson(TUESDAY_8);
  assert.equal(a, b);
  assert.deepEqual(Object.keys(web).filter((k) => k !== "default" && k !== "initSync").sort(),
    Object.keys(node).filter((k) => k !== "default" && k !== "initSync").sort());
});

test("the .d.ts has real types, not any, for what crosses as plain objects", () => {
  const dts = readFileSync(`${pkgDir}web/huzhu_wasm.d.ts`, "utf8");
  for (const sig of [
    /match\(now: DateTimeInput, policy\?: Partial<MatchPolicy> \| null, context\?: MatchContextInput \| null\): MatchPlan;/,
    /explain\(need: number\): Explanation;/,
    /whyNot\(need: number, helper: HelperRef\): WhyNot;/,
    /balances\(\): Record<string, number>;/,
    /export function scorecard\(community: Community, inputs: ScoringInputs, policy\?: ScoringPolicyInput \| null\): Scorecard;/,
    /export function contactSchedule\(community: Community, now: DateTimeInput, policy\?: Partial<ContactPolicy> \| null\): ContactReport;/,
    /export function inferNeeds\(community: Community, now: DateTimeInput, rules\?: LatentRule\[\] \| null\): InferredNeed\[\];/,
    /addCareFile\(file: CareFile\): void;/,
    /careFile\(resident: number\): CareFile \| undefined;/,
    /recordNeedStatus\(need: number, status: NeedStatus, at: DateTimeInput, by\?: string \| null\): void;/,
    /export interface MatchPlan \{/,
    /export type TxId = `tx#\$\{number\}`;/,
    /export type AccountLabel = `resident#\$\{number\}` \| `volunteer#\$\{number\}` \| `organisation#\$\{number\}` \| "fund" \| "donation_pool"\n.*\n\s*\| `clearing#\$\{string\}`;/,
    /\| \{ op: "clearing_apply"; transfer: string; from_bank: string; to_bank: string; from: AccountRef; to: AccountRef; minutes: number; source_head: string \}/,
    /reverse\(meta: TxMetaInput, transaction: TxIdInput\): Receipt;/,
    /journalLinesAfter\(head\?: JournalHead \| null\): JournalLines;/,
    /static fromJournalLines\(lines: string\[\], head\?: JournalHead \| null\): Ledger;/,
    /appendJournalLines\(head: JournalHead, lines: string\[\]\): JournalHead;/,
    /static verifyJournalLines\(head: JournalHead, lines: string\[\], expected\?: JournalHead \| null\): JournalHead;/,
    /export interface JournalHead \{ seq: number; hash: string \}/,
    /export function kpiProgress\(kpi: KpiInput, series: ObservationInput\[\], today: DateInput, periodDays\?: number \| null\): KpiProgress;/,
    /export function evaluateKpis\(kpis: KpiInput\[\], scorecards: Scorecard\[\], today: DateInput\): KpiProgress\[\];/,
    /export function rollup\(nodes: LevelNode\[\], tallies: Record<string, Partial<Tally>>\): LevelRow\[\];/,
    /export function staffingAdvice\(community: Community, now: DateTimeInput, options\?: Partial<AdviceOptions> \| null, policy\?: Partial<MatchPolicy> \| null, context\?: MatchContextInput \| null\): StaffingAdvice;/,
    /export function evaluationReport\(community: Community, input: EvaluationInput\): string;/,
    /export function planRounds\(visits: RoundVisit\[\], workers: RoundWorker\[\], policy\?: Partial<RoundsPolicy> \| null\): Rounds;/,
    /export function replanRounds\(previous: Rounds, visits: RoundVisit\[\], workers: RoundWorker\[\], policy\?: Partial<RoundsPolicy> \| null\): Rounds;/,
    /export function roundsGeoJson\(rounds: Rounds, visits: RoundVisit\[\], workers: RoundWorker\[\]\): RoundsGeoJson;/,
    /export type ServerLabel = `worker#\$\{number\}` \| `volunteer#\$\{number\}`;/,
    /export function planWeek\(plans: ContactRound\[\], workers: RoundWorker\[\], options: WeekOptions\): Week;/,
    /export function defaultWeekPolicy\(\): WeekPolicy;/,
    /export function committedTasks\(week: Week, nominalTaskMinutes: number\): Partial<Record<HelperLabel, number>>;/,
    /export function contactRounds\(community: Community, now: DateTimeInput, options: ContactRoundsOptions\): ContactRound\[\];/,
    /export function contactVisits\(community: Community, report: ContactReport, options: ContactVisitsOptions\): RoundVisit\[\];/,
    /export function walkersFromHomes\(visits: RoundVisit\[\], shifts: TimeWindow\[\]\): RoundWorker\[\];/,
    /\| \{ reason: "budget_spent" \}/,
    // The clearing driver: its declaration is hand-written (src/clearing.rs), with an overload
    // for persistent ledgers.
    /export class Clearing \{/,
    /static prepare\(ledger: Ledger, meta: TxMetaInput, request: TransferRequest\): TransferMessage;/,
    /static prepare\(ledger: PersistentLedger, meta: TxMetaInput, request: TransferRequest\): Promise<TransferMessage>;/,
    /apply\(ledger: Ledger, message: TransferMessage, at: DateTimeInput\): TransferReply;/,
    /settle\(ledger: PersistentLedger, reply: TransferReply, at: DateTimeInput\): Promise<Receipt>;/,
    /static unsettled\(ledger: Ledger \| PersistentLedger\): TransferMessage\[\];/,
    /export type TransferOutcome = \{ state: "applied" \} \| \{ state: "refused"; reason: string \};/,
    /export interface TransferReply \{ transfer_key: string; from_bank: BankCode; to_bank: BankCode; outcome: TransferOutcome; dest_head: string \}/,
  ]) {
    assert.match(dts, sig);
  }
  // Only the raw wasm exports (InitOutput, internal) say `any`.
  const publicPart = dts.slice(0, dts.indexOf("export type InitInput"));
  assert.doesNotMatch(publicPart, /: any\b/);
});
