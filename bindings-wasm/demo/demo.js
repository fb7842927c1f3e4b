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
  const rate = m.needs.length ? (100 * m.plan.matched / m.needs.length).toFixed(1) : "–";
  $("status").textContent = `${m.name}: ${m.counts.residents.toLocaleString()} residents, matched at ${m.now} (huzhu ${m.version}). Plan ${m.plan.optimal ? "optimal" : "not proven optimal"}.`;
  $("count-needs").textContent = String(m.needs.length);
  $("count-matched").textContent = String(m.plan.matched);
  $("count-unmatched").textContent = String(m.plan.unmatched);
  $("count-helpers").textContent = String(m.helpers.length);
  $("match-rate").textContent = `${rate}%`;
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
  $("explanation").textContent = m.unmatched.length ? "Click a red need on the map or in the list." : "Every need is matched.";
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

function drawMap(m) {
  const svg = $("map");
  const pts = [...m.needs.map((n) => n.at), ...m.helpers.map((h) => h.at)].filter(Boolean);
  if (!pts.length) { svg.replaceChildren(); return; }
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
  const el = (name, attrs) => { const e = document.createElementNS(SVG, name); for (const [a, v] of Object.entries(attrs)) e.setAttribute(a, v); return e; };
  const byLabel = new Map(m.helpers.map((h) => [h.label, h]));
  const byNeed = new Map(m.needs.map((n) => [n.id, n]));
  const gLines = el("g", { id: "lines", stroke: "#7a8aa6", "stroke-width": "0.8", "stroke-opacity": "0.55" });
  for (const l of m.lines) {
    const a = byNeed.get(l.need)?.at, b = byLabel.get(l.helper)?.at;
    if (a && b) gLines.append(el("line", { x1: x(b).toFixed(1), y1: y(b).toFixed(1), x2: x(a).toFixed(1), y2: y(a).toFixed(1) }));
  }
  const gHelpers = el("g", { id: "helpers" });
  for (const hp of m.helpers) {
    const cx = x(hp.at), cy = y(hp.at);
    if (hp.kind === "service") gHelpers.append(el("rect", { x: (cx - 4).toFixed(1), y: (cy - 4).toFixed(1), width: 8, height: 8, fill: "#8a3fc7", transform: `rotate(45 ${cx.toFixed(1)} ${cy.toFixed(1)})` }));
    else gHelpers.append(el("rect", { x: (cx - 2).toFixed(1), y: (cy - 2).toFixed(1), width: 4, height: 4, fill: "#2f6fd6", "fill-opacity": "0.7" }));
  }
  project = { x, y, el };
  const gNeeds = el("g", { id: "needs" });
  for (const n of m.needs) {
    if (!n.at) continue;
    const c = el("circle", { cx: x(n.at).toFixed(1), cy: y(n.at).toFixed(1), r: n.matched ? 2.5 : 4, fill: n.matched ? "#2e9d5b" : "#d33", "data-need": n.id, class: n.matched ? "need matched" : "need unmatched" });
    if (!n.matched) { c.style.cursor = "pointer"; c.addEventListener("click", () => explain(n.id)); c.append(el("title", {})); c.lastChild.textContent = `need#${n.id}`; }
    gNeeds.append(c);
  }
  svg.replaceChildren(gLines, gHelpers, gNeeds, el("g", { id: "rounds" }));
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
