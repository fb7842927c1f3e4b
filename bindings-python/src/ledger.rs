//! `huzhu.Ledger`: the time bank (double entry in integer minutes) and participation points
//! (积分), the ledger's second unit, never mixed with minutes.
//!
//! Accounts and transactions are the core's labels (`volunteer#3`, `organisation#2`, `fund`,
//! `donation_pool`, `tx#7`); receipts, transactions and pending operations are the core's JSON
//! (`{"status": "posted", "transaction": "tx#7"}`), the same on every surface. Operation dicts
//! and the policy are read by the core's readers.

use std::path::PathBuf;
use std::sync::Mutex;

use chrono::NaiveDateTime;
use huzhu::ledger::{
    Account, AccountId, CatalogueItem, Ledger, LedgerError as CoreLedgerError, LedgerPolicy,
    Operation, Receipt, TxId, TxMeta, Unit,
};
use huzhu::model::NeedId;
use huzhu_store::{LedgerStore, StoreError};
use pyo3::exceptions::PyOverflowError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use crate::bank::{Bank, BankError};
use crate::convert::{
    A_NEED, A_TRANSACTION, AN_ACCOUNT, datetime_arg, id_arg, ser_py, settings, to_json,
};
use crate::errors::{core_err, guard, int_arg, type_err, value_err};
use crate::statement::PyStatement;
use crate::tables::{TableBuilder, wrap};

/// The time bank: immutable double entry in integer minutes, and participation points in the
/// same ledger (`earn_points`, `exchange`, the catalogue). A refused operation raises
/// `LedgerError` and changes nothing.
#[pyclass(frozen, module = "huzhu", name = "Ledger")]
pub struct PyLedger {
    pub(crate) inner: Mutex<Bank>,
}

impl PyLedger {
    pub(crate) fn from_ledger(l: Ledger) -> Self {
        Self {
            inner: Mutex::new(Bank::Memory(Box::new(l))),
        }
    }

    /// Reads the ledger as it stands.
    fn with<T>(&self, f: impl FnOnce(&Ledger) -> Result<T, CoreLedgerError>) -> PyResult<T> {
        let b = self.inner.lock().expect("not poisoned");
        f(b.ledger()).map_err(core_err)
    }

    /// Changes the bank (a store commits before returning); a refusal changes nothing.
    ///
    /// Callers release the GIL around it: the error becomes an exception (which takes the
    /// GIL) only after the lock is released, or a thread holding the GIL while it waits for
    /// the lock would deadlock with this one.
    fn write<T>(&self, f: impl FnOnce(&mut Bank) -> Result<T, BankError>) -> PyResult<T> {
        let result = {
            let mut b = self.inner.lock().expect("not poisoned");
            f(&mut b)
        };
        result.map_err(PyErr::from)
    }

    /// The request's metadata; without a key, one is made from the operation and a counter.
    pub(crate) fn meta(
        &self,
        kind: &str,
        key: Option<String>,
        at: &Bound<'_, PyAny>,
        operator: &str,
        memo: &str,
    ) -> PyResult<TxMeta> {
        let at = datetime_arg(at, "at")?;
        let key = key.unwrap_or_else(|| {
            let g = self.inner.lock().expect("not poisoned");
            let l = g.ledger();
            format!(
                "{kind}-{}",
                l.transactions().len() + l.pending_transactions().count() + 1
            )
        });
        Ok(TxMeta::new(key, operator, at).with_memo(memo))
    }

    /// Submits an operation and returns its receipt.
    fn post(&self, py: Python<'_>, meta: TxMeta, op: Operation) -> PyResult<Py<PyAny>> {
        let r = py.detach(|| self.write(|b| b.submit(meta, op)))?;
        receipt(py, r)
    }
}

