// Type-checked with the rest (tests/types/tsconfig.json): the clearing driver's types are real,
// on in-memory ledgers (synchronous) and on persistent ones (each step a Promise).
import init, {
  Clearing, Ledger, openPersistentLedger,
  type BankCode, type PersistentLedger, type Receipt, type TransferMessage, type TransferOutcome, type TransferReply,
  type TransferRequest, type TxMetaInput,
} from "../../pkg/huzhu.js";

export async function clearing(idb: IDBFactory): Promise<number> {
  await init();
  const pudong = new Ledger({ clearing: { bank: "pudong", member_daily_limit: 100 } });
  const xuhui = new Ledger({ clearing: { bank: "xuhui" }, cap: 90 });
  pudong.openAccount({ id: "clearing#xuhui" });
  xuhui.openAccount({ id: "clearing#pudong" });
  const driver = new Clearing("clearing:city");
  const operator: string = driver.operator;
  // @ts-expect-error: the operator is read-only
  driver.operator = "other";
  // @ts-expect-error: the operator is a string
  new Clearing(7);

  const request: TransferRequest = { transfer_key: "t1", to_bank: "xuhui", from_account: "volunteer#1", to_account: { resident: 7 }, minutes: 45 };
  // @ts-expect-error: minutes are a number
  const bad: TransferRequest = { ...request, minutes: "45" };
  // @ts-expect-error: the request names the receiving bank only
  const extra: TransferRequest = { ...request, from_bank: "pudong" };
  const meta: TxMetaInput = { key: "send-1", operator: "desk", at: new Date() };
  const message: TransferMessage = Clearing.prepare(pudong, meta, request);
  const heads: string = message.source_head + message.from_bank + message.to_account;
  const reply: TransferReply = driver.apply(xuhui, message, "2026-11-24T11:00:00");
  const outcome: TransferOutcome = reply.outcome;
  const reason: string | undefined = outcome.state === "refused" ? outcome.reason : undefined;
  // @ts-expect-error: an applied outcome has no reason
  console.log(reply.outcome.state === "applied" && reply.outcome.reason);
  const refused: TransferReply = driver.refuse(xuhui, message, "timeout", new Date());
  const receipt: Receipt = driver.settle(pudong, reply, "2026-11-24T12:00:00");
  // @ts-expect-error: a reply is not a message
  driver.apply(xuhui, reply, "2026-11-24T11:00:00");
  // @ts-expect-error: the ledger comes first
  driver.settle(reply, pudong, "2026-11-24T12:00:00");
  const again: TransferMessage | undefined = Clearing.message(pudong, "t1");
  // @ts-expect-error: a lookup may find nothing
  const sure: TransferMessage = Clearing.message(pudong, "t1");
  const bank: BankCode = "pudong";
  const answered: TransferReply | undefined = Clearing.reply(xuhui, bank, "t1");
  const open: TransferMessage[] = Clearing.unsettled(pudong);
  const keys: string[] = [Clearing.applyKey(bank, "t1"), Clearing.refuseKey(bank, "t1"), Clearing.acknowledgeKey("t1"), Clearing.cancelKey("t1")];

  // On persistent ledgers each step resolves once stored; lookups stay synchronous.
  const stored: PersistentLedger = await openPersistentLedger("pudong", { indexedDB: idb, policy: { clearing: { bank: "pudong" } } });
  const pending: Promise<TransferMessage> = Clearing.prepare(stored, meta, request);
  // @ts-expect-error: a stored step is a Promise, not a message
  const now: TransferMessage = Clearing.prepare(stored, meta, request);
  const settled: Receipt = await driver.settle(stored, await driver.apply(stored, await pending, new Date()), new Date());
  const refusedStored: TransferReply = await driver.refuse(stored, message, "timeout", new Date());
  const storedOpen: TransferMessage[] = Clearing.unsettled(stored);
  const storedMessage: TransferMessage | undefined = Clearing.message(stored, "t1");
  const storedReply: TransferReply | undefined = Clearing.reply(stored, "xuhui", "t1");
  await stored.close();
  driver.free();
  console.log(operator, bad, extra, heads, reason, refused, receipt, again, sure, answered, keys, now, settled, refusedStored, storedMessage, storedReply);
  return open.length + storedOpen.length;
}
