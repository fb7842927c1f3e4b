//! The shared backend: many banks in one PostgreSQL database, many writers per bank.
//!
//! Schema (version 2: the bank's row records the journal's head), created if missing under a transaction-scoped advisory lock:
//!
//! ```sql
//! CREATE TABLE huzhu_banks (bank TEXT PRIMARY KEY, format TEXT NOT NULL,
//!                           schema_version INTEGER NOT NULL,
//!                           head_seq BIGINT, head_hash TEXT);
//! CREATE TABLE huzhu_journal (bank TEXT NOT NULL, seq BIGINT NOT NULL CHECK (seq >= 0),
//!                             hash TEXT NOT NULL, line TEXT NOT NULL, PRIMARY KEY (bank, seq));
//! CREATE TABLE huzhu_keys (bank TEXT NOT NULL, key TEXT NOT NULL, seq BIGINT NOT NULL,
//!                          PRIMARY KEY (bank, key));
//! CREATE TABLE huzhu_quarantine (bank TEXT NOT NULL, recovery INTEGER NOT NULL,
//!                                seq BIGINT NOT NULL, hash TEXT NOT NULL, line TEXT NOT NULL,
//!                                reason TEXT NOT NULL, PRIMARY KEY (bank, recovery, seq));
//! ```
//!
//! A writer locks its bank's row in `huzhu_banks` (`SELECT … FOR UPDATE`), so writers to one
//! bank queue while other banks proceed. Transactions run at `READ COMMITTED`: after the lock
//! is granted, the next statement sees every line committed before.

use huzhu::ledger::{JournalHead, JournalLine};
use postgres::error::SqlState;
use postgres::{Client, Config, NoTls};

use crate::backend::{Backend, Meta, Mode, SCHEMA_VERSION, STORE_FORMAT, to_i64, to_u64};
use crate::chain::Row;
use crate::error::StoreError;

/// The advisory lock key under which stores are created ("huzhu" and 1).
const CREATE_LOCK: i64 = 0x6875_7a68_7500_0001;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS huzhu_banks (bank TEXT PRIMARY KEY, format TEXT NOT NULL,
                                        schema_version INTEGER NOT NULL,
                                        head_seq BIGINT, head_hash TEXT);
ALTER TABLE huzhu_banks ADD COLUMN IF NOT EXISTS head_seq BIGINT,
                        ADD COLUMN IF NOT EXISTS head_hash TEXT;
CREATE TABLE IF NOT EXISTS huzhu_journal (bank TEXT NOT NULL, seq BIGINT NOT NULL CHECK (seq >= 0),
                                          hash TEXT NOT NULL, line TEXT NOT NULL,
                                          PRIMARY KEY (bank, seq));
CREATE TABLE IF NOT EXISTS huzhu_keys (bank TEXT NOT NULL, key TEXT NOT NULL, seq BIGINT NOT NULL,
                                       PRIMARY KEY (bank, key));
CREATE TABLE IF NOT EXISTS huzhu_quarantine (bank TEXT NOT NULL, recovery INTEGER NOT NULL,
                                             seq BIGINT NOT NULL, hash TEXT NOT NULL,
                                             line TEXT NOT NULL, reason TEXT NOT NULL,
                                             PRIMARY KEY (bank, recovery, seq));
";

pub(crate) struct Postgres {
    client: Client,
    config: Config,
    bank: String,
    /// A statement failed for a lost connection that the client may not have noticed closing
    /// yet (the server's termination notice races the next statement): reconnect next time.
    lost: bool,
}

impl Postgres {
    pub(crate) fn connect(url: &str, bank: &str) -> Result<Self, StoreError> {
        let mut config: Config =
            url.parse()
                .map_err(|e: postgres::Error| StoreError::Database {
                    code: "URL".into(),
                    detail: e.to_string(),
                })?;
        if config.get_application_name().is_none() {
            config.application_name(&format!("huzhu-store:{bank}"));
        }
        let client = config.connect(NoTls).map_err(error)?;
        Ok(Self {
            client,
            config,
            bank: bank.to_owned(),
            lost: false,
        })
    }

    fn exec(&mut self, sql: &str) -> Result<(), StoreError> {
        self.client.batch_execute(sql).map_err(error)
    }

