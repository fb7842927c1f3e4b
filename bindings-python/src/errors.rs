//! The Python exception hierarchy, the one mapping of core errors onto it, and the panic
//! boundary.
//!
//! ```text
//! ValueError
//! └── HuzhuError            .code .record .field .setting .account .key .transaction .line
//!     │                     .index .cause (None when they do not apply) .table .row .column
//!     ├── ValidationError   a bad record, value, id, time, text or table cell
//!     ├── PolicyError       a policy or configuration setting
//!     ├── LedgerError       the time bank refused an operation (floor, cap, transfer rule, …)
//!     │   └── JournalError  a journal that does not import (broken chain, bad line)
//!     ├── MatchError        matching could not run as asked (unknown need, helper, …)
//!     │   └── InfeasibleError  a pin or constraint that cannot be met
//!     ├── ScoringError      scoring inputs that do not fit together
//!     ├── StoreError        a durable ledger's file: damaged, newer, full, read-only, busy
//!     └── InternalError     a bug: a Rust panic caught at the boundary (code INTERNAL_PANIC)
//! ```
//!
//! A core error becomes its class by [`ErrorKind`] and carries the core's facts
//! ([`huzhu::error::Error`]; a rounds plan's error is one of its areas); nothing here reads a
//! message. Arguments the binding reads itself
//! (a wrong Python type, a number out of range, a table cell) have code `INVALID_ARGUMENT`; a
//! wrong type stays a `TypeError`, with `code` and `field` set.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::panic::{AssertUnwindSafe, catch_unwind};

use huzhu::error::{Error, ErrorKind, Facts as CoreFacts, ModelError};
use pyo3::create_exception;
use pyo3::exceptions::{PyOverflowError, PyTypeError, PyValueError};
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
    "A bad record, value, id, time, text or table cell."
);
create_exception!(
    huzhu,
    PolicyError,
    HuzhuError,
    "A policy or configuration setting that cannot be used."
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
    StoreError,
    HuzhuError,
    "A durable ledger's database could not be used as asked (damaged, newer, full, read-only)."
);
create_exception!(
    huzhu,
    InternalError,
    HuzhuError,
    "A bug in huzhu (a Rust panic, caught)."
);

/// The code of errors in arguments the binding reads itself.
pub(crate) const INVALID_ARGUMENT: &str = "INVALID_ARGUMENT";

/// The attributes every huzhu exception has (None on the class, so also when not set).
const ATTRIBUTES: [&str; 13] = [
    "code",
    "record",
    "field",
    "setting",
    "account",
    "key",
    "transaction",
    "line",
    "index",
    "cause",
    "table",
    "row",
    "column",
];

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    let base = py.get_type::<HuzhuError>();
    for name in ATTRIBUTES {
        base.setattr(name, py.None())?;
    }
    m.add("HuzhuError", base)?;
    m.add("ValidationError", py.get_type::<ValidationError>())?;
    m.add("PolicyError", py.get_type::<PolicyError>())?;
    m.add("LedgerError", py.get_type::<LedgerError>())?;
    m.add("JournalError", py.get_type::<JournalError>())?;
    m.add("MatchError", py.get_type::<MatchError>())?;
    m.add("InfeasibleError", py.get_type::<InfeasibleError>())?;
    m.add("ScoringError", py.get_type::<ScoringError>())?;
    m.add("StoreError", py.get_type::<StoreError>())?;
    m.add("InternalError", py.get_type::<InternalError>())?;
    Ok(())
}

/// What an exception says besides its message: the core's facts, and for table cells the
/// table, row and column.
#[derive(Default)]
struct Facts {
    core: CoreFacts,
    table: Option<&'static str>,
    row: Option<usize>,
    column: Option<Cow<'static, str>>,
}

impl Facts {
    /// The core error's facts.
    fn of(e: &Error) -> Self {
        Self {
            core: e.facts(),
            ..Self::default()
        }
    }

    /// Facts of an error the binding raises itself.
    fn own(code: &'static str, field: Option<String>) -> Self {
        Self {
            core: CoreFacts {
                code,
                field,
                ..CoreFacts::default()
            },
            ..Self::default()
        }
    }

