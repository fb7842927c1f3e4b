//! The journal importer and the ledger behind it.
//!
//! Mode 0: any text either imports into a ledger that balances and re-exports to an equal
//! ledger, or gives a typed error. Mode 1: a ledger driven by random operations (amounts up to
//! the `i64` extremes); every rejected operation leaves the ledger unchanged, balances always
//! sum to zero, the journal imports to an equal ledger, and an edited, reordered or truncated
//! journal is refused (or, if the edit changed nothing, imports to the same ledger). The
//! operations include points (earn, list, restock, exchange) and clearing between banks (the
//! ledger is bank `pudong`; prepare, apply, refuse, acknowledge, cancel against `xuhui` and
//! `jingan`, with limits). The journal's tail from any head re-appends to the ledger it came
//! from, and verifies from that head.
#![no_main]

use chrono::NaiveDate;
use huzhu::ledger::{
    Account, AccountId, BankId, CatalogueItem, ClearingPolicy, JournalHead, Ledger, LedgerPolicy,
    Operation, TransferRule, TxId, TxMeta, verify_journal_lines,
};
use huzhu::model::{NeedId, ResidentId, VolunteerId};
use libfuzzer_sys::fuzz_target;

struct Bytes<'a>(&'a [u8]);
impl Bytes<'_> {
    fn next(&mut self) -> u8 {
        match self.0.split_first() {
            Some((&b, rest)) => {
                self.0 = rest;
                b
            }
            None => 0,
        }
    }
    fn done(&self) -> bool {
        self.0.is_empty()
    }
    fn amount(&mut self) -> i64 {
        match self.next() % 8 {
            0 => i64::MAX,
            1 => i64::MIN,
            2 => -i64::from(self.next()),
            3 => 0,
            4 => i64::from(self.next()) * 1000 + i64::from(self.next()),
            _ => i64::from(self.next()) * 15,
        }
    }
    fn account(&mut self) -> AccountId {
        match self.next() % 8 {
            0 | 1 | 2 => AccountId::Volunteer(VolunteerId(u32::from(self.next() % 3))),
            3 | 4 => AccountId::Resident(ResidentId(u32::from(self.next() % 3))),
            5 => AccountId::Fund,
            6 => AccountId::Clearing(self.bank()),
            _ => AccountId::DonationPool,
        }
    }
    fn bank(&mut self) -> BankId {
        let name = ["pudong", "xuhui", "jingan"][usize::from(self.next() % 3)];
        name.parse().expect("a bank code")
    }
    fn text(&mut self, options: &[&str]) -> String {
        options[usize::from(self.next()) % options.len()].to_owned()
    }
    fn quantity(&mut self) -> u32 {
        match self.next() % 4 {
            0 => 0,
            1 => u32::MAX,
            _ => u32::from(self.next() % 5),
        }
    }
}

fn imported_equal(text: &str, ledger: &Ledger) {
    let again = Ledger::import_journal(text).expect("an exported journal imports");
    assert_eq!(&again, ledger, "journal round trip changed the ledger");
}

