//! The journal, incrementally: the lines after a known head, a ledger from unsealed lines, and
//! lines appended from another writer, each checked against the chain from a known head without
//! re-reading what came before. This is what a store needs to persist every operation as it
//! happens (a SQLite or PostgreSQL table of lines, an IndexedDB object store) and to catch up
//! with what other writers appended.
//!
//! The lines are those of [`Ledger::export_journal`] without the seal: line `seq` holds the
//! header when `seq` is 0, else the ledger's event number `seq - 1`.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::error::{JournalError, LedgerError};
use super::journal::{Entry, JOURNAL_FORMAT, JOURNAL_VERSION, Writer, ZERO_HASH, verify_line};
use super::operations::Ledger;
use super::transaction::TxId;

/// Where a journal's chain stands: the number of lines so far (the next line's `seq`) and the
/// hash of the last line (64 zeros before the first).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct JournalHead {
    /// The next line's sequence number: the number of lines so far.
    pub seq: u64,
    /// The hash of line `seq - 1`, lowercase hex (64 zeros when `seq` is 0).
    pub hash: String,
}

impl JournalHead {
    /// The head of an empty journal.
    pub fn empty() -> Self {
        Self {
            seq: 0,
            hash: ZERO_HASH.to_owned(),
        }
    }
}

impl Default for JournalHead {
    fn default() -> Self {
        Self::empty()
    }
}

/// One line of the journal, without its newline (`{"seq", "hash", "text"}` in JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalLine {
    /// Its sequence number.
    pub seq: u64,
    /// Its hash.
    pub hash: String,
    /// The canonical JSON line.
    pub text: String,
}

impl Ledger {
    /// Lines in this ledger's (unsealed) journal: the header and one per event.
    pub fn journal_len(&self) -> u64 {
        1 + self.events().len() as u64
    }

    /// Where this ledger's (unsealed) journal stands: the head after its last line, as
    /// [`journal_lines_after`](Self::journal_lines_after) from the empty head returns it. Reads
    /// the whole journal; a store that keeps its head need not call it.
    ///
    /// ```
    /// use huzhu::ledger::{JournalHead, Ledger, LedgerPolicy};
    /// let bank = Ledger::new(LedgerPolicy::default())?;
    /// let (_, head) = bank.journal_lines_after(&JournalHead::empty())?;
    /// assert_eq!(bank.journal_head()?, head);
    /// # Ok::<(), huzhu::ledger::LedgerError>(())
    /// ```
    pub fn journal_head(&self) -> Result<JournalHead, LedgerError> {
        let mut writer = Writer {
            out: String::new(),
            prev: ZERO_HASH.to_owned(),
            seq: 0,
        };
        writer.push(&self.header_entry())?;
        for event in self.events() {
            writer.out.clear();
            writer.push(&self.entry_for(event)?)?;
        }
        Ok(JournalHead {
            seq: writer.seq,
            hash: writer.prev,
        })
    }

    /// The journal's head just after the line that posted transaction `tx` (its submission,
    /// or the approval that posted it), or `None` if no line did. What a clearing message
    /// carries as the other bank's head (see [`Clearing`](super::Clearing)).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use huzhu::ledger::{Account, AccountId, Ledger, LedgerPolicy, TxId, TxMeta};
    /// use huzhu::model::{NeedId, VolunteerId};
    /// let at = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap().and_hms_opt(9, 0, 0).unwrap();
    /// let v = AccountId::Volunteer(VolunteerId(1));
    /// let mut bank = Ledger::new(LedgerPolicy::default())?;
    /// bank.open_account(Account::new(v))?;
    /// bank.earn(TxMeta::new("e1", "desk", at), v, NeedId(1), 60)?;
    /// let after_earn = bank.journal_head()?;
    /// bank.earn(TxMeta::new("e2", "desk", at), v, NeedId(2), 30)?;
    /// assert_eq!(bank.journal_head_after(TxId(1))?, Some(after_earn));
    /// assert_eq!(bank.journal_head_after(TxId(9))?, None);
    /// # Ok::<(), huzhu::ledger::LedgerError>(())
    /// ```
    pub fn journal_head_after(&self, tx: TxId) -> Result<Option<JournalHead>, LedgerError> {
        Ok(self.journal_heads_after(&BTreeSet::from([tx]))?.remove(&tx))
    }

