//! [`LedgerStore`]: a ledger whose every operation is one database transaction.

use std::fmt;
use std::path::Path;

use chrono::NaiveDateTime;
use huzhu::ledger::{
    Account, JournalHead, Ledger, LedgerError, LedgerPolicy, Operation, Receipt, TxMeta,
};

use crate::backend::{Backend, Meta, Mode, transaction};
use crate::chain::{self, Row};
use crate::error::StoreError;
use crate::sqlite::{Sqlite, SqliteOptions};

/// A durable time-bank ledger: the core [`Ledger`] in memory, its journal in SQLite (one file
/// per bank) or PostgreSQL (many banks, many service centres, one database).
///
/// Every operation is one database transaction: take the bank's write lock, catch up with the
/// lines other writers committed, apply the operation, write its journal lines and the
/// idempotency keys they introduce, commit — and only then show the result in
/// [`ledger`](Self::ledger) and return the receipt. A rejected operation writes nothing; a
/// failed commit leaves both the database and the in-memory ledger as they were. Opening
/// verifies the whole hash chain: an edited, deleted or moved row is refused, naming its line.
///
/// One `LedgerStore` per thread or process: several of them (on one file, or one bank of a
/// PostgreSQL database) serialise through the database's lock, so no update is lost, no
/// minute is spent twice, and a key used twice returns the first receipt.
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::ledger::{Account, AccountId, LedgerPolicy, Operation, TxMeta};
/// use huzhu::model::{NeedId, VolunteerId};
/// use huzhu_store::LedgerStore;
///
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("bank.sqlite");
/// let at = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap().and_hms_opt(9, 0, 0).unwrap();
/// let v = AccountId::Volunteer(VolunteerId(1));
///
/// let mut bank = LedgerStore::open_sqlite(&path, Some(LedgerPolicy::default()))?;
/// bank.open_account(Account::new(v))?;
/// let earn = Operation::Earn { account: v, need: NeedId(1), minutes: 90 };
/// let receipt = bank.submit(TxMeta::new("e1", "desk:li", at), earn.clone())?;
/// // The same key again: the first receipt, nothing written.
/// assert_eq!(bank.submit(TxMeta::new("e1", "desk:li", at), earn)?, receipt);
/// let head = bank.head().clone();
/// drop(bank);
///
/// // Reopened (the policy is stored): every acknowledged operation is there.
/// let bank = LedgerStore::open_sqlite(&path, None)?;
/// assert_eq!(bank.ledger().balance(v)?, 90);
/// assert_eq!(bank.head(), &head);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct LedgerStore {
    db: Box<dyn Backend>,
    ledger: Ledger,
    head: JournalHead,
    /// Set when a failed commit could not be undone in memory; the next call reloads.
    stale: bool,
}

/// What [`LedgerStore::recover_sqlite`] did: the lines it kept, the lines it dropped (moved to
/// the `quarantine` table with the reason, never deleted outright), and why.
#[derive(Debug)]
#[non_exhaustive]
pub struct Recovery {
    /// Lines kept: the journal's new length (`head.seq`).
    pub kept: u64,
    /// The sequence numbers of the rows dropped from the journal, ascending.
    pub dropped: Vec<u64>,
    /// The sequence numbers the recorded head counted but the journal no longer held (a lost
    /// or deleted tail, [`StoreError::HeadMismatch`]), ascending. They cannot be restored
    /// from the store; the clients told they succeeded must be told otherwise.
    pub missing: Vec<u64>,
    /// Whether the idempotency-key index was rebuilt from the kept lines.
    pub keys_rebuilt: bool,
    /// Whether the recorded head was rewritten to the kept journal's (after dropping or
    /// missing lines, or to record it in a version 1 store).
    pub head_rewritten: bool,
    /// The head of the kept journal.
    pub head: JournalHead,
    /// What was wrong, if anything: the first line that failed verification, or the key
    /// index.
    pub reason: Option<StoreError>,
}

