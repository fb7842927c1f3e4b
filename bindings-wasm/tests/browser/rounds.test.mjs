// End to end: Debian's Chromium (driven by playwright-core) loads the demo, matches a synthetic
// district, and the worker then plans the day's visit rounds (planRounds, roundsGeoJson); we
// check what the map and the panel show: a polyline per round through its numbered stops, the
// rounds listed, the visits not planned with their reasons; then a community file without care
// workers. A screenshot goes to test-output/demo-rounds.png.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { serve } from "./serve.mjs";

const CHROMIUM = process.env.CHROMIUM_PATH ?? ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find(existsSync);
const out = fileURLToPath(new URL("../../../test-output/", import.meta.url));
const example = fileURLToPath(new URL("../../../core/examples/community.json", import.meta.url));

test("demo page: the day's visit rounds are planned in the worker and drawn, a polyline per round with numbered stops; unplanned visits say why", { timeout: 180_000 }, async () => {
  mkdirSync(out, { recursive: true });
  const server = await serve();
  const profile = mkdtempSync(join(tmpdir(), "huzhu-chromium-"));
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
    await page.waitForFunction(() => ["done", "error"].includes(document.body.dataset.rounds), null, { timeout: 120_000 });
    assert.equal(await page.getAttribute("body", "data-rounds"), "done", await page.textContent("#rounds-time"));

    const text = async (sel) => (await page.textContent(sel)).trim();
    const numbers = (t) => t.replace(/,/g, "").match(/\d+/g).map(Number);
    // The panel: rounds of the district's care workers on the run's day, 2026-11-25.
    assert.match(await text("#rounds-day"), /^2026-11-25, planned at 08:00$/);
    const [rounds, workers] = numbers(await text("#rounds-count"));
    assert.match(await text("#rounds-count"), /^\d+ \(\d+ care workers, 9–12 and 14–17\)$/);
    assert.ok(rounds > 0 && rounds <= 2 * workers, `${rounds} rounds of ${workers} workers`);
    const [planned, due] = numbers(await text("#rounds-planned"));
    assert.match(await text("#rounds-planned"), /^\d+ of \d+ home visits due$/);
    assert.ok(planned > 0 && planned <= due, `${planned} of ${due}`);
    assert.match(await text("#rounds-travel"), /^[\d,]+ min in all$/);
    assert.match(await text("#rounds-time"), /^\d+ ms in the Web Worker$/);

    // The map: one polyline per round, from the centre through its stops and back; one numbered
    // stop per visit planned, numbered 1… along each round.
    assert.equal(await page.locator("#rounds polyline").count(), rounds, "a polyline per round");
    assert.equal(await page.locator("#rounds .stop").count(), planned, "a stop per visit planned");
    assert.equal(await page.locator("#rounds-list li").count(), rounds, "a line per round in the panel");
    const drawn = await page.evaluate(() => [...document.querySelectorAll("#rounds polyline")].map((p) => {
      const { server, shift, stops } = p.dataset;
      const points = p.getAttribute("points").trim().split(/\s+/);
      const numbers = [...document.querySelectorAll(`#rounds .stop[data-server="${server}"][data-shift="${shift}"] text`)].map((t) => Number(t.textContent));
      return { server, shift: Number(shift), stops: Number(stops), points: points.length, first: points[0], last: points.at(-1), numbers };
    }));
    for (const r of drawn) {
      assert.ok(r.stops > 0, `${r.server} has stops`);
      assert.equal(r.points, r.stops + 2, `${r.server} shift ${r.shift}: start, stops, end`);
      assert.equal(r.first, r.last, `${r.server} walks back to the centre`);
      assert.deepEqual(r.numbers, Array.from({ length: r.stops }, (_, i) => i + 1), `${r.server} stops numbered in order`);
    }
    assert.equal(drawn.reduce((n, r) => n + r.stops, 0), planned);
    assert.equal(new Set(drawn.map((r) => `${r.server}/${r.shift}`)).size, rounds, "each round once");
    assert.ok(drawn.every((r) => /^worker#\d+$/.test(r.server)));
    assert.match(await page.locator("#rounds-list li").first().textContent(), /^worker#\d+ .+, (morning|afternoon) \d\d:\d\d–\d\d:\d\d: \d+ visits, \d+ min walking$/);

    // The visits not planned, each with its reason.
    const unplannedText = await text("#rounds-unplanned-count");
    const unplanned = unplannedText === "none" ? 0 : numbers(unplannedText)[0];
    assert.equal(planned + unplanned, due, "every visit due planned or not, with a reason");
    assert.ok(unplanned > 0, "more visits are due than a day's rounds hold");
    const items = await page.locator("#rounds-unplanned li[data-reason]").allTextContents();
    assert.equal(items.length, Math.min(unplanned, 100));
    for (const item of items) {
      assert.match(item, /^resident#\d+ \((overdue|due), (never visited|\d+ days since the last contact)\): (no care worker can make it|cannot be reached within its times|the shifts are full of visits at least as urgent|outcompeted on worker#\d+'s round by resident#\d+(, resident#\d+)*)$/);
    }
    // The rest of the page is as before.
    assert.ok(await page.locator("#needs circle").count() > 10);
    await page.screenshot({ path: join(out, "demo-rounds.png"), fullPage: true });

    // A community file without care workers: no rounds, nothing drawn, the page still works.
    await page.fill("#now", "2026-11-24T08:00");
    await page.setInputFiles("#file", example);
    await page.waitForFunction(() => document.body.dataset.rounds === "done" && /Plum Blossom/.test(document.getElementById("status").textContent), null, { timeout: 60_000 });
    assert.match(await text("#rounds-count"), /^0 \(no care workers\)$/);
    assert.equal(await page.locator("#rounds polyline").count(), 0);
    assert.equal(await page.locator("#rounds .stop").count(), 0);
    const [p2, d2] = numbers(await text("#rounds-planned"));
    assert.equal(p2, 0);
    assert.equal(await page.locator("#rounds-unplanned li[data-reason=no_skilled_server]").count(), d2);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
