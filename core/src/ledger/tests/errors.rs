//! Every error kind, and that a rejected request changes nothing.

use super::*;
use crate::ledger::{LedgerError, Operation, OperationKind, TransferRule, TxId};
use crate::model::NeedId;

/// Runs `op` on a clone of `l`, expects an error, and checks the ledger did not change.
fn rejected(
    l: &mut Ledger,
    op: impl FnOnce(&mut Ledger) -> Result<crate::ledger::Receipt, LedgerError>,
) -> LedgerError {
    let before = l.clone();
    let err = op(l).expect_err("request should be rejected");
    assert_eq!(*l, before, "a rejected request changed the ledger");
    err
}

fn key(k: &str) -> String {
    k.to_owned()
}

#[test]
fn invalid_policies_are_named_by_field() {
    let field = |p: LedgerPolicy| match Ledger::new(p) {
        Err(LedgerError::InvalidPolicy { field, .. }) => field,
        other => panic!("expected InvalidPolicy, got {other:?}"),
    };
    assert_eq!(field(LedgerPolicy::default().with_unit(0)), "unit");
    assert_eq!(field(LedgerPolicy::default().with_cap(-1)), "cap");
    assert_eq!(
        field(LedgerPolicy::default().with_overdraft_limit(-1)),
        "overdraft_limit"
    );
    assert_eq!(
        field(
            LedgerPolicy::default()
                .with_unit(15)
                .with_starting_grant(100)
        ),
        "starting_grant"
    );
    assert_eq!(
        field(
            LedgerPolicy::default()
                .with_cap(60)
                .with_starting_grant(120)
        ),
        "starting_grant"
    );
    assert_eq!(
        field(LedgerPolicy::default().with_starting_grant(-5)),
        "starting_grant"
    );
}

#[test]
fn empty_key_or_operator() {
    let mut l = ledger();
    let err = rejected(&mut l, |l| {
        l.earn(TxMeta::new("", "desk", t(9, 0)), V1, NeedId(1), 5)
    });
    assert_eq!(err, LedgerError::EmptyField { field: "key" });
    let err = rejected(&mut l, |l| {
        l.earn(TxMeta::new("k", "", t(9, 0)), V1, NeedId(1), 5)
    });
    assert_eq!(
        err,
        LedgerError::EmptyText {
            key: "k".into(),
            field: "operator"
        }
    );
    assert_eq!(
        err.to_string(),
        "transaction 'k': operator must not be empty"
    );
    assert_eq!(
        (err.code(), err.record().as_deref(), err.field().as_deref()),
        (
            "LEDGER_EMPTY_FIELD",
            Some("transaction 'k'"),
            Some("operator")
        )
    );
}

#[test]
fn duplicate_and_unopened_accounts() {
    let mut l = ledger();
    assert_eq!(
        l.open_account(Account::new(V1)),
        Err(LedgerError::DuplicateAccount { account: V1 })
    );
    assert_eq!(
        l.open_account(Account::new(FUND)),
        Err(LedgerError::DuplicateAccount { account: FUND })
    );
    let stranger = AccountId::Resident(ResidentId(99));
    assert_eq!(
        l.balance(stranger),
        Err(LedgerError::AccountNotOpen { account: stranger })
    );
    let err = rejected(&mut l, |l| l.earn(meta("e1", 9), stranger, NeedId(1), 5));
    assert_eq!(
        err,
        LedgerError::UnknownAccount {
            key: key("e1"),
            account: stranger
        }
    );
}

#[test]
fn fund_and_pool_are_not_members() {
    let mut l = ledger();
    let err = rejected(&mut l, |l| l.earn(meta("e1", 9), FUND, NeedId(1), 5));
    assert_eq!(
        err,
        LedgerError::NotAMemberAccount {
            key: key("e1"),
            account: FUND
        }
    );
    let err = rejected(&mut l, |l| l.redeem(meta("r1", 9), POOL, 5, None));
    assert!(matches!(
        err,
        LedgerError::NotAMemberAccount { account: POOL, .. }
    ));
}

