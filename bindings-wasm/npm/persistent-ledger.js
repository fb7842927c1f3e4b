// A time bank kept in IndexedDB: the journal is appended as operations happen.
//
// One database per ledger, holding an object store `lines` (the journal's lines `{seq, hash,
// text}`, keyed by `seq`, the header first) and an object store `meta` whose record `head` is
// `{seq, hash}`, where the chain ends: the store's seal. Opening reads every line and rebuilds the
// ledger with `Ledger.fromJournalLines`, which checks each line's form, number, link and hash and
// the seal, so an edited, removed or added line is refused with the core's HuzhuError naming it.
//
// Every operation runs in one readwrite transaction: read the seal; catch up with the lines other
// writers (another tab) appended since this ledger's head (checked, then replayed); apply the
// operation to the in-memory ledger; add its new lines and the new seal; resolve after the
// transaction's `complete` event (durability "strict" by default: on disk before the receipt).
// A refused operation writes nothing. When the write fails, the in-memory ledger is rebuilt from
// its own journal up to the head before the operation, so memory and storage never differ.
// IndexedDB runs readwrite transactions on the same stores one at a time, across tabs too, and
// this object runs its own operations one after another.
//
// The clearing driver (通存通兑) works on persistent ledgers too: `persistentLedgers(Ledger,
// Clearing)` wraps the `Clearing` class's methods so that, given a persistent ledger instead of a
// `Ledger`, each step (prepare, apply, refuse, settle: a submit and the reads that build the
// message around it) runs on the in-memory ledger inside one readwrite transaction like any other
// operation, and resolves once stored; the lookups (message, reply, unsettled) read from memory.
//
// `persistentLedgers(Ledger, Clearing)` binds these to a build's `Ledger` and `Clearing` classes:
// web.js and node.js export `openPersistentLedger` and `deletePersistentLedger` from it.

const LINES = "lines";
const META = "meta";
const HEAD = "head";
const SCHEMA = 1;
const EMPTY_HEAD = Object.freeze({ seq: 0, hash: "0".repeat(64) });

/** The operations that change the ledger: run, persisted, acknowledged. */
const WRITES = [
  "openAccount", "submit", "approve", "earn", "redeem", "transfer", "donate", "startingGrant", "poolGrant",
  "batch", "reverse", "earnPoints", "exchange", "listItem", "restock",
];
/** The clearing driver's steps that change a ledger: `Clearing`'s instance methods, then its static one. */
const CLEARING_STEPS = ["apply", "refuse", "settle"];
const CLEARING_STATIC_STEPS = ["prepare"];
/** The driver's lookups (static; synchronous, from memory). */
const CLEARING_LOOKUPS = ["message", "reply", "unsettled"];
/** What reads it (the in-memory ledger; synchronous). */
const READS = [
  "balance", "balanceAt", "balances", "totalBalance", "verifyBalances", "accounts", "transactions", "transaction",
  "pendingTransactions", "statement", "statements", "pointsBalance", "pointsBalances", "totalPoints", "pointsEarned",
  "item", "catalogue", "exportJournal", "journalLen",
];

function huzhuError(code, message, props = {}) {
  const e = new Error(message);
  e.name = "HuzhuError";
  e.code = code;
  return Object.assign(e, props);
}

/** IndexedDB refused something: `STORAGE_FAILED`, the DOMException's name in `cause`. */
function storageError(what, error) {
  const why = error ? `: ${error.name}${error.message ? `: ${error.message}` : ""}` : "";
  return huzhuError("STORAGE_FAILED", `IndexedDB: ${what} failed${why}`, error?.name ? { cause: error.name } : {});
}

function sameHead(a, b) {
  return a.seq === b.seq && a.hash === b.hash;
}

function textOf(record) {
  // A record that is not a line reads as an empty line: refused as malformed, naming it.
  return typeof record?.text === "string" ? record.text : "";
}

