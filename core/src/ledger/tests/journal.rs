//! The journal codec: round trip, documented format, and tamper detection.

use serde_json::Value;
use sha2::{Digest, Sha256};

use super::*;
use crate::ledger::journal::{canonical, sha256_hex};
use crate::ledger::{
    JournalError, LedgerError, Operation, TransferRule, TxId, verify_journal_lines,
};
use crate::model::NeedId;

/// A ledger exercising every kind of entry, including a pending and a reviewed earn.
fn busy() -> Ledger {
    let mut l = ledger_with(
        LedgerPolicy::default()
            .with_cap(600)
            .with_starting_grant(60)
            .with_reviewers_required(1)
            .with_transfer_rule(TransferRule::FamilyOnly),
    );
    l.starting_grant(meta("g1", 9), V1).unwrap();
    l.earn(meta("e1", 9), V1, NeedId(1), 600).unwrap();
    l.approve("e1", "zhao", t(10, 0)).unwrap();
    l.transfer(meta("t1", 10).with_memo("for mum \"Li\" 妈妈"), V1, R1, 30)
        .unwrap();
    l.pool_grant(meta("p1", 11), vec![R2, R3], 45).unwrap();
    l.reverse(meta("x1", 11), TxId(3)).unwrap();
    l.batch(
        meta("b1", 12),
        vec![
            Operation::Donate {
                from: V1,
                minutes: 5,
            },
            Operation::Redeem {
                account: R3,
                minutes: 5,
                need: None,
            },
        ],
    )
    .unwrap();
    l.earn(meta("e2", 13), R2, NeedId(2), 15).unwrap(); // left pending
    l
}

fn lines(journal: &str) -> Vec<String> {
    journal.lines().map(str::to_owned).collect()
}