#[test]
fn amounts_must_be_positive_multiples_of_the_unit() {
    let mut l = ledger_with(LedgerPolicy::default().with_unit(15));
    let err = rejected(&mut l, |l| l.earn(meta("e1", 9), V1, NeedId(1), 0));
    assert_eq!(
        err,
        LedgerError::NonPositiveAmount {
            key: key("e1"),
            field: "minutes",
            amount: 0
        }
    );
    let err = rejected(&mut l, |l| l.donate(meta("d1", 9), V1, -15));
    assert!(matches!(
        err,
        LedgerError::NonPositiveAmount { amount: -15, .. }
    ));
    let err = rejected(&mut l, |l| l.earn(meta("e2", 9), V1, NeedId(1), 50));
    assert_eq!(
        err,
        LedgerError::NotAMultipleOfUnit {
            key: key("e2"),
            field: "minutes",
            amount: 50,
            unit: 15
        }
    );
    let err = rejected(&mut l, |l| l.pool_grant(meta("g1", 9), vec![R1], 20));
    assert!(matches!(
        err,
        LedgerError::NotAMultipleOfUnit {
            field: "minutes_each",
            amount: 20,
            ..
        }
    ));
}

#[test]
fn floor_breach_names_account_balance_amount_and_floor() {
    let mut l = ledger_with(LedgerPolicy::default().with_overdraft_limit(60));
    l.redeem(meta("r1", 9), R2, 60, None).unwrap();
    let err = rejected(&mut l, |l| l.redeem(meta("r2", 9), R2, 15, None));
    assert_eq!(
        err,
        LedgerError::FloorBreach {
            key: key("r2"),
            account: R2,
            balance: -60,
            amount: 15,
            floor: -60
        }
    );
    // The pool's floor is 0 even with an overdraft for members: with a cap of 600, V1 earns
    // 650 (50 to the pool), the pool grants the 50 to R1, and reversing the earn would take
    // the pool to -50.
    let mut l = ledger_with(
        LedgerPolicy::default()
            .with_overdraft_limit(60)
            .with_cap(600),
    );
    l.earn(meta("e1", 9), V1, NeedId(1), 650).unwrap();
    l.pool_grant(meta("g1", 9), vec![R1], 50).unwrap();
    let err = rejected(&mut l, |l| l.reverse(meta("x1", 9), TxId(1)));
    assert_eq!(
        err,
        LedgerError::FloorBreach {
            key: key("x1"),
            account: POOL,
            balance: 0,
            amount: 50,
            floor: 0
        }
    );
}

#[test]
fn cap_breach_on_transfer() {
    let mut l = ledger_with(LedgerPolicy::default().with_cap(600));
    l.earn(meta("e1", 9), R1, NeedId(1), 580).unwrap();
    l.earn(meta("e2", 9), V1, NeedId(1), 100).unwrap();
    let err = rejected(&mut l, |l| l.transfer(meta("t1", 10), V1, R1, 30));
    assert_eq!(
        err,
        LedgerError::CapBreach {
            key: key("t1"),
            account: R1,
            balance: 580,
            amount: 30,
            cap: 600
        }
    );
}

#[test]
fn transfer_rules() {
    let mut l = ledger();
    l.earn(meta("e1", 9), V1, NeedId(1), 100).unwrap();
    let err = rejected(&mut l, |l| l.transfer(meta("t1", 9), V1, R2, 10));
    assert_eq!(
        err,
        LedgerError::TransferNotAllowed {
            key: key("t1"),
            from: V1,
            to: R2,
            rule: TransferRule::FamilyOnly
        }
    );
    let err = rejected(&mut l, |l| l.transfer(meta("t2", 9), V1, V1, 10));
    assert_eq!(
        err,
        LedgerError::SameAccount {
            key: key("t2"),
            account: V1
        }
    );
    let mut l = ledger_with(LedgerPolicy::default().with_transfer_rule(TransferRule::Nobody));
    l.earn(meta("e1", 9), V1, NeedId(1), 100).unwrap();
    let err = rejected(&mut l, |l| l.transfer(meta("t1", 9), V1, R1, 10));
    assert!(matches!(
        err,
        LedgerError::TransferNotAllowed {
            rule: TransferRule::Nobody,
            ..
        }
    ));
}

