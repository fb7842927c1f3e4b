// End to end: Debian's Chromium (driven by playwright-core) loads the demo from localhost; its
// Chinese title must render as glyphs (a CJK font installed, scripts/setup.sh), not .notdef boxes.
// It runs a match in the module worker, and we assert on what the page shows (needs whose windows
// passed before the run drawn apart as expired); the week replayed by phone and by huzhu (the
// same figures as `make demo`, recomputed here with the node package; a slider over the 49 runs
// whose map counts equal each run's own); then writes the evaluation report (four quarters scored
// in the worker) and checks it in its iframe and as downloaded. Screenshots go to test-output/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { serve } from "./serve.mjs";
import { generateDistrict, compareDispatchers, inferNeeds, packageNeeds, needsFromInferred } from "../../pkg/node.js";

// Not skipped without a browser: scripts/setup.sh installs Debian's chromium, and launching
// without one fails the test.
const CHROMIUM = process.env.CHROMIUM_PATH ?? ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find(existsSync);
const out = fileURLToPath(new URL("../../../test-output/", import.meta.url));
const example = fileURLToPath(new URL("../../../core/examples/community.json", import.meta.url));

// In the page: draws 互, 助 and an unassigned code point (U+0378, whose glyph is the .notdef box)
// on a canvas with the h1's computed font, and reports whether the bitmaps differ; what
// document.fonts.check says; and which named families of the h1's stack are installed (text in
// the family measures differently from each generic family alone).
function cjkRendering() {
  const h1 = document.querySelector("h1");
  const cs = getComputedStyle(h1);
  const font = `${cs.fontStyle} ${cs.fontWeight} 48px ${cs.fontFamily}`;
  const canvas = document.createElement("canvas");
  canvas.width = 64; canvas.height = 64;
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  const draw = (ch) => {
    ctx.clearRect(0, 0, 64, 64);
    ctx.font = font;
    ctx.textBaseline = "middle";
    ctx.fillText(ch, 4, 32);
    const a = ctx.getImageData(0, 0, 64, 64).data;
    let bits = "", ink = 0;
    for (let i = 3; i < a.length; i += 4) { bits += a[i] > 127 ? "1" : "0"; ink += a[i] > 127 ? 1 : 0; }
    return { bits, ink };
  };
  const [hu, zhu, notdef] = ["互", "助", "\u0378"].map(draw);
  const width = (family) => { ctx.font = `48px ${family}`; return ctx.measureText("互助 huzhu").width; };
  const named = cs.fontFamily.split(",").map((f) => f.trim()).filter((f) => f.startsWith('"'));
  return {
    family: cs.fontFamily, title: h1.firstChild.textContent.trim(), ink: [hu.ink, zhu.ink, notdef.ink],
    huVsZhu: hu.bits !== zhu.bits, huVsNotdef: hu.bits !== notdef.bits, zhuVsNotdef: zhu.bits !== notdef.bits,
    check: document.fonts.check(`20px ${cs.fontFamily}`, "互助"),
    installed: named.filter((f) => ["monospace", "serif"].some((g) => width(`${f}, ${g}`) !== width(g))),
  };
}

// The week as `make demo` replays it: the synthetic district of this seed and size, the care
// loop's needs recorded at Monday 08:00, a run every two hours 08:00–20:00 Monday to Sunday.
function expectedReplay(residents, seed, monday) {
  const c = generateDistrict({ residents, week_start: monday, seed }).community;
  const now = `${monday}T08:00:00`;
  const inferred = inferNeeds(c, now);
  let next = c.needs().reduce((m, n) => Math.max(m, n.id), 0) + 1;
  const week = packageNeeds(c, monday, next);
  next += week.length;
  for (const n of [...week, ...needsFromInferred(inferred, next, now, 3)]) c.addNeed(n);
  const r = compareDispatchers(c, { start: monday, days: 7, first: "08:00", last: "20:00", every_minutes: 120 });
  c.free();
  return r;
}
// The rows `make demo` prints (core/examples/demo/baseline.rs), formatted the same way.
const pct = (r) => (r == null ? "no data" : `${(r * 100).toFixed(1)}%`);
const demoRows = (s) => [
  pct(s.match_rate), pct(s.on_time_rate), `${s.special_served}/${s.special_needs}`, `${s.emergency_served}/${s.emergency_needs}`,
  s.median_response_minutes == null ? "no data" : String(s.median_response_minutes),
  s.mean_travel_m == null ? "no data" : s.mean_travel_m.toFixed(0),
  s.volunteer_load_gini == null ? "no data" : s.volunteer_load_gini.toFixed(2),
  String(s.expired), String(s.no_candidate),
];

