// Type-checked with `tsc --noEmit --strict` against the built package's .d.ts: the types are
// real (a misuse below would fail to compile).
import init, {
  Community, Ledger, generateDistrict, scorecard, assignmentsFromPlan,
  type MatchPlan, type Explanation, type Receipt, type HuzhuError, type TxId, type AccountLabel, type Statement,
} from "../../pkg/huzhu.js";

export async function demo(json: string): Promise<number> {
  await init();
  const c: Community = Community.fromJson(json);
  const plan: MatchPlan = c.match("2026-11-24T08:00:00", { travel_per_minute: 12 }, { committed: { "volunteer#1": 2 } });
  // @ts-expect-error: a time is an ISO string or a Date, not a number
  c.match(20261124);
  // @ts-expect-error: helpers are labels like "volunteer#3" or {kind, id}
  c.matcher("2026-11-24T08:00:00").whyNot(1, "nurse");
  const m = c.matcher(new Date(2026, 10, 24, 8));
  m.solve();
  for (const u of plan.unmatched) {
    const e: Explanation = m.explain(u.need);
    if (e.kind === "unmatched" && e.reason.kind === "no_candidate") console.log(e.reason.summary);
  }
  const l = new Ledger({ starting_grant: 60, cap: null });
  l.openAccount({ id: "volunteer#1" });
  l.openAccount({ id: "organisation#2", group: true, family: [{ volunteer: 1 }] });
  // @ts-expect-error: the one spelling is typed (provider#2 is read at run time, input only)
  l.openAccount({ id: "provider#2" });
  const r: Receipt = l.earn({ key: "k", operator: "desk", at: "2026-11-24T10:00:00" }, "volunteer#1", 1, 60);
  const tx: TxId | undefined = r.status === "posted" ? r.transaction : undefined;
  if (tx) l.reverse({ key: "x", operator: "desk", at: new Date() }, tx);
  l.transaction(7);
  // @ts-expect-error: transaction ids are "tx#7", "7" or 7
  l.transaction("seven");
  const owner: AccountLabel = l.accounts()[0].id;
  const st: Statement = l.statement(owner, "2026-11-24", "2026-11-25");
  const first: TxId | undefined = st.lines[0]?.tx;
  const d = generateDistrict({ residents: 1000, week_start: "2026-11-23", seed: 1 });
  const card = scorecard(d.community, { period: { start: "2026-11-23", end: "2026-11-30" }, now: d.now, assignments: assignmentsFromPlan(plan, "2026-11-24T08:00:00") });
  try {
    l.balance("volunteer#9");
  } catch (e) {
    const h = e as HuzhuError;
    console.log(h.code, h.record, h.field, h.setting, h.account, h.key, h.transaction, h.line, h.index, h.cause);
  }
  return (card.index.score ?? 0) + (tx ? 1 : 0) + (first ? 1 : 0) + l.balances()["volunteer#1"];
}
