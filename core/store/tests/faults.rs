//! Faults below the ledger: a full disk, a read-only file, a damaged file, a busy lock, a file
//! that is not a store (SQLite), and a lost connection (PostgreSQL). Each is a typed error;
//! nothing acknowledged is lost; the store can still be read.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::Duration;

use common::{Bank, Kind, at, check_invariants, is_worker, open_with_members, request};
use huzhu::ledger::{AccountId, Operation, TxMeta};
use huzhu::model::{NeedId, VolunteerId};
use huzhu_store::{LedgerStore, SqliteOptions, StoreError};

fn earn(n: u32, minutes: i64) -> Operation {
    Operation::Earn {
        account: AccountId::Volunteer(VolunteerId(n)),
        need: NeedId(1),
        minutes,
    }
}

fn page_count(path: &Path) -> u32 {
    let db = rusqlite::Connection::open(path).unwrap();
    db.query_row("PRAGMA page_count", [], |r| r.get(0)).unwrap()
}

#[test]
fn full_disk_is_typed_and_loses_nothing() {
    let bank = Bank::new(Kind::Sqlite, "full");
    let mut store = open_with_members(&bank);
    let mut acknowledged = Vec::new();
    for i in 0..30 {
        let (meta, op) = request(3, 0, i, at());
        if store.submit(meta.clone(), op).is_ok() {
            acknowledged.push(meta.key);
        }
    }
    drop(store);
    // A quota of the pages the file has now: the next page it needs is past it.
    let quota = SqliteOptions::default().max_pages(Some(page_count(&bank.path)));
    let mut store = LedgerStore::open_sqlite_with(&bank.path, None, &quota).unwrap();
    let mut full = None;
    for i in 30..600 {
        let (ledger, head) = (store.ledger().clone(), store.head().clone());
        let (meta, op) = request(3, 0, i, at());
        match store.submit(meta.clone(), op) {
            Ok(_) => acknowledged.push(meta.key),
            Err(StoreError::Ledger(_)) => {}
            Err(e) => {
                assert_eq!(e.code(), "STORE_DISK_FULL", "{e}");
                assert!(!e.is_retryable());
                // Nothing changed in memory: the operation was undone with the commit.
                assert_eq!(store.ledger(), &ledger);
                assert_eq!(store.head(), &head);
                assert_eq!(store.ledger().receipt(&meta.key), None);
                full = Some(meta.key);
                break;
            }
        }
    }
    let refused = full.expect("the quota is reached");
    // Still readable, and consistent.
    assert_eq!(store.ledger().total_balance(), 0);
    assert_eq!(store.refresh().unwrap(), 0);
    let e = store
        .submit_many((0..20).map(|i| request(3, 1, i, at())))
        .unwrap_err();
    assert_eq!(e.code(), "STORE_DISK_FULL", "a group commit fails whole");
    drop(store);
    // Without the quota: everything acknowledged is there, the refused one is not, and the
    // bank takes writes again.
    let reopened = check_invariants(&bank, &acknowledged);
    assert_eq!(reopened.ledger().receipt(&refused), None);
    let mut store = bank.open(None).unwrap();
    store
        .submit(TxMeta::new("after", "desk", at()), earn(1, 30))
        .unwrap();
}

#[test]
fn read_only_connection_refuses_writes_and_reads() {
    let bank = Bank::new(Kind::Sqlite, "ro");
    let mut writer = open_with_members(&bank);
    writer
        .submit(TxMeta::new("e1", "desk", at()), earn(1, 60))
        .unwrap();
    let options = SqliteOptions::default().read_only(true);
    let mut reader = LedgerStore::open_sqlite_with(&bank.path, None, &options).unwrap();
    assert_eq!(reader.ledger(), writer.ledger());
    let head = reader.head().clone();
    let e = reader
        .submit(TxMeta::new("e2", "desk", at()), earn(1, 60))
        .unwrap_err();
    assert_eq!(e.code(), "STORE_READ_ONLY", "{e}");
    assert_eq!(reader.head(), &head);
    // It still follows the writer.
    writer
        .submit(TxMeta::new("e3", "desk", at()), earn(2, 30))
        .unwrap();
    assert_eq!(reader.refresh().unwrap(), 1);
    assert_eq!(reader.ledger(), writer.ledger());
    // A read-only open of a missing file creates nothing.
    let missing = bank.path.with_file_name("missing.sqlite");
    assert!(LedgerStore::open_sqlite_with(&missing, Some(common::policy()), &options).is_err());
    assert!(!missing.exists());
    check_invariants(&bank, &["e1".into(), "e3".into()]);
}

