// The page: sends jobs to the worker, draws what comes back. Nothing heavy runs here.
const $ = (id) => document.getElementById(id);
const SVG = "http://www.w3.org/2000/svg";
const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
let running = false;
let frames = 0;
let last = null;
// Which run the rounds on screen belong to (a new run makes older rounds stale), and the map's
// projection, for drawing the rounds on it when they come; the day's rounds and the week's, for
// switching between the days drawn.
let runSeq = 0;
let project = null;
let dayPlan = null;
let weekPlan = null;
// The week replayed (both dispatchers), and which one the map shows.
let replay = null;

// A heartbeat: counts animation frames while a job runs, to show the page stays responsive.
function beat() {
  if (running) { frames += 1; $("frames").textContent = String(frames); }
  requestAnimationFrame(beat);
}
requestAnimationFrame(beat);

let reportUrl = null;

function start(job, what) {
  running = true;
  frames = 0;
  $("run").disabled = true;
  $("report").disabled = true;
  $("status").textContent = `Matching ${what} in a Web Worker…`;
  document.body.dataset.state = "running";
  runSeq += 1;
  clearRounds();
  worker.postMessage({ ...job, now: $("now").value, seed: Number($("seed").value), careLoop: $("loop").checked });
}

// The day's visit rounds, planned in the worker once a run's result is shown.
function requestRounds() {
  document.body.dataset.rounds = "running";
  $("rounds-time").textContent = "planning in the Web Worker…";
  worker.postMessage({ kind: "rounds", run: runSeq });
}

// The week replayed by phone and by huzhu, in the worker once a run's result is shown.
function requestReplay() {
  document.body.dataset.replay = "running";
  $("replay").dataset.state = "running";
  $("replay-time").textContent = "replaying the week in the Web Worker…";
  worker.postMessage({ kind: "replay", run: runSeq });
}

// The week's rounds, planned in the worker when asked (a few seconds for a district).
$("week-plan").addEventListener("click", () => {
  $("week-plan").disabled = true;
  document.body.dataset.week = "running";
  $("week-time").textContent = "planning Monday to Sunday in the Web Worker…";
  worker.postMessage({ kind: "week", run: runSeq });
});

$("controls").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const residents = Number($("residents").value);
  start({ kind: "synthetic", residents }, `a synthetic district of ${residents.toLocaleString()} residents`);
});

// The evaluation report: the worker scores four quarters and renders the report; the page shows
// it in an iframe (srcdoc: no scripts run in it) with a download link to the same bytes.
$("report").addEventListener("click", () => {
  $("report").disabled = true;
  $("run").disabled = true;
  document.body.dataset.report = "running";
  $("report-status").textContent = "scoring four quarters in the Web Worker…";
  $("status").textContent = "Writing the evaluation report in a Web Worker…";
  worker.postMessage({ kind: "report" });
});
$("report-close").addEventListener("click", () => { $("report-panel").hidden = true; });

function showReport(m) {
  if (reportUrl) URL.revokeObjectURL(reportUrl);
  reportUrl = URL.createObjectURL(new Blob([m.html], { type: "text/html;charset=utf-8" }));
  $("report-download").href = reportUrl;
  $("report-download").download = `huzhu-evaluation-${m.generated}.html`;
  $("report-open").href = reportUrl;
  $("report-frame").srcdoc = m.html;
  const from = m.periods[0].start, to = m.periods[m.periods.length - 1].end;
  $("report-status").textContent = `${m.periods.length} period${m.periods.length === 1 ? "" : "s"}, ${from} to ${to}; ${m.advice} piece${m.advice === 1 ? "" : "s"} of staffing advice; ${(m.html.length / 1024).toFixed(0)} KB, written in ${m.ms.toFixed(0)} ms`;
  $("report-panel").hidden = false;
  $("status").textContent = "The evaluation report is below: download it or open it in a new tab to print.";
  $("report-panel").scrollIntoView({ block: "start" });
}

async function loadFile(file) {
  const text = await file.text();
  start({ kind: "json", text }, file.name);
}
$("file").addEventListener("change", () => { const f = $("file").files[0]; if (f) loadFile(f); });
const drop = $("drop");
for (const t of ["dragenter", "dragover"]) drop.addEventListener(t, (e) => { e.preventDefault(); drop.classList.add("over"); });
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", (e) => {
  e.preventDefault(); drop.classList.remove("over");
  const f = e.dataTransfer.files[0]; if (f) loadFile(f);
});