function factoryOf(options) {
  const factory = options?.indexedDB ?? globalThis.indexedDB;
  if (!factory || typeof factory.open !== "function") {
    throw huzhuError("INVALID_ARGUMENT", "indexedDB: no IndexedDB here; pass options.indexedDB (an IDBFactory)", { field: "indexedDB" });
  }
  return factory;
}

function checkName(name) {
  if (typeof name !== "string" || name === "") {
    throw huzhuError("INVALID_ARGUMENT", `name: expected a non-empty string, got ${name === null ? "null" : typeof name}`, { field: "name" });
  }
}

function openDatabase(factory, name) {
  return new Promise((resolve, reject) => {
    let req;
    try {
      req = factory.open(name, SCHEMA);
    } catch (e) {
      reject(storageError(`opening "${name}"`, e));
      return;
    }
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(LINES)) db.createObjectStore(LINES, { keyPath: "seq" });
      if (!db.objectStoreNames.contains(META)) db.createObjectStore(META);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(storageError(`opening "${name}"`, req.error));
    // onblocked: another connection is asked to close (versionchange); opening waits for it.
  });
}

/** Whether `e` is IndexedDB's (a DOMException), not the ledger's. */
function isDomException(e) {
  return typeof DOMException !== "undefined" && e instanceof DOMException;
}

/**
 * Runs `body(stores, step, finish)` in one transaction over both stores. `body` and the callbacks
 * it passes to `step(request, then)` run synchronously inside the transaction; whatever they throw
 * aborts it. Settles after `complete` with the value given to `finish`, or rejects with the first
 * error: a thrown one (IndexedDB's as `STORAGE_FAILED`), else the transaction's.
 */
function transact(db, mode, durability, what, body) {
  return new Promise((resolve, reject) => {
    let tx;
    try {
      tx = mode === "readwrite" ? db.transaction([LINES, META], mode, { durability }) : db.transaction([LINES, META], mode);
    } catch (e) {
      reject(storageError(what, e));
      return;
    }
    let result;
    let failure = null;
    const fail = (e) => {
      failure ??= isDomException(e) ? storageError(what, e) : e;
      try {
        tx.abort();
      } catch {
        // Already finished or aborting.
      }
    };
    const guarded = (fn) => (...args) => {
      if (failure) return;
      try {
        fn(...args);
      } catch (e) {
        fail(e);
      }
    };
    const step = (request, then) => {
      request.onsuccess = guarded(() => then(request.result));
    };
    tx.oncomplete = () => (failure ? reject(failure) : resolve(result));
    tx.onabort = () => reject(failure ?? storageError(what, tx.error));
    guarded(body)({ lines: tx.objectStore(LINES), meta: tx.objectStore(META) }, step, (value) => {
      result = value;
    });
  });
}

/** The arguments as they are now (a copy, when they can be copied). */
function clone(args) {
  try {
    return structuredClone(args);
  } catch {
    return args;
  }
}

/**
 * Binds the persistent ledger to a build's `Ledger` class, and the clearing driver's methods
 * (`Clearing`, when given) to persistent ledgers.
 */
