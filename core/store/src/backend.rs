//! What the store needs from a database: transactions holding the bank's write lock, the
//! journal and key tables, and the quarantine where recovery moves dropped lines.

use huzhu::ledger::{JournalHead, JournalLine};

use crate::chain::Row;
use crate::error::StoreError;

/// The `format` recorded in a store's metadata.
pub const STORE_FORMAT: &str = "huzhu-ledger-store";

/// The newest schema version this build writes and reads. A store whose recorded version is
/// higher is refused with [`StoreError::NewerSchema`].
///
/// Version 2 records the journal's head with every write ([`StoreError::HeadMismatch`]).
/// A version 1 store (no recorded head) opens as it is and becomes version 2 on its first
/// write.
pub const SCHEMA_VERSION: u32 = 2;

/// The first schema version that records the journal's head.
pub(crate) const HEAD_RECORDED_SINCE: u32 = 2;

/// How a transaction begins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// A consistent snapshot for reading.
    Read,
    /// Holding the bank's write lock (SQLite `BEGIN IMMEDIATE`; PostgreSQL a row lock on the
    /// bank's row).
    Write,
    /// Holding the lock that creating a store needs (SQLite `BEGIN IMMEDIATE`; PostgreSQL a
    /// transaction-scoped advisory lock, the tables created if missing).
    Create,
}

/// The format, schema version and recorded head of a store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Meta {
    pub format: String,
    pub version: u32,
    /// The head written with the last write (`None` before version 2, or if the record was
    /// deleted).
    pub head: Option<JournalHead>,
}

impl Meta {
    /// Refuses another format or a newer schema.
    pub(crate) fn check(&self) -> Result<(), StoreError> {
        if self.format != STORE_FORMAT {
            return Err(StoreError::NotAStore {
                found: format!("format '{}'", self.format),
            });
        }
        if self.version > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema {
                found: self.version,
                supported: SCHEMA_VERSION,
            });
        }
        Ok(())
    }

    /// Checks that the journal as found ends at the recorded head. A version 1 store records
    /// none and is not checked.
    pub(crate) fn check_head(&self, found: &JournalHead) -> Result<(), StoreError> {
        if self.version < HEAD_RECORDED_SINCE || self.head.as_ref() == Some(found) {
            return Ok(());
        }
        Err(StoreError::HeadMismatch {
            recorded: self.head.clone(),
            found: found.clone(),
        })
    }
}

/// A database holding one bank's journal. Every method but `begin`, `commit` and `rollback`
/// runs inside a transaction begun with `begin`.
pub(crate) trait Backend: Send {
    /// Where the store lives, for messages: `sqlite:/path/bank.sqlite`, `postgres bank 'x'`.
    fn location(&self) -> String;
    /// Begins a transaction (reconnecting first if the connection was lost).
    fn begin(&mut self, mode: Mode) -> Result<(), StoreError>;
    /// The store's metadata, `None` when there is no store yet.
    fn meta(&mut self) -> Result<Option<Meta>, StoreError>;
    /// Creates the store (tables, metadata) with its first lines, in a `Create` transaction.
    fn create(&mut self, header: &[JournalLine]) -> Result<(), StoreError>;
    /// The journal rows from `seq` on, in order.
    fn rows_from(&mut self, seq: u64) -> Result<Vec<Row>, StoreError>;
    /// The idempotency-key index.
    fn keys(&mut self) -> Result<Vec<(String, u64)>, StoreError>;
    /// Writes new lines and the keys they introduce.
    fn append(&mut self, lines: &[JournalLine], keys: &[(String, u64)]) -> Result<(), StoreError>;
    /// Records the journal's head (and the schema version that records it), in the
    /// transaction that wrote the lines.
    fn set_head(&mut self, head: &JournalHead) -> Result<(), StoreError>;
    /// Moves the rows from `seq` on to the quarantine table, with `reason`; returns their
    /// sequence numbers.
    fn quarantine(&mut self, seq: u64, reason: &str) -> Result<Vec<u64>, StoreError>;
    /// Replaces the idempotency-key index.
    fn replace_keys(&mut self, keys: &[(String, u64)]) -> Result<(), StoreError>;
    /// Commits. On an error the transaction is rolled back.
    fn commit(&mut self) -> Result<(), StoreError>;
    /// Rolls back, if a transaction is open (best effort: a lost connection rolls back).
    fn rollback(&mut self);
}

/// Runs `f` in a transaction begun with `mode`: committed when it succeeds, rolled back when
/// it fails.
pub(crate) fn transaction<R>(
    db: &mut dyn Backend,
    mode: Mode,
    f: impl FnOnce(&mut dyn Backend) -> Result<R, StoreError>,
) -> Result<R, StoreError> {
    db.begin(mode)?;
    match f(db) {
        Ok(value) => {
            if mode == Mode::Read {
                db.rollback();
            } else {
                db.commit()?;
            }
            Ok(value)
        }
        Err(e) => {
            db.rollback();
            Err(e)
        }
    }
}

/// A `u64` sequence number as the databases' signed 64-bit integer.
pub(crate) fn to_i64(seq: u64) -> i64 {
    i64::try_from(seq).unwrap_or(i64::MAX)
}

/// A stored sequence number; a negative one (an edited row) reads as `u64::MAX`, which no
/// verification accepts.
pub(crate) fn to_u64(seq: i64) -> u64 {
    u64::try_from(seq).unwrap_or(u64::MAX)
}