/// Whether file permissions bind this process (not when it is root: root writes a 0444 file).
fn permissions_bind(dir: &Path) -> bool {
    let probe = dir.join("probe");
    std::fs::write(&probe, b"").unwrap();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o444)).unwrap();
    let bind = std::fs::OpenOptions::new()
        .append(true)
        .open(&probe)
        .is_err();
    std::fs::remove_file(&probe).unwrap();
    bind
}

/// A bank file made read-only with chmod 0444, in a directory others may write (0777) and in a
/// read-only one (0555).
/// Root ignores file modes, so as root the check runs in a child process as `nobody` (through
/// `runuser`); where neither binds, it says so and checks nothing.
#[test]
fn read_only_file_refuses_writes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = dir.path().join("bank.sqlite");
    let mut store = LedgerStore::open_sqlite(&path, Some(common::policy())).unwrap();
    store
        .open_account(huzhu::ledger::Account::new(AccountId::Volunteer(
            VolunteerId(1),
        )))
        .unwrap();
    store
        .submit(TxMeta::new("e1", "desk", at()), earn(1, 60))
        .unwrap();
    let head = store.head().clone();
    drop(store);
    let as_nobody = !permissions_bind(dir.path());
    let runuser = Path::new("/usr/sbin/runuser").exists() || Path::new("/sbin/runuser").exists();
    if as_nobody && !runuser {
        eprintln!("file permissions do not bind this user and runuser is missing: not checked");
        return;
    }
    for dir_mode in [0o777, 0o555] {
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(dir_mode)).unwrap();
        let env = [
            ("HUZHU_TEST_PATH", path.display().to_string()),
            ("HUZHU_TEST_HEAD", head.hash.clone()),
        ];
        let outcome = if as_nobody {
            let exe = std::env::current_exe().unwrap();
            let status = std::process::Command::new("runuser")
                .args(["-u", "nobody", "--"])
                .arg(exe)
                .args([
                    "read_only_file_child",
                    "--exact",
                    "--nocapture",
                    "--test-threads=1",
                    "-q",
                ])
                .env("HUZHU_STORE_WORKER", "1")
                .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
                .status()
                .unwrap();
            status.success()
        } else {
            check_read_only_file(&path, &head.hash);
            true
        };
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert!(
            outcome,
            "read-only check failed with directory mode {dir_mode:o}"
        );
    }
    // Writable again: nothing was lost, writes work.
    let mut store = LedgerStore::open_sqlite(&path, None).unwrap();
    assert_eq!(store.head(), &head);
    store
        .submit(TxMeta::new("e2", "desk", at()), earn(1, 30))
        .unwrap();
}

/// What a user who may not write the file sees: the store opens and reads, and every write is
/// refused as read-only.
fn check_read_only_file(path: &Path, head: &str) {
    let mut store = LedgerStore::open_sqlite(path, None).expect("a read-only file still reads");
    assert_eq!(store.head().hash, head);
    assert_eq!(
        store
            .ledger()
            .balance(AccountId::Volunteer(VolunteerId(1)))
            .unwrap(),
        60
    );
    assert_eq!(store.refresh().unwrap(), 0);
    let e = store
        .submit(TxMeta::new("e9", "desk", at()), earn(1, 30))
        .unwrap_err();
    assert_eq!(e.code(), "STORE_READ_ONLY", "{e}");
    assert_eq!(store.head().hash, head);
    assert_eq!(store.ledger().receipt("e9"), None);
    // A sound file needs no mending, so recovery writes nothing and reports it clean.
    assert!(LedgerStore::recover_sqlite(path).unwrap().is_clean());
}

