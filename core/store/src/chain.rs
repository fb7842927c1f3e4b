//! Rows of the journal table checked against the core's hash chain: a whole journal on open,
//! another writer's new lines on catch-up, and the idempotency-key index.

use std::collections::BTreeMap;

use huzhu::ledger::{JournalError, JournalHead, JournalLine, Ledger, LedgerError, LedgerPolicy};
use serde::Deserialize;

use crate::error::StoreError;

/// One row of the journal table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Row {
    pub seq: u64,
    pub hash: String,
    pub line: String,
}

/// What the store reads from a line besides what the core verifies: its hash and sequence
/// number (to compare with the row's columns) and, for a submit, its idempotency key.
#[derive(Deserialize)]
pub(crate) struct Facts {
    entry: EntryFacts,
    hash: String,
    seq: u64,
}

#[derive(Deserialize)]
struct EntryFacts {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    key: Option<String>,
}

impl Facts {
    /// The idempotency key the line introduces (a `submit` line's key), if any.
    fn submit_key(self) -> Option<String> {
        (self.entry.kind == "submit")
            .then_some(self.entry.key)
            .flatten()
    }
}

fn facts(line: &str) -> Option<Facts> {
    serde_json::from_str(line).ok()
}

/// The keys the new lines introduce, with their lines.
pub(crate) fn new_keys(lines: &[JournalLine]) -> Vec<(String, u64)> {
    lines
        .iter()
        .filter_map(|l| {
            facts(&l.text)
                .and_then(Facts::submit_key)
                .map(|k| (k, l.seq))
        })
        .collect()
}

fn line_no(seq: u64) -> usize {
    usize::try_from(seq + 1).unwrap_or(usize::MAX)
}

fn corrupt(seq: u64, error: JournalError) -> StoreError {
    StoreError::Corrupt {
        seq,
        source: error.into(),
    }
}

/// A core error met while verifying lines, as a [`StoreError::Corrupt`] naming the line.
fn named(error: LedgerError, fallback: u64) -> StoreError {
    let seq = error
        .line()
        .and_then(|l| u64::try_from(l).ok())
        .and_then(|l| l.checked_sub(1))
        .unwrap_or(fallback);
    StoreError::Corrupt { seq, source: error }
}

/// Checks the rows' own columns from `from` on: consecutive `seq` (a deleted row leaves a
/// gap) and, where the line can be read (`facts`), the `hash` and `seq` columns equal the
/// line's own. The line's content is checked by the core afterwards.
fn check_columns(rows: &[Row], facts: &[Option<Facts>], from: u64) -> Result<(), StoreError> {
    for ((expected, row), f) in (from..).zip(rows).zip(facts) {
        if row.seq != expected {
            return Err(corrupt(
                expected,
                JournalError::Sequence {
                    line: line_no(expected),
                    expected,
                    found: row.seq,
                },
            ));
        }
        if let Some(f) = f {
            if f.seq != row.seq {
                return Err(corrupt(
                    expected,
                    JournalError::Sequence {
                        line: line_no(expected),
                        expected,
                        found: f.seq,
                    },
                ));
            }
            if f.hash != row.hash {
                return Err(corrupt(
                    expected,
                    JournalError::Malformed {
                        line: line_no(expected),
                        reason: "the row's hash column differs from the line's hash".into(),
                    },
                ));
            }
        }
    }
    Ok(())
}

fn all_facts(rows: &[Row]) -> Vec<Option<Facts>> {
    rows.iter().map(|r| facts(&r.line)).collect()
}

/// Rebuilds the ledger from every row of a journal table, verifying each line (columns, form,
/// sequence, chain, hash, replay) and the key index against the submit lines.
pub(crate) fn load(
    rows: &[Row],
    keys: &[(String, u64)],
) -> Result<(Ledger, JournalHead), StoreError> {
    let facts = all_facts(rows);
    check_columns(rows, &facts, 0)?;
    let (ledger, head) = Ledger::from_journal_lines(rows.iter().map(|r| r.line.as_str()))
        .map_err(|e| named(e, rows.len() as u64))?;
    check_keys(rows, &facts, keys)?;
    Ok((ledger, head))
}

