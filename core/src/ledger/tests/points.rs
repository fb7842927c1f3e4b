//! Points (积分): earning under daily and lifetime caps, the exchange catalogue, reversal,
//! idempotency and conservation, with hand-worked numbers.

use chrono::NaiveDate;

use super::{FUND, POOL, R1, R2, V1, bal, ledger, ledger_with, meta, t};
use crate::ledger::{
    CatalogueItem, LedgerError, LedgerPolicy, Operation, OperationKind, PointsCap, Receipt, TxId,
    TxMeta, Unit,
};

fn pts(ledger: &crate::ledger::Ledger, account: crate::ledger::AccountId) -> i64 {
    ledger.points_balance(account).expect("open account")
}

/// 2025-03-02 at `h:m` (the day after [`t`]).
fn t2(h: u32, m: u32) -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(2025, 3, 2)
        .and_then(|d| d.and_hms_opt(h, m, 0))
        .expect("valid test time")
}

#[test]
fn daily_cap_trims_and_resets_at_midnight() {
    let mut l = ledger(); // 2 a day, 600 in all
    // 23:00: 1 point (meeting). 23:59: 3 asked, 1 room left today → 1 credited.
    l.earn_points(TxMeta::new("p1", "desk", t(23, 0)), R1, "meeting", 1)
        .unwrap();
    l.earn_points(TxMeta::new("p2", "desk", t(23, 59)), R1, "activity", 3)
        .unwrap();
    assert_eq!(pts(&l, R1), 2);
    assert_eq!(pts(&l, FUND), -2);
    let tx = l.transaction(TxId(2)).unwrap();
    assert_eq!(tx.postings.len(), 2);
    assert_eq!(
        (tx.postings[0].amount, tx.postings[0].unit),
        (-1, Unit::Points)
    );
    assert_eq!((tx.postings[1].account, tx.postings[1].amount), (R1, 1));
    // 23:59 again: nothing left today → refused, naming the daily cap; nothing changes.
    let before = l.clone();
    let e = l
        .earn_points(TxMeta::new("p3", "desk", t(23, 59)), R1, "activity", 1)
        .unwrap_err();
    assert_eq!(
        e,
        LedgerError::PointsCapReached {
            key: "p3".into(),
            account: R1,
            cap: PointsCap::Daily,
            limit: 2,
            earned: 2,
        }
    );
    assert_eq!(
        (e.setting(), e.field().as_deref()),
        (Some("points_daily_cap"), Some("points"))
    );
    assert_eq!(l, before);
    // 00:01 the next day: a fresh daily allowance of 2.
    l.earn_points(TxMeta::new("p4", "desk", t2(0, 1)), R1, "activity", 2)
        .unwrap();
    assert_eq!(pts(&l, R1), 4);
    assert_eq!(l.points_earned(R1), 4);
    assert_eq!(l.points_earned_on(R1, t(0, 0).date()), 2);
    assert_eq!(l.points_earned_on(R1, t2(0, 0).date()), 2);
    assert_eq!(l.total_points(), 0);
    // Minutes never moved.
    assert_eq!((bal(&l, R1), bal(&l, FUND), bal(&l, POOL)), (0, 0, 0));
}

#[test]
fn lifetime_cap_trims_then_refuses() {
    let policy = LedgerPolicy::default()
        .with_points_daily_cap(None)
        .with_points_lifetime_cap(Some(10));
    let mut l = ledger_with(policy);
    l.earn_points(meta("p1", 9), R1, "activity", 7).unwrap();
    // 5 asked, 10 - 7 = 3 room → 3 credited.
    l.earn_points(meta("p2", 10), R1, "activity", 5).unwrap();
    assert_eq!((pts(&l, R1), l.points_earned(R1)), (10, 10));
    let e = l
        .earn_points(meta("p3", 11), R1, "activity", 1)
        .unwrap_err();
    assert_eq!(e.code(), "LEDGER_POINTS_CAP_REACHED");
    assert_eq!(e.setting(), Some("points_lifetime_cap"));
    // Spending does not restore the lifetime allowance: it counts earned, not held.
    l.list_item(meta("l1", 11), CatalogueItem::new("soap", "Soap", 4))
        .unwrap();
    l.exchange(meta("x1", 11), R1, "soap", 1).unwrap();
    assert_eq!(pts(&l, R1), 6);
    assert!(l.earn_points(meta("p4", 12), R1, "activity", 1).is_err());
    // Reversing an earn does: p2's 3 points no longer count.
    l.reverse(meta("rv", 12), TxId(2)).unwrap();
    assert_eq!((pts(&l, R1), l.points_earned(R1)), (3, 7));
    l.earn_points(meta("p5", 13), R1, "activity", 9).unwrap();
    assert_eq!((pts(&l, R1), l.points_earned(R1)), (6, 10));
    assert_eq!(l.total_points(), 0);
    assert!(l.verify_balances());
}

