// The matcher runs here, in a module Web Worker, so the page stays responsive.
import init, {
  Community, generateDistrict, assignmentsFromPlan, simulate, scorecard, scorecardText, version,
} from "../pkg/web.js";

const ready = init();
let matcher = null;

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
  const t1 = performance.now();
  if (matcher) matcher.free();
  matcher = community.matcher(now);
  const plan = matcher.solve();
  const t2 = performance.now();

  const point = (id) => community.needLocation(id);
  const needs = [
    ...plan.assignments.map((a) => ({ id: a.need, at: point(a.need), matched: true })),
    ...plan.unmatched.map((u) => ({ id: u.need, at: point(u.need), matched: false })),
  ];
  const helpers = [
    ...community.volunteers().map((v) => ({ label: `volunteer#${v.id}`, at: v.home, kind: "volunteer" })),
    ...community.services().map((s) => ({ label: `service#${s.id}`, at: s.location, kind: "service" })),
  ];
  const lines = plan.assignments.map((a) => ({ need: a.need, helper: label(a.helper) }));
  const unmatched = plan.unmatched.map((u) => ({
    need: u.need,
    kind: u.reason.kind,
    summary: u.reason.kind === "no_candidate" ? u.reason.summary : `${label(u.reason.closest)} ${u.reason.shortfall ?? ""}`,
  }));

  let card = null;
  let cardText = "";
  try {
    const assignments = assignmentsFromPlan(plan, now);
    const sim = simulate(community, assignments, period, msg.seed ?? 1);
    const inputs = {
      period, now: scoreNow, assignments, records: sim.records, surveys: sim.surveys,
      care_records: sim.care_records, visits: sim.visits, time_bank: [sim.time_bank],
      staff: { community_workers: Math.round(community.counts.residents * 16 / 10000), social_workers: Math.round(community.counts.residents / 600) },
    };
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
    plan: { matched: plan.assignments.length, unmatched: plan.unmatched.length, objective: plan.objective, optimal: plan.optimal, candidates: plan.stats.candidates, iterations: plan.stats.iterations },
    needs, helpers, lines, unmatched,
    scorecard: card && { index: card.index, coverage: card.coverage, period: card.period },
    scorecardText: cardText,
    ms: { build: t1 - t0, match: t2 - t1, score: t3 - t2 },
  };
}

self.onmessage = async (ev) => {
  await ready;
  const msg = ev.data;
  try {
    if (msg.kind === "explain") {
      const e = matcher.explain(msg.need);
      self.postMessage({ type: "explanation", need: msg.need, text: explainText(e), explanation: e });
    } else {
      self.postMessage(run(msg));
    }
  } catch (e) {
    self.postMessage({ type: "error", code: e.code ?? "ERROR", message: e.message, field: e.field, record: e.record, setting: e.setting });
  }
};
self.postMessage({ type: "ready" });