fn operation(b: &mut Bytes<'_>, depth: u8) -> Operation {
    match b.next() % 16 {
        0 | 1 => Operation::Earn {
            account: b.account(),
            need: NeedId(u32::from(b.next())),
            minutes: b.amount(),
        },
        2 => Operation::Redeem {
            account: b.account(),
            minutes: b.amount(),
            need: None,
        },
        3 => Operation::Transfer {
            from: b.account(),
            to: b.account(),
            minutes: b.amount(),
        },
        4 => Operation::Donate {
            from: b.account(),
            minutes: b.amount(),
        },
        5 => Operation::StartingGrant { to: b.account() },
        6 => Operation::PoolGrant {
            recipients: (0..b.next() % 4).map(|_| b.account()).collect(),
            minutes_each: b.amount(),
        },
        7 if depth == 0 => Operation::Batch {
            operations: (0..b.next() % 4).map(|_| operation(b, 1)).collect(),
        },
        7 => Operation::Reverse {
            transaction: TxId(u64::from(b.next() % 8)),
        },
        8 => Operation::EarnPoints {
            account: b.account(),
            rule: b.text(&["meeting", "activity", ""]),
            points: b.amount(),
        },
        9 => {
            let item = CatalogueItem::new(b.text(&["slot", "soap", ""]), "Item", b.amount());
            Operation::ListItem {
                item: if b.next() % 2 == 0 {
                    item
                } else {
                    item.with_stock(b.quantity())
                },
            }
        }
        10 => Operation::Restock {
            item: b.text(&["slot", "soap"]),
            quantity: b.quantity(),
        },
        11 => Operation::Exchange {
            account: b.account(),
            item: b.text(&["slot", "soap"]),
            quantity: b.quantity(),
        },
        12 => Operation::ClearingPrepare {
            transfer: b.text(&["t1", "t2", ""]),
            from_bank: b.bank(),
            to_bank: b.bank(),
            from: b.account(),
            to: b.account(),
            minutes: b.amount(),
        },
        13 => Operation::ClearingApply {
            transfer: b.text(&["t1", "t2"]),
            from_bank: b.bank(),
            to_bank: b.bank(),
            from: b.account(),
            to: b.account(),
            minutes: b.amount(),
            source_head: b.text(&["ab", ""]),
        },
        14 => Operation::ClearingRefuse {
            transfer: b.text(&["t1", "t2"]),
            from_bank: b.bank(),
            to_bank: b.bank(),
            source_head: "ab".into(),
            reason: b.text(&["timeout", ""]),
        },
        _ if b.next() % 2 == 0 => Operation::ClearingAcknowledge {
            transfer: b.text(&["t1", "t2"]),
            from_bank: b.bank(),
            to_bank: b.bank(),
            dest_head: "cd".into(),
        },
        _ => Operation::ClearingCancel {
            transfer: b.text(&["t1", "t2"]),
            from_bank: b.bank(),
            to_bank: b.bank(),
            dest_head: "cd".into(),
        },
    }
}

/// The journal after a random head re-appends to a ledger rebuilt up to that head, giving
/// the same ledger, and verifies from that head.
fn tail_round_trip(b: &mut Bytes<'_>, ledger: &Ledger) {
    let (all, head) = ledger
        .journal_lines_after(&JournalHead::empty())
        .expect("a ledger lists its journal");
    let cut = usize::from(b.next()) % all.len() + 1;
    let (prefix, rest) = all.split_at(cut);
    let (mut partial, mid) = Ledger::from_journal_lines(prefix.iter().map(|l| l.text.as_str()))
        .expect("a prefix of a journal loads");
    let (tail, end) = ledger.journal_lines_after(&mid).expect("the tail after a head");
    assert_eq!(tail, rest, "the tail after a head is the rest of the journal");
    assert_eq!(end, head);
    let verified = verify_journal_lines(&mid, tail.iter().map(|l| l.text.as_str()))
        .expect("the tail verifies from its head");
    assert_eq!(verified, head);
    let end = partial
        .append_journal_lines(&mid, tail.iter().map(|l| l.text.as_str()))
        .expect("the tail appends");
    assert_eq!((&partial, &end), (ledger, &head), "appending the tail changed the ledger");
}

