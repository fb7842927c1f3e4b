//! The Python exception hierarchy and the panic boundary.
//!
//! ```text
//! ValueError
//! └── HuzhuError            .record .field (None when not about one record)
//!     ├── ValidationError   a bad record or table cell: .table .row .column too
//!     ├── PolicyError       a policy argument out of range
//!     ├── LedgerError       the time bank refused an operation (floor, cap, transfer rule, …)
//!     │   └── JournalError  a journal that does not import (broken chain, bad line)
//!     ├── MatchError        matching could not run as asked (unknown need, helper, …)
//!     │   └── InfeasibleError  a pin or constraint that cannot be met
//!     ├── ScoringError      scoring inputs that do not fit together
//!     └── InternalError     a bug: a Rust panic caught at the boundary
//! ```

use std::fmt::Write as _;
use std::panic::{AssertUnwindSafe, catch_unwind};

use huzhu::error::{ModelError, RecordRef};
use huzhu::ledger::LedgerError as CoreLedgerError;
use huzhu::matching::{MatchError as CoreMatchError, MatchPolicy};
use huzhu::scoring::ScoringError as CoreScoringError;

use crate::convert::account_str;
use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

create_exception!(
    huzhu,
    HuzhuError,
    PyValueError,
    "Base of every huzhu error."
);
create_exception!(
    huzhu,
    ValidationError,
    HuzhuError,
    "A bad record, table cell or snapshot."
);
create_exception!(
    huzhu,
    PolicyError,
    HuzhuError,
    "A policy argument out of range."
);
create_exception!(
    huzhu,
    LedgerError,
    HuzhuError,
    "The time bank refused an operation."
);
create_exception!(
    huzhu,
    JournalError,
    LedgerError,
    "A ledger journal that does not import."
);
create_exception!(
    huzhu,
    MatchError,
    HuzhuError,
    "Matching could not run as asked."
);
create_exception!(
    huzhu,
    InfeasibleError,
    MatchError,
    "A pin or constraint that cannot be met."
);
create_exception!(
    huzhu,
    ScoringError,
    HuzhuError,
    "Scoring inputs that do not fit together."
);
create_exception!(
    huzhu,
    InternalError,
    HuzhuError,
    "A bug in huzhu (a Rust panic, caught)."
);

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("HuzhuError", py.get_type::<HuzhuError>())?;
    m.add("ValidationError", py.get_type::<ValidationError>())?;
    m.add("PolicyError", py.get_type::<PolicyError>())?;
    m.add("LedgerError", py.get_type::<LedgerError>())?;
    m.add("JournalError", py.get_type::<JournalError>())?;
    m.add("MatchError", py.get_type::<MatchError>())?;
    m.add("InfeasibleError", py.get_type::<InfeasibleError>())?;
    m.add("ScoringError", py.get_type::<ScoringError>())?;
    m.add("InternalError", py.get_type::<InternalError>())?;
    Ok(())
}

/// An error with its attributes set on the exception instance.
fn raise(
    err: PyErr,
    record: Option<String>,
    field: Option<String>,
    extra: &[(&str, Option<String>)],
) -> PyErr {
    Python::attach(|py| {
        let v = err.value(py);
        let _ = v.setattr("record", record);
        let _ = v.setattr("field", field);
        for (k, x) in extra {
            let _ = v.setattr(*k, x);
        }
    });
    err
}

fn record_of(r: Option<&RecordRef>) -> Option<String> {
    r.map(ToString::to_string)
}

/// A validation problem in an input table (or a record): table, row, column, record.
#[derive(Debug, Clone)]
pub(crate) struct CellError {
    pub(crate) table: &'static str,
    pub(crate) row: Option<usize>,
    pub(crate) column: Option<&'static str>,
    pub(crate) record: Option<String>,
    pub(crate) message: String,
}

impl CellError {
    pub(crate) fn new(
        table: &'static str,
        row: Option<usize>,
        column: Option<&'static str>,
        record: Option<String>,
        message: String,
    ) -> Self {
        Self {
            table,
            row,
            column,
            record,
            message,
        }
    }