    /// [`journal_head_after`](Self::journal_head_after) for several transactions, reading
    /// the journal once.
    pub(crate) fn journal_heads_after(
        &self,
        txs: &BTreeSet<TxId>,
    ) -> Result<BTreeMap<TxId, JournalHead>, LedgerError> {
        let mut heads = BTreeMap::new();
        if txs.is_empty() {
            return Ok(heads);
        }
        let mut writer = Writer {
            out: String::new(),
            prev: ZERO_HASH.to_owned(),
            seq: 0,
        };
        writer.push(&self.header_entry())?;
        for event in self.events() {
            writer.out.clear();
            writer.push(&self.entry_for(event)?)?;
            if let Some(tx) = event.posted()
                && txs.contains(&tx)
            {
                heads.insert(
                    tx,
                    JournalHead {
                        seq: writer.seq,
                        hash: writer.prev.clone(),
                    },
                );
                if heads.len() == txs.len() {
                    break;
                }
            }
        }
        Ok(heads)
    }

    fn header_entry(&self) -> Entry {
        Entry::Header {
            format: JOURNAL_FORMAT.to_owned(),
            version: JOURNAL_VERSION,
            policy: self.policy().clone(),
        }
    }

    /// The journal's lines from `head.seq` on, chained from `head`, and the new head. `head`
    /// must be where this ledger's own journal stood (from an earlier call, from
    /// [`from_journal_lines`](Self::from_journal_lines), or [`JournalHead::empty`] for all of
    /// it); a store keeps it and writes only what is new after each operation.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use huzhu::ledger::{Account, AccountId, JournalHead, Ledger, LedgerPolicy, TxMeta};
    /// use huzhu::model::{NeedId, VolunteerId};
    /// let at = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap().and_hms_opt(9, 0, 0).unwrap();
    /// let v = AccountId::Volunteer(VolunteerId(1));
    /// let mut bank = Ledger::new(LedgerPolicy::default())?;
    /// bank.open_account(Account::new(v))?;
    /// let (lines, head) = bank.journal_lines_after(&JournalHead::empty())?;
    /// assert_eq!((lines.len(), head.seq), (2, 2)); // header, open
    /// bank.earn(TxMeta::new("e1", "desk", at), v, NeedId(1), 60)?;
    /// let (new, head) = bank.journal_lines_after(&head)?;
    /// assert_eq!((new.len(), new[0].seq, head.seq), (1, 2, 3)); // only the earn
    /// // The lines rebuild the same ledger, checked line by line.
    /// let text: Vec<&str> = lines.iter().chain(&new).map(|l| l.text.as_str()).collect();
    /// let (copy, copy_head) = Ledger::from_journal_lines(text)?;
    /// assert_eq!((copy, copy_head), (bank, head));
    /// # Ok::<(), huzhu::ledger::LedgerError>(())
    /// ```
    ///
    /// # Errors
    /// `head.seq` beyond this journal's length, or an entry that cannot be encoded.
    pub fn journal_lines_after(
        &self,
        head: &JournalHead,
    ) -> Result<(Vec<JournalLine>, JournalHead), LedgerError> {
        let len = self.journal_len();
        if head.seq > len {
            return Err(JournalError::Sequence {
                line: usize::try_from(len + 1).unwrap_or(usize::MAX),
                expected: len,
                found: head.seq,
            }
            .into());
        }
        let mut writer = Writer {
            out: String::new(),
            prev: head.hash.clone(),
            seq: head.seq,
        };
        let mut lines = Vec::new();
        let mut take = |writer: &mut Writer| {
            let text = std::mem::take(&mut writer.out);
            lines.push(JournalLine {
                seq: writer.seq - 1,
                hash: writer.prev.clone(),
                text: text.trim_end_matches('\n').to_owned(),
            });
        };
        if head.seq == 0 {
            writer.push(&self.header_entry())?;
            take(&mut writer);
        }
        let from = usize::try_from(head.seq.saturating_sub(1)).unwrap_or(usize::MAX);
        for event in self.events().iter().skip(from) {
            writer.push(&self.entry_for(event)?)?;
            take(&mut writer);
        }
        let head = JournalHead {
            seq: writer.seq,
            hash: writer.prev,
        };
        Ok((lines, head))
    }

