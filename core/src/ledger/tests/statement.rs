//! Statements and balances at a past time.

use super::*;
use crate::ledger::{LedgerError, OperationKind, TxId};
use crate::model::NeedId;

#[test]
fn statement_over_a_range_with_running_balance() {
    let mut l = ledger();
    l.earn(meta("e1", 8), V1, NeedId(1), 100).unwrap(); // 100
    l.transfer(meta("t1", 9), V1, R1, 30).unwrap(); // 70
    l.earn(meta("e2", 10), R2, NeedId(2), 999).unwrap(); // not V1
    l.donate(meta("d1", 11).with_memo("for the canteen"), V1, 20)
        .unwrap(); // 50
    l.earn(meta("e3", 12), V1, NeedId(3), 5).unwrap(); // 55

    let s = l.statement(V1, t(9, 0), t(12, 0)).unwrap();
    assert_eq!(s.opening, 100);
    assert_eq!(s.closing, 50);
    let lines: Vec<(TxId, OperationKind, i64, i64)> = s
        .lines
        .iter()
        .map(|l| (l.tx, l.kind, l.amount, l.balance))
        .collect();
    assert_eq!(
        lines,
        [
            (TxId(2), OperationKind::Transfer, -30, 70),
            (TxId(4), OperationKind::Donate, -20, 50)
        ]
    );
    assert_eq!(s.lines[1].memo, "for the canteen");
    assert_eq!(s.lines[1].operator, "desk:li");
    assert_eq!(s.lines[1].key, "d1");

    // An empty range has no lines; an inverted one is refused, naming `until`.
    let s = l.statement(V1, t(12, 30), t(12, 30)).unwrap();
    assert!(s.lines.is_empty());
    assert_eq!((s.opening, s.closing), (55, 55));
    let e = l.statement(V1, t(12, 30), t(10, 0)).unwrap_err();
    assert_eq!(
        (e.code(), e.field().as_deref()),
        ("LEDGER_INVALID_OPERATION", Some("until"))
    );
}

#[test]
fn balance_at_a_past_time() {
    let mut l = ledger();
    l.earn(meta("e1", 8), V1, NeedId(1), 100).unwrap();
    l.transfer(meta("t1", 9), V1, R1, 30).unwrap();
    l.donate(meta("d1", 11), V1, 20).unwrap();
    assert_eq!(l.balance_at(V1, t(7, 59)).unwrap(), 0);
    assert_eq!(l.balance_at(V1, t(8, 0)).unwrap(), 100);
    assert_eq!(l.balance_at(V1, t(10, 0)).unwrap(), 70);
    assert_eq!(l.balance_at(V1, t(23, 0)).unwrap(), 50);
    assert_eq!(l.balance_at(POOL, t(10, 0)).unwrap(), 0);
    assert_eq!(l.balance_at(POOL, t(11, 0)).unwrap(), 20);
    let stranger = AccountId::Resident(ResidentId(99));
    assert_eq!(
        l.balance_at(stranger, t(9, 0)),
        Err(LedgerError::AccountNotOpen { account: stranger })
    );
}

#[test]
fn reviewed_earn_counts_from_its_approval() {
    let mut l = ledger_with(LedgerPolicy::default().with_reviewers_required(1));
    l.earn(meta("e1", 9), V1, NeedId(1), 60).unwrap();
    l.approve("e1", "zhao", t(14, 0)).unwrap();
    assert_eq!(l.balance_at(V1, t(13, 0)).unwrap(), 0);
    assert_eq!(l.balance_at(V1, t(14, 0)).unwrap(), 60);
}