    pub(crate) fn with_record(mut self, record: String) -> Self {
        self.record.get_or_insert(record);
        self
    }
}

impl From<CellError> for PyErr {
    fn from(e: CellError) -> Self {
        let mut msg = format!("table `{}`", e.table);
        if let Some(r) = e.row {
            let _ = write!(msg, ", row {r}");
        }
        if let Some(rec) = &e.record {
            let _ = write!(msg, " ({rec})");
        }
        if let Some(c) = e.column {
            let _ = write!(msg, ", column `{c}`");
        }
        msg.push_str(": ");
        msg.push_str(&e.message);
        raise(
            ValidationError::new_err(msg),
            e.record,
            e.column.map(str::to_owned),
            &[
                ("table", Some(e.table.to_owned())),
                ("row", e.row.map(|r| r.to_string())),
                ("column", e.column.map(str::to_owned)),
            ],
        )
    }
}

pub(crate) fn validation(
    table: &'static str,
    row: Option<usize>,
    column: Option<&'static str>,
    record: Option<String>,
    message: String,
) -> PyErr {
    CellError::new(table, row, column, record, message).into()
}

/// A core model error; when it came from a table row, the row and table are named too.
pub(crate) fn model_err(e: &ModelError, table: Option<&'static str>, row: Option<usize>) -> PyErr {
    let record = record_of(e.record());
    let field = e.field().map(str::to_owned);
    let msg = match (table, row) {
        (Some(t), Some(r)) => format!("table `{t}`, row {r}: {e}"),
        (Some(t), None) => format!("table `{t}`: {e}"),
        _ => e.to_string(),
    };
    let err = raise(
        ValidationError::new_err(msg),
        record,
        field.clone(),
        &[
            ("table", table.map(str::to_owned)),
            ("row", row.map(|r| r.to_string())),
            ("column", field),
        ],
    );
    // A JSON parse error names no record: its line (and the message's column) say where.
    let line = match e {
        ModelError::Json { line, .. } => Some(*line),
        _ => None,
    };
    set_int(err, "line", line)
}

/// What a ledger error names: the record at fault (the transaction `'key'`, an account, the
/// policy or a journal line), the field, and the key and account on their own.
struct LedgerFault {
    record: Option<String>,
    field: Option<String>,
    key: Option<String>,
    account: Option<String>,
    line: Option<usize>,
}

fn ledger_fault(e: &CoreLedgerError) -> LedgerFault {
    use CoreLedgerError as L;
    let tx = |key: &str| Some(format!("transaction '{key}'"));
    let acc = |a: &huzhu::ledger::AccountId| Some(account_str(*a));
    let s = |f: &str| Some(f.to_owned());
    let (record, field, key, account) = match e {
        L::InvalidPolicy { field, .. } => (s("ledger policy"), s(field), None, None),
        L::EmptyField { field } => (None, s(field), None, None),
        L::DuplicateAccount { account } | L::AccountNotOpen { account } => {
            (acc(account), s("account"), None, acc(account))
        }
        L::UnknownAccount { key, account }
        | L::NotAMemberAccount { key, account }
        | L::SameAccount { key, account }
        | L::GroupHoursDonateOnly { key, account }
        | L::StartingGrantAlreadyGiven { key, account } => {
            (tx(key), s("account"), s(key), acc(account))
        }
        L::FloorBreach { key, account, .. }
        | L::CapBreach { key, account, .. }
        | L::Overflow { key, account } => (tx(key), s("minutes"), s(key), acc(account)),
        L::NonPositiveAmount { key, field, .. } | L::NotAMultipleOfUnit { key, field, .. } => {
            (tx(key), s(field), s(key), None)
        }
        L::TransferNotAllowed { key, from, .. } => (tx(key), s("to"), s(key), acc(from)),
        L::NothingToGrant { key } => (tx(key), s("recipients"), s(key), None),
        L::EmptyBatch { key } => (tx(key), s("operations"), s(key), None),
        L::NotAllowedInBatch { key, index, .. } => {
            (tx(key), Some(format!("operations[{index}]")), s(key), None)
        }
        L::BatchItem { key, index, source } => {
            let inner = ledger_fault(source);
            let field = match inner.field {
                Some(f) => format!("operations[{index}].{f}"),
                None => format!("operations[{index}]"),
            };
            (tx(key), Some(field), s(key), inner.account)
        }
        L::IdempotencyConflict { key } | L::NotPending { key } => (tx(key), s("key"), s(key), None),
        L::UnknownTransaction { key, .. }
        | L::AlreadyReversed { key, .. }
        | L::ReversalOfReversal { key, .. } => (tx(key), s("transaction"), s(key), None),
        L::TimeOutOfOrder { key, .. } => (tx(key), s("at"), s(key), None),
        L::SelfReview { key, .. } => (tx(key), s("reviewer"), s(key), None),
        L::StartingGrantDisabled { key } => (tx(key), None, s(key), None),
        L::Journal(j) => {
            let line = j.line();
            return LedgerFault {
                record: line.map(|l| format!("journal line {l}")),
                field: None,
                key: None,
                account: None,
                line,
            };
        }
        _ => (None, None, None, None),
    };
    LedgerFault {
        record,
        field,
        key,
        account,
        line: None,
    }
}

