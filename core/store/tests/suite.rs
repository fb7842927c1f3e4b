//! The store's behaviour, the same on SQLite and PostgreSQL: durability across reopening,
//! idempotency, rejection, tampering and recovery, schema versions, and writers racing from
//! several threads and processes.

mod common;

use std::sync::{Arc, Barrier};

use common::{
    Bank, ChildRun, Kind, at, check_invariants, is_worker, members, open_with_members, policy,
    request, submit_retrying,
};
use huzhu::ledger::{Account, AccountId, LedgerPolicy, Operation, Receipt, TxMeta};
use huzhu::model::{NeedId, VolunteerId};
use huzhu_store::StoreError;

on_both_backends!(
    reopen_keeps_every_acknowledged_operation,
    policy_is_stored_and_checked,
    same_key_returns_the_first_receipt,
    rejected_operation_writes_nothing,
    approvals_are_stored,
    submit_many_commits_together,
    transact_commits_all_or_nothing,
    readers_catch_up,
    edited_line_is_named_and_recovered,
    deleted_row_is_named_and_recovered,
    deleted_tail_is_named_and_recovered,
    deleted_head_record_is_named,
    version_1_store_opens_and_records_its_head,
    reordered_rows_are_named,
    key_index_tampering_is_named_and_rebuilt,
    broken_header_cannot_be_recovered,
    newer_schema_is_refused,
    threads_interleave_without_loss,
    double_spend_race_is_refused,
    same_key_race_posts_once,
    two_processes_interleave_without_loss,
);

fn v(n: u32) -> AccountId {
    AccountId::Volunteer(VolunteerId(n))
}

fn earn(account: AccountId, minutes: i64) -> Operation {
    Operation::Earn {
        account,
        need: NeedId(1),
        minutes,
    }
}

fn redeem(account: AccountId, minutes: i64) -> Operation {
    Operation::Redeem {
        account,
        minutes,
        need: None,
    }
}

/// A bank with a short history: accounts, earns, a redeem, a transfer, a batch, a rejection.
fn short_history(bank: &Bank) -> (huzhu_store::LedgerStore, Vec<String>) {
    let mut store = open_with_members(bank);
    let mut keys = Vec::new();
    for i in 0..40 {
        let (meta, op) = request(7, 0, i, at());
        if store.submit(meta.clone(), op).is_ok() {
            keys.push(meta.key);
        }
    }
    (store, keys)
}

fn reopen_keeps_every_acknowledged_operation(kind: Kind) {
    let bank = Bank::new(kind, "reopen");
    let (store, keys) = short_history(&bank);
    assert!(keys.len() > 10, "the workload posts most requests");
    let ledger = store.ledger().clone();
    let head = store.head().clone();
    drop(store);
    let reopened = check_invariants(&bank, &keys);
    assert_eq!(
        reopened.ledger(),
        &ledger,
        "the same ledger, every balance and receipt"
    );
    assert_eq!(reopened.head(), &head, "the same head");
    for id in members() {
        assert_eq!(reopened.ledger().balance(id).ok(), ledger.balance(id).ok());
    }
}

fn policy_is_stored_and_checked(kind: Kind) {
    let bank = Bank::new(kind, "policy");
    let e = bank.open(None).unwrap_err();
    assert_eq!(
        (e.code(), e.record().as_deref()),
        ("STORE_POLICY_REQUIRED", Some("ledger policy"))
    );
    drop(bank.open(Some(policy())).expect("create"));
    assert_eq!(
        bank.open(None).expect("reopen").ledger().policy(),
        &policy()
    );
    assert!(
        bank.open(Some(policy())).is_ok(),
        "the same policy is accepted"
    );
    let e = bank.open(Some(policy().with_cap(600))).unwrap_err();
    assert_eq!(e.code(), "STORE_POLICY_MISMATCH");
    assert_eq!(e.field().as_deref(), Some("cap"));
    match e {
        StoreError::PolicyMismatch { stored, .. } => assert_eq!(*stored, policy()),
        other => panic!("unexpected {other:?}"),
    }
    let e = bank
        .open(Some(LedgerPolicy::default().with_unit(0)))
        .unwrap_err();
    assert_eq!(
        e.code(),
        "STORE_POLICY_MISMATCH",
        "an existing store keeps its policy"
    );
}

