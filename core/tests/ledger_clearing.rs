//! Clearing between banks (通存通兑): hand-worked transfers, refusals, limits and errors between
//! two or three banks; the journals of both sides; and a deterministic fault-injection run
//! across 50 banks (repeated, delayed, reordered and lost messages, coordinator crashes between
//! the phases) in which the city total never changes and no transfer applies twice.

#![cfg(feature = "serde")]

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Duration, NaiveDate, NaiveDateTime};
use huzhu::ledger::{
    Account, AccountId, BankId, Clearing, ClearingPolicy, IncomingOutcome, JournalHead, Ledger,
    LedgerError, LedgerPolicy, Operation, OperationKind, Receipt, TransferLimit, TransferMessage,
    TransferOutcome, TransferReply, TransferRequest, TransferStatus, TxId, TxMeta,
    verify_journal_lines,
};
use huzhu::model::{NeedId, ProviderId, ResidentId, VolunteerId};

const V1: AccountId = AccountId::Volunteer(VolunteerId(1));
const V2: AccountId = AccountId::Volunteer(VolunteerId(2));
const R7: AccountId = AccountId::Resident(ResidentId(7));
const R9: AccountId = AccountId::Resident(ResidentId(9));
const ORG: AccountId = AccountId::Organisation(ProviderId(1));

fn code(text: &str) -> BankId {
    text.parse().expect("valid bank code")
}

/// 2026-03-`day` at `h:m`.
fn at(day: u32, h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 3, day)
        .and_then(|d| d.and_hms_opt(h, m, 0))
        .expect("valid test time")
}

fn meta(key: &str, time: NaiveDateTime) -> TxMeta {
    TxMeta::new(key, "desk:li", time)
}

/// A bank `own` clearing with `peers`, under `clearing` (its bank code set to `own`).
fn bank_with(own: &str, peers: &[&str], clearing: ClearingPolicy) -> Ledger {
    let policy = LedgerPolicy::default().with_clearing(clearing.with_bank(Some(code(own))));
    let mut ledger = Ledger::new(policy).expect("valid policy");
    for peer in peers {
        ledger
            .open_account(Account::new(AccountId::Clearing(code(peer))))
            .expect("fresh clearing account");
    }
    ledger
}

/// Pudong (V1, V2, a group account ORG) and Xuhui (R7), clearing with each other and with
/// Jingan; V1 has earned 120 and V2 600 in Pudong.
fn pudong_xuhui(clearing: ClearingPolicy) -> (Ledger, Ledger) {
    let mut pudong = bank_with("pudong", &["xuhui", "jingan"], clearing.clone());
    let mut xuhui = bank_with("xuhui", &["pudong", "jingan"], clearing);
    for a in [
        Account::new(V1),
        Account::new(V2),
        Account::new(ORG).with_group(true),
    ] {
        pudong.open_account(a).expect("fresh account");
    }
    xuhui.open_account(Account::new(R7)).expect("fresh account");
    pudong
        .earn(meta("e1", at(2, 8, 0)), V1, NeedId(1), 120)
        .expect("earn");
    pudong
        .earn(meta("e2", at(2, 8, 0)), V2, NeedId(2), 600)
        .expect("earn");
    pudong
        .earn(meta("e3", at(2, 8, 0)), ORG, NeedId(3), 60)
        .expect("earn");
    (pudong, xuhui)
}

fn no_limits() -> ClearingPolicy {
    ClearingPolicy::default().with_member_daily_limit(None)
}

fn bal(ledger: &Ledger, account: AccountId) -> i64 {
    ledger.balance(account).expect("open account")
}

fn head(ledger: &Ledger) -> String {
    ledger.journal_head().expect("journal head").hash
}