worker.onmessage = (ev) => {
  const m = ev.data;
  if (m.type === "ready") {
    $("run").disabled = false;
    $("status").textContent = "Ready. The matcher runs in a Web Worker; the page stays responsive.";
    document.body.dataset.state = "ready";
  } else if (m.type === "report") {
    $("run").disabled = false;
    $("report").disabled = false;
    showReport(m);
    document.body.dataset.report = "done";
  } else if (m.type === "report-error") {
    $("run").disabled = false;
    $("report").disabled = false;
    $("report-status").textContent = `error ${m.code}: ${m.message}`;
    $("status").textContent = `Report error ${m.code}: ${m.message}`;
    document.body.dataset.report = "error";
  } else if (m.type === "result") {
    running = false;
    $("run").disabled = false;
    $("report").disabled = false;
    last = m;
    show(m);
    document.body.dataset.state = "done";
    requestRounds();
    requestReplay();
  } else if (m.type === "rounds") {
    if (m.run !== runSeq) return;
    dayPlan = m;
    drawRounds(m);
    showRounds(m);
    document.body.dataset.rounds = "done";
    $("week-plan").disabled = false;
  } else if (m.type === "rounds-error") {
    if (m.run !== runSeq) return;
    $("rounds-time").textContent = `error ${m.code}: ${m.message}`;
    document.body.dataset.rounds = "error";
    $("week-plan").disabled = false;
  } else if (m.type === "week") {
    if (m.run !== runSeq) return;
    weekPlan = m;
    showWeek(m);
    showDay(m.days.find((d) => d.rounds.length > 0)?.date ?? m.monday);
    document.body.dataset.week = "done";
    $("week-plan").disabled = false;
  } else if (m.type === "week-error") {
    if (m.run !== runSeq) return;
    $("week-time").textContent = `error ${m.code}: ${m.message}`;
    document.body.dataset.week = "error";
    $("week-plan").disabled = false;
  } else if (m.type === "replay") {
    if (m.run !== runSeq) return;
    replay = m;
    showReplay(m);
    document.body.dataset.replay = "done";
  } else if (m.type === "replay-error") {
    if (m.run !== runSeq) return;
    $("replay-time").textContent = `error ${m.code}: ${m.message}`;
    $("replay").dataset.state = "error";
    document.body.dataset.replay = "error";
  } else if (m.type === "explanation") {
    $("explanation").textContent = m.text;
    $("explanation").dataset.need = String(m.need);
  } else if (m.type === "error") {
    running = false;
    $("run").disabled = false;
    $("report").disabled = true;
    $("status").textContent = `Error ${m.code}: ${m.message}`;
    document.body.dataset.state = "error";
  }
};

function explain(need) {
  $("explanation").textContent = `Asking why need#${need}…`;
  worker.postMessage({ kind: "explain", need });
}

function show(m) {
  const servable = m.plan.matched + m.plan.unmatched;
  const rate = servable ? `${(100 * m.plan.matched / servable).toFixed(1)}% of the ${servable} with a window ahead` : "–";
  $("status").textContent = `${m.name}: ${m.counts.residents.toLocaleString()} residents, matched at ${m.now} (huzhu ${m.version}). Plan ${m.plan.optimal ? "optimal" : "not proven optimal"}.`;
  $("count-needs").textContent = String(m.needs.length);
  $("count-matched").textContent = String(m.plan.matched);
  $("count-unmatched").textContent = String(m.plan.unmatched);
  $("count-expired").textContent = String(m.plan.expired);
  $("count-helpers").textContent = String(m.helpers.length);
  $("match-rate").textContent = rate;
  $("objective").textContent = m.plan.objective.toLocaleString();
  $("timing").textContent = `build ${m.ms.build.toFixed(0)} ms, care loop ${m.ms.loop.toFixed(0)} ms, match ${m.ms.match.toFixed(0)} ms, score ${m.ms.score.toFixed(0)} ms`;
  drawMap(m);
  showCare(m.care);
  const list = $("unmatched-list");
  list.replaceChildren(...m.unmatched.slice(0, 200).map((u) => {
    const li = document.createElement("li");
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = `need#${u.need} — ${u.kind.replace("_", " ")}`;
    b.addEventListener("click", () => explain(u.need));
    li.append(b);
    return li;
  }));
  $("explanation").textContent = m.unmatched.length
    ? `Click a red need on the map or in the list.${m.plan.expired ? ` (${m.plan.expired} more had every window pass before the run: expired, drawn apart.)` : ""}`
    : m.plan.expired ? `Every need with a window ahead is matched; ${m.plan.expired} expired before the run.` : "Every need is matched.";
  const body = $("index-table").querySelector("tbody");
  if (m.scorecard) {
    const idx = m.scorecard.index;
    $("index-value").textContent = `${idx.score == null ? "n/a" : idx.score.toFixed(1)} / 100`;
    const comps = idx.components ?? [];
    body.replaceChildren(...comps.map((c) => {
      const tr = document.createElement("tr");
      const v = c.value == null ? null : Number(c.value);
      tr.innerHTML = `<td>${c.indicator}</td><td>${v == null ? "n/a" : (100 * v).toFixed(0) + "%"}</td><td class="bar"><div style="width:${v == null ? 0 : Math.round(100 * v)}%"></div></td>`;
      return tr;
    }));
  } else {
    $("index-value").textContent = "n/a";
    body.replaceChildren();
  }
  $("scorecard-text").textContent = m.scorecardText;
}

