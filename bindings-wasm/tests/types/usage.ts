// Type-checked with `tsc --noEmit --strict` against the built package's .d.ts: the types are
// real (a misuse below would fail to compile).
import init, {
  Community, Ledger, generateDistrict, scorecard, assignmentsFromPlan,
  contactSchedule, riskFlags, inferNeeds, defaultLatentRules, packageNeeds, needsFromInferred, identification, needsList,
  engagement, identityIndex, defaultIdentityItems, voice, organisations, correctiveActions,
  type CatalogueItem, type EngagementReport, type VoiceReport, type CorrectiveAction, type Activity,
  type MatchPlan, type Explanation, type Receipt, type HuzhuError, type TxId, type AccountLabel, type Statement,
  type CareFile, type ContactReport, type RiskFlag, type InferredNeed, type LatentRule, type Need, type QualityAlert,
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
  // The care loop.
  const cc = d.community;
  cc.addWorker({ id: 900, name: "Li Hua", role: "grid_worker", grids: [1] });
  // @ts-expect-error: a worker's role is one of the core's codes
  cc.addWorker({ id: 901, name: "Zhao", role: "boss" });
  const file: CareFile = {
    resident: 1, opened: "2026-11-02", worker: 900, risk: "high",
    assessment: { date: "2026-11-02", assessor: "worker#900", self_care: "partial" },
    package: [{ category: "elder.cleaning", every: "weekly", weekday: "Wed", from: "09:00:00", until: "12:00:00", duration_minutes: 90 }],
  };
  cc.updateCareFile(file);
  cc.addContact({ id: 90000, resident: 1, worker: 900, at: "2026-11-24T10:00:00", kind: "visit" });
  // @ts-expect-error: contacts are visits, calls or surveys
  cc.addContact({ id: 90001, resident: 1, at: "2026-11-24T10:00:00", kind: "letter" });
  const rounds: ContactReport = contactSchedule(cc, d.now, { due_soon_days: 0 });
  const overdue = rounds.due.filter((x) => x.status === "overdue").length + (rounds.by_worker["900"]?.overdue ?? 0);
  for (const f of riskFlags(cc, new Date())) {
    const why: string = f.reason === "missed_contact" ? `${f.kind} ${f.days_since ?? "never"}` : f.reason === "unserved_past_deadline" ? f.deadline : f.now;
    console.log(why);
  }
  const flags: RiskFlag[] = riskFlags(cc, d.now);
  const rules: LatentRule[] = [...defaultLatentRules(), { code: "mine", who: { min_age: 90 }, lacking: { kind: "contact", days: 7 }, infer: "elder.home_visit", duration_minutes: 30 }];
  const found: InferredNeed[] = inferNeeds(cc, d.now, rules);
  const recorded: Need[] = [...needsFromInferred(found, 80000, d.now, 7), ...packageNeeds(cc, d.weekStart, 70000)];
  for (const n of recorded) cc.addNeed(n);
  cc.confirmNeed(80000, true);
  cc.recordNeedStatus(80000, "matched", new Date(), "desk");
  // @ts-expect-error: a status is one of the lifecycle's
  cc.recordNeedStatus(80000, "finished", "2026-11-24T10:00:00");
  const acc: number | null = identification(cc, { start: "2026-11-23", end: "2026-11-30" }, 365).accuracy;
  const rows = needsList(cc).length + (cc.careFile(1)?.package?.length ?? 0) + cc.counts.care_files + flags.length + overdue;
  const alerts: QualityAlert[] = card.alerts;
  const retire = alerts.filter((a) => a.verdict === "retire" || a.verdict === "below_few_answers").map((a) => a.interval[0]);
  console.log(acc, rows, retire, card.identification.survey_coverage, card.coverage.mean_share_radius, card.special_groups.all.with_care_file);
  // Participation and points.
  const meeting: Activity = { id: 1, kind: "meeting", start: "2026-11-05T19:00:00", end: "2026-11-05T21:00:00", attendees: [1] };
  cc.addActivity(meeting);
  // @ts-expect-error: an activity's kind is one of the core's codes
  cc.addActivity({ ...meeting, id: 2, kind: "party" });
  cc.addFeedback({ id: 1, kind: "suggestion", resident: 1, received: "2026-11-05T09:00:00", subject: { kind: "facility", id: 1 } });
  const nov = { start: "2026-11-01", end: "2026-12-01" };
  const e: EngagementReport = engagement(cc, nov, 18);
  const v: VoiceReport = voice(cc, nov, d.now, 30);
  const items = defaultIdentityItems();
  const ix: number | null = identityIndex(cc, [], nov, items, 3).index;
  const dormant: boolean[] = organisations(cc, nov, 90).rows.map((o) => o.dormant);
  const ca: CorrectiveAction[] = correctiveActions(card.alerts);
  console.log(e.all.community_affairs.share, v.overdue, ix, dormant, ca, card.voice.adopted_share, card.engagement.by_grid);
  const pl = new Ledger({ points_daily_cap: null, points_lifetime_cap: 600 });
  pl.openAccount({ id: "resident#1" });
  pl.earnPoints({ key: "p", operator: "desk", at: "2026-11-24T10:00:00" }, "resident#1", "meeting", 2);
  const item: CatalogueItem = { code: "haircut", name: "Haircut", price: 2, stock: 3 };
  pl.listItem({ key: "l", operator: "desk", at: "2026-11-24T10:00:00" }, item);
  pl.submit({ key: "x", operator: "desk", at: "2026-11-24T10:00:00" }, { op: "exchange", account: "resident#1", item: "haircut", quantity: 1 });
  const [minutes, points] = pl.statements("resident#1", "2026-11-24", "2026-11-25");
  const pts: Statement = pl.statement("resident#1", "2026-11-24", "2026-11-25", "points");
  // @ts-expect-error: a unit is minutes or points
  pl.statement("resident#1", "2026-11-24", "2026-11-25", "hours");
  console.log(minutes.closing, points.unit, pts.lines[0]?.kind === "earn_points", pl.catalogue()[0]?.stock, pl.pointsBalance("resident#1"));
  try {
    l.balance("volunteer#9");
  } catch (e) {
    const h = e as HuzhuError;
    console.log(h.code, h.record, h.field, h.setting, h.account, h.key, h.transaction, h.line, h.index, h.cause);
  }
  return (card.index.score ?? 0) + (tx ? 1 : 0) + (first ? 1 : 0) + l.balances()["volunteer#1"];
}