#[test]
fn hand_worked_transfer_prepare_apply_acknowledge() {
    let (mut pudong, mut xuhui) = pudong_xuhui(no_limits());
    let (a, b) = (code("pudong"), code("xuhui"));
    let clearing = Clearing::new("clearing:city");
    let request = TransferRequest::new("t1", b, V1, R7, 90);

    // Phase 1 at Pudong: V1 120 → 30, clearing#xuhui 0 → +90; 90 minutes in transit.
    let message =
        Clearing::prepare(&mut pudong, meta("send-1", at(2, 10, 0)), &request).expect("prepare");
    assert_eq!(bal(&pudong, V1), 30);
    assert_eq!(bal(&pudong, AccountId::Clearing(b)), 90);
    assert_eq!(pudong.unsettled_minutes(), 90);
    assert_eq!(pudong.total_balance(), 0);
    // The message carries Pudong's head right after the prepare.
    assert_eq!(message.source_head, head(&pudong));
    assert_eq!(
        (
            message.transfer_key.as_str(),
            message.from_bank,
            message.to_bank,
            message.from_account,
            message.to_account,
            message.minutes
        ),
        ("t1", a, b, V1, R7, 90)
    );
    let record = pudong.outgoing_transfer("t1").expect("recorded");
    // e1, e2, e3 are tx#1–3: the prepare is tx#4.
    assert_eq!(
        (record.prepared, &record.status),
        (TxId(4), &TransferStatus::Prepared)
    );
    // City total: members 30 + 600 + 60 in Pudong, 0 in Xuhui, 90 in transit = 780.
    let members = |l: &Ledger| -> i64 {
        l.balances()
            .filter(|(id, _)| id.is_member())
            .map(|(_, b)| b)
            .sum()
    };
    assert_eq!(members(&pudong) + members(&xuhui) + 90, 780);

    // The same request again: the first receipt and the same message; nothing changes.
    let before = pudong.clone();
    let again = Clearing::prepare(&mut pudong, meta("send-1", at(2, 10, 5)), &request)
        .expect("idempotent retry");
    assert_eq!((again, &pudong), (message.clone(), &before));

    // Phase 2 at Xuhui: clearing#pudong 0 → −90, R7 0 → 90.
    let reply = clearing
        .apply(&mut xuhui, &message, at(2, 11, 0))
        .expect("apply");
    assert_eq!(bal(&xuhui, R7), 90);
    assert_eq!(bal(&xuhui, AccountId::Clearing(a)), -90);
    assert_eq!(xuhui.total_balance(), 0);
    assert_eq!(reply.outcome, TransferOutcome::Applied);
    // The reply carries Xuhui's head right after the apply; Xuhui recorded Pudong's.
    assert_eq!(reply.dest_head, head(&xuhui));
    let incoming = xuhui.incoming_transfer(a, "t1").expect("recorded");
    assert_eq!(incoming.tx, TxId(1));
    assert_eq!(
        incoming.outcome,
        IncomingOutcome::Applied {
            from: V1,
            to: R7,
            minutes: 90,
            source_head: message.source_head.clone(),
        }
    );
    let applied = xuhui.transaction(TxId(1)).expect("posted");
    assert_eq!(applied.meta.key, "clearing:apply:pudong:t1");
    assert!(matches!(
        &applied.operation,
        Operation::ClearingApply { source_head, .. } if *source_head == message.source_head
    ));

    // Repeats: the driver returns the same reply; the same request (same idempotency key)
    // returns the first receipt; nothing changes.
    let before = xuhui.clone();
    assert_eq!(
        clearing.apply(&mut xuhui, &message, at(2, 11, 5)),
        Ok(reply.clone())
    );
    assert_eq!(
        xuhui.submit(
            TxMeta::new("clearing:apply:pudong:t1", "clearing:city", at(2, 11, 5)),
            message.apply_operation()
        ),
        Ok(Receipt::Posted(TxId(1)))
    );
    // The same transfer under a new idempotency key is refused: no transfer applies twice.
    let e = xuhui
        .submit(meta("another-key", at(2, 11, 5)), message.apply_operation())
        .unwrap_err();
    assert_eq!(e.code(), "LEDGER_TRANSFER_ALREADY_APPLIED");
    assert_eq!(
        (
            e.field().as_deref(),
            e.transfer(),
            e.transaction(),
            e.bank()
        ),
        (Some("transfer"), Some("t1"), Some(TxId(1)), Some(a))
    );
    assert_eq!(e.record().as_deref(), Some("transaction 'another-key'"));
    assert_eq!(xuhui, before);

    // Phase 3 at Pudong: settled, with Xuhui's head recorded.
    let receipt = clearing
        .settle(&mut pudong, &reply, at(2, 12, 0))
        .expect("acknowledge");
    assert_eq!(receipt, Receipt::Posted(TxId(5)));
    assert_eq!(
        pudong.outgoing_transfer("t1").map(|t| &t.status),
        Some(&TransferStatus::Acknowledged {
            tx: TxId(5),
            dest_head: reply.dest_head.clone(),
        })
    );
    assert_eq!(pudong.unsettled_minutes(), 0);
    assert!(Clearing::unsettled(&pudong).expect("scan").is_empty());
    // Acknowledging posts nothing; the positions mirror each other.
    assert!(
        pudong
            .transaction(TxId(5))
            .expect("posted")
            .postings
            .is_empty()
    );
    assert_eq!(
        bal(&pudong, AccountId::Clearing(b)) + bal(&xuhui, AccountId::Clearing(a)),
        0
    );
    assert_eq!(members(&pudong) + members(&xuhui), 780);

    // Repeats return the first receipt; a second settlement under another key is refused.
    let before = pudong.clone();
    assert_eq!(
        clearing.settle(&mut pudong, &reply, at(2, 12, 5)),
        Ok(Receipt::Posted(TxId(5)))
    );
    assert_eq!(
        pudong.submit(
            TxMeta::new("clearing:ack:t1", "clearing:city", at(2, 12, 5)),
            reply.settle_operation()
        ),
        Ok(Receipt::Posted(TxId(5)))
    );
    let e = pudong
        .submit(meta("ack-again", at(2, 12, 5)), reply.settle_operation())
        .unwrap_err();
    assert_eq!(
        (e.code(), e.transfer(), e.transaction()),
        ("LEDGER_TRANSFER_SETTLED", Some("t1"), Some(TxId(5)))
    );
    let cancel = Operation::ClearingCancel {
        transfer: "t1".into(),
        from_bank: a,
        to_bank: b,
        dest_head: reply.dest_head.clone(),
    };
    let e = pudong
        .submit(meta("cancel-after-ack", at(2, 12, 5)), cancel)
        .unwrap_err();
    assert_eq!(e.code(), "LEDGER_TRANSFER_SETTLED");
    assert_eq!(pudong, before);
}

#[test]
fn a_refused_transfer_is_cancelled_and_the_minutes_return() {
    let (mut pudong, mut xuhui) = pudong_xuhui(no_limits());
    let (a, b) = (code("pudong"), code("xuhui"));
    let clearing = Clearing::new("clearing:city");

    // R9 has no account in Xuhui: Xuhui refuses for good, Pudong cancels.
    let request = TransferRequest::new("t2", b, V1, R9, 45);
    let message =
        Clearing::prepare(&mut pudong, meta("send-2", at(2, 10, 0)), &request).expect("prepare");
    assert_eq!(bal(&pudong, V1), 75);
    let reply = clearing
        .apply(&mut xuhui, &message, at(2, 11, 0))
        .expect("refusal");
    assert_eq!(
        reply.outcome,
        TransferOutcome::Refused {
            reason: "LEDGER_UNKNOWN_ACCOUNT".into()
        }
    );
    assert_eq!(reply.dest_head, head(&xuhui));
    let refusal = xuhui.incoming_transfer(a, "t2").expect("recorded").clone();
    assert_eq!(
        refusal.outcome,
        IncomingOutcome::Refused {
            reason: "LEDGER_UNKNOWN_ACCOUNT".into(),
            source_head: message.source_head.clone(),
        }
    );
    // The refusal posts nothing.
    assert!(
        xuhui
            .transaction(refusal.tx)
            .expect("posted")
            .postings
            .is_empty()
    );
    assert_eq!(bal(&xuhui, AccountId::Clearing(a)), 0);

    clearing
        .settle(&mut pudong, &reply, at(2, 12, 0))
        .expect("cancel");
    assert_eq!(bal(&pudong, V1), 120);
    assert_eq!(bal(&pudong, AccountId::Clearing(b)), 0);
    let status = &pudong.outgoing_transfer("t2").expect("recorded").status;
    assert_eq!(
        status,
        &TransferStatus::Cancelled {
            tx: TxId(5),
            dest_head: reply.dest_head.clone(),
        }
    );
    // The cancel records the refusal's reason as its memo.
    let cancel = pudong.transaction(TxId(5)).expect("posted");
    assert_eq!(
        (cancel.meta.key.as_str(), cancel.meta.memo.as_str()),
        ("clearing:cancel:t2", "LEDGER_UNKNOWN_ACCOUNT")
    );

    // Once refused, never applied, under any key; a cancelled transfer is not cancelled again.
    let e = xuhui
        .submit(meta("late-apply", at(2, 13, 0)), message.apply_operation())
        .unwrap_err();
    assert_eq!(
        (e.code(), e.transaction()),
        ("LEDGER_TRANSFER_REFUSED", Some(refusal.tx))
    );
    assert_eq!(
        clearing.apply(&mut xuhui, &message, at(2, 13, 0)),
        Ok(reply.clone())
    );
    let e = pudong
        .submit(meta("cancel-again", at(2, 13, 0)), reply.settle_operation())
        .unwrap_err();
    assert_eq!(e.code(), "LEDGER_TRANSFER_SETTLED");

    // A timeout: Pudong gives up before the message arrives; Xuhui refuses, and the late
    // message is then refused too. A refusal after an apply answers "applied".
    let request = TransferRequest::new("t3", b, V1, R7, 30);
    let late =
        Clearing::prepare(&mut pudong, meta("send-3", at(2, 14, 0)), &request).expect("prepare");
    let refused = clearing
        .refuse(&mut xuhui, &late, "timeout", at(2, 15, 0))
        .expect("refuse");
    assert_eq!(
        refused.outcome,
        TransferOutcome::Refused {
            reason: "timeout".into()
        }
    );
    assert_eq!(
        clearing.apply(&mut xuhui, &late, at(2, 16, 0)),
        Ok(refused.clone())
    );
    assert_eq!(bal(&xuhui, R7), 0);
    clearing
        .settle(&mut pudong, &refused, at(2, 16, 0))
        .expect("cancel");
    assert_eq!(bal(&pudong, V1), 120);

    let request = TransferRequest::new("t4", b, V1, R7, 30);
    let sent =
        Clearing::prepare(&mut pudong, meta("send-4", at(2, 17, 0)), &request).expect("prepare");
    let applied = clearing
        .apply(&mut xuhui, &sent, at(2, 17, 5))
        .expect("apply");
    assert_eq!(
        clearing.refuse(&mut xuhui, &sent, "timeout", at(2, 17, 10)),
        Ok(applied.clone())
    );
    assert_eq!(applied.outcome, TransferOutcome::Applied);
    let e = xuhui
        .submit(
            meta("refuse-late", at(2, 17, 10)),
            sent.refuse_operation("timeout"),
        )
        .unwrap_err();
    assert_eq!(e.code(), "LEDGER_TRANSFER_ALREADY_APPLIED");
}