const pct = (n, d) => (d ? `${(100 * n / d).toFixed(1)}%` : "–");
const tally = (counts) => Object.entries(counts).map(([k, n]) => `${k.replaceAll("_", " ")} ${n}`).join(", ") || "none";

// The care loop panel: the rounds, the risk flags, the latent needs, and how many of the needs
// the loop recorded were matched.
function showCare(c) {
  $("care-files").textContent = `${c.files.toLocaleString()} kept by ${c.workers} workers`;
  $("care-rounds").textContent = `${c.inScope.toLocaleString()} residents, ${pct(c.onSchedule, c.inScope)} on schedule`;
  $("care-overdue").textContent = `${c.overdue.toLocaleString()} (${c.overdueResidents.toLocaleString()} residents); ${c.due.toLocaleString()} due`;
  $("care-flags").textContent = `${c.flagCount.toLocaleString()}: ${tally(c.flags)}`;
  $("care-inferred").textContent = `${c.inferred.toLocaleString()}: ${tally(c.byRule)}`;
  $("care-matched").textContent = c.packageNeeds + c.inferredNeeds
    ? `package ${c.packageMatched}/${c.packageNeeds}, inferred ${c.inferredMatched}/${c.inferredNeeds}`
    : "not recorded";
  $("care-busiest").replaceChildren(...c.busiest.filter((w) => w.overdue > 0).map((w) => {
    const li = document.createElement("li");
    li.textContent = `${w.worker} ${w.name}: ${w.overdue} overdue of ${w.residents} residents`;
    return li;
  }));
  $("care-examples").replaceChildren(...c.examples.map((text) => {
    const li = document.createElement("li");
    li.textContent = text;
    return li;
  }));
}

const el = (name, attrs) => { const e = document.createElementNS(SVG, name); for (const [a, v] of Object.entries(attrs)) e.setAttribute(a, v); return e; };

// The map's projection: the points' bounding box, equirectangular, fitted into a 1000-wide view
// of `svg` (whose viewBox it sets); null without points.
function fit(svg, pts) {
  if (!pts.length) return null;
  let [minLat, maxLat, minLon, maxLon] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const p of pts) {
    minLat = Math.min(minLat, p.lat); maxLat = Math.max(maxLat, p.lat);
    minLon = Math.min(minLon, p.lon); maxLon = Math.max(maxLon, p.lon);
  }
  const k = Math.cos(((minLat + maxLat) / 2) * Math.PI / 180);
  const w = Math.max((maxLon - minLon) * k, 1e-6), h = Math.max(maxLat - minLat, 1e-6);
  const W = 1000, H = Math.round(Math.min(900, Math.max(400, W * h / w))), pad = 20;
  const s = Math.min((W - 2 * pad) / w, (H - 2 * pad) / h);
  const x = (p) => pad + (p.lon - minLon) * k * s;
  const y = (p) => H - pad - (p.lat - minLat) * s;
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  return { x, y, el };
}

// Helpers: volunteers as small squares, services as diamonds.
function drawHelpers(helpers, x, y, id) {
  const g = el("g", { id });
  for (const hp of helpers) {
    if (!hp.at) continue;
    const cx = x(hp.at), cy = y(hp.at);
    if (hp.kind === "service") g.append(el("rect", { x: (cx - 4).toFixed(1), y: (cy - 4).toFixed(1), width: 8, height: 8, fill: "#8a3fc7", transform: `rotate(45 ${cx.toFixed(1)} ${cy.toFixed(1)})` }));
    else g.append(el("rect", { x: (cx - 2).toFixed(1), y: (cy - 2).toFixed(1), width: 4, height: 4, fill: "#2f6fd6", "fill-opacity": "0.7" }));
  }
  return g;
}

