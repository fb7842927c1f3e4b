//! The test harness: one bank on either backend, a seeded workload, child processes, and the
//! invariants every test checks at the end.
//!
//! PostgreSQL tests are compiled with the feature `postgres-tests` only (`make test` turns it
//! on and starts a throw-away cluster); they read the server's URL from `HUZHU_PG_URL` and fail,
//! saying so, when it is missing.

#![allow(dead_code)] // each test binary uses part of the harness

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, channel};

use chrono::{NaiveDate, NaiveDateTime};
use huzhu::ledger::{Account, AccountId, Ledger, LedgerPolicy, Operation, TransferRule, TxMeta};
use huzhu::model::{NeedId, ResidentId, VolunteerId};
use huzhu_store::{LedgerStore, Recovery, SqliteOptions, StoreError};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Which database a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Sqlite,
    Postgres,
}

/// One bank: a SQLite file in a temporary directory, or a uniquely named bank in the
/// PostgreSQL database at `HUZHU_PG_URL`.
pub struct Bank {
    pub kind: Kind,
    /// The SQLite file.
    pub path: PathBuf,
    /// The PostgreSQL URL.
    pub url: String,
    /// The PostgreSQL bank name.
    pub name: String,
    _dir: Option<tempfile::TempDir>,
}

/// The URL of the PostgreSQL server for the tests.
pub fn pg_url() -> String {
    std::env::var("HUZHU_PG_URL").unwrap_or_else(|_| {
        panic!(
            "the PostgreSQL tests (feature `postgres-tests`) need a server: run `make test`, \
             which starts a throw-away cluster, or start one with \
             `eval \"$(scripts/pg-cluster.sh start)\"` (which exports HUZHU_PG_URL), or set \
             HUZHU_PG_URL to a server of your own"
        )
    })
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

impl Bank {
    /// A new, empty bank for test `test`.
    pub fn new(kind: Kind, test: &str) -> Self {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        match kind {
            Kind::Sqlite => {
                let dir = tempfile::tempdir().expect("temp dir");
                Self {
                    kind,
                    path: dir.path().join("bank.sqlite"),
                    url: String::new(),
                    name: String::new(),
                    _dir: Some(dir),
                }
            }
            Kind::Postgres => {
                let nanos = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_nanos());
                Self {
                    kind,
                    path: PathBuf::new(),
                    url: pg_url(),
                    name: format!("{test}-{}-{nanos}-{n}", std::process::id()),
                    _dir: None,
                }
            }
        }
    }

    /// The bank a parent process described in the environment (see [`Bank::env`]).
    pub fn from_env() -> Self {
        let var = |k: &str| std::env::var(k).unwrap_or_default();
        let kind = if var("HUZHU_TEST_KIND") == "postgres" {
            Kind::Postgres
        } else {
            Kind::Sqlite
        };
        Self {
            kind,
            path: PathBuf::from(var("HUZHU_TEST_PATH")),
            url: var("HUZHU_TEST_URL"),
            name: var("HUZHU_TEST_BANK"),
            _dir: None,
        }
    }

    /// The environment that lets a child process open this bank.
    pub fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            (
                "HUZHU_TEST_KIND",
                match self.kind {
                    Kind::Sqlite => "sqlite".into(),
                    Kind::Postgres => "postgres".into(),
                },
            ),
            ("HUZHU_TEST_PATH", self.path.display().to_string()),
            ("HUZHU_TEST_URL", self.url.clone()),
            ("HUZHU_TEST_BANK", self.name.clone()),
        ]
    }

    pub fn open(&self, policy: Option<LedgerPolicy>) -> Result<LedgerStore, StoreError> {
        match self.kind {
            Kind::Sqlite => LedgerStore::open_sqlite(&self.path, policy),
            Kind::Postgres => open_postgres(&self.url, &self.name, policy),
        }
    }

    pub fn recover(&self) -> Result<Recovery, StoreError> {
        match self.kind {
            Kind::Sqlite => LedgerStore::recover_sqlite(&self.path),
            Kind::Postgres => recover_postgres(&self.url, &self.name),
        }
    }

    /// Runs SQL on the bank's tables, outside the store (to tamper with them). `{journal}`,
    /// `{keys}`, `{bank}` and the statements `{meta_version}` (schema version 99),
    /// `{meta_head}` (delete the recorded head) and `{meta_v1}` (make it a version 1 store)
    /// are replaced by the backend's names; SQLite
    /// statements see `AND bank = …` conditions removed.
    pub fn sql(&self, statement: &str) {
        match self.kind {
            Kind::Sqlite => {
                let sql = statement
                    .replace("{journal}", "journal")
                    .replace("{keys}", "keys")
                    .replace("{quarantine}", "quarantine")
                    .replace(
                        "{meta_version}",
                        "UPDATE meta SET value = '99' WHERE name = 'schema_version'",
                    )
                    .replace(
                        "{meta_head}",
                        "DELETE FROM meta WHERE name IN ('head_seq', 'head_hash')",
                    )
                    .replace(
                        "{meta_v1}",
                        "DELETE FROM meta WHERE name IN ('head_seq', 'head_hash');
                         UPDATE meta SET value = '1' WHERE name = 'schema_version'",
                    )
                    .replace(" AND {bank}", "")
                    .replace(" WHERE {bank}", "");
                let db = rusqlite::Connection::open(&self.path).expect("open for SQL");
                db.execute_batch(&sql).expect("tampering SQL");
            }
            Kind::Postgres => pg_sql(self, statement),
        }
    }

    /// The journal rows, read outside the store: (seq, line).
    pub fn rows(&self) -> Vec<(u64, String)> {
        self.query2("SELECT seq, line FROM {journal} WHERE {bank} ORDER BY seq")
            .into_iter()
            .map(|(seq, line)| (u64::try_from(seq).expect("seq"), line))
            .collect()
    }

    /// The key index, read outside the store.
    pub fn keys(&self) -> BTreeMap<String, u64> {
        self.query2("SELECT seq, key FROM {keys} WHERE {bank}")
            .into_iter()
            .map(|(seq, key)| (key, u64::try_from(seq).expect("seq")))
            .collect()
    }

    /// The quarantined rows' sequence numbers.
    pub fn quarantined(&self) -> Vec<u64> {
        self.query2("SELECT seq, reason FROM {quarantine} WHERE {bank} ORDER BY recovery, seq")
            .into_iter()
            .map(|(seq, _)| u64::try_from(seq).expect("seq"))
            .collect()
    }

    fn query2(&self, statement: &str) -> Vec<(i64, String)> {
        match self.kind {
            Kind::Sqlite => {
                let sql = statement
                    .replace("{journal}", "journal")
                    .replace("{keys}", "keys")
                    .replace("{quarantine}", "quarantine")
                    .replace(" WHERE {bank}", "");
                let db = rusqlite::Connection::open(&self.path).expect("open for SQL");
                let mut stmt = db.prepare(&sql).expect("prepare");
                stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                    .expect("query")
                    .collect::<Result<_, _>>()
                    .expect("rows")
            }
            Kind::Postgres => pg_query2(self, statement),
        }
    }
}