#[test]
fn a_cancel_returns_the_minutes_whole_even_above_the_cap() {
    let policy = |own: &str| {
        LedgerPolicy::default()
            .with_cap(150)
            .with_clearing(ClearingPolicy::for_bank(code(own)).with_member_daily_limit(None))
    };
    let mut pudong = Ledger::new(policy("pudong")).expect("policy");
    let mut xuhui = Ledger::new(policy("xuhui")).expect("policy");
    pudong
        .open_account(Account::new(AccountId::Clearing(code("xuhui"))))
        .expect("open");
    xuhui
        .open_account(Account::new(AccountId::Clearing(code("pudong"))))
        .expect("open");
    pudong.open_account(Account::new(V1)).expect("open");
    xuhui.open_account(Account::new(R7)).expect("open");
    pudong
        .earn(meta("e1", at(2, 8, 0)), V1, NeedId(1), 150)
        .expect("earn");
    xuhui
        .earn(meta("e1", at(2, 8, 0)), R7, NeedId(1), 120)
        .expect("earn");
    let clearing = Clearing::new("clearing:city");
    let request = TransferRequest::new("t1", code("xuhui"), V1, R7, 60);
    let message =
        Clearing::prepare(&mut pudong, meta("send-1", at(2, 9, 0)), &request).expect("prepare");
    // V1 earns back to the cap meanwhile.
    pudong
        .earn(meta("e2", at(2, 9, 30)), V1, NeedId(2), 60)
        .expect("earn");
    assert_eq!(bal(&pudong, V1), 150);
    // R7 would go to 180 > 150: Xuhui refuses for its cap.
    let reply = clearing
        .apply(&mut xuhui, &message, at(2, 10, 0))
        .expect("refusal");
    assert_eq!(
        reply.outcome,
        TransferOutcome::Refused {
            reason: "LEDGER_CAP_BREACH".into()
        }
    );
    assert_eq!(bal(&xuhui, R7), 120);
    // The cancel gives all 60 back, to 210, above the cap; nothing goes to the pool.
    clearing
        .settle(&mut pudong, &reply, at(2, 11, 0))
        .expect("cancel");
    assert_eq!(bal(&pudong, V1), 210);
    assert_eq!(bal(&pudong, AccountId::DonationPool), 0);
    assert_eq!(pudong.total_balance(), 0);
    assert!(pudong.verify_balances());
}

#[test]
fn daily_limits_reset_on_the_next_day_and_lifetime_limits_do_not() {
    let limits = ClearingPolicy::default()
        .with_member_daily_limit(Some(60))
        .with_member_lifetime_limit(Some(150));
    let (mut pudong, mut xuhui) = pudong_xuhui(limits);
    let b = code("xuhui");
    let clearing = Clearing::new("clearing:city");
    let send = |l: &mut Ledger, key: &str, t: NaiveDateTime, minutes: i64| {
        let request = TransferRequest::new(key, b, V2, R7, minutes);
        Clearing::prepare(l, meta(&format!("send-{key}"), t), &request)
    };

    // Day 2: 45 sent; 30 more would make 75 > 60.
    send(&mut pudong, "d2a", at(2, 9, 0), 45).expect("within the daily limit");
    let before = pudong.clone();
    let e = send(&mut pudong, "d2b", at(2, 10, 0), 30).unwrap_err();
    assert_eq!(e.code(), "LEDGER_CLEARING_LIMIT");
    assert_eq!(
        (e.setting(), e.account(), e.field().as_deref()),
        (
            Some("clearing.member_daily_limit"),
            Some(V2),
            Some("minutes")
        )
    );
    assert!(matches!(
        e,
        LedgerError::ClearingLimit {
            limit: TransferLimit::MemberDaily,
            value: 60,
            sent: 45,
            amount: 30,
            ..
        }
    ));
    assert_eq!(pudong, before);
    // 15 still fits today.
    send(&mut pudong, "d2c", at(2, 11, 0), 15).expect("exactly the daily limit");
    let day2 = NaiveDate::from_ymd_opt(2026, 3, 2);
    assert_eq!(pudong.clearing_sent(V2, day2), 60);

    // Day 3: the daily count starts again (by the operations' dates).
    send(&mut pudong, "d3a", at(3, 9, 0), 60).expect("a new day");
    assert_eq!(pudong.clearing_sent(V2, None), 120);
    // Day 4: 45 would make 165 in all > 150.
    let e = send(&mut pudong, "d4a", at(4, 9, 0), 45).unwrap_err();
    assert_eq!(
        (e.code(), e.setting()),
        (
            "LEDGER_CLEARING_LIMIT",
            Some("clearing.member_lifetime_limit")
        )
    );
    // A cancelled transfer gives its room back (on the day it was prepared): refuse d3a.
    let message = Clearing::message(&pudong, "d3a")
        .expect("scan")
        .expect("prepared");
    let reply = clearing
        .refuse(&mut xuhui, &message, "timeout", at(4, 9, 30))
        .expect("refuse");
    clearing
        .settle(&mut pudong, &reply, at(4, 10, 0))
        .expect("cancel");
    assert_eq!(pudong.clearing_sent(V2, None), 60);
    send(&mut pudong, "d4b", at(4, 11, 0), 45).expect("room given back");
    assert_eq!(bal(&pudong, V2), 600 - 45 - 15 - 45);
}

