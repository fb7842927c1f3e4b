// The page: sends jobs to the worker, draws what comes back. Nothing heavy runs here.
const $ = (id) => document.getElementById(id);
const SVG = "http://www.w3.org/2000/svg";
const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
let running = false;
let frames = 0;
let last = null;

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
  worker.postMessage({ ...job, now: $("now").value, seed: Number($("seed").value), careLoop: $("loop").checked });
}

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
  const gNeeds = el("g", { id: "needs" });
  for (const n of m.needs) {
    if (!n.at) continue;
    const c = el("circle", { cx: x(n.at).toFixed(1), cy: y(n.at).toFixed(1), r: n.matched ? 2.5 : 4, fill: n.matched ? "#2e9d5b" : "#d33", "data-need": n.id, class: n.matched ? "need matched" : "need unmatched" });
    if (!n.matched) { c.style.cursor = "pointer"; c.addEventListener("click", () => explain(n.id)); c.append(el("title", {})); c.lastChild.textContent = `need#${n.id}`; }
    gNeeds.append(c);
  }
  svg.replaceChildren(gLines, gHelpers, gNeeds);
}