// How a need is drawn in each state: expired needs as hollow brown squares, apart from the
// round unmatched (or waiting) ones.
const EXPIRED = "#8c5a1c";
function needMark(state, px, py) {
  if (state === "expired" || state === "expired-replay") {
    return el("rect", { x: (px - 3).toFixed(1), y: (py - 3).toFixed(1), width: 6, height: 6, fill: "#fff", "fill-opacity": "0.6", stroke: EXPIRED, "stroke-width": "1.5" });
  }
  return el("circle", { cx: px.toFixed(1), cy: py.toFixed(1), r: state === "unmatched" ? 4 : 2.5 });
}

function drawMap(m) {
  const svg = $("map");
  const pts = [...m.needs.map((n) => n.at), ...m.helpers.map((h) => h.at)].filter(Boolean);
  const p = fit(svg, pts);
  if (!p) { svg.replaceChildren(); return; }
  const { x, y } = p;
  const byLabel = new Map(m.helpers.map((h) => [h.label, h]));
  const byNeed = new Map(m.needs.map((n) => [n.id, n]));
  const gLines = el("g", { id: "lines", stroke: "#7a8aa6", "stroke-width": "0.8", "stroke-opacity": "0.55" });
  for (const l of m.lines) {
    const a = byNeed.get(l.need)?.at, b = byLabel.get(l.helper)?.at;
    if (a && b) gLines.append(el("line", { x1: x(b).toFixed(1), y1: y(b).toFixed(1), x2: x(a).toFixed(1), y2: y(a).toFixed(1) }));
  }
  const gHelpers = drawHelpers(m.helpers, x, y, "helpers");
  project = { x, y, el };
  // Circles for matched and unmatched needs (#needs circle), squares for expired ones (#expired).
  const gNeeds = el("g", { id: "needs" });
  const gExpired = el("g", { id: "expired" });
  const fill = { matched: "#2e9d5b", unmatched: "#d33" };
  for (const n of m.needs) {
    if (!n.at) continue;
    const c = needMark(n.state, x(n.at), y(n.at));
    c.setAttribute("data-need", n.id);
    c.setAttribute("class", `need ${n.state}`);
    if (fill[n.state]) c.setAttribute("fill", fill[n.state]);
    if (n.state !== "matched") {
      c.style.cursor = "pointer";
      c.addEventListener("click", () => explain(n.id));
      c.append(el("title", {}));
      c.lastChild.textContent = n.state === "expired" ? `need#${n.id}: expired, its last window ended ${n.end ?? "(none)"}` : `need#${n.id}`;
    }
    (n.state === "expired" ? gExpired : gNeeds).append(c);
  }
  svg.replaceChildren(gLines, gHelpers, gExpired, gNeeds, el("g", { id: "rounds" }));
}

// ---- Visit rounds ----
const PALETTE = ["#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#0fa3b1", "#f032e6", "#9a6324", "#469990", "#800000"];
const colourOf = (i) => PALETTE[((i % PALETTE.length) + PALETTE.length) % PALETTE.length];
const REASONS = {
  no_skilled_server: () => "no care worker can make it",
  window_unreachable: () => "cannot be reached within its times",
  shift_full: () => "the shifts are full of visits at least as urgent",
  budget_spent: () => "the weekly minutes are spent",
  outcompeted: (u) => `outcompeted on ${u.server}'s round by ${u.by.map((r) => `resident#${r}`).join(", ")}`,
};

function clearRounds() {
  clearReplay();
  document.body.dataset.rounds = "pending";
  document.body.dataset.week = "pending";
  delete document.body.dataset.weekDay;
  dayPlan = null;
  weekPlan = null;
  $("rounds")?.replaceChildren();
  for (const id of ["rounds-count", "rounds-planned", "rounds-travel", "rounds-unplanned-count", "rounds-time",
    "week-kept", "week-overdue-count", "week-travel", "week-day", "week-time"]) $(id).textContent = "–";
  $("rounds-day").textContent = "";
  $("week-range").textContent = "";
  $("rounds-list").replaceChildren();
  $("rounds-unplanned").replaceChildren();
  $("week-days").replaceChildren();
  $("week-overdue").replaceChildren();
  $("week-plan").disabled = true;
}

