import { test } from "node:test";
import assert from "node:assert/strict";
import { Ledger } from "../../pkg/node.js";
import { meta, throwsCode } from "./helpers.mjs";

// 通存通兑: a Pudong member spends 90 of 120 minutes in Xuhui's bank, in two phases.
test("clearing between two banks: prepare, apply, acknowledge; never applied twice", () => {
  const pudong = new Ledger({ clearing: { bank: "pudong" } });
  const xuhui = new Ledger({ clearing: { bank: "xuhui" } });
  pudong.openAccount({ id: "volunteer#1" });
  pudong.openAccount({ id: "clearing#xuhui" });
  xuhui.openAccount({ id: "volunteer#7" });
  xuhui.openAccount({ id: "clearing#pudong" });
  const at = "2026-11-24T09:00:00";
  pudong.submit(meta("e1", at), { op: "earn", account: "volunteer#1", need: 1, minutes: 120 });
  const t = { transfer: "t1", from_bank: "pudong", to_bank: "xuhui", from: "volunteer#1", to: "volunteer#7", minutes: 90 };
  pudong.submit(meta("prepare-t1", at), { op: "clearing_prepare", ...t });
  assert.deepEqual([pudong.balance("volunteer#1"), pudong.balance("clearing#xuhui")], [30, 90]);
  const sourceHead = pudong.head().hash;
  xuhui.submit(meta("apply-t1", at), { op: "clearing_apply", ...t, source_head: sourceHead });
  assert.deepEqual([xuhui.balance("volunteer#7"), xuhui.balance("clearing#pudong")], [90, -90]);
  throwsCode(() => xuhui.submit(meta("apply-t1-again", at), { op: "clearing_apply", ...t, source_head: sourceHead }),
    "LEDGER_TRANSFER_ALREADY_APPLIED", { field: "transfer" });
  assert.equal(xuhui.balance("volunteer#7"), 90);
  pudong.submit(meta("ack-t1", at), { op: "clearing_acknowledge", transfer: "t1", from_bank: "pudong", to_bank: "xuhui",
    dest_head: xuhui.head().hash });
  assert.equal(pudong.totalBalance() + xuhui.totalBalance(), 0);
  assert.equal(pudong.balance("volunteer#1") + xuhui.balance("volunteer#7"), 120);
  // Each journal holds the other's head, and re-imports to the same state.
  assert.ok(xuhui.exportJournal().includes(sourceHead));
  assert.equal(Ledger.importJournal(pudong.exportJournal()).balance("volunteer#1"), 30);
});
