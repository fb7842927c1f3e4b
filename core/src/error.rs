//! Typed errors, and the facts every surface reports about them.
//!
//! Each area has its own error enum: [`ModelError`] (records and snapshots, here),
//! [`MatchError`] (wrapping the solver's and the hours-budget solver's), [`LedgerError`] and
//! [`JournalError`], [`ScoringError`], `HsdsError` (`huzhu::formats::hsds`), the solver's text
//! [`FormatError`], and [`ParseError`] for the text
//! forms of ids and times. Every one of them exposes its facts through methods — a stable
//! `code()`, `record()`, `field()`, and where they apply `account()`, `key()`, `line()`,
//! `setting()`, `transaction()`, `index()`, `cause()` — and [`Error`] gathers them, so that a
//! binding maps any error with one `match` and never reads meaning out of a message.
//!
//! ```
//! use huzhu::error::{Error, ErrorKind};
//! use huzhu::ledger::LedgerPolicy;
//! let e: Error = LedgerPolicy::from_json(r#"{"unit": 0}"#).unwrap_err().into();
//! assert_eq!((e.code(), e.kind()), ("LEDGER_INVALID_POLICY", ErrorKind::Policy));
//! assert_eq!((e.record().as_deref(), e.setting()), (Some("ledger policy"), Some("unit")));
//! ```

#[doc(inline)]
pub use huzhu_model::error::*;
pub use huzhu_model::text::ParseError;

#[cfg(feature = "serde")]
use crate::formats::hsds::HsdsError;
#[cfg(feature = "rrule-full")]
use crate::formats::rrule_full::RruleError;
use crate::ledger::{AccountId, JournalError, LedgerError, TxId};
use crate::matching::MatchError;
use crate::matching::solver::text::FormatError;
use crate::matching::solver::{ProblemError, SolveError, VerifyError};
use crate::scoring::ScoringError;

