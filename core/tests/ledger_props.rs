//! Property tests of the time-bank ledger's invariants over random operation sequences.
//!
//! Case counts: every property runs 256 cases except the journal round trip and the
//! arbitrary-text import (128 each).

use chrono::{Duration, NaiveDate, NaiveDateTime};
use huzhu::ledger::{
    Account, AccountId, Ledger, LedgerError, LedgerPolicy, Operation, Receipt, TransferRule, TxId,
    TxMeta,
};
#[cfg(feature = "serde")]
use huzhu::ledger::{JournalError, JournalHead, verify_journal_lines};
use huzhu::model::{NeedId, ProviderId, ResidentId, VolunteerId};
use proptest::prelude::*;

/// The member accounts every generated ledger opens.
const MEMBERS: [AccountId; 6] = [
    AccountId::Resident(ResidentId(1)),
    AccountId::Resident(ResidentId(2)),
    AccountId::Resident(ResidentId(3)),
    AccountId::Volunteer(VolunteerId(1)),
    AccountId::Volunteer(VolunteerId(2)),
    AccountId::Organisation(ProviderId(1)),
];

/// Index 0–5: members; 6: fund; 7: pool; 8: never opened.
fn account(index: u8) -> AccountId {
    match index {
        0..=5 => MEMBERS[usize::from(index)],
        6 => AccountId::Fund,
        7 => AccountId::DonationPool,
        _ => AccountId::Resident(ResidentId(99)),
    }
}

fn open_members(ledger: &mut Ledger) {
    let [r1, r2, r3, v1, v2, org] = MEMBERS;
    for a in [
        Account::new(r1).with_priority(true),
        Account::new(r2),
        Account::new(r3).with_priority(true).with_family([r2]),
        Account::new(v1).with_family([r1]),
        Account::new(v2).with_family([v1]),
        Account::new(org).with_group(true),
    ] {
        ledger.open_account(a).expect("fresh account");
    }
}

#[derive(Debug, Clone)]
enum Amount {
    /// A multiple of the policy's unit (0 is invalid).
    Units(u8),
    /// Any raw number, mostly invalid or extreme.
    Raw(i64),
}

impl Amount {
    fn minutes(&self, unit: i64) -> i64 {
        match self {
            Self::Units(k) => i64::from(*k) * unit,
            Self::Raw(x) => *x,
        }
    }
}

#[derive(Debug, Clone)]
enum Simple {
    Earn(u8, Amount),
    Redeem(u8, Amount),
    Transfer(u8, u8, Amount),
    Donate(u8, Amount),
    Grant(u8),
    PoolGrant(Vec<u8>, Amount),
}

impl Simple {
    fn operation(&self, unit: i64) -> Operation {
        match self {
            Self::Earn(a, m) => Operation::Earn {
                account: account(*a),
                need: NeedId(u32::from(*a)),
                minutes: m.minutes(unit),
            },
            Self::Redeem(a, m) => Operation::Redeem {
                account: account(*a),
                minutes: m.minutes(unit),
                need: None,
            },
            Self::Transfer(a, b, m) => Operation::Transfer {
                from: account(*a),
                to: account(*b),
                minutes: m.minutes(unit),
            },
            Self::Donate(a, m) => Operation::Donate {
                from: account(*a),
                minutes: m.minutes(unit),
            },
            Self::Grant(a) => Operation::StartingGrant { to: account(*a) },
            Self::PoolGrant(rs, m) => Operation::PoolGrant {
                recipients: rs.iter().map(|&r| account(r)).collect(),
                minutes_each: m.minutes(unit),
            },
        }
    }
}

#[derive(Debug, Clone)]
enum Step {
    Op(Simple),
    Batch(Vec<Simple>),
    /// Reverse transaction `n % (count + 2)`: includes the invalid ids 0 and count + 1.
    Reverse(u16),
    /// Approve the n-th pending transaction as reviewer 0 (the operator), 1 or 2.
    Approve(u16, u8),
    /// Repeat the n-th accepted request, unchanged.
    Retry(u16),
    /// Repeat the n-th accepted request's key with a different memo.
    Conflict(u16),
}