fn structured(b: &mut Bytes<'_>) {
    let mut policy = LedgerPolicy::default()
        .with_unit([1, 15, 60][usize::from(b.next() % 3)])
        .with_transfer_rule(
            [
                TransferRule::FamilyOnly,
                TransferRule::Anyone,
                TransferRule::Nobody,
            ][usize::from(b.next() % 3)],
        )
        .with_reviewers_required(u32::from(b.next() % 3));
    if b.next() % 2 == 0 {
        policy = policy.with_cap(i64::from(b.next()) * 60);
    }
    if b.next() % 2 == 0 {
        policy = policy.with_overdraft_limit(i64::from(b.next()) * 15);
    }
    if b.next() % 2 == 0 {
        policy = policy.with_starting_grant(60);
    }
    if b.next() % 2 == 0 {
        let mut clearing = ClearingPolicy::for_bank("pudong".parse().expect("a bank code"));
        if b.next() % 2 == 0 {
            clearing = clearing.with_member_daily_limit(Some(i64::from(b.next()) * 15));
        }
        if b.next() % 2 == 0 {
            clearing = clearing.with_pair_lifetime_limit(Some(i64::from(b.next()) * 60));
        }
        policy = policy.with_clearing(clearing);
    }
    let Ok(mut ledger) = Ledger::new(policy) else {
        return;
    };
    let day = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let mut minute = 0u32;
    let mut key = 0u32;
    while !b.done() && key < 64 {
        minute += u32::from(b.next() % 3);
        let at = day
            .and_hms_opt(8 + (minute / 60) % 12, minute % 60, 0)
            .unwrap();
        let before = ledger.clone();
        let result = match b.next() % 6 {
            0 => {
                let id = b.account();
                let acc = Account::new(id)
                    .with_priority(b.next() % 2 == 0)
                    .with_group(b.next() % 5 == 0)
                    .with_family([b.account()]);
                ledger.open_account(acc).map(|()| None)
            }
            1 => {
                // Replay an earlier key, possibly with other content.
                let k = format!("k{}", u32::from(b.next()) % (key + 1));
                ledger
                    .submit(TxMeta::new(k, "desk", at), operation(b, 0))
                    .map(Some)
            }
            2 => {
                let k = format!("k{}", u32::from(b.next()) % (key + 1));
                let reviewer = ["desk", "rev:a", "rev:b", ""][usize::from(b.next() % 4)];
                ledger.approve(&k, reviewer, at).map(Some)
            }
            _ => {
                key += 1;
                ledger
                    .submit(TxMeta::new(format!("k{key}"), "desk", at), operation(b, 0))
                    .map(Some)
            }
        };
        if result.is_err() {
            assert_eq!(
                ledger, before,
                "a rejected operation changed the ledger: {result:?}"
            );
        }
        assert_eq!(ledger.total_balance(), 0, "balances do not sum to zero");
        assert!(ledger.verify_balances(), "balances disagree with postings");
    }
    let journal = ledger.export_journal().expect("a ledger exports");
    imported_equal(&journal, &ledger);
    tail_round_trip(b, &ledger);
    // Tamper: edit one byte, swap two lines, or truncate at a line boundary.
    let lines: Vec<&str> = journal.lines().collect();
    let tampered = match b.next() % 3 {
        0 => {
            let mut bytes = journal.clone().into_bytes();
            let i = usize::from(b.next()) * 7 % bytes.len();
            bytes[i] ^= 1 << (b.next() % 7);
            String::from_utf8(bytes).unwrap_or_default()
        }
        1 if lines.len() > 2 => {
            let mut l = lines.clone();
            let i = usize::from(b.next()) % (l.len() - 1);
            l.swap(i, i + 1);
            l.join("\n") + "\n"
        }
        _ => {
            let keep = usize::from(b.next()) % lines.len();
            lines[..keep].join("\n") + "\n"
        }
    };
    if tampered != journal
        && let Ok(other) = Ledger::import_journal(&tampered)
    {
        // Only edits that change nothing the journal holds may pass (e.g. a JSON escape).
        assert_eq!(
            other, ledger,
            "a tampered journal imported to a different ledger"
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let mut b = Bytes(data);
    if b.next() % 2 == 0 {
        let Ok(text) = std::str::from_utf8(b.0) else {
            return;
        };
        if let Ok(ledger) = Ledger::import_journal(text) {
            assert_eq!(
                ledger.total_balance(),
                0,
                "imported ledger does not balance"
            );
            assert!(ledger.verify_balances(), "balances disagree with postings");
            let out = ledger.export_journal().expect("an imported ledger exports");
            imported_equal(&out, &ledger);
        }
    } else {
        structured(&mut b);
    }
});
