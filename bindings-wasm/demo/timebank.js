// 时间银行（本地保存）: a small time bank kept in this browser's IndexedDB with the package's
// openPersistentLedger. Each button runs one operation; it is shown once its journal lines are
// stored, so a reload (or a crash) finds every acknowledged minute. A store changed outside the
// ledger is refused on open, naming the journal line. Other tabs of this page are told to catch up.
import init, { openPersistentLedger, deletePersistentLedger } from "../pkg/web.js";

export const DB_NAME = "huzhu-demo-timebank";
const $ = (id) => document.getElementById(id);
const panel = $("timebank");
const buttons = ["tb-earn", "tb-transfer", "tb-redeem"].map($);
const channel = typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel(DB_NAME);
let bank = null;
let counter = 0;

const key = (what) => `${what}-${globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${(counter += 1)}`}`;
const meta = (what, memo) => ({ key: key(what), operator: "this browser", at: new Date(), memo });

function status(text, state, error) {
  $("tb-status").textContent = text;
  panel.dataset.state = state;
  if (error) {
    panel.dataset.code = error.code ?? "";
    if (error.line) panel.dataset.line = String(error.line); else delete panel.dataset.line;
  } else {
    delete panel.dataset.code;
    delete panel.dataset.line;
  }
}

function render() {
  const head = bank.head();
  panel.dataset.seq = String(head.seq);
  panel.dataset.hash = head.hash;
  $("tb-lines").textContent = `${head.seq} journal lines`;
  $("tb-hash").textContent = head.hash;
  const rows = Object.entries(bank.balances()).map(([account, minutes]) => {
    const tr = document.createElement("tr");
    tr.dataset.account = account;
    const a = document.createElement("td");
    a.textContent = account;
    const m = document.createElement("td");
    m.textContent = String(minutes);
    tr.append(a, m);
    return tr;
  });
  $("tb-balances").querySelector("tbody").replaceChildren(...rows);
}

function describe(e) {
  return `${e.code ?? e.name}${e.line ? ` (journal line ${e.line})` : ""}: ${e.message}`;
}

async function open() {
  buttons.forEach((b) => { b.disabled = true; });
  status("Opening the ledger stored in this browser…", "loading");
  try {
    await init();
    bank = await openPersistentLedger(DB_NAME, { policy: { starting_grant: 0 } });
    if (bank.head().seq === 1) {
      // A new bank: a resident and a volunteer of her family.
      // (Another tab may have just done the same: its accounts are as good as ours.)
      for (const account of [{ id: "resident#1", priority: true }, { id: "volunteer#1", family: ["resident#1"] }]) {
        await bank.openAccount(account).catch((e) => { if (e.code !== "LEDGER_DUPLICATE_ACCOUNT") throw e; });
      }
    }
    render();
    buttons.forEach((b) => { b.disabled = false; });
    status(`Opened: ${bank.transactions().length} transactions, checked line by line.`, "ready");
  } catch (e) {
    bank = null;
    status(`Refused: ${describe(e)}`, "error", e);
  }
}

async function operate(what, run) {
  if (!bank) return;
  buttons.forEach((b) => { b.disabled = true; });
  status(`${what}…`, "busy");
  const t0 = performance.now();
  try {
    const receipt = await run(bank);
    render();
    status(`${what}: ${receipt.transaction ?? receipt.status}, stored in ${(performance.now() - t0).toFixed(0)} ms.`, "ready");
    channel?.postMessage("changed");
  } catch (e) {
    // A refused operation wrote nothing; a failed write was undone in memory too.
    render();
    status(`${what}: ${describe(e)}`, "refused", e);
  } finally {
    buttons.forEach((b) => { b.disabled = false; });
  }
}

$("tb-earn").addEventListener("click", () => operate("volunteer#1 served an hour",
  (b) => b.earn(meta("earn", "an hour of home visiting"), "volunteer#1", 1, 60)));
$("tb-transfer").addEventListener("click", () => operate("volunteer#1 gave 30 min to resident#1",
  (b) => b.transfer(meta("transfer"), "volunteer#1", "resident#1", 30)));
$("tb-redeem").addEventListener("click", () => operate("resident#1 used 20 min",
  (b) => b.redeem(meta("redeem", "a meal delivered"), "resident#1", 20)));
$("tb-reset").addEventListener("click", async () => {
  const old = bank;
  bank = null;
  await old?.close();
  await deletePersistentLedger(DB_NAME);
  channel?.postMessage("reset");
  await open();
});
// Another tab wrote: catch up (a closed ledger, after a reset elsewhere, is opened again).
channel?.addEventListener("message", async (ev) => {
  if (ev.data === "reset" || !bank) { await open(); return; }
  try {
    await bank.refresh();
    render();
  } catch (e) {
    status(`Refused: ${describe(e)}`, "error", e);
  }
});

open();