#[test]
fn stock_runs_out_and_a_short_exchange_changes_nothing() {
    let mut l = ledger_with(LedgerPolicy::default().with_points_daily_cap(None));
    l.list_item(
        meta("l1", 9),
        CatalogueItem::new("slot", "Clinic priority slot", 20).with_stock(2),
    )
    .unwrap();
    l.earn_points(meta("p1", 9), R1, "suggestion_adopted", 50)
        .unwrap();
    // 2 slots: 40 points, stock 2 → 0.
    l.exchange(meta("x1", 10), R1, "slot", 2).unwrap();
    assert_eq!((pts(&l, R1), pts(&l, FUND)), (10, -10));
    assert_eq!(l.item("slot").unwrap().stock, Some(0));
    let before = l.clone();
    let e = l.exchange(meta("x2", 10), R1, "slot", 1).unwrap_err();
    assert_eq!(
        e,
        LedgerError::StockShort {
            key: "x2".into(),
            item: "slot".into(),
            stock: 0,
            quantity: 1
        }
    );
    assert_eq!(l, before);
    // Restock 3; buying 1 needs 20 of R1's 10: refused, stock unchanged.
    l.restock(meta("s1", 11), "slot", 3).unwrap();
    let before = l.clone();
    let e = l.exchange(meta("x3", 11), R1, "slot", 1).unwrap_err();
    assert_eq!(
        e,
        LedgerError::InsufficientPoints {
            key: "x3".into(),
            account: R1,
            balance: 10,
            amount: 20
        }
    );
    assert_eq!(l, before);
    assert_eq!(l.item("slot").unwrap().stock, Some(3));
    // Unknown item, zero quantity, duplicate listing, restocking an unlimited item.
    let codes = [
        l.exchange(meta("x4", 11), R1, "nope", 1).unwrap_err(),
        l.exchange(meta("x5", 11), R1, "slot", 0).unwrap_err(),
        l.list_item(meta("l2", 11), CatalogueItem::new("slot", "Again", 5))
            .unwrap_err(),
    ]
    .map(|e| (e.code(), e.field()));
    assert_eq!(
        codes,
        [
            ("LEDGER_UNKNOWN_ITEM", Some("item".into())),
            ("LEDGER_NON_POSITIVE_AMOUNT", Some("quantity".into())),
            ("LEDGER_DUPLICATE_ITEM", Some("item.code".into())),
        ]
    );
    l.list_item(
        meta("l3", 11),
        CatalogueItem::new("tea", "Tea afternoon", 2),
    )
    .unwrap();
    let e = l.restock(meta("s2", 11), "tea", 1).unwrap_err();
    assert_eq!(e.code(), "LEDGER_UNLIMITED_STOCK");
    // Unlimited stock never runs out.
    l.exchange(meta("x6", 12), R1, "tea", 5).unwrap();
    assert_eq!(pts(&l, R1), 0);
    assert_eq!(l.item("tea").unwrap().stock, None);
}

