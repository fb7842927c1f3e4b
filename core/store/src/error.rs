//! Typed errors of the durable store. Each names the journal line (`seq`), key, setting or
//! database condition at fault; [`StoreError::code`] is stable across surfaces.

use huzhu::ledger::{JournalHead, LedgerError, LedgerPolicy};

/// Why the store refused a call. Whatever the error, nothing was half-written: the database
/// transaction was rolled back and the in-memory ledger is the last committed one.
///
/// ```
/// use huzhu::ledger::{LedgerPolicy};
/// use huzhu_store::{LedgerStore, StoreError};
/// let dir = tempfile::tempdir()?;
/// // A new bank needs its policy.
/// let e = LedgerStore::open_sqlite(dir.path().join("bank.sqlite"), None).unwrap_err();
/// assert!(matches!(e, StoreError::PolicyRequired));
/// assert_eq!(e.code(), "STORE_POLICY_REQUIRED");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The ledger rejected the request (a floor breach, an idempotency conflict, …). Nothing
    /// was written.
    #[error(transparent)]
    Ledger(#[from] LedgerError),
    /// A journal line in the database fails verification: its form, sequence number, chain,
    /// hash or replay (an edited, deleted or moved row). `seq` is the first bad line; every
    /// line before it verified. [`LedgerStore::recover_sqlite`](crate::LedgerStore::recover_sqlite)
    /// can drop the bad tail, reporting what it drops.
    #[error("journal seq {seq} in the database fails verification: {source}")]
    Corrupt {
        /// The sequence number of the first bad line (its row's `seq`).
        seq: u64,
        /// The verification error (a [`LedgerError::Journal`]).
        source: LedgerError,
    },
    /// The journal does not end where the store recorded it ends: rows were deleted from its
    /// tail (or added to it) outside the store. Every line that remains verifies, which is why
    /// the chain alone cannot tell; the store records its head (line count and last hash) in
    /// the same transaction as every write, and compares on open, on refresh and before each
    /// write. [`LedgerStore::recover_sqlite`](crate::LedgerStore::recover_sqlite) accepts the
    /// journal as it stands and reports the missing lines.
    ///
    /// The recorded head is kept beside the journal, so this catches a lost or deleted tail,
    /// not a forger who rewrites both: against that, compare [`head`](crate::LedgerStore::head)
    /// with a copy kept elsewhere (another bank's clearing journal records it).
    #[error(
        "the journal ends after {} lines but the store recorded {}",
        found.seq,
        recorded.as_ref().map_or_else(|| "no head".to_owned(), |h| format!("{} lines (head {})", h.seq, h.hash))
    )]
    HeadMismatch {
        /// The head recorded with the last write (`None` when the record itself is missing);
        /// for a store already open, the head it last read, whose line is gone.
        recorded: Option<JournalHead>,
        /// The head of the journal as found (every line of it verified).
        found: JournalHead,
    },
    /// The idempotency-key index disagrees with the journal (a key missing, extra, or naming
    /// another line): the database was edited outside the store.
    #[error("idempotency key '{key}' in the key index disagrees with the journal")]
    KeyIndex {
        /// The key.
        key: String,
        /// The line the index names for it, if any.
        seq: Option<u64>,
    },
    /// Another writer wrote line `seq` without holding the bank's write lock (the database
    /// refused the duplicate). Nothing was written; retrying catches up.
    #[error("journal seq {seq} was written concurrently without the bank's lock")]
    Conflict {
        /// The contested sequence number.
        seq: u64,
    },
    /// The database was written by a newer version of this store.
    #[error("the store's schema version {found} is newer than this version supports ({supported})")]
    NewerSchema {
        /// The schema version found.
        found: u32,
        /// The newest version this build reads.
        supported: u32,
    },
    /// The database holds something other than a huzhu ledger store.
    #[error("not a huzhu ledger store: {found}")]
    NotAStore {
        /// What was found instead.
        found: String,
    },
    /// A store was to be created where one already exists.
    #[error("a ledger store already exists at {location}")]
    Exists {
        /// Where.
        location: String,
    },
    /// A new store was opened without a policy.
    #[error("a new store needs a ledger policy")]
    PolicyRequired,
    /// The policy given differs from the one the store was created with.
    #[error("the given ledger policy differs from the stored one in {setting}")]
    PolicyMismatch {
        /// The first setting that differs (`cap`, `unit`, …).
        setting: String,
        /// The stored policy, which stays in force.
        stored: Box<LedgerPolicy>,
    },
    /// The disk (or the database's page quota) is full. Nothing was written; the store is
    /// still readable.
    #[error("the database is full: {detail}")]
    DiskFull {
        /// The database's message.
        detail: String,
    },
    /// The database is read-only (the file, its directory, or the connection). Nothing was
    /// written; the store is still readable.
    #[error("the database is read-only: {detail}")]
    ReadOnly {
        /// The database's message.
        detail: String,
    },
    /// The bank's write lock could not be had in time (another writer holds it). Nothing was
    /// written; retry with the same key.
    #[error("the database is busy: {detail}")]
    Busy {
        /// The database's message.
        detail: String,
    },
    /// The connection to the database server was lost. If it was lost during the commit, the
    /// operation may or may not be stored: retry with the same key, which is applied at most
    /// once (the store reconnects on the next call).
    #[error("the connection to the database was lost: {detail}")]
    ConnectionLost {
        /// The client's message.
        detail: String,
    },
    /// The database file itself is damaged (SQLite's `SQLITE_CORRUPT` / `SQLITE_NOTADB`):
    /// below the journal, so [`recover_sqlite`](crate::LedgerStore::recover_sqlite) cannot
    /// mend it; restore a backup, or salvage with the `sqlite3` shell's `.recover` first.
    #[error("the database file is damaged: {detail}")]
    FileCorrupt {
        /// The database's message.
        detail: String,
    },
    /// Any other database error.
    #[error("database error {code}: {detail}")]
    Database {
        /// The database's code (`SQLITE_CANTOPEN`, a PostgreSQL SQLSTATE such as `42P01`).
        code: String,
        /// The database's message.
        detail: String,
    },
}

