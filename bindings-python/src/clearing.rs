//! `huzhu.Clearing`: the clearing driver (通存通兑 between time banks) over `huzhu.Ledger`s,
//! in memory or stored.
//!
//! The driver is the core's [`Clearing`]: stateless, it builds each side's operation, submits
//! it and returns what the other bank needs. Requests, messages and replies are plain dicts in
//! the core's JSON, read by the core's reader (a missing, unknown or badly typed field raises
//! `ValidationError` naming it, `message.minutes`); receipts are the core's JSON as
//! `Ledger.submit` returns them. On a bank file (`Ledger.open`) each step is one database
//! transaction ([`LedgerStore::transact`](huzhu_store::LedgerStore::transact)): everything it
//! records is committed together before the call returns, or nothing is.

use chrono::NaiveDateTime;
use huzhu::error::ModelError;
use huzhu::ledger::{
    BankId, Clearing, Ledger, LedgerError as CoreLedgerError, TransferMessage, TransferReply,
    TransferRequest,
};
use pyo3::prelude::*;
use pyo3::types::PyList;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::bank::BankError;
use crate::convert::{datetime_arg, id_arg, ser_py, to_json};
use crate::errors::{core_err, guard, type_err};
use crate::ledger::{PyLedger, receipt};

/// What a bank argument looks like.
const A_BANK: &str = "a bank code such as \"pudong\"";

/// The fields of a request dict, all required.
const REQUEST_FIELDS: [&str; 5] = [
    "transfer_key",
    "to_bank",
    "from_account",
    "to_account",
    "minutes",
];

/// The fields of a message dict, all required.
const MESSAGE_FIELDS: [&str; 7] = [
    "transfer_key",
    "from_bank",
    "to_bank",
    "from_account",
    "to_account",
    "minutes",
    "source_head",
];

/// The fields of a reply dict, all required.
const REPLY_FIELDS: [&str; 5] = [
    "transfer_key",
    "from_bank",
    "to_bank",
    "outcome",
    "dest_head",
];

/// A request, message or reply dict read by the core's reader under `root` (`request`,
/// `message`, `reply`). Not a dict: `TypeError`. A required field left out is named by its
/// path (`message.minutes`), as a badly typed one is; an unknown field is refused by the core.
fn wire<T: DeserializeOwned>(
    obj: &Bound<'_, PyAny>,
    root: &str,
    fields: &[&str],
    expected: &str,
) -> PyResult<T> {
    let value = to_json(obj, root)?;
    let Value::Object(map) = &value else {
        return Err(type_err(root, format!("expected {expected}")));
    };
    if let Some(field) = fields.iter().find(|f| !map.contains_key(**f)) {
        return Err(core_err(ModelError::Json {
            line: 0,
            column: 0,
            message: format!("missing field `{field}`"),
            path: format!("{root}.{field}"),
        }));
    }
    huzhu::model::json::from_value(value, root).map_err(core_err)
}

/// A request dict (`Clearing.prepare`).
fn request_arg(obj: &Bound<'_, PyAny>) -> PyResult<TransferRequest> {
    wire(
        obj,
        "request",
        &REQUEST_FIELDS,
        "a request dict such as {\"transfer_key\": \"t1\", \"to_bank\": \"xuhui\", \"from_account\": \"volunteer#1\", \"to_account\": \"resident#7\", \"minutes\": 45}",
    )
}

/// A message dict (`apply`, `refuse`).
fn message_arg(obj: &Bound<'_, PyAny>) -> PyResult<TransferMessage> {
    wire(
        obj,
        "message",
        &MESSAGE_FIELDS,
        "a message dict, as Clearing.prepare returns",
    )
}

/// A reply dict (`settle`).
fn reply_arg(obj: &Bound<'_, PyAny>) -> PyResult<TransferReply> {
    wire(
        obj,
        "reply",
        &REPLY_FIELDS,
        "a reply dict, as Clearing.apply returns",
    )
}