impl Recovery {
    /// Whether the store was already sound: nothing dropped or missing, the key index and
    /// the recorded head were right (a version 1 store, which records no head, gets one).
    pub fn is_clean(&self) -> bool {
        self.dropped.is_empty()
            && self.missing.is_empty()
            && !self.keys_rebuilt
            && self.reason.is_none()
    }
}

impl fmt::Debug for LedgerStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LedgerStore")
            .field("location", &self.db.location())
            .field("head", &self.head)
            .finish_non_exhaustive()
    }
}

impl LedgerStore {
    /// Opens the embedded (SQLite) store at `path`: [`open_sqlite`](Self::open_sqlite).
    ///
    /// ```
    /// use huzhu::ledger::LedgerPolicy;
    /// use huzhu_store::LedgerStore;
    /// let dir = tempfile::tempdir()?;
    /// let bank = LedgerStore::open(dir.path().join("bank.sqlite"), Some(LedgerPolicy::default()))?;
    /// assert_eq!(bank.head().seq, 1); // the header, holding the policy
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// As [`open_sqlite`](Self::open_sqlite).
    pub fn open(path: impl AsRef<Path>, policy: Option<LedgerPolicy>) -> Result<Self, StoreError> {
        Self::open_sqlite(path, policy)
    }

    /// Opens the SQLite store at `path`, creating it with `policy` if the file is new (or an
    /// empty database). An existing store keeps its policy: `None` accepts it, and a given
    /// policy must equal it ([`StoreError::PolicyMismatch`] otherwise, naming the setting).
    ///
    /// The file is put in WAL mode with `synchronous = FULL` (see [`SqliteSync`](crate::SqliteSync)
    /// for why not NORMAL) and a 30 s busy timeout. The whole journal is verified and replayed.
    ///
    /// # Errors
    /// [`StoreError::PolicyRequired`] for a new file without a policy;
    /// [`StoreError::Corrupt`] naming the first line that fails verification;
    /// [`StoreError::HeadMismatch`] when the journal ends before (or after) the head the last
    /// write recorded: its tail was deleted;
    /// [`StoreError::KeyIndex`], [`StoreError::NewerSchema`], [`StoreError::NotAStore`],
    /// [`StoreError::FileCorrupt`]; database errors.
    pub fn open_sqlite(
        path: impl AsRef<Path>,
        policy: Option<LedgerPolicy>,
    ) -> Result<Self, StoreError> {
        Self::open_sqlite_with(path, policy, &SqliteOptions::default())
    }