    /// Rebuilds a ledger from unsealed journal lines (the header first), checking each line's
    /// form, sequence, chain and hash and replaying it; returns the ledger and its head.
    ///
    /// # Errors
    /// A [`JournalError`] naming the first bad line, as [`Ledger::import_journal`] does.
    pub fn from_journal_lines<'a>(
        lines: impl IntoIterator<Item = &'a str>,
    ) -> Result<(Ledger, JournalHead), LedgerError> {
        let mut lines = lines.into_iter();
        let Some(first) = lines.next() else {
            return Err(JournalError::MissingHeader { line: 1 }.into());
        };
        let (hash, entry) = verify_line(first, 1, 0, ZERO_HASH)?;
        let Entry::Header {
            format,
            version,
            policy,
        } = entry
        else {
            return Err(JournalError::MissingHeader { line: 1 }.into());
        };
        if format != JOURNAL_FORMAT || version != JOURNAL_VERSION {
            return Err(JournalError::UnsupportedFormat {
                line: 1,
                format,
                version,
            }
            .into());
        }
        let mut ledger = Ledger::new(policy).map_err(|e| super::journal::replay_error(1, e))?;
        let head = JournalHead { seq: 1, hash };
        let head = ledger.replay_lines(&head, lines)?;
        Ok((ledger, head))
    }

    /// Appends lines another writer added after `head` (this ledger's own head): each is
    /// checked against the chain and replayed. All or nothing: on an error the ledger is
    /// unchanged. Returns the new head.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use huzhu::ledger::{Account, AccountId, JournalHead, Ledger, LedgerPolicy, TxMeta};
    /// use huzhu::model::{NeedId, VolunteerId};
    /// let at = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap().and_hms_opt(9, 0, 0).unwrap();
    /// let v = AccountId::Volunteer(VolunteerId(1));
    /// let mut desk_a = Ledger::new(LedgerPolicy::default())?;
    /// desk_a.open_account(Account::new(v))?;
    /// let mut desk_b = desk_a.clone();
    /// let (_, head) = desk_a.journal_lines_after(&JournalHead::empty())?;
    /// desk_a.earn(TxMeta::new("e1", "desk a", at), v, NeedId(1), 60)?;
    /// let (new, _) = desk_a.journal_lines_after(&head)?;
    /// // Desk b catches up with what desk a wrote.
    /// desk_b.append_journal_lines(&head, new.iter().map(|l| l.text.as_str()))?;
    /// assert_eq!(desk_b.balance(v)?, 60);
    /// // A line that does not continue the chain is refused, and nothing changes.
    /// assert!(desk_b.append_journal_lines(&head, new.iter().map(|l| l.text.as_str())).is_err());
    /// assert_eq!(desk_b.balance(v)?, 60);
    /// # Ok::<(), huzhu::ledger::LedgerError>(())
    /// ```
    ///
    /// # Errors
    /// A [`JournalError`] naming the first bad line (its number is `seq + 1`).
    pub fn append_journal_lines<'a>(
        &mut self,
        head: &JournalHead,
        lines: impl IntoIterator<Item = &'a str>,
    ) -> Result<JournalHead, LedgerError> {
        if head.seq != self.journal_len() {
            return Err(JournalError::Sequence {
                line: usize::try_from(head.seq + 1).unwrap_or(usize::MAX),
                expected: self.journal_len(),
                found: head.seq,
            }
            .into());
        }
        let lines: Vec<&str> = lines.into_iter().collect();
        if lines.is_empty() {
            // Nothing new (the usual case for a single writer): no copy of the ledger.
            return Ok(head.clone());
        }
        // Check the chain first, so a line that fails its hash changes nothing. Then replay in
        // place: a store catching up after another writer's commit must not copy the whole
        // ledger each time. A line that verifies but does not replay (a forger recomputed the
        // hashes) is rare: then the ledger is rebuilt from its own journal up to `head`.
        verify_journal_lines(head, lines.iter().copied())?;
        match self.replay_lines(head, lines) {
            Ok(new_head) => Ok(new_head),
            Err(e) => {
                self.rewind_to(head)?;
                Err(e)
            }
        }
    }

    /// Rebuilds the ledger from its own journal's first `head.seq` lines (after a replay that
    /// failed part way).
    fn rewind_to(&mut self, head: &JournalHead) -> Result<(), LedgerError> {
        let (lines, _) = self.journal_lines_after(&JournalHead::empty())?;
        let keep = usize::try_from(head.seq)
            .unwrap_or(usize::MAX)
            .min(lines.len());
        let (ledger, rebuilt) =
            Ledger::from_journal_lines(lines[..keep].iter().map(|l| l.text.as_str()))?;
        debug_assert_eq!(
            &rebuilt, head,
            "the ledger's own journal rebuilds to its head"
        );
        *self = ledger;
        Ok(())
    }

    fn replay_lines<'a>(
        &mut self,
        head: &JournalHead,
        lines: impl IntoIterator<Item = &'a str>,
    ) -> Result<JournalHead, LedgerError> {
        let mut head = head.clone();
        for raw in lines {
            let line = usize::try_from(head.seq + 1).unwrap_or(usize::MAX);
            let (hash, entry) = verify_line(raw, line, head.seq, &head.hash)?;
            match entry {
                Entry::Header { .. } => {
                    return Err(JournalError::UnexpectedHeader { line }.into());
                }
                Entry::Seal { .. } => return Err(JournalError::TrailingAfterSeal { line }.into()),
                entry => self.replay(line, entry)?,
            }
            head = JournalHead {
                seq: head.seq + 1,
                hash,
            };
        }
        Ok(head)
    }
}