test("demo page: the worker runs the care loop and matches a synthetic district; care panel, map, lines, explanation, scorecard; the evaluation report", { timeout: 180_000 }, async () => {
  mkdirSync(out, { recursive: true });
  const server = await serve();
  const profile = mkdtempSync(join(tmpdir(), "huzhu-chromium-"));
  // A fresh profile directory (playwright passes it as --user-data-dir).
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 950 },
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = browser.pages()[0] ?? await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    await page.goto(`http://127.0.0.1:${server.address().port}/demo/`);
    await page.waitForFunction(() => document.body.dataset.state === "ready", null, { timeout: 60_000 });

    // Chinese renders as glyphs: 互 and 助 drawn with the title's font differ from each other and
    // from the .notdef box (without a CJK font all three are the same box).
    await page.evaluate(() => document.fonts.ready);
    const cjk = await page.evaluate(cjkRendering);
    assert.equal(cjk.title, "huzhu 互助");
    assert.match(cjk.family, /"Noto Sans CJK SC".*"Noto Sans SC"|"PingFang SC".*"Microsoft YaHei"/);
    assert.ok(cjk.ink.every((n) => n > 0), `ink ${cjk.ink}`);
    assert.ok(cjk.huVsZhu && cjk.huVsNotdef && cjk.zhuVsNotdef, `互, 助 and .notdef drawn alike: boxes, no CJK font (${JSON.stringify(cjk)})`);
    assert.equal(cjk.check, true, "document.fonts.check");
    assert.ok(cjk.installed.length > 0, `no CJK family of the stack is installed: ${cjk.family}`);
    await page.locator("h1").screenshot({ path: join(out, "demo-title.png") });

    await page.selectOption("#residents", "10000");
    await page.click("#run");
    await page.waitForFunction(() => document.body.dataset.state === "done" || document.body.dataset.state === "error", null, { timeout: 120_000 });
    assert.equal(await page.getAttribute("body", "data-state"), "done", await page.textContent("#status"));

    const num = async (sel) => Number((await page.textContent(sel)).replace(/[^\d]/g, ""));
    const text = async (sel) => (await page.textContent(sel)).trim();
    const needs = await num("#count-needs");
    const matched = await num("#count-matched");
    const unmatched = await num("#count-unmatched");
    const expired = await num("#count-expired");
    assert.ok(needs > 50, `needs ${needs}`);
    assert.equal(matched + unmatched + expired, needs);
    assert.ok(matched >= needs / 4, `matched ${matched} of ${needs}`);
    assert.ok(unmatched > 0, "some needs with a window ahead stay unmatched at noon on Wednesday");
    assert.ok(expired > 0, "some needs' windows passed before noon on Wednesday: expired, not unmatched");
    // The map: a circle per need matched or unmatched, a square per expired need (drawn apart, in
    // another colour), a line per assignment, helpers drawn.
    assert.equal(await page.locator("#needs circle").count(), matched + unmatched);
    assert.equal(await page.locator("#needs circle.unmatched").count(), unmatched);
    assert.equal(await page.locator("#expired rect.expired").count(), expired);
    const paint = (sel) => page.locator(sel).first().evaluate((e) => { const s = getComputedStyle(e); return `${s.fill} ${s.stroke}`; });
    assert.notEqual(await paint("#expired rect.expired"), await paint("#needs circle.unmatched"));
    assert.match(await text("#match-rate"), /^\d+\.\d% of the \d+ with a window ahead$/);
    assert.equal(await page.locator("#lines line").count(), matched);
    assert.ok(await page.locator("#helpers rect").count() > 10);
    // The page stayed responsive: animation frames were drawn while the worker ran.
    assert.ok(await num("#frames") > 0, "no animation frames during the run");
    // The scorecard.
    const index = await page.textContent("#index-value");
    assert.match(index, /\d+(\.\d)? \/ 100/);
    assert.ok(await page.locator("#index-table tr").count() >= 8);
    // The care loop panel: the district's care files and rounds, overdue contacts, risk flags,
    // inferred needs (with their rule and facts), and the needs the loop recorded, matched.
    const first = (t) => Number(t.replace(/,/g, "").match(/\d+/)[0]);
    assert.ok(first(await text("#care-files")) > 100, await text("#care-files"));
    assert.match(await text("#care-rounds"), /^[\d,]+ residents, \d+\.\d% on schedule$/);
    assert.ok(first(await text("#care-overdue")) > 0, await text("#care-overdue"));
    assert.ok(first(await text("#care-flags")) > 0, await text("#care-flags"));
    assert.match(await text("#care-inferred"), /^[\d,]+: .*(dependent without cleaning|aged alone without contact|hardship elderly without meals) \d+/);
    const [, pm, pn, im, inn] = (await text("#care-matched")).match(/^package (\d+)\/(\d+), inferred (\d+)\/(\d+)$/).map(Number);
    assert.ok(pn > 0 && inn > 0 && pm + im > 0, await text("#care-matched"));
    assert.ok(pm <= pn && im <= inn);
    assert.ok(await page.locator("#care-busiest li").count() >= 1);
    assert.match(await page.locator("#care-examples li").first().textContent(), /^resident#\d+ needs [a-z_.]+ \([a-z_]+: .+\)$/);
    // Click the first unmatched need on the map: its explanation appears.
    const red = page.locator("#needs circle.unmatched").first();
    const id = await red.getAttribute("data-need");
    await red.click({ force: true });
    await page.waitForFunction((n) => document.getElementById("explanation").dataset.need === n, id, { timeout: 30_000 });
    const why = await page.textContent("#explanation");
    assert.match(why, new RegExp(`need#${id} (has no candidate|was outcompeted)`), why);

    // The week replayed: phone and huzhu side by side, the same figures as `make demo` prints for
    // this seed and size (recomputed here with the node package).
    await page.waitForFunction(() => ["done", "error"].includes(document.body.dataset.replay), null, { timeout: 120_000 });
    assert.equal(await page.getAttribute("body", "data-replay"), "done", await text("#replay-time"));
    const want = expectedReplay(10000, 2026, "2026-11-23");
    const rows = await page.locator("#compare tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent.trim())));
    assert.equal(rows.length, 9);
    assert.deepEqual(rows.map((r) => r[0]), ["match rate 供需匹配率", "booked by the deadline 响应及时率", "special groups served 特殊群体",
      "emergencies served 紧急", "median response (min)", "mean travel (m)", "volunteer load Gini 公平", "expired unserved 过期", "no helper free in its window 无可用"]);
    for (const r of rows) assert.ok(/\d/.test(r[1]) && /\d/.test(r[2]), `a number in each column: ${r}`);
    assert.deepEqual(rows.map((r) => r[1]), demoRows(want.phone.summary), "the phone column");
    assert.deepEqual(rows.map((r) => r[2]), demoRows(want.matcher.summary), "the huzhu column");
    assert.ok(want.matcher.summary.match_rate >= want.phone.summary.match_rate);
    // Emergencies left unserved, each with its reason: the no-candidate summary, or the helper
    // and the needs that held it.
    const emergencies = await page.locator("#replay-emergencies li[data-need]").evaluateAll((lis) => lis.map((li) => ({ side: li.dataset.side, need: Number(li.dataset.need), why: li.dataset.why ?? null, text: li.textContent })));
    const unservedEm = (r) => r.outcomes.filter((o) => o.urgency === "emergency" && o.fate !== "served");
    for (const side of ["phone", "matcher"]) {
      const mine = emergencies.filter((e) => e.side === side || e.side === "both");
      assert.deepEqual(mine.map((e) => e.need), unservedEm(want[side]).map((o) => o.need), `${side}: the emergencies unserved`);
      for (const [e, o] of mine.map((e, i) => [e, unservedEm(want[side])[i]])) {
        assert.equal(e.why, o.why?.kind ?? null);
        if (o.why?.kind === "no_candidate") assert.ok(e.text.includes(`no candidate — ${o.why.summary}`), e.text);
        else if (o.why) assert.match(e.text, new RegExp(`${o.why.closest.kind}#${o.why.closest.id}.*need#\\d+|other needs`), e.text);
        else assert.match(e.text, /expired — no run came while a window was still ahead \(the last ended \d\d:\d\d\)/, e.text);
      }
    }
    // The slider over the 49 runs: at each run the map's served and expired marks, and the
    // counts shown, are the run's served_so_far and expired_so_far; with either dispatcher.
    const slider = page.locator("#replay-slider");
    assert.equal(await slider.getAttribute("max"), "48");
    const seen = { served: new Set(), expired: new Set() };
    for (const side of ["matcher", "phone"]) {
      await page.check(`#replay-${side}`);
      await slider.evaluate((e) => { e.value = "0"; e.dispatchEvent(new Event("input", { bubbles: true })); });
      await slider.focus();
      const runs = want[side].runs;
      assert.equal(runs.length, 49);
      for (let i = 0; i < runs.length; i += 1) {
        if (i > 0) await page.keyboard.press("ArrowRight");
        const got = await page.evaluate(() => {
          const v = document.getElementById("replay");
          const n = (id) => Number(document.getElementById(id).textContent);
          return {
            run: Number(v.dataset.run), at: v.dataset.at, who: v.dataset.dispatcher, label: document.getElementById("replay-at").textContent,
            served: n("replay-served"), expired: n("replay-expired"), booked: n("replay-booked"),
            servedMarks: document.querySelectorAll("#replay-needs circle.served").length,
            expiredMarks: document.querySelectorAll("#replay-needs rect.expired").length,
            lines: document.querySelectorAll("#replay-lines line").length,
          };
        });
        const r = runs[i];
        assert.deepEqual([got.run, got.at, got.who], [i, r.at, side]);
        assert.ok(got.label.includes(`run ${i + 1} of 49`) && got.label.includes(r.at.slice(11, 16)), got.label);
        assert.equal(got.served, r.served_so_far, `${side} ${r.at}: served`);
        assert.equal(got.servedMarks, r.served_so_far, `${side} ${r.at}: served marks`);
        assert.equal(got.expired, r.expired_so_far, `${side} ${r.at}: expired`);
        assert.equal(got.expiredMarks, r.expired_so_far, `${side} ${r.at}: expired marks`);
        assert.equal(got.booked, r.booked.length);
        assert.equal(got.lines, r.booked.length);
        seen.served.add(got.served);
        seen.expired.add(got.expired);
      }
      assert.equal(await page.evaluate(() => Number(document.getElementById("replay").dataset.run)), 48, "the slider reached the last run");
    }
    assert.ok(seen.served.size > 10 && seen.expired.size > 1, "the counts change as the slider moves");
    // Expired needs are drawn apart: squares in their own colour, not the circles of served and
    // waiting needs.
    await slider.evaluate((e) => { e.value = "24"; e.dispatchEvent(new Event("input", { bubbles: true })); });
    const looks = await page.evaluate(() => {
      const look = (sel) => { const e = document.querySelector(sel); const s = getComputedStyle(e); return { tag: e.tagName, paint: `${s.fill} ${s.stroke}`, shown: s.display !== "none" }; };
      return { served: look("#replay-needs circle.served"), waiting: look("#replay-needs circle.waiting"), expired: look("#replay-needs rect.expired") };
    });
    assert.equal(looks.expired.tag, "rect");
    assert.ok(looks.expired.shown && looks.served.shown && looks.waiting.shown);
    assert.equal(new Set([looks.served.paint, looks.waiting.paint, looks.expired.paint]).size, 3, JSON.stringify(looks));
    await page.screenshot({ path: join(out, "demo.png"), fullPage: true });
    console.log(`screenshot: ${join(out, "demo.png")}`);

    // The evaluation report (评估报告): four quarters of the district scored in the worker, shown
    // in an iframe, with a download link to the same bytes.
    assert.equal(await page.locator("#report-panel").isHidden(), true);
    await page.click("#report");
    await page.waitForFunction(() => document.body.dataset.report === "done" || document.body.dataset.report === "error", null, { timeout: 120_000 });
    assert.equal(await page.getAttribute("body", "data-report"), "done", await page.textContent("#report-status"));
    assert.match(await text("#report-status"), /^4 periods, 2026-01-01 to 2027-01-01; \d+ pieces? of staffing advice; \d+ KB, written in \d+ ms$/);
    const frame = page.frameLocator("#report-frame");
    for (const id of ["kpis", "index", "changes", "levels", "map", "alerts", "advice", "staffing"]) {
      assert.equal(await frame.locator(`section#${id}`).count(), 1, `section #${id}`);
    }
    const kpiText = await frame.locator("section#kpis").textContent();
    for (const name of ["供需匹配率", "Match rate", "诉求办理时长", "Handling time of complaints and suggestions", "2026 Q1", "2026 Q4"]) {
      assert.ok(kpiText.includes(name), `#kpis names ${name}`);
    }
    assert.ok(await frame.locator("section#kpis svg").count() >= 10, "a trend chart per KPI");
    assert.equal(await frame.locator("section#index svg").count(), 1, "the index chart");
    assert.equal(await frame.locator("section#map svg").count(), 1, "the map of unmet need");
    assert.ok(await frame.locator("section#map svg circle").count() >= 2, "a circle per grid");
    assert.ok(await frame.locator("section#levels tr").count() >= 3, "the community and its grids");
    assert.match(await frame.locator("section#staffing").textContent(), /人均年服务经费[\s\S]*Funding per resident a year/);
    assert.equal(await frame.locator("script").count(), 0, "no scripts in the report");
    const html = await page.evaluate(() => document.getElementById("report-frame").srcdoc);
    assert.ok(html.startsWith("<!DOCTYPE html>"));
    assert.match(await page.getAttribute("#report-download", "href"), /^blob:/);
    assert.match(await page.getAttribute("#report-download", "download"), /^huzhu-evaluation-2027-01-01\.html$/);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#report-download")]);
    const saved = join(out, "evaluation-report.html");
    await download.saveAs(saved);
    assert.equal(readFileSync(saved, "utf8"), html, "the download is the report shown");
    await page.locator("#report-panel").screenshot({ path: join(out, "demo-report.png") });
    // The report on its own, as printed or opened from the download.
    const alone = await browser.newPage();
    await alone.setContent(html);
    assert.equal(await alone.locator("section").count(), 8);
    await alone.screenshot({ path: join(out, "evaluation-report.png"), fullPage: true });
    await alone.close();

    // A dropped JSON file works too: the example community.
    await page.fill("#now", "2026-11-24T08:00");
    await page.setInputFiles("#file", example);
    await page.waitForFunction(() => document.body.dataset.state === "done" && /Plum Blossom/.test(document.getElementById("status").textContent), null, { timeout: 60_000 });
    // Its three needs, and the home visit the loop infers for resident 1 (85, living alone, never
    // visited), recorded before matching; resident 1 is the one overdue a visit.
    assert.equal(await num("#count-needs"), 4);
    assert.equal(await text("#care-inferred"), "1: aged alone without contact 1");
    assert.equal(await text("#care-overdue"), "1 (1 residents); 0 due");
    assert.match(await text("#care-matched"), /^package 0\/0, inferred [01]\/1$/);
    await page.waitForFunction(() => ["done", "error"].includes(document.body.dataset.replay), null, { timeout: 60_000 });
    assert.equal(await page.getAttribute("body", "data-replay"), "done", await text("#replay-time"));
    // Without the loop, the file's own three needs.
    await page.uncheck("#loop");
    await page.setInputFiles("#file", []);
    await page.setInputFiles("#file", example);
    await page.waitForFunction(() => document.body.dataset.state === "done" && document.getElementById("care-matched").textContent === "not recorded", null, { timeout: 60_000 });
    assert.equal(await num("#count-needs"), 3);
    await page.screenshot({ path: join(out, "demo-example.png"), fullPage: true });
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
