//! The time bank's journal line by line, for a store that persists every operation as it
//! happens (the package's IndexedDB ledger, `persistent-ledger.js`) and catches up with what
//! other writers appended. The lines are those of `exportJournal` without the seal, written and
//! checked by the core (`huzhu::ledger::journal_tail`); a head `{seq, hash}` says where a chain
//! stands (the next line's `seq`, the last line's hash). Every journal error is the core's and
//! names its line (`line`, `record: "journal line 4"`).

// wasm-bindgen hands `JsValue` arguments over by value.
#![allow(clippy::needless_pass_by_value)]

use huzhu::ledger::{JournalError, JournalHead, JournalLine, Ledger, verify_journal_lines};
use wasm_bindgen::prelude::*;

use crate::convert::{from_js, text_arg, to_js};
use crate::error::{Failure, Fallible};
use crate::ledger::JsLedger;
use crate::types::{TsJournalHead, TsJournalLines};

/// A head from JS (`{seq, hash}`), read by the core's serde.
fn head_from_js(value: &JsValue, field: &str) -> Fallible<JournalHead> {
    from_js(value, field)
}

/// An optional head (`undefined` or `null`: `None`).
fn opt_head_from_js(value: Option<&JsValue>, field: &str) -> Fallible<Option<JournalHead>> {
    match value {
        Some(v) if !v.is_undefined() && !v.is_null() => head_from_js(v, field).map(Some),
        _ => Ok(None),
    }
}

/// An array of journal lines as strings; an element that is not a string is named
/// (`lines[3]`).
fn texts(value: &JsValue, field: &str) -> Fallible<Vec<String>> {
    let Some(array) = value.dyn_ref::<js_sys::Array>() else {
        return Err(Failure::invalid(
            field,
            "expected an array of journal lines (strings)",
        ));
    };
    array
        .iter()
        .enumerate()
        .map(|(i, v)| text_arg(&v, &format!("{field}[{i}]")))
        .collect()
}

/// A chain that ends at `found` where the store's head says `expected`: refused like a journal
/// whose seal does not match its lines (the head is the store's seal), naming the line after
/// the last.
fn check_end(found: &JournalHead, expected: Option<&JournalHead>) -> Fallible<()> {
    match expected {
        Some(e) if e != found => Err(JournalError::SealMismatch {
            line: usize::try_from(found.seq.saturating_add(1)).unwrap_or(usize::MAX),
        }
        .into()),
        _ => Ok(()),
    }
}

/// A head that is not where this ledger's journal stood: the line after it would not chain.
fn not_this_ledgers(head: &JournalHead) -> Failure {
    JournalError::BrokenChain {
        line: usize::try_from(head.seq.saturating_add(1)).unwrap_or(usize::MAX),
    }
    .into()
}

/// What `journalLinesAfter` returns: `{lines: [{seq, hash, text}], head: {seq, hash}}`.
#[derive(serde::Serialize)]
struct LinesAfter<'a> {
    lines: &'a [JournalLine],
    head: &'a JournalHead,
}

impl JsLedger {
    /// The head of this ledger's journal now, encoding only the lines after the one known.
    fn current_head(&self) -> Fallible<JournalHead> {
        let known = self.known_head.borrow().clone();
        if known.seq == self.inner.journal_len() {
            return Ok(known);
        }
        let (_, head) = self.inner.journal_lines_after(&known)?;
        self.known_head.replace(head.clone());
        Ok(head)
    }

    /// Checks that `head` is a point of this ledger's own chain (`new` is the head its lines
    /// lead to: the current head exactly when `head`'s hash was this ledger's).
    fn check_own(&self, head: &JournalHead, new: &JournalHead) -> Fallible<()> {
        let known = self.known_head.borrow().clone();
        let ok = if known.seq == head.seq {
            known.hash == head.hash
        } else {
            self.current_head()? == *new
        };
        if ok {
            self.known_head.replace(new.clone());
            Ok(())
        } else {
            Err(not_this_ledgers(head))
        }
    }
}

#[wasm_bindgen(js_class = Ledger)]
impl JsLedger {
    /// Lines in this ledger's (unsealed) journal: the header and one per event.
    #[wasm_bindgen(js_name = journalLen)]
    pub fn journal_len(&self) -> f64 {
        self.inner.journal_len() as f64
    }

    /// Where this ledger's journal stands: `{seq, hash}` (`seq` lines so far, the last one's
    /// hash).
    pub fn head(&self) -> Result<TsJournalHead, JsValue> {
        Ok(to_js(&self.current_head()?)?.unchecked_into())
    }

