// The matcher runs here, in a module Web Worker, so the page stays responsive.
import init, {
  Community, generateDistrict, assignmentsFromPlan, simulate, scorecard, scorecardText, version,
  contactSchedule, riskFlags, inferNeeds, packageNeeds, needsFromInferred,
  defaultKpis, staffingAdvice, evaluationReport, planRounds, roundsGeoJson,
  contactVisits, walkersFromHomes, contactRounds, planWeek, compareDispatchers,
} from "../pkg/web.js";

const ready = init();
let matcher = null;
// The last run, for the evaluation report: what was asked, the community as matched, the plan.
let lastRun = null;

const label = (h) => `${h.kind}#${h.id}`;
const addDays = (isoDate, n) => {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
const mondayOf = (isoDateTime) => {
  const d = new Date(`${isoDateTime.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
};

function explainText(e) {
  if (e.kind === "matched") {
    const ru = e.runner_up ? `; next best ${label(e.runner_up[0])} would have to be ${e.runner_up[1]} cheaper` : "";
    return `need#${e.need} → ${label(e.helper)}: score ${e.score}/100, cost ${e.cost.total} (travel ${e.cost.travel}, delay ${e.cost.delay}, fee ${e.cost.fee})${ru}`;
  }
  const r = e.reason;
  switch (r.kind) {
    case "no_candidate":
      return `need#${e.need} has no candidate: ${r.summary}`;
    case "outcompeted":
      return `need#${e.need} was outcompeted: ${label(r.closest)} would have to be ${r.shortfall} cheaper; its capacity went to ${r.taken_by.map((n) => `need#${n}`).join(", ") || "other needs"}`;
    default:
      return `need#${e.need} unserved: ${label(r.closest)}'s hours went to ${r.taken_by.map((n) => `need#${n}`).join(", ")}`;
  }
}

// The care loop (一人一档) as of `now`: the rounds (who is due or overdue a visit or call), the
// risk flags, the latent needs the default rules infer; then, when asked, the needs of the 7 days
// from today in the care files' packages and the inferred needs (open for 3 days) are recorded in
// `community` for the matcher (no re-keying). Returns what the panel shows and the ids of the
// needs recorded.
function careLoop(community, now, record) {
  const rounds = contactSchedule(community, now);
  const overdue = rounds.due.filter((d) => d.status === "overdue");
  const flags = riskFlags(community, now);
  const inferred = inferNeeds(community, now);
  const count = (xs, key) => xs.reduce((m, x) => ({ ...m, [x[key]]: (m[x[key]] ?? 0) + 1 }), {});
  const names = new Map(community.workers().map((w) => [w.id, w.name]));
  const counts = community.counts;
  const busiest = Object.entries(rounds.by_worker)
    .sort(([a, x], [b, y]) => y.overdue - x.overdue || Number(a) - Number(b))
    .slice(0, 3)
    .map(([id, n]) => ({ worker: `worker#${id}`, name: names.get(Number(id)) ?? "", overdue: n.overdue, residents: n.residents }));
  const recorded = record ? recordCareNeeds(community, now, inferred) : { package: [], inferred: [] };
  return {
    workers: counts.workers,
    files: counts.care_files,
    inScope: rounds.in_scope,
    onSchedule: rounds.on_schedule,
    due: rounds.due.length - overdue.length,
    overdue: overdue.length,
    overdueResidents: new Set(overdue.map((d) => d.resident)).size,
    busiest,
    flags: count(flags, "reason"),
    flagCount: flags.length,
    inferred: inferred.length,
    byRule: count(inferred, "rule"),
    examples: inferred.slice(0, 5).map((n) =>
      `resident#${n.resident} needs ${n.category} (${n.rule}: ${Object.entries(n.facts).map(([k, v]) => `${k} ${v}`).join(", ")})`),
    recorded,
  };
}

// Records in `community` the needs of the 7 days from `now`'s day in the care files' packages and
// the needs inferred as of `now` (open for 3 days), as `make demo` does at Monday 08:00; returns
// their ids.
function recordCareNeeds(community, now, inferred = inferNeeds(community, now)) {
  let next = community.needs().reduce((m, n) => Math.max(m, n.id), 0) + 1;
  const week = packageNeeds(community, now.slice(0, 10), next);
  next += week.length;
  const found = needsFromInferred(inferred, next, now, 3);
  for (const n of [...week, ...found]) community.addNeed(n);
  return { package: week.map((n) => n.id), inferred: found.map((n) => n.id) };
}

// When each need's last window ends (null without windows): a need not served whose windows
// have all ended by a run has expired by then, apart from the needs still unmatched.
const lastEnds = (community) => new Map(community.needs().map((n) => [n.id, n.windows.reduce((m, w) => (m == null || w.end > m ? w.end : m), null)]));
const passedBy = (end, now) => end == null || end <= now;

// The scoring request of a run: the plan's assignments, simulated service records, surveys, care
// records and visits, staff counts from the documents' norms.
function scoringInputs(community, plan, now, period, scoreNow, seed) {
  const assignments = assignmentsFromPlan(plan, now);
  const sim = simulate(community, assignments, period, seed);
  return {
    period, now: scoreNow, assignments, records: sim.records, surveys: sim.surveys,
    care_records: sim.care_records, visits: sim.visits, time_bank: [sim.time_bank],
    staff: { community_workers: Math.round(community.counts.residents * 16 / 10000), social_workers: Math.round(community.counts.residents / 600) },
  };
}

function run(msg) {
  const t0 = performance.now();
  let community, now, period, scoreNow, name;
  if (msg.kind === "synthetic") {
    const d = generateDistrict({ residents: msg.residents, week_start: mondayOf(msg.now), seed: msg.seed });
    community = d.community;
    name = `${community.name} (synthetic, seed ${msg.seed})`;
    period = { start: d.weekStart, end: addDays(d.weekStart, 7) };
    scoreNow = d.now;
  } else {
    community = Community.fromJson(msg.text);
    name = community.name;
    const monday = mondayOf(msg.now);
    period = { start: monday, end: addDays(monday, 7) };
    scoreNow = `${period.end}T00:00:00`;
  }
  now = msg.now.length === 16 ? `${msg.now}:00` : msg.now;
  const weekStart = period.start;
  const tLoop = performance.now();
  const loop = careLoop(community, now, msg.careLoop !== false);
  const t1 = performance.now();
  if (matcher) matcher.free();
  matcher = community.matcher(now);
  const plan = matcher.solve();
  const t2 = performance.now();

  const point = (id) => community.needLocation(id);
  // Needs whose windows had all ended before the run are expired, not unmatched: no helper could
  // have served them at noon whatever the plan.
  const ends = lastEnds(community);
  const expiredIds = new Set(plan.unmatched.filter((u) => passedBy(ends.get(u.need), now)).map((u) => u.need));
  const open = plan.unmatched.filter((u) => !expiredIds.has(u.need));
  const needs = [
    ...plan.assignments.map((a) => ({ id: a.need, at: point(a.need), state: "matched" })),
    ...open.map((u) => ({ id: u.need, at: point(u.need), state: "unmatched" })),
    ...plan.unmatched.filter((u) => expiredIds.has(u.need)).map((u) => ({ id: u.need, at: point(u.need), state: "expired", end: ends.get(u.need) })),
  ];
  const helpers = [
    ...community.volunteers().map((v) => ({ label: `volunteer#${v.id}`, at: v.home, kind: "volunteer" })),
    ...community.services().map((s) => ({ label: `service#${s.id}`, at: s.location, kind: "service" })),
  ];
  const lines = plan.assignments.map((a) => ({ need: a.need, helper: label(a.helper) }));
  const unmatched = open.map((u) => ({
    need: u.need,
    kind: u.reason.kind,
    summary: u.reason.kind === "no_candidate" ? u.reason.summary : `${label(u.reason.closest)} ${u.reason.shortfall ?? ""}`,
  }));

  const matchedIds = new Set(plan.assignments.map((a) => a.need));
  const matchedOf = (ids) => ids.filter((id) => matchedIds.has(id)).length;
  const care = {
    ...loop,
    recorded: undefined,
    packageNeeds: loop.recorded.package.length,
    packageMatched: matchedOf(loop.recorded.package),
    inferredNeeds: loop.recorded.inferred.length,
    inferredMatched: matchedOf(loop.recorded.inferred),
  };

  let card = null;
  let cardText = "";
  lastRun = { msg, community, now, plan, weekStart, period, scoreNow };
  try {
    const inputs = scoringInputs(community, plan, now, period, scoreNow, msg.seed ?? 1);
    card = scorecard(community, inputs);
    cardText = scorecardText(community, inputs);
  } catch (e) {
    cardText = `scorecard unavailable: ${e.code ?? ""} ${e.message}`;
  }
  const t3 = performance.now();
  return {
    type: "result",
    version: version(),
    name,
    now,
    counts: community.counts,
    plan: { matched: plan.assignments.length, unmatched: open.length, expired: expiredIds.size, objective: plan.objective, optimal: plan.optimal, candidates: plan.stats.candidates, iterations: plan.stats.iterations },
    needs, helpers, lines, unmatched, care,
    scorecard: card && { index: card.index, coverage: card.coverage, period: card.period },
    scorecardText: cardText,
    ms: { build: tLoop - t0, loop: t1 - tLoop, match: t2 - t1, score: t3 - t2 },
  };
}

// The day's visit rounds (走访路线), planned at 08:00 of the run's day: the home visits the
// contact schedule finds due (the core's contactVisits: overdue first, then by resident; at most
// ROUND_VISITS a worker, a little more than the ten a day's two shifts hold, so that the plan shows
// what does not fit and why), 30 minutes each between 9:00 and 17:00, at the residents' homes; an
// overdue visit is more urgent than one just due, and each resident keeps their own worker unless
// that costs more than the policy's continuity minutes of walking. Each care worker with visits
// walks from the middle of their residents' homes (the core's walkersFromHomes), in two shifts,
// 9:00–12:00 and 14:00–17:00. The search runs 500 iterations (the default is 2,000): a few
// seconds for a hundred visits. Returns the rounds as GeoJSON for the map and, for the panel, each
// round and each visit not planned with its reason.
const ROUND_VISITS = 15;
const ROUNDS_POLICY = { iterations: 500 };
const twoShifts = (day) => [{ start: `${day}T09:00:00`, end: `${day}T12:00:00` }, { start: `${day}T14:00:00`, end: `${day}T17:00:00` }];

/** The rounds of a plan for the panel: who, which shift (morning or afternoon), when, how many visits. */
function roundRows(plan, workers, names) {
  const servers = workers.map((w) => w.server);
  return plan.rounds.map((r) => {
    const shift = workers[servers.indexOf(r.server)].shifts[r.shift];
    return {
      server: r.server, name: names.get(r.server) ?? "", colour: servers.indexOf(r.server), shift: r.shift,
      afternoon: shift.start.slice(11) >= "12:00:00",
      depart: r.depart.slice(11, 16), back: r.back.slice(11, 16), visits: r.stops.length, travel: r.travel_minutes,
    };
  });
}

const workerNames = (community) => new Map(community.workers().map((w) => [`worker#${w.id}`, w.name]));

function dayRounds() {
  if (!lastRun) throw Object.assign(new Error("run a match first"), { code: "NO_RUN" });
  const t0 = performance.now();
  const { community } = lastRun;
  const day = lastRun.now.slice(0, 10);
  const report = contactSchedule(community, `${day}T08:00:00`);
  const hours = { start: `${day}T09:00:00`, end: `${day}T17:00:00` };
  const visits = contactVisits(community, report, { window: hours, minutes: 30, per_worker: ROUND_VISITS });
  const workers = walkersFromHomes(visits, twoShifts(day));
  // Without workers every visit comes back unplanned, with its reason.
  const plan = planRounds(visits, workers, ROUNDS_POLICY);
  const facts = new Map(report.due.filter((d) => d.kind === "visit").map((d) => [d.resident, d]));
  return {
    type: "rounds",
    day,
    workers: workers.length,
    visits: visits.length,
    planned: plan.rounds.reduce((n, r) => n + r.stops.length, 0),
    travel: plan.travel_minutes,
    geo: roundsGeoJson(plan, visits, workers),
    rounds: roundRows(plan, workers, workerNames(community)),
    unplanned: plan.unplanned.map(([id, why]) => ({
      resident: id, overdue: facts.get(id)?.status === "overdue", days: facts.get(id)?.days_since ?? null, ...why,
    })),
    ms: performance.now() - t0,
  };
}

// The week's rounds (本周走访), Monday to Sunday of the run's week: every resident on the
// home-visit rounds as of Monday 08:00 with their care file's interval and last visit (the core's
// contactRounds), 30-minute visits; each care worker walks from the middle of their residents'
// homes, 9:00–12:00 and 14:00–17:00 on weekdays; planned day by day so each interval holds where
// the shifts allow it (planWeek, 100 iterations a day). For each day its rounds as GeoJSON, and
// for the panel how many intervals hold all week and the residents overdue with their days.
const WEEK_POLICY = { rounds: { iterations: 100 } };
const WEEK_OVERDUE_SHOWN = 100;

function weekRounds() {
  if (!lastRun) throw Object.assign(new Error("run a match first"), { code: "NO_RUN" });
  const t0 = performance.now();
  const { community } = lastRun;
  const monday = mondayOf(lastRun.now);
  const dates = [0, 1, 2, 3, 4, 5, 6].map((n) => addDays(monday, n));
  const plans = contactRounds(community, `${monday}T08:00:00`, { minutes: 30 });
  const visits = plans.map((p) => p.visit);
  const workers = walkersFromHomes(visits, dates.slice(0, 5).flatMap(twoShifts));
  const week = planWeek(plans, workers, { from: monday, through: dates[6], policy: WEEK_POLICY });
  const names = workerNames(community);
  const byDate = new Map(week.days.map((d) => [d.date, d.plan]));
  const days = dates.map((date) => {
    const plan = byDate.get(date) ?? { rounds: [], unplanned: [], travel_minutes: 0 };
    return {
      date,
      geo: roundsGeoJson(plan, visits, workers),
      rounds: roundRows(plan, workers, names),
      planned: plan.rounds.reduce((n, r) => n + r.stops.length, 0),
      unplanned: plan.unplanned.length,
      travel: plan.travel_minutes,
    };
  });
  const every = new Map(plans.map((p) => [p.visit.id, p.every_days]));
  const overdue = week.contacts
    .filter((c) => c.overdue_days.length > 0)
    .map((c) => ({ resident: c.visit, every: every.get(c.visit), days: c.overdue_days, made: c.made }))
    .sort((a, b) => b.days.length - a.days.length || a.resident - b.resident);
  return {
    type: "week",
    monday,
    sunday: dates[6],
    residents: plans.length,
    workers: workers.length,
    kept: week.kept,
    overdueCount: overdue.length,
    overdue: overdue.slice(0, WEEK_OVERDUE_SHOWN),
    visits: week.contacts.reduce((n, c) => n + c.made.length, 0),
    travel: week.travel_minutes,
    days,
    ms: performance.now() - t0,
  };
}

// Calendar quarters: the first day of the quarter of `isoDate`, `k` quarters on (k may be negative).
const quarterStart = (isoDate, k = 0) => {
  const [y, m] = isoDate.split("-").map(Number);
  const q = Math.floor((m - 1) / 3) + k;
  const year = y + Math.floor(q / 4);
  const month = ((q % 4) + 4) % 4 * 3 + 1;
  return `${year}-${String(month).padStart(2, "0")}-01`;
};
const daysBetween = (a, b) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

// The evaluation report (评估报告). A synthetic district is evaluated over four calendar quarters,
// the last one the quarter of the run: each quarter's week is the run's week moved back by whole
// quarters (the same seed and size, the care loop as asked), matched at the same weekday and
// time, and scored over the whole quarter; a file's community over its week alone. Workers'
// training and the service funding are illustrative (the district has no such records). KPIs
// are the documents' from the first quarter, judged at the end of the last; the staffing advice
// is for the run's plan.
function report() {
  if (!lastRun) throw Object.assign(new Error("run a match first"), { code: "NO_RUN" });
  const t0 = performance.now();
  const { msg, community, now, plan, weekStart } = lastRun;
  const time = now.slice(10);
  const runs = [];
  if (msg.kind === "synthetic") {
    // The Monday as far into each quarter as the run's week is into its own (a whole week inside).
    const offset = Math.min(daysBetween(quarterStart(weekStart), weekStart), 77);
    for (let k = -3; k <= 0; k += 1) {
      const start = quarterStart(weekStart, k);
      const end = quarterStart(weekStart, k + 1);
      const period = { start, end };
      if (k === 0) {
        runs.push({ community, plan, now, period });
        continue;
      }
      const week = mondayOf(addDays(start, offset + 6));
      const d = generateDistrict({ residents: msg.residents, week_start: week, seed: msg.seed });
      const at = `${addDays(week, daysBetween(weekStart, now.slice(0, 10)))}${time}`;
      const c = d.community;
      careLoop(c, at, msg.careLoop !== false);
      runs.push({ community: c, plan: c.match(at), now: at, period });
    }
  } else {
    runs.push({ community, plan, now, period: lastRun.period });
  }
  const cards = runs.map((r, i) => {
    const inputs = scoringInputs(r.community, r.plan, r.now, r.period, `${r.period.end}T00:00:00`, (msg.seed ?? 1) + i);
    const workers = r.community.workers();
    const residents = r.community.counts.residents;
    const firstDay = r.period.start;
    inputs.training = workers.map((w) => ({ worker: w.id, date: firstDay, minutes: 360 + 120 * i }));
    inputs.funding = [
      { source: "government", date: firstDay, amount_fen: residents * 1000 },
      { source: "charity", date: firstDay, amount_fen: residents * 100 * (i + 1) },
    ];
    return scorecard(r.community, inputs);
  });
  const generated = cards[cards.length - 1].period.end;
  const kpis = defaultKpis(cards[0].period.start);
  const advice = staffingAdvice(community, now, { max_groups: 5 }).advice;
  const html = evaluationReport(community, {
    generated, scorecards: cards, kpis, advice,
    title_zh: "社区服务评估报告（演示）", title_en: "Community service evaluation (demo)",
  });
  return {
    type: "report", html, generated, periods: cards.map((c) => c.period), advice: advice.length,
    ms: performance.now() - t0,
  };
}

// The week replayed (一周回放): the phone baseline the documents replaced (first come, first served,
// the nearest helper free now, no look-ahead) and huzhu's matcher dispatch the same week, a run
// every two hours 08:00–20:00 Monday to Sunday, as `make demo` does: the synthetic district of
// the run's seed and size for the week of "Now" (a file's community for that week), with the
// care loop's needs recorded at Monday 08:00 when the loop is on. Returns both replays (runs,
// each need's course, the figures), where each need is and when its last window ends, the
// helpers, and for emergencies left unserved the reason.
const OFFICE_WEEK = { days: 7, first: "08:00", last: "20:00", every_minutes: 120 };

function whyText(o) {
  const w = o.why;
  if (o.fate === "waiting") return "still waiting at the end of the week";
  if (!w) return `no run came while a window was still ahead (the last ended ${o.expired_at.slice(11, 16)})`;
  const needs = (ids) => ids.map((n) => `need#${n}`).join(", ") || "other needs";
  switch (w.kind) {
    case "no_candidate":
      return w.summary;
    case "outcompeted":
      return `outcompeted: ${label(w.closest)} would have to be ${w.shortfall} cheaper; it went to ${needs(w.taken_by)}`;
    default:
      return `unserved: the nearest, ${label(w.closest)}, was held by ${needs(w.taken_by)}`;
  }
}

function replayWeek() {
  if (!lastRun) throw Object.assign(new Error("run a match first"), { code: "NO_RUN" });
  const t0 = performance.now();
  const { msg, weekStart: monday } = lastRun;
  const community = msg.kind === "synthetic"
    ? generateDistrict({ residents: msg.residents, week_start: monday, seed: msg.seed }).community
    : Community.fromJson(msg.text);
  try {
    if (msg.careLoop !== false) recordCareNeeds(community, `${monday}T08:00:00`);
    const times = { start: monday, ...OFFICE_WEEK };
    const cmp = compareDispatchers(community, times);
    const ends = lastEnds(community);
    const ids = cmp.matcher.outcomes.map((o) => o.need);
    const needs = ids.map((id) => ({ id, at: community.needLocation(id), end: ends.get(id) ?? null }));
    const helpers = [
      ...community.volunteers().map((v) => ({ label: `volunteer#${v.id}`, at: v.home, kind: "volunteer" })),
      ...community.services().map((s) => ({ label: `service#${s.id}`, at: s.location, kind: "service" })),
    ];
    const side = (r) => ({
      runs: r.runs,
      summary: r.summary,
      outcomes: r.outcomes.map((o) => ({
        need: o.need, created: o.created_at, fate: o.fate, urgency: o.urgency,
        booked: o.booking?.at ?? null, helper: o.booking ? label(o.booking.helper) : null,
      })),
      emergencies: r.outcomes.filter((o) => o.urgency === "emergency" && o.fate !== "served").map((o) => ({
        need: o.need, fate: o.fate, created: o.created_at, deadline: o.deadline, why: o.why?.kind ?? null, text: whyText(o),
      })),
    });
    return {
      type: "replay", start: monday, times, needs, helpers,
      phone: side(cmp.phone), matcher: side(cmp.matcher), ms: performance.now() - t0,
    };
  } finally {
    community.free();
  }
}

self.onmessage = async (ev) => {
  await ready;
  const msg = ev.data;
  try {
    if (msg.kind === "report") {
      self.postMessage(report());
    } else if (msg.kind === "rounds") {
      self.postMessage({ ...dayRounds(), run: msg.run });
    } else if (msg.kind === "week") {
      self.postMessage({ ...weekRounds(), run: msg.run });
    } else if (msg.kind === "replay") {
      self.postMessage({ ...replayWeek(), run: msg.run });
    } else if (msg.kind === "explain") {
      const e = matcher.explain(msg.need);
      self.postMessage({ type: "explanation", need: msg.need, text: explainText(e), explanation: e });
    } else {
      self.postMessage(run(msg));
    }
  } catch (e) {
    const type = { report: "report-error", rounds: "rounds-error", week: "week-error", replay: "replay-error" }[msg.kind] ?? "error";
    self.postMessage({ type, run: msg.run, code: e.code ?? "ERROR", message: e.message, field: e.field, record: e.record, setting: e.setting });
  }
};
self.postMessage({ type: "ready" });
