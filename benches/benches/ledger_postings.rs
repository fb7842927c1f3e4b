//! In-memory ledger throughput, in postings per second (issue target: at least 2M/s).
//!
//! A ledger with 100 member accounts takes 20,000 requests that all succeed: earns of 60
//! minutes (fund → member) alternating with transfers of 30 minutes between members, each
//! two postings. The requests (keys, operators, times) are built before the clock starts, so
//! the figure is the ledger's own: idempotency check, rules, postings, indexes, journal events.
//!
//! ```text
//! cargo bench -p huzhu-benches --bench ledger_postings
//! ```

#![allow(missing_docs)] // `criterion_group!` generates an undocumented public function.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use huzhu::ledger::{Account, AccountId, Ledger, LedgerPolicy, Operation, TransferRule, TxMeta};
use huzhu::model::{NeedId, VolunteerId};

const ACCOUNTS: u64 = 100;
const REQUESTS: u64 = 20_000;

fn member(n: u64) -> AccountId {
    AccountId::Volunteer(VolunteerId((n % ACCOUNTS) as u32 + 1))
}

/// A fresh ledger with its members open, and the requests to submit.
fn setup() -> (Ledger, Vec<(TxMeta, Operation)>) {
    let policy = LedgerPolicy::default()
        .with_transfer_rule(TransferRule::Anyone)
        .without_cap();
    let mut ledger = Ledger::new(policy).expect("policy");
    for n in 0..ACCOUNTS {
        ledger.open_account(Account::new(member(n))).expect("open");
    }
    let at = NaiveDate::from_ymd_opt(2026, 3, 1)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .expect("date");
    let requests = (0..REQUESTS)
        .map(|i| {
            let meta = TxMeta::new(format!("req-{i}"), "desk:1", at);
            let operation = if i % 2 == 0 {
                Operation::Earn {
                    account: member(i),
                    need: NeedId(1),
                    minutes: 60,
                }
            } else {
                // Moves half of what the previous request earned: never below the floor.
                Operation::Transfer {
                    from: member(i - 1),
                    to: member(i + 7),
                    minutes: 30,
                }
            };
            (meta, operation)
        })
        .collect();
    (ledger, requests)
}

fn postings(c: &mut Criterion) {
    let mut group = c.benchmark_group("ledger");
    group.throughput(Throughput::Elements(2 * REQUESTS));
    group.sample_size(30);
    group.bench_function("submit earns and transfers (postings/s)", |b| {
        b.iter_batched(
            setup,
            |(mut ledger, requests)| {
                for (meta, operation) in requests {
                    black_box(ledger.submit(meta, operation).expect("submit"));
                }
                ledger
            },
            BatchSize::LargeInput,
        );
    });
    group.finish();
}

criterion_group!(benches, postings);
criterion_main!(benches);
