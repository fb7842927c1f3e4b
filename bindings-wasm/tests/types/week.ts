// Type-checked with the rest (tests/types/tsconfig.json): a week of rounds and the rounds from the
// care files have real types.
import {
  Community, planWeek, defaultWeekPolicy, committedTasks, contactRounds, contactVisits, walkersFromHomes, contactSchedule,
  type ContactRound, type WeekPolicy, type WeekOptions, type Week, type DayRounds, type ContactKept, type Unplanned,
  type RoundVisit, type RoundWorker, type MatchContextInput, type HuzhuError, type ServerLabel, type TimeWindow,
} from "../../pkg/huzhu.js";

export function week(c: Community): string[] {
  const centre = { lat: 31.2, lon: 121.5 };
  const shifts: TimeWindow[] = [{ start: "2026-12-07T09:00:00", end: "2026-12-07T12:00:00" }];
  const plans: ContactRound[] = [
    { visit: { id: 1, place: centre, minutes: 30 }, every_days: 7, last: "2026-12-01" },
    { visit: { id: 2, place: centre, minutes: 30, preferred: "volunteer#7" }, every_days: 2 },
    { visit: { id: 3, place: centre, minutes: 30 }, every_days: 7, last: null },
  ];
  const workers: RoundWorker[] = [{ server: "volunteer#7", start: centre, end: centre, shifts }];
  // @ts-expect-error: an interval is a number of days
  const weekly: ContactRound = { visit: plans[0].visit, every_days: "weekly" };
  // @ts-expect-error: unknown members are refused
  const next: ContactRound = { ...plans[0], next: "2026-12-08" };
  const policy: WeekPolicy = defaultWeekPolicy();
  const options: WeekOptions = {
    from: "2026-12-07", through: new Date(2026, 11, 13), budgets: { "volunteer#7": 70 },
    policy: { early_days: policy.early_days, rounds: { iterations: 500 } },
  };
  const w: Week = planWeek(plans, workers, options);
  planWeek(plans, workers, { from: "2026-12-07", through: "2026-12-13" });
  planWeek(plans, workers, { from: "2026-12-07", through: "2026-12-13", budgets: null, policy: null });
  // @ts-expect-error: the days are options
  planWeek(plans, workers);
  // @ts-expect-error: a week has a last day
  planWeek(plans, workers, { from: "2026-12-07" });
  // @ts-expect-error: budgets are by server label
  planWeek(plans, workers, { from: "2026-12-07", through: "2026-12-13", budgets: { "resident#1": 70 } });
  // @ts-expect-error: week settings are the core's
  planWeek(plans, workers, { from: "2026-12-07", through: "2026-12-13", policy: { early: 1 } });
  const lines: string[] = [];
  for (const d of w.days) {
    const day: DayRounds = d;
    for (const [visit, why] of day.plan.unplanned) {
      const u: Unplanned = why;
      lines.push(u.reason === "budget_spent" ? `${day.date} ${visit}: budget spent` : `${day.date} ${visit}: ${u.reason}`);
    }
  }
  for (const k of w.contacts) {
    const kept: ContactKept = k;
    lines.push(`${kept.visit} ${kept.made.join(",")} ${kept.overdue_days.length} ${kept.next_due}`);
  }
  const worked: number | undefined = w.minutes_worked["volunteer#7"];
  lines.push(`${w.kept} ${w.travel_minutes} ${worked ?? 0}`);
  // The volunteers' rounds go to the matcher as its committed tasks.
  const context: MatchContextInput = { committed: committedTasks(w, 60) };
  lines.push(JSON.stringify(context));
  // Rounds from the care files.
  const rounds: ContactRound[] = contactRounds(c, "2026-12-07T08:00:00", { minutes: 30, windows: shifts, policy: { older_visit_days: 7 } });
  contactRounds(c, new Date(2026, 11, 7, 8), { minutes: 30 });
  // @ts-expect-error: a visit's length is needed
  contactRounds(c, "2026-12-07T08:00:00", {});
  const report = contactSchedule(c, "2026-12-07T08:00:00");
  const visits: RoundVisit[] = contactVisits(c, report, { window: shifts[0], minutes: 30, per_worker: 15 });
  // @ts-expect-error: options keep the core's snake case
  contactVisits(c, report, { window: shifts[0], minutes: 30, perWorker: 15 });
  const walkers: RoundWorker[] = walkersFromHomes(visits, shifts);
  const first: ServerLabel | undefined = walkers[0]?.server;
  lines.push(`${rounds.length} ${visits.length} ${String(first)}`);
  try {
    planWeek([{ ...plans[0], every_days: 0 }], workers, options);
  } catch (e) {
    const err = e as HuzhuError;
    lines.push(`${err.code} ${err.record ?? ""} ${err.field ?? ""}`);
  }
  lines.push(String(weekly), String(next));
  return lines;
}