    /// [`open_sqlite`](Self::open_sqlite) with options: read-only, the busy timeout, a page
    /// quota, durability.
    ///
    /// A file this process may not write opens read-only (SQLite's own fallback): reads and
    /// [`refresh`](Self::refresh) work, writes fail with [`StoreError::ReadOnly`]. If its
    /// directory is read-only too, SQLite cannot create the shared-memory file that reading a
    /// WAL database needs; then, when no write-ahead log is pending beside the file (its
    /// content is all in the main file), the store opens it as immutable (`?immutable=1`) and
    /// reads it as it stands. With a pending log it fails with [`StoreError::ReadOnly`]
    /// rather than show a ledger without the log's commits.
    ///
    /// ```
    /// use huzhu::ledger::LedgerPolicy;
    /// use huzhu_store::{LedgerStore, SqliteOptions};
    /// let dir = tempfile::tempdir()?;
    /// let path = dir.path().join("bank.sqlite");
    /// LedgerStore::open_sqlite(&path, Some(LedgerPolicy::default()))?;
    /// let mut reader = LedgerStore::open_sqlite_with(&path, None, &SqliteOptions::default().read_only(true))?;
    /// assert_eq!(reader.ledger().total_balance(), 0);
    /// let e = reader.open_account(huzhu::ledger::Account::new(huzhu::ledger::AccountId::Volunteer(
    ///     huzhu::model::VolunteerId(1),
    /// ))).unwrap_err();
    /// assert_eq!(e.code(), "STORE_READ_ONLY");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn open_sqlite_with(
        path: impl AsRef<Path>,
        policy: Option<LedgerPolicy>,
        options: &SqliteOptions,
    ) -> Result<Self, StoreError> {
        let path = path.as_ref();
        let db = Sqlite::open(path, options)?;
        match Self::open_backend(Box::new(db), policy.clone()) {
            // A file we may not write in a directory we may not write: SQLite cannot set up
            // the shared memory that WAL reading needs. Without a pending log, the main file
            // is complete and reads as immutable.
            Err(e @ StoreError::ReadOnly { .. }) if !crate::sqlite::wal_pending(path) => {
                let db = Sqlite::open_immutable(path, options).map_err(|_| e)?;
                Self::open_backend(Box::new(db), policy)
            }
            other => other,
        }
    }

    /// Saves an in-memory ledger as a new SQLite store at `path`: its whole journal (the
    /// header and every event) and its keys, in one transaction. From then on, open the file
    /// and work on it like any store.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use huzhu::ledger::{Account, AccountId, Ledger, LedgerPolicy, TxMeta};
    /// use huzhu::model::{NeedId, VolunteerId};
    /// use huzhu_store::LedgerStore;
    /// let dir = tempfile::tempdir()?;
    /// let at = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap().and_hms_opt(9, 0, 0).unwrap();
    /// let v = AccountId::Volunteer(VolunteerId(1));
    /// let mut bank = Ledger::new(LedgerPolicy::default())?;
    /// bank.open_account(Account::new(v))?;
    /// bank.earn(TxMeta::new("e1", "desk", at), v, NeedId(1), 60)?;
    /// let path = dir.path().join("bank.sqlite");
    /// let stored = LedgerStore::create_sqlite_from(&path, &bank)?;
    /// assert_eq!(stored.ledger(), &bank);
    /// assert_eq!(LedgerStore::open_sqlite(&path, None)?.ledger().balance(v)?, 60);
    /// // Not over an existing store.
    /// assert_eq!(LedgerStore::create_sqlite_from(&path, &bank).unwrap_err().code(), "STORE_EXISTS");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`StoreError::Exists`] if a store is there already; database errors.
    pub fn create_sqlite_from(path: impl AsRef<Path>, ledger: &Ledger) -> Result<Self, StoreError> {
        let path = path.as_ref();
        let mut db: Box<dyn Backend> = Box::new(Sqlite::open(path, &SqliteOptions::default())?);
        let (lines, head) = ledger.journal_lines_after(&JournalHead::empty())?;
        let keys = chain::new_keys(&lines);
        let location = db.location();
        transaction(db.as_mut(), Mode::Create, |db| {
            if db.meta()?.is_some() {
                return Err(StoreError::Exists { location });
            }
            db.create(&lines[..1])?;
            db.append(&lines[1..], &keys)?;
            db.set_head(&head)
        })?;
        Self::open_backend(db, None)
    }

    /// Opens bank `bank` in the PostgreSQL database at `url` (a `postgresql://…` URL or
    /// `key=value` pairs; no TLS), creating the tables if missing and the bank with `policy`
    /// if new. Many banks share one database; many stores (threads, processes, service
    /// centres) share one bank, serialised by a row lock on the bank's row. Otherwise as
    /// [`open_sqlite`](Self::open_sqlite). A lost connection is re-established on the next
    /// call.
    ///
    /// # Errors
    /// As [`open_sqlite`](Self::open_sqlite); [`StoreError::ConnectionLost`] when the server
    /// cannot be reached.
    #[cfg(feature = "postgres")]
    pub fn open_postgres(
        url: &str,
        bank: &str,
        policy: Option<LedgerPolicy>,
    ) -> Result<Self, StoreError> {
        let db = crate::postgres::Postgres::connect(url, bank)?;
        Self::open_backend(Box::new(db), policy)
    }

    /// Mends a SQLite store whose journal fails verification: keeps the longest prefix that
    /// verifies, moves every later row to the `quarantine` table (with the reason, numbered
    /// by recovery, so nothing is lost silently), and rebuilds the idempotency-key index from
    /// the kept lines. A sound store is left as it is ([`Recovery::is_clean`]).
    ///
    /// The operations dropped are no longer in the ledger: [`Recovery::dropped`] lists them,
    /// and the clients who were told they succeeded must be told otherwise.
    ///
    /// ```
    /// use huzhu::ledger::{Account, AccountId, LedgerPolicy};
    /// use huzhu::model::VolunteerId;
    /// use huzhu_store::LedgerStore;
    /// let dir = tempfile::tempdir()?;
    /// let path = dir.path().join("bank.sqlite");
    /// let mut bank = LedgerStore::open_sqlite(&path, Some(LedgerPolicy::default()))?;
    /// for n in 1..=3 {
    ///     bank.open_account(Account::new(AccountId::Volunteer(VolunteerId(n))))?;
    /// }
    /// drop(bank);
    /// // Someone edits line 2 in the file.
    /// let db = rusqlite::Connection::open(&path)?;
    /// db.execute("UPDATE journal SET line = replace(line, 'volunteer#2', 'volunteer#9') WHERE seq = 2", [])?;
    /// let e = LedgerStore::open_sqlite(&path, None).unwrap_err();
    /// assert_eq!((e.code(), e.seq()), ("STORE_CORRUPT", Some(2)));
    /// let recovery = LedgerStore::recover_sqlite(&path)?;
    /// assert_eq!((recovery.kept, recovery.dropped), (2, vec![2, 3]));
    /// assert_eq!(LedgerStore::open_sqlite(&path, None)?.ledger().accounts().count(), 3); // fund, pool, volunteer#1
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`StoreError::Corrupt`] when even the header (line 0, holding the policy) fails: there
    /// is nothing to keep. Damage below the journal ([`StoreError::FileCorrupt`]) is not
    /// mended here. Database errors.
    pub fn recover_sqlite(path: impl AsRef<Path>) -> Result<Recovery, StoreError> {
        let mut db = Sqlite::open(path.as_ref(), &SqliteOptions::default())?;
        recover(&mut db)
    }

    /// [`recover_sqlite`](Self::recover_sqlite) for bank `bank` of a PostgreSQL database.
    ///
    /// # Errors
    /// As [`recover_sqlite`](Self::recover_sqlite).
    #[cfg(feature = "postgres")]
    pub fn recover_postgres(url: &str, bank: &str) -> Result<Recovery, StoreError> {
        let mut db = crate::postgres::Postgres::connect(url, bank)?;
        recover(&mut db)
    }

    fn open_backend(
        mut db: Box<dyn Backend>,
        policy: Option<LedgerPolicy>,
    ) -> Result<Self, StoreError> {
        if transaction(db.as_mut(), Mode::Read, |db| db.meta())?.is_none() {
            let policy = policy.clone().ok_or(StoreError::PolicyRequired)?;
            let (header, head) = Ledger::new(policy)?.journal_lines_after(&JournalHead::empty())?;
            transaction(db.as_mut(), Mode::Create, |db| match db.meta()? {
                None => {
                    db.create(&header)?;
                    db.set_head(&head)
                }
                Some(_) => Ok(()), // created meanwhile by another opener
            })?;
        }
        let (ledger, head) = load(db.as_mut())?;
        if let Some(given) = policy
            && let Some(setting) = chain::policy_difference(ledger.policy(), &given)
        {
            return Err(StoreError::PolicyMismatch {
                setting,
                stored: Box::new(ledger.policy().clone()),
            });
        }
        Ok(Self {
            db,
            ledger,
            head,
            stale: false,
        })
    }

    /// The ledger as of the last commit this store made or read: every balance, transaction,
    /// receipt and statement query of the core.
    pub fn ledger(&self) -> &Ledger {
        &self.ledger
    }

    /// Where the journal stands: the number of lines and the last line's hash. Equal heads
    /// mean equal journals.
    pub fn head(&self) -> &JournalHead {
        &self.head
    }

    /// Where the store lives: `sqlite:/path/bank.sqlite` or `postgres bank 'name'`.
    pub fn location(&self) -> String {
        self.db.location()
    }

    /// Submits an operation ([`Ledger::submit`]) in one database transaction. A key already
    /// used (by any writer) returns its first receipt and writes nothing.
    ///
    /// # Errors
    /// [`StoreError::Ledger`] when the ledger rejects it (nothing written); database errors
    /// ([`StoreError::Busy`], [`StoreError::DiskFull`], [`StoreError::ReadOnly`],
    /// [`StoreError::ConnectionLost`], …), after which nothing changed; [`StoreError::Corrupt`]
    /// if a line another writer committed fails verification; [`StoreError::HeadMismatch`]
    /// if the journal's tail was deleted (nothing is written past a lost tail).
    pub fn submit(&mut self, meta: TxMeta, operation: Operation) -> Result<Receipt, StoreError> {
        self.write(|ledger| ledger.submit(meta, operation))
    }

    /// Submits several requests in one database transaction (one commit, one sync): each is
    /// accepted or rejected on its own, as by [`submit`](Self::submit) in turn, and the
    /// accepted ones are written together. For imports and busy desks; an
    /// [`Operation::Batch`] is the all-or-nothing form.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use huzhu::ledger::{Account, AccountId, LedgerPolicy, Operation, TxMeta};
    /// use huzhu::model::{NeedId, VolunteerId};
    /// use huzhu_store::LedgerStore;
    /// let dir = tempfile::tempdir()?;
    /// let at = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap().and_hms_opt(9, 0, 0).unwrap();
    /// let v = AccountId::Volunteer(VolunteerId(1));
    /// let mut bank = LedgerStore::open_sqlite(dir.path().join("b.sqlite"), Some(LedgerPolicy::default()))?;
    /// bank.open_account(Account::new(v))?;
    /// let results = bank.submit_many([
    ///     (TxMeta::new("e1", "desk", at), Operation::Earn { account: v, need: NeedId(1), minutes: 60 }),
    ///     (TxMeta::new("r1", "desk", at), Operation::Redeem { account: v, minutes: 90, need: None }),
    ///     (TxMeta::new("r2", "desk", at), Operation::Redeem { account: v, minutes: 45, need: None }),
    /// ])?;
    /// assert!(results[0].is_ok() && results[1].is_err() && results[2].is_ok());
    /// assert_eq!(bank.ledger().balance(v)?, 15);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// Database errors, after which none of the requests is stored.
    pub fn submit_many(
        &mut self,
        requests: impl IntoIterator<Item = (TxMeta, Operation)>,
    ) -> Result<Vec<Result<Receipt, LedgerError>>, StoreError> {
        self.write(|ledger| {
            Ok(requests
                .into_iter()
                .map(|(meta, operation)| ledger.submit(meta, operation))
                .collect())
        })
    }

    /// Records a reviewer's approval ([`Ledger::approve`]) in one database transaction.
    ///
    /// # Errors
    /// As [`submit`](Self::submit).
    pub fn approve(
        &mut self,
        key: &str,
        reviewer: &str,
        at: NaiveDateTime,
    ) -> Result<Receipt, StoreError> {
        self.write(|ledger| ledger.approve(key, reviewer, at))
    }

    /// Runs `calls` on the ledger as one database transaction: everything they change is
    /// written and committed together, or, if they return an error, nothing is (the ledger
    /// in memory is rewound too). For work that spans several ledger calls, such as a step of
    /// the [`Clearing`](huzhu::ledger::Clearing) driver, which reads the ledger, submits, and
    /// builds the message for the other bank.
    ///
    /// Calls that fail inside `calls` but are handled there (a rejected request whose error
    /// is turned into a reply) change nothing, as always; what the others changed is written.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use huzhu::ledger::{
    ///     Account, AccountId, BankId, Clearing, ClearingPolicy, LedgerPolicy, TransferRequest, TxMeta,
    /// };
    /// use huzhu::model::{NeedId, VolunteerId};
    /// use huzhu_store::LedgerStore;
    /// let dir = tempfile::tempdir()?;
    /// let at = |h| NaiveDate::from_ymd_opt(2026, 3, 2).unwrap().and_hms_opt(h, 0, 0).unwrap();
    /// let (a, b): (BankId, BankId) = ("pudong".parse()?, "xuhui".parse()?);
    /// let policy = |bank| LedgerPolicy::default().with_clearing(ClearingPolicy::for_bank(bank));
    /// let mut pudong = LedgerStore::open_sqlite(dir.path().join("pudong.sqlite"), Some(policy(a)))?;
    /// let mut xuhui = LedgerStore::open_sqlite(dir.path().join("xuhui.sqlite"), Some(policy(b)))?;
    /// let v = AccountId::Volunteer(VolunteerId(1));
    /// pudong.open_account(Account::new(AccountId::Clearing(b)))?;
    /// pudong.open_account(Account::new(v))?;
    /// xuhui.open_account(Account::new(AccountId::Clearing(a)))?;
    /// xuhui.open_account(Account::new(v))?;
    /// pudong.submit(TxMeta::new("e1", "desk", at(9)), huzhu::ledger::Operation::Earn {
    ///     account: v, need: NeedId(1), minutes: 60 })?;
    ///
    /// let clearing = Clearing::new("clearing:city");
    /// let request = TransferRequest::new("t1", b, v, v, 45);
    /// let message = pudong.transact(|l| Clearing::prepare(l, TxMeta::new("send-1", "desk", at(10)), &request))?;
    /// let reply = xuhui.transact(|l| clearing.apply(l, &message, at(11)))?;
    /// pudong.transact(|l| clearing.settle(l, &reply, at(12)))?;
    /// assert_eq!((pudong.ledger().balance(v)?, xuhui.ledger().balance(v)?), (15, 45));
    /// // Reopened, both banks hold their side.
    /// drop(xuhui);
    /// let xuhui = LedgerStore::open_sqlite(dir.path().join("xuhui.sqlite"), None)?;
    /// assert_eq!(xuhui.ledger().balance(v)?, 45);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// As [`submit`](Self::submit): the error `calls` returned, or a database error; either
    /// way nothing was written.
    pub fn transact<R>(
        &mut self,
        calls: impl FnOnce(&mut Ledger) -> Result<R, LedgerError>,
    ) -> Result<R, StoreError> {
        self.write(calls)
    }

    /// Opens a member account ([`Ledger::open_account`]) in one database transaction.
    ///
    /// # Errors
    /// As [`submit`](Self::submit); [`LedgerError::DuplicateAccount`] if another writer
    /// opened it first.
    pub fn open_account(&mut self, account: Account) -> Result<(), StoreError> {
        self.write(|ledger| ledger.open_account(account))
    }

    /// Catches up with the lines other writers committed since this store's head, verifying
    /// them; returns how many were read. Writing catches up by itself; this is for readers.
    ///
    /// # Errors
    /// [`StoreError::Corrupt`] if a new line fails verification (the ledger stays as it
    /// was); [`StoreError::HeadMismatch`] if the journal no longer ends where the last write
    /// recorded (its tail was deleted); database errors.
    pub fn refresh(&mut self) -> Result<u64, StoreError> {
        self.reload_if_stale()?;
        let from = self.head.seq;
        let read = transaction(self.db.as_mut(), Mode::Read, |db| {
            Ok((rows_after(db, &self.head)?, stored_meta(db)?))
        });
        let (rows, meta) = read.inspect_err(|e| self.stale_on(e))?;
        if !rows.is_empty() {
            // The new lines verify on their own (all or none are adopted); the head check
            // then says whether the journal ends where the last write recorded.
            self.head = chain::catch_up(&mut self.ledger, &self.head, &rows)?;
        }
        meta.check_head(&self.head)?;
        Ok(self.head.seq - from)
    }

    /// Re-reads and re-verifies the whole journal, as on open.
    fn reload(&mut self) -> Result<(), StoreError> {
        let (ledger, head) = load(self.db.as_mut())?;
        self.ledger = ledger;
        self.head = head;
        self.stale = false;
        Ok(())
    }

    /// After a [`StoreError::HeadMismatch`] the ledger in memory holds lines the database no
    /// longer does: the next call re-reads the database (and fails again until it is mended).
    fn stale_on(&mut self, error: &StoreError) {
        if matches!(error, StoreError::HeadMismatch { .. }) {
            self.stale = true;
        }
    }

    fn reload_if_stale(&mut self) -> Result<(), StoreError> {
        if self.stale { self.reload() } else { Ok(()) }
    }

    /// One operation as one transaction; see the type's docs.
    fn write<R>(
        &mut self,
        apply: impl FnOnce(&mut Ledger) -> Result<R, LedgerError>,
    ) -> Result<R, StoreError> {
        self.reload_if_stale()?;
        self.db.begin(Mode::Write)?;
        let result = self.write_locked(apply);
        if let Err(e) = &result {
            self.db.rollback();
            self.stale_on(e);
        }
        result
    }

    fn write_locked<R>(
        &mut self,
        apply: impl FnOnce(&mut Ledger) -> Result<R, LedgerError>,
    ) -> Result<R, StoreError> {
        // Lines other writers committed are ours to adopt whatever happens next.
        let rows = rows_after(self.db.as_mut(), &self.head)?;
        if !rows.is_empty() {
            self.head = chain::catch_up(&mut self.ledger, &self.head, &rows)?;
        }
        // The journal must end where the last write recorded: not written past a lost tail.
        stored_meta(self.db.as_mut())?.check_head(&self.head)?;
        let before = self.head.clone();
        // A rejected operation changes nothing in the ledger; calls that changed it before
        // one failed ([`transact`](Self::transact)) are undone.
        let value = match apply(&mut self.ledger) {
            Ok(value) => value,
            Err(e) => {
                if self.ledger.journal_len() != before.seq {
                    self.rewind(&before);
                }
                return Err(e.into());
            }
        };
        if self.ledger.journal_len() == before.seq {
            self.db.commit()?; // an idempotent retry: nothing to write
            return Ok(value);
        }
        match self.persist(&before) {
            Ok(head) => {
                self.head = head;
                Ok(value)
            }
            Err(e) => {
                self.db.rollback();
                self.rewind(&before);
                Err(e)
            }
        }
    }

    /// Writes the lines after `before` and their keys, and commits.
    fn persist(&mut self, before: &JournalHead) -> Result<JournalHead, StoreError> {
        let (lines, head) = self.ledger.journal_lines_after(before)?;
        let keys = chain::new_keys(&lines);
        self.db.append(&lines, &keys)?;
        self.db.set_head(&head)?;
        self.db.commit()?;
        Ok(head)
    }

    /// Undoes in memory an operation whose commit failed: the ledger is rebuilt from its own
    /// journal up to `to` (no clone per operation; this costs a replay, on failure only). If
    /// that fails, from the database; if that fails too, the next call reloads.
    fn rewind(&mut self, to: &JournalHead) {
        let rebuilt = self
            .ledger
            .journal_lines_after(&JournalHead::empty())
            .and_then(|(lines, _)| {
                let keep = usize::try_from(to.seq)
                    .unwrap_or(usize::MAX)
                    .min(lines.len());
                Ledger::from_journal_lines(lines[..keep].iter().map(|l| l.text.as_str()))
            });
        match rebuilt {
            Ok((ledger, head)) if head == *to => self.ledger = ledger,
            _ => {
                if self.reload().is_err() {
                    self.stale = true;
                }
            }
        }
    }
}

