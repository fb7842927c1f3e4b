//! `huzhu.Statement`: an account's statement (opening, lines, closing), as a table and as the
//! core's JSON.

use std::fmt::Write as _;

use chrono::NaiveDateTime;
use huzhu::ledger::Statement;
use huzhu::model::text::format_local_datetime;
use pyo3::prelude::*;

use crate::convert::{html, ser_py};
use crate::errors::guard;
use crate::tables::{TableBuilder, wrap};

/// An account's statement: opening balance, one line per transaction, closing balance.
#[pyclass(frozen, module = "huzhu", name = "Statement")]
pub struct PyStatement {
    inner: Statement,
}

impl PyStatement {
    pub(crate) fn new(inner: Statement) -> Self {
        Self { inner }
    }
}

#[pymethods]
impl PyStatement {
    /// The account's label (`volunteer#3`, `organisation#2`, `donation_pool`).
    #[getter]
    fn account(&self) -> String {
        self.inner.account.to_string()
    }
    /// The unit of the amounts: `minutes` or `points`.
    #[getter]
    fn unit(&self) -> &'static str {
        self.inner.unit.field()
    }
    /// Opening balance (in `unit`).
    #[getter]
    fn opening(&self) -> i64 {
        self.inner.opening
    }
    /// Closing balance (in `unit`).
    #[getter]
    fn closing(&self) -> i64 {
        self.inner.closing
    }
    /// Start of the period.
    #[getter]
    fn start(&self) -> NaiveDateTime {
        self.inner.from
    }
    /// End of the period.
    #[getter]
    fn until(&self) -> NaiveDateTime {
        self.inner.until
    }
    /// The lines as a table: tx (`tx#1`), at, kind, key, operator, memo, amount, balance.
    #[getter]
    fn lines(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| {
            let l = &self.inner.lines;
            let mut b = TableBuilder::default();
            b.str("tx", l.iter().map(|x| Some(x.tx.to_string())))
                .ts("at", l.iter().map(|x| Some(x.at)))
                .str("kind", l.iter().map(|x| Some(x.kind.to_string())))
                .str("key", l.iter().map(|x| Some(x.key.as_str())))
                .str("operator", l.iter().map(|x| Some(x.operator.as_str())))
                .str("memo", l.iter().map(|x| Some(x.memo.as_str())))
                .int("amount", l.iter().map(|x| Some(x.amount)))
                .int("balance", l.iter().map(|x| Some(x.balance)));
            wrap(py, b.finish())
        })
    }
    /// The statement in the core's JSON (the same on every surface).
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        ser_py(py, &self.inner)
    }
    fn __repr__(&self) -> String {
        format!(
            "<huzhu.Statement {} in {} {} → {}: opening {}, {} lines, closing {}>",
            self.inner.account,
            self.inner.unit,
            format_local_datetime(self.inner.from),
            format_local_datetime(self.inner.until),
            self.inner.opening,
            self.inner.lines.len(),
            self.inner.closing
        )
    }
    fn _repr_html_(&self) -> String {
        let s = &self.inner;
        let mut h = format!(
            "<div><b>Statement</b> {} · {} · {} → {}<table><tr><th>at</th><th>kind</th><th>key</th><th>memo</th><th>amount</th><th>balance</th></tr><tr><td colspan=5>opening</td><td>{}</td></tr>",
            html(&s.account.to_string()),
            s.unit,
            format_local_datetime(s.from),
            format_local_datetime(s.until),
            s.opening
        );
        for l in &s.lines {
            let _ = write!(
                h,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td style='text-align:right'>{:+}</td><td style='text-align:right'>{}</td></tr>",
                format_local_datetime(l.at),
                l.kind,
                html(&l.key),
                html(&l.memo),
                l.amount,
                l.balance
            );
        }
        let _ = write!(
            h,
            "<tr><td colspan=5>closing</td><td>{}</td></tr></table></div>",
            s.closing
        );
        h
    }
}