#[test]
fn reversing_an_exchange_returns_points_and_stock() {
    let mut l = ledger_with(LedgerPolicy::default().with_points_daily_cap(None));
    l.list_item(
        meta("l1", 9),
        CatalogueItem::new("soap", "Soap", 5).with_stock(4),
    )
    .unwrap();
    l.earn_points(meta("p1", 9), R1, "activity", 30).unwrap();
    let Receipt::Posted(x) = l.exchange(meta("x1", 10), R1, "soap", 3).unwrap() else {
        panic!("posted");
    };
    assert_eq!((pts(&l, R1), l.item("soap").unwrap().stock), (15, Some(1)));
    let Receipt::Posted(rv) = l.reverse(meta("rv", 11), x).unwrap() else {
        panic!("posted");
    };
    assert_eq!((pts(&l, R1), pts(&l, FUND)), (30, -30));
    assert_eq!(l.item("soap").unwrap().stock, Some(4));
    let postings = &l.transaction(rv).unwrap().postings;
    assert_eq!(
        postings
            .iter()
            .map(|p| (p.account, p.amount, p.unit))
            .collect::<Vec<_>>(),
        [(FUND, -15, Unit::Points), (R1, 15, Unit::Points)]
    );
    // A restock sold since cannot be reversed; a listing never can.
    let Receipt::Posted(s) = l.restock(meta("s1", 12), "soap", 2).unwrap() else {
        panic!("posted");
    };
    l.exchange(meta("x2", 12), R1, "soap", 5).unwrap(); // stock 6 → 1
    let e = l.reverse(meta("rv2", 13), s).unwrap_err();
    assert_eq!(
        e,
        LedgerError::StockShort {
            key: "rv2".into(),
            item: "soap".into(),
            stock: 1,
            quantity: 2
        }
    );
    let e = l.reverse(meta("rv3", 13), TxId(1)).unwrap_err();
    assert_eq!(
        e,
        LedgerError::NotReversible {
            key: "rv3".into(),
            transaction: TxId(1),
            operation: OperationKind::ListItem
        }
    );
    // Reversing an earn whose points were spent is refused: points have no overdraft.
    let e = l.reverse(meta("rv4", 13), TxId(2)).unwrap_err();
    assert_eq!(e.code(), "LEDGER_INSUFFICIENT_POINTS");
    assert!(l.verify_balances());
}

#[test]
fn idempotent_replay_and_conflict() {
    let mut l = ledger();
    let first = l.earn_points(meta("p1", 9), R1, "meeting", 2).unwrap();
    let again = l.earn_points(meta("p1", 10), R1, "meeting", 2).unwrap();
    assert_eq!(first, again);
    assert_eq!((pts(&l, R1), l.transactions().len()), (2, 1));
    let e = l
        .earn_points(meta("p1", 10), R1, "activity", 2)
        .unwrap_err();
    assert_eq!(e.code(), "LEDGER_IDEMPOTENCY_CONFLICT");
}

#[test]
fn units_never_mix_and_each_sums_to_zero() {
    let mut l = ledger_with(LedgerPolicy::default().with_points_daily_cap(None));
    l.earn(meta("e1", 9), V1, crate::model::NeedId(1), 120)
        .unwrap();
    l.earn_points(meta("p1", 9), V1, "activity", 8).unwrap();
    l.list_item(meta("l1", 9), CatalogueItem::new("cut", "Haircut", 3))
        .unwrap();
    // Transfer and redeem of minutes leave points alone.
    l.transfer(meta("t1", 10), V1, R1, 30).unwrap();
    l.redeem(meta("r1", 10), V1, 30, None).unwrap();
    assert_eq!((bal(&l, V1), pts(&l, V1), pts(&l, R1)), (60, 8, 0));
    // An exchange leaves minutes alone.
    l.exchange(meta("x1", 10), V1, "cut", 2).unwrap();
    assert_eq!((bal(&l, V1), pts(&l, V1), bal(&l, FUND)), (60, 2, -90));
    // A batch may hold both units; each sums to zero on its own.
    l.batch(
        meta("b1", 11),
        vec![
            Operation::Earn {
                account: R2,
                need: crate::model::NeedId(2),
                minutes: 45,
            },
            Operation::EarnPoints {
                account: R2,
                rule: "meeting".into(),
                points: 1,
            },
        ],
    )
    .unwrap();
    assert_eq!((l.total_balance(), l.total_points()), (0, 0));
    // The points fund is the fund's points account; the pool holds no points.
    assert_eq!(pts(&l, FUND), -9 + 6);
    assert!(l.points_balance(POOL).is_err());
    let e = l
        .earn_points(meta("p2", 12), POOL, "activity", 1)
        .unwrap_err();
    assert_eq!(e.code(), "LEDGER_NOT_A_MEMBER_ACCOUNT");
    // A failed batch item names its field under the batch.
    let e = l
        .batch(
            meta("b2", 12),
            vec![Operation::Exchange {
                account: R2,
                item: "cut".into(),
                quantity: 1,
            }],
        )
        .unwrap_err();
    assert_eq!(
        (e.code(), e.field().as_deref(), e.cause()),
        (
            "LEDGER_BATCH_ITEM",
            Some("operations[0].points"),
            Some("LEDGER_INSUFFICIENT_POINTS")
        )
    );
    // Statements: minutes and points apart.
    let [m, p] = l.statements(V1, t(0, 0), t(23, 0)).unwrap();
    assert_eq!(
        (m.closing, p.closing, m.lines.len(), p.lines.len()),
        (60, 2, 3, 2)
    );
    assert_eq!(p.unit, Unit::Points);
}