fn join(lines: &[String]) -> String {
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

fn journal_err(text: &str) -> JournalError {
    match Ledger::import_journal(text) {
        Err(LedgerError::Journal(e)) => e,
        other => panic!("expected a journal error, got {other:?}"),
    }
}

/// Rewrites entries with `edit` and recomputes every hash, as a forger would.
fn forge(journal: &str, edit: impl Fn(usize, &mut Value)) -> String {
    let mut prev = "0".repeat(64);
    let mut out = Vec::new();
    for (i, line) in journal.lines().enumerate() {
        let mut v: Value = serde_json::from_str(line).unwrap();
        let obj = v.as_object_mut().unwrap();
        obj.remove("hash");
        let entry = obj.get_mut("entry").unwrap();
        if entry["type"] == "seal" {
            entry["head"] = Value::String(prev.clone());
        }
        edit(i, entry);
        obj.insert("prev".into(), Value::String(prev.clone()));
        obj.insert("seq".into(), Value::from(i as u64));
        let hash = sha256_hex(&canonical(&v));
        v.as_object_mut()
            .unwrap()
            .insert("hash".into(), Value::String(hash.clone()));
        out.push(canonical(&v));
        prev = hash;
    }
    join(&out)
}

#[test]
fn round_trip_reproduces_the_ledger() {
    let l = busy();
    let journal = l.export_journal().unwrap();
    let copy = Ledger::import_journal(&journal).unwrap();
    assert_eq!(copy, l);
    for (account, balance) in l.balances() {
        assert_eq!(copy.balance(account).unwrap(), balance);
    }
    assert!(copy.pending("e2").is_some());
    // Export is deterministic.
    assert_eq!(copy.export_journal().unwrap(), journal);
}

#[test]
fn empty_ledger_round_trips() {
    let l = Ledger::new(LedgerPolicy::default()).unwrap();
    let journal = l.export_journal().unwrap();
    assert_eq!(journal.lines().count(), 2);
    assert_eq!(Ledger::import_journal(&journal).unwrap(), l);
}

#[test]
fn format_matches_the_documentation() {
    let mut l = Ledger::new(LedgerPolicy::default()).unwrap();
    l.open_account(Account::new(V1)).unwrap();
    let journal = l.export_journal().unwrap();
    let ls = lines(&journal);
    assert_eq!(ls.len(), 3);
    let zero = "0".repeat(64);
    // Line 1: the header, hashed over {"entry":…,"prev":…,"seq":0} with sorted keys.
    let header = r#"{"format":"huzhu-ledger-journal","policy":{"cap":90000,"group_donate_only":true,"overdraft_limit":0,"reviewers_required":0,"starting_grant":0,"transfer_rule":"family_only","unit":1},"type":"header","version":1}"#;
    let body = format!(r#"{{"entry":{header},"prev":"{zero}","seq":0}}"#);
    let h0 = hex(&Sha256::digest(body.as_bytes()));
    assert_eq!(
        ls[0],
        format!(r#"{{"entry":{header},"hash":"{h0}","prev":"{zero}","seq":0}}"#)
    );
    // Line 2: the account opened, chained to line 1.
    let open = r#"{"account":{"family":[],"group":false,"id":"volunteer#1","priority":false},"type":"open"}"#;
    let body = format!(r#"{{"entry":{open},"prev":"{h0}","seq":1}}"#);
    let h1 = hex(&Sha256::digest(body.as_bytes()));
    assert_eq!(
        ls[1],
        format!(r#"{{"entry":{open},"hash":"{h1}","prev":"{h0}","seq":1}}"#)
    );
    // Line 3: the seal counts the 2 lines before it and repeats the head hash.
    let seal = format!(r#"{{"count":2,"head":"{h1}","type":"seal"}}"#);
    let body = format!(r#"{{"entry":{seal},"prev":"{h1}","seq":2}}"#);
    let h2 = hex(&Sha256::digest(body.as_bytes()));
    assert_eq!(
        ls[2],
        format!(r#"{{"entry":{seal},"hash":"{h2}","prev":"{h1}","seq":2}}"#)
    );
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::new(), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

#[test]
fn an_edited_line_fails_its_own_hash() {
    let journal = busy().export_journal().unwrap();
    let mut ls = lines(&journal);
    // Line 9 is the transfer of 30 (header, 5 opens, grant, earn, approve, transfer).
    assert!(ls[9].contains(r#""op":"transfer""#), "{}", ls[9]);
    ls[9] = ls[9].replace(r#""minutes":30"#, r#""minutes":3"#);
    assert_eq!(
        journal_err(&join(&ls)),
        JournalError::HashMismatch { line: 10 }
    );
}

#[test]
fn an_edited_line_with_a_recomputed_hash_breaks_the_chain() {
    let journal = busy().export_journal().unwrap();
    let mut ls = lines(&journal);
    let mut v: Value = serde_json::from_str(&ls[9]).unwrap();
    let obj = v.as_object_mut().unwrap();
    obj.remove("hash");
    obj["entry"]["operation"]["minutes"] = Value::from(3);
    let hash = sha256_hex(&canonical(&v));
    v.as_object_mut()
        .unwrap()
        .insert("hash".into(), Value::String(hash));
    ls[9] = canonical(&v);
    assert_eq!(
        journal_err(&join(&ls)),
        JournalError::BrokenChain { line: 11 }
    );
}

#[test]
fn a_whitespace_edit_is_rejected() {
    let journal = busy().export_journal().unwrap();
    let mut ls = lines(&journal);
    ls[3] = ls[3].replacen(':', ": ", 1);
    assert!(matches!(
        journal_err(&join(&ls)),
        JournalError::Malformed { line: 4, .. }
    ));
}

#[test]
fn reordered_lines_fail_the_sequence() {
    let journal = busy().export_journal().unwrap();
    let mut ls = lines(&journal);
    ls.swap(7, 8);
    assert_eq!(
        journal_err(&join(&ls)),
        JournalError::Sequence {
            line: 8,
            expected: 7,
            found: 8
        }
    );
}

#[test]
fn a_removed_line_fails_the_sequence() {
    let journal = busy().export_journal().unwrap();
    let mut ls = lines(&journal);
    ls.remove(4);
    assert_eq!(
        journal_err(&join(&ls)),
        JournalError::Sequence {
            line: 5,
            expected: 4,
            found: 5
        }
    );
}

#[test]
fn a_truncated_journal_lacks_its_seal() {
    let journal = busy().export_journal().unwrap();
    let ls = lines(&journal);
    let n = ls.len();
    assert_eq!(
        journal_err(&join(&ls[..n - 1])),
        JournalError::MissingSeal { line: n }
    );
    assert_eq!(
        journal_err(&join(&ls[..3])),
        JournalError::MissingSeal { line: 4 }
    );
    // Without the final newline it is still complete.
    assert!(Ledger::import_journal(journal.trim_end()).is_ok());
}

#[test]
fn content_after_the_seal_is_rejected() {
    let journal = busy().export_journal().unwrap();
    let mut ls = lines(&journal);
    let n = ls.len();
    ls.push(ls[1].clone());
    assert_eq!(
        journal_err(&join(&ls)),
        JournalError::TrailingAfterSeal { line: n + 1 }
    );
}

#[test]
fn empty_or_headless_journals_are_rejected() {
    assert_eq!(journal_err(""), JournalError::MissingHeader { line: 1 });
    assert!(matches!(
        journal_err("not json\n"),
        JournalError::Malformed { line: 1, .. }
    ));
    let journal = busy().export_journal().unwrap();
    // Forge a journal whose first entry is an account opening.
    let headless = forge(&journal, |i, e| {
        if i == 0 {
            *e = serde_json::json!({"type": "open", "account": {"id": "fund", "priority": false, "group": false, "family": []}});
        }
    });
    assert_eq!(
        journal_err(&headless),
        JournalError::MissingHeader { line: 1 }
    );
}

#[test]
fn forged_but_consistent_chains_are_checked_by_replay() {
    let journal = busy().export_journal().unwrap();
    // Unchanged, the forger reproduces the same journal.
    assert_eq!(forge(&journal, |_, _| {}), journal);
    // A recorded posting that the replay does not reproduce.
    let forged = forge(&journal, |i, e| {
        if i == 9 {
            e["outcome"]["posted"]["postings"][0]["amount"] = Value::from(-31);
        }
    });
    assert_eq!(
        journal_err(&forged),
        JournalError::ReplayMismatch { line: 10 }
    );
    // An operation the ledger rejects on replay (a transfer to a non-family member).
    let forged = forge(&journal, |i, e| {
        if i == 9 {
            e["operation"]["to"] = serde_json::json!({"resident": 2});
        }
    });
    assert!(matches!(
        journal_err(&forged),
        JournalError::Replay { line: 10, .. }
    ));
    // A seal with the wrong count.
    let forged = forge(&journal, |_, e| {
        if e["type"] == "seal" {
            e["count"] = Value::from(3);
        }
    });
    assert!(matches!(
        journal_err(&forged),
        JournalError::SealMismatch { .. }
    ));
    // An unknown version.
    let forged = forge(&journal, |i, e| {
        if i == 0 {
            e["version"] = Value::from(2);
        }
    });
    assert!(matches!(
        journal_err(&forged),
        JournalError::UnsupportedFormat {
            line: 1,
            version: 2,
            ..
        }
    ));
    // A second header.
    let forged = forge(&journal, |i, e| {
        if i == 1 {
            *e = serde_json::json!({"type": "header", "format": "huzhu-ledger-journal", "version": 1, "policy": LedgerPolicy::default()});
        }
    });
    assert_eq!(
        journal_err(&forged),
        JournalError::UnexpectedHeader { line: 2 }
    );
}

/// Lines that verify (a forger recomputed every hash) but do not replay: appending them
/// changes nothing, even though the lines before the bad one replayed, and the error names
/// the bad line.
#[test]
fn appended_lines_that_do_not_replay_change_nothing() {
    let mut source = ledger_with(LedgerPolicy::default());
    source.earn(meta("e1", 9), V1, NeedId(1), 60).unwrap();
    source.redeem(meta("r1", 10), V1, 30, None).unwrap();
    // The redeem's line: its recorded postings say 31, the rules give 30.
    let forged = forge(&source.export_journal().unwrap(), |_, entry| {
        if entry["key"] == "r1" {
            for p in entry["outcome"]["posted"]["postings"]
                .as_array_mut()
                .unwrap()
            {
                let amount = p["amount"].as_i64().unwrap();
                p["amount"] = Value::from(amount.signum() * 31);
            }
        }
    });
    let all = lines(&forged);
    let (earn, redeem) = (all.len() - 3, all.len() - 2); // then the seal
    let (mut desk, head) =
        Ledger::from_journal_lines(all[..earn].iter().map(String::as_str)).unwrap();
    let before = desk.clone();
    let tail: Vec<&str> = all[earn..=redeem].iter().map(String::as_str).collect();
    assert!(verify_journal_lines(&head, tail.iter().copied()).is_ok());
    let e = desk.append_journal_lines(&head, tail).unwrap_err();
    assert_eq!(e.line(), Some(redeem + 1), "{e}");
    assert_eq!(desk, before);
    assert_eq!(desk.journal_len(), earn as u64);
}
