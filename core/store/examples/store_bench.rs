//! Throughput of the durable ledger, printed as a table (a measurement, not a timed test):
//! in-memory postings, SQLite with a commit per operation (FULL and NORMAL sync) and with
//! group commits, opening (verifying and replaying) a journal, and PostgreSQL with one and
//! several writer threads when `HUZHU_PG_URL` is set.
//!
//! ```text
//! cargo run --release -p huzhu-store --example store_bench
//! cargo run --release -p huzhu-store --example store_bench -- memory 1000000
//! HUZHU_PG_URL=postgresql://postgres@127.0.0.1:5432/huzhu cargo run --release -p huzhu-store --example store_bench
//! ```

use std::time::Instant;

use chrono::{NaiveDate, NaiveDateTime};
use huzhu::ledger::{Account, AccountId, Ledger, LedgerPolicy, Operation, TransferRule, TxMeta};
use huzhu::model::{NeedId, VolunteerId};
use huzhu_store::{LedgerStore, SqliteOptions, SqliteSync};

const ACCOUNTS: u32 = 100;

fn at() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 3, 1)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .expect("date")
}

fn policy() -> LedgerPolicy {
    LedgerPolicy::default()
        .with_transfer_rule(TransferRule::Anyone)
        .without_cap()
}

fn account(n: u64) -> AccountId {
    AccountId::Volunteer(VolunteerId((n % u64::from(ACCOUNTS)) as u32 + 1))
}

/// Request `i` of writer `w`: earns and transfers that never fail (each transfer moves less
/// than its sender has earned before).
fn request(w: u64, i: u64) -> (TxMeta, Operation) {
    let meta = TxMeta::new(format!("w{w}-{i}"), format!("desk:{w}"), at());
    let operation = if i.is_multiple_of(2) {
        Operation::Earn {
            account: account(i),
            need: NeedId(1),
            minutes: 60,
        }
    } else {
        Operation::Transfer {
            from: account(i - 1),
            to: account(i + 7),
            minutes: 30,
        }
    };
    (meta, operation)
}

struct Row {
    what: String,
    ops: u64,
    postings: u64,
    seconds: f64,
}

fn print(rows: &[Row]) {
    println!(
        "| {:<50} | {:>8} | {:>9} | {:>8} | {:>11} | {:>12} |",
        "measure", "ops", "postings", "seconds", "ops/s", "postings/s"
    );
    println!(
        "|{:-<52}|{:->10}|{:->11}|{:->10}|{:->13}|{:->14}|",
        "", "", "", "", "", ""
    );
    for r in rows {
        println!(
            "| {:<50} | {:>8} | {:>9} | {:>8.3} | {:>11.0} | {:>12.0} |",
            r.what,
            r.ops,
            r.postings,
            r.seconds,
            r.ops as f64 / r.seconds,
            r.postings as f64 / r.seconds
        );
    }
}

fn members(ledger: &mut Ledger) {
    for n in 1..=ACCOUNTS {
        ledger
            .open_account(Account::new(AccountId::Volunteer(VolunteerId(n))))
            .expect("open");
    }
}

fn postings(ledger: &Ledger) -> u64 {
    ledger
        .transactions()
        .iter()
        .map(|t| t.postings.len() as u64)
        .sum()
}

fn in_memory(ops: u64) -> Row {
    let mut ledger = Ledger::new(policy()).expect("policy");
    members(&mut ledger);
    let start = Instant::now();
    for i in 0..ops {
        let (meta, op) = request(0, i);
        ledger.submit(meta, op).expect("submit");
    }
    Row {
        what: "in memory (Ledger::submit)".into(),
        ops,
        postings: postings(&ledger),
        seconds: start.elapsed().as_secs_f64(),
    }
}

fn new_sqlite(dir: &std::path::Path, name: &str, sync: SqliteSync) -> LedgerStore {
    let options = SqliteOptions::default().sync(sync);
    let mut store =
        LedgerStore::open_sqlite_with(dir.join(name), Some(policy()), &options).expect("open");
    for n in 1..=ACCOUNTS {
        store
            .open_account(Account::new(AccountId::Volunteer(VolunteerId(n))))
            .expect("open account");
    }
    store
}

