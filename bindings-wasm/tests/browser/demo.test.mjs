// End to end: Debian's Chromium (driven by playwright-core) loads the demo from localhost, runs
// a match in the module worker, and we assert on what the page shows, then writes the evaluation
// report (four quarters scored in the worker) and checks it in its iframe and as downloaded;
// screenshots go to test-output/. Skipped (not failed) only when no Chromium is installed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { serve } from "./serve.mjs";

// Not skipped without a browser: scripts/setup.sh installs Debian's chromium, and launching
// without one fails the test.
const CHROMIUM = process.env.CHROMIUM_PATH ?? ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find(existsSync);
const out = fileURLToPath(new URL("../../../test-output/", import.meta.url));
const example = fileURLToPath(new URL("../../../core/examples/community.json", import.meta.url));

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

    await page.selectOption("#residents", "10000");
    await page.click("#run");
    await page.waitForFunction(() => document.body.dataset.state === "done" || document.body.dataset.state === "error", null, { timeout: 120_000 });
    assert.equal(await page.getAttribute("body", "data-state"), "done", await page.textContent("#status"));

    const num = async (sel) => Number((await page.textContent(sel)).replace(/[^\d]/g, ""));
    const needs = await num("#count-needs");
    const matched = await num("#count-matched");
    const unmatched = await num("#count-unmatched");
    assert.ok(needs > 50, `needs ${needs}`);
    assert.equal(matched + unmatched, needs);
    assert.ok(matched >= needs / 4, `matched ${matched} of ${needs}`);
    assert.ok(unmatched > 0, "some needs stay unmatched at noon on Wednesday");
    // The map: one circle per need, a line per assignment, helpers drawn.
    assert.equal(await page.locator("#needs circle").count(), needs);
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
    const text = async (sel) => (await page.textContent(sel)).trim();
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
    await page.screenshot({ path: join(out, "demo.png"), fullPage: true });

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
