//! Each operation, with hand-worked balances.

use super::*;
use crate::ledger::{Operation, Posting, Receipt, TransferRule, TxId};
use crate::model::NeedId;

fn posting(account: AccountId, amount: i64, cap_excess: bool) -> Posting {
    Posting::new(account, amount, cap_excess)
}

#[test]
fn earn_moves_minutes_from_the_fund_to_the_member() {
    let mut l = ledger();
    let r = l.earn(meta("e1", 9), V1, NeedId(5), 90).unwrap();
    assert_eq!(r, Receipt::Posted(TxId(1)));
    assert_eq!(bal(&l, V1), 90);
    assert_eq!(bal(&l, FUND), -90);
    assert_eq!(l.total_balance(), 0);
    let tx = l.transaction(TxId(1)).unwrap();
    assert_eq!(
        tx.postings,
        [posting(FUND, -90, false), posting(V1, 90, false)]
    );
    assert_eq!(tx.meta.operator, "desk:li");
    assert_eq!(tx.posted_at, t(9, 0));
    assert!(l.verify_balances());
}

#[test]
fn earn_above_the_cap_sends_the_excess_to_the_pool() {
    // Cap 90,000 (default). Balance 89,950; earning 120 credits 50 and donates 70.
    let mut l = ledger();
    l.earn(meta("e1", 9), V1, NeedId(1), 89_950).unwrap();
    l.earn(meta("e2", 10), V1, NeedId(2), 120).unwrap();
    assert_eq!(bal(&l, V1), 90_000);
    assert_eq!(bal(&l, POOL), 70);
    assert_eq!(bal(&l, FUND), -90_070);
    assert_eq!(
        l.transaction(TxId(2)).unwrap().postings,
        [
            posting(FUND, -120, false),
            posting(V1, 50, false),
            posting(POOL, 70, true)
        ]
    );
    // At the cap, everything earned goes to the pool.
    l.earn(meta("e3", 11), V1, NeedId(3), 30).unwrap();
    assert_eq!(bal(&l, V1), 90_000);
    assert_eq!(bal(&l, POOL), 100);
    assert_eq!(
        l.transaction(TxId(3)).unwrap().postings,
        [posting(FUND, -30, false), posting(POOL, 30, true)]
    );
    assert_eq!(l.total_balance(), 0);
}

#[test]
fn redeem_returns_minutes_to_the_fund() {
    let mut l = ledger();
    l.earn(meta("e1", 9), V1, NeedId(1), 120).unwrap();
    l.redeem(meta("r1", 10), V1, 45, Some(NeedId(8))).unwrap();
    assert_eq!(bal(&l, V1), 75);
    assert_eq!(bal(&l, FUND), -75);
}

#[test]
fn redeem_may_use_the_overdraft_down_to_the_floor() {
    let mut l = ledger_with(LedgerPolicy::default().with_overdraft_limit(60));
    l.redeem(meta("r1", 9), R2, 60, None).unwrap();
    assert_eq!(bal(&l, R2), -60);
    assert_eq!(bal(&l, FUND), 60);
}

#[test]
fn transfer_to_family_in_either_direction() {
    let mut l = ledger();
    l.earn(meta("e1", 9), V1, NeedId(1), 100).unwrap();
    l.transfer(meta("t1", 10), V1, R1, 40).unwrap();
    assert_eq!((bal(&l, V1), bal(&l, R1)), (60, 40));
    // Only V1 declares the link; it works back the other way too.
    l.transfer(meta("t2", 11), R1, V1, 10).unwrap();
    assert_eq!((bal(&l, V1), bal(&l, R1)), (70, 30));
    assert_eq!(bal(&l, FUND), -100);
}

#[test]
fn transfer_to_anyone_when_the_policy_allows() {
    let mut l = ledger_with(LedgerPolicy::default().with_transfer_rule(TransferRule::Anyone));
    l.earn(meta("e1", 9), V1, NeedId(1), 100).unwrap();
    l.transfer(meta("t1", 10), V1, R2, 25).unwrap();
    assert_eq!((bal(&l, V1), bal(&l, R2)), (75, 25));
}

