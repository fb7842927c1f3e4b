//! Bad input to the ledger through the Rust API: amounts at the `i64` extremes, journals forged
//! with recomputed hashes, huge journals. A rejected operation leaves the ledger unchanged; a
//! forged journal is refused naming its line.
//! Rows of `tests/bad-input.md` marked `core/tests/badinput_ledger.rs`.

use chrono::{NaiveDate, NaiveDateTime};
use huzhu::ledger::{
    Account, AccountId, JournalError, Ledger, LedgerError, LedgerPolicy, Operation, TxMeta,
};
use huzhu::model::{NeedId, VolunteerId};
use serde_json::Value;
use sha2::{Digest, Sha256};

fn at(m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 24)
        .unwrap()
        .and_hms_opt(9 + m / 60, m % 60, 0)
        .unwrap()
}

const V1: AccountId = AccountId::Volunteer(VolunteerId(1));
const V2: AccountId = AccountId::Volunteer(VolunteerId(2));

fn ledger(policy: LedgerPolicy) -> Ledger {
    let mut l = Ledger::new(policy).unwrap();
    l.open_account(Account::new(V1)).unwrap();
    l.open_account(Account::new(V2)).unwrap();
    l
}

/// Submits and checks the promise: on error nothing changed, and the books balance.
fn submit(l: &mut Ledger, key: &str, m: u32, op: Operation) -> Result<(), LedgerError> {
    let before = l.clone();
    let r = l.submit(TxMeta::new(key, "desk", at(m)), op);
    if r.is_err() {
        assert_eq!(*l, before, "{key}: a rejected operation changed the ledger");
    }
    assert_eq!(l.total_balance(), 0);
    assert!(l.verify_balances());
    r.map(|_| ())
}

/// A batch whose net effect on the fund is exactly `i64::MIN` can be reversed: the reversal's
/// net, `i64::MAX + 1`, does not fit in an `i64`, but the balance it leads back to does.
/// (Found by `ledger_props::reversal_restores_balances_exactly`.)
#[test]
fn a_batch_moving_i64_min_through_one_account_can_be_reversed() {
    let mut l = ledger(
        LedgerPolicy::default()
            .without_cap()
            .with_overdraft_limit(60),
    );
    let earn = |minutes| Operation::Earn {
        account: V1,
        need: NeedId(1),
        minutes,
    };
    // V1 at -1 and the fund at +1, then the batch takes i64::MAX + 1 from the fund to V1:
    // V1 at i64::MAX, the fund at 1 - (i64::MAX + 1) = -i64::MAX.
    let redeem = Operation::Redeem {
        account: V1,
        minutes: 1,
        need: None,
    };
    submit(&mut l, "r", 0, redeem).unwrap();
    let batch = Operation::Batch {
        operations: vec![earn(i64::MAX - 1), earn(2)],
    };
    let receipt = l.submit(TxMeta::new("big", "desk", at(1)), batch).unwrap();
    assert_eq!(l.balance(V1).unwrap(), i64::MAX);
    assert_eq!(l.balance(AccountId::Fund).unwrap(), -i64::MAX);
    let id = receipt.tx().expect("posted");
    l.reverse(TxMeta::new("undo", "auditor", at(2)), id)
        .unwrap();
    assert_eq!(l.balance(V1).unwrap(), -1);
    assert_eq!(l.balance(AccountId::Fund).unwrap(), 1);
    assert_eq!(l.total_balance(), 0);
    assert!(l.verify_balances());
}