// Each round as a polyline from its worker's start through its stops in visit order and back
// (the GeoJSON's LineString), and each stop (its Points) as a numbered circle; afternoon rounds
// dashed. `m` is a day's plan: the day's rounds, or one day of the week's.
function drawRounds(m, date = m.day) {
  const g = $("rounds");
  if (!g || !project) return;
  const { x, y, el } = project;
  const colours = new Map(m.rounds.map((r) => [r.server, colourOf(r.colour)]));
  const afternoon = new Set(m.rounds.filter((r) => r.afternoon).map((r) => `${r.server}/${r.shift}`));
  const xy = ([lon, lat]) => ({ lat, lon });
  const paths = el("g", { class: "paths", fill: "none", "stroke-width": "2", "stroke-opacity": "0.85", "stroke-linejoin": "round", "data-date": date });
  const stops = el("g", { class: "stops" });
  for (const f of m.geo.features) {
    const p = f.properties;
    const colour = colours.get(p.server) ?? "#333";
    if (f.geometry.type === "LineString") {
      const points = f.geometry.coordinates.map((c) => `${x(xy(c)).toFixed(1)},${y(xy(c)).toFixed(1)}`).join(" ");
      paths.append(el("polyline", {
        points, stroke: colour, "data-server": p.server, "data-shift": p.shift, "data-stops": p.visits.length,
        ...(afternoon.has(`${p.server}/${p.shift}`) ? { "stroke-dasharray": "6 3" } : {}),
      }));
    } else {
      const at = xy(f.geometry.coordinates);
      const stop = el("g", { class: "stop", "data-server": p.server, "data-shift": p.shift, "data-order": p.order, "data-visit": p.visit });
      stop.append(el("circle", { cx: x(at).toFixed(1), cy: y(at).toFixed(1), r: 5, fill: "#fff", stroke: colour, "stroke-width": "1.5" }));
      const label = el("text", { x: x(at).toFixed(1), y: y(at).toFixed(1), fill: colour });
      label.textContent = String(p.order);
      stop.append(label);
      stops.append(stop);
    }
  }
  g.replaceChildren(paths, stops);
}

function showRounds(m) {
  $("rounds-day").textContent = `${m.day}, planned at 08:00`;
  $("rounds-count").textContent = m.workers ? `${m.rounds.length} (${m.workers} care workers, 9–12 and 14–17)` : `${m.rounds.length} (no care workers)`;
  $("rounds-planned").textContent = `${m.planned} of ${m.visits} home visits due`;
  $("rounds-travel").textContent = `${m.travel.toLocaleString()} min in all`;
  const reasons = m.unplanned.reduce((t, u) => ({ ...t, [u.reason]: (t[u.reason] ?? 0) + 1 }), {});
  $("rounds-unplanned-count").textContent = m.unplanned.length ? `${m.unplanned.length}: ${tally(reasons)}` : "none";
  $("rounds-time").textContent = `${m.ms.toFixed(0)} ms in the Web Worker`;
  $("rounds-list").replaceChildren(...m.rounds.map((r) => {
    const li = document.createElement("li");
    const swatch = document.createElement("span");
    swatch.className = "swatch";
    swatch.style.background = colourOf(r.colour);
    li.append(swatch, `${r.server} ${r.name}, ${r.afternoon ? "afternoon" : "morning"} ${r.depart}–${r.back}: ${r.visits} visits, ${r.travel} min walking`);
    li.dataset.server = r.server;
    return li;
  }));
  const shown = m.unplanned.slice(0, 100).map((u) => {
    const li = document.createElement("li");
    const since = u.days == null ? "never visited" : `${u.days} days since the last contact`;
    li.textContent = `resident#${u.resident} (${u.overdue ? "overdue" : "due"}, ${since}): ${REASONS[u.reason]?.(u) ?? u.reason}`;
    li.dataset.reason = u.reason;
    return li;
  });
  if (m.unplanned.length > shown.length) {
    const li = document.createElement("li");
    li.textContent = `…and ${m.unplanned.length - shown.length} more`;
    shown.push(li);
  }
  $("rounds-unplanned").replaceChildren(...shown);
}

// ---- The week's rounds ----
const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const weekday = (date) => WEEKDAYS[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7];
const dayName = (date) => `${weekday(date)} ${Number(date.slice(8))}`;