    /// The journal's lines after `head` (all of them when it is left out), each `{seq, hash,
    /// text}`, and the new head: what a store appends after an operation. `head` must be one
    /// this ledger's journal passed through (from an earlier call, `head()`,
    /// `fromJournalLines` or `appendJournalLines`); another is refused
    /// (`JOURNAL_BROKEN_CHAIN`, or `JOURNAL_SEQUENCE` beyond the end).
    #[wasm_bindgen(js_name = journalLinesAfter)]
    pub fn journal_lines_after(
        &self,
        head: Option<TsJournalHead>,
    ) -> Result<TsJournalLines, JsValue> {
        let head = opt_head_from_js(head.as_deref(), "head")?.unwrap_or_default();
        let (lines, new) = self
            .inner
            .journal_lines_after(&head)
            .map_err(Failure::from)?;
        self.check_own(&head, &new)?;
        Ok(to_js(&LinesAfter {
            lines: &lines,
            head: &new,
        })?
        .unchecked_into())
    }

    /// Rebuilds a ledger from unsealed journal lines (the header first), checking each line's
    /// form, sequence, chain and hash, and replaying it. When `head` is given (where the store
    /// says its chain ends), lines that end elsewhere are refused (`JOURNAL_SEAL_MISMATCH`,
    /// naming the line after the last). Errors name the first bad line.
    #[wasm_bindgen(js_name = fromJournalLines)]
    pub fn from_journal_lines(
        #[wasm_bindgen(unchecked_param_type = "string[]")] lines: JsValue,
        head: Option<TsJournalHead>,
    ) -> Result<JsLedger, JsValue> {
        let lines = texts(&lines, "lines")?;
        let expected = opt_head_from_js(head.as_deref(), "head")?;
        let (ledger, found) =
            Ledger::from_journal_lines(lines.iter().map(String::as_str)).map_err(Failure::from)?;
        check_end(&found, expected.as_ref())?;
        let out = JsLedger::from(ledger);
        out.known_head.replace(found);
        Ok(out)
    }

    /// Appends lines another writer added after `head`, this ledger's current head: each is
    /// checked against the chain and replayed. All or nothing: on an error the ledger is
    /// unchanged. Returns the new head.
    #[wasm_bindgen(js_name = appendJournalLines)]
    pub fn append_journal_lines(
        &mut self,
        head: &TsJournalHead,
        #[wasm_bindgen(unchecked_param_type = "string[]")] lines: JsValue,
    ) -> Result<TsJournalHead, JsValue> {
        let head = head_from_js(head, "head")?;
        let lines = texts(&lines, "lines")?;
        // The core checks the sequence number, and the first line's link to `head`; with no
        // lines, or a head at the right place with another hash, this check is ours.
        if head.seq == self.inner.journal_len() && self.current_head()? != head {
            return Err(not_this_ledgers(&head).into());
        }
        let new = self
            .inner
            .append_journal_lines(&head, lines.iter().map(String::as_str))
            .map_err(Failure::from)?;
        self.known_head.replace(new.clone());
        Ok(to_js(&new)?.unchecked_into())
    }

    /// Checks lines continuing a chain from `head` (each line's form, sequence number, link to
    /// the line before and hash) without replaying them, and returns the head they lead to;
    /// with `expected`, a chain that ends elsewhere is refused (`JOURNAL_SEAL_MISMATCH`).
    #[wasm_bindgen(js_name = verifyJournalLines)]
    pub fn verify_journal_lines(
        head: &TsJournalHead,
        #[wasm_bindgen(unchecked_param_type = "string[]")] lines: JsValue,
        expected: Option<TsJournalHead>,
    ) -> Result<TsJournalHead, JsValue> {
        let head = head_from_js(head, "head")?;
        let lines = texts(&lines, "lines")?;
        let expected = opt_head_from_js(expected.as_deref(), "expected")?;
        let found =
            verify_journal_lines(&head, lines.iter().map(String::as_str)).map_err(Failure::from)?;
        check_end(&found, expected.as_ref())?;
        Ok(to_js(&found)?.unchecked_into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_store_head_elsewhere_names_the_line_after_the_last() {
        let found = JournalHead {
            seq: 4,
            hash: "a".repeat(64),
        };
        assert!(check_end(&found, None).is_ok());
        assert!(check_end(&found, Some(&found.clone())).is_ok());
        let e = check_end(&found, Some(&JournalHead::empty())).unwrap_err();
        assert_eq!(
            (e.code.as_str(), e.line, e.record.as_deref()),
            ("JOURNAL_SEAL_MISMATCH", Some(5), Some("journal line 5"))
        );
        let e = not_this_ledgers(&found);
        assert_eq!((e.code.as_str(), e.line), ("JOURNAL_BROKEN_CHAIN", Some(5)));
    }
}