    /// Sets the facts on the exception instance.
    fn attach(self, err: PyErr) -> PyErr {
        Python::attach(|py| {
            let v = err.value(py);
            let set = |name: &str, value: Option<String>| {
                let _ = v.setattr(name, value);
            };
            let f = self.core;
            set("code", Some(f.code.to_owned()));
            set("record", f.record);
            set("field", f.field);
            set("setting", f.setting);
            set("account", f.account);
            set("key", f.key);
            set("transaction", f.transaction);
            set("cause", f.cause.map(str::to_owned));
            set("table", self.table.map(str::to_owned));
            // Rows have always been text (`"3"`), as pandas index labels print.
            set("row", self.row.map(|r| r.to_string()));
            set("column", self.column.map(Cow::into_owned));
            let _ = v.setattr("line", f.line);
            let _ = v.setattr("index", f.index);
        });
        err
    }
}

/// The exception class of a kind of core error.
fn class(kind: ErrorKind, message: String) -> PyErr {
    match kind {
        ErrorKind::Validation => ValidationError::new_err(message),
        ErrorKind::Policy => PolicyError::new_err(message),
        ErrorKind::Match => MatchError::new_err(message),
        ErrorKind::Infeasible => InfeasibleError::new_err(message),
        ErrorKind::Ledger => LedgerError::new_err(message),
        ErrorKind::Journal => JournalError::new_err(message),
        ErrorKind::Scoring => ScoringError::new_err(message),
        _ => HuzhuError::new_err(message),
    }
}

/// Any core error as its exception, with its message and facts.
pub(crate) fn core_err(e: impl Into<Error>) -> PyErr {
    let e: Error = e.into();
    Facts::of(&e).attach(class(e.kind(), e.to_string()))
}

/// A store's failure (not a ledger refusal: those map through [`core_err`]) as `StoreError`,
/// with the store's code, record and field, and `line` the journal line at fault (seq + 1).
pub(crate) fn store_err(e: &huzhu_store::StoreError) -> PyErr {
    let facts = Facts {
        core: CoreFacts {
            code: e.code(),
            record: e.record(),
            field: e.field(),
            line: e.seq().and_then(|s| usize::try_from(s + 1).ok()),
            ..CoreFacts::default()
        },
        ..Facts::default()
    };
    facts.attach(StoreError::new_err(e.to_string()))
}

/// Settings of `record` (`rounds policy`) the core's JSON reader refused (an unknown setting, a
/// value of the wrong type): a `PolicyError` whose field and setting are the setting's path, or
/// `whole` (the argument) when the error is about the settings as a whole.
pub(crate) fn settings_err(e: &ModelError, record: &str, whole: &str) -> PyErr {
    let setting = huzhu::model::json::setting_or(e.field().unwrap_or_default(), whole);
    let message = match e {
        ModelError::Json { message, .. } => {
            format!("{record}: {setting} cannot be read: {message}")
        }
        other => format!("{record}: {other}"),
    };
    let facts = Facts {
        core: CoreFacts {
            code: e.code(),
            record: Some(record.to_owned()),
            field: Some(setting.clone()),
            setting: Some(setting),
            line: e.line(),
            ..CoreFacts::default()
        },
        ..Facts::default()
    };
    facts.attach(PolicyError::new_err(message))
}

/// A core error met while adding row `row` of `table`: the message names the table and row too.
pub(crate) fn core_err_at(e: impl Into<Error>, table: &'static str, row: Option<usize>) -> PyErr {
    let e: Error = e.into();
    let message = match row {
        Some(r) => format!("table `{table}`, row {r}: {e}"),
        None => format!("table `{table}`: {e}"),
    };
    let facts = Facts {
        table: Some(table),
        row,
        ..Facts::of(&e)
    };
    facts.attach(class(e.kind(), message))
}

/// A table cell (or column) that cannot be read: table, row, column and, once known, the record.
pub(crate) struct CellError {
    table: &'static str,
    row: Option<usize>,
    column: Option<Cow<'static, str>>,
    record: Option<String>,
    message: String,
    code: &'static str,
}

