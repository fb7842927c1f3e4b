// Clearing between two time banks kept in Chromium's IndexedDB (the web build, real IndexedDB):
// a transfer prepared at one bank, applied at the other and settled, each step stored as it
// resolves; after a reload both banks reopen with the same balances and heads, and the message
// and reply rebuilt from them are the ones that were sent. Not skipped without a browser:
// scripts/setup.sh installs Debian's chromium, and launching without one fails the test.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { serve } from "./serve.mjs";

const CHROMIUM = process.env.CHROMIUM_PATH ?? ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find(existsSync);

/** Opens both banks in the page (the package's web build) and runs `body` there; returns its result. */
function inPage(page, body) {
  return page.evaluate(async (source) => {
    const h = await import("/pkg/web.js");
    await h.default();
    const open = (bank) => h.openPersistentLedger(`clearing-${bank}`, { policy: { clearing: { bank } } });
    const [pudong, xuhui] = [await open("pudong"), await open("xuhui")];
    const state = (b) => ({ head: b.head(), balances: b.balances() });
    try {
      const run = new Function("h", "pudong", "xuhui", `return (async () => { ${source} })();`);
      const result = await run(h, pudong, xuhui);
      return { result, pudong: state(pudong), xuhui: state(xuhui) };
    } finally {
      await pudong.close();
      await xuhui.close();
    }
  }, body);
}

test("two banks in IndexedDB: prepare, apply, settle stored step by step; the same after a reload", { timeout: 120_000 }, async () => {
  const server = await serve();
  const profile = mkdtempSync(join(tmpdir(), "huzhu-chromium-"));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = browser.pages()[0] ?? await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    // Any page of the server: the package is imported from the same origin.
    await page.goto(`http://127.0.0.1:${server.address().port}/pkg/package.json`);
    const first = await inPage(page, `
      const at = (h_) => \`2026-11-24T\${String(h_).padStart(2, "0")}:00:00\`;
      await pudong.openAccount({ id: "clearing#xuhui" });
      await pudong.openAccount({ id: "volunteer#1" });
      await xuhui.openAccount({ id: "clearing#pudong" });
      await xuhui.openAccount({ id: "resident#7" });
      await pudong.earn({ key: "e1", operator: "desk", at: at(9) }, "volunteer#1", 1, 120);
      const clearing = new h.Clearing("clearing:city");
      const request = { transfer_key: "t1", to_bank: "xuhui", from_account: "volunteer#1", to_account: "resident#7", minutes: 45 };
      const seqs = [];
      const message = await h.Clearing.prepare(pudong, { key: "send-1", operator: "desk", at: at(10) }, request);
      seqs.push(pudong.head().seq);
      const reply = await clearing.apply(xuhui, message, at(11));
      seqs.push(xuhui.head().seq);
      const receipt = await clearing.settle(pudong, reply, at(12));
      seqs.push(pudong.head().seq);
      // Refused by the ledger: rejected, nothing stored.
      let refused = null;
      try {
        await h.Clearing.prepare(pudong, { key: "send-2", operator: "desk", at: at(13) }, { ...request, transfer_key: "t2", minutes: 500 });
      } catch (e) {
        refused = { name: e.name, code: e.code, seq: pudong.head().seq };
      }
      let wrong = null;
      try {
        await clearing.apply(pudong, message, at(13));
      } catch (e) {
        wrong = { code: e.code, field: e.field };
      }
      return { message, reply, receipt, seqs, refused, wrong, unsettled: h.Clearing.unsettled(pudong) };
    `);
    const { message, reply, receipt, seqs, refused, wrong, unsettled } = first.result;
    assert.equal(message.source_head.length, 64);
    assert.deepEqual(reply.outcome, { state: "applied" });
    assert.equal(reply.dest_head, first.xuhui.head.hash);
    assert.deepEqual(receipt, { status: "posted", transaction: "tx#3" });
    assert.deepEqual(seqs, [5, 4, 6], "one line stored by each step");
    assert.deepEqual(refused, { name: "HuzhuError", code: "LEDGER_FLOOR_BREACH", seq: 6 });
    assert.deepEqual(wrong, { code: "LEDGER_WRONG_BANK", field: "to_bank" });
    assert.deepEqual(unsettled, []);
    assert.deepEqual(first.pudong.balances, { "volunteer#1": 75, fund: -120, donation_pool: 0, "clearing#xuhui": 45 });
    assert.deepEqual(first.xuhui.balances, { "resident#7": 45, fund: 0, donation_pool: 0, "clearing#pudong": -45 });

    await page.reload();
    const second = await inPage(page, `
      return { message: h.Clearing.message(pudong, "t1"), reply: h.Clearing.reply(xuhui, "pudong", "t1") };
    `);
    assert.deepEqual(second.pudong, first.pudong);
    assert.deepEqual(second.xuhui, first.xuhui);
    assert.deepEqual(second.result, { message, reply });
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