/// The keys the rows' submit lines introduce, with their lines.
pub(crate) fn submit_keys(rows: &[Row]) -> Vec<(String, u64)> {
    rows.iter()
        .zip(all_facts(rows))
        .filter_map(|(r, f)| f.and_then(Facts::submit_key).map(|k| (k, r.seq)))
        .collect()
}

/// Checks that the key index holds exactly the keys of the journal's submit lines, each
/// naming its line.
pub(crate) fn check_keys(
    rows: &[Row],
    facts: &[Option<Facts>],
    keys: &[(String, u64)],
) -> Result<(), StoreError> {
    let mut index: BTreeMap<&str, u64> = keys.iter().map(|(k, s)| (k.as_str(), *s)).collect();
    for (row, f) in rows.iter().zip(facts) {
        if let Some(key) = f.as_ref().and_then(|f| {
            (f.entry.kind == "submit")
                .then_some(f.entry.key.as_ref())
                .flatten()
        }) {
            match index.remove(key.as_str()) {
                Some(seq) if seq == row.seq => {}
                seq => {
                    return Err(StoreError::KeyIndex {
                        key: key.clone(),
                        seq,
                    });
                }
            }
        }
    }
    match index.into_iter().next() {
        Some((key, seq)) => Err(StoreError::KeyIndex {
            key: key.to_owned(),
            seq: Some(seq),
        }),
        None => Ok(()),
    }
}

/// [`check_keys`] reading the rows' facts itself.
pub(crate) fn check_key_index(rows: &[Row], keys: &[(String, u64)]) -> Result<(), StoreError> {
    check_keys(rows, &all_facts(rows), keys)
}

/// Appends rows other writers committed after `head` to `ledger` (all or nothing) and returns
/// the new head.
pub(crate) fn catch_up(
    ledger: &mut Ledger,
    head: &JournalHead,
    rows: &[Row],
) -> Result<JournalHead, StoreError> {
    check_columns(rows, &all_facts(rows), head.seq)?;
    ledger
        .append_journal_lines(head, rows.iter().map(|r| r.line.as_str()))
        .map_err(|e| named(e, head.seq + rows.len() as u64))
}

/// The first verifying prefix of `rows`: how many lines verify (columns, chain, replay), and
/// the error at the first that does not.
pub(crate) fn verified_prefix(rows: &[Row]) -> (usize, Option<StoreError>) {
    let (mut good, mut error) = match check_columns(rows, &all_facts(rows), 0) {
        Ok(()) => (rows.len(), None),
        Err(e) => (seq_index(e.seq()), Some(e)),
    };
    if let Err(e) = Ledger::from_journal_lines(rows[..good].iter().map(|r| r.line.as_str())) {
        let e = named(e, good as u64);
        good = seq_index(e.seq()).min(good);
        error = Some(e);
    }
    (good, error)
}

fn seq_index(seq: Option<u64>) -> usize {
    seq.and_then(|s| usize::try_from(s).ok()).unwrap_or(0)
}

/// The first setting in which two policies differ, by their JSON names (`cap`, `unit`, …).
pub(crate) fn policy_difference(stored: &LedgerPolicy, given: &LedgerPolicy) -> Option<String> {
    if stored == given {
        return None;
    }
    let json = |p: &LedgerPolicy| match serde_json::to_value(p) {
        Ok(serde_json::Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    };
    let (a, b) = (json(stored), json(given));
    let setting = a
        .keys()
        .chain(b.keys())
        .find(|k| a.get(*k) != b.get(*k))
        .cloned()
        .unwrap_or_else(|| "policy".to_owned());
    Some(setting)
}