impl CellError {
    /// A cell the binding cannot read (`INVALID_ARGUMENT`): a wrong type, a missing value.
    pub(crate) fn new(
        table: &'static str,
        row: Option<usize>,
        column: Option<&'static str>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            table,
            row,
            column: column.map(Cow::Borrowed),
            record: None,
            message: message.into(),
            code: INVALID_ARGUMENT,
        }
    }

    /// A cell that a core reader refused (a date, a label, a code, JSON): the core's code and
    /// message.
    pub(crate) fn core(
        table: &'static str,
        row: Option<usize>,
        column: Option<&'static str>,
        e: impl Into<Error>,
    ) -> Self {
        let e: Error = e.into();
        Self {
            code: e.code(),
            ..Self::new(table, row, column, e.to_string())
        }
    }

    /// A column the table should not have (the records it holds refuse unknown fields):
    /// `known` lists the columns it may have.
    pub(crate) fn unknown_column(table: &'static str, name: &str, known: &[&str]) -> Self {
        Self {
            column: Some(Cow::Owned(name.to_owned())),
            ..Self::new(
                table,
                None,
                None,
                format!("unknown column, expected some of {}", known.join(", ")),
            )
        }
    }

    /// Names the record the row holds (kept if one is named already).
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
        if let Some(c) = &e.column {
            let _ = write!(msg, ", column `{c}`");
        }
        msg.push_str(": ");
        msg.push_str(&e.message);
        let facts = Facts {
            core: CoreFacts {
                code: e.code,
                record: e.record,
                field: e.column.as_deref().map(str::to_owned),
                ..CoreFacts::default()
            },
            table: Some(e.table),
            row: e.row,
            column: e.column,
        };
        facts.attach(ValidationError::new_err(msg))
    }
}

/// A `TypeError` for argument `field` (code `INVALID_ARGUMENT`, `field` set).
pub(crate) fn type_err(field: &str, message: impl std::fmt::Display) -> PyErr {
    let err = PyTypeError::new_err(format!("{field}: {message}"));
    Python::attach(|py| {
        let v = err.value(py);
        let _ = v.setattr("code", INVALID_ARGUMENT);
        let _ = v.setattr("field", field);
    });
    err
}

/// A value of argument `field` the binding cannot use (out of range, not finite):
/// `ValidationError` with code `INVALID_ARGUMENT`.
pub(crate) fn value_err(field: &str, message: impl std::fmt::Display) -> PyErr {
    Facts::own(INVALID_ARGUMENT, Some(field.to_owned()))
        .attach(ValidationError::new_err(format!("{field}: {message}")))
}

/// A whole-number argument: a value out of the type's range is a `ValidationError` naming the
/// argument (pyo3 alone raises a bare `OverflowError`), a wrong type (a float, text) a
/// `TypeError`. A bool is read as Python reads it, `True` as 1 (tests/test_evaluation_bad_inputs.py
/// pins it for `period_days`); amounts of the time bank use [`int_arg`].
pub(crate) fn int_arg<T: TryFrom<i128>>(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<T> {
    let py = obj.py();
    let repr = || obj.repr().map_or_else(|_| "?".into(), |r| r.to_string());
    // A bool is never a number (`True` is not one day, one minute or one point): the same rule
    // on every surface.
    if obj.is_instance_of::<pyo3::types::PyBool>() {
        return Err(type_err(field, format!("expected an int, got {}", repr())));
    }
    match obj.extract::<i128>() {
        Ok(v) => {
            T::try_from(v).map_err(|_| value_err(field, format!("{} is out of range", repr())))
        }
        Err(e) if e.is_instance_of::<PyOverflowError>(py) => {
            Err(value_err(field, format!("{} is out of range", repr())))
        }
        Err(_) => Err(type_err(field, format!("expected an int, got {}", repr()))),
    }
}

/// Runs `f`, turning a Rust panic into `huzhu.InternalError` (code `INTERNAL_PANIC`): no panic
/// crosses into Python.
pub(crate) fn guard<T>(f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            Err(
                Facts::own("INTERNAL_PANIC", None).attach(InternalError::new_err(format!(
                    "internal error in huzhu (please report it): {what}"
                ))),
            )
        }
    }
}