/// The store's metadata, checked (format, schema version).
fn stored_meta(db: &mut dyn Backend) -> Result<Meta, StoreError> {
    let meta = db.meta()?.ok_or_else(|| StoreError::NotAStore {
        found: "no store".into(),
    })?;
    meta.check()?;
    Ok(meta)
}

/// The rows after `head`, checking on the way that the journal still holds `head`'s line as
/// this store read it. When it does not (its tail was deleted, or a recovery dropped it), the
/// whole journal is verified to say where it really ends: [`StoreError::HeadMismatch`].
fn rows_after(db: &mut dyn Backend, head: &JournalHead) -> Result<Vec<Row>, StoreError> {
    let Some(last) = head.seq.checked_sub(1) else {
        return db.rows_from(0);
    };
    let mut rows = db.rows_from(last)?.into_iter();
    if rows
        .next()
        .is_some_and(|r| r.seq == last && r.hash == head.hash)
    {
        return Ok(rows.collect());
    }
    let (_, found) = chain::load(&db.rows_from(0)?, &db.keys()?)?;
    Err(StoreError::HeadMismatch {
        recorded: Some(head.clone()),
        found,
    })
}

/// Reads and verifies a whole store in one read transaction: every line, the key index, and
/// that the journal ends at the recorded head.
fn load(db: &mut dyn Backend) -> Result<(Ledger, JournalHead), StoreError> {
    let (meta, rows, keys) = transaction(db, Mode::Read, |db| {
        Ok((stored_meta(db)?, db.rows_from(0)?, db.keys()?))
    })?;
    let (ledger, head) = chain::load(&rows, &keys)?;
    meta.check_head(&head)?;
    Ok((ledger, head))
}

