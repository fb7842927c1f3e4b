//! The embedded backend: one SQLite file per bank, in WAL mode.
//!
//! Schema (version 2; version 1 had no head rows):
//!
//! ```sql
//! CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
//!   -- ('format', 'huzhu-ledger-store'), ('schema_version', '2'),
//!   -- ('head_seq', '<lines>'), ('head_hash', '<last line's hash>'), rewritten by every write
//! CREATE TABLE journal (seq INTEGER PRIMARY KEY CHECK (seq >= 0),
//!                       hash TEXT NOT NULL, line TEXT NOT NULL);
//! CREATE TABLE keys (key TEXT PRIMARY KEY, seq INTEGER NOT NULL) WITHOUT ROWID;
//! CREATE TABLE quarantine (recovery INTEGER NOT NULL, seq INTEGER NOT NULL,
//!                          hash TEXT NOT NULL, line TEXT NOT NULL, reason TEXT NOT NULL,
//!                          PRIMARY KEY (recovery, seq));
//! ```

use std::path::{Path, PathBuf};
use std::time::Duration;

use huzhu::ledger::{JournalHead, JournalLine};
use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, params};

use crate::backend::{Backend, Meta, Mode, SCHEMA_VERSION, STORE_FORMAT, to_i64, to_u64};
use crate::chain::Row;
use crate::error::StoreError;

/// How SQLite makes a commit durable (its `synchronous` setting, in WAL mode).
///
/// [`Full`](Self::Full), the default, syncs the write-ahead log on every commit: an
/// acknowledged operation survives a power cut as well as a crash. [`Normal`](Self::Normal)
/// syncs only at checkpoints: it survives a process crash (the OS holds the log) and never
/// corrupts the file, but a power cut may lose the last commits — acknowledged minutes, which
/// a time bank promises never to lose, so it is only for bulk imports that can be redone.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum SqliteSync {
    /// `PRAGMA synchronous = FULL`: durable across power loss.
    #[default]
    Full,
    /// `PRAGMA synchronous = NORMAL`: durable across process crashes only.
    Normal,
}

/// Options for [`LedgerStore::open_sqlite_with`](crate::LedgerStore::open_sqlite_with).
///
/// | option | default | what it does |
/// | --- | --- | --- |
/// | [`read_only`](Self::read_only) | `false` | open with `SQLITE_OPEN_READ_ONLY`: reads work, every write fails with [`StoreError::ReadOnly`] |
/// | [`busy_timeout`](Self::busy_timeout) | 30 s | how long to wait for another writer's lock before [`StoreError::Busy`] |
/// | [`max_pages`](Self::max_pages) | none | a quota: `PRAGMA max_page_count`; a write past it fails with [`StoreError::DiskFull`], as a full disk does |
/// | [`sync`](Self::sync) | [`SqliteSync::Full`] | durability of each commit |
///
/// ```
/// use std::time::Duration;
/// use huzhu_store::{SqliteOptions, SqliteSync};
/// let options = SqliteOptions::default().busy_timeout(Duration::from_secs(5)).sync(SqliteSync::Full);
/// assert!(!options.is_read_only());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SqliteOptions {
    read_only: bool,
    busy_timeout: Duration,
    max_pages: Option<u32>,
    sync: SqliteSync,
}

impl Default for SqliteOptions {
    fn default() -> Self {
        Self {
            read_only: false,
            busy_timeout: Duration::from_secs(30),
            max_pages: None,
            sync: SqliteSync::Full,
        }
    }
}

impl SqliteOptions {
    /// Opens the file read-only (`SQLITE_OPEN_READ_ONLY`). The store must exist.
    #[must_use]
    pub fn read_only(mut self, read_only: bool) -> Self {
        self.read_only = read_only;
        self
    }

    /// How long a writer waits for the lock another holds.
    #[must_use]
    pub fn busy_timeout(mut self, timeout: Duration) -> Self {
        self.busy_timeout = timeout;
        self
    }

    /// Limits the database to `pages` pages (`PRAGMA max_page_count`, for this connection).
    #[must_use]
    pub fn max_pages(mut self, pages: Option<u32>) -> Self {
        self.max_pages = pages;
        self
    }

    /// How each commit is made durable.
    #[must_use]
    pub fn sync(mut self, sync: SqliteSync) -> Self {
        self.sync = sync;
        self
    }

    /// Whether the file is opened read-only.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }
}

pub(crate) struct Sqlite {
    conn: Connection,
    path: PathBuf,
}