fn account_arg(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<AccountId> {
    id_arg(obj, field, AN_ACCOUNT)
}

fn accounts_arg(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<Vec<AccountId>> {
    obj.try_iter()
        .map_err(|_| type_err(field, "expected a list of accounts"))?
        .enumerate()
        .map(|(i, x)| account_arg(&x?, &format!("{field}[{i}]")))
        .collect()
}

/// Whole minutes in the ledger's 64-bit range: a float or a bool is a `TypeError`, an int beyond `i64` a
/// `ValidationError` (never a bare `OverflowError`).
fn minutes_arg(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<i64> {
    let repr = || obj.repr().map_or_else(|_| "?".into(), |r| r.to_string());
    if obj.is_none() {
        return Err(type_err(field, "expected whole minutes, got None"));
    }
    // A bool is an int to Python, never an amount to huzhu: `True` would be read as 1 minute.
    if obj.is_instance_of::<pyo3::types::PyBool>() {
        return Err(type_err(
            field,
            format!("expected whole minutes (an int), got {}", repr()),
        ));
    }
    obj.extract::<i64>().map_err(|e| {
        if e.is_instance_of::<PyOverflowError>(obj.py()) {
            value_err(
                field,
                format!("{} is outside the 64-bit range of minutes", repr()),
            )
        } else {
            type_err(
                field,
                format!("expected whole minutes (an int), got {}", repr()),
            )
        }
    })
}

/// A receipt in the core's JSON: `{"status": "posted", "transaction": "tx#7"}` or
/// `{"status": "pending", "approvals": 1, "required": 2}`.
pub(crate) fn receipt(py: Python<'_>, r: Receipt) -> PyResult<Py<PyAny>> {
    ser_py(py, &r)
}

/// An operation dict (`{"op": "earn", "account": "volunteer#1", "need": 7, "minutes": 60}`),
/// read by the core; `path` names it in errors (`operation`, `operations[2]`).
fn operation(obj: &Bound<'_, PyAny>, path: &str) -> PyResult<Operation> {
    if !obj.is_instance_of::<PyDict>() {
        return Err(type_err(
            path,
            "expected an operation dict such as {\"op\": \"earn\", \"account\": \"volunteer#1\", \"need\": 7, \"minutes\": 60}",
        ));
    }
    huzhu::model::json::from_value(to_json(obj, path)?, path).map_err(core_err)
}

/// The kind and number of an account, for the balances table.
fn account_parts(a: AccountId) -> (&'static str, Option<i64>) {
    match a {
        AccountId::Resident(r) => ("resident", Some(i64::from(r.0))),
        AccountId::Volunteer(v) => ("volunteer", Some(i64::from(v.0))),
        AccountId::Organisation(p) => ("organisation", Some(i64::from(p.0))),
        AccountId::Fund => ("fund", None),
        AccountId::DonationPool => ("donation_pool", None),
        // The other bank's code is in the account label (`clearing#xuhui`).
        AccountId::Clearing(_) => ("clearing", None),
    }
}

/// A catalogue item in the core's JSON (`{"code": "slot", "name": "Clinic slot", "price": 20,
/// "stock": 2}`, `stock` optional), read by the core.
fn item_arg(obj: &Bound<'_, PyAny>) -> PyResult<CatalogueItem> {
    if !obj.is_instance_of::<PyDict>() {
        return Err(type_err(
            "item",
            "expected an item dict such as {\"code\": \"slot\", \"name\": \"Clinic slot\", \"price\": 20, \"stock\": 2}",
        ));
    }
    huzhu::model::json::from_value(to_json(obj, "item")?, "item").map_err(core_err)
}

/// A unit label (`"minutes"`, `"points"`), read by the core.
fn unit_arg(obj: &Bound<'_, PyAny>) -> PyResult<Unit> {
    let text: String = obj
        .extract()
        .map_err(|_| type_err("unit", "expected \"minutes\" or \"points\""))?;
    text.parse::<Unit>().map_err(core_err)
}

#[pymethods]
impl PyLedger {
    /// A new ledger. Policy settings (a dict or keywords): `overdraft_limit`, `cap` (minutes, or
    /// None for no cap), `transfer_rule` ("family_only", "anyone", "nobody"),
    /// `group_donate_only`, `unit`, `starting_grant`, `reviewers_required`,
    /// `points_daily_cap` (2) and `points_lifetime_cap` (600), each None for no cap.
    #[new]
    #[pyo3(signature = (policy=None, **kwargs))]
    fn new(
        policy: Option<&Bound<'_, PyAny>>,
        kwargs: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        guard(|| {
            let p =
                LedgerPolicy::from_value(settings("policy", policy, kwargs)?).map_err(core_err)?;
            Ok(Self::from_ledger(Ledger::new(p).map_err(core_err)?))
        })
    }

    /// The policy as a dict.
    #[getter]
    fn policy(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        ser_py(
            py,
            self.inner.lock().expect("not poisoned").ledger().policy(),
        )
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
                a = a.with_family(accounts_arg(f, "family")?);
            }
            self.write(|b| b.open_account(a))
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
            let op = Operation::Earn {
                account: account_arg(account, "account")?,
                need: id_arg(need, "need", A_NEED)?,
                minutes: minutes_arg(minutes, "minutes")?,
            };
            self.post(py, self.meta("earn", key, at, operator, memo)?, op)
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
            let need: Option<NeedId> = need
                .filter(|n| !n.is_none())
                .map(|n| id_arg(n, "need", A_NEED))
                .transpose()?;
            let op = Operation::Redeem {
                account: account_arg(account, "account")?,
                minutes: minutes_arg(minutes, "minutes")?,
                need,
            };
            self.post(py, self.meta("redeem", key, at, operator, memo)?, op)
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
            let op = Operation::Transfer {
                from: account_arg(from_, "from_")?,
                to: account_arg(to, "to")?,
                minutes: minutes_arg(minutes, "minutes")?,
            };
            self.post(py, self.meta("transfer", key, at, operator, memo)?, op)
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
            let op = Operation::Donate {
                from: account_arg(account, "account")?,
                minutes: minutes_arg(minutes, "minutes")?,
            };
            self.post(py, self.meta("donate", key, at, operator, memo)?, op)
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
            let op = Operation::StartingGrant {
                to: account_arg(account, "account")?,
            };
            self.post(py, self.meta("grant", key, at, operator, memo)?, op)
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
            let op = Operation::PoolGrant {
                recipients: accounts_arg(recipients, "recipients")?,
                minutes_each: minutes_arg(minutes_each, "minutes_each")?,
            };
            self.post(py, self.meta("pool-grant", key, at, operator, memo)?, op)
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
            let operations = operations
                .try_iter()
                .map_err(|_| type_err("operations", "expected a list of operation dicts"))?
                .enumerate()
                .map(|(i, o)| operation(&o?, &format!("operations[{i}]")))
                .collect::<PyResult<Vec<_>>>()?;
            let op = Operation::Batch { operations };
            self.post(py, self.meta("batch", key, at, operator, memo)?, op)
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
            self.post(py, self.meta("op", key, at, operator, memo)?, op)
        })
    }

    /// A compensating transaction that negates an earlier one (`"tx#7"`, `"7"` or 7).
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
            let op = Operation::Reverse {
                transaction: id_arg(tx, "tx", A_TRANSACTION)?,
            };
            self.post(py, self.meta("reverse", key, at, operator, memo)?, op)
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
            let at = datetime_arg(at, "at")?;
            receipt(py, self.write(|b| b.approve(key, reviewer, at))?)
        })
    }

    /// A member earns points for taking part (`rule`: `activity`, `meeting`,
    /// `suggestion_adopted`, …): fund → member, in points. The part above the policy's
    /// `points_daily_cap` (per calendar day of `at`) or `points_lifetime_cap` is not issued;
    /// with nothing left the earn is refused (`LEDGER_POINTS_CAP_REACHED`, `setting` naming the
    /// cap).
    #[pyo3(signature = (account, rule, points, *, at, key=None, operator="office", memo=""))]
    #[allow(clippy::too_many_arguments)]
    fn earn_points(
        &self,
        py: Python<'_>,
        account: &Bound<'_, PyAny>,
        rule: &str,
        points: &Bound<'_, PyAny>,
        at: &Bound<'_, PyAny>,
        key: Option<String>,
        operator: &str,
        memo: &str,
    ) -> PyResult<Py<PyAny>> {
        guard(|| {
            let op = Operation::EarnPoints {
                account: account_arg(account, "account")?,
                rule: rule.to_owned(),
                points: int_arg(points, "points")?,
            };
            self.post(py, self.meta("earn-points", key, at, operator, memo)?, op)
        })
    }

    /// A member buys `quantity` of a catalogue item with points (member → fund, price ×
    /// quantity); a limited stock goes down. Refused, changing nothing, when the stock
    /// (`LEDGER_STOCK_SHORT`) or the balance (`LEDGER_INSUFFICIENT_POINTS`) is short.
    #[pyo3(signature = (account, item, quantity=None, *, at, key=None, operator="office", memo=""))]
    #[allow(clippy::too_many_arguments)]
    fn exchange(
        &self,
        py: Python<'_>,
        account: &Bound<'_, PyAny>,
        item: &str,
        quantity: Option<&Bound<'_, PyAny>>,
        at: &Bound<'_, PyAny>,
        key: Option<String>,
        operator: &str,
        memo: &str,
    ) -> PyResult<Py<PyAny>> {
        guard(|| {
            let quantity = match quantity {
                Some(q) => int_arg(q, "quantity")?,
                None => 1,
            };
            let op = Operation::Exchange {
                account: account_arg(account, "account")?,
                item: item.to_owned(),
                quantity,
            };
            self.post(py, self.meta("exchange", key, at, operator, memo)?, op)
        })
    }

    /// Lists an item in the exchange catalogue: a dict `{"code", "name", "price", "stock"}`
    /// (price in points; `stock` left out or None for unlimited), read by the core. Posts
    /// nothing and cannot be reversed.
    #[pyo3(signature = (item, *, at, key=None, operator="office", memo=""))]
    fn list_item(
        &self,
        py: Python<'_>,
        item: &Bound<'_, PyAny>,
        at: &Bound<'_, PyAny>,
        key: Option<String>,
        operator: &str,
        memo: &str,
    ) -> PyResult<Py<PyAny>> {
        guard(|| {
            let op = Operation::ListItem {
                item: item_arg(item)?,
            };
            self.post(py, self.meta("list-item", key, at, operator, memo)?, op)
        })
    }

    /// Adds `quantity` to the stock of a listed item with limited stock. Posts nothing.
    #[pyo3(signature = (item, quantity, *, at, key=None, operator="office", memo=""))]
    #[allow(clippy::too_many_arguments)]
    fn restock(
        &self,
        py: Python<'_>,
        item: &str,
        quantity: &Bound<'_, PyAny>,
        at: &Bound<'_, PyAny>,
        key: Option<String>,
        operator: &str,
        memo: &str,
    ) -> PyResult<Py<PyAny>> {
        guard(|| {
            let op = Operation::Restock {
                item: item.to_owned(),
                quantity: int_arg(quantity, "quantity")?,
            };
            self.post(py, self.meta("restock", key, at, operator, memo)?, op)
        })
    }

    /// An account's points balance (members and the fund; the donation pool holds minutes
    /// only).
    fn points_balance(&self, account: &Bound<'_, PyAny>) -> PyResult<i64> {
        guard(|| {
            let a = account_arg(account, "account")?;
            self.with(|l| l.points_balance(a))
        })
    }

    /// Every points balance, as a table (account, kind, id, points, earned): members and the
    /// fund; `earned` is what the lifetime cap reads (net of reversed earns).
    fn points_balances(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| {
            let g = self.inner.lock().expect("not poisoned");
            let l = g.ledger();
            let rows: Vec<(AccountId, i64, i64)> = l
                .points_balances()
                .map(|(a, b)| (a, b, l.points_earned(a)))
                .collect();
            drop(g);
            let mut t = TableBuilder::default();
            t.str("account", rows.iter().map(|r| Some(r.0.to_string())))
                .str("kind", rows.iter().map(|r| Some(account_parts(r.0).0)))
                .int("id", rows.iter().map(|r| account_parts(r.0).1))
                .int("points", rows.iter().map(|r| Some(r.1)))
                .int("earned", rows.iter().map(|r| Some(r.2)));
            wrap(py, t.finish())
        })
    }

    /// Points `account` has earned in all, net of reversed earns.
    fn points_earned(&self, account: &Bound<'_, PyAny>) -> PyResult<i64> {
        guard(|| {
            let a = account_arg(account, "account")?;
            Ok(self
                .inner
                .lock()
                .expect("not poisoned")
                .ledger()
                .points_earned(a))
        })
    }

    /// Sum of all points balances (always 0).
    #[getter]
    fn total_points(&self) -> i128 {
        self.inner
            .lock()
            .expect("not poisoned")
            .ledger()
            .total_points()
    }

    /// The exchange catalogue as a table (code, name, price, stock; stock empty for
    /// unlimited), in code order.
    fn catalogue(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| {
            let g = self.inner.lock().expect("not poisoned");
            let l = g.ledger();
            let items: Vec<CatalogueItem> = l.catalogue().cloned().collect();
            drop(g);
            let mut t = TableBuilder::default();
            t.str("code", items.iter().map(|i| Some(i.code.as_str())))
                .str("name", items.iter().map(|i| Some(i.name.as_str())))
                .int("price", items.iter().map(|i| Some(i.price)))
                .int("stock", items.iter().map(|i| i.stock.map(i64::from)));
            wrap(py, t.finish())
        })
    }

    /// One catalogue item in the core's JSON (`{"code", "name", "price", "stock"}`), or None.
    fn item(&self, py: Python<'_>, code: &str) -> PyResult<Py<PyAny>> {
        guard(|| {
            let g = self.inner.lock().expect("not poisoned");
            let l = g.ledger();
            match l.item(code) {
                Some(i) => ser_py(py, i),
                None => Ok(py.None()),
            }
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
            let g = self.inner.lock().expect("not poisoned");
            let l = g.ledger();
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
            drop(g);
            let mut t = TableBuilder::default();
            t.str("account", rows.iter().map(|r| Some(r.0.to_string())))
                .str("kind", rows.iter().map(|r| Some(account_parts(r.0).0)))
                .int("id", rows.iter().map(|r| account_parts(r.0).1))
                .int("balance", rows.iter().map(|r| Some(r.1)))
                .bool("priority", rows.iter().map(|r| Some(r.2)))
                .bool("group", rows.iter().map(|r| Some(r.3)));
            wrap(py, t.finish())
        })
    }

    /// Sum of all balances (always 0: every minute issued is owed by the fund).
    #[getter]
    fn total_balance(&self) -> i128 {
        self.inner
            .lock()
            .expect("not poisoned")
            .ledger()
            .total_balance()
    }

    /// Recomputes every balance from the postings and compares.
    fn verify_balances(&self) -> bool {
        self.inner
            .lock()
            .expect("not poisoned")
            .ledger()
            .verify_balances()
    }

    /// One row per posting: tx (`tx#1`), at, posted_at, kind, key, operator, memo, account,
    /// amount, unit (`minutes` or `points`), cap_excess.
    #[getter]
    fn transactions(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| {
            let g = self.inner.lock().expect("not poisoned");
            let l = g.ledger();
            let rows: Vec<_> = l
                .transactions()
                .iter()
                .flat_map(|t| t.postings.iter().map(move |p| (t, p)))
                .collect();
            let mut b = TableBuilder::default();
            b.str("tx", rows.iter().map(|(t, _)| Some(t.id.to_string())))
                .ts("at", rows.iter().map(|(t, _)| Some(t.meta.at)))
                .ts("posted_at", rows.iter().map(|(t, _)| Some(t.posted_at)))
                .str(
                    "kind",
                    rows.iter()
                        .map(|(t, _)| Some(t.operation.kind().to_string())),
                )
                .str("key", rows.iter().map(|(t, _)| Some(t.meta.key.as_str())))
                .str(
                    "operator",
                    rows.iter().map(|(t, _)| Some(t.meta.operator.as_str())),
                )
                .str("memo", rows.iter().map(|(t, _)| Some(t.meta.memo.as_str())))
                .str(
                    "account",
                    rows.iter().map(|(_, p)| Some(p.account.to_string())),
                )
                .int("amount", rows.iter().map(|(_, p)| Some(p.amount)))
                .str("unit", rows.iter().map(|(_, p)| Some(p.unit.field())))
                .bool("cap_excess", rows.iter().map(|(_, p)| Some(p.cap_excess)));
            let table = b.finish();
            drop(g);
            wrap(py, table)
        })
    }

    /// One posted transaction (`"tx#7"`, `"7"` or 7) in the core's JSON: id, key, operator,
    /// at, memo, posted_at, kind, operation, postings, reviewers. None when there is no such
    /// transaction.
    fn transaction(&self, py: Python<'_>, tx: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        guard(|| {
            let id: TxId = id_arg(tx, "tx", A_TRANSACTION)?;
            let g = self.inner.lock().expect("not poisoned");
            let l = g.ledger();
            match l.transaction(id) {
                Some(t) => ser_py(py, t),
                None => Ok(py.None()),
            }
        })
    }

    /// Number of posted transactions.
    fn __len__(&self) -> usize {
        self.inner
            .lock()
            .expect("not poisoned")
            .ledger()
            .transactions()
            .len()
    }

    /// Pending operations awaiting review, in the core's JSON: key, operator, at, memo,
    /// operation, approvals.
    #[getter]
    fn pending(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| {
            let g = self.inner.lock().expect("not poisoned");
            let l = g.ledger();
            let items = l
                .pending_transactions()
                .map(|p| ser_py(py, p))
                .collect::<PyResult<Vec<_>>>()?;
            Ok(PyList::new(py, items)?.into_any().unbind())
        })
    }

    /// An account's statement for postings at `start <= posted_at < until`, in `unit`
    /// (`"minutes"`, the default, or `"points"`).
    #[pyo3(signature = (account, start, until, unit=None))]
    fn statement(
        &self,
        account: &Bound<'_, PyAny>,
        start: &Bound<'_, PyAny>,
        until: &Bound<'_, PyAny>,
        unit: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyStatement> {
        guard(|| {
            let a = account_arg(account, "account")?;
            let (f, u): (NaiveDateTime, NaiveDateTime) =
                (datetime_arg(start, "start")?, datetime_arg(until, "until")?);
            let unit = unit
                .filter(|x| !x.is_none())
                .map(unit_arg)
                .transpose()?
                .unwrap_or_default();
            Ok(PyStatement::new(
                self.with(|l| l.statement_in(a, unit, f, u))?,
            ))
        })
    }

    /// Both statements of a member: `(minutes, points)`.
    fn statements(
        &self,
        account: &Bound<'_, PyAny>,
        start: &Bound<'_, PyAny>,
        until: &Bound<'_, PyAny>,
    ) -> PyResult<(PyStatement, PyStatement)> {
        guard(|| {
            let a = account_arg(account, "account")?;
            let (f, u): (NaiveDateTime, NaiveDateTime) =
                (datetime_arg(start, "start")?, datetime_arg(until, "until")?);
            let [m, p] = self.with(|l| l.statements(a, f, u))?;
            Ok((PyStatement::new(m), PyStatement::new(p)))
        })
    }

    /// The hash-chained JSON Lines journal.
    fn export_journal(&self, py: Python<'_>) -> PyResult<String> {
        guard(|| {
            // The lock is taken and released without the GIL (see `write`).
            py.detach(|| {
                let g = self.inner.lock().expect("not poisoned");
                g.ledger().export_journal()
            })
            .map_err(core_err)
        })
    }

    /// Replays a journal, verifying its hash chain: raises `JournalError` if it was altered.
    #[staticmethod]
    fn import_journal(py: Python<'_>, text: &str) -> PyResult<Self> {
        guard(|| {
            let l = py
                .detach(|| Ledger::import_journal(text))
                .map_err(core_err)?;
            Ok(Self::from_ledger(l))
        })
    }

    /// Opens a durable time bank in a SQLite file, creating it if new: every operation is one
    /// database transaction, committed before the call returns, so a crash or power cut loses
    /// nothing acknowledged, and several processes (service desks) may share the file. A new
    /// file takes the policy given (the default policy without one); an existing file keeps
    /// its own, and a policy given must equal it (`StoreError` code `STORE_POLICY_MISMATCH`
    /// names the setting). The hash chain is verified on open: a tampered file raises
    /// `StoreError` naming the line (see `Ledger.recover`).
    #[staticmethod]
    #[pyo3(signature = (path, policy=None, **kwargs))]
    #[allow(clippy::needless_pass_by_value)] // pyo3 extracts the path as an owned value
    fn open(
        py: Python<'_>,
        path: PathBuf,
        policy: Option<&Bound<'_, PyAny>>,
        kwargs: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        guard(|| {
            let given =
                policy.is_some_and(|p| !p.is_none()) || kwargs.is_some_and(|k| !k.is_empty());
            let p = if given || !path.exists() {
                Some(
                    LedgerPolicy::from_value(settings("policy", policy, kwargs)?)
                        .map_err(core_err)?,
                )
            } else {
                None
            };
            let store = py
                .detach(|| LedgerStore::open_sqlite(&path, p))
                .map_err(|e| PyErr::from(BankError::from(e)))?;
            Ok(Self {
                inner: Mutex::new(Bank::Stored(Box::new(store))),
            })
        })
    }

    /// Checks a bank file and mends it: if its journal has a damaged tail, keeps the lines that
    /// verify and sets the rest aside (in the file's quarantine table, never deleted); if its
    /// tail was deleted outside the store (`StoreError` code `STORE_HEAD_MISMATCH` on open),
    /// accepts the journal as it stands and reports the lines that are gone. Returns
    /// `{"kept": lines kept, "dropped": [seq, …] set aside, "missing": [seq, …] no longer in
    /// the file, "keys_rebuilt": bool, "head_rewritten": bool (the recorded head was
    /// rewritten to the kept journal's), "reason": message or None, "reason_code": its code
    /// (`STORE_CORRUPT`, `STORE_HEAD_MISMATCH`, …) or None}`. The operations dropped or
    /// missing are no longer in the ledger: the clients told they succeeded must be told
    /// otherwise.
    #[staticmethod]
    #[allow(clippy::needless_pass_by_value)] // pyo3 extracts the path as an owned value
    fn recover(py: Python<'_>, path: PathBuf) -> PyResult<Py<PyAny>> {
        guard(|| {
            let r = py
                .detach(|| LedgerStore::recover_sqlite(&path))
                .map_err(|e| PyErr::from(BankError::from(e)))?;
            let d = PyDict::new(py);
            d.set_item("kept", r.kept)?;
            d.set_item("dropped", r.dropped.clone())?;
            d.set_item("missing", r.missing.clone())?;
            d.set_item("keys_rebuilt", r.keys_rebuilt)?;
            d.set_item("head_rewritten", r.head_rewritten)?;
            d.set_item("reason", r.reason.as_ref().map(ToString::to_string))?;
            d.set_item("reason_code", r.reason.as_ref().map(StoreError::code))?;
            Ok(d.into_any().unbind())
        })
    }

    /// Where the ledger lives: `sqlite:<path>` for a bank file, or None in memory.
    #[getter]
    fn location(&self) -> Option<String> {
        match &*self.inner.lock().expect("not poisoned") {
            Bank::Memory(_) => None,
            Bank::Stored(s) => Some(s.location()),
        }
    }

    /// The journal's head: `(lines, hash of the last line)` — equal on every copy of the same
    /// bank.
    #[getter]
    fn head(&self) -> PyResult<(u64, String)> {
        let b = self.inner.lock().expect("not poisoned");
        match &*b {
            Bank::Stored(s) => Ok((s.head().seq, s.head().hash.clone())),
            Bank::Memory(l) => {
                let (_, head) = l
                    .journal_lines_after(&huzhu::ledger::JournalHead::empty())
                    .map_err(core_err)?;
                Ok((head.seq, head.hash))
            }
        }
    }

    /// Catches up with what other processes wrote to the same bank file; returns the number
    /// of lines read (0 in memory). Operations catch up by themselves before they run.
    fn refresh(&self, py: Python<'_>) -> PyResult<u64> {
        guard(|| {
            py.detach(|| {
                self.write(|b| match b {
                    Bank::Memory(_) => Ok(0),
                    Bank::Stored(s) => Ok(s.refresh()?),
                })
            })
        })
    }

    fn __repr__(&self) -> String {
        let g = self.inner.lock().expect("not poisoned");
        let l = g.ledger();
        format!(
            "<huzhu.Ledger: {} accounts, {} transactions, {} pending>",
            l.accounts().count(),
            l.transactions().len(),
            l.pending_transactions().count()
        )
    }
}