/// A ledger error: `LedgerError`, `JournalError` or `PolicyError`, with `kind` (the core's
/// variant), `record`, `field`, `key`, `account` and, for journals, `line`.
pub(crate) fn ledger_err(e: &CoreLedgerError) -> PyErr {
    let err = match e {
        CoreLedgerError::Journal(_) => JournalError::new_err(e.to_string()),
        CoreLedgerError::InvalidPolicy { .. } => PolicyError::new_err(e.to_string()),
        _ => LedgerError::new_err(e.to_string()),
    };
    // A journal error's kind is its own variant (`HashMismatch`), not the wrapper's.
    let debug = match e {
        CoreLedgerError::Journal(j) => format!("{j:?}"),
        _ => format!("{e:?}"),
    };
    let variant = debug
        .split([' ', '(', '{'])
        .next()
        .unwrap_or_default()
        .to_owned();
    let f = ledger_fault(e);
    let err = raise(
        err,
        f.record,
        f.field,
        &[
            ("kind", Some(variant)),
            ("key", f.key),
            ("account", f.account),
        ],
    );
    set_int(err, "line", f.line)
}

/// Sets an integer attribute (or None) on the exception instance.
fn set_int(err: PyErr, name: &str, value: Option<usize>) -> PyErr {
    Python::attach(|py| {
        let _ = err.value(py).setattr(name, value);
    });
    err
}