    /// Begins a transaction on the current connection.
    fn begin_on_client(&mut self, mode: Mode) -> Result<(), StoreError> {
        match mode {
            Mode::Read => self.exec("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"),
            Mode::Write => {
                self.exec("BEGIN")?;
                let locked = self
                    .client
                    .query_opt(
                        "SELECT 1 FROM huzhu_banks WHERE bank = $1 FOR UPDATE",
                        &[&self.bank],
                    )
                    .map_err(error);
                match locked {
                    Ok(Some(_)) => Ok(()),
                    Ok(None) => Err(StoreError::NotAStore {
                        found: format!("no bank '{}' in the database", self.bank),
                    }),
                    Err(e) => Err(e),
                }
                .inspect_err(|_| self.rollback())
            }
            Mode::Create => {
                self.exec("BEGIN")?;
                let created = self
                    .client
                    .execute("SELECT pg_advisory_xact_lock($1)", &[&CREATE_LOCK])
                    .map_err(error)
                    .and_then(|_| self.exec(SCHEMA));
                created.inspect_err(|_| self.rollback())
            }
        }
    }

    /// Remembers a lost connection, so that the next transaction reconnects.
    fn note<T>(&mut self, result: Result<T, StoreError>) -> Result<T, StoreError> {
        if matches!(result, Err(StoreError::ConnectionLost { .. })) {
            self.lost = true;
        }
        result
    }
}

impl Backend for Postgres {
    fn location(&self) -> String {
        format!("postgres bank '{}'", self.bank)
    }

    fn begin(&mut self, mode: Mode) -> Result<(), StoreError> {
        if self.client.is_closed() || self.lost {
            self.client = self.config.connect(NoTls).map_err(error)?;
            self.lost = false;
        }
        let begun = self.begin_on_client(mode);
        self.note(begun)
    }
    fn meta(&mut self) -> Result<Option<Meta>, StoreError> {
        let exists: bool = self
            .client
            .query_one("SELECT to_regclass('huzhu_banks') IS NOT NULL", &[])
            .map_err(error)?
            .get(0);
        if !exists {
            return Ok(None);
        }
        let row = self
            .client
            .query_opt(
                "SELECT format, schema_version, head_seq, head_hash FROM huzhu_banks
                 WHERE bank = $1",
                &[&self.bank],
            )
            .map_err(error)?;
        Ok(row.map(|r| Meta {
            format: r.get(0),
            version: u32::try_from(r.get::<_, i32>(1)).unwrap_or(u32::MAX),
            head: match (r.get::<_, Option<i64>>(2), r.get::<_, Option<String>>(3)) {
                (Some(seq), Some(hash)) => Some(JournalHead {
                    seq: to_u64(seq),
                    hash,
                }),
                _ => None,
            },
        }))
    }

    fn create(&mut self, header: &[JournalLine]) -> Result<(), StoreError> {
        let version = i32::try_from(SCHEMA_VERSION).unwrap_or(i32::MAX);
        self.client
            .execute(
                "INSERT INTO huzhu_banks (bank, format, schema_version) VALUES ($1, $2, $3)",
                &[&self.bank, &STORE_FORMAT, &version],
            )
            .map_err(error)?;
        self.append(header, &[])
    }

    fn rows_from(&mut self, seq: u64) -> Result<Vec<Row>, StoreError> {
        let rows = self
            .client
            .query(
                "SELECT seq, hash, line FROM huzhu_journal WHERE bank = $1 AND seq >= $2
                 ORDER BY seq",
                &[&self.bank, &to_i64(seq)],
            )
            .map_err(error)?;
        Ok(rows
            .iter()
            .map(|r| Row {
                seq: to_u64(r.get(0)),
                hash: r.get(1),
                line: r.get(2),
            })
            .collect())
    }

    fn keys(&mut self) -> Result<Vec<(String, u64)>, StoreError> {
        let rows = self
            .client
            .query(
                "SELECT key, seq FROM huzhu_keys WHERE bank = $1",
                &[&self.bank],
            )
            .map_err(error)?;
        Ok(rows.iter().map(|r| (r.get(0), to_u64(r.get(1)))).collect())
    }

    fn append(&mut self, lines: &[JournalLine], keys: &[(String, u64)]) -> Result<(), StoreError> {
        if !lines.is_empty() {
            let seqs: Vec<i64> = lines.iter().map(|l| to_i64(l.seq)).collect();
            let hashes: Vec<&str> = lines.iter().map(|l| l.hash.as_str()).collect();
            let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
            self.client
                .execute(
                    "INSERT INTO huzhu_journal (bank, seq, hash, line)
                     SELECT $1, s, h, l FROM UNNEST($2::bigint[], $3::text[], $4::text[])
                         AS t(s, h, l)",
                    &[&self.bank, &seqs, &hashes, &texts],
                )
                .map_err(|e| unique(e, || StoreError::Conflict { seq: lines[0].seq }))?;
        }
        if !keys.is_empty() {
            let names: Vec<&str> = keys.iter().map(|(k, _)| k.as_str()).collect();
            let seqs: Vec<i64> = keys.iter().map(|(_, s)| to_i64(*s)).collect();
            self.client
                .execute(
                    "INSERT INTO huzhu_keys (bank, key, seq)
                     SELECT $1, k, s FROM UNNEST($2::text[], $3::bigint[]) AS t(k, s)",
                    &[&self.bank, &names, &seqs],
                )
                .map_err(|e| {
                    unique(e, || StoreError::KeyIndex {
                        key: keys[0].0.clone(),
                        seq: Some(keys[0].1),
                    })
                })?;
        }
        Ok(())
    }