/// A bank code argument (`"pudong"`), read by the core.
fn bank_arg(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<BankId> {
    id_arg(obj, field, A_BANK)
}

/// Runs one driver step on `ledger` without the GIL: a stored bank runs it as one database
/// transaction.
fn step<R: Send>(
    py: Python<'_>,
    ledger: &PyLedger,
    calls: impl FnOnce(&mut Ledger) -> Result<R, CoreLedgerError> + Send,
) -> PyResult<R> {
    py.detach(|| {
        let mut bank = ledger.inner.lock().expect("not poisoned");
        bank.transact(calls)
    })
    .map_err(PyErr::from)
}

/// Reads `ledger` as it stands (for a bank file: as of its last operation or refresh)
/// without the GIL (rebuilding a head hashes the journal).
fn read<R: Send>(
    py: Python<'_>,
    ledger: &PyLedger,
    f: impl FnOnce(&Ledger) -> Result<R, CoreLedgerError> + Send,
) -> PyResult<R> {
    py.detach(|| {
        let bank = ledger.inner.lock().expect("not poisoned");
        f(bank.ledger()).map_err(BankError::from)
    })
    .map_err(PyErr::from)
}

/// The clearing driver between time banks (通存通兑): a member of one bank sends minutes to a
/// member of another, in three phases, each at one bank —
/// `prepare` at the sending bank (the member's minutes go to the other bank's clearing
/// account) returns the message; `apply` at the receiving bank credits the member, or refuses
/// the transfer for good when its rules reject it, and returns the reply; `settle` at the
/// sending bank acknowledges it, or cancels it and gives the minutes back.
///
/// Stateless: messages and replies are plain dicts the caller carries between banks (a
/// queue, a service); each can be rebuilt from the ledgers (`Clearing.message`,
/// `Clearing.reply`, `Clearing.unsettled`), and every step may be repeated without a transfer
/// applying twice. Works on in-memory ledgers and on bank files (`Ledger.open`), where each
/// step is one database transaction. The receiving side's and the settling keys are derived
/// from the transfer key (`Clearing.apply_key`, …: `clearing:…`), recorded under this
/// driver's `operator`. A refused call raises `LedgerError` (or `StoreError`) and changes
/// nothing.
#[pyclass(frozen, module = "huzhu", name = "Clearing")]
pub struct PyClearing {
    inner: Clearing,
}

#[pymethods]
impl PyClearing {
    /// A driver recording `operator` (the clearing service, `"clearing:city"`) on the
    /// operations it submits for the receiving side and for settling.
    #[new]
    fn new(operator: &str) -> Self {
        Self {
            inner: Clearing::new(operator),
        }
    }

    /// The operator recorded on the apply, refuse and settle operations.
    #[getter]
    fn operator(&self) -> &str {
        self.inner.operator()
    }

    /// Phase 1 at the sending bank: prepares `request` (`{"transfer_key", "to_bank",
    /// "from_account", "to_account", "minutes"}`) under the member's request `key` (pass one:
    /// the same key again returns the same message) and returns the message for the receiving
    /// bank: `{"transfer_key", "from_bank", "to_bank", "from_account", "to_account",
    /// "minutes", "source_head"}`. Raises `LedgerError` on every rule of a clearing prepare
    /// (floor, limits, a transfer key used before, a ledger without a bank code).
    #[staticmethod]
    #[pyo3(signature = (ledger, request, *, at, key=None, operator="office", memo=""))]
    fn prepare(
        py: Python<'_>,
        ledger: &PyLedger,
        request: &Bound<'_, PyAny>,
        at: &Bound<'_, PyAny>,
        key: Option<String>,
        operator: &str,
        memo: &str,
    ) -> PyResult<Py<PyAny>> {
        guard(|| {
            let request = request_arg(request)?;
            let meta = ledger.meta("clearing-prepare", key, at, operator, memo)?;
            let message = step(py, ledger, |l| Clearing::prepare(l, meta, &request))?;
            ser_py(py, &message)
        })
    }

    /// Phase 2 at the receiving bank: applies the transfer `message` describes, or refuses it
    /// for good when this bank's rules reject it (the member not open, the cap, the unit,
    /// no clearing with the sending bank), and returns the reply for the sending bank:
    /// `{"transfer_key", "from_bank", "to_bank", "outcome": {"state": "applied"} |
    /// {"state": "refused", "reason": code}, "dest_head"}`. A transfer applied or refused
    /// before gives its recorded reply again. Raises `LedgerError` when the message names
    /// another bank (`LEDGER_WRONG_BANK`), the ledger has no bank code, or `at` is before its
    /// latest change.
    #[pyo3(signature = (ledger, message, *, at))]
    fn apply(
        &self,
        py: Python<'_>,
        ledger: &PyLedger,
        message: &Bound<'_, PyAny>,
        at: &Bound<'_, PyAny>,
    ) -> PyResult<Py<PyAny>> {
        guard(|| {
            let message = message_arg(message)?;
            let at: NaiveDateTime = datetime_arg(at, "at")?;
            let reply = step(py, ledger, |l| self.inner.apply(l, &message, at))?;
            ser_py(py, &reply)
        })
    }

    /// Refuses the transfer `message` describes at the receiving bank for `reason`
    /// (`"timeout"`: the sending bank gave up waiting), unless it was applied or refused
    /// before, and returns the reply: refused, or applied if it was applied first (the sending
    /// bank then acknowledges it). Raises as `apply`.
    #[pyo3(signature = (ledger, message, reason, *, at))]
    fn refuse(
        &self,
        py: Python<'_>,
        ledger: &PyLedger,
        message: &Bound<'_, PyAny>,
        reason: &str,
        at: &Bound<'_, PyAny>,
    ) -> PyResult<Py<PyAny>> {
        guard(|| {
            let message = message_arg(message)?;
            let at: NaiveDateTime = datetime_arg(at, "at")?;
            let reply = step(py, ledger, |l| self.inner.refuse(l, &message, reason, at))?;
            ser_py(py, &reply)
        })
    }

    /// Phase 3 at the sending bank: acknowledges an applied transfer or cancels a refused one
    /// (the minutes go back to the member; the cancel's memo is the refusal's reason), and
    /// returns the receipt (`{"status": "posted", "transaction": "tx#5"}`). A transfer settled
    /// before the way `reply` says gives the receipt of the transaction that settled it.
    /// Raises `LedgerError` when the reply names another bank or contradicts how the transfer
    /// was settled (`LEDGER_TRANSFER_SETTLED`), or `at` is before the ledger's latest change.
    #[pyo3(signature = (ledger, reply, *, at))]
    fn settle(
        &self,
        py: Python<'_>,
        ledger: &PyLedger,
        reply: &Bound<'_, PyAny>,
        at: &Bound<'_, PyAny>,
    ) -> PyResult<Py<PyAny>> {
        guard(|| {
            let reply = reply_arg(reply)?;
            let at: NaiveDateTime = datetime_arg(at, "at")?;
            let r = step(py, ledger, |l| self.inner.settle(l, &reply, at))?;
            receipt(py, r)
        })
    }

    /// The message of transfer `transfer_key` prepared at `ledger` (the one `prepare`
    /// returned), rebuilt from the ledger, or None if no such transfer was prepared there.
    #[staticmethod]
    fn message(py: Python<'_>, ledger: &PyLedger, transfer_key: &str) -> PyResult<Py<PyAny>> {
        guard(
            || match read(py, ledger, |l| Clearing::message(l, transfer_key))? {
                Some(m) => ser_py(py, &m),
                None => Ok(py.None()),
            },
        )
    }

    /// The reply for transfer `transfer_key` from `from_bank` that `ledger` applied or
    /// refused, rebuilt from the ledger, or None if it did neither.
    #[staticmethod]
    fn reply(
        py: Python<'_>,
        ledger: &PyLedger,
        from_bank: &Bound<'_, PyAny>,
        transfer_key: &str,
    ) -> PyResult<Py<PyAny>> {
        guard(|| {
            let from = bank_arg(from_bank, "from_bank")?;
            match read(py, ledger, |l| Clearing::reply(l, from, transfer_key))? {
                Some(r) => ser_py(py, &r),
                None => Ok(py.None()),
            }
        })
    }

    /// The messages of every transfer prepared at `ledger` and neither acknowledged nor
    /// cancelled, in transfer-key order: what to send again after a crash.
    #[staticmethod]
    fn unsettled(py: Python<'_>, ledger: &PyLedger) -> PyResult<Py<PyAny>> {
        guard(|| {
            let messages = read(py, ledger, Clearing::unsettled)?;
            let items = messages
                .iter()
                .map(|m| ser_py(py, m))
                .collect::<PyResult<Vec<_>>>()?;
            Ok(PyList::new(py, items)?.into_any().unbind())
        })
    }

    /// The idempotency key of the apply at the receiving bank:
    /// `clearing:apply:<from_bank>:<transfer_key>`.
    #[staticmethod]
    fn apply_key(from_bank: &Bound<'_, PyAny>, transfer_key: &str) -> PyResult<String> {
        guard(|| {
            Ok(Clearing::apply_key(
                bank_arg(from_bank, "from_bank")?,
                transfer_key,
            ))
        })
    }

    /// The idempotency key of the refusal at the receiving bank:
    /// `clearing:refuse:<from_bank>:<transfer_key>`.
    #[staticmethod]
    fn refuse_key(from_bank: &Bound<'_, PyAny>, transfer_key: &str) -> PyResult<String> {
        guard(|| {
            Ok(Clearing::refuse_key(
                bank_arg(from_bank, "from_bank")?,
                transfer_key,
            ))
        })
    }

    /// The idempotency key of the acknowledgement at the sending bank:
    /// `clearing:ack:<transfer_key>`.
    #[staticmethod]
    fn acknowledge_key(transfer_key: &str) -> String {
        Clearing::acknowledge_key(transfer_key)
    }

    /// The idempotency key of the cancellation at the sending bank:
    /// `clearing:cancel:<transfer_key>`.
    #[staticmethod]
    fn cancel_key(transfer_key: &str) -> String {
        Clearing::cancel_key(transfer_key)
    }

    fn __repr__(&self) -> String {
        format!("<huzhu.Clearing: operator {:?}>", self.inner.operator())
    }
}