impl Sqlite {
    /// Opens a file read-only as immutable (`?immutable=1`): no locks, no shared memory, so
    /// it works where the directory is read-only too. Only sound when no write-ahead log is
    /// pending beside the file ([`wal_pending`]), as SQLite then reads the main file alone.
    pub(crate) fn open_immutable(path: &Path, options: &SqliteOptions) -> Result<Self, StoreError> {
        let mut uri = String::from("file:");
        for c in path.display().to_string().chars() {
            match c {
                '%' => uri.push_str("%25"),
                '?' => uri.push_str("%3f"),
                '#' => uri.push_str("%23"),
                c => uri.push(c),
            }
        }
        uri.push_str("?immutable=1");
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(&uri, flags).map_err(error)?;
        conn.busy_timeout(options.busy_timeout).map_err(error)?;
        Ok(Self {
            conn,
            path: path.to_owned(),
        })
    }

    pub(crate) fn open(path: &Path, options: &SqliteOptions) -> Result<Self, StoreError> {
        let flags = if options.read_only {
            OpenFlags::SQLITE_OPEN_READ_ONLY
        } else {
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE
        } | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(error)?;
        conn.busy_timeout(options.busy_timeout).map_err(error)?;
        if !options.read_only {
            // Persistent in the file; a no-op once set. A file the OS will not let us write
            // is opened read-only by SQLite, and keeps its mode.
            match conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0)) {
                Ok(_) => {}
                Err(e) => match error(e) {
                    StoreError::ReadOnly { .. } => {}
                    other => return Err(other),
                },
            }
        }
        let sync = match options.sync {
            SqliteSync::Full => "FULL",
            SqliteSync::Normal => "NORMAL",
        };
        conn.pragma_update(None, "synchronous", sync)
            .map_err(error)?;
        if let Some(pages) = options.max_pages {
            conn.query_row(&format!("PRAGMA max_page_count = {pages}"), [], |_| Ok(()))
                .map_err(error)?;
        }
        Ok(Self {
            conn,
            path: path.to_owned(),
        })
    }

    fn exec(&self, sql: &str) -> Result<(), StoreError> {
        self.conn.execute_batch(sql).map_err(error)
    }
}

impl Backend for Sqlite {
    fn location(&self) -> String {
        format!("sqlite:{}", self.path.display())
    }

    fn begin(&mut self, mode: Mode) -> Result<(), StoreError> {
        match mode {
            Mode::Read => self.exec("BEGIN DEFERRED"),
            Mode::Write | Mode::Create => self.exec("BEGIN IMMEDIATE"),
        }
    }