/// Checks lines continuing a chain from `head` — each line's canonical form, sequence number,
/// link to the line before and own hash — without replaying them; returns the new head. For a
/// store checking its file on open, or a copy received from another site.
///
/// ```
/// use huzhu::ledger::{JournalHead, Ledger, LedgerPolicy, verify_journal_lines};
/// let bank = Ledger::new(LedgerPolicy::default())?;
/// let (lines, head) = bank.journal_lines_after(&JournalHead::empty())?;
/// let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
/// assert_eq!(verify_journal_lines(&JournalHead::empty(), texts.iter().copied())?, head);
/// let edited = texts[0].replace("huzhu", "huzhU");
/// assert!(verify_journal_lines(&JournalHead::empty(), [edited.as_str()]).is_err());
/// # Ok::<(), huzhu::ledger::LedgerError>(())
/// ```
///
/// # Errors
/// A [`JournalError`] naming the first bad line.
pub fn verify_journal_lines<'a>(
    head: &JournalHead,
    lines: impl IntoIterator<Item = &'a str>,
) -> Result<JournalHead, LedgerError> {
    let mut head = head.clone();
    for raw in lines {
        let line = usize::try_from(head.seq + 1).unwrap_or(usize::MAX);
        let (hash, _) = verify_line(raw, line, head.seq, &head.hash)?;
        head = JournalHead {
            seq: head.seq + 1,
            hash,
        };
    }
    Ok(head)
}