#[test]
fn amounts_at_the_i64_extremes_never_overflow_or_lose_a_minute() {
    let mut l = ledger(
        LedgerPolicy::default()
            .without_cap()
            .with_overdraft_limit(i64::MAX),
    );
    let earn = |account, minutes| Operation::Earn {
        account,
        need: NeedId(1),
        minutes,
    };
    submit(&mut l, "a", 0, earn(V1, i64::MAX)).unwrap();
    // The fund is at -i64::MAX; one more minute reaches i64::MIN, the next overflows.
    submit(&mut l, "b", 1, earn(V2, 1)).unwrap();
    let err = submit(&mut l, "c", 2, earn(V2, 1)).unwrap_err();
    assert!(
        matches!(
            err,
            LedgerError::Overflow {
                account: AccountId::Fund,
                ..
            }
        ),
        "{err}"
    );
    for minutes in [i64::MIN, i64::MIN + 1, -1, 0] {
        let err = submit(&mut l, "d", 3, earn(V2, minutes)).unwrap_err();
        assert!(
            matches!(err, LedgerError::NonPositiveAmount { .. }),
            "{err}"
        );
        let op = Operation::Redeem {
            account: V1,
            minutes,
            need: None,
        };
        assert!(submit(&mut l, "e", 3, op).is_err());
    }
    // V1 holds i64::MAX; the largest overdraft lets V2 go to -i64::MAX but not below.
    let op = Operation::Transfer {
        from: V2,
        to: V1,
        minutes: 1,
    };
    assert!(
        submit(&mut l, "f", 4, op).is_err(),
        "transfers are family-only by default"
    );
    // V2 (balance 1) may redeem i64::MAX: it lands at 1 - i64::MAX, just above the floor.
    let op = Operation::Redeem {
        account: V2,
        minutes: i64::MAX,
        need: None,
    };
    submit(&mut l, "g", 5, op).unwrap();
    assert_eq!(l.balance(V2).unwrap(), 1 - i64::MAX);
    let op = Operation::Redeem {
        account: V2,
        minutes: 2,
        need: None,
    };
    let err = submit(&mut l, "h", 6, op).unwrap_err();
    assert!(
        matches!(
            err,
            LedgerError::FloorBreach { .. } | LedgerError::Overflow { .. }
        ),
        "{err}"
    );
    let journal = l.export_journal().unwrap();
    assert_eq!(Ledger::import_journal(&journal).unwrap(), l);
}

#[test]
fn a_batch_summing_past_i64_is_refused_whole() {
    let mut l = ledger(LedgerPolicy::default().without_cap());
    let earn = |minutes| Operation::Earn {
        account: V1,
        need: NeedId(1),
        minutes,
    };
    let op = Operation::Batch {
        operations: vec![earn(i64::MAX), earn(i64::MAX)],
    };
    let err = submit(&mut l, "b", 0, op).unwrap_err();
    assert!(
        matches!(err, LedgerError::BatchItem { index: 1, .. }),
        "{err}"
    );
    assert_eq!(l.balance(V1).unwrap(), 0);
}

#[test]
fn a_pool_grant_to_a_thousand_duplicates_gives_once() {
    let mut l = ledger(LedgerPolicy::default());
    submit(
        &mut l,
        "e",
        0,
        Operation::Earn {
            account: V1,
            need: NeedId(1),
            minutes: 100,
        },
    )
    .unwrap();
    submit(
        &mut l,
        "d",
        1,
        Operation::Donate {
            from: V1,
            minutes: 100,
        },
    )
    .unwrap();
    let op = Operation::PoolGrant {
        recipients: vec![V2; 1000],
        minutes_each: 10,
    };
    submit(&mut l, "g", 2, op).unwrap();
    assert_eq!(l.balance(V2).unwrap(), 10);
}

// --- Forged journals: an attacker who edits a line and recomputes every hash. ----------------

fn canonical(v: &Value) -> String {
    match v {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            let items: Vec<String> = keys
                .into_iter()
                .map(|k| format!("{}:{}", Value::String(k.clone()), canonical(&map[k])))
                .collect();
            format!("{{{}}}", items.join(","))
        }
        Value::Array(a) => format!(
            "[{}]",
            a.iter().map(canonical).collect::<Vec<_>>().join(",")
        ),
        other => other.to_string(),
    }
}

fn sha(text: &str) -> String {
    use std::fmt::Write as _;
    let mut hex = String::new();
    for b in Sha256::digest(text.as_bytes()) {
        let _ = write!(hex, "{b:02x}");
    }
    hex
}

/// Rewrites the chain (hash, prev, seal) after `edit` changed some entries.
fn forge(journal: &str, edit: impl Fn(usize, &mut Value)) -> String {
    let mut prev = "0".repeat(64);
    let mut out = String::new();
    let lines: Vec<&str> = journal.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let mut v: Value = serde_json::from_str(line).unwrap();
        let obj = v.as_object_mut().unwrap();
        obj.remove("hash");
        obj.insert("prev".into(), Value::String(prev.clone()));
        if i == lines.len() - 1 {
            obj.get_mut("entry").unwrap()["head"] = Value::String(prev.clone());
        } else {
            edit(i + 1, obj.get_mut("entry").unwrap());
        }
        let hash = sha(&canonical(&Value::Object(obj.clone())));
        obj.insert("hash".into(), Value::String(hash.clone()));
        out.push_str(&canonical(&v));
        out.push('\n');
        prev = hash;
    }
    out
}