/// The child of [`read_only_file_refuses_writes`], run as `nobody`: a no-op test otherwise.
#[test]
fn read_only_file_child() {
    if !is_worker() {
        return;
    }
    let path = std::env::var("HUZHU_TEST_PATH").unwrap();
    let head = std::env::var("HUZHU_TEST_HEAD").unwrap();
    check_read_only_file(Path::new(&path), &head);
}

#[test]
fn damaged_file_is_typed() {
    let bank = Bank::new(Kind::Sqlite, "damaged");
    drop(open_with_members(&bank));
    // The SQLite header overwritten.
    let mut bytes = std::fs::read(&bank.path).unwrap();
    bytes[..16].copy_from_slice(b"not a database!\0");
    std::fs::write(&bank.path, &bytes).unwrap();
    let e = bank.open(None).unwrap_err();
    assert_eq!(e.code(), "STORE_FILE_CORRUPT", "{e}");
    assert_eq!(
        LedgerStore::recover_sqlite(&bank.path).unwrap_err().code(),
        "STORE_FILE_CORRUPT"
    );
}

#[test]
fn other_database_is_not_a_store() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.sqlite");
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE TABLE residents (id INTEGER PRIMARY KEY)")
        .unwrap();
    let e = LedgerStore::open_sqlite(&path, Some(common::policy())).unwrap_err();
    assert_eq!(
        (e.code(), e.record().as_deref()),
        ("STORE_NOT_A_STORE", Some("schema"))
    );
}

#[test]
fn busy_lock_is_typed_and_retryable() {
    let bank = Bank::new(Kind::Sqlite, "busy");
    drop(open_with_members(&bank));
    let options = SqliteOptions::default().busy_timeout(Duration::from_millis(100));
    let mut store = LedgerStore::open_sqlite_with(&bank.path, None, &options).unwrap();
    let holder = rusqlite::Connection::open(&bank.path).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let e = store
        .submit(TxMeta::new("e1", "desk", at()), earn(1, 60))
        .unwrap_err();
    assert_eq!(e.code(), "STORE_BUSY", "{e}");
    assert!(e.is_retryable());
    holder.execute_batch("ROLLBACK").unwrap();
    store
        .submit(TxMeta::new("e1", "desk", at()), earn(1, 60))
        .unwrap();
    check_invariants(&bank, &["e1".into()]);
}

#[cfg(feature = "postgres-tests")]
#[test]
fn lost_connection_is_typed_and_retry_applies_once() {
    let bank = Bank::new(Kind::Postgres, "lost");
    let mut store = open_with_members(&bank);
    store
        .submit(TxMeta::new("e1", "desk", at()), earn(1, 60))
        .unwrap();
    assert!(
        common::pg_terminate(&bank) >= 1,
        "the store's connection was found"
    );
    let meta = TxMeta::new("e2", "desk", at());
    let e = store.submit(meta.clone(), earn(1, 30)).unwrap_err();
    assert_eq!(e.code(), "STORE_CONNECTION_LOST", "{e}");
    assert!(e.is_retryable());
    assert_eq!(store.ledger().receipt("e2"), None);
    // The next call reconnects; the retry with the same key applies once.
    let first = store.submit(meta.clone(), earn(1, 30)).unwrap();
    assert_eq!(store.submit(meta, earn(1, 30)).unwrap(), first);
    let store = check_invariants(&bank, &["e1".into(), "e2".into()]);
    assert_eq!(
        store
            .ledger()
            .balance(AccountId::Volunteer(VolunteerId(1)))
            .unwrap(),
        90
    );
}

#[cfg(feature = "postgres-tests")]
#[test]
fn banks_share_a_database_without_mixing() {
    let (a, b) = (
        Bank::new(Kind::Postgres, "share-a"),
        Bank::new(Kind::Postgres, "share-b"),
    );
    let mut store_a = open_with_members(&a);
    let mut store_b = b.open(Some(common::policy().with_cap(6000))).unwrap();
    store_a
        .submit(TxMeta::new("e1", "desk", at()), earn(1, 60))
        .unwrap();
    assert_eq!(store_b.refresh().unwrap(), 0);
    assert_eq!(
        store_b.ledger().accounts().count(),
        2,
        "only the fund and the pool"
    );
    check_invariants(&a, &["e1".into()]);
    check_invariants(&b, &[]);
}