fn same_key_returns_the_first_receipt(kind: Kind) {
    let bank = Bank::new(kind, "same-key");
    let mut desk_a = open_with_members(&bank);
    let mut desk_b = bank.open(None).expect("second desk");
    let first = desk_a
        .submit(TxMeta::new("e1", "desk:a", at()), earn(v(1), 60))
        .unwrap();
    let head = desk_a.head().clone();
    // Again at the same desk, and at the other desk (which has not seen it yet).
    assert_eq!(
        desk_a
            .submit(TxMeta::new("e1", "desk:a", at()), earn(v(1), 60))
            .unwrap(),
        first
    );
    assert_eq!(
        desk_b
            .submit(TxMeta::new("e1", "desk:a", at()), earn(v(1), 60))
            .unwrap(),
        first
    );
    assert_eq!(desk_a.head(), &head, "nothing written");
    assert_eq!(desk_b.head(), &head, "desk b caught up and wrote nothing");
    // The same key for something else is refused, at either desk.
    let e = desk_b
        .submit(TxMeta::new("e1", "desk:a", at()), earn(v(1), 90))
        .unwrap_err();
    assert_eq!(
        (e.code(), e.field().as_deref()),
        ("LEDGER_IDEMPOTENCY_CONFLICT", Some("key"))
    );
    assert_eq!(desk_b.ledger().balance(v(1)).unwrap(), 60);
    check_invariants(&bank, &["e1".into()]);
}

fn rejected_operation_writes_nothing(kind: Kind) {
    let bank = Bank::new(kind, "rejected");
    let mut store = open_with_members(&bank);
    store
        .submit(TxMeta::new("e1", "desk", at()), earn(v(1), 60))
        .unwrap();
    let (ledger, head, rows) = (store.ledger().clone(), store.head().clone(), bank.rows());
    let e = store
        .submit(TxMeta::new("r1", "desk", at()), redeem(v(1), 90))
        .unwrap_err();
    assert_eq!(e.code(), "LEDGER_FLOOR_BREACH");
    assert_eq!(e.record().as_deref(), Some("transaction 'r1'"));
    assert_eq!(e.field().as_deref(), Some("minutes"));
    assert!(matches!(
        e.ledger_error(),
        Some(huzhu::ledger::LedgerError::FloorBreach { .. })
    ));
    // A batch whose second item fails posts none of it.
    let batch = Operation::Batch {
        operations: vec![earn(v(2), 30), redeem(v(3), 10)],
    };
    let e = store
        .submit(TxMeta::new("b1", "desk", at()), batch)
        .unwrap_err();
    assert_eq!(
        (e.code(), e.field().as_deref()),
        ("LEDGER_BATCH_ITEM", Some("operations[1].minutes"))
    );
    let e = store.open_account(Account::new(v(1))).unwrap_err();
    assert_eq!(e.code(), "LEDGER_DUPLICATE_ACCOUNT");
    assert_eq!(store.ledger(), &ledger);
    assert_eq!(store.head(), &head);
    assert_eq!(bank.rows(), rows, "no row written");
    // The rejected keys are free: a valid request may use them.
    store
        .submit(TxMeta::new("r1", "desk", at()), redeem(v(1), 30))
        .unwrap();
    check_invariants(&bank, &["e1".into(), "r1".into()]);
}

fn approvals_are_stored(kind: Kind) {
    let bank = Bank::new(kind, "approvals");
    let mut desk = bank
        .open(Some(LedgerPolicy::default().with_reviewers_required(2)))
        .unwrap();
    desk.open_account(Account::new(v(1))).unwrap();
    let r = desk
        .submit(TxMeta::new("e1", "desk:li", at()), earn(v(1), 60))
        .unwrap();
    assert_eq!(
        r,
        Receipt::Pending {
            approvals: 0,
            required: 2
        }
    );
    let mut reviewer = bank.open(None).unwrap();
    assert_eq!(
        reviewer.approve("e1", "reviewer:zhao", at()).unwrap(),
        Receipt::Pending {
            approvals: 1,
            required: 2
        }
    );
    let e = desk.approve("e1", "desk:li", at()).unwrap_err();
    assert_eq!(e.code(), "LEDGER_SELF_REVIEW");
    let posted = desk.approve("e1", "reviewer:qian", at()).unwrap();
    assert!(matches!(posted, Receipt::Posted(_)));
    assert_eq!(
        reviewer.approve("e1", "reviewer:qian", at()).unwrap(),
        posted,
        "idempotent"
    );
    let store = check_invariants(&bank, &["e1".into()]);
    assert_eq!(store.ledger().balance(v(1)).unwrap(), 60);
    assert_eq!(store.ledger().receipt("e1"), Some(posted));
}