#[test]
fn group_hours_are_donate_only() {
    let mut l = ledger_with(LedgerPolicy::default().with_transfer_rule(TransferRule::Anyone));
    l.earn(meta("e1", 9), ORG, NeedId(1), 60).unwrap();
    let err = rejected(&mut l, |l| l.redeem(meta("r1", 9), ORG, 10, None));
    assert_eq!(
        err,
        LedgerError::GroupHoursDonateOnly {
            key: key("r1"),
            account: ORG
        }
    );
    let err = rejected(&mut l, |l| l.transfer(meta("t1", 9), ORG, R2, 10));
    assert!(matches!(
        err,
        LedgerError::GroupHoursDonateOnly { account: ORG, .. }
    ));
}

#[test]
fn starting_grant_errors() {
    let mut l = ledger();
    let err = rejected(&mut l, |l| l.starting_grant(meta("g1", 9), R2));
    assert_eq!(err, LedgerError::StartingGrantDisabled { key: key("g1") });
    let mut l = ledger_with(LedgerPolicy::default().with_starting_grant(30));
    l.starting_grant(meta("g1", 9), R2).unwrap();
    let err = rejected(&mut l, |l| l.starting_grant(meta("g2", 9), R2));
    assert_eq!(
        err,
        LedgerError::StartingGrantAlreadyGiven {
            key: key("g2"),
            account: R2
        }
    );
    // Twice in one batch is caught too.
    let err = rejected(&mut l, |l| {
        l.batch(
            meta("b1", 9),
            vec![
                Operation::StartingGrant { to: R1 },
                Operation::StartingGrant { to: R1 },
            ],
        )
    });
    assert!(matches!(err, LedgerError::BatchItem { index: 1, .. }));
}

#[test]
fn pool_grant_with_an_empty_pool_gives_nothing() {
    let mut l = ledger();
    let err = rejected(&mut l, |l| l.pool_grant(meta("g1", 9), vec![R1, R2], 30));
    assert_eq!(err, LedgerError::NothingToGrant { key: key("g1") });
}

#[test]
fn failed_batch_changes_nothing() {
    let mut l = ledger();
    l.earn(meta("e1", 9), V1, NeedId(1), 100).unwrap();
    // After the transfer V1 has 40; redeeming 50 would leave -10.
    let err = rejected(&mut l, |l| {
        l.batch(
            meta("b1", 10),
            vec![
                Operation::Transfer {
                    from: V1,
                    to: R1,
                    minutes: 60,
                },
                Operation::Redeem {
                    account: V1,
                    minutes: 50,
                    need: None,
                },
            ],
        )
    });
    assert_eq!(
        err,
        LedgerError::BatchItem {
            key: key("b1"),
            index: 1,
            source: Box::new(LedgerError::FloorBreach {
                key: key("b1"),
                account: V1,
                balance: 40,
                amount: 50,
                floor: 0
            })
        }
    );
    assert_eq!(l.receipt("b1"), None);
}

#[test]
fn batch_shape_errors() {
    let mut l = ledger();
    let err = rejected(&mut l, |l| l.batch(meta("b1", 9), vec![]));
    assert_eq!(err, LedgerError::EmptyBatch { key: key("b1") });
    let donate = Operation::Donate {
        from: V1,
        minutes: 1,
    };
    let err = rejected(&mut l, |l| {
        l.batch(
            meta("b2", 9),
            vec![
                donate.clone(),
                Operation::Batch {
                    operations: vec![donate.clone()],
                },
            ],
        )
    });
    assert_eq!(
        err,
        LedgerError::NotAllowedInBatch {
            key: key("b2"),
            index: 1,
            operation: OperationKind::Batch
        }
    );
    let err = rejected(&mut l, |l| {
        l.batch(
            meta("b3", 9),
            vec![Operation::Reverse {
                transaction: TxId(1),
            }],
        )
    });
    assert!(matches!(
        err,
        LedgerError::NotAllowedInBatch {
            index: 0,
            operation: OperationKind::Reversal,
            ..
        }
    ));
}