export function persistentLedgers(Ledger, Clearing) {
  class PersistentLedger {
    #db;
    #name;
    #ledger;
    #head;
    #durability;
    #closed = null;
    #released = false;
    #tail = Promise.resolve();

    constructor(secret, db, name, ledger, head, durability) {
      if (secret !== PersistentLedger.#secret) throw new TypeError("use openPersistentLedger(name, options)");
      this.#db = db;
      this.#name = name;
      this.#ledger = ledger;
      this.#head = head;
      this.#durability = durability;
      db.onversionchange = () => {
        db.close();
        this.#closed ??= "the database was deleted or upgraded elsewhere (another tab?); open it again";
      };
      db.onclose = () => {
        this.#closed ??= "the browser closed the database; open it again";
      };
    }

    static #secret = Symbol("PersistentLedger");

    static async open(name, options = {}) {
      checkName(name);
      const factory = factoryOf(options);
      const durability = options.durability ?? "strict";
      // The policy is checked first, whether or not the store exists.
      const fresh = new Ledger(options.policy);
      const db = await openDatabase(factory, name);
      let ledger = null;
      let head = null;
      try {
        await transact(db, "readwrite", durability, `opening "${name}"`, (s, step) => {
          step(s.meta.get(HEAD), (stored) => {
            step(s.lines.getAll(), (records) => {
              if (records.length === 0 && stored === undefined) {
                // A new store: the header line and the seal.
                const out = fresh.journalLinesAfter();
                for (const line of out.lines) s.lines.add(line);
                s.meta.put(out.head, HEAD);
                ledger = fresh;
                head = out.head;
              } else {
                ledger = Ledger.fromJournalLines(records.map(textOf), stored ?? EMPTY_HEAD);
                head = ledger.head();
              }
            });
          });
        });
      } catch (e) {
        db.close();
        if (ledger && ledger !== fresh) ledger.free();
        fresh.free();
        throw e;
      }
      if (ledger !== fresh) fresh.free();
      return new PersistentLedger(PersistentLedger.#secret, db, name, ledger, head, durability);
    }

    /** The database's name. */
    get name() {
      return this.#name;
    }

    /** The policy in force (the one the store was created with). */
    get policy() {
      this.#check();
      return this.#ledger.policy;
    }

    /** Where the stored journal ends: `{seq, hash}` (what this tab last wrote or read). */
    head() {
      this.#check();
      return { ...this.#head };
    }

    /** Catches up with what other tabs wrote (read-only). */
    refresh() {
      return this.#queued(() => transact(this.#db, "readonly", undefined, "reading the journal", (s, step, finish) => {
        this.#catchUp(s, step, () => finish(this.head()));
      }));
    }

    /** Waits for the operations under way, then closes the database; later calls are refused. */
    close() {
      return this.#queued(() => {
        if (this.#released) return;
        this.#released = true;
        this.#closed ??= "closed";
        this.#db.close();
        this.#ledger.free();
      }, false);
    }

    #check() {
      if (this.#closed) throw huzhuError("STORAGE_CLOSED", `persistent ledger "${this.#name}": ${this.#closed}`);
    }

    /** Runs `fn` after everything queued before it (settled either way). */
    #queued(fn, check = true) {
      const run = this.#tail.then(() => {
        if (check) this.#check();
        return fn();
      });
      this.#tail = run.catch(() => {});
      return run;
    }

    /**
     * Inside a transaction: reads the seal and, when other writers appended lines, checks them
     * from this ledger's head to the seal and replays them; then `then()`.
     */
    #catchUp(s, step, then) {
      step(s.meta.get(HEAD), (stored) => {
        const seal = stored ?? EMPTY_HEAD;
        if (sameHead(seal, this.#head)) {
          then();
          return;
        }
        if (seal.seq <= this.#head.seq) {
          // The store does not continue this ledger's chain: refused like a seal that does not
          // match its journal (JOURNAL_SEAL_MISMATCH, naming the line after this ledger's last).
          Ledger.verifyJournalLines(this.#head, [], seal);
          throw huzhuError("INTERNAL_ENCODE", "the stored head differs from this ledger's, yet verifies");
        }
        const from = this.#head.seq;
        const texts = [];
        for (let seq = from; seq < seal.seq; seq += 1) {
          const last = seq === seal.seq - 1;
          step(s.lines.get(seq), (record) => {
            texts.push(textOf(record));
            if (!last) return;
            Ledger.verifyJournalLines(this.#head, texts, seal);
            this.#head = this.#ledger.appendJournalLines(this.#head, texts);
            then();
          });
        }
      });
    }

    /**
     * Runs `apply(ledger)` on the in-memory ledger inside one readwrite transaction, after
     * catching up, and writes the lines it added; resolves with its result after `complete`.
     */
    #write(apply) {
      return this.#queued(async () => {
        let before = null;
        let after = null;
        try {
          const result = await transact(this.#db, "readwrite", this.#durability, "writing the journal", (s, step, finish) => {
            this.#catchUp(s, step, () => {
              before = this.#head;
              // A refusal throws: nothing written. A ledger call refuses without a change; a
              // clearing step that changed the ledger before one of its calls failed is rolled
              // back below.
              const value = apply(this.#ledger);
              const out = this.#ledger.journalLinesAfter(this.#head);
              if (out.lines.length > 0) {
                after = out.head;
                for (const line of out.lines) s.lines.add(line);
                s.meta.put(out.head, HEAD);
              }
              finish(value);
            });
          });
          if (after) this.#head = after;
          return result;
        } catch (e) {
          if (before && (after || this.#ledger.journalLen() !== before.seq)) this.#rollback(before);
          throw e;
        }
      });
    }

    /** Back to `head`: the ledger rebuilt from its own journal's lines before it. */
    #rollback(head) {
      try {
        const { lines } = this.#ledger.journalLinesAfter();
        const kept = lines.filter((l) => l.seq < head.seq).map((l) => l.text);
        const restored = Ledger.fromJournalLines(kept, head);
        this.#ledger.free();
        this.#ledger = restored;
        this.#head = head;
      } catch (e) {
        this.#closed ??= `could not roll back a failed write (${e?.code ?? e}); open it again`;
      }
    }

    static {
      for (const name of WRITES) {
        Object.defineProperty(this.prototype, name, {
          value(...args) {
            // The arguments as they are now: the operation runs once earlier ones are stored.
            const copy = clone(args);
            return this.#write((ledger) => ledger[name](...copy));
          },
          writable: true, configurable: true,
        });
      }
      for (const name of READS) {
        Object.defineProperty(this.prototype, name, {
          value(...args) {
            this.#check();
            return this.#ledger[name](...args);
          },
          writable: true, configurable: true,
        });
      }
      if (Clearing) PersistentLedger.#bindClearing(Clearing);
    }

    /**
     * Wraps the clearing driver's methods: given a persistent ledger, a step runs as one stored
     * operation (its arguments, and the driver's operator, as they are when called) and the
     * lookups read the in-memory ledger; given anything else, they are `Clearing`'s own.
     */
    static #bindClearing(Clearing) {
      const isPersistent = (x) => typeof x === "object" && x !== null && #ledger in x;
      const define = (target, name, value) => {
        Object.defineProperty(target, name, { value, writable: true, configurable: true });
      };
      for (const name of CLEARING_STEPS) {
        const step = Clearing.prototype[name];
        define(Clearing.prototype, name, function (ledger, ...args) {
          if (!isPersistent(ledger)) return step.call(this, ledger, ...args);
          let operator;
          try {
            operator = this.operator;
          } catch (e) {
            return Promise.reject(e);
          }
          const copy = clone(args);
          return ledger.#write((inMemory) => {
            const driver = new Clearing(operator);
            try {
              return step.call(driver, inMemory, ...copy);
            } finally {
              driver.free();
            }
          });
        });
      }
      for (const name of CLEARING_STATIC_STEPS) {
        const step = Clearing[name];
        define(Clearing, name, function (ledger, ...args) {
          if (!isPersistent(ledger)) return step.call(this, ledger, ...args);
          const copy = clone(args);
          return ledger.#write((inMemory) => step.call(Clearing, inMemory, ...copy));
        });
      }
      for (const name of CLEARING_LOOKUPS) {
        const lookup = Clearing[name];
        define(Clearing, name, function (ledger, ...args) {
          if (!isPersistent(ledger)) return lookup.call(this, ledger, ...args);
          ledger.#check();
          return lookup.call(Clearing, ledger.#ledger, ...args);
        });
      }
    }
  }

  return {
    /** Opens (or creates) the persistent ledger in the IndexedDB database `name`. */
    openPersistentLedger: (name, options) => PersistentLedger.open(name, options),
    /** Deletes the database `name` (open ledgers on it close). */
    deletePersistentLedger(name, options) {
      return new Promise((resolve, reject) => {
        checkName(name);
        const req = factoryOf(options).deleteDatabase(name);
        req.onsuccess = () => resolve();
        req.onerror = () => reject(storageError(`deleting "${name}"`, req.error));
      });
    },
  };
}