#[cfg(feature = "postgres-tests")]
fn open_postgres(
    url: &str,
    bank: &str,
    policy: Option<LedgerPolicy>,
) -> Result<LedgerStore, StoreError> {
    LedgerStore::open_postgres(url, bank, policy)
}

#[cfg(feature = "postgres-tests")]
fn recover_postgres(url: &str, bank: &str) -> Result<Recovery, StoreError> {
    LedgerStore::recover_postgres(url, bank)
}

#[cfg(feature = "postgres-tests")]
fn pg_client(bank: &Bank) -> postgres::Client {
    postgres::Client::connect(&bank.url, postgres::NoTls).expect("connect to HUZHU_PG_URL")
}

#[cfg(feature = "postgres-tests")]
fn pg_text(bank: &Bank, statement: &str) -> String {
    let quoted = format!("'{}'", bank.name.replace('\'', "''"));
    statement
        .replace("{journal}", "huzhu_journal")
        .replace("{keys}", "huzhu_keys")
        .replace("{quarantine}", "huzhu_quarantine")
        .replace(
            "{meta_version}",
            &format!("UPDATE huzhu_banks SET schema_version = 99 WHERE bank = {quoted}"),
        )
        .replace(
            "{meta_head}",
            &format!(
                "UPDATE huzhu_banks SET head_seq = NULL, head_hash = NULL WHERE bank = {quoted}"
            ),
        )
        .replace(
            "{meta_v1}",
            &format!(
                "UPDATE huzhu_banks SET head_seq = NULL, head_hash = NULL, schema_version = 1
                 WHERE bank = {quoted}"
            ),
        )
        .replace("{bank}", &format!("bank = {quoted}"))
}

#[cfg(feature = "postgres-tests")]
fn pg_sql(bank: &Bank, statement: &str) {
    pg_client(bank)
        .batch_execute(&pg_text(bank, statement))
        .expect("tampering SQL");
}

#[cfg(feature = "postgres-tests")]
fn pg_query2(bank: &Bank, statement: &str) -> Vec<(i64, String)> {
    pg_client(bank)
        .query(&pg_text(bank, statement), &[])
        .expect("query")
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect()
}

