//! `huzhu.Ledger`: the time bank (double entry in integer minutes) and `huzhu.Statement`.

use std::fmt::Write as _;
use std::sync::Mutex;

use chrono::NaiveDateTime;
use huzhu::ledger::{
    Account, AccountId, Ledger, LedgerPolicy, Operation, Receipt, Statement, TxId, TxMeta,
};
use huzhu::model::NeedId;
use pyo3::exceptions::{PyOverflowError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use serde_json::Value;

use crate::convert::{
    account_id, account_str, datetime, html, need_id, policy_from, ser_py, to_json,
};
use crate::errors::{argument_err, guard, ledger_err};
use crate::tables::{TableBuilder, wrap};

/// One posting with its transaction's details, for the transactions table.
type PostingRow = (
    u64,
    NaiveDateTime,
    NaiveDateTime,
    String,
    String,
    String,
    String,
    AccountId,
    i64,
    bool,
);

/// The time bank: immutable double entry in integer minutes. A refused operation raises
/// `LedgerError` and changes nothing.
#[pyclass(frozen, module = "huzhu", name = "Ledger")]
pub struct PyLedger {
    pub(crate) inner: Mutex<Ledger>,
}

impl PyLedger {
    pub(crate) fn from_ledger(l: Ledger) -> Self {
        Self {
            inner: Mutex::new(l),
        }
    }

    fn with<T>(
        &self,
        f: impl FnOnce(&mut Ledger) -> Result<T, huzhu::ledger::LedgerError>,
    ) -> PyResult<T> {
        let mut l = self.inner.lock().expect("not poisoned");
        f(&mut l).map_err(|e| ledger_err(&e))
    }

    fn meta(
        &self,
        kind: &str,
        key: Option<String>,
        at: &Bound<'_, PyAny>,
        operator: &str,
        memo: &str,
    ) -> PyResult<TxMeta> {
        let key = key.unwrap_or_else(|| {
            let l = self.inner.lock().expect("not poisoned");
            format!(
                "{kind}-{}",
                l.transactions().len() + l.pending_transactions().count() + 1
            )
        });
        Ok(TxMeta::new(key, operator, at_arg(at, "at")?).with_memo(memo))
    }
}

/// Arguments read with errors that name them (see `errors::argument_err`): `None` where a value
/// is required is a `TypeError`, a value out of range or not a label a `ValidationError`.
fn required<'a, 'py>(obj: &'a Bound<'py, PyAny>, what: &str) -> PyResult<&'a Bound<'py, PyAny>> {
    if obj.is_none() {
        Err(PyTypeError::new_err(format!("expected {what}, got None")))
    } else {
        Ok(obj)
    }
}

fn account_arg(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<AccountId> {
    required(obj, "an account such as \"volunteer#3\"")
        .and_then(account_id)
        .map_err(|e| argument_err(field, e))
}

fn need_arg(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<NeedId> {
    required(obj, "a need id")
        .and_then(need_id)
        .map_err(|e| argument_err(field, e))
}

fn at_arg(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<NaiveDateTime> {
    required(obj, "a datetime")
        .and_then(datetime)
        .map_err(|e| argument_err(field, e))
}

/// Whole minutes in the ledger's 64-bit range: a float is a `TypeError`, an int beyond
/// `i64` a `ValidationError` (never a bare `OverflowError`).
fn minutes_arg(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<i64> {
    required(obj, "whole minutes")
        .and_then(|o| {
            o.extract::<i64>().map_err(|e| {
                if e.is_instance_of::<PyOverflowError>(o.py()) {
                    PyValueError::new_err(format!(
                        "{} is outside the 64-bit range of minutes",
                        o.repr().map_or_else(|_| "?".into(), |r| r.to_string())
                    ))
                } else {
                    PyTypeError::new_err(format!(
                        "expected whole minutes (an int), got {}",
                        o.repr().map_or_else(|_| "?".into(), |r| r.to_string())
                    ))
                }
            })
        })
        .map_err(|e| argument_err(field, e))
}

fn tx_arg(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<TxId> {
    required(obj, "a transaction id")
        .and_then(|o| {
            o.extract::<u64>().map(TxId).map_err(|e| {
                if e.is_instance_of::<PyOverflowError>(o.py()) {
                    PyValueError::new_err(format!(
                        "{} is not a transaction id (0..=18446744073709551615)",
                        o.repr().map_or_else(|_| "?".into(), |r| r.to_string())
                    ))
                } else {
                    e
                }
            })
        })
        .map_err(|e| argument_err(field, e))
}

fn receipt(py: Python<'_>, r: Receipt) -> PyResult<Py<PyAny>> {
    let d = PyDict::new(py);
    match r {
        Receipt::Posted(tx) => {
            d.set_item("status", "posted")?;
            d.set_item("tx", tx.0)?;
        }
        Receipt::Pending {
            approvals,
            required,
        } => {
            d.set_item("status", "pending")?;
            d.set_item("approvals", approvals)?;
            d.set_item("required", required)?;
        }
    }
    Ok(d.into_any().unbind())
}

/// An operation dict (`{"op": "earn", "account": "volunteer#1", "need": 7, "minutes": 60}`)
/// in the core's form; `path` names it in errors (`operation`, `operations[2]`).
fn operation(obj: &Bound<'_, PyAny>, path: &str) -> PyResult<Operation> {
    let d = obj
        .cast::<PyDict>()
        .map_err(|e| argument_err(path, e.into()))?;
    let json = |r: Result<Value, serde_json::Error>| {
        r.map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))
    };
    let mut m = serde_json::Map::new();
    for (k, v) in d.iter() {
        let k: String = k.extract()?;
        let field = format!("{path}.{k}");
        let v = match k.as_str() {
            "account" | "from" | "to" | "from_" => {
                json(serde_json::to_value(account_arg(&v, &field)?))?
            }
            "recipients" => Value::Array(
                v.try_iter()?
                    .enumerate()
                    .map(|(i, a)| {
                        json(serde_json::to_value(account_arg(
                            &a?,
                            &format!("{field}[{i}]"),
                        )?))
                    })
                    .collect::<PyResult<_>>()?,
            ),
            "need" if !v.is_none() => Value::from(need_arg(&v, &field)?.0),
            "minutes" | "minutes_each" => Value::from(minutes_arg(&v, &field)?),
            "transaction" => Value::from(tx_arg(&v, &field)?.0),
            "operations" => Value::Array(
                v.try_iter()?
                    .enumerate()
                    .map(|(i, o)| {
                        json(serde_json::to_value(operation(
                            &o?,
                            &format!("{field}[{i}]"),
                        )?))
                    })
                    .collect::<PyResult<_>>()?,
            ),
            _ => to_json(&v)?,
        };
        m.insert(if k == "from_" { "from".into() } else { k }, v);
    }
    serde_json::from_value(Value::Object(m)).map_err(|e| {
        let err = crate::errors::policy_err("ledger operation", format!("{e} (operations look like {{\"op\": \"earn\", \"account\": \"volunteer#1\", \"need\": 7, \"minutes\": 60}})"));
        Python::attach(|py| {
            let _ = err.value(py).setattr("field", path);
        });
        err
    })
}

fn account_kind(a: AccountId) -> (&'static str, Option<i64>) {
    match a {
        AccountId::Resident(r) => ("resident", Some(i64::from(r.0))),
        AccountId::Volunteer(v) => ("volunteer", Some(i64::from(v.0))),
        AccountId::Organisation(p) => ("organisation", Some(i64::from(p.0))),
        AccountId::Fund => ("fund", None),
        AccountId::DonationPool => ("donation_pool", None),
    }
}

#[pymethods]
impl PyLedger {
    /// A new ledger. Policy keywords: `overdraft_limit`, `cap` (minutes or None), `transfer_rule`
    /// ("family_only", "anyone", "nobody"), `group_donate_only`, `unit`, `starting_grant`,
    /// `reviewers_required`.
    #[new]
    #[pyo3(signature = (policy=None, **kwargs))]
    fn new(
        policy: Option<&Bound<'_, PyAny>>,
        kwargs: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        guard(|| {
            let p = policy_from("ledger policy", &LedgerPolicy::default(), policy, kwargs)?;
            Ok(Self::from_ledger(
                Ledger::new(p).map_err(|e| ledger_err(&e))?,
            ))
        })
    }

    /// The policy as a dict.
    #[getter]
    fn policy(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        ser_py(py, self.inner.lock().expect("not poisoned").policy())
    }

    /// Opens an account (`"resident#1"`, `"volunteer#3"`, `"organisation#2"`).
    #[pyo3(signature = (account, *, priority=false, group=false, family=None))]
    fn open_account(
        &self,
        account: &Bound<'_, PyAny>,
        priority: bool,
        group: bool,
        family: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        guard(|| {
            let mut a = Account::new(account_arg(account, "account")?)
                .with_priority(priority)
                .with_group(group);
            if let Some(f) = family.filter(|f| !f.is_none()) {
                let fam = f
                    .try_iter()?
                    .enumerate()
                    .map(|(i, x)| account_arg(&x?, &format!("family[{i}]")))
                    .collect::<PyResult<Vec<_>>>()?;
                a = a.with_family(fam);
            }
            self.with(|l| l.open_account(a))
        })
    }

    /// Credits a member for a completed service (fund → member).
    #[pyo3(signature = (account, need, minutes, *, at, key=None, operator="office", memo=""))]
    #[allow(clippy::too_many_arguments)]
    fn earn(
        &self,
        py: Python<'_>,
        account: &Bound<'_, PyAny>,
        need: &Bound<'_, PyAny>,
        minutes: &Bound<'_, PyAny>,
        at: &Bound<'_, PyAny>,
        key: Option<String>,
        operator: &str,
        memo: &str,
    ) -> PyResult<Py<PyAny>> {
        guard(|| {
            let (a, n) = (account_arg(account, "account")?, need_arg(need, "need")?);
            let minutes = minutes_arg(minutes, "minutes")?;
            let meta = self.meta("earn", key, at, operator, memo)?;
            receipt(py, self.with(|l| l.earn(meta, a, n, minutes))?)
        })
    }

    /// A member spends minutes on a service received (member → fund).
    #[pyo3(signature = (account, minutes, *, at, need=None, key=None, operator="office", memo=""))]
    #[allow(clippy::too_many_arguments)]
    fn redeem(
        &self,
        py: Python<'_>,
        account: &Bound<'_, PyAny>,
        minutes: &Bound<'_, PyAny>,
        at: &Bound<'_, PyAny>,
        need: Option<&Bound<'_, PyAny>>,
        key: Option<String>,
        operator: &str,
        memo: &str,
    ) -> PyResult<Py<PyAny>> {
        guard(|| {
            let a = account_arg(account, "account")?;
            let minutes = minutes_arg(minutes, "minutes")?;
            let n: Option<NeedId> = need
                .filter(|n| !n.is_none())
                .map(|n| need_arg(n, "need"))
                .transpose()?;
            let meta = self.meta("redeem", key, at, operator, memo)?;
            receipt(py, self.with(|l| l.redeem(meta, a, minutes, n))?)
        })
    }

    /// A member gives minutes to another (family, per the transfer rule).
    #[pyo3(signature = (from_, to, minutes, *, at, key=None, operator="office", memo=""))]
    #[allow(clippy::too_many_arguments)]
    fn transfer(
        &self,
        py: Python<'_>,
        from_: &Bound<'_, PyAny>,
        to: &Bound<'_, PyAny>,
        minutes: &Bound<'_, PyAny>,
        at: &Bound<'_, PyAny>,
        key: Option<String>,
        operator: &str,
        memo: &str,
    ) -> PyResult<Py<PyAny>> {
        guard(|| {
            let (f, t) = (account_arg(from_, "from_")?, account_arg(to, "to")?);
            let minutes = minutes_arg(minutes, "minutes")?;
            let meta = self.meta("transfer", key, at, operator, memo)?;
            receipt(py, self.with(|l| l.transfer(meta, f, t, minutes))?)
        })
    }

    /// A member donates minutes to the donation pool.
    #[pyo3(signature = (account, minutes, *, at, key=None, operator="office", memo=""))]
    #[allow(clippy::too_many_arguments)]
    fn donate(
        &self,
        py: Python<'_>,
        account: &Bound<'_, PyAny>,
        minutes: &Bound<'_, PyAny>,
        at: &Bound<'_, PyAny>,
        key: Option<String>,
        operator: &str,
        memo: &str,
    ) -> PyResult<Py<PyAny>> {
        guard(|| {
            let a = account_arg(account, "account")?;
            let minutes = minutes_arg(minutes, "minutes")?;
            let meta = self.meta("donate", key, at, operator, memo)?;
            receipt(py, self.with(|l| l.donate(meta, a, minutes))?)
        })
    }

    /// The policy's starting grant to a member, once per account.
    #[pyo3(signature = (account, *, at, key=None, operator="office", memo=""))]
    fn grant(
        &self,
        py: Python<'_>,
        account: &Bound<'_, PyAny>,
        at: &Bound<'_, PyAny>,
        key: Option<String>,
        operator: &str,
        memo: &str,
    ) -> PyResult<Py<PyAny>> {
        guard(|| {
            let a = account_arg(account, "account")?;
            let meta = self.meta("grant", key, at, operator, memo)?;
            receipt(py, self.with(|l| l.starting_grant(meta, a))?)
        })
    }

    /// The donation pool grants up to `minutes_each` to each recipient, priority accounts first.
    #[pyo3(signature = (recipients, minutes_each, *, at, key=None, operator="office", memo=""))]
    #[allow(clippy::too_many_arguments)]
    fn pool_grant(
        &self,
        py: Python<'_>,
        recipients: &Bound<'_, PyAny>,
        minutes_each: &Bound<'_, PyAny>,
        at: &Bound<'_, PyAny>,
        key: Option<String>,
        operator: &str,
        memo: &str,
    ) -> PyResult<Py<PyAny>> {
        guard(|| {
            let r = recipients
                .try_iter()?
                .enumerate()
                .map(|(i, x)| account_arg(&x?, &format!("recipients[{i}]")))
                .collect::<PyResult<Vec<_>>>()?;
            let minutes_each = minutes_arg(minutes_each, "minutes_each")?;
            let meta = self.meta("pool-grant", key, at, operator, memo)?;
            receipt(py, self.with(|l| l.pool_grant(meta, r, minutes_each))?)
        })
    }

    /// Several operations as one transaction, all or none. Each is a dict such as
    /// `{"op": "transfer", "from": "volunteer#1", "to": "resident#4", "minutes": 30}`.
    #[pyo3(signature = (operations, *, at, key=None, operator="office", memo=""))]
    fn batch(
        &self,
        py: Python<'_>,
        operations: &Bound<'_, PyAny>,
        at: &Bound<'_, PyAny>,
        key: Option<String>,
        operator: &str,
        memo: &str,
    ) -> PyResult<Py<PyAny>> {
        guard(|| {
            let ops = operations
                .try_iter()?
                .enumerate()
                .map(|(i, o)| operation(&o?, &format!("operations[{i}]")))
                .collect::<PyResult<Vec<_>>>()?;
            let meta = self.meta("batch", key, at, operator, memo)?;
            receipt(py, self.with(|l| l.batch(meta, ops))?)
        })
    }

    /// Any operation dict (as in `batch`) submitted alone.
    #[pyo3(signature = (operation_, *, at, key=None, operator="office", memo=""))]
    fn submit(
        &self,
        py: Python<'_>,
        operation_: &Bound<'_, PyAny>,
        at: &Bound<'_, PyAny>,
        key: Option<String>,
        operator: &str,
        memo: &str,
    ) -> PyResult<Py<PyAny>> {
        guard(|| {
            let op = operation(operation_, "operation")?;
            let meta = self.meta("op", key, at, operator, memo)?;
            receipt(py, self.with(|l| l.submit(meta, op))?)
        })
    }

    /// A compensating transaction that negates an earlier one.
    #[pyo3(signature = (tx, *, at, key=None, operator="office", memo=""))]
    fn reverse(
        &self,
        py: Python<'_>,
        tx: &Bound<'_, PyAny>,
        at: &Bound<'_, PyAny>,
        key: Option<String>,
        operator: &str,
        memo: &str,
    ) -> PyResult<Py<PyAny>> {
        guard(|| {
            let tx = tx_arg(tx, "tx")?;
            let meta = self.meta("reverse", key, at, operator, memo)?;
            receipt(py, self.with(|l| l.reverse(meta, tx))?)
        })
    }

    /// A reviewer approves a pending operation (policy `reviewers_required`).
    fn approve(
        &self,
        py: Python<'_>,
        key: &str,
        reviewer: &str,
        at: &Bound<'_, PyAny>,
    ) -> PyResult<Py<PyAny>> {
        guard(|| {
            let at = at_arg(at, "at")?;
            receipt(py, self.with(|l| l.approve(key, reviewer, at))?)
        })
    }

    /// An account's balance in minutes.
    fn balance(&self, account: &Bound<'_, PyAny>) -> PyResult<i64> {
        guard(|| {
            let a = account_arg(account, "account")?;
            self.with(|l| l.balance(a))
        })
    }

    /// Every account's balance, as a table (account, kind, id, balance, priority, group).
    fn balances(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| {
            let l = self.inner.lock().expect("not poisoned");
            let rows: Vec<(AccountId, i64, bool, bool)> = l
                .balances()
                .map(|(a, b)| {
                    let acc = l.account(a);
                    (
                        a,
                        b,
                        acc.is_some_and(Account::is_priority),
                        acc.is_some_and(Account::is_group),
                    )
                })
                .collect();
            drop(l);
            let mut t = TableBuilder::default();
            t.str("account", rows.iter().map(|r| Some(account_str(r.0))))
                .str("kind", rows.iter().map(|r| Some(account_kind(r.0).0)))
                .int("id", rows.iter().map(|r| account_kind(r.0).1))
                .int("balance", rows.iter().map(|r| Some(r.1)))
                .bool("priority", rows.iter().map(|r| Some(r.2)))
                .bool("group", rows.iter().map(|r| Some(r.3)));
            wrap(py, t.finish())
        })
    }

    /// Sum of all balances (always 0: every minute issued is owed by the fund).
    #[getter]
    fn total_balance(&self) -> i128 {
        self.inner.lock().expect("not poisoned").total_balance()
    }

    /// Recomputes every balance from the postings and compares.
    fn verify_balances(&self) -> bool {
        self.inner.lock().expect("not poisoned").verify_balances()
    }

    /// One row per posting: tx, at, posted_at, kind, key, operator, memo, account, amount.
    #[getter]
    fn transactions(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| {
            let l = self.inner.lock().expect("not poisoned");
            let mut rows: Vec<PostingRow> = Vec::new();
            for t in l.transactions() {
                let kind = match serde_json::to_value(t.operation.kind()) {
                    Ok(Value::String(s)) => s,
                    _ => String::new(),
                };
                for p in &t.postings {
                    rows.push((
                        t.id.0,
                        t.meta.at,
                        t.posted_at,
                        kind.clone(),
                        t.meta.key.clone(),
                        t.meta.operator.clone(),
                        t.meta.memo.clone(),
                        p.account,
                        p.amount,
                        p.cap_excess,
                    ));
                }
            }
            drop(l);
            let mut b = TableBuilder::default();
            b.int("tx", rows.iter().map(|r| Some(r.0 as i64)))
                .ts("at", rows.iter().map(|r| Some(r.1)))
                .ts("posted_at", rows.iter().map(|r| Some(r.2)))
                .str("kind", rows.iter().map(|r| Some(r.3.as_str())))
                .str("key", rows.iter().map(|r| Some(r.4.as_str())))
                .str("operator", rows.iter().map(|r| Some(r.5.as_str())))
                .str("memo", rows.iter().map(|r| Some(r.6.as_str())))
                .str("account", rows.iter().map(|r| Some(account_str(r.7))))
                .int("amount", rows.iter().map(|r| Some(r.8)))
                .bool("cap_excess", rows.iter().map(|r| Some(r.9)));
            wrap(py, b.finish())
        })
    }

    /// Number of posted transactions.
    fn __len__(&self) -> usize {
        self.inner
            .lock()
            .expect("not poisoned")
            .transactions()
            .len()
    }

    /// Pending operations awaiting review, as dicts.
    #[getter]
    fn pending(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| {
            let l = self.inner.lock().expect("not poisoned");
            let items = l
                .pending_transactions()
                .map(|p| {
                    let d = PyDict::new(py);
                    d.set_item("key", &p.meta.key)?;
                    d.set_item("at", p.meta.at)?;
                    d.set_item("operation", ser_py(py, &p.operation)?)?;
                    d.set_item("approvals", p.approvals.clone())?;
                    Ok(d)
                })
                .collect::<PyResult<Vec<_>>>()?;
            Ok(PyList::new(py, items)?.into_any().unbind())
        })
    }

    /// An account's statement between two times: opening, lines, closing.
    fn statement(
        &self,
        account: &Bound<'_, PyAny>,
        start: &Bound<'_, PyAny>,
        until: &Bound<'_, PyAny>,
    ) -> PyResult<PyStatement> {
        guard(|| {
            let (a, f, u) = (
                account_arg(account, "account")?,
                at_arg(start, "start")?,
                at_arg(until, "until")?,
            );
            Ok(PyStatement {
                inner: self.with(|l| l.statement(a, f, u))?,
            })
        })
    }

    /// The hash-chained JSON Lines journal.
    fn export_journal(&self, py: Python<'_>) -> PyResult<String> {
        guard(|| {
            let l = self.inner.lock().expect("not poisoned");
            py.detach(|| l.export_journal()).map_err(|e| ledger_err(&e))
        })
    }

    /// Replays a journal, verifying its hash chain: raises `JournalError` if it was altered.
    #[staticmethod]
    fn import_journal(py: Python<'_>, text: &str) -> PyResult<Self> {
        guard(|| {
            let l = py
                .detach(|| Ledger::import_journal(text))
                .map_err(|e| ledger_err(&e))?;
            Ok(Self::from_ledger(l))
        })
    }

    fn __repr__(&self) -> String {
        let l = self.inner.lock().expect("not poisoned");
        format!(
            "<huzhu.Ledger: {} accounts, {} transactions, {} pending>",
            l.accounts().count(),
            l.transactions().len(),
            l.pending_transactions().count()
        )
    }
}

/// An account's statement: opening balance, one line per transaction, closing balance.
#[pyclass(frozen, module = "huzhu", name = "Statement")]
pub struct PyStatement {
    inner: Statement,
}

#[pymethods]
impl PyStatement {
    /// The account.
    #[getter]
    fn account(&self) -> String {
        account_str(self.inner.account)
    }
    /// Opening balance (minutes).
    #[getter]
    fn opening(&self) -> i64 {
        self.inner.opening
    }
    /// Closing balance (minutes).
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
    /// The lines as a table: tx, at, kind, key, operator, memo, amount, balance.
    #[getter]
    fn lines(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| {
            let l = &self.inner.lines;
            let mut b = TableBuilder::default();
            b.int("tx", l.iter().map(|x| Some(x.tx.0 as i64)))
                .ts("at", l.iter().map(|x| Some(x.at)))
                .str(
                    "kind",
                    l.iter().map(|x| match serde_json::to_value(x.kind) {
                        Ok(Value::String(s)) => Some(s),
                        _ => None,
                    }),
                )
                .str("key", l.iter().map(|x| Some(x.key.as_str())))
                .str("operator", l.iter().map(|x| Some(x.operator.as_str())))
                .str("memo", l.iter().map(|x| Some(x.memo.as_str())))
                .int("amount", l.iter().map(|x| Some(x.amount)))
                .int("balance", l.iter().map(|x| Some(x.balance)));
            wrap(py, b.finish())
        })
    }
    /// The statement as plain Python values.
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        ser_py(py, &self.inner)
    }
    fn __repr__(&self) -> String {
        format!(
            "<huzhu.Statement {} {} → {}: opening {}, {} lines, closing {}>",
            account_str(self.inner.account),
            self.inner.from,
            self.inner.until,
            self.inner.opening,
            self.inner.lines.len(),
            self.inner.closing
        )
    }
    fn _repr_html_(&self) -> String {
        let s = &self.inner;
        let mut h = format!(
            "<div><b>Statement</b> {} · {} → {}<table><tr><th>at</th><th>kind</th><th>key</th><th>memo</th><th>amount</th><th>balance</th></tr><tr><td colspan=5>opening</td><td>{}</td></tr>",
            html(&account_str(s.account)),
            s.from,
            s.until,
            s.opening
        );
        for l in &s.lines {
            let kind = serde_json::to_value(l.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            let _ = write!(
                h,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td style='text-align:right'>{:+}</td><td style='text-align:right'>{}</td></tr>",
                l.at,
                html(&kind),
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