/// A step and its time offset in minutes from the clock (negative: out of order).
type Timed = (Step, i64);

fn amount() -> impl Strategy<Value = Amount> {
    prop_oneof![
        12 => (0u8..=40).prop_map(Amount::Units),
        1 => prop_oneof![
            Just(i64::MAX),
            Just(i64::MIN),
            Just(i64::MAX - 1),
            -20i64..20,
            1i64..2_000,
        ]
        .prop_map(Amount::Raw),
    ]
}

fn account_index() -> impl Strategy<Value = u8> {
    prop_oneof![12 => 0u8..6, 1 => 6u8..9]
}

fn simple() -> impl Strategy<Value = Simple> {
    prop_oneof![
        4 => (account_index(), amount()).prop_map(|(a, m)| Simple::Earn(a, m)),
        2 => (account_index(), amount()).prop_map(|(a, m)| Simple::Redeem(a, m)),
        2 => (account_index(), account_index(), amount())
            .prop_map(|(a, b, m)| Simple::Transfer(a, b, m)),
        2 => (account_index(), amount()).prop_map(|(a, m)| Simple::Donate(a, m)),
        1 => account_index().prop_map(Simple::Grant),
        1 => (prop::collection::vec(account_index(), 0..5), amount())
            .prop_map(|(rs, m)| Simple::PoolGrant(rs, m)),
    ]
}

fn batch() -> impl Strategy<Value = Step> {
    prop::collection::vec(simple(), 0..5).prop_map(Step::Batch)
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        10 => simple().prop_map(Step::Op),
        2 => batch(),
        2 => any::<u16>().prop_map(Step::Reverse),
        2 => (any::<u16>(), 0u8..3).prop_map(|(n, r)| Step::Approve(n, r)),
        1 => any::<u16>().prop_map(Step::Retry),
        1 => any::<u16>().prop_map(Step::Conflict),
    ]
}

fn offset() -> impl Strategy<Value = i64> {
    prop_oneof![12 => 0i64..5, 1 => Just(-30i64)]
}

fn steps() -> impl Strategy<Value = Vec<Timed>> {
    prop::collection::vec((step(), offset()), 1..40)
}

fn batch_steps() -> impl Strategy<Value = Vec<Timed>> {
    prop::collection::vec(
        (
            prop_oneof![3 => batch(), 1 => simple().prop_map(Step::Op)],
            offset(),
        ),
        1..25,
    )
}

fn policy() -> impl Strategy<Value = LedgerPolicy> {
    (
        prop_oneof![Just(1i64), Just(15)],
        prop_oneof![
            Just(None),
            Just(Some(120i64)),
            Just(Some(600)),
            Just(Some(90_000))
        ],
        prop_oneof![Just(0i64), Just(60)],
        prop_oneof![
            Just(TransferRule::FamilyOnly),
            Just(TransferRule::Anyone),
            Just(TransferRule::Nobody)
        ],
        0u32..3,
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(unit, cap, overdraft, rule, reviewers, grant, group_only)| {
                let p = LedgerPolicy::default()
                    .with_unit(unit)
                    .with_overdraft_limit(overdraft)
                    .with_transfer_rule(rule)
                    .with_reviewers_required(reviewers)
                    .with_starting_grant(if grant { 60 } else { 0 })
                    .with_group_donate_only(group_only);
                match cap {
                    Some(c) => p.with_cap(c),
                    None => p.without_cap(),
                }
            },
        )
}

const REVIEWERS: [&str; 3] = ["desk", "zhao", "qian"];

/// What one step did.
struct Outcome {
    before: Ledger,
    result: Result<Receipt, LedgerError>,
    /// For retries and conflicts: the key and the receipt it had before.
    prior: Option<(String, Option<Receipt>)>,
}

/// Drives a ledger with generated steps, remembering accepted requests for retries.
struct Harness {
    ledger: Ledger,
    clock: NaiveDateTime,
    next_key: u32,
    accepted: Vec<(TxMeta, Operation)>,
}