#[test]
fn overflow_is_an_error_not_a_wrap() {
    let mut l = ledger_with(LedgerPolicy::default().without_cap());
    l.earn(meta("e1", 9), V1, NeedId(1), i64::MAX).unwrap();
    l.earn(meta("e2", 9), R1, NeedId(1), 1).unwrap();
    assert_eq!(bal(&l, FUND), i64::MIN);
    // V1 is at i64::MAX: one more minute overflows it.
    let err = rejected(&mut l, |l| l.transfer(meta("t1", 9), R1, V1, 1));
    assert_eq!(
        err,
        LedgerError::Overflow {
            key: key("t1"),
            account: V1
        }
    );
    // The fund is at i64::MIN: issuing one more minute overflows it.
    let err = rejected(&mut l, |l| l.earn(meta("e3", 9), R2, NeedId(1), 1));
    assert_eq!(
        err,
        LedgerError::Overflow {
            key: key("e3"),
            account: FUND
        }
    );
    assert_eq!(l.total_balance(), 0);
}

#[test]
fn idempotency_conflict_on_different_content() {
    let mut l = ledger();
    l.earn(meta("e1", 9), V1, NeedId(1), 90).unwrap();
    let err = rejected(&mut l, |l| l.earn(meta("e1", 9), V1, NeedId(1), 91));
    assert_eq!(err, LedgerError::IdempotencyConflict { key: key("e1") });
    let err = rejected(&mut l, |l| {
        l.earn(meta("e1", 9).with_memo("changed"), V1, NeedId(1), 90)
    });
    assert_eq!(err, LedgerError::IdempotencyConflict { key: key("e1") });
    let err = rejected(&mut l, |l| {
        l.earn(TxMeta::new("e1", "desk:wu", t(9, 0)), V1, NeedId(1), 90)
    });
    assert_eq!(err, LedgerError::IdempotencyConflict { key: key("e1") });
}

#[test]
fn reversal_errors() {
    let mut l = ledger();
    l.earn(meta("e1", 9), V1, NeedId(1), 100).unwrap();
    l.redeem(meta("r1", 9), V1, 80, None).unwrap();
    // Reversing the earn would take V1 from 20 to -80.
    let err = rejected(&mut l, |l| l.reverse(meta("x1", 10), TxId(1)));
    assert_eq!(
        err,
        LedgerError::FloorBreach {
            key: key("x1"),
            account: V1,
            balance: 20,
            amount: 100,
            floor: 0
        }
    );
    l.reverse(meta("x2", 10), TxId(2)).unwrap();
    let err = rejected(&mut l, |l| l.reverse(meta("x3", 10), TxId(2)));
    assert_eq!(
        err,
        LedgerError::AlreadyReversed {
            key: key("x3"),
            transaction: TxId(2),
            reversal: TxId(3)
        }
    );
    let err = rejected(&mut l, |l| l.reverse(meta("x4", 10), TxId(3)));
    assert_eq!(
        err,
        LedgerError::ReversalOfReversal {
            key: key("x4"),
            transaction: TxId(3)
        }
    );
    for missing in [TxId(0), TxId(99)] {
        let err = rejected(&mut l, |l| l.reverse(meta("x5", 10), missing));
        assert_eq!(
            err,
            LedgerError::UnknownTransaction {
                key: key("x5"),
                transaction: missing
            }
        );
    }
}

#[test]
fn time_may_not_go_backwards() {
    let mut l = ledger();
    l.earn(meta("e1", 10), V1, NeedId(1), 10).unwrap();
    let err = rejected(&mut l, |l| l.earn(meta("e2", 9), V1, NeedId(1), 10));
    assert_eq!(
        err,
        LedgerError::TimeOutOfOrder {
            key: key("e2"),
            at: t(9, 0),
            latest: t(10, 0)
        }
    );
}

#[test]
fn error_messages_name_the_key_and_account() {
    let err = LedgerError::FloorBreach {
        key: key("r2"),
        account: R2,
        balance: -60,
        amount: 15,
        floor: -60,
    };
    assert_eq!(
        err.to_string(),
        "transaction 'r2': taking 15 from resident#2 (balance -60) would go below its floor -60"
    );
}