fn recover(db: &mut dyn Backend) -> Result<Recovery, StoreError> {
    transaction(db, Mode::Write, |db| {
        let meta = stored_meta(db)?;
        let rows = db.rows_from(0)?;
        let (kept, mut reason) = chain::verified_prefix(&rows);
        if kept == 0 {
            return Err(reason.unwrap_or(StoreError::Corrupt {
                seq: 0,
                source: huzhu::ledger::JournalError::MissingHeader { line: 1 }.into(),
            }));
        }
        let dropped = if kept < rows.len() {
            let why = reason
                .as_ref()
                .map_or_else(String::new, ToString::to_string);
            db.quarantine(kept as u64, &why)?
        } else {
            Vec::new()
        };
        let rows = &rows[..kept];
        let expected = chain::submit_keys(rows);
        let index_error = chain::check_key_index(rows, &db.keys()?).err();
        let keys_rebuilt = index_error.is_some();
        if keys_rebuilt {
            db.replace_keys(&expected)?;
        }
        if reason.is_none() {
            reason = index_error;
        }
        let (_, head) = chain::load(rows, &expected)?;
        // Lines the recorded head counts that are not there (a lost or deleted tail): gone,
        // so only reported. The head is re-recorded to the kept journal's.
        let missing = match &meta.head {
            Some(recorded) if dropped.is_empty() => (head.seq..recorded.seq).collect(),
            _ => Vec::new(),
        };
        if reason.is_none() {
            reason = meta.check_head(&head).err();
        }
        let head_rewritten = meta.head.as_ref() != Some(&head);
        if head_rewritten {
            db.set_head(&head)?;
        }
        Ok(Recovery {
            kept: head.seq,
            dropped,
            missing,
            keys_rebuilt,
            head_rewritten,
            head,
            reason,
        })
    })
}
