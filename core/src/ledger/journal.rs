//! The journal codec: the ledger as hash-chained, sealed JSON Lines. The format is
//! documented on [`Ledger::export_journal`].

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::account::Account;
use super::error::{JournalError, LedgerError};
use super::operations::{Event, Ledger};
use super::policy::LedgerPolicy;
use super::transaction::{Operation, Posting, Receipt, TxId, TxMeta};

/// The `format` named in a journal header.
pub const JOURNAL_FORMAT: &str = "huzhu-ledger-journal";
/// The journal format version written and read.
pub const JOURNAL_VERSION: u32 = 1;

pub(crate) const ZERO_HASH: &str =
    "0000000000000000000000000000000000000000000000000000000000000000";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub(crate) enum Entry {
    Header {
        format: String,
        version: u32,
        policy: LedgerPolicy,
    },
    Open {
        account: Account,
    },
    Submit {
        key: String,
        operator: String,
        at: chrono::NaiveDateTime,
        memo: String,
        operation: Operation,
        outcome: Outcome,
    },
    Approve {
        key: String,
        reviewer: String,
        at: chrono::NaiveDateTime,
        outcome: Outcome,
    },
    Seal {
        count: u64,
        head: String,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Outcome {
    Posted { tx: TxId, postings: Vec<Posting> },
    Pending { approvals: u32, required: u32 },
}

impl Ledger {
    /// Writes the ledger as a hash-chained, sealed JSON Lines journal.
    ///
    /// # Format
    ///
    /// A journal is UTF-8 text, one JSON object per line, each line ending in `\n`. Line `n`
    /// (from 1) holds sequence number `n - 1`. Every line is *canonical* JSON: object keys sorted
    /// by byte order, no insignificant whitespace, strings escaped as `serde_json` does. A line
    /// that is not canonical is rejected, so any byte edit is detected. Each line is
    ///
    /// ```text
    /// {"entry":{…},"hash":"<hex>","prev":"<hex>","seq":<n>}
    /// ```
    ///
    /// - `seq`: the sequence number, 0, 1, 2, … in order.
    /// - `prev`: the `hash` of the line before; 64 zeros on the first line.
    /// - `hash`: lowercase hex SHA-256 of the canonical JSON of `{"entry":…,"prev":…,"seq":…}`
    ///   (the same line without its `hash` field).
    /// - `entry`: one of, by its `type` field:
    ///   - `header` (first line only): `format` = `"huzhu-ledger-journal"`, `version` = 1, and the
    ///     `policy`;
    ///   - `open`: an `account` was opened;
    ///   - `submit`: a request was accepted: `key`, `operator`, `at`, `memo`, `operation`, and the
    ///     `outcome`, either `{"posted":{"tx":…,"postings":[…]}}` or
    ///     `{"pending":{"approvals":…,"required":…}}`;
    ///   - `approve`: a reviewer's approval: `key`, `reviewer`, `at`, `outcome`;
    ///   - `seal` (last line only): `count`, the number of lines before the seal, and `head`, the
    ///     hash of the line before the seal.
    ///
    /// Rejected requests and idempotent retries changed nothing and are not recorded.
    ///
    /// # Import
    ///
    /// [`import_journal`](Self::import_journal) checks every line in order — canonical form,
    /// sequence number, chain to the line before, own hash — and the seal; only then does it
    /// replay every entry through the ledger's own operations, checking that the replay
    /// reproduces the recorded outcome. An edited line fails its own hash (or, if its hash was
    /// recomputed, the next line's chain); a moved or removed line fails the sequence; a
    /// journal cut short lacks its seal. Each failure is a
    /// [`JournalError`] naming the first bad line.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use huzhu::ledger::{Account, AccountId, Ledger, LedgerPolicy, TxMeta};
    /// use huzhu::model::{NeedId, VolunteerId};
    ///
    /// let at = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap().and_hms_opt(9, 0, 0).unwrap();
    /// let mut ledger = Ledger::new(LedgerPolicy::default())?;
    /// let v = AccountId::Volunteer(VolunteerId(1));
    /// ledger.open_account(Account::new(v))?;
    /// ledger.earn(TxMeta::new("e1", "desk", at), v, NeedId(1), 60)?;
    ///
    /// let journal = ledger.export_journal()?;
    /// assert_eq!(journal.lines().count(), 4); // header, open, submit, seal
    /// let copy = Ledger::import_journal(&journal)?;
    /// assert_eq!(copy, ledger);
    ///
    /// let tampered = journal.replacen("\"amount\":60", "\"amount\":600", 1);
    /// assert!(Ledger::import_journal(&tampered).is_err());
    /// # Ok::<(), huzhu::ledger::LedgerError>(())
    /// ```
    pub fn export_journal(&self) -> Result<String, LedgerError> {
        let mut writer = Writer {
            out: String::new(),
            prev: ZERO_HASH.to_owned(),
            seq: 0,
        };
        writer.push(&Entry::Header {
            format: JOURNAL_FORMAT.to_owned(),
            version: JOURNAL_VERSION,
            policy: self.policy.clone(),
        })?;
        for event in self.events() {
            writer.push(&self.entry_for(event)?)?;
        }
        let seal = Entry::Seal {
            count: writer.seq,
            head: writer.prev.clone(),
        };
        writer.push(&seal)?;
        Ok(writer.out)
    }

    /// Rebuilds a ledger from a journal written by [`export_journal`](Self::export_journal),
    /// verifying the chain and the seal and replaying every entry.
    pub fn import_journal(text: &str) -> Result<Ledger, LedgerError> {
        let entries = verify_journal(text)?;
        let mut entries = entries.into_iter();
        let Some((line, Entry::Header { policy, .. })) = entries.next() else {
            return Err(JournalError::MissingHeader { line: 1 }.into());
        };
        let mut ledger = Ledger::new(policy).map_err(|e| replay_error(line, e))?;
        for (line, entry) in entries {
            ledger.replay(line, entry)?;
        }
        Ok(ledger)
    }

    pub(crate) fn entry_for(&self, event: &Event) -> Result<Entry, LedgerError> {
        Ok(match event {
            Event::Open(account) => Entry::Open {
                account: Account::clone(account),
            },
            Event::Posted(tx) => {
                let t = self.transaction(*tx).ok_or_else(|| JournalError::Encode {
                    reason: format!("{tx} is recorded but missing"),
                })?;
                Entry::Submit {
                    key: t.meta.key.clone(),
                    operator: t.meta.operator.clone(),
                    at: t.meta.at,
                    memo: t.meta.memo.clone(),
                    operation: t.operation.clone(),
                    outcome: Outcome::Posted {
                        tx: *tx,
                        postings: t.postings.clone(),
                    },
                }
            }
            Event::Pending(pending) => Entry::Submit {
                key: pending.meta.key.clone(),
                operator: pending.meta.operator.clone(),
                at: pending.meta.at,
                memo: pending.meta.memo.clone(),
                operation: pending.operation.clone(),
                outcome: self.outcome(pending.receipt)?,
            },
            Event::Approve(approve) => Entry::Approve {
                key: approve.key.clone(),
                reviewer: approve.reviewer.clone(),
                at: approve.at,
                outcome: self.outcome(approve.receipt)?,
            },
        })
    }

    fn outcome(&self, receipt: Receipt) -> Result<Outcome, LedgerError> {
        Ok(match receipt {
            Receipt::Posted(tx) => Outcome::Posted {
                tx,
                postings: self
                    .transaction(tx)
                    .ok_or_else(|| JournalError::Encode {
                        reason: format!("{tx} is recorded but missing"),
                    })?
                    .postings
                    .clone(),
            },
            Receipt::Pending {
                approvals,
                required,
            } => Outcome::Pending {
                approvals,
                required,
            },
        })
    }

    /// Replays one entry; it must add exactly one event and reproduce the recorded outcome.
    pub(crate) fn replay(&mut self, line: usize, entry: Entry) -> Result<(), LedgerError> {
        let events_before = self.events.len();
        let (receipt, outcome) = match entry {
            Entry::Open { account } => {
                self.open_account(account)
                    .map_err(|e| replay_error(line, e))?;
                return Ok(());
            }
            Entry::Submit {
                key,
                operator,
                at,
                memo,
                operation,
                outcome,
            } => {
                let meta = TxMeta {
                    key,
                    operator,
                    at,
                    memo,
                };
                let receipt = self
                    .submit(meta, operation)
                    .map_err(|e| replay_error(line, e))?;
                (receipt, outcome)
            }
            Entry::Approve {
                key,
                reviewer,
                at,
                outcome,
            } => {
                let receipt = self
                    .approve(&key, &reviewer, at)
                    .map_err(|e| replay_error(line, e))?;
                (receipt, outcome)
            }
            Entry::Header { .. } | Entry::Seal { .. } => {
                return Err(JournalError::ReplayMismatch { line }.into());
            }
        };
        let reproduced = self.outcome(receipt).ok() == Some(outcome);
        if self.events.len() != events_before + 1 || !reproduced {
            return Err(JournalError::ReplayMismatch { line }.into());
        }
        Ok(())
    }
}

pub(crate) fn replay_error(line: usize, source: LedgerError) -> LedgerError {
    JournalError::Replay {
        line,
        source: Box::new(source),
    }
    .into()
}

pub(crate) struct Writer {
    pub(crate) out: String,
    pub(crate) prev: String,
    pub(crate) seq: u64,
}

impl Writer {
    pub(crate) fn push(&mut self, entry: &Entry) -> Result<(), LedgerError> {
        let entry = serde_json::to_value(entry).map_err(|e| JournalError::Encode {
            reason: e.to_string(),
        })?;
        let mut object = Map::new();
        object.insert("entry".to_owned(), entry);
        object.insert("prev".to_owned(), Value::String(self.prev.clone()));
        object.insert("seq".to_owned(), Value::from(self.seq));
        let hash = sha256_hex(&canonical(&Value::Object(object.clone())));
        object.insert("hash".to_owned(), Value::String(hash.clone()));
        self.out.push_str(&canonical(&Value::Object(object)));
        self.out.push('\n');
        self.prev = hash;
        self.seq += 1;
        Ok(())
    }
}

/// Checks the whole journal's integrity — every line's form, sequence number, chain and
/// hash, the header first and the seal last — before anything is replayed. Returns the
/// entries between header and seal with their line numbers, the header first.
fn verify_journal(text: &str) -> Result<Vec<(usize, Entry)>, LedgerError> {
    let body = text.strip_suffix('\n').unwrap_or(text);
    if body.is_empty() {
        return Err(JournalError::MissingHeader { line: 1 }.into());
    }
    let mut entries = Vec::new();
    let mut prev = ZERO_HASH.to_owned();
    let mut sealed = false;
    let mut lines = 0usize;
    for (index, raw) in body.split('\n').enumerate() {
        let line = index + 1;
        lines = line;
        if sealed {
            return Err(JournalError::TrailingAfterSeal { line }.into());
        }
        let (hash, entry) = verify_line(raw, line, index as u64, &prev)?;
        match entry {
            Entry::Header {
                ref format,
                version,
                ..
            } if index == 0 => {
                if format != JOURNAL_FORMAT || version != JOURNAL_VERSION {
                    return Err(JournalError::UnsupportedFormat {
                        line,
                        format: format.clone(),
                        version,
                    }
                    .into());
                }
                entries.push((line, entry));
            }
            _ if index == 0 => return Err(JournalError::MissingHeader { line }.into()),
            Entry::Header { .. } => return Err(JournalError::UnexpectedHeader { line }.into()),
            Entry::Seal { count, head } => {
                if count != index as u64 || head != prev {
                    return Err(JournalError::SealMismatch { line }.into());
                }
                sealed = true;
            }
            entry => entries.push((line, entry)),
        }
        prev = hash;
    }
    if sealed {
        Ok(entries)
    } else {
        Err(JournalError::MissingSeal { line: lines + 1 }.into())
    }
}

/// Checks one line's form, sequence number, chain and hash; returns its hash and entry.
pub(crate) fn verify_line(
    raw: &str,
    line: usize,
    expected_seq: u64,
    prev: &str,
) -> Result<(String, Entry), LedgerError> {
    let malformed = |reason: &str| -> LedgerError {
        JournalError::Malformed {
            line,
            reason: reason.to_owned(),
        }
        .into()
    };
    let value: Value = serde_json::from_str(raw).map_err(|e| malformed(&e.to_string()))?;
    if canonical(&value) != raw {
        return Err(malformed("not canonical JSON"));
    }
    let Value::Object(mut object) = value else {
        return Err(malformed("not a JSON object"));
    };
    let Some(Value::String(hash)) = object.remove("hash") else {
        return Err(malformed("missing string field `hash`"));
    };
    let seq = object
        .get("seq")
        .and_then(Value::as_u64)
        .ok_or_else(|| malformed("missing integer field `seq`"))?;
    if seq != expected_seq {
        return Err(JournalError::Sequence {
            line,
            expected: expected_seq,
            found: seq,
        }
        .into());
    }
    if object.get("prev").and_then(Value::as_str) != Some(prev) {
        return Err(JournalError::BrokenChain { line }.into());
    }
    if object.len() != 3 {
        return Err(malformed("unexpected fields"));
    }
    if sha256_hex(&canonical(&Value::Object(object.clone()))) != hash {
        return Err(JournalError::HashMismatch { line }.into());
    }
    let entry = object
        .remove("entry")
        .ok_or_else(|| malformed("missing field `entry`"))?;
    let entry: Entry = serde_json::from_value(entry).map_err(|e| malformed(&e.to_string()))?;
    Ok((hash, entry))
}

/// Canonical JSON: keys sorted by byte order, no whitespace, independent of how
/// `serde_json` orders maps.
pub(crate) fn canonical(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            crate::cold::sort_by(&mut entries, |a, b| a.0.cmp(b.0));
            out.push('{');
            for (i, (key, item)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                write_canonical(item, out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

pub(crate) fn sha256_hex(text: &str) -> String {
    use std::fmt::Write as _;
    let digest = Sha256::digest(text.as_bytes());
    let mut hex = String::with_capacity(64);
    for byte in digest {
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}
