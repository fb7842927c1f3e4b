//! Earns that need reviewers before they count.

use super::*;
use crate::ledger::{LedgerError, Operation, Receipt, TransferRule, TxId};
use crate::model::NeedId;

#[test]
fn earn_is_posted_after_two_distinct_reviewers() {
    let mut l = ledger_with(LedgerPolicy::default().with_reviewers_required(2));
    let r = l.earn(meta("e1", 9), V1, NeedId(1), 60).unwrap();
    assert_eq!(
        r,
        Receipt::Pending {
            approvals: 0,
            required: 2
        }
    );
    assert_eq!(bal(&l, V1), 0);
    assert!(l.transactions().is_empty());
    assert_eq!(l.pending("e1").unwrap().approvals.len(), 0);

    // The submitter cannot review.
    let before = l.clone();
    assert_eq!(
        l.approve("e1", "desk:li", t(10, 0)),
        Err(LedgerError::SelfReview {
            key: "e1".to_owned(),
            reviewer: "desk:li".to_owned()
        })
    );
    assert_eq!(l, before);

    let r = l.approve("e1", "zhao", t(10, 0)).unwrap();
    assert_eq!(
        r,
        Receipt::Pending {
            approvals: 1,
            required: 2
        }
    );
    // The same reviewer again does not count twice and changes nothing.
    let before = l.clone();
    assert_eq!(l.approve("e1", "zhao", t(10, 30)).unwrap(), r);
    assert_eq!(l, before);
    assert_eq!(bal(&l, V1), 0);

    let r = l.approve("e1", "qian", t(11, 0)).unwrap();
    assert_eq!(r, Receipt::Posted(TxId(1)));
    assert_eq!(bal(&l, V1), 60);
    assert_eq!(bal(&l, FUND), -60);
    let tx = l.transaction(TxId(1)).unwrap();
    assert_eq!(tx.reviewers, ["zhao", "qian"]);
    assert_eq!(tx.meta.at, t(9, 0));
    assert_eq!(tx.posted_at, t(11, 0));
    assert!(l.pending("e1").is_none());

    // Retrying the submission now reports the posting.
    let before = l.clone();
    assert_eq!(
        l.earn(meta("e1", 12), V1, NeedId(1), 60).unwrap(),
        Receipt::Posted(TxId(1))
    );
    // A reviewer retrying gets the same answer; a newcomer finds nothing pending.
    assert_eq!(
        l.approve("e1", "qian", t(12, 0)).unwrap(),
        Receipt::Posted(TxId(1))
    );
    assert_eq!(l, before);
    assert_eq!(
        l.approve("e1", "sun", t(12, 0)),
        Err(LedgerError::NotPending {
            key: "e1".to_owned()
        })
    );
    assert_eq!(
        l.approve("nope", "sun", t(12, 0)),
        Err(LedgerError::NotPending {
            key: "nope".to_owned()
        })
    );
    assert_eq!(
        l.approve("e1", "", t(12, 0)),
        Err(LedgerError::EmptyText {
            key: "e1".into(),
            field: "reviewer"
        })
    );
}

#[test]
fn operations_without_an_earn_need_no_review() {
    let mut l = ledger_with(
        LedgerPolicy::default()
            .with_reviewers_required(1)
            .with_starting_grant(60),
    );
    let r = l.starting_grant(meta("g1", 9), V1).unwrap();
    assert_eq!(r, Receipt::Posted(TxId(1)));
    l.donate(meta("d1", 9), V1, 15).unwrap();
    assert_eq!(bal(&l, POOL), 15);
}

#[test]
fn final_approval_rechecks_the_rules_against_current_balances() {
    let mut l = ledger_with(
        LedgerPolicy::default()
            .with_reviewers_required(1)
            .with_starting_grant(100)
            .with_transfer_rule(TransferRule::Anyone),
    );
    l.starting_grant(meta("g1", 9), V1).unwrap();
    // A batch with an earn waits for review; its transfer fits V1's 100 now.
    let batch = vec![
        Operation::Earn {
            account: R2,
            need: NeedId(1),
            minutes: 10,
        },
        Operation::Transfer {
            from: V1,
            to: R1,
            minutes: 100,
        },
    ];
    let r = l.batch(meta("b1", 9), batch).unwrap();
    assert!(matches!(r, Receipt::Pending { approvals: 0, .. }));
    // Meanwhile V1 spends 50, so the transfer no longer fits.
    l.redeem(meta("r1", 10), V1, 50, None).unwrap();
    let before = l.clone();
    let err = l.approve("b1", "zhao", t(11, 0)).unwrap_err();
    assert!(matches!(err, LedgerError::BatchItem { index: 1, .. }));
    assert_eq!(l, before);
    assert_eq!(l.pending("b1").unwrap().approvals.len(), 0);
}

#[test]
fn approvals_respect_time_order() {
    let mut l = ledger_with(LedgerPolicy::default().with_reviewers_required(1));
    l.earn(meta("e1", 10), V1, NeedId(1), 60).unwrap();
    assert!(matches!(
        l.approve("e1", "zhao", t(9, 0)),
        Err(LedgerError::TimeOutOfOrder { .. })
    ));
}