/// Any error of huzhu, with its facts.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Text that is not an id, date or date-time.
    #[error(transparent)]
    Parse(#[from] ParseError),
    /// A bad record or snapshot.
    #[error(transparent)]
    Model(#[from] ModelError),
    /// Matching could not run as asked.
    #[error(transparent)]
    Match(#[from] MatchError),
    /// The time bank refused an operation, or a journal did not import.
    #[error(transparent)]
    Ledger(#[from] LedgerError),
    /// Scoring inputs that do not fit together.
    #[error(transparent)]
    Scoring(#[from] ScoringError),
    /// An HSDS import that failed as a whole.
    #[cfg(feature = "serde")]
    #[error(transparent)]
    Hsds(#[from] HsdsError),
    /// A malformed instance file (`bmatch`).
    #[error(transparent)]
    Format(#[from] FormatError),
    /// A solution that a check found not feasible or not optimal (a bug if it ever shows).
    #[error(transparent)]
    Verify(#[from] VerifyError),
    /// A flow problem that cannot be built (the bare solver).
    #[error(transparent)]
    Problem(#[from] ProblemError),
    /// A flow problem without a solution (the bare solver).
    #[error(transparent)]
    Solve(#[from] SolveError),
    /// A recurrence rule the full RFC 5545 reader refused.
    #[cfg(feature = "rrule-full")]
    #[error(transparent)]
    Rrule(#[from] RruleError),
    /// Visit rounds that cannot be planned as asked (a visit's or a server's field, the
    /// rounds policy).
    #[error(transparent)]
    Rounds(#[from] crate::routing::RoundsError),
}

impl From<JournalError> for Error {
    fn from(e: JournalError) -> Self {
        Self::Ledger(e.into())
    }
}

/// What kind of failure an error is: the class a binding raises it as.
///
/// | kind | Python | meaning |
/// |---|---|---|
/// | `Validation` | `ValidationError` | a bad record, value, id, time or text |
/// | `Policy` | `PolicyError` | a policy or configuration setting |
/// | `Match` | `MatchError` | matching could not run as asked |
/// | `Infeasible` | `InfeasibleError` | a pin or constraint that cannot be met |
/// | `Ledger` | `LedgerError` | the time bank refused an operation |
/// | `Journal` | `JournalError` | a journal that does not import |
/// | `Scoring` | `ScoringError` | scoring inputs that do not fit together |
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A bad record, value, id, time or text.
    Validation,
    /// A policy or configuration setting.
    Policy,
    /// Matching could not run as asked.
    Match,
    /// A pin or constraint that cannot be met.
    Infeasible,
    /// The time bank refused an operation.
    Ledger,
    /// A journal that does not import.
    Journal,
    /// Scoring inputs that do not fit together.
    Scoring,
}

impl Error {
    /// The stable code (`MODEL_INVALID_FIELD`, `LEDGER_FLOOR_BREACH`, `INVALID_DATE`, …): the
    /// same string on every surface.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Parse(e) => e.code(),
            Self::Model(e) => e.code(),
            Self::Match(e) => e.code(),
            Self::Ledger(e) => e.code(),
            Self::Scoring(e) => e.code(),
            #[cfg(feature = "serde")]
            Self::Hsds(e) => e.code(),
            Self::Format(e) => e.code(),
            Self::Verify(e) => e.code(),
            Self::Problem(e) => e.code(),
            Self::Solve(e) => e.code(),
            #[cfg(feature = "rrule-full")]
            Self::Rrule(e) => e.code(),
            Self::Rounds(e) => e.code(),
        }
    }

    /// What kind of failure it is.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Self::Match(MatchError::Model(_)) | Self::Scoring(ScoringError::Model(_)) => {
                ErrorKind::Validation
            }
            Self::Match(MatchError::InvalidPolicy { .. })
            | Self::Ledger(LedgerError::InvalidPolicy { .. }) => ErrorKind::Policy,
            Self::Model(e) if matches!(e.record(), Some(RecordRef::Config(_))) => ErrorKind::Policy,
            Self::Match(MatchError::InvalidContext { .. }) => ErrorKind::Validation,
            Self::Match(e) if e.is_infeasible() => ErrorKind::Infeasible,
            Self::Solve(e) if e.is_infeasible() => ErrorKind::Infeasible,
            Self::Match(_)
            | Self::Verify(_)
            | Self::Solve(_)
            | Self::Rounds(crate::routing::RoundsError::Routing(_)) => ErrorKind::Match,
            Self::Ledger(LedgerError::Journal(_)) => ErrorKind::Journal,
            Self::Ledger(_) => ErrorKind::Ledger,
            Self::Scoring(e) if e.setting().is_some() => ErrorKind::Policy,
            Self::Rounds(e) if e.record().as_deref() == Some("rounds policy") => ErrorKind::Policy,
            Self::Scoring(_) => ErrorKind::Scoring,
            _ => ErrorKind::Validation,
        }
    }

    /// The record at fault, as its label (`resident#3`, `transaction 'k1'`, `match policy`,
    /// `journal line 4`, `survey#2`), when the error names one.
    pub fn record(&self) -> Option<String> {
        match self {
            Self::Model(e) => e.record().as_ref().map(ToString::to_string),
            Self::Match(e) => e.record(),
            Self::Ledger(e) => e.record(),
            Self::Scoring(e) => e.record(),
            #[cfg(feature = "serde")]
            Self::Hsds(e) => e.record(),
            Self::Rounds(e) => e.record(),
            _ => None,
        }
    }

    /// The field, argument, column, setting or JSON path at fault.
    pub fn field(&self) -> Option<String> {
        match self {
            Self::Parse(e) => e.field().map(str::to_owned),
            Self::Model(e) => e.field().map(str::to_owned),
            Self::Match(e) => e.field().map(str::to_owned),
            Self::Ledger(e) => e.field(),
            Self::Scoring(e) => e.field().map(str::to_owned),
            Self::Format(e) => e.field().map(str::to_owned),
            #[cfg(feature = "serde")]
            Self::Hsds(e) => e.field().map(str::to_owned),
            Self::Verify(_) | Self::Problem(_) | Self::Solve(_) => None,
            #[cfg(feature = "rrule-full")]
            Self::Rrule(_) => None,
            Self::Rounds(e) => e.field().map(str::to_owned),
        }
    }

    /// The policy or configuration setting at fault.
    pub fn setting(&self) -> Option<&str> {
        match self {
            Self::Model(e) if matches!(e.record(), Some(RecordRef::Config(_))) => e.field(),
            Self::Match(e) => e.setting(),
            Self::Ledger(e) => e.setting(),
            Self::Scoring(e) => e.setting(),
            Self::Rounds(e) if e.record().as_deref() == Some("rounds policy") => e.field(),
            _ => None,
        }
    }

    /// The time-bank account at fault.
    pub fn account(&self) -> Option<AccountId> {
        match self {
            Self::Ledger(e) => e.account(),
            _ => None,
        }
    }

    /// The idempotency key of the transaction at fault.
    pub fn key(&self) -> Option<&str> {
        match self {
            Self::Ledger(e) => e.key(),
            _ => None,
        }
    }

    /// The transaction a reversal named.
    pub fn transaction(&self) -> Option<TxId> {
        match self {
            Self::Ledger(e) => e.transaction(),
            _ => None,
        }
    }

    /// The 1-based line of the text at fault (a journal, JSON, an instance file).
    pub fn line(&self) -> Option<usize> {
        match self {
            Self::Model(e) => e.line(),
            Self::Match(e) => e.line(),
            Self::Ledger(e) => e.line(),
            Self::Scoring(e) => e.line(),
            #[cfg(feature = "serde")]
            Self::Hsds(e) => e.line(),
            Self::Format(e) => e.line(),
            _ => None,
        }
    }

    /// The position at fault in a list (a batch item; an index of the solver's).
    pub fn index(&self) -> Option<usize> {
        match self {
            Self::Match(e) => e.index(),
            Self::Ledger(e) => e.index(),
            Self::Problem(e) => e.index(),
            Self::Solve(e) => e.index(),
            _ => None,
        }
    }

    /// The code of the underlying error, for errors that wrap one (a rejected batch item, a
    /// journal line whose replay failed).
    pub fn cause(&self) -> Option<&'static str> {
        match self {
            Self::Ledger(e) => e.cause(),
            _ => None,
        }
    }
}

/// Every fact of an [`Error`] as plain values, with the account and transaction as their labels:
/// what a binding copies onto its exception or JS error.
///
/// ```
/// use huzhu::error::Error;
/// use huzhu::ledger::{AccountId, LedgerError};
/// use huzhu::model::VolunteerId;
/// let e: Error = LedgerError::CapBreach {
///     key: "t1".into(), account: AccountId::Volunteer(VolunteerId(2)),
///     balance: 90, amount: 20, cap: 100,
/// }.into();
/// let f = e.facts();
/// assert_eq!((f.code, f.account.as_deref(), f.field.as_deref()),
///            ("LEDGER_CAP_BREACH", Some("volunteer#2"), Some("minutes")));
/// assert_eq!(f.message, e.to_string());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Facts {
    /// [`Error::code`].
    pub code: &'static str,
    /// The message (`Display`).
    pub message: String,
    /// [`Error::record`].
    pub record: Option<String>,
    /// [`Error::field`].
    pub field: Option<String>,
    /// [`Error::setting`].
    pub setting: Option<String>,
    /// [`Error::account`], as its label.
    pub account: Option<String>,
    /// [`Error::key`].
    pub key: Option<String>,
    /// [`Error::transaction`], as its label.
    pub transaction: Option<String>,
    /// [`Error::line`].
    pub line: Option<usize>,
    /// [`Error::index`].
    pub index: Option<usize>,
    /// [`Error::cause`].
    pub cause: Option<&'static str>,
}

impl Error {
    /// Every fact, as plain values.
    pub fn facts(&self) -> Facts {
        Facts {
            code: self.code(),
            message: self.to_string(),
            record: self.record(),
            field: self.field(),
            setting: self.setting().map(str::to_owned),
            account: self.account().map(|a| a.to_string()),
            key: self.key().map(str::to_owned),
            transaction: self.transaction().map(|t| t.to_string()),
            line: self.line(),
            index: self.index(),
            cause: self.cause(),
        }
    }
}
