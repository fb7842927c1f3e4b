// Type-checked with the rest (tests/types/tsconfig.json): the matcher entry's own .d.ts stands on
// its own (every type it names is declared in it) and types what it holds.
import init, {
  Community, Matcher, defaultMatchPolicy,
  type MatchPlan, type Explanation, type WhyNot, type HelperRef, type MatchPolicy, type HuzhuError, type CommunitySnapshot,
} from "../../pkg/matcher/huzhu.js";

export async function matchOnly(snapshot: CommunitySnapshot): Promise<number> {
  await init();
  const c = Community.fromSnapshot(snapshot);
  const policy: MatchPolicy = { ...defaultMatchPolicy(), travel_per_minute: 12 };
  const plan: MatchPlan = c.match("2026-11-24T08:00:00", policy, { unavailable: ["volunteer#2"] });
  const m: Matcher = c.matcher(new Date(2026, 10, 24, 8));
  m.solve();
  const helper: HelperRef = "volunteer#1";
  for (const u of plan.unmatched) {
    const e: Explanation = m.explain(u.need);
    const w: WhyNot = m.whyNot(u.need, helper);
    if (e.kind === "unmatched" && w.kind === "costlier") return w.reduced_cost;
  }
  try {
    c.addResident({ id: 1, birth_date: "1950-01-01", home: { lat: 91, lon: 0 }, grid: 1, household: "lives_alone", self_care: "full" });
  } catch (e) {
    const err = e as HuzhuError;
    return err.code.length + (err.line ?? 0);
  }
  return plan.assignments.length;
}