/// Terminates the server connections of `bank`'s stores (to test a lost connection).
#[cfg(feature = "postgres-tests")]
pub fn pg_terminate(bank: &Bank) -> u64 {
    let mut client = pg_client(bank);
    let name = format!("huzhu-store:{}", bank.name);
    let name: String = name.chars().take(63).collect();
    client
        .query(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1",
            &[&name],
        )
        .expect("terminate")
        .len() as u64
}

#[cfg(not(feature = "postgres-tests"))]
fn open_postgres(_: &str, _: &str, _: Option<LedgerPolicy>) -> Result<LedgerStore, StoreError> {
    unreachable!("PostgreSQL tests need the feature postgres-tests")
}

#[cfg(not(feature = "postgres-tests"))]
fn recover_postgres(_: &str, _: &str) -> Result<Recovery, StoreError> {
    unreachable!("PostgreSQL tests need the feature postgres-tests")
}

#[cfg(not(feature = "postgres-tests"))]
fn pg_sql(_: &Bank, _: &str) {
    unreachable!("PostgreSQL tests need the feature postgres-tests")
}

#[cfg(not(feature = "postgres-tests"))]
fn pg_query2(_: &Bank, _: &str) -> Vec<(i64, String)> {
    unreachable!("PostgreSQL tests need the feature postgres-tests")
}

/// Generates `#[test]` functions running each named test on SQLite and, with the feature
/// `postgres-tests`, on PostgreSQL. Each test is `fn name(kind: Kind)`.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[test]
                fn $name() {
                    super::$name(super::common::Kind::Sqlite);
                }
            )*
        }
        #[cfg(feature = "postgres-tests")]
        mod postgres {
            $(
                #[test]
                fn $name() {
                    super::$name(super::common::Kind::Postgres);
                }
            )*
        }
    };
}

/// 9:00 on 1 March 2026.
pub fn at() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 3, 1)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .expect("date")
}

/// The workload's policy: transfers to anyone, no cap.
pub fn policy() -> LedgerPolicy {
    LedgerPolicy::default()
        .with_transfer_rule(TransferRule::Anyone)
        .without_cap()
}

/// The workload's members: volunteers 1–6 and residents 1–3.
pub fn members() -> Vec<AccountId> {
    (1..=6)
        .map(|n| AccountId::Volunteer(VolunteerId(n)))
        .chain((1..=3).map(|n| AccountId::Resident(ResidentId(n))))
        .collect()
}

/// A new bank under [`policy`] with [`members`] open.
pub fn open_with_members(bank: &Bank) -> LedgerStore {
    let mut store = bank.open(Some(policy())).expect("open");
    for id in members() {
        store.open_account(Account::new(id)).expect("open account");
    }
    store
}

/// The seeded workload: request `i` of writer `writer` (earns, redeems, transfers and batches
/// of 2–4 of them), at `at(i)`.
pub fn request(seed: u64, writer: u32, i: u64, at: NaiveDateTime) -> (TxMeta, Operation) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ (u64::from(writer) << 40) ^ i);
    let members = members();
    let single = |rng: &mut ChaCha8Rng| {
        let a = members[rng.random_range(0..members.len())];
        match rng.random_range(0..10) {
            0..=3 => Operation::Earn {
                account: a,
                need: NeedId(rng.random_range(1..50)),
                minutes: rng.random_range(10..=120),
            },
            4..=6 => Operation::Redeem {
                account: a,
                minutes: rng.random_range(10..=100),
                need: None,
            },
            _ => {
                let mut b = members[rng.random_range(0..members.len())];
                if b == a {
                    b = members
                        [(members.iter().position(|m| *m == a).unwrap_or(0) + 1) % members.len()];
                }
                Operation::Transfer {
                    from: a,
                    to: b,
                    minutes: rng.random_range(5..=60),
                }
            }
        }
    };
    let (kind, operation) = if rng.random_range(0..100) < 15 {
        let n = rng.random_range(2..=4);
        (
            "b",
            Operation::Batch {
                operations: (0..n).map(|_| single(&mut rng)).collect(),
            },
        )
    } else {
        ("s", single(&mut rng))
    };
    (
        TxMeta::new(
            format!("w{writer}-{kind}{i:05}"),
            format!("desk:{writer}"),
            at,
        ),
        operation,
    )
}

/// Checks what every test ends with, on a fresh store opened from the database: the whole
/// journal verifies; it replays (outside the store) to the same ledger; balances sum to zero in
/// each unit and equal their postings; every acknowledged key is present, with its receipt;
/// every key is on exactly one line and in the key index once; every batch posted whole.
pub fn check_invariants(bank: &Bank, acknowledged: &[String]) -> LedgerStore {
    check_invariants_with(bank, acknowledged, true)
}