/// A whole-number argument: a value out of the type's range is a `ValidationError` naming the
/// argument (pyo3 alone raises a bare `OverflowError`), a wrong type a `TypeError`.
pub(crate) fn int_arg<T: TryFrom<i128>>(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<T> {
    let py = obj.py();
    let repr = || obj.repr().map_or_else(|_| "?".into(), |r| r.to_string());
    let e = match obj.extract::<i128>() {
        Ok(v) => match T::try_from(v) {
            Ok(t) => return Ok(t),
            Err(_) => {
                pyo3::exceptions::PyValueError::new_err(format!("{} is out of range", repr()))
            }
        },
        Err(e) if e.is_instance_of::<pyo3::exceptions::PyOverflowError>(py) => {
            pyo3::exceptions::PyValueError::new_err(format!("{} is out of range", repr()))
        }
        Err(_) => {
            pyo3::exceptions::PyTypeError::new_err(format!("expected an int, got {}", repr()))
        }
    };
    Err(argument_err(field, e))
}

/// An argument that cannot be read: a wrong type stays a `TypeError`, a wrong value (out of
/// range, unknown label) becomes `ValidationError`; both name the argument.
pub(crate) fn argument_err(field: &str, err: PyErr) -> PyErr {
    Python::attach(|py| {
        if err.is_instance_of::<HuzhuError>(py) {
            return err;
        }
        let msg = format!("{field}: {}", err.value(py));
        if err.is_instance_of::<pyo3::exceptions::PyTypeError>(py) {
            let e = pyo3::exceptions::PyTypeError::new_err(msg);
            let _ = e.value(py).setattr("field", field);
            e
        } else {
            raise(
                ValidationError::new_err(msg),
                None,
                Some(field.to_owned()),
                &[("table", None), ("row", None), ("column", None)],
            )
        }
    })
}

pub(crate) fn match_err(e: &CoreMatchError) -> PyErr {
    match e {
        CoreMatchError::Model(m) => model_err(m, None, None),
        CoreMatchError::InvalidPolicy { why } => raise(
            PolicyError::new_err(e.to_string()),
            Some("match policy".into()),
            policy_setting(why),
            &[],
        ),
        CoreMatchError::UnknownNeed { need } => raise(
            MatchError::new_err(e.to_string()),
            Some(need.to_string()),
            None,
            &[],
        ),
        CoreMatchError::UnknownHelper { helper } => raise(
            MatchError::new_err(e.to_string()),
            Some(helper.to_string()),
            None,
            &[],
        ),
        CoreMatchError::NotACandidate { need, .. }
        | CoreMatchError::PinOverCapacity { need, .. } => raise(
            InfeasibleError::new_err(e.to_string()),
            Some(need.to_string()),
            Some("pinned".into()),
            &[],
        ),
        _ => {
            let s = e.to_string();
            if s.contains("infeasible") {
                raise(InfeasibleError::new_err(s), None, None, &[])
            } else {
                raise(MatchError::new_err(s), None, None, &[])
            }
        }
    }
}

/// The match-policy setting a check message starts with (`travel_per_minute must be …`), when
/// it starts with one: the core's `InvalidPolicy` carries the setting only in its text.
fn policy_setting(why: &str) -> Option<String> {
    let name = why.split(' ').next()?;
    let defaults = serde_json::to_value(MatchPolicy::default()).ok()?;
    defaults.get(name).map(|_| name.to_owned())
}

/// A scoring error, naming the input (`survey#1`, `service record#2`, `period`, `scoring
/// policy`) and the field.
pub(crate) fn scoring_err(e: &CoreScoringError) -> PyErr {
    let record = match e {
        CoreScoringError::Model(m) => record_of(m.record()),
        CoreScoringError::InvalidField { record, .. }
        | CoreScoringError::DuplicateId { record }
        | CoreScoringError::UnknownReference { record, .. } => Some(record.to_string()),
        _ => None,
    };
    raise(
        ScoringError::new_err(e.to_string()),
        record,
        e.field().map(str::to_owned),
        &[],
    )
}

/// A policy (or operation dict) that does not read: the record is `what` (`match policy`,
/// `ledger operation`, …).
pub(crate) fn policy_err(what: &str, msg: impl std::fmt::Display) -> PyErr {
    raise(
        PolicyError::new_err(format!("{what}: {msg}")),
        Some(what.to_owned()),
        None,
        &[],
    )
}

/// A policy setting that cannot be read: `PolicyError` naming the policy and the setting.
pub(crate) fn policy_setting_err(what: &str, setting: &str, msg: impl std::fmt::Display) -> PyErr {
    raise(
        PolicyError::new_err(format!("{what}: {setting}: {msg}")),
        Some(what.to_owned()),
        Some(setting.to_owned()),
        &[],
    )
}

/// Runs `f`, turning a Rust panic into `huzhu.InternalError`: no panic crosses into Python.
pub(crate) fn guard<T>(f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            Err(raise(
                InternalError::new_err(format!(
                    "internal error in huzhu (please report it): {what}"
                )),
                None,
                None,
                &[],
            ))
        }
    }
}