#[test]
fn policy_rejects_negative_points_caps() {
    let e = LedgerPolicy::default()
        .with_points_daily_cap(Some(-1))
        .validate()
        .unwrap_err();
    assert_eq!(e.setting(), Some("points_daily_cap"));
    let e = LedgerPolicy::default()
        .with_points_lifetime_cap(Some(-1))
        .validate()
        .unwrap_err();
    assert_eq!(e.setting(), Some("points_lifetime_cap"));
}

#[cfg(feature = "serde")]
#[test]
fn journal_round_trips_points_and_old_journals_are_unchanged() {
    let mut l = ledger_with(LedgerPolicy::default().with_points_lifetime_cap(Some(50)));
    l.list_item(
        meta("l1", 9),
        CatalogueItem::new("soap", "Soap", 1).with_stock(3),
    )
    .unwrap();
    l.earn_points(meta("p1", 9), R1, "meeting", 2).unwrap();
    l.exchange(meta("x1", 10), R1, "soap", 2).unwrap();
    l.reverse(meta("rv", 11), TxId(3)).unwrap();
    let text = l.export_journal().unwrap();
    assert!(text.contains(r#""unit":"points""#));
    assert!(text.contains(r#""points_lifetime_cap":50"#));
    assert!(!text.contains("points_daily_cap"));
    let copy = crate::ledger::Ledger::import_journal(&text).unwrap();
    assert_eq!(copy, l);
    assert_eq!(copy.export_journal().unwrap(), text);
    // A journal with minutes only has no trace of points.
    let mut m = ledger();
    m.earn(meta("e1", 9), V1, crate::model::NeedId(1), 60)
        .unwrap();
    let text = m.export_journal().unwrap();
    assert!(!text.contains(r#""unit":""#) && !text.contains("points"));
}

#[cfg(feature = "serde")]
#[test]
fn operation_json_naming_the_wrong_unit_is_typed() {
    let e = Operation::from_json(r#"{"op": "exchange", "account": "resident#1", "item": "soap", "quantity": 1, "minutes": 5}"#)
        .unwrap_err();
    assert_eq!(
        e,
        LedgerError::WrongUnit {
            field: "minutes".into(),
            expected: Unit::Points,
            found: Unit::Minutes
        }
    );
    assert_eq!((e.record().as_deref(), e.key()), (Some("operation"), None));
    let e =
        Operation::from_json(r#"{"op": "earn", "account": "resident#1", "need": 1, "points": 2}"#)
            .unwrap_err();
    assert_eq!(
        (e.code(), e.field().as_deref()),
        ("LEDGER_WRONG_UNIT", Some("points"))
    );
    let e = Operation::from_json(r#"{"op": "earn_points", "account": "resident#1", "rule": "x"}"#)
        .unwrap_err();
    assert_eq!(e.code(), "LEDGER_INVALID_OPERATION");
}
