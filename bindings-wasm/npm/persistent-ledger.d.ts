// Types of persistent-ledger.js: the time bank kept in IndexedDB. The package exports
// `openPersistentLedger` and `deletePersistentLedger` (huzhu.d.ts), bound to its `Ledger`.
import type { Clearing, JournalHead, Ledger, LedgerPolicyInput } from "./web/huzhu_wasm.js";

/** The ledger's operations: each runs, is stored, then resolves with what `Ledger`'s returns. */
export type PersistentLedgerWrite =
  | "openAccount" | "submit" | "approve" | "earn" | "redeem" | "transfer" | "donate" | "startingGrant" | "poolGrant"
  | "batch" | "reverse" | "earnPoints" | "exchange" | "listItem" | "restock";
/** What reads the ledger, synchronously, from memory: as `Ledger`'s. */
export type PersistentLedgerRead =
  | "policy" | "balance" | "balanceAt" | "balances" | "totalBalance" | "verifyBalances" | "accounts" | "transactions"
  | "transaction" | "pendingTransactions" | "statement" | "statements" | "pointsBalance" | "pointsBalances" | "totalPoints"
  | "pointsEarned" | "item" | "catalogue" | "exportJournal" | "journalLen";
export type PersistentLedgerWrites = {
  [K in PersistentLedgerWrite]: (...args: Parameters<Ledger[K]>) => Promise<ReturnType<Ledger[K]>>;
};

/** How to open a persistent ledger. */
export interface PersistentLedgerOptions {
  /** The policy of a new ledger (the core's defaults when left out); an existing one keeps the policy it was created with. */
  policy?: LedgerPolicyInput | null;
  /** The IndexedDB to use (`globalThis.indexedDB` when left out: pass one in Node, e.g. fake-indexeddb's). */
  indexedDB?: IDBFactory;
  /** Each operation's transaction durability: `"strict"` (the default: on disk before the receipt), `"relaxed"` or `"default"`. */
  durability?: IDBTransactionDurability;
}

/**
 * A time bank whose journal is kept in IndexedDB. Each operation runs on the in-memory ledger and
 * resolves after its lines are stored (one readwrite transaction, after catching up with lines
 * other tabs wrote); a refused operation writes nothing and rejects with the ledger's HuzhuError;
 * a failed write rejects with `STORAGE_FAILED` and leaves the ledger as it was. Reads are
 * synchronous, from memory: await each operation before reading (`refresh()` to see other tabs').
 *
 * The clearing driver takes one wherever it takes a `Ledger` (通存通兑 between stored banks):
 * `Clearing.prepare(bank, meta, request)`, `clearing.apply(bank, message, at)`, `clearing.refuse(…)` and
 * `clearing.settle(bank, reply, at)` each run as one operation of the bank (one readwrite transaction; a
 * step that fails writes nothing and leaves the ledger as it was) and resolve with the message, reply or
 * receipt once stored; `Clearing.message`, `Clearing.reply` and `Clearing.unsettled` read from memory.
 */
export interface PersistentLedger extends PersistentLedgerWrites, Readonly<Pick<Ledger, PersistentLedgerRead>> {
  /** The database's name. */
  readonly name: string;
  /** Where the stored journal ends, as this ledger last wrote or read it. */
  head(): JournalHead;
  /** Catches up with the lines other tabs wrote; resolves with the new head. */
  refresh(): Promise<JournalHead>;
  /** Waits for the operations under way and closes the database; later calls throw `STORAGE_CLOSED`. */
  close(): Promise<void>;
}

/**
 * The two functions, bound to a build's `Ledger` class (web.js and node.js export them); given the build's
 * `Clearing` class, its methods are wrapped to take persistent ledgers too.
 */
export declare function persistentLedgers(ledger: typeof Ledger, clearing?: typeof Clearing): {
  openPersistentLedger(name: string, options?: PersistentLedgerOptions): Promise<PersistentLedger>;
  deletePersistentLedger(name: string, options?: Pick<PersistentLedgerOptions, "indexedDB">): Promise<void>;
};