#[test]
fn bank_pair_limits_count_every_member_towards_one_bank() {
    let limits = ClearingPolicy::default()
        .with_member_daily_limit(None)
        .with_pair_daily_limit(Some(100))
        .with_pair_lifetime_limit(Some(130));
    let (mut pudong, _) = pudong_xuhui(limits);
    let (b, c) = (code("xuhui"), code("jingan"));
    let send = |l: &mut Ledger, key: &str, to_bank: BankId, from: AccountId, minutes: i64| {
        let request = TransferRequest::new(key, to_bank, from, R7, minutes);
        Clearing::prepare(l, meta(&format!("send-{key}"), at(2, 9, 0)), &request)
    };
    send(&mut pudong, "p1", b, V1, 60).expect("within");
    let e = send(&mut pudong, "p2", b, V2, 45).unwrap_err();
    assert_eq!(
        (e.setting(), e.account()),
        (
            Some("clearing.pair_daily_limit"),
            Some(AccountId::Clearing(b))
        )
    );
    // Another bank has its own count.
    send(&mut pudong, "p3", c, V2, 90).expect("another pair");
    send(&mut pudong, "p4", b, V2, 40).expect("exactly 100 to Xuhui today");
    let e = send(&mut pudong, "p5", c, V2, 45).unwrap_err();
    assert_eq!(e.setting(), Some("clearing.pair_lifetime_limit"));
    assert_eq!(pudong.clearing_sent(AccountId::Clearing(b), None), 100);
}

#[test]
fn rejected_clearing_operations_are_typed_and_change_nothing() {
    let (mut pudong, mut xuhui) = pudong_xuhui(no_limits());
    let (a, b, c) = (code("pudong"), code("xuhui"), code("jingan"));
    let clearing = Clearing::new("clearing:city");
    let message = Clearing::prepare(
        &mut pudong,
        meta("send-1", at(2, 9, 0)),
        &TransferRequest::new("t1", b, V1, R7, 30),
    )
    .expect("prepare");
    let prepare = |transfer: &str, to_bank: BankId, from: AccountId, to: AccountId, minutes| {
        Operation::ClearingPrepare {
            transfer: transfer.into(),
            from_bank: a,
            to_bank,
            from,
            to,
            minutes,
        }
    };
    let zero_head = "0".repeat(64);
    let cases: Vec<(Operation, &str, Option<&str>)> = vec![
        (
            prepare("t9", a, V1, R7, 30),
            "LEDGER_SAME_BANK",
            Some("to_bank"),
        ),
        (
            Operation::ClearingPrepare {
                transfer: "t9".into(),
                from_bank: c,
                to_bank: b,
                from: V1,
                to: R7,
                minutes: 30,
            },
            "LEDGER_WRONG_BANK",
            Some("from_bank"),
        ),
        (
            prepare("t1", b, V1, R7, 30),
            "LEDGER_DUPLICATE_TRANSFER",
            Some("transfer"),
        ),
        (
            prepare("", b, V1, R7, 30),
            "LEDGER_EMPTY_FIELD",
            Some("transfer"),
        ),
        (
            prepare("t9", b, V1, R7, 600),
            "LEDGER_FLOOR_BREACH",
            Some("minutes"),
        ),
        (
            prepare("t9", b, V1, R7, 0),
            "LEDGER_NON_POSITIVE_AMOUNT",
            Some("minutes"),
        ),
        (
            prepare("t9", b, ORG, R7, 30),
            "LEDGER_GROUP_HOURS_DONATE_ONLY",
            Some("account"),
        ),
        (
            prepare("t9", b, V1, AccountId::Fund, 30),
            "LEDGER_NOT_A_MEMBER_ACCOUNT",
            Some("account"),
        ),
        (
            prepare("t9", b, AccountId::Clearing(b), R7, 30),
            "LEDGER_NOT_A_MEMBER_ACCOUNT",
            Some("account"),
        ),
        // Pudong does not clear with Huangpu: no clearing#huangpu.
        (
            prepare("t9", code("huangpu"), V1, R7, 30),
            "LEDGER_UNKNOWN_ACCOUNT",
            Some("account"),
        ),
        (
            Operation::ClearingAcknowledge {
                transfer: "t8".into(),
                from_bank: a,
                to_bank: b,
                dest_head: zero_head.clone(),
            },
            "LEDGER_UNKNOWN_TRANSFER",
            Some("transfer"),
        ),
        (
            Operation::ClearingAcknowledge {
                transfer: "t1".into(),
                from_bank: a,
                to_bank: c,
                dest_head: zero_head.clone(),
            },
            "LEDGER_TRANSFER_MISMATCH",
            Some("to_bank"),
        ),
        (
            Operation::ClearingCancel {
                transfer: "t1".into(),
                from_bank: a,
                to_bank: b,
                dest_head: "not a hash".into(),
            },
            "LEDGER_INVALID_HEAD",
            Some("dest_head"),
        ),
        // An apply meant for Xuhui, sent to Pudong.
        (
            message.apply_operation(),
            "LEDGER_WRONG_BANK",
            Some("to_bank"),
        ),
        (
            Operation::Batch {
                operations: vec![prepare("t9", b, V1, R7, 30)],
            },
            "LEDGER_NOT_ALLOWED_IN_BATCH",
            Some("operations[0]"),
        ),
        // The prepare (tx#4) is undone only by the protocol, never by a reversal.
        (
            Operation::Reverse {
                transaction: TxId(4),
            },
            "LEDGER_NOT_REVERSIBLE",
            Some("transaction"),
        ),
    ];
    for (i, (operation, code_expected, field)) in cases.into_iter().enumerate() {
        let before = pudong.clone();
        let e = pudong
            .submit(meta(&format!("bad-{i}"), at(2, 10, 0)), operation)
            .unwrap_err();
        assert_eq!(
            (e.code(), e.field().as_deref()),
            (code_expected, field),
            "case {i}: {e}"
        );
        assert_eq!(pudong, before, "case {i} changed the ledger");
    }

    // The driver refuses a message delivered to the wrong bank, recording nothing.
    let mut jingan = bank_with("jingan", &["pudong", "xuhui"], no_limits());
    jingan.open_account(Account::new(R7)).expect("open");
    let before = jingan.clone();
    let e = clearing
        .apply(&mut jingan, &message, at(2, 10, 0))
        .unwrap_err();
    assert_eq!(
        (e.code(), e.bank(), e.field().as_deref()),
        ("LEDGER_WRONG_BANK", Some(b), Some("to_bank"))
    );
    assert_eq!(jingan, before);

    // A ledger without a bank code takes no part in clearing.
    let mut plain = Ledger::new(LedgerPolicy::default()).expect("policy");
    let e = plain
        .submit(meta("x", at(2, 10, 0)), message.apply_operation())
        .unwrap_err();
    assert_eq!(
        (e.code(), e.setting()),
        ("LEDGER_CLEARING_DISABLED", Some("clearing.bank"))
    );
    assert_eq!(plain.journal_len(), 1);

    // Xuhui, the right bank, with a bad head or an unknown sender: typed errors.
    let mut bad = message.clone();
    bad.source_head = "ABC".into();
    let e = xuhui
        .submit(meta("bad-head", at(2, 10, 0)), bad.apply_operation())
        .unwrap_err();
    assert_eq!(
        (e.code(), e.field().as_deref()),
        ("LEDGER_INVALID_HEAD", Some("source_head"))
    );
    let mut stranger = message.clone();
    stranger.from_bank = code("huangpu");
    let reply = clearing
        .apply(&mut xuhui, &stranger, at(2, 10, 0))
        .expect("refused, not an error");
    assert_eq!(
        reply.outcome,
        TransferOutcome::Refused {
            reason: "LEDGER_UNKNOWN_ACCOUNT".into()
        }
    );
    // An apply too early for Xuhui's clock is an error, not a refusal.
    let e = clearing
        .apply(&mut xuhui, &message, at(2, 9, 0))
        .unwrap_err();
    assert_eq!(e.code(), "LEDGER_TIME_OUT_OF_ORDER");
    assert!(xuhui.incoming_transfer(a, "t1").is_none());
}

