// End to end (issue 20): the demo page's "时间银行（本地保存）· Time bank saved in this browser"
// panel keeps a ledger in Chromium's IndexedDB with openPersistentLedger. We record operations,
// reload the page and find the same balances and head hash; a write the browser refuses leaves
// the ledger as it was; a second tab catches up; a line changed through IndexedDB in the page is
// refused on reload, naming the line. Screenshots go to test-output/. Skipped (not failed) only
// when no Chromium is installed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { serve } from "./serve.mjs";

// Not skipped without a browser: scripts/setup.sh installs Debian's chromium, and launching
// without one fails the test.
const CHROMIUM = process.env.CHROMIUM_PATH ?? ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find(existsSync);
const out = fileURLToPath(new URL("../../../test-output/", import.meta.url));
const DB = "huzhu-demo-timebank";

/** The panel as the page shows it: state, error code and line, head, balances. */
async function shown(page) {
  return page.evaluate(() => {
    const p = document.getElementById("timebank");
    const balances = Object.fromEntries([...p.querySelectorAll("#tb-balances tr")].map((tr) => [tr.dataset.account, Number(tr.lastChild.textContent)]));
    return {
      state: p.dataset.state, code: p.dataset.code ?? null, line: p.dataset.line ? Number(p.dataset.line) : null,
      seq: Number(p.dataset.seq), hash: p.dataset.hash, shownHash: document.getElementById("tb-hash").textContent,
      balances, status: document.getElementById("tb-status").textContent,
    };
  });
}

/** What IndexedDB holds, read in the page with IndexedDB itself. */
function stored(page) {
  return page.evaluate((name) => new Promise((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const db = req.result;
      const tx = db.transaction(["lines", "meta"], "readonly");
      const lines = tx.objectStore("lines").getAll();
      const head = tx.objectStore("meta").get("head");
      tx.oncomplete = () => { db.close(); resolve({ lines: lines.result, head: head.result }); };
      tx.onabort = () => reject(tx.error);
    };
  }), DB);
}

const settled = (page) => page.waitForFunction(() => ["ready", "refused", "error"].includes(document.getElementById("timebank").dataset.state), null, { timeout: 60_000 });

/** Clicks a panel button and waits until the operation is stored (or refused). */
async function click(page, id) {
  await page.waitForFunction((b) => !document.getElementById(b).disabled, id);
  await page.click(`#${id}`);
  await page.waitForFunction(() => document.getElementById("timebank").dataset.state !== "busy", null, { timeout: 30_000 });
  return shown(page);
}

test("demo page: the time bank saved in the browser survives a reload with the same balances and head; a changed line is refused", { timeout: 180_000 }, async () => {
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
    const url = `http://127.0.0.1:${server.address().port}/demo/`;
    await page.goto(url);
    await settled(page);
    let s = await shown(page);
    assert.equal(s.state, "ready", s.status);
    assert.equal(s.seq, 3, "a new bank: the header and two accounts");

    // Record: two hours served, a gift to the family, a meal; then a refusal (not enough left).
    for (const id of ["tb-earn", "tb-earn", "tb-transfer", "tb-redeem"]) {
      const before = s.seq;
      s = await click(page, id);
      assert.equal(s.state, "ready", s.status);
      assert.equal(s.seq, before + 1, `${id}: one line stored`);
    }
    assert.equal(s.balances["volunteer#1"], 90);
    assert.equal(s.balances["resident#1"], 10);
    assert.equal(s.balances.fund, -100);
    s = await click(page, "tb-redeem");
    assert.equal(s.state, "refused");
    assert.equal(s.code, "LEDGER_FLOOR_BREACH", s.status);
    assert.equal(s.seq, 7, "a refused operation writes nothing");
    const recorded = s;
    assert.equal(recorded.shownHash, recorded.hash);
    assert.match(recorded.hash, /^[0-9a-f]{64}$/);
    // IndexedDB holds exactly those lines and that head.
    let db = await stored(page);
    assert.deepEqual(db.lines.map((l) => l.seq), [0, 1, 2, 3, 4, 5, 6]);
    assert.deepEqual(db.head, { seq: 7, hash: recorded.hash });
    assert.equal(db.lines.at(-1).hash, recorded.hash);
    await page.locator("#timebank").screenshot({ path: join(out, "timebank.png") });

    // Reload: the same balances and head hash.
    await page.reload();
    await settled(page);
    s = await shown(page);
    assert.equal(s.state, "ready", s.status);
    assert.deepEqual(s.balances, recorded.balances);
    assert.equal(s.seq, recorded.seq);
    assert.equal(s.hash, recorded.hash);

    // The browser refuses a write (a full disk): the operation is refused, memory rolled back.
    await page.evaluate(() => {
      const add = IDBObjectStore.prototype.add;
      globalThis.__restoreAdd = () => { IDBObjectStore.prototype.add = add; };
      IDBObjectStore.prototype.add = function () { throw new DOMException("the disk is full", "QuotaExceededError"); };
    });
    s = await click(page, "tb-earn");
    await page.evaluate(() => globalThis.__restoreAdd());
    assert.equal(s.state, "refused");
    assert.equal(s.code, "STORAGE_FAILED", s.status);
    assert.deepEqual(s.balances, recorded.balances, "the hour was not kept in memory either");
    assert.equal(s.hash, recorded.hash);
    s = await click(page, "tb-earn");
    assert.equal(s.state, "ready", s.status);
    assert.equal(s.balances["volunteer#1"], 150);

    // A second tab writes; the first is told and catches up (BroadcastChannel, then refresh()).
    const second = await browser.newPage();
    await second.goto(url);
    await settled(second);
    let t = await shown(second);
    assert.equal(t.hash, s.hash);
    t = await click(second, "tb-transfer");
    assert.equal(t.state, "ready", t.status);
    await page.waitForFunction((h) => document.getElementById("timebank").dataset.hash === h, t.hash, { timeout: 30_000 });
    s = await shown(page);
    assert.deepEqual(s.balances, t.balances);
    assert.equal(s.balances["resident#1"], 40);
    await second.close();
    await page.reload();
    await settled(page);
    assert.equal((await shown(page)).hash, t.hash);

    // Tamper: the first hour (line 4, seq 3) becomes ten hours, through IndexedDB in the page.
    db = await stored(page);
    assert.match(db.lines[3].text, /"minutes":60/);
    await page.evaluate((name) => new Promise((resolve, reject) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => {
        const tx = req.result.transaction(["lines"], "readwrite");
        const store = tx.objectStore("lines");
        store.get(3).onsuccess = (ev) => {
          const line = ev.target.result;
          store.put({ ...line, text: line.text.replace('"minutes":60', '"minutes":600') });
        };
        tx.oncomplete = () => { req.result.close(); resolve(); };
        tx.onabort = () => reject(tx.error);
      };
      req.onerror = () => reject(req.error);
    }), DB);
    await page.reload();
    await settled(page);
    s = await shown(page);
    assert.equal(s.state, "error", s.status);
    assert.equal(s.code, "JOURNAL_HASH_MISMATCH", s.status);
    assert.equal(s.line, 4);
    assert.match(s.status, /journal line 4/);
    assert.deepEqual(s.balances, {}, "nothing shown from a refused store");
    await page.locator("#timebank").screenshot({ path: join(out, "timebank-tampered.png") });
    // Reset: a new bank.
    await page.click("#tb-reset");
    await page.waitForFunction(() => document.getElementById("timebank").dataset.state === "ready" && document.getElementById("timebank").dataset.seq === "3", null, { timeout: 30_000 });
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
