// Type-checked with the rest (tests/types/tsconfig.json): the evaluation API's types are real.
import {
  Community, scorecard, measures, defaultKpis, kpiProgress, evaluateKpis, tally, gridTallies, mergeTallies, rollup,
  staffingAdvice, evaluationReport, evaluationReportData, renderReport,
  type Kpi, type KpiProgress, type KpiStatus, type LevelRow, type Measure, type Recruit, type ReportData, type Scorecard,
  type Tally, type WorkforceReport, type FundingReport, type Worker,
} from "../../pkg/huzhu.js";

export function evaluation(c: Community, cards: Scorecard[]): string {
  const w: Worker = { id: 1, name: "Li", role: "grid_worker", grids: [1], qualified: true };
  c.addWorker(w);
  const card = scorecard(c, {
    period: { start: "2026-01-01", end: "2026-04-01" }, now: "2026-04-01T00:00:00",
    training: [{ worker: 1, date: "2026-02-02", minutes: 600 }],
    funding: [{ source: "charity", date: "2026-02-02", amount_fen: 50_000 }],
  }, { staffing: { qualified_share: 0.2 } });
  // @ts-expect-error: funding sources are the core's codes
  scorecard(c, { period: { start: "2026-01-01", end: "2026-04-01" }, now: "2026-04-01T00:00:00", funding: [{ source: "lottery", date: "2026-02-02", amount_fen: 1 }] });
  const wf: WorkforceReport = card.workforce;
  const fr: FundingReport = card.funding;
  const perWorker: number | null = wf.residents_per_worker;
  const yuan: number | null = fr.per_resident_year;
  const special = card.satisfaction.rows.filter((r) => r.scope.kind === "special_groups").map((r) => r.overall?.share_satisfied);
  const m: Measure[] = measures();
  const kpis: Kpi[] = defaultKpis(new Date(2026, 0, 1));
  const p: KpiProgress = kpiProgress(kpis[0], [{ date: "2026-07-01", value: 0.64 }, { date: "2026-10-01" }], "2026-10-01", 91);
  // @ts-expect-error: a direction is increase or decrease
  kpiProgress({ ...kpis[0], direction: "up" }, [], "2026-10-01");
  kpiProgress({ code: "mine", measure: "match_rate", name_en: "Mine", name_zh: "我的", baseline_date: "2026-01-01", target: 0.9, deadline: "2027-01-01", direction: "increase" }, [], "2026-10-01");
  const statuses: KpiStatus[] = evaluateKpis(kpis, [...cards, card], "2026-10-01").map((r) => r.status);
  const t: Tally = tally(card);
  const byGrid: Record<string, Tally> = gridTallies(card, c);
  const all: Tally = mergeTallies(Object.values(byGrid));
  const rows: LevelRow[] = rollup([{ id: "s", name: "S", level: "street" }, { id: "a", name: "A", level: "community", parent: "s" }], { a: t });
  // @ts-expect-error: levels are grid, community, street, district, city
  rollup([{ id: "s", name: "S", level: "county" }], {});
  const p50: number | null = rows[0].response_p50;
  const { plan, advice } = staffingAdvice(c, "2026-11-23T08:00:00", { max_recruits: 3 });
  const first: Recruit | undefined = advice[0];
  if (first) c.addVolunteer(first.volunteers[0]);
  const html: string = evaluationReport(c, { generated: "2027-01-05", scorecards: [card], kpis, levels: rows, advice });
  const data: ReportData = evaluationReportData(c, { generated: new Date(2027, 0, 5), scorecards: [card] });
  data.kpis[0].baseline = null;
  return html + renderReport(data) + renderReport({ title_en: "Mine" }) + [perWorker, yuan, special, m, p.status, statuses, all.residents, p50, plan.objective].join();
}