/// [`check_invariants`], the replay and the key count outside the store only if `replay`
/// (opening the store replays the journal and checks the key index against its lines too; the
/// crash test compares with an uninterrupted run instead each round, and does all at the end).
pub fn check_invariants_with(bank: &Bank, acknowledged: &[String], replay: bool) -> LedgerStore {
    let store = bank.open(None).expect("reopen");
    let ledger = store.ledger();
    let rows = if replay { bank.rows() } else { Vec::new() };
    if replay {
        let (replayed, head) =
            Ledger::from_journal_lines(rows.iter().map(|(_, l)| l.as_str())).expect("replay");
        assert_eq!(
            &replayed, ledger,
            "the journal replays to the store's ledger"
        );
        assert_eq!(&head, store.head());
    }
    assert_eq!(ledger.total_balance(), 0, "minutes sum to zero");
    assert_eq!(ledger.total_points(), 0, "points sum to zero");
    assert!(ledger.verify_balances(), "balances equal their postings");
    for key in acknowledged {
        assert!(
            ledger.receipt(key).is_some(),
            "acknowledged {key} is stored"
        );
    }
    if replay {
        let mut lines_per_key: BTreeMap<String, u64> = BTreeMap::new();
        for (seq, line) in &rows {
            let value: serde_json::Value = serde_json::from_str(line).expect("json line");
            if value["entry"]["type"] == "submit" {
                let key = value["entry"]["key"].as_str().expect("key").to_owned();
                assert!(
                    lines_per_key.insert(key.clone(), *seq).is_none(),
                    "{key} on two lines"
                );
            }
        }
        assert_eq!(
            bank.keys(),
            lines_per_key,
            "the key index holds each key once, at its line"
        );
    }
    for tx in ledger.transactions() {
        if let Operation::Batch { operations } = &tx.operation {
            assert!(
                tx.postings.len() >= 2 * operations.len(),
                "batch {} posted whole",
                tx.meta.key
            );
        }
    }
    store
}

/// A running child process of this test binary, and its acknowledged keys as it prints them
/// (`ACK <key>`, each after its commit).
pub struct ChildRun {
    pub child: Child,
    lines: Receiver<String>,
    acknowledged: Vec<String>,
}

impl ChildRun {
    /// Starts this test binary's test `entry` with `env` (the worker reads its orders there).
    pub fn spawn(entry: &str, env: &[(&str, String)]) -> Self {
        let exe = std::env::current_exe().expect("test binary");
        let mut command = Command::new(exe);
        command
            .args([entry, "--exact", "--nocapture", "--test-threads=1", "-q"])
            .env("HUZHU_STORE_WORKER", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        for (k, v) in env {
            command.env(k, v);
        }
        let mut child = command.spawn().expect("spawn worker");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(key) = line.strip_prefix("ACK ")
                    && tx.send(key.to_owned()).is_err()
                {
                    break;
                }
            }
        });
        Self {
            child,
            lines,
            acknowledged: Vec::new(),
        }
    }

    /// Waits until the child has acknowledged `n` keys in all; false if it ended before.
    pub fn wait_for(&mut self, n: usize) -> bool {
        while self.acknowledged.len() < n {
            match self.lines.recv() {
                Ok(key) => self.acknowledged.push(key),
                Err(_) => return false,
            }
        }
        true
    }

    /// Kills the child with SIGKILL.
    pub fn kill(&mut self) {
        self.child.kill().expect("SIGKILL");
    }

    /// Waits for the child to end (or be killed); returns every key it acknowledged and
    /// whether it exited successfully.
    pub fn finish(mut self) -> (Vec<String>, bool) {
        let ok = self.child.wait().is_ok_and(|s| s.success());
        self.acknowledged.extend(self.lines.iter());
        (self.acknowledged, ok)
    }
}

/// Whether this process is a worker started by [`ChildRun::spawn`].
pub fn is_worker() -> bool {
    std::env::var_os("HUZHU_STORE_WORKER").is_some()
}

/// Submits with retries on retryable errors (a busy lock, a lost connection).
pub fn submit_retrying(
    store: &mut LedgerStore,
    meta: &TxMeta,
    operation: &Operation,
) -> Result<huzhu::ledger::Receipt, StoreError> {
    let mut tries = 0;
    loop {
        match store.submit(meta.clone(), operation.clone()) {
            Err(e) if e.is_retryable() && tries < 50 => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            other => return other,
        }
    }
}

/// SQLite options opening the file read-only.
pub fn read_only() -> SqliteOptions {
    SqliteOptions::default().read_only(true)
}
