// End to end: Debian's Chromium (driven by playwright-core) loads the demo, matches a synthetic
// district, and the worker then plans the day's visit rounds (contactVisits, walkersFromHomes,
// planRounds, roundsGeoJson); we check what the map and the panel show: a polyline per round
// through its numbered stops, the rounds listed, the visits not planned with their reasons. Then
// the week's rounds (contactRounds, planWeek): the intervals kept, the residents overdue with
// their days, a day selector whose days redraw the map. Last, a community file without care
// workers. Screenshots go to test-output/demo-rounds.png and demo-week.png.
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
    assert.match(await page.locator("#rounds-list li").first().textContent(), /^worker#\d+ .*, (morning|afternoon) \d\d:\d\d–\d\d:\d\d: \d+ visits, \d+ min walking$/);

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

    // The week: planned in the worker when asked, Monday to Sunday of the run's week, while the
    // page keeps drawing frames.
    assert.equal(await page.getAttribute("body", "data-week"), "pending");
    await page.evaluate(() => {
      window.weekFrames = 0;
      const tick = () => { if (document.body.dataset.week === "running") window.weekFrames += 1; requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    });
    await page.click("#week-plan");
    await page.waitForFunction(() => ["done", "error"].includes(document.body.dataset.week), null, { timeout: 120_000 });
    assert.equal(await page.getAttribute("body", "data-week"), "done", await page.textContent("#week-time"));
    assert.ok(await page.evaluate(() => window.weekFrames) > 0, "the page drew frames while the week was planned");
    assert.equal(await text("#week-range"), "2026-11-23 to 2026-11-29");
    assert.match(await text("#week-time"), /^\d+ ms in the Web Worker$/);
    // The intervals kept all week, and the residents overdue some day, with their days.
    assert.match(await text("#week-kept"), /^[\d,]+ of [\d,]+ residents$/);
    const [kept, onRounds] = numbers(await text("#week-kept"));
    assert.ok(kept > 0 && kept < onRounds, `${kept} of ${onRounds} kept`);
    const overdueCount = numbers(await text("#week-overdue-count"))[0];
    assert.equal(kept + overdueCount, onRounds, "every resident on the rounds is kept or overdue some day");
    assert.match(await text("#week-travel"), /^[\d,]+ visits, [\d,]+ min walking \(\d+ care workers\)$/);
    const overdueItems = await page.locator("#week-overdue li[data-days]").allTextContents();
    assert.equal(overdueItems.length, Math.min(overdueCount, 100));
    const dayList = "(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \\d+(, (Mon|Tue|Wed|Thu|Fri|Sat|Sun) \\d+)*";
    for (const item of overdueItems) {
      assert.match(item, new RegExp(`^resident#\\d+ \\(every \\d+ days\\): overdue (all week|${dayList}); (visited ${dayList}|not visited this week)$`));
    }
    // A button per day, Monday to Sunday, then the day's own plan; Monday is drawn first.
    const dayButtons = page.locator("#week-days button[data-date]");
    assert.deepEqual(await dayButtons.allTextContents(), ["Mon 23", "Tue 24", "Wed 25", "Thu 26", "Fri 27", "Sat 28", "Sun 29"]);
    assert.equal(await page.locator("#week-days button[aria-pressed=true]").getAttribute("data-date"), "2026-11-23");
    assert.equal(await page.getAttribute("body", "data-week-day"), "2026-11-23");
    const drawnDay = async () => page.evaluate(() => ({
      date: document.querySelector("#rounds .paths")?.dataset.date,
      paths: [...document.querySelectorAll("#rounds polyline")].map((p) => p.getAttribute("points")),
      stops: document.querySelectorAll("#rounds .stop").length,
    }));
    const roundsOf = async (date) => Number(await page.getAttribute(`#week-days button[data-date="${date}"]`, "data-rounds"));
    const monday = await drawnDay();
    assert.equal(monday.date, "2026-11-23");
    assert.equal(monday.paths.length, await roundsOf("2026-11-23"));
    assert.ok(monday.paths.length > 0 && monday.stops > 0, "Monday has rounds");
    assert.match(await text("#week-day"), /^Mon 23: \d+ rounds, \d+ visits, [\d,]+ min walking(; \d+ could not wait and were not planned)?$/);
    assert.equal(numbers(await text("#week-day"))[2], monday.stops, "a stop drawn per visit made");
    // Tuesday: its own rounds drawn instead of Monday's.
    await page.click('#week-days button[data-date="2026-11-24"]');
    await page.waitForFunction(() => document.body.dataset.weekDay === "2026-11-24");
    const tuesday = await drawnDay();
    assert.equal(tuesday.date, "2026-11-24");
    assert.equal(tuesday.paths.length, await roundsOf("2026-11-24"));
    assert.ok(tuesday.paths.length > 0);
    assert.notDeepEqual(tuesday.paths, monday.paths, "a day switch changes the routes drawn");
    assert.equal(await page.locator("#week-days button[aria-pressed=true]").count(), 1);
    await page.screenshot({ path: join(out, "demo-week.png"), fullPage: true });
    // Sunday: no shifts, no rounds.
    await page.click('#week-days button[data-date="2026-11-29"]');
    await page.waitForFunction(() => document.body.dataset.weekDay === "2026-11-29");
    assert.equal((await drawnDay()).paths.length, 0);
    assert.equal(await text("#week-day"), "Sun 29: no rounds");
    // Back to the day's own plan: its rounds again.
    await page.click("#week-today");
    assert.equal(await page.locator("#rounds polyline").count(), rounds);
    assert.equal(await page.locator("#rounds .stop").count(), planned);

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
    // Its week: nobody walks, so no interval holds and every day is empty.
    assert.equal(await page.getAttribute("body", "data-week"), "pending", "a new run clears the week");
    await page.click("#week-plan");
    await page.waitForFunction(() => ["done", "error"].includes(document.body.dataset.week), null, { timeout: 60_000 });
    assert.equal(await page.getAttribute("body", "data-week"), "done", await page.textContent("#week-time"));
    assert.match(await text("#week-range"), /^2026-11-23 to 2026-11-29$/);
    const [k2, r2] = numbers(await text("#week-kept"));
    assert.ok(r2 > 0 && k2 === 0, await text("#week-kept"));
    assert.equal(await page.locator("#week-overdue li[data-days='7']").count(), r2, "overdue all week");
    assert.equal(await page.locator("#rounds polyline").count(), 0);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