#[test]
fn donate_moves_minutes_to_the_pool() {
    let mut l = ledger();
    l.earn(meta("e1", 9), V1, NeedId(1), 100).unwrap();
    l.donate(meta("d1", 10), V1, 30).unwrap();
    assert_eq!((bal(&l, V1), bal(&l, POOL)), (70, 30));
}

#[test]
fn group_accounts_earn_and_donate_only() {
    let mut l = ledger();
    l.earn(meta("e1", 9), ORG, NeedId(1), 60).unwrap();
    l.donate(meta("d1", 10), ORG, 60).unwrap();
    assert_eq!((bal(&l, ORG), bal(&l, POOL)), (0, 60));
    // With the rule switched off, a group account may redeem.
    let mut l = ledger_with(LedgerPolicy::default().with_group_donate_only(false));
    l.earn(meta("e1", 9), ORG, NeedId(1), 60).unwrap();
    l.redeem(meta("r1", 10), ORG, 20, None).unwrap();
    assert_eq!(bal(&l, ORG), 40);
}

#[test]
fn starting_grant_comes_from_the_fund_once() {
    let mut l = ledger_with(LedgerPolicy::default().with_starting_grant(120));
    l.starting_grant(meta("g1", 9), R2).unwrap();
    assert_eq!((bal(&l, R2), bal(&l, FUND)), (120, -120));
    assert!(l.starting_grant_given(R2));
    assert!(!l.starting_grant_given(R1));
}

#[test]
fn pool_grant_serves_priority_accounts_first_by_id() {
    let mut l = ledger();
    l.earn(meta("e1", 9), V1, NeedId(1), 100).unwrap();
    l.donate(meta("d1", 9), V1, 100).unwrap();
    // Pool 100, 40 each: R1 and R3 (priority, by id) get 40 each, R2 the last 20.
    l.pool_grant(meta("g1", 10), vec![R2, R3, R1, R3], 40)
        .unwrap();
    assert_eq!((bal(&l, R1), bal(&l, R3), bal(&l, R2)), (40, 40, 20));
    assert_eq!(bal(&l, POOL), 0);
    assert_eq!(
        l.transaction(TxId(3)).unwrap().postings,
        [
            posting(POOL, -40, false),
            posting(R1, 40, false),
            posting(POOL, -40, false),
            posting(R3, 40, false),
            posting(POOL, -20, false),
            posting(R2, 20, false),
        ]
    );
}

#[test]
fn pool_grant_gives_no_more_than_the_cap_allows() {
    let mut l = ledger_with(LedgerPolicy::default().with_cap(600));
    l.earn(meta("e1", 9), R1, NeedId(1), 590).unwrap();
    l.earn(meta("e2", 9), V1, NeedId(2), 100).unwrap();
    l.donate(meta("d1", 9), V1, 100).unwrap();
    // R1 has room for 10 only; R2 gets the full 50; 40 stay in the pool.
    l.pool_grant(meta("g1", 10), vec![R1, R2], 50).unwrap();
    assert_eq!((bal(&l, R1), bal(&l, R2), bal(&l, POOL)), (600, 50, 40));
}

#[test]
fn batch_is_one_transaction_applied_in_order() {
    let mut l = ledger();
    l.batch(
        meta("b1", 9),
        vec![
            Operation::Earn {
                account: V1,
                need: NeedId(1),
                minutes: 60,
            },
            Operation::Earn {
                account: R2,
                need: NeedId(2),
                minutes: 30,
            },
            Operation::Donate {
                from: V1,
                minutes: 20,
            },
        ],
    )
    .unwrap();
    assert_eq!(l.transactions().len(), 1);
    assert_eq!(l.transactions()[0].postings.len(), 6);
    assert_eq!(
        (bal(&l, V1), bal(&l, R2), bal(&l, POOL), bal(&l, FUND)),
        (40, 30, 20, -90)
    );
}