#[test]
fn both_journals_replay_the_clearing_records() {
    let (mut pudong, mut xuhui) = pudong_xuhui(ClearingPolicy::default());
    let b = code("xuhui");
    let clearing = Clearing::new("clearing:city");
    let (lines, mut p_head) = pudong
        .journal_lines_after(&JournalHead::empty())
        .expect("lines");
    let mut p_lines: Vec<String> = lines.into_iter().map(|l| l.text).collect();
    for (i, to) in [R7, R9, R7].into_iter().enumerate() {
        let request = TransferRequest::new(format!("t{i}"), b, V2, to, 30);
        let message = Clearing::prepare(
            &mut pudong,
            meta(&format!("s{i}"), at(2, 9 + i as u32, 0)),
            &request,
        )
        .expect("prepare");
        let reply = clearing
            .apply(&mut xuhui, &message, at(2, 9 + i as u32, 10))
            .expect("apply");
        clearing
            .settle(&mut pudong, &reply, at(2, 9 + i as u32, 20))
            .expect("settle");
        // The incremental journal, as a store would keep it.
        let (new, head) = pudong.journal_lines_after(&p_head).expect("lines");
        p_lines.extend(new.into_iter().map(|l| l.text));
        p_head = head;
    }
    assert_eq!(bal(&pudong, V2), 600 - 60);
    assert_eq!(bal(&xuhui, R7), 60);
    for bank in [&pudong, &xuhui] {
        let journal = bank.export_journal().expect("export");
        let copy = Ledger::import_journal(&journal).expect("import");
        assert_eq!(&copy, bank);
        assert_eq!(
            copy.outgoing_transfers().count(),
            bank.outgoing_transfers().count()
        );
        assert_eq!(
            copy.incoming_transfers().count(),
            bank.incoming_transfers().count()
        );
        assert_eq!(copy.export_journal().expect("export"), journal);
    }
    let (copy, head) =
        Ledger::from_journal_lines(p_lines.iter().map(String::as_str)).expect("replay lines");
    assert_eq!(
        (&copy, &head),
        (&pudong, &pudong.journal_head().expect("head"))
    );
    // The clearing operations in the journal, as JSON.
    let journal = pudong.export_journal().expect("export");
    assert!(journal.contains(r#""op":"clearing_prepare""#));
    assert!(journal.contains(r#""op":"clearing_acknowledge""#));
    assert!(journal.contains(r#""op":"clearing_cancel""#));
    assert!(journal.contains(r#""account":"clearing#xuhui""#));
    assert!(journal.contains(r#""clearing":{"bank":"pudong""#));
    let journal = xuhui.export_journal().expect("export");
    assert!(journal.contains(r#""op":"clearing_apply""#));
    assert!(journal.contains(r#""op":"clearing_refuse""#));
    // Editing a recorded head breaks the chain.
    let message = Clearing::message(&pudong, "t0")
        .expect("scan")
        .expect("prepared");
    let tampered = journal.replacen(&message.source_head, &"0".repeat(64), 1);
    assert!(Ledger::import_journal(&tampered).is_err());
}

#[test]
fn clearing_json_shapes() {
    let op = Operation::from_json(
        r#"{"op": "clearing_apply", "transfer": "t1", "from_bank": "pudong",
            "to_bank": "xuhui", "from": "volunteer#1", "to": "resident#7", "minutes": 90,
            "source_head": "00000000000000000000000000000000000000000000000000000000000000ff"}"#,
    )
    .expect("reads");
    assert_eq!(op.kind(), OperationKind::ClearingApply);
    let e = Operation::from_json(
        r#"{"op": "clearing_prepare", "transfer": "t1", "from_bank": "pudong",
            "to_bank": "xuhui", "from": "volunteer#1", "to": "resident#7", "points": 90}"#,
    )
    .unwrap_err();
    assert_eq!(
        (e.code(), e.field().as_deref()),
        ("LEDGER_WRONG_UNIT", Some("points"))
    );
    let e = Operation::from_json(
        r#"{"op": "clearing_refuse", "transfer": "t1", "from_bank": "pu dong",
            "to_bank": "xuhui", "reason": "timeout"}"#,
    )
    .unwrap_err();
    assert_eq!(e.code(), "LEDGER_INVALID_OPERATION");
    assert!(e.to_string().contains("bank code"), "{e}");
    // A default policy writes no clearing settings: older policies and journals read and
    // write byte for byte.
    let json = serde_json::to_string(&LedgerPolicy::default()).expect("json");
    assert!(!json.contains("clearing"));
    let p = LedgerPolicy::from_json(&json).expect("reads");
    assert_eq!(p, LedgerPolicy::default());
    let e = LedgerPolicy::from_json(r#"{"clearing": {"bank": "-x"}}"#).unwrap_err();
    assert_eq!(e.code(), "LEDGER_INVALID_POLICY");
    // Messages cross the boundary as JSON.
    let message: TransferMessage = serde_json::from_str(
        r#"{"transfer_key": "t1", "from_bank": "pudong", "to_bank": "xuhui",
            "from_account": "volunteer#1", "to_account": "resident#7", "minutes": 90,
            "source_head": "ab"}"#,
    )
    .expect("message");
    assert_eq!(message.to_account, R7);
    let reply: TransferReply = serde_json::from_str(
        r#"{"transfer_key": "t1", "from_bank": "pudong", "to_bank": "xuhui",
            "outcome": {"state": "refused", "reason": "timeout"}, "dest_head": "cd"}"#,
    )
    .expect("reply");
    assert!(matches!(
        reply.settle_operation(),
        Operation::ClearingCancel { .. }
    ));
}

// ---------------------------------------------------------------------------------------------
// Fault injection across 50 banks.

/// splitmix64: a tiny, stable, seeded generator (the run must not depend on a crate's
/// algorithm choice).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const BANKS: usize = 50;
const MEMBERS: u32 = 4;
const START: i64 = 300;
const CAP: i64 = 450;
const DAILY: i64 = 240;
const LIFETIME: i64 = 1_200;
const PAIR_DAILY: i64 = 300;

/// One bank and the journal lines a store would have persisted for it.
struct Node {
    ledger: Ledger,
    head: JournalHead,
    lines: Vec<String>,
    /// The hash of the line that posted each transaction, read from the persisted lines.
    posted_by: BTreeMap<TxId, String>,
}

impl Node {
    fn persist(&mut self) {
        let (new, head) = self.ledger.journal_lines_after(&self.head).expect("lines");
        for line in new {
            let value: serde_json::Value = serde_json::from_str(&line.text).expect("json");
            if let Some(tx) = value["entry"]["outcome"]["posted"]["tx"].as_str() {
                let tx: TxId = tx.parse().expect("tx label");
                self.posted_by.insert(tx, line.hash.clone());
            }
            self.lines.push(line.text);
        }
        self.head = head;
    }
}

/// A message in the network.
#[derive(Debug, Clone)]
enum Envelope {
    Apply(TransferMessage),
    Refuse(TransferMessage),
    Reply(TransferReply),
}

#[derive(Debug, Default)]
struct Stats {
    prepared: usize,
    refused_at_prepare: BTreeMap<&'static str, usize>,
    repeated_requests: usize,
    lost_before_send: usize,
    delivered: usize,
    duplicated: usize,
    lost_replies: usize,
    timeouts: usize,
    crashes: usize,
    resent: usize,
    /// Applies submitted under an idempotency key of another coordinator's, and how many of
    /// those the ledger refused because the transfer was applied or refused before.
    foreign_applies: usize,
    foreign_refused: usize,
    acknowledged: usize,
    /// Cancelled transfers, by the receiving bank's reason.
    cancelled: BTreeMap<String, usize>,
}

fn bank_code(i: usize) -> BankId {
    code(&format!("b{i:02}"))
}

fn index_of(bank: BankId) -> usize {
    bank.as_str()[1..].parse().expect("bank index")
}

fn city() -> Vec<Node> {
    (0..BANKS)
        .map(|i| {
            let clearing = ClearingPolicy::for_bank(bank_code(i))
                .with_member_daily_limit(Some(DAILY))
                .with_member_lifetime_limit(Some(LIFETIME))
                .with_pair_daily_limit(Some(PAIR_DAILY));
            let policy = LedgerPolicy::default()
                .with_unit(15)
                .with_cap(CAP)
                .with_clearing(clearing);
            let mut ledger = Ledger::new(policy).expect("policy");
            for j in (0..BANKS).filter(|&j| j != i) {
                ledger
                    .open_account(Account::new(AccountId::Clearing(bank_code(j))))
                    .expect("open");
            }
            for r in 1..=MEMBERS {
                let id = AccountId::Resident(ResidentId(r));
                ledger.open_account(Account::new(id)).expect("open");
                ledger
                    .earn(meta(&format!("e{r}"), at(1, 8, 0)), id, NeedId(r), START)
                    .expect("earn");
            }
            let mut node = Node {
                ledger,
                head: JournalHead::empty(),
                lines: Vec::new(),
                posted_by: BTreeMap::new(),
            };
            node.persist();
            node
        })
        .collect()
}

/// Every member balance in every bank, plus the minutes in transit: prepared, neither
/// applied at the receiving bank nor cancelled. Read from the records, not the clearing
/// accounts, which are checked against it.
fn city_total(nodes: &[Node]) -> (i128, i128) {
    let mut members = 0i128;
    let mut transit = 0i128;
    let mut clearing_accounts = 0i128;
    for node in nodes {
        let from_bank = node.ledger.policy().clearing().bank().expect("bank");
        for (id, balance) in node.ledger.balances() {
            if id.is_member() {
                members += i128::from(balance);
            } else if matches!(id, AccountId::Clearing(_)) {
                clearing_accounts += i128::from(balance);
            }
        }
        for t in node.ledger.unsettled_transfers() {
            let dest = &nodes[index_of(t.to_bank)].ledger;
            let applied = matches!(
                dest.incoming_transfer(from_bank, &t.transfer)
                    .map(|i| &i.outcome),
                Some(IncomingOutcome::Applied { .. })
            );
            if !applied {
                transit += i128::from(t.minutes);
            }
        }
    }
    assert_eq!(
        clearing_accounts, transit,
        "clearing accounts hold the minutes in transit"
    );
    (members + transit, transit)
}

/// The city: its banks, the network between them, and the coordinator's driver.
struct Sim {
    nodes: Vec<Node>,
    network: Vec<Envelope>,
    clearing: Clearing,
    rng: Rng,
    stats: Stats,
}

impl Sim {
    /// The coordinator restarts with no memory: it scans every bank's ledger for prepared,
    /// unsettled transfers and sends each again.
    fn recover(&mut self) {
        for node in &self.nodes {
            for message in Clearing::unsettled(&node.ledger).expect("scan") {
                self.network.push(Envelope::Apply(message));
                self.stats.resent += 1;
            }
        }
    }

    /// Delivers one message; the reply (lost one time in ten when `lossy`) goes back into the
    /// network.
    fn deliver(&mut self, envelope: Envelope, time: NaiveDateTime, lossy: bool) {
        let reply = match envelope {
            Envelope::Apply(message) if self.rng.chance(15) => {
                // Another coordinator submits the apply itself, under an idempotency key of its
                // own: the ledger alone must refuse a transfer it applied or refused before.
                self.stats.foreign_applies += 1;
                let key = format!("foreign-{}", self.stats.foreign_applies);
                let node = &mut self.nodes[index_of(message.to_bank)];
                let seen = node
                    .ledger
                    .incoming_transfer(message.from_bank, &message.transfer_key)
                    .is_some();
                match node
                    .ledger
                    .submit(meta(&key, time), message.apply_operation())
                {
                    Ok(_) => assert!(!seen, "a transfer applied twice"),
                    Err(e) => {
                        let code = e.code();
                        if seen {
                            assert!(
                                matches!(
                                    code,
                                    "LEDGER_TRANSFER_ALREADY_APPLIED" | "LEDGER_TRANSFER_REFUSED"
                                ),
                                "{e}"
                            );
                            self.stats.foreign_refused += 1;
                        } else {
                            // The receiving bank's rules refuse it: the driver records that.
                            self.clearing
                                .apply(&mut node.ledger, &message, time)
                                .expect("refusal");
                        }
                    }
                }
                node.persist();
                Clearing::reply(&node.ledger, message.from_bank, &message.transfer_key)
                    .expect("scan")
                    .expect("applied or refused")
            }
            Envelope::Apply(message) => {
                let node = &mut self.nodes[index_of(message.to_bank)];
                let reply = self
                    .clearing
                    .apply(&mut node.ledger, &message, time)
                    .expect("apply or refuse");
                node.persist();
                reply
            }
            Envelope::Refuse(message) => {
                let node = &mut self.nodes[index_of(message.to_bank)];
                let reply = self
                    .clearing
                    .refuse(&mut node.ledger, &message, "timeout", time)
                    .expect("refuse");
                node.persist();
                reply
            }
            Envelope::Reply(reply) => {
                let node = &mut self.nodes[index_of(reply.from_bank)];
                let receipt = self
                    .clearing
                    .settle(&mut node.ledger, &reply, time)
                    .expect("settle");
                assert!(receipt.tx().is_some());
                node.persist();
                return;
            }
        };
        if lossy && self.rng.chance(10) {
            self.stats.lost_replies += 1;
        } else {
            self.network.push(Envelope::Reply(reply));
        }
    }

    /// A member asks to send minutes to a member of another bank (resident 5 exists nowhere:
    /// those are refused at the receiving bank). Returns the message if it was sent.
    fn request(&mut self, n: usize, time: NaiveDateTime) -> Option<(usize, TransferMessage)> {
        let rng = &mut self.rng;
        let src = rng.below(BANKS);
        let dst = (src + 1 + rng.below(BANKS - 1)) % BANKS;
        let from = AccountId::Resident(ResidentId(1 + rng.below(MEMBERS as usize) as u32));
        let to = AccountId::Resident(ResidentId(1 + rng.below(MEMBERS as usize + 1) as u32));
        let minutes = 15 * (1 + rng.below(12) as i64);
        let request = TransferRequest::new(format!("t{n}"), bank_code(dst), from, to, minutes);
        let m = meta(&format!("req-{n}"), time);
        let node = &mut self.nodes[src];
        let before = (node.ledger.journal_len(), node.ledger.balance(from).ok());
        match Clearing::prepare(&mut node.ledger, m.clone(), &request) {
            Ok(message) => {
                self.stats.prepared += 1;
                if self.rng.chance(10) {
                    // The desk repeats the request: the same message, nothing new.
                    let again =
                        Clearing::prepare(&mut node.ledger, m, &request).expect("idempotent retry");
                    assert_eq!(again, message);
                    self.stats.repeated_requests += 1;
                }
                node.persist();
                if self.rng.chance(10) {
                    // The coordinator crashes before sending: only recovery finds it.
                    self.stats.lost_before_send += 1;
                    None
                } else {
                    self.network.push(Envelope::Apply(message.clone()));
                    Some((src, message))
                }
            }
            Err(e) => {
                let code = e.code();
                assert!(
                    matches!(code, "LEDGER_FLOOR_BREACH" | "LEDGER_CLEARING_LIMIT"),
                    "unexpected refusal {e}"
                );
                *self.stats.refused_at_prepare.entry(code).or_default() += 1;
                let after = (node.ledger.journal_len(), node.ledger.balance(from).ok());
                assert_eq!(before, after, "a refused prepare changed the bank");
                None
            }
        }
    }
}

fn run_city(seed: u64, steps: usize) -> Stats {
    let mut sim = Sim {
        nodes: city(),
        network: Vec::new(),
        clearing: Clearing::new("clearing:city"),
        rng: Rng(seed),
        stats: Stats::default(),
    };
    // The coordinator's memory: transfers it knows are in flight, for its timeouts.
    let mut in_flight: BTreeMap<(usize, String), TransferMessage> = BTreeMap::new();
    let mut time = at(2, 7, 0);
    let (initial, _) = city_total(&sim.nodes);
    assert_eq!(
        initial,
        i128::from(START) * (BANKS as i128) * i128::from(MEMBERS)
    );

    for n in 1..=steps {
        time += Duration::minutes(5);
        let roll = sim.rng.below(100);
        if roll < 25 {
            if let Some((src, message)) = sim.request(n, time) {
                in_flight.insert((src, message.transfer_key.clone()), message);
            }
        } else if roll < 85 {
            // The network delivers a message, in any order; some are delivered again later.
            if !sim.network.is_empty() {
                let i = sim.rng.below(sim.network.len());
                let envelope = if sim.rng.chance(20) {
                    sim.stats.duplicated += 1;
                    sim.network[i].clone()
                } else {
                    sim.network.swap_remove(i)
                };
                if let Envelope::Reply(reply) = &envelope {
                    in_flight.remove(&(index_of(reply.from_bank), reply.transfer_key.clone()));
                }
                sim.stats.delivered += 1;
                sim.deliver(envelope, time, true);
            }
        } else if roll < 90 {
            // The coordinator gives up on a transfer it has waited for: it asks the receiving
            // bank to refuse it (which answers "applied" if it already was).
            if !in_flight.is_empty() {
                let i = sim.rng.below(in_flight.len());
                let message = in_flight.values().nth(i).expect("in range").clone();
                sim.network.push(Envelope::Refuse(message));
                sim.stats.timeouts += 1;
            }
        } else if roll < 91 {
            // The coordinator crashes between phases: it forgets everything; half the time the
            // messages in flight are lost too. It recovers from the ledgers alone.
            sim.stats.crashes += 1;
            in_flight.clear();
            if sim.rng.chance(50) {
                sim.network.clear();
            }
            sim.recover();
        } else {
            // Quiet hours: time passes (daily limits start again on a new day).
            time += Duration::minutes(30 * (1 + sim.rng.below(6) as i64));
        }
        let (total, _) = city_total(&sim.nodes);
        assert_eq!(total, initial, "the city total changed at step {n}");
    }

    // Drain: the coordinator restarts once more and every message is delivered, in random
    // order, until nothing is in flight.
    for _ in 0..3 {
        sim.recover();
        while !sim.network.is_empty() {
            time += Duration::minutes(1);
            let i = sim.rng.below(sim.network.len());
            let envelope = sim.network.swap_remove(i);
            sim.deliver(envelope, time, false);
            assert_eq!(city_total(&sim.nodes).0, initial, "the city total changed");
        }
        if sim
            .nodes
            .iter()
            .all(|n| n.ledger.unsettled_transfers().next().is_none())
        {
            break;
        }
    }
    check_settled_city(&sim.nodes, initial);
    for node in &sim.nodes {
        for t in node.ledger.outgoing_transfers() {
            let from_bank = node.ledger.policy().clearing().bank().expect("bank");
            let dest = &sim.nodes[index_of(t.to_bank)].ledger;
            match &dest
                .incoming_transfer(from_bank, &t.transfer)
                .expect("seen")
                .outcome
            {
                IncomingOutcome::Applied { .. } => sim.stats.acknowledged += 1,
                IncomingOutcome::Refused { reason, .. } => {
                    *sim.stats.cancelled.entry(reason.clone()).or_default() += 1;
                }
            }
        }
    }
    sim.stats
}

/// After draining: every transfer applied and acknowledged or refused and cancelled, none
/// applied twice, heads recorded on each side equal to the other journal's, positions mirror,
/// limits respected, members' balances add up, every journal replays.
fn check_settled_city(nodes: &[Node], initial: i128) {
    let (total, transit) = city_total(nodes);
    assert_eq!((total, transit), (initial, 0));
    let mut expected: BTreeMap<(usize, AccountId), i64> = BTreeMap::new();
    for i in 0..BANKS {
        for r in 1..=MEMBERS {
            expected.insert((i, AccountId::Resident(ResidentId(r))), START);
        }
    }
    let mut matched_incoming = BTreeSet::new();
    for (i, node) in nodes.iter().enumerate() {
        let from_bank = bank_code(i);
        let source = &node.ledger;
        for t in source.outgoing_transfers() {
            let dest_node = &nodes[index_of(t.to_bank)];
            let dest = &dest_node.ledger;
            let incoming = dest
                .incoming_transfer(from_bank, &t.transfer)
                .expect("every transfer reached its bank");
            matched_incoming.insert((index_of(t.to_bank), from_bank, t.transfer.clone()));
            // The heads as the persisted journals have them: the hash of the line that
            // applied (or refused) the transfer there, and of the line that prepared it here.
            let dest_head = &dest_node.posted_by[&incoming.tx];
            let source_head = &node.posted_by[&t.prepared];
            match (&t.status, &incoming.outcome) {
                (
                    TransferStatus::Acknowledged {
                        dest_head: seen, ..
                    },
                    IncomingOutcome::Applied {
                        from,
                        to,
                        minutes,
                        source_head: recorded,
                    },
                ) => {
                    assert_eq!((*from, *to, *minutes), (t.from, t.to, t.minutes));
                    assert_eq!(
                        recorded, source_head,
                        "the receiver recorded the prepare's head"
                    );
                    assert_eq!(seen, dest_head, "the sender recorded the apply's head");
                    *expected.get_mut(&(i, t.from)).expect("member") -= t.minutes;
                    *expected
                        .get_mut(&(index_of(t.to_bank), t.to))
                        .expect("receiving member") += t.minutes;
                }
                (
                    TransferStatus::Cancelled {
                        dest_head: seen, ..
                    },
                    IncomingOutcome::Refused {
                        source_head: recorded,
                        ..
                    },
                ) => {
                    assert_eq!(
                        recorded, source_head,
                        "the receiver recorded the prepare's head"
                    );
                    assert_eq!(seen, dest_head, "the sender recorded the refusal's head");
                }
                (status, outcome) => {
                    panic!(
                        "transfer {} settled as {status:?} but {outcome:?}",
                        t.transfer
                    )
                }
            }
        }
        // Limits held: per member per day, per member in all, per pair per day.
        let mut daily: BTreeMap<(AccountId, NaiveDate), i64> = BTreeMap::new();
        let mut lifetime: BTreeMap<AccountId, i64> = BTreeMap::new();
        let mut pair_daily: BTreeMap<(BankId, NaiveDate), i64> = BTreeMap::new();
        for t in source
            .outgoing_transfers()
            .filter(|t| matches!(t.status, TransferStatus::Acknowledged { .. }))
        {
            let day = t.prepared_at.date();
            *daily.entry((t.from, day)).or_default() += t.minutes;
            *lifetime.entry(t.from).or_default() += t.minutes;
            *pair_daily.entry((t.to_bank, day)).or_default() += t.minutes;
        }
        assert!(daily.values().all(|&m| m <= DAILY));
        assert!(lifetime.values().all(|&m| m <= LIFETIME));
        assert!(pair_daily.values().all(|&m| m <= PAIR_DAILY));
    }
    for (j, node) in nodes.iter().enumerate() {
        let dest = &node.ledger;
        // No phantom: every incoming record answers a prepared transfer.
        for incoming in dest.incoming_transfers() {
            assert!(matched_incoming.contains(&(j, incoming.from_bank, incoming.transfer.clone())));
        }
        // No transfer applied twice: one apply transaction per transfer, none for a refusal.
        let mut applies: BTreeMap<(BankId, String), usize> = BTreeMap::new();
        for tx in dest.transactions() {
            if let Operation::ClearingApply {
                from_bank,
                transfer,
                ..
            } = &tx.operation
            {
                *applies.entry((*from_bank, transfer.clone())).or_default() += 1;
            }
        }
        for incoming in dest.incoming_transfers() {
            let count = applies
                .get(&(incoming.from_bank, incoming.transfer.clone()))
                .copied()
                .unwrap_or(0);
            let want = usize::from(matches!(incoming.outcome, IncomingOutcome::Applied { .. }));
            assert_eq!(
                count, want,
                "transfer {} applied {count} times",
                incoming.transfer
            );
        }
        // Members hold what they started with, plus what they received, minus what they sent.
        for r in 1..=MEMBERS {
            let id = AccountId::Resident(ResidentId(r));
            assert_eq!(
                dest.balance(id).expect("open"),
                expected[&(j, id)],
                "bank {j} member {id}"
            );
        }
        // Bilateral positions mirror.
        for (k, other) in nodes.iter().enumerate().skip(j + 1) {
            let here = dest
                .balance(AccountId::Clearing(bank_code(k)))
                .expect("open");
            let there = other
                .ledger
                .balance(AccountId::Clearing(bank_code(j)))
                .expect("open");
            assert_eq!(here + there, 0, "positions of b{j:02} and b{k:02}");
        }
        // Every journal replays to the same state: exported whole, and as persisted line by
        // line.
        assert_eq!(dest.total_balance(), 0);
        assert!(dest.verify_balances());
        let copy = Ledger::import_journal(&dest.export_journal().expect("export")).expect("import");
        assert_eq!(&copy, dest);
        let (copy, head) =
            Ledger::from_journal_lines(node.lines.iter().map(String::as_str)).expect("lines");
        assert_eq!((&copy, &head), (dest, &node.head));
        assert_eq!(
            verify_journal_lines(&JournalHead::empty(), node.lines.iter().map(String::as_str))
                .expect("chain"),
            dest.journal_head().expect("head")
        );
    }
}

#[test]
fn fifty_banks_under_faults_keep_the_city_total_and_apply_nothing_twice() {
    for seed in [20, 2026] {
        let stats = run_city(seed, 1_200);
        eprintln!("seed {seed}: {stats:?}");
        // The run exercised every fault and both outcomes.
        assert!(stats.prepared > 200, "{stats:?}");
        assert!(stats.refused_at_prepare.len() == 2, "{stats:?}");
        for n in [
            stats.repeated_requests,
            stats.lost_before_send,
            stats.duplicated,
            stats.lost_replies,
            stats.timeouts,
            stats.crashes,
            stats.resent,
            stats.foreign_applies,
            stats.foreign_refused,
        ] {
            assert!(n > 0, "{stats:?}");
        }
        assert!(stats.delivered > 0);
        assert!(stats.acknowledged > 100, "{stats:?}");
        for reason in ["LEDGER_UNKNOWN_ACCOUNT", "LEDGER_CAP_BREACH", "timeout"] {
            assert!(stats.cancelled.contains_key(reason), "{stats:?}");
        }
    }
}