// The week's panel: how many residents' intervals hold all week, those overdue with their days,
// and a button per day that draws that day's rounds on the map (and one for the day's own plan).
function showWeek(m) {
  $("week-range").textContent = `${m.monday} to ${m.sunday}`;
  $("week-kept").textContent = `${m.kept.toLocaleString()} of ${m.residents.toLocaleString()} residents`;
  $("week-overdue-count").textContent = m.overdueCount ? `${m.overdueCount.toLocaleString()} residents` : "none";
  $("week-travel").textContent = `${m.visits.toLocaleString()} visits, ${m.travel.toLocaleString()} min walking (${m.workers} care workers)`;
  $("week-time").textContent = `${m.ms.toFixed(0)} ms in the Web Worker`;
  const days = m.days.map((d) => {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = dayName(d.date);
    b.title = d.rounds.length ? `${d.date}: ${d.rounds.length} rounds, ${d.planned} visits` : `${d.date}: no rounds`;
    b.dataset.date = d.date;
    b.dataset.rounds = String(d.rounds.length);
    b.setAttribute("aria-pressed", "false");
    b.addEventListener("click", () => showDay(d.date));
    return b;
  });
  const today = document.createElement("button");
  today.type = "button";
  today.id = "week-today";
  today.textContent = "today's plan";
  today.title = "the run's day, planned on its own (above)";
  today.addEventListener("click", () => {
    if (!dayPlan) return;
    for (const b of $("week-days").querySelectorAll("button[data-date]")) b.setAttribute("aria-pressed", "false");
    delete document.body.dataset.weekDay;
    $("week-day").textContent = "–";
    drawRounds(dayPlan);
  });
  $("week-days").replaceChildren(...days, today);
  const shown = m.overdue.map((o) => {
    const li = document.createElement("li");
    const when = o.days.length === 7 ? "all week" : o.days.map(dayName).join(", ");
    const made = o.made.length ? `visited ${o.made.map(dayName).join(", ")}` : "not visited this week";
    li.textContent = `resident#${o.resident} (every ${o.every} days): overdue ${when}; ${made}`;
    li.dataset.days = String(o.days.length);
    return li;
  });
  if (m.overdueCount > shown.length) {
    const li = document.createElement("li");
    li.textContent = `…and ${(m.overdueCount - shown.length).toLocaleString()} more`;
    shown.push(li);
  }
  $("week-overdue").replaceChildren(...shown);
}

// Draws one day of the week's rounds on the map.
function showDay(date) {
  const d = weekPlan?.days.find((x) => x.date === date);
  if (!d) return;
  for (const b of $("week-days").querySelectorAll("button[data-date]")) b.setAttribute("aria-pressed", String(b.dataset.date === date));
  $("week-day").textContent = d.rounds.length
    ? `${dayName(date)}: ${d.rounds.length} rounds, ${d.planned} visits, ${d.travel.toLocaleString()} min walking${d.unplanned ? `; ${d.unplanned} could not wait and were not planned` : ""}`
    : `${dayName(date)}: no rounds`;
  drawRounds(d, date);
  document.body.dataset.weekDay = date;
}

// ---- The week replayed: the phone baseline beside huzhu ----
// Figures as `make demo` prints them: rates to 0.1%, metres whole, the Gini to two places; a rate
// over no needs is "no data". Exact decimal ties round to even, as Rust's formatting does.
function fixed(v, digits) {
  const k = 10 ** digits;
  const y = v * k;
  if (Math.abs(y % 1) === 0.5 && y / k === v) {
    const down = Math.floor(y);
    return ((down % 2 === 0 ? down : down + 1) / k).toFixed(digits);
  }
  return v.toFixed(digits);
}
const noData = (v, f) => (v == null ? "no data" : f(v));
const COMPARE_ROWS = [
  ["match_rate", "match rate 供需匹配率", (s) => noData(s.match_rate, (r) => `${fixed(r * 100, 1)}%`), (s) => s.match_rate, 1],
  ["on_time_rate", "booked by the deadline 响应及时率", (s) => noData(s.on_time_rate, (r) => `${fixed(r * 100, 1)}%`), (s) => s.on_time_rate, 1],
  ["special", "special groups served 特殊群体", (s) => `${s.special_served}/${s.special_needs}`, (s) => s.special_served, 1],
  ["emergency", "emergencies served 紧急", (s) => `${s.emergency_served}/${s.emergency_needs}`, (s) => s.emergency_served, 1],
  ["median_response", "median response (min)", (s) => noData(s.median_response_minutes, String), (s) => s.median_response_minutes, -1],
  ["mean_travel", "mean travel (m)", (s) => noData(s.mean_travel_m, (m) => fixed(m, 0)), null, 0],
  ["gini", "volunteer load Gini 公平", (s) => noData(s.volunteer_load_gini, (g) => fixed(g, 2)), (s) => s.volunteer_load_gini, -1],
  ["expired", "expired unserved 过期", (s) => String(s.expired), (s) => s.expired, -1],
  ["no_candidate", "no helper free in its window 无可用", (s) => String(s.no_candidate), null, 0],
];