    fn meta(&mut self) -> Result<Option<Meta>, StoreError> {
        let tables: i64 = self
            .conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
                [],
                |r| r.get(0),
            )
            .map_err(error)?;
        if tables == 0 {
            return Ok(None);
        }
        let has_meta: i64 = self
            .conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'",
                [],
                |r| r.get(0),
            )
            .map_err(error)?;
        if has_meta == 0 {
            return Err(StoreError::NotAStore {
                found: "a SQLite database without a meta table".into(),
            });
        }
        let value = |name: &str| -> Result<Option<String>, StoreError> {
            self.conn
                .query_row("SELECT value FROM meta WHERE name = ?1", [name], |r| {
                    r.get::<_, String>(0)
                })
                .optional()
                .map_err(error)
        };
        let format = value("format")?.unwrap_or_default();
        let version = value("schema_version")?.unwrap_or_default();
        let version = version.parse().map_err(|_| StoreError::NotAStore {
            found: format!("schema version '{version}'"),
        })?;
        // An unreadable record reads as none, which the head check reports.
        let head = match (value("head_seq")?, value("head_hash")?) {
            (Some(seq), Some(hash)) => seq.parse().ok().map(|seq| JournalHead { seq, hash }),
            _ => None,
        };
        Ok(Some(Meta {
            format,
            version,
            head,
        }))
    }

    fn create(&mut self, header: &[JournalLine]) -> Result<(), StoreError> {
        self.exec(
            "CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
             CREATE TABLE journal (seq INTEGER PRIMARY KEY CHECK (seq >= 0),
                                   hash TEXT NOT NULL, line TEXT NOT NULL);
             CREATE TABLE keys (key TEXT PRIMARY KEY, seq INTEGER NOT NULL) WITHOUT ROWID;
             CREATE TABLE quarantine (recovery INTEGER NOT NULL, seq INTEGER NOT NULL,
                                      hash TEXT NOT NULL, line TEXT NOT NULL,
                                      reason TEXT NOT NULL, PRIMARY KEY (recovery, seq));",
        )?;
        self.conn
            .execute(
                "INSERT INTO meta (name, value) VALUES ('format', ?1), ('schema_version', ?2)",
                params![STORE_FORMAT, SCHEMA_VERSION.to_string()],
            )
            .map_err(error)?;
        self.append(header, &[])
    }

    fn rows_from(&mut self, seq: u64) -> Result<Vec<Row>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT seq, hash, line FROM journal WHERE seq >= ?1 ORDER BY seq")
            .map_err(error)?;
        let rows = stmt
            .query_map([to_i64(seq)], |r| {
                // A value that is not text (an edited row) reads as "", which fails
                // verification naming its line.
                let text = |i: usize| -> rusqlite::Result<String> {
                    Ok(r.get_ref(i)?.as_str().unwrap_or_default().to_owned())
                };
                Ok(Row {
                    seq: to_u64(r.get(0)?),
                    hash: text(1)?,
                    line: text(2)?,
                })
            })
            .map_err(error)?;
        rows.collect::<Result<_, _>>().map_err(error)
    }

    fn keys(&mut self) -> Result<Vec<(String, u64)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT key, seq FROM keys")
            .map_err(error)?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, to_u64(r.get(1)?))))
            .map_err(error)?;
        rows.collect::<Result<_, _>>().map_err(error)
    }

    fn append(&mut self, lines: &[JournalLine], keys: &[(String, u64)]) -> Result<(), StoreError> {
        let mut insert = self
            .conn
            .prepare_cached("INSERT INTO journal (seq, hash, line) VALUES (?1, ?2, ?3)")
            .map_err(error)?;
        for line in lines {
            insert
                .execute(params![to_i64(line.seq), line.hash, line.text])
                .map_err(|e| constraint(e, || StoreError::Conflict { seq: line.seq }))?;
        }
        let mut insert = self
            .conn
            .prepare_cached("INSERT INTO keys (key, seq) VALUES (?1, ?2)")
            .map_err(error)?;
        for (key, seq) in keys {
            insert.execute(params![key, to_i64(*seq)]).map_err(|e| {
                constraint(e, || StoreError::KeyIndex {
                    key: key.clone(),
                    seq: Some(*seq),
                })
            })?;
        }
        Ok(())
    }

    fn set_head(&mut self, head: &JournalHead) -> Result<(), StoreError> {
        self.conn
            .prepare_cached(
                "INSERT OR REPLACE INTO meta (name, value)
                 VALUES ('head_seq', ?1), ('head_hash', ?2), ('schema_version', ?3)",
            )
            .and_then(|mut stmt| {
                stmt.execute(params![
                    head.seq.to_string(),
                    head.hash,
                    SCHEMA_VERSION.to_string()
                ])
            })
            .map(drop)
            .map_err(error)
    }

    fn quarantine(&mut self, seq: u64, reason: &str) -> Result<Vec<u64>, StoreError> {
        let dropped: Vec<u64> = self.rows_from(seq)?.into_iter().map(|r| r.seq).collect();
        let recovery: i64 = self
            .conn
            .query_row(
                "SELECT COALESCE(MAX(recovery), 0) + 1 FROM quarantine",
                [],
                |r| r.get(0),
            )
            .map_err(error)?;
        self.conn
            .execute(
                "INSERT INTO quarantine (recovery, seq, hash, line, reason)
                 SELECT ?1, seq, CAST(hash AS TEXT), CAST(line AS TEXT), ?2
                 FROM journal WHERE seq >= ?3",
                params![recovery, reason, to_i64(seq)],
            )
            .map_err(error)?;
        self.conn
            .execute("DELETE FROM journal WHERE seq >= ?1", [to_i64(seq)])
            .map_err(error)?;
        Ok(dropped)
    }

    fn replace_keys(&mut self, keys: &[(String, u64)]) -> Result<(), StoreError> {
        self.exec("DELETE FROM keys")?;
        self.append(&[], keys)
    }

    fn commit(&mut self) -> Result<(), StoreError> {
        let result = self.exec("COMMIT");
        if result.is_err() {
            self.rollback();
        }
        result
    }

    fn rollback(&mut self) {
        if !self.conn.is_autocommit() {
            // A failed rollback leaves nothing to do: SQLite rolls back on the next open.
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }
}

/// Whether a write-ahead log with content lies beside `path` (commits not yet copied into the
/// main file).
pub(crate) fn wal_pending(path: &Path) -> bool {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    std::fs::metadata(wal).is_ok_and(|m| m.len() > 0)
}

/// A constraint violation as `conflict`, any other error as itself.
fn constraint(e: rusqlite::Error, conflict: impl FnOnce() -> StoreError) -> StoreError {
    match &e {
        rusqlite::Error::SqliteFailure(f, _) if f.code == ErrorCode::ConstraintViolation => {
            conflict()
        }
        _ => error(e),
    }
}

/// A SQLite error as a typed store error.
pub(crate) fn error(e: rusqlite::Error) -> StoreError {
    match e {
        rusqlite::Error::SqliteFailure(f, message) => {
            let detail = message.unwrap_or_else(|| f.to_string());
            match f.code {
                ErrorCode::DiskFull => StoreError::DiskFull { detail },
                ErrorCode::ReadOnly => StoreError::ReadOnly { detail },
                ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => StoreError::Busy { detail },
                ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase => {
                    StoreError::FileCorrupt { detail }
                }
                code => StoreError::Database {
                    code: format!("SQLITE_{code:?} ({})", f.extended_code),
                    detail,
                },
            }
        }
        other => StoreError::Database {
            code: "SQLITE".into(),
            detail: other.to_string(),
        },
    }
}
