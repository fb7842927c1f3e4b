//! Crash tests: a child process works through 10,000 seeded requests (earns, redeems,
//! transfers and batches of 2–4), printing each key after its commit; the parent kills it with
//! SIGKILL at seeded random moments, round after round, and after each kill reopens the bank:
//! every acknowledged operation is there, no batch is partial, balances sum to zero and equal a
//! replay of the journal — and the ledger equals an uninterrupted in-memory run of the same
//! requests up to where the child got. Then the child resumes where it left off.

mod common;

use std::time::{Duration, Instant};

use common::{
    Bank, ChildRun, Kind, at, check_invariants_with, is_worker, open_with_members, policy, request,
};
use huzhu::ledger::{Account, Ledger};
use huzhu_store::StoreError;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const SEED: u64 = 20_260_301;

on_both_backends!(sigkill_at_random_moments_loses_nothing);

/// Requests and kill rounds per backend. PostgreSQL commits cost a server round trip and an
/// fsync each, so it runs a shorter history to stay within the time budget.
fn plan(kind: Kind) -> (u64, u64) {
    match kind {
        Kind::Sqlite => (10_000, 20),
        Kind::Postgres => (3_000, 10),
    }
}

fn keys(ops: u64) -> Vec<String> {
    (0..ops).map(|i| request(SEED, 0, i, at()).0.key).collect()
}

/// How far the requests got: one past the last request whose key is stored.
fn progress(ledger: &Ledger, keys: &[String]) -> u64 {
    keys.iter()
        .rposition(|k| ledger.receipt(k).is_some())
        .map_or(0, |i| i as u64 + 1)
}

fn sigkill_at_random_moments_loses_nothing(kind: Kind) {
    let (ops, rounds) = plan(kind);
    let started = Instant::now();
    let bank = Bank::new(kind, "crash");
    drop(open_with_members(&bank));
    let keys = keys(ops);
    let mut reference = Ledger::new(policy()).unwrap();
    for id in common::members() {
        reference.open_account(Account::new(id)).unwrap();
    }
    let mut applied = 0;
    let mut acknowledged = Vec::new();
    let mut rng = ChaCha8Rng::seed_from_u64(SEED);
    let per_round = ops / rounds;
    let mut kills = 0;
    let mut checks = Duration::ZERO;
    for round in 0..=rounds {
        let mut env = bank.env();
        env.push(("HUZHU_TEST_OPS", ops.to_string()));
        let mut child = ChildRun::spawn("crash_child_entry_point", &env);
        let last = round == rounds;
        if !last {
            // Kill after a random number of further acknowledgements, a random fraction of
            // an operation later: mid-request, mid-commit, or between two.
            let n = rng.random_range(per_round / 4..=per_round * 3 / 2) as usize;
            if child.wait_for(n) {
                std::thread::sleep(Duration::from_micros(rng.random_range(0..2_000)));
                child.kill();
                kills += 1;
            }
        }
        let (new, exited) = child.finish();
        if last {
            assert!(exited, "the last run completes");
        }
        acknowledged.extend(new);
        let checking = Instant::now();
        let store = check_invariants_with(&bank, &acknowledged, last);
        let done = if last {
            ops
        } else {
            progress(store.ledger(), &keys)
        };
        while applied < done {
            let (meta, operation) = request(SEED, 0, applied, at());
            let _ = reference.submit(meta, operation);
            applied += 1;
        }
        assert_eq!(
            store.ledger(),
            &reference,
            "round {round}: the store equals an uninterrupted run of the first {done} requests"
        );
        checks += checking.elapsed();
    }
    assert!(
        kills >= rounds / 2,
        "most rounds were killed mid-work: {kills}"
    );
    eprintln!(
        "{kind:?}: {ops} requests, {} acknowledged, {kills} kills, {:.1} s ({:.1} s checking)",
        acknowledged.len(),
        started.elapsed().as_secs_f64(),
        checks.as_secs_f64()
    );
}

/// The worker of [`sigkill_at_random_moments_loses_nothing`]: resumes after the last stored
/// request and prints each key after its commit. A no-op test unless started by it.
#[test]
fn crash_child_entry_point() {
    if !is_worker() {
        return;
    }
    let ops: u64 = std::env::var("HUZHU_TEST_OPS").unwrap().parse().unwrap();
    let bank = Bank::from_env();
    let mut store = bank.open(None).expect("the worker opens the bank");
    let start = progress(store.ledger(), &keys(ops));
    for i in start..ops {
        let (meta, operation) = request(SEED, 0, i, at());
        match store.submit(meta.clone(), operation) {
            Ok(_) => println!("ACK {}", meta.key),
            Err(StoreError::Ledger(_)) => {}
            Err(e) => panic!("request {i}: {e}"),
        }
    }
}