fn sqlite_per_op(dir: &std::path::Path, ops: u64, sync: SqliteSync) -> Row {
    let mut store = new_sqlite(dir, &format!("per-op-{sync:?}.sqlite"), sync);
    let before = postings(store.ledger());
    let start = Instant::now();
    for i in 0..ops {
        let (meta, op) = request(0, i);
        store.submit(meta, op).expect("submit");
    }
    Row {
        what: format!("SQLite, a commit per operation ({sync:?} sync)"),
        ops,
        postings: postings(store.ledger()) - before,
        seconds: start.elapsed().as_secs_f64(),
    }
}

fn sqlite_grouped(dir: &std::path::Path, ops: u64, group: u64) -> (Row, std::path::PathBuf) {
    let mut store = new_sqlite(dir, "grouped.sqlite", SqliteSync::Full);
    let before = postings(store.ledger());
    let start = Instant::now();
    let mut i = 0;
    while i < ops {
        let results = store
            .submit_many((i..(i + group).min(ops)).map(|j| request(0, j)))
            .expect("commit");
        assert!(results.iter().all(Result::is_ok));
        i += group;
    }
    let row = Row {
        what: format!("SQLite, {group} operations per commit (submit_many)"),
        ops,
        postings: postings(store.ledger()) - before,
        seconds: start.elapsed().as_secs_f64(),
    };
    (row, dir.join("grouped.sqlite"))
}

fn sqlite_open(path: &std::path::Path) -> Row {
    let start = Instant::now();
    let store = LedgerStore::open_sqlite(path, None).expect("open");
    Row {
        what: "SQLite open: verify and replay the journal".into(),
        ops: store.head().seq,
        postings: postings(store.ledger()),
        seconds: start.elapsed().as_secs_f64(),
    }
}

#[cfg(feature = "postgres")]
fn postgres(
    url: &str,
    writers: u64,
    ops_each: u64,
    group: u64,
) -> Result<Row, huzhu_store::StoreError> {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let bank = format!("bench-{writers}-{group}-{nanos}");
    let mut store = LedgerStore::open_postgres(url, &bank, Some(policy()))?;
    for n in 1..=ACCOUNTS {
        store.open_account(Account::new(AccountId::Volunteer(VolunteerId(n))))?;
    }
    let before = postings(store.ledger());
    let start = Instant::now();
    let handles: Vec<_> = (0..writers)
        .map(|w| {
            let (url, bank) = (url.to_owned(), bank.clone());
            std::thread::spawn(move || -> Result<(), huzhu_store::StoreError> {
                let mut store = LedgerStore::open_postgres(&url, &bank, None)?;
                let mut i = 0;
                while i < ops_each {
                    if group == 1 {
                        let (meta, op) = request(w, i);
                        store.submit(meta, op)?;
                    } else {
                        store.submit_many((i..(i + group).min(ops_each)).map(|j| request(w, j)))?;
                    }
                    i += group;
                }
                Ok(())
            })
        })
        .collect();
    for h in handles {
        h.join().expect("writer")?;
    }
    let seconds = start.elapsed().as_secs_f64();
    store.refresh()?;
    let what = if group == 1 {
        format!("PostgreSQL, {writers} writer(s), a commit per operation")
    } else {
        format!("PostgreSQL, {writers} writer(s), {group} per commit")
    };
    Ok(Row {
        what,
        ops: writers * ops_each,
        postings: postings(store.ledger()) - before,
        seconds,
    })
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // `store_bench memory [ops]`: only the in-memory row (for profiling the ledger itself).
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("memory") {
        let ops = args.get(1).map_or(Ok(1_000_000), |n| n.parse())?;
        print(&[in_memory(ops)]);
        return Ok(());
    }
    let dir = tempfile::tempdir()?;
    let mut rows = vec![in_memory(200_000)];
    rows.push(sqlite_per_op(dir.path(), 2_000, SqliteSync::Full));
    rows.push(sqlite_per_op(dir.path(), 2_000, SqliteSync::Normal));
    let (grouped, path) = sqlite_grouped(dir.path(), 50_000, 100);
    rows.push(grouped);
    rows.push(sqlite_open(&path));
    #[cfg(feature = "postgres")]
    match std::env::var("HUZHU_PG_URL") {
        Ok(url) => {
            rows.push(postgres(&url, 1, 1_000, 1)?);
            rows.push(postgres(&url, 4, 500, 1)?);
            rows.push(postgres(&url, 4, 5_000, 100)?);
        }
        Err(_) => eprintln!("HUZHU_PG_URL is not set: no PostgreSQL rows"),
    }
    print(&rows);
    Ok(())
}