fn submit_many_commits_together(kind: Kind) {
    let bank = Bank::new(kind, "many");
    let mut store = open_with_members(&bank);
    let before = store.head().seq;
    let requests: Vec<_> = (0..50).map(|i| request(11, 1, i, at())).collect();
    let results = store.submit_many(requests.clone()).unwrap();
    let acknowledged: Vec<String> = requests
        .iter()
        .zip(&results)
        .filter(|(_, r)| r.is_ok())
        .map(|((m, _), _)| m.key.clone())
        .collect();
    assert!(acknowledged.len() > 25);
    assert_eq!(store.head().seq, before + acknowledged.len() as u64);
    // The same requests again: every accepted one answers with its first receipt and writes
    // nothing; a rejected one is tried afresh (the balances have moved since).
    let mut acknowledged = acknowledged;
    let again = store.submit_many(requests.clone()).unwrap();
    for (((meta, _), first), second) in requests.iter().zip(&results).zip(&again) {
        match (first, second) {
            (Ok(r), second) => assert_eq!(second.as_ref().ok(), Some(r)),
            (Err(_), Ok(_)) => acknowledged.push(meta.key.clone()),
            (Err(_), Err(_)) => {}
        }
    }
    assert_eq!(store.head().seq, before + acknowledged.len() as u64);
    check_invariants(&bank, &acknowledged);
}

fn transact_commits_all_or_nothing(kind: Kind) {
    let bank = Bank::new(kind, "transact");
    let mut store = open_with_members(&bank);
    let before = (store.head().clone(), store.ledger().clone());
    // The second call fails: the first one's earn is neither written nor kept in memory.
    let e = store
        .transact(|l| {
            l.submit(TxMeta::new("a", "desk", at()), earn(v(1), 60))?;
            l.submit(TxMeta::new("b", "desk", at()), redeem(v(2), 10))
        })
        .unwrap_err();
    assert_eq!(e.code(), "LEDGER_FLOOR_BREACH");
    assert_eq!((store.head(), store.ledger()), (&before.0, &before.1));
    assert_eq!(bank.open(None).unwrap().head(), &before.0);
    // Both succeed: one commit holds both.
    store
        .transact(|l| {
            l.submit(TxMeta::new("a", "desk", at()), earn(v(1), 60))?;
            l.submit(TxMeta::new("b", "desk", at()), redeem(v(1), 10))
        })
        .unwrap();
    let reopened = bank.open(None).unwrap();
    assert_eq!(reopened.ledger().balance(v(1)).unwrap(), 50);
    assert_eq!(reopened.head().seq, before.0.seq + 2);
}

fn readers_catch_up(kind: Kind) {
    let bank = Bank::new(kind, "readers");
    let mut writer = open_with_members(&bank);
    let mut reader = bank.open(None).unwrap();
    writer
        .submit(TxMeta::new("e1", "desk", at()), earn(v(1), 60))
        .unwrap();
    writer
        .submit(TxMeta::new("e2", "desk", at()), earn(v(2), 30))
        .unwrap();
    assert_eq!(reader.ledger().balance(v(1)).unwrap(), 0);
    assert_eq!(reader.refresh().unwrap(), 2);
    assert_eq!(reader.refresh().unwrap(), 0);
    assert_eq!(reader.ledger(), writer.ledger());
    assert_eq!(reader.head(), writer.head());
}

