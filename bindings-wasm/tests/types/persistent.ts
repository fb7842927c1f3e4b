// Type-checked with the rest (tests/types/tsconfig.json): the journal's and the persistent
// ledger's types are real.
import init, {
  Ledger, openPersistentLedger, deletePersistentLedger,
  type JournalHead, type JournalLine, type JournalLines, type PersistentLedger, type Receipt, type TxMetaInput,
} from "../../pkg/huzhu.js";

export async function persistent(idb: IDBFactory): Promise<number> {
  await init();
  const l = new Ledger();
  l.openAccount({ id: "volunteer#1" });
  const all: JournalLines = l.journalLinesAfter();
  const first: JournalLine | undefined = all.lines[0];
  const copy: Ledger = Ledger.fromJournalLines(all.lines.map((x) => x.text), all.head);
  // @ts-expect-error: lines are their text
  Ledger.fromJournalLines(all.lines);
  const head: JournalHead = copy.appendJournalLines(copy.head(), []);
  const checked: JournalHead = Ledger.verifyJournalLines({ seq: 0, hash: "0".repeat(64) }, [], head);
  const len: number = l.journalLen() + (first?.seq ?? 0) + checked.seq;

  const bank: PersistentLedger = await openPersistentLedger("bank", { policy: { starting_grant: 60 }, indexedDB: idb, durability: "strict" });
  // @ts-expect-error: durability is IndexedDB's
  await openPersistentLedger("bank", { durability: "eventually" });
  // @ts-expect-error: unknown policy settings are refused
  await openPersistentLedger("bank", { policy: { starting_grants: 60 } });
  await bank.openAccount({ id: "volunteer#1" });
  const meta: TxMetaInput = { key: "k1", operator: "desk", at: new Date() };
  const r: Receipt = await bank.earn(meta, "volunteer#1", 1, 60);
  // @ts-expect-error: an operation resolves once stored: a Promise, not a Receipt
  const now: Receipt = bank.earn(meta, "volunteer#1", 1, 60);
  // @ts-expect-error: minutes are numbers
  await bank.redeem(meta, "volunteer#1", "30");
  await bank.batch(meta, [{ op: "earn", account: "volunteer#1", need: 2, minutes: 30 }]);
  // Reads are synchronous.
  const balance: number = bank.balance("volunteer#1") + (bank.balances()["fund"] ?? 0);
  const stored: JournalHead = bank.head();
  const fresh: JournalHead = await bank.refresh();
  // @ts-expect-error: the policy is read-only
  bank.policy = l.policy;
  // @ts-expect-error: the in-memory ledger is not handed out (a change to it would not be stored)
  bank.ledger;
  await bank.close();
  await deletePersistentLedger("bank", { indexedDB: idb });
  console.log(r, now, stored, fresh, bank.name);
  return len + balance;
}