function clearReplay() {
  replay = null;
  document.body.dataset.replay = "pending";
  $("replay").dataset.state = "pending";
  $("compare").querySelector("tbody").replaceChildren();
  $("replay-emergencies").replaceChildren();
  $("replay-map").replaceChildren();
  for (const id of ["replay-at", "replay-served", "replay-waiting", "replay-expired", "replay-booked", "replay-future"]) $(id).textContent = "–";
  $("replay-range").textContent = "";
  $("replay-time").textContent = "";
  $("replay-slider").disabled = true;
}

const WHEN = (at) => `${dayName(at.slice(0, 10))} ${at.slice(11, 16)}`;
const which = () => ($("replay-phone").checked ? "phone" : "matcher");

function showReplay(m) {
  const { phone, matcher } = m;
  const runs = matcher.runs.length;
  $("replay-range").textContent = `${m.start}, ${runs} runs, ${matcher.summary.needs.toLocaleString()} needs`;
  $("replay-time").textContent = `Replayed in ${(m.ms / 1000).toFixed(1)} s in the Web Worker.`;
  // The comparison table: a row per figure, the better side marked where one is better.
  $("compare").querySelector("tbody").replaceChildren(...COMPARE_ROWS.map(([key, name, show, value, better]) => {
    const tr = document.createElement("tr");
    tr.dataset.row = key;
    const th = document.createElement("td");
    th.textContent = name;
    tr.append(th);
    const [p, q] = value ? [value(phone.summary), value(matcher.summary)] : [null, null];
    for (const [side, s, v, other] of [["phone", phone.summary, p, q], ["matcher", matcher.summary, q, p]]) {
      const td = document.createElement("td");
      td.className = side;
      td.textContent = show(s);
      if (better && v != null && other != null && (v - other) * better > 0) td.classList.add("better");
      tr.append(td);
    }
    return tr;
  }));
  // Emergencies left unserved, and why, for each dispatcher; once for both when both left the
  // need unserved for the same reason.
  const items = [];
  const key = (e) => `${e.need} ${e.fate} ${e.text}`;
  const inPhone = new Set(phone.emergencies.map(key));
  const inMatcher = new Set(matcher.emergencies.map(key));
  const listed = [
    ...phone.emergencies.map((e) => ({ ...e, side: inMatcher.has(key(e)) ? "both" : "phone" })),
    ...matcher.emergencies.filter((e) => !inPhone.has(key(e))).map((e) => ({ ...e, side: "matcher" })),
  ].sort((a, b) => a.need - b.need);
  const NAMES = { phone: "phone", matcher: "huzhu", both: "phone and huzhu" };
  for (const side of ["phone", "matcher"]) {
    if (!m[side].emergencies.length) {
      const li = document.createElement("li");
      li.textContent = `${NAMES[side]}: every emergency served`;
      li.dataset.side = side;
      items.push(li);
    }
  }
  for (const e of listed) {
    const name = NAMES[e.side];
    const li = document.createElement("li");
    li.dataset.side = e.side;
    li.dataset.need = String(e.need);
    li.dataset.fate = e.fate;
    if (e.why) li.dataset.why = e.why;
    const who = document.createElement("span");
    who.className = "who";
    who.textContent = `${name}: need#${e.need}`;
    li.append(who, ` (recorded ${WHEN(e.created)}${e.deadline ? `, due by ${WHEN(e.deadline)}` : ""}) ${e.fate.replace("_", " ")} — ${e.text}`);
    items.push(li);
  }
  $("replay-emergencies").replaceChildren(...items);
  drawReplayMap(m);
  const slider = $("replay-slider");
  slider.max = String(runs - 1);
  // Start at the run of "Now" (or the last run before it), else the first.
  const now = ($("now").value.length === 16 ? `${$("now").value}:00` : $("now").value);
  const at = matcher.runs.findLastIndex((r) => r.at <= now);
  slider.value = String(Math.max(at, 0));
  slider.disabled = false;
  showRun();
  $("replay").dataset.state = "done";
}