/// Some history whose line `seq` 12 holds an earn of 60 minutes, then more.
fn history_with_earn_at_12(bank: &Bank) -> huzhu_store::LedgerStore {
    let mut store = open_with_members(bank); // lines 0..=9: header and 9 opens
    store
        .submit(TxMeta::new("e0", "desk", at()), earn(v(1), 100))
        .unwrap(); // 10
    store
        .submit(TxMeta::new("e1", "desk", at()), earn(v(2), 100))
        .unwrap(); // 11
    store
        .submit(TxMeta::new("e2", "desk", at()), earn(v(3), 60))
        .unwrap(); // 12
    store
        .submit(TxMeta::new("r3", "desk", at()), redeem(v(1), 40))
        .unwrap(); // 13
    store
        .submit(
            TxMeta::new("t4", "desk", at()),
            Operation::Transfer {
                from: v(2),
                to: v(4),
                minutes: 20,
            },
        )
        .unwrap(); // 14
    assert_eq!(store.head().seq, 15);
    store
}

fn edited_line_is_named_and_recovered(kind: Kind) {
    let bank = Bank::new(kind, "edited");
    let before = history_with_earn_at_12(&bank).ledger().clone();
    bank.sql(r#"UPDATE {journal} SET line = replace(line, '"amount":60', '"amount":600') WHERE seq = 12 AND {bank}"#);
    let e = bank.open(None).unwrap_err();
    assert_eq!(
        (e.code(), e.seq(), e.cause()),
        ("STORE_CORRUPT", Some(12), Some("JOURNAL_HASH_MISMATCH"))
    );
    assert_eq!(e.record().as_deref(), Some("journal seq 12"));
    assert!(e.to_string().contains("journal seq 12"), "{e}");
    let recovery = bank.recover().unwrap();
    assert_eq!(
        (recovery.kept, recovery.dropped.clone()),
        (12, vec![12, 13, 14])
    );
    assert!(
        recovery.keys_rebuilt,
        "keys of the dropped lines leave the index"
    );
    assert_eq!(recovery.reason.as_ref().and_then(StoreError::seq), Some(12));
    assert_eq!(
        bank.quarantined(),
        vec![12, 13, 14],
        "dropped lines are kept aside"
    );
    let store = check_invariants(&bank, &["e0".into(), "e1".into()]);
    assert_eq!(store.ledger().balance(v(1)).unwrap(), 100);
    assert_eq!(store.ledger().receipt("e2"), None);
    assert_ne!(store.ledger(), &before);
    // Recovering a sound store changes nothing.
    let again = bank.recover().unwrap();
    assert!(again.is_clean() && again.reason.is_none(), "{again:?}");
}

fn deleted_row_is_named_and_recovered(kind: Kind) {
    let bank = Bank::new(kind, "deleted");
    drop(history_with_earn_at_12(&bank));
    bank.sql("DELETE FROM {journal} WHERE seq = 13 AND {bank}");
    let e = bank.open(None).unwrap_err();
    assert_eq!(
        (e.code(), e.seq(), e.cause()),
        ("STORE_CORRUPT", Some(13), Some("JOURNAL_SEQUENCE"))
    );
    let recovery = bank.recover().unwrap();
    assert_eq!((recovery.kept, recovery.dropped), (13, vec![14]));
    check_invariants(&bank, &["e0".into(), "e1".into(), "e2".into()]);
    // A deleted last row is a shorter journal: its key no longer names a line.
    let bank = Bank::new(kind, "deleted-last");
    drop(history_with_earn_at_12(&bank));
    bank.sql("DELETE FROM {journal} WHERE seq = 14 AND {bank}");
    let e = bank.open(None).unwrap_err();
    assert_eq!(
        (e.code(), e.field().as_deref()),
        ("STORE_KEY_INDEX", Some("key"))
    );
    assert_eq!(e.seq(), Some(14));
    let recovery = bank.recover().unwrap();
    assert!(recovery.keys_rebuilt && recovery.dropped.is_empty());
    check_invariants(&bank, &["e0".into(), "e1".into(), "e2".into(), "r3".into()]);
}

/// The last row and its key deleted together: every remaining line verifies and the key
/// index agrees, so only the head recorded with the last write tells.
fn deleted_tail_is_named_and_recovered(kind: Kind) {
    let bank = Bank::new(kind, "tail");
    let mut reader = history_with_earn_at_12(&bank);
    bank.sql(
        "DELETE FROM {journal} WHERE seq >= 13 AND {bank};
         DELETE FROM {keys} WHERE key IN ('r3', 't4') AND {bank};",
    );
    let e = bank.open(None).unwrap_err();
    assert_eq!((e.code(), e.seq()), ("STORE_HEAD_MISMATCH", Some(13)));
    assert_eq!(e.record().as_deref(), Some("journal seq 13"));
    match &e {
        StoreError::HeadMismatch {
            recorded: Some(recorded),
            found,
        } => assert_eq!((recorded.seq, found.seq), (15, 13)),
        other => panic!("{other:?}"),
    }
    assert!(e.to_string().contains("ends after 13 lines"), "{e}");
    // A store opened before the deletion notices it on refresh, and writes nothing past it.
    assert_eq!(reader.refresh().unwrap_err().code(), "STORE_HEAD_MISMATCH");
    let e = reader
        .submit(TxMeta::new("late", "desk", at()), earn(v(5), 10))
        .unwrap_err();
    assert_eq!(e.code(), "STORE_HEAD_MISMATCH");
    assert_eq!(bank.rows().len(), 13, "nothing written past the lost tail");
    drop(reader);
    let recovery = bank.recover().unwrap();
    assert_eq!(
        (
            recovery.kept,
            recovery.dropped.clone(),
            recovery.missing.clone()
        ),
        (13, vec![], vec![13, 14])
    );
    assert!(recovery.head_rewritten && !recovery.keys_rebuilt && !recovery.is_clean());
    assert_eq!(
        recovery.reason.as_ref().map(StoreError::code),
        Some("STORE_HEAD_MISMATCH")
    );
    let store = check_invariants(&bank, &["e0".into(), "e1".into(), "e2".into()]);
    assert_eq!(store.ledger().receipt("t4"), None);
    assert!(bank.recover().unwrap().is_clean());
}

/// The recorded head deleted: a version 2 store without one is refused, and recovery records
/// it again.
fn deleted_head_record_is_named(kind: Kind) {
    let bank = Bank::new(kind, "no-head");
    drop(history_with_earn_at_12(&bank));
    bank.sql("{meta_head}");
    let e = bank.open(None).unwrap_err();
    assert!(
        matches!(&e, StoreError::HeadMismatch { recorded: None, found } if found.seq == 15),
        "{e:?}"
    );
    assert!(e.to_string().contains("recorded no head"), "{e}");
    let recovery = bank.recover().unwrap();
    assert!(recovery.head_rewritten && recovery.missing.is_empty() && !recovery.is_clean());
    assert_eq!(bank.open(None).unwrap().head().seq, 15);
}

/// A store written before heads were recorded (schema version 1) opens unchecked, and its
/// first write records the head and moves it to version 2.
fn version_1_store_opens_and_records_its_head(kind: Kind) {
    let bank = Bank::new(kind, "v1");
    drop(history_with_earn_at_12(&bank));
    bank.sql("{meta_v1}");
    let mut store = bank.open(None).unwrap();
    assert_eq!(store.head().seq, 15);
    store
        .submit(TxMeta::new("e5", "desk", at()), earn(v(5), 10))
        .unwrap();
    drop(store);
    // Now checked: deleting the new last line and its key is caught.
    bank.sql(
        "DELETE FROM {journal} WHERE seq = 15 AND {bank};
         DELETE FROM {keys} WHERE key = 'e5' AND {bank};",
    );
    assert_eq!(bank.open(None).unwrap_err().code(), "STORE_HEAD_MISMATCH");
}

fn reordered_rows_are_named(kind: Kind) {
    let bank = Bank::new(kind, "reordered");
    drop(history_with_earn_at_12(&bank));
    bank.sql(
        "UPDATE {journal} SET seq = 1000000 WHERE seq = 11 AND {bank};
         UPDATE {journal} SET seq = 11 WHERE seq = 12 AND {bank};
         UPDATE {journal} SET seq = 12 WHERE seq = 1000000 AND {bank};",
    );
    let e = bank.open(None).unwrap_err();
    assert_eq!(
        (e.code(), e.seq(), e.cause()),
        ("STORE_CORRUPT", Some(11), Some("JOURNAL_SEQUENCE"))
    );
    let recovery = bank.recover().unwrap();
    assert_eq!(
        (recovery.kept, recovery.dropped),
        (11, vec![11, 12, 13, 14])
    );
    check_invariants(&bank, &["e0".into()]);
}

fn key_index_tampering_is_named_and_rebuilt(kind: Kind) {
    let bank = Bank::new(kind, "keys");
    drop(history_with_earn_at_12(&bank));
    bank.sql("DELETE FROM {keys} WHERE key = 'e1' AND {bank}");
    let e = bank.open(None).unwrap_err();
    assert_eq!(e.code(), "STORE_KEY_INDEX");
    assert_eq!(e.record().as_deref(), Some("key 'e1'"));
    let recovery = bank.recover().unwrap();
    assert!(recovery.keys_rebuilt && recovery.dropped.is_empty() && recovery.kept == 15);
    check_invariants(
        &bank,
        &[
            "e0".into(),
            "e1".into(),
            "e2".into(),
            "r3".into(),
            "t4".into(),
        ],
    );
    // A hash column edited alone is named too.
    bank.sql("UPDATE {journal} SET hash = 'x' WHERE seq = 3 AND {bank}");
    let e = bank.open(None).unwrap_err();
    assert_eq!(
        (e.code(), e.seq(), e.cause()),
        ("STORE_CORRUPT", Some(3), Some("JOURNAL_MALFORMED"))
    );
}

fn broken_header_cannot_be_recovered(kind: Kind) {
    let bank = Bank::new(kind, "header");
    drop(history_with_earn_at_12(&bank));
    bank.sql(r#"UPDATE {journal} SET line = replace(line, '"unit":1', '"unit":15') WHERE seq = 0 AND {bank}"#);
    let e = bank.open(None).unwrap_err();
    assert_eq!((e.code(), e.seq()), ("STORE_CORRUPT", Some(0)));
    let e = bank.recover().unwrap_err();
    assert_eq!((e.code(), e.seq()), ("STORE_CORRUPT", Some(0)));
    assert_eq!(bank.rows().len(), 15, "nothing dropped");
}

fn newer_schema_is_refused(kind: Kind) {
    let bank = Bank::new(kind, "schema");
    drop(history_with_earn_at_12(&bank));
    let rows = bank.rows();
    bank.sql("{meta_version}");
    let e = bank.open(None).unwrap_err();
    assert_eq!(e.code(), "STORE_NEWER_SCHEMA");
    assert!(matches!(
        e,
        StoreError::NewerSchema {
            found: 99,
            supported: 2
        }
    ));
    assert_eq!(
        bank.recover().unwrap_err().code(),
        "STORE_NEWER_SCHEMA",
        "not touched"
    );
    assert_eq!(bank.rows(), rows, "nothing lost");
}

fn threads_interleave_without_loss(kind: Kind) {
    let bank = Arc::new(Bank::new(kind, "threads"));
    drop(open_with_members(&bank));
    let writers = 4;
    let barrier = Arc::new(Barrier::new(writers));
    let handles: Vec<_> = (0..writers)
        .map(|w| {
            let (bank, barrier) = (Arc::clone(&bank), Arc::clone(&barrier));
            std::thread::spawn(move || {
                let mut store = bank.open(None).expect("open");
                barrier.wait();
                let mut acknowledged = Vec::new();
                for i in 0..60 {
                    let (meta, op) = request(5, w as u32, i, at());
                    match submit_retrying(&mut store, &meta, &op) {
                        Ok(_) => acknowledged.push(meta.key),
                        Err(StoreError::Ledger(_)) => {}
                        Err(e) => panic!("writer {w}: {e}"),
                    }
                }
                acknowledged
            })
        })
        .collect();
    let acknowledged: Vec<String> = handles
        .into_iter()
        .flat_map(|h| h.join().unwrap())
        .collect();
    assert!(acknowledged.len() > 100);
    let store = check_invariants(&bank, &acknowledged);
    assert_eq!(store.ledger().transactions().len(), acknowledged.len());
}

fn double_spend_race_is_refused(kind: Kind) {
    let bank = Arc::new(Bank::new(kind, "double-spend"));
    let mut store = open_with_members(&bank);
    store
        .submit(TxMeta::new("e1", "desk", at()), earn(v(1), 60))
        .unwrap();
    drop(store);
    let racers = 6;
    let barrier = Arc::new(Barrier::new(racers));
    let handles: Vec<_> = (0..racers)
        .map(|r| {
            let (bank, barrier) = (Arc::clone(&bank), Arc::clone(&barrier));
            std::thread::spawn(move || {
                let mut store = bank.open(None).expect("open");
                barrier.wait();
                let meta = TxMeta::new(format!("spend-{r}"), format!("desk:{r}"), at());
                submit_retrying(&mut store, &meta, &redeem(v(1), 45)).map(|_| meta.key)
            })
        })
        .collect();
    let results: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    let spent: Vec<String> = results
        .iter()
        .filter_map(|r| r.as_ref().ok().cloned())
        .collect();
    assert_eq!(
        spent.len(),
        1,
        "exactly one redeem of 45 from 60: {results:?}"
    );
    for e in results.iter().filter_map(|r| r.as_ref().err()) {
        assert_eq!(e.code(), "LEDGER_FLOOR_BREACH");
    }
    let store = check_invariants(&bank, &spent);
    assert_eq!(store.ledger().balance(v(1)).unwrap(), 15);
}

fn same_key_race_posts_once(kind: Kind) {
    let bank = Arc::new(Bank::new(kind, "same-key-race"));
    drop(open_with_members(&bank));
    let racers = 6;
    let barrier = Arc::new(Barrier::new(racers));
    let handles: Vec<_> = (0..racers)
        .map(|_| {
            let (bank, barrier) = (Arc::clone(&bank), Arc::clone(&barrier));
            std::thread::spawn(move || {
                let mut store = bank.open(None).expect("open");
                barrier.wait();
                let meta = TxMeta::new("visit-1", "desk", at());
                submit_retrying(&mut store, &meta, &earn(v(2), 90)).expect("submit")
            })
        })
        .collect();
    let receipts: Vec<Receipt> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert!(
        receipts.windows(2).all(|w| w[0] == w[1]),
        "one receipt: {receipts:?}"
    );
    let store = check_invariants(&bank, &["visit-1".into()]);
    assert_eq!(store.ledger().balance(v(2)).unwrap(), 90, "posted once");
    assert_eq!(store.ledger().transactions().len(), 1);
}

/// Two child processes and this one write the same bank at once.
fn two_processes_interleave_without_loss(kind: Kind) {
    let bank = Bank::new(kind, "processes");
    let mut store = open_with_members(&bank);
    let children: Vec<ChildRun> = (1..=2)
        .map(|w| {
            let mut env = bank.env();
            env.push(("HUZHU_TEST_WRITER", w.to_string()));
            env.push(("HUZHU_TEST_OPS", "120".into()));
            ChildRun::spawn("child_process_entry_point", &env)
        })
        .collect();
    let mut acknowledged = Vec::new();
    for i in 0..120 {
        let (meta, op) = request(9, 0, i, at());
        match submit_retrying(&mut store, &meta, &op) {
            Ok(_) => acknowledged.push(meta.key),
            Err(StoreError::Ledger(_)) => {}
            Err(e) => panic!("parent: {e}"),
        }
    }
    for child in children {
        let (keys, ok) = child.finish();
        assert!(ok, "a writer process failed");
        assert!(keys.len() > 40, "the writer posted: {}", keys.len());
        acknowledged.extend(keys);
    }
    let store = check_invariants(&bank, &acknowledged);
    assert_eq!(store.ledger().transactions().len(), acknowledged.len());
}

/// The writer process of [`two_processes_interleave_without_loss`]: a no-op test unless started
/// by it.
#[test]
fn child_process_entry_point() {
    if !is_worker() {
        return;
    }
    let var = |k: &str| std::env::var(k).expect(k);
    let writer: u32 = var("HUZHU_TEST_WRITER").parse().unwrap();
    let ops: u64 = var("HUZHU_TEST_OPS").parse().unwrap();
    let bank = Bank::from_env();
    let mut store = bank.open(None).expect("worker opens the bank");
    for i in 0..ops {
        let (meta, op) = request(9, writer, i, at());
        match submit_retrying(&mut store, &meta, &op) {
            Ok(_) => println!("ACK {}", meta.key),
            Err(StoreError::Ledger(_)) => {}
            Err(e) => panic!("writer {writer}: {e}"),
        }
    }
}