#[test]
fn reversal_restores_balances_exactly() {
    let mut l = ledger();
    l.earn(meta("e1", 9), V1, NeedId(1), 89_950).unwrap();
    l.earn(meta("e2", 10), V1, NeedId(2), 120).unwrap();
    let r = l.reverse(meta("x1", 11), TxId(2)).unwrap();
    assert_eq!(r, Receipt::Posted(TxId(3)));
    assert_eq!(
        (bal(&l, V1), bal(&l, POOL), bal(&l, FUND)),
        (89_950, 0, -89_950)
    );
    assert_eq!(l.reversed_by(TxId(2)), Some(TxId(3)));
    assert_eq!(l.reversed_by(TxId(1)), None);
    // The original stays: nothing is deleted.
    assert_eq!(l.transactions().len(), 3);
    assert_eq!(l.transaction(TxId(2)).unwrap().postings.len(), 3);
    assert!(l.verify_balances());
}

#[test]
fn reversed_starting_grant_is_not_given_again() {
    let mut l = ledger_with(LedgerPolicy::default().with_starting_grant(60));
    l.starting_grant(meta("g1", 9), R2).unwrap();
    l.reverse(meta("x1", 9), TxId(1)).unwrap();
    assert_eq!(bal(&l, R2), 0);
    let err = l.starting_grant(meta("g2", 9), R2).unwrap_err();
    assert!(matches!(
        err,
        crate::ledger::LedgerError::StartingGrantAlreadyGiven { account: R2, .. }
    ));
}

#[test]
fn idempotent_retry_returns_the_first_result_and_changes_nothing() {
    let mut l = ledger();
    let first = l.earn(meta("e1", 9), V1, NeedId(1), 90).unwrap();
    let snapshot = l.clone();
    // The same request again, even later, is answered from the record.
    let again = l.earn(meta("e1", 12), V1, NeedId(1), 90).unwrap();
    assert_eq!(again, first);
    assert_eq!(l, snapshot);
    assert_eq!(bal(&l, V1), 90);
    assert_eq!(l.receipt("e1"), Some(Receipt::Posted(TxId(1))));
    assert_eq!(l.receipt("nope"), None);
}

#[test]
fn amounts_in_units_of_fifteen() {
    let mut l = ledger_with(LedgerPolicy::default().with_unit(15));
    l.earn(meta("e1", 9), V1, NeedId(1), 45).unwrap();
    assert_eq!(bal(&l, V1), 45);
}

#[test]
fn balances_are_listed_and_sum_to_zero() {
    let mut l = ledger();
    l.earn(meta("e1", 9), V1, NeedId(1), 100).unwrap();
    l.donate(meta("d1", 9), V1, 10).unwrap();
    let listed: Vec<(AccountId, i64)> = l.balances().collect();
    assert_eq!(
        listed,
        [
            (R1, 0),
            (R2, 0),
            (R3, 0),
            (V1, 90),
            (ORG, 0),
            (FUND, -100),
            (POOL, 10)
        ]
    );
    assert_eq!(l.accounts().count(), 7);
    assert!(l.account(R1).unwrap().is_priority());
}

#[test]
fn reversal_of_a_batch_is_checked_on_its_net_effect() {
    let mut l = ledger();
    // V1 earns 100 and spends it in one batch: net 0 for V1, but the path goes through 100.
    l.batch(
        meta("b1", 9),
        vec![
            Operation::Earn {
                account: V1,
                need: NeedId(1),
                minutes: 100,
            },
            Operation::Redeem {
                account: V1,
                minutes: 100,
                need: None,
            },
        ],
    )
    .unwrap();
    assert_eq!((bal(&l, V1), bal(&l, FUND)), (0, 0));
    // Mirrored posting by posting, V1 would dip to -100; by net effect nothing changes.
    l.reverse(meta("x1", 10), TxId(1)).unwrap();
    assert_eq!((bal(&l, V1), bal(&l, FUND)), (0, 0));
    assert_eq!(
        l.transaction(TxId(2)).unwrap().postings,
        [
            posting(FUND, -100, false),
            posting(V1, 100, false),
            posting(V1, -100, false),
            posting(FUND, 100, false),
        ]
    );
}