impl Harness {
    fn new(policy: LedgerPolicy) -> Self {
        let mut ledger = Ledger::new(policy).expect("generated policies are valid");
        open_members(&mut ledger);
        let clock = NaiveDate::from_ymd_opt(2025, 1, 1)
            .and_then(|d| d.and_hms_opt(8, 0, 0))
            .expect("valid start time");
        Self {
            ledger,
            clock,
            next_key: 0,
            accepted: Vec::new(),
        }
    }

    fn submit(&mut self, operation: Operation, at: NaiveDateTime) -> Result<Receipt, LedgerError> {
        self.next_key += 1;
        let meta = TxMeta::new(format!("k{}", self.next_key), "desk", at)
            .with_memo(format!("step {}", self.next_key));
        let result = self.ledger.submit(meta.clone(), operation.clone());
        if result.is_ok() {
            self.accepted.push((meta, operation));
        }
        result
    }

    fn step(&mut self, (step, offset): &Timed) -> Outcome {
        if *offset >= 0 {
            self.clock += Duration::minutes(*offset);
        }
        let at = self.clock + Duration::minutes((*offset).min(0));
        let before = self.ledger.clone();
        let unit = self.ledger.policy().unit();
        let mut prior = None;
        let result = match step {
            Step::Op(op) => self.submit(op.operation(unit), at),
            Step::Batch(ops) => self.submit(
                Operation::Batch {
                    operations: ops.iter().map(|o| o.operation(unit)).collect(),
                },
                at,
            ),
            Step::Reverse(n) => {
                let count = self.ledger.transactions().len() as u64;
                let id = u64::from(*n) % (count + 2);
                self.submit(
                    Operation::Reverse {
                        transaction: TxId(id),
                    },
                    at,
                )
            }
            Step::Approve(n, r) => {
                let keys: Vec<String> = self
                    .ledger
                    .pending_transactions()
                    .map(|p| p.meta.key.clone())
                    .collect();
                let key = if keys.is_empty() {
                    "k0".to_owned()
                } else {
                    keys[usize::from(*n) % keys.len()].clone()
                };
                self.ledger.approve(&key, REVIEWERS[usize::from(*r)], at)
            }
            Step::Retry(n) | Step::Conflict(n) if !self.accepted.is_empty() => {
                let (mut meta, operation) =
                    self.accepted[usize::from(*n) % self.accepted.len()].clone();
                prior = Some((meta.key.clone(), self.ledger.receipt(&meta.key)));
                meta.at = self.clock;
                if matches!(step, Step::Conflict(_)) {
                    meta.memo.push_str(" (edited)");
                }
                self.ledger.submit(meta, operation)
            }
            Step::Retry(_) | Step::Conflict(_) => Err(LedgerError::NotPending {
                key: "nothing accepted yet".to_owned(),
            }),
        };
        Outcome {
            before,
            result,
            prior,
        }
    }
}

fn check_bounds(ledger: &Ledger) -> Result<(), TestCaseError> {
    let policy = ledger.policy();
    for (id, balance) in ledger.balances() {
        if id.is_member() {
            prop_assert!(balance >= policy.floor(), "{id} at {balance} below floor");
            if let Some(cap) = policy.cap() {
                prop_assert!(balance <= cap, "{id} at {balance} above cap {cap}");
            }
        } else if id == AccountId::DonationPool {
            prop_assert!(balance >= 0, "pool at {balance}");
        }
    }
    Ok(())
}