impl StoreError {
    /// The stable code: the ledger's own code for [`StoreError::Ledger`]
    /// (`LEDGER_FLOOR_BREACH`, …), else `STORE_` and the variant (`STORE_CORRUPT`,
    /// `STORE_DISK_FULL`, …).
    ///
    /// ```
    /// use huzhu_store::StoreError;
    /// let e = StoreError::NewerSchema { found: 9, supported: 1 };
    /// assert_eq!(e.code(), "STORE_NEWER_SCHEMA");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Self::Ledger(e) => e.code(),
            Self::Corrupt { .. } => "STORE_CORRUPT",
            Self::HeadMismatch { .. } => "STORE_HEAD_MISMATCH",
            Self::KeyIndex { .. } => "STORE_KEY_INDEX",
            Self::Conflict { .. } => "STORE_CONFLICT",
            Self::NewerSchema { .. } => "STORE_NEWER_SCHEMA",
            Self::NotAStore { .. } => "STORE_NOT_A_STORE",
            Self::Exists { .. } => "STORE_EXISTS",
            Self::PolicyRequired => "STORE_POLICY_REQUIRED",
            Self::PolicyMismatch { .. } => "STORE_POLICY_MISMATCH",
            Self::DiskFull { .. } => "STORE_DISK_FULL",
            Self::ReadOnly { .. } => "STORE_READ_ONLY",
            Self::Busy { .. } => "STORE_BUSY",
            Self::ConnectionLost { .. } => "STORE_CONNECTION_LOST",
            Self::FileCorrupt { .. } => "STORE_FILE_CORRUPT",
            Self::Database { .. } => "STORE_DATABASE",
        }
    }

    /// The record at fault: the ledger error's record (`transaction 'r1'`), the journal line
    /// (`journal seq 5`), the key (`key 'e1'`), `ledger policy` or `schema`.
    ///
    /// ```
    /// use huzhu::ledger::{JournalError, LedgerError};
    /// use huzhu_store::StoreError;
    /// let e = StoreError::Corrupt {
    ///     seq: 5,
    ///     source: LedgerError::Journal(JournalError::HashMismatch { line: 6 }),
    /// };
    /// assert_eq!(e.record().as_deref(), Some("journal seq 5"));
    /// assert_eq!((e.seq(), e.cause()), (Some(5), Some("JOURNAL_HASH_MISMATCH")));
    /// ```
    pub fn record(&self) -> Option<String> {
        match self {
            Self::Ledger(e) => e.record(),
            Self::Corrupt { seq, .. } | Self::Conflict { seq } => {
                Some(format!("journal seq {seq}"))
            }
            Self::KeyIndex { key, .. } => Some(format!("key '{key}'")),
            Self::HeadMismatch { found, .. } => Some(format!("journal seq {}", found.seq)),
            Self::PolicyRequired | Self::PolicyMismatch { .. } => Some("ledger policy".into()),
            Self::NewerSchema { .. } | Self::NotAStore { .. } => Some("schema".into()),
            _ => None,
        }
    }

    /// The part of the request at fault: the ledger error's field (`minutes`,
    /// `operations[1].minutes`), `key`, or the policy setting that differs.
    pub fn field(&self) -> Option<String> {
        match self {
            Self::Ledger(e) => e.field(),
            Self::KeyIndex { .. } => Some("key".into()),
            Self::PolicyMismatch { setting, .. } => Some(setting.clone()),
            _ => None,
        }
    }

    /// The journal line at fault, by sequence number (line `seq + 1` in the core's numbering):
    /// for a [`HeadMismatch`](Self::HeadMismatch), the first line after the journal's end.
    pub fn seq(&self) -> Option<u64> {
        match self {
            Self::Corrupt { seq, .. } | Self::Conflict { seq } => Some(*seq),
            Self::HeadMismatch { found, .. } => Some(found.seq),
            Self::KeyIndex { seq, .. } => *seq,
            _ => None,
        }
    }

    /// The code of the underlying error: the ledger's (`LEDGER_BATCH_ITEM` → the item's), or
    /// the journal verification's (`JOURNAL_HASH_MISMATCH`, …) for a corrupt line.
    pub fn cause(&self) -> Option<&'static str> {
        match self {
            Self::Ledger(e) => e.cause(),
            Self::Corrupt { source, .. } => Some(source.code()),
            _ => None,
        }
    }

    /// The ledger's rejection, if this is one.
    pub fn ledger_error(&self) -> Option<&LedgerError> {
        match self {
            Self::Ledger(e) => Some(e),
            _ => None,
        }
    }

    /// Whether retrying the same request (with the same key) may succeed: the lock was busy,
    /// the connection was lost, or another writer raced without the lock. Idempotency keys
    /// make the retry safe.
    ///
    /// ```
    /// use huzhu_store::StoreError;
    /// assert!(StoreError::Busy { detail: "locked".into() }.is_retryable());
    /// assert!(!StoreError::PolicyRequired.is_retryable());
    /// ```
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            Self::Busy { .. } | Self::ConnectionLost { .. } | Self::Conflict { .. }
        )
    }
}