fn sample() -> (Ledger, String) {
    let mut l = ledger(LedgerPolicy::default().with_cap(600));
    submit(
        &mut l,
        "e1",
        0,
        Operation::Earn {
            account: V1,
            need: NeedId(1),
            minutes: 540,
        },
    )
    .unwrap();
    submit(
        &mut l,
        "e2",
        1,
        Operation::Earn {
            account: V1,
            need: NeedId(2),
            minutes: 120,
        },
    )
    .unwrap();
    submit(
        &mut l,
        "r1",
        2,
        Operation::Redeem {
            account: V1,
            minutes: 30,
            need: None,
        },
    )
    .unwrap();
    let j = l.export_journal().unwrap();
    (l, j)
}

#[test]
fn forging_an_unchanged_journal_reproduces_it_exactly() {
    let (l, j) = sample();
    let same = forge(&j, |_, _| {});
    assert_eq!(same, j, "the test's own chain writer matches the library's");
    assert_eq!(Ledger::import_journal(&same).unwrap(), l);
}

#[test]
fn a_forged_posting_with_recomputed_hashes_fails_the_replay() {
    let (_, j) = sample();
    // Line 4 is e1's submit (header, open, open, e1): claim it posted 600, not 540.
    let forged = forge(&j, |line, entry| {
        if line == 4 {
            entry["outcome"]["posted"]["postings"][1]["amount"] = Value::from(600);
        }
    });
    let err = Ledger::import_journal(&forged).unwrap_err();
    assert_eq!(
        err,
        LedgerError::Journal(JournalError::ReplayMismatch { line: 4 })
    );
}

#[test]
fn a_forged_policy_or_operation_is_refused_naming_the_line() {
    let (_, j) = sample();
    // An invalid policy in the header (unit 0) with a valid chain.
    let forged = forge(&j, |line, entry| {
        if line == 1 {
            entry["policy"]["unit"] = Value::from(0);
        }
    });
    let err = Ledger::import_journal(&forged).unwrap_err();
    assert!(err.to_string().starts_with("journal line 1"), "{err}");
    // An operation changed from 120 to i64::MAX minutes: the recorded outcome no longer
    // matches the replay.
    let forged = forge(&j, |line, entry| {
        if line == 5 {
            entry["operation"]["minutes"] = Value::from(i64::MAX);
        }
    });
    let err = Ledger::import_journal(&forged).unwrap_err();
    assert!(err.to_string().starts_with("journal line 5"), "{err}");
    // A key reused with different content (an idempotency conflict inside the journal).
    let forged = forge(&j, |line, entry| {
        if line == 6 {
            entry["key"] = Value::from("e1");
        }
    });
    let err = Ledger::import_journal(&forged).unwrap_err();
    assert!(err.to_string().starts_with("journal line 6"), "{err}");
    // Time running backwards.
    let forged = forge(&j, |line, entry| {
        if line == 6 {
            entry["at"] = Value::from("2026-11-24T08:00:00");
        }
    });
    let err = Ledger::import_journal(&forged).unwrap_err();
    assert!(err.to_string().starts_with("journal line 6"), "{err}");
}

#[test]
fn a_journal_of_5000_transactions_imports_and_a_late_edit_is_found() {
    let mut l = ledger(LedgerPolicy::default().without_cap());
    for i in 0..5_000u32 {
        let meta = TxMeta::new(format!("k{i}"), "desk", at(i / 100));
        l.submit(
            meta,
            Operation::Earn {
                account: V1,
                need: NeedId(i),
                minutes: 1,
            },
        )
        .unwrap();
    }
    let j = l.export_journal().unwrap();
    assert_eq!(
        Ledger::import_journal(&j).unwrap().balance(V1).unwrap(),
        5_000
    );
    let last = j.rfind("\"minutes\":1,").unwrap();
    let mut edited = j.clone();
    edited.replace_range(last..last + "\"minutes\":1,".len(), "\"minutes\":2,");
    let err = Ledger::import_journal(&edited).unwrap_err();
    assert!(
        matches!(
            err,
            LedgerError::Journal(JournalError::HashMismatch { line: 5_003 })
        ),
        "{err}"
    );
}