fn cfg(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

#[cfg(feature = "serde")]
/// Edits one byte of `line` at `pos` to something different.
fn edit_byte(line: &str, pos: usize, replacement: u8) -> String {
    let mut bytes = line.as_bytes().to_vec();
    bytes[pos] = if bytes[pos] == replacement {
        if replacement == b'~' { b'!' } else { b'~' }
    } else {
        replacement
    };
    String::from_utf8(bytes).expect("journals generated here are ASCII")
}

proptest! {
    #![proptest_config(cfg(256))]

    /// Double entry: the balances always sum to zero and equal the sums of the postings.
    #[test]
    fn conservation_after_every_operation(policy in policy(), steps in steps()) {
        let mut h = Harness::new(policy);
        for s in &steps {
            h.step(s);
            prop_assert_eq!(h.ledger.total_balance(), 0);
            prop_assert!(h.ledger.verify_balances());
            for tx in h.ledger.transactions() {
                let sum: i128 = tx.postings.iter().map(|p| i128::from(p.amount)).sum();
                prop_assert_eq!(sum, 0, "{} does not sum to zero", tx.id);
            }
        }
    }

    /// No member goes below its floor or above its cap; the pool never goes negative.
    #[test]
    fn floors_and_caps_never_breached(policy in policy(), steps in steps()) {
        let mut h = Harness::new(policy);
        for s in &steps {
            h.step(s);
            check_bounds(&h.ledger)?;
        }
    }

    /// Whatever is rejected leaves the ledger exactly as it was.
    #[test]
    fn rejected_operations_change_nothing(policy in policy(), steps in steps()) {
        let mut h = Harness::new(policy);
        for s in &steps {
            let out = h.step(s);
            if let Err(e) = &out.result {
                prop_assert_eq!(&h.ledger, &out.before, "rejected with {} but changed", e);
            }
        }
    }

    /// A batch that fails changes nothing; one that succeeds adds exactly one transaction.
    #[test]
    fn failed_batch_changes_nothing(policy in policy(), steps in batch_steps()) {
        let mut h = Harness::new(policy);
        for s in &steps {
            let out = h.step(s);
            match &out.result {
                Err(_) => prop_assert_eq!(&h.ledger, &out.before),
                Ok(Receipt::Posted(_)) => prop_assert_eq!(
                    h.ledger.transactions().len(),
                    out.before.transactions().len() + 1
                ),
                Ok(Receipt::Pending { .. }) => prop_assert_eq!(
                    h.ledger.transactions().len(),
                    out.before.transactions().len()
                ),
            }
        }
    }

    /// Repeating a request returns its current receipt and changes nothing; reusing its key
    /// for different content is a conflict and changes nothing.
    #[test]
    fn idempotent_retries_change_nothing(policy in policy(), steps in steps()) {
        let mut h = Harness::new(policy);
        for s in &steps {
            let out = h.step(s);
            let Some((key, prior)) = &out.prior else { continue };
            prop_assert_eq!(&h.ledger, &out.before);
            if matches!(s.0, Step::Retry(_)) {
                let expected = prior.expect("accepted keys have receipts");
                prop_assert_eq!(out.result, Ok(expected));
            } else {
                prop_assert_eq!(
                    out.result,
                    Err(LedgerError::IdempotencyConflict { key: key.clone() })
                );
            }
        }
    }

    /// Reversing a transaction right after it was posted restores every balance exactly.
    #[test]
    fn reversal_restores_balances_exactly(policy in policy(), steps in steps()) {
        let mut h = Harness::new(policy);
        for s in &steps {
            let out = h.step(s);
            let Ok(Receipt::Posted(id)) = out.result else { continue };
            if h.ledger.transactions().len() == out.before.transactions().len() {
                continue; // an idempotent retry: nothing new was posted
            }
            let tx = h.ledger.transaction(id).expect("posted");
            if matches!(tx.operation, Operation::Reverse { .. }) {
                continue;
            }
            let mut reversed = h.ledger.clone();
            let at = reversed.latest_time().expect("something was posted");
            let receipt = reversed.reverse(TxMeta::new("undo", "auditor", at), id);
            prop_assert!(matches!(receipt, Ok(Receipt::Posted(_))), "{:?}", receipt);
            prop_assert_eq!(
                reversed.balances().collect::<Vec<_>>(),
                out.before.balances().collect::<Vec<_>>()
            );
            prop_assert_eq!(reversed.reversed_by(id), receipt.ok().and_then(Receipt::tx));
        }
    }

    #[cfg(feature = "serde")]
    /// Tampering with one line of an exported journal — editing a byte, swapping it with the
    /// next, removing it, or cutting the journal there — is rejected, naming that line.
    #[test]
    fn tampered_journals_are_rejected(
        policy in policy(),
        steps in steps(),
        kind in 0u8..4,
        line_sel in any::<prop::sample::Index>(),
        pos_sel in any::<prop::sample::Index>(),
        replacement in 0x20u8..0x7f,
    ) {
        let mut h = Harness::new(policy);
        for s in &steps {
            h.step(s);
        }
        let journal = h.ledger.export_journal().expect("exports");
        let mut lines: Vec<String> = journal.lines().map(str::to_owned).collect();
        let n = lines.len();
        let i = line_sel.index(n);
        let expected_line = match kind {
            0 => {
                lines[i] = edit_byte(&lines[i], pos_sel.index(lines[i].len()), replacement);
                i + 1
            }
            1 => {
                let i = i.min(n - 2);
                lines.swap(i, i + 1);
                i + 1
            }
            2 => {
                lines.remove(i);
                if i == n - 1 { n } else { i + 1 }
            }
            _ => {
                lines.truncate(i);
                i + 1
            }
        };
        let mut tampered = lines.join("\n");
        if !tampered.is_empty() {
            tampered.push('\n');
        }
        match Ledger::import_journal(&tampered) {
            Err(LedgerError::Journal(e)) => {
                prop_assert_eq!(e.line(), Some(expected_line), "{}", e);
                if kind == 3 || (kind == 2 && i == n - 1) {
                    let expected = if expected_line == 1 {
                        JournalError::MissingHeader { line: 1 }
                    } else {
                        JournalError::MissingSeal { line: expected_line }
                    };
                    prop_assert_eq!(e, expected);
                }
            }
            other => prop_assert!(false, "tampered journal accepted: {:?}", other.map(|_| ())),
        }
    }
}

proptest! {
    #![proptest_config(cfg(128))]

    #[cfg(feature = "serde")]
    /// Importing the exported journal rebuilds the same ledger: every balance, transaction,
    /// pending review and key.
    #[test]
    fn journal_replay_reproduces_every_balance(policy in policy(), steps in steps()) {
        let mut h = Harness::new(policy);
        for s in &steps {
            h.step(s);
        }
        let journal = h.ledger.export_journal().expect("exports");
        let copy = Ledger::import_journal(&journal).expect("own journal imports");
        prop_assert_eq!(
            copy.balances().collect::<Vec<_>>(),
            h.ledger.balances().collect::<Vec<_>>()
        );
        prop_assert_eq!(&copy, &h.ledger);
        prop_assert_eq!(copy.export_journal().expect("exports"), journal);
    }

    #[cfg(feature = "serde")]
    /// The journal written a step at a time (only the lines after the last head) is the
    /// exported journal without its seal, and a second desk that appends those lines as they
    /// come ends equal to the first.
    #[test]
    fn incremental_journal_equals_the_export(policy in policy(), steps in steps()) {
        let mut h = Harness::new(policy);
        let (mut lines, mut head) = h.ledger.journal_lines_after(&JournalHead::empty()).expect("lines");
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        let (mut desk, desk_head) = Ledger::from_journal_lines(texts).expect("own lines rebuild");
        prop_assert_eq!(&desk_head, &head);
        for s in &steps {
            h.step(s);
            let (new, next) = h.ledger.journal_lines_after(&head).expect("new lines");
            prop_assert_eq!(new.len() as u64, next.seq - head.seq);
            let appended = desk
                .append_journal_lines(&head, new.iter().map(|l| l.text.as_str()))
                .expect("the other desk appends");
            prop_assert_eq!(&appended, &next);
            lines.extend(new);
            head = next;
        }
        prop_assert_eq!(&desk, &h.ledger);
        let journal = h.ledger.export_journal().expect("exports");
        let unsealed: Vec<&str> = journal.lines().collect();
        let written: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        prop_assert_eq!(&unsealed[..unsealed.len() - 1], &written[..]);
        prop_assert_eq!(
            verify_journal_lines(&JournalHead::empty(), written.iter().copied()).expect("verifies"),
            head
        );
    }

    #[cfg(feature = "serde")]
    /// Importing arbitrary text never panics: it is rejected with a journal error.
    #[test]
    fn import_never_panics_on_arbitrary_text(text in "(\\PC{0,80}\n?){0,6}") {
        match Ledger::import_journal(&text) {
            Err(LedgerError::Journal(_)) => {}
            other => prop_assert!(false, "accepted garbage: {:?}", other.map(|_| ())),
        }
    }
}