    fn set_head(&mut self, head: &JournalHead) -> Result<(), StoreError> {
        let version = i32::try_from(SCHEMA_VERSION).unwrap_or(i32::MAX);
        self.client
            .execute(
                "UPDATE huzhu_banks SET head_seq = $2, head_hash = $3, schema_version = $4
                 WHERE bank = $1",
                &[&self.bank, &to_i64(head.seq), &head.hash, &version],
            )
            .map(drop)
            .map_err(error)
    }

    fn quarantine(&mut self, seq: u64, reason: &str) -> Result<Vec<u64>, StoreError> {
        let dropped: Vec<u64> = self.rows_from(seq)?.into_iter().map(|r| r.seq).collect();
        self.client
            .execute(
                "INSERT INTO huzhu_quarantine (bank, recovery, seq, hash, line, reason)
                 SELECT bank,
                        (SELECT COALESCE(MAX(recovery), 0) + 1 FROM huzhu_quarantine
                         WHERE bank = $1),
                        seq, hash, line, $2
                 FROM huzhu_journal WHERE bank = $1 AND seq >= $3",
                &[&self.bank, &reason, &to_i64(seq)],
            )
            .map_err(error)?;
        self.client
            .execute(
                "DELETE FROM huzhu_journal WHERE bank = $1 AND seq >= $2",
                &[&self.bank, &to_i64(seq)],
            )
            .map_err(error)?;
        Ok(dropped)
    }

    fn replace_keys(&mut self, keys: &[(String, u64)]) -> Result<(), StoreError> {
        self.client
            .execute("DELETE FROM huzhu_keys WHERE bank = $1", &[&self.bank])
            .map_err(error)?;
        self.append(&[], keys)
    }

    fn commit(&mut self) -> Result<(), StoreError> {
        let result = self.exec("COMMIT");
        let result = self.note(result);
        if result.is_err() {
            self.rollback();
        }
        result
    }

    fn rollback(&mut self) {
        if !self.client.is_closed() {
            // Outside a transaction PostgreSQL only warns; a lost connection rolls back.
            let result = self.exec("ROLLBACK");
            let _ = self.note(result);
        }
    }
}

/// A unique violation as `conflict`, any other error as itself.
fn unique(e: postgres::Error, conflict: impl FnOnce() -> StoreError) -> StoreError {
    if e.code() == Some(&SqlState::UNIQUE_VIOLATION) {
        conflict()
    } else {
        error(e)
    }
}

/// A PostgreSQL error as a typed store error.
#[allow(clippy::needless_pass_by_value)] // the shape `map_err` wants
pub(crate) fn error(e: postgres::Error) -> StoreError {
    let detail = e
        .as_db_error()
        .map_or_else(|| e.to_string(), |d| d.message().to_owned());
    if e.is_closed() {
        return StoreError::ConnectionLost { detail };
    }
    let Some(code) = e.code() else {
        // No SQLSTATE: the server could not be reached or the stream broke.
        return StoreError::ConnectionLost { detail };
    };
    match code {
        c if *c == SqlState::DISK_FULL => StoreError::DiskFull { detail },
        c if *c == SqlState::READ_ONLY_SQL_TRANSACTION => StoreError::ReadOnly { detail },
        c if *c == SqlState::LOCK_NOT_AVAILABLE
            || *c == SqlState::T_R_DEADLOCK_DETECTED
            || *c == SqlState::T_R_SERIALIZATION_FAILURE =>
        {
            StoreError::Busy { detail }
        }
        c if *c == SqlState::ADMIN_SHUTDOWN
            || *c == SqlState::CRASH_SHUTDOWN
            || *c == SqlState::CANNOT_CONNECT_NOW
            || *c == SqlState::IDLE_SESSION_TIMEOUT
            || *c == SqlState::CONNECTION_FAILURE =>
        {
            StoreError::ConnectionLost { detail }
        }
        c => StoreError::Database {
            code: c.code().to_owned(),
            detail,
        },
    }
}