// The replay's map: every need of the week drawn once (its state set per run), the helpers.
let replayMarks = null;
function drawReplayMap(m) {
  const svg = $("replay-map");
  const p = fit(svg, [...m.needs.map((n) => n.at), ...m.helpers.map((h) => h.at)].filter(Boolean));
  if (!p) { svg.replaceChildren(); replayMarks = null; return; }
  const { x, y } = p;
  const gNeeds = el("g", { id: "replay-needs" });
  const marks = new Map();
  for (const n of m.needs) {
    if (!n.at) continue;
    const px = x(n.at), py = y(n.at);
    // Both marks exist: a circle (served or waiting) and a square (expired); the run shows one.
    const c = el("circle", { cx: px.toFixed(1), cy: py.toFixed(1), r: 3, "data-need": n.id });
    const sq = needMark("expired-replay", px, py);
    sq.setAttribute("data-need", n.id);
    gNeeds.append(c, sq);
    marks.set(n.id, { c, sq, at: { x: px, y: py } });
  }
  replayMarks = { marks, helpers: new Map(m.helpers.map((h) => [h.label, h.at && { x: x(h.at), y: y(h.at) }])) };
  svg.replaceChildren(el("g", { id: "replay-lines", stroke: "#2e9d5b", "stroke-width": "1", "stroke-opacity": "0.7" }), drawHelpers(m.helpers, x, y, "replay-helpers"), gNeeds);
}

// A need's state at the run at `at`: booked by then (served), every window ended unserved
// (expired: as the run's expired_so_far counts it, no-candidate needs too), recorded and open
// (waiting), or not yet recorded (future).
function stateAt(o, end, at) {
  if (o.created > at) return "future";
  if (o.booked != null && o.booked <= at) return "served";
  if (end == null || end <= at) return "expired";
  return "waiting";
}

const FILL = { served: "#2e9d5b", waiting: "#e0a400" };
function showRun() {
  if (!replay) return;
  const side = replay[which()];
  const i = Number($("replay-slider").value);
  const run = side.runs[i];
  const ends = new Map(replay.needs.map((n) => [n.id, n.end]));
  const counts = { served: 0, waiting: 0, expired: 0, future: 0 };
  const booked = new Set(run.booked);
  const lines = [];
  for (const o of side.outcomes) {
    const state = stateAt(o, ends.get(o.need), run.at);
    counts[state] += 1;
    const mk = replayMarks?.marks.get(o.need);
    if (!mk) continue;
    const expired = state === "expired";
    mk.sq.setAttribute("class", expired ? "need expired" : "future");
    mk.c.setAttribute("class", expired || state === "future" ? "future" : `need ${state}`);
    if (FILL[state]) mk.c.setAttribute("fill", FILL[state]);
    mk.c.setAttribute("r", booked.has(o.need) ? 4 : state === "waiting" ? 3 : 2.2);
    const h = booked.has(o.need) && replayMarks.helpers.get(o.helper);
    if (h) lines.push(el("line", { x1: h.x.toFixed(1), y1: h.y.toFixed(1), x2: mk.at.x.toFixed(1), y2: mk.at.y.toFixed(1) }));
  }
  $("replay-lines")?.replaceChildren(...lines);
  $("replay-at").textContent = `run ${i + 1} of ${side.runs.length}: ${WHEN(run.at)} (${run.at.slice(0, 10)})`;
  $("replay-served").textContent = String(counts.served);
  $("replay-waiting").textContent = String(counts.waiting);
  $("replay-expired").textContent = String(counts.expired);
  $("replay-booked").textContent = String(run.booked.length);
  $("replay-future").textContent = String(counts.future);
  const v = $("replay");
  v.dataset.run = String(i);
  v.dataset.at = run.at;
  v.dataset.dispatcher = which();
  // What the run itself reports, beside what the map counts (they agree).
  v.dataset.servedSoFar = String(run.served_so_far);
  v.dataset.expiredSoFar = String(run.expired_so_far);
  v.dataset.runWaiting = String(run.waiting);
}
$("replay-slider").addEventListener("input", showRun);
for (const id of ["replay-phone", "replay-matcher"]) $(id).addEventListener("change", showRun);
