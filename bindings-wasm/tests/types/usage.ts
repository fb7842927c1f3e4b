// Type-checked with `tsc --noEmit --strict` against the built package's .d.ts: the types are
// real (a misuse below would fail to compile).
import init, { Community, Ledger, generateDistrict, scorecard, assignmentsFromPlan, type MatchPlan, type Explanation, type Receipt, type HuzhuError } from "../../pkg/huzhu.js";

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
  const r: Receipt = l.earn({ key: "k", operator: "desk", at: "2026-11-24T10:00:00" }, "volunteer#1", 1, 60);
  const tx: string | undefined = r.status === "posted" ? r.transaction : undefined;
  const d = generateDistrict({ residents: 1000, week_start: "2026-11-23", seed: 1 });
  const card = scorecard(d.community, { period: { start: "2026-11-23", end: "2026-11-30" }, now: d.now, assignments: assignmentsFromPlan(plan, "2026-11-24T08:00:00") });
  try {
    l.balance("volunteer#9");
  } catch (e) {
    console.log((e as HuzhuError).code);
  }
  return (card.index.score ?? 0) + (tx ? 1 : 0) + l.balances()["volunteer#1"];
}
