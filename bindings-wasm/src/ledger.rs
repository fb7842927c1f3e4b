//! The time bank: double entry in integer minutes (points, the second unit, are added by
//! [`crate::points`]). Accounts and transactions travel as the
//! core's labels (`volunteer#2`, `organisation#3`, `fund`, `donation_pool`; `tx#7`), read by the
//! core's `FromStr` and serde and written by them; receipts, transactions, statements and
//! policies are the core's JSON.

// wasm-bindgen hands optional JS arguments (`Option<JsType>`) over by value.
#![allow(clippy::needless_pass_by_value)]

use std::cell::RefCell;

use huzhu::ledger::{
    Account, AccountId, JournalHead, Ledger, LedgerError, LedgerPolicy, Operation, Receipt, TxId,
    TxMeta, Unit,
};
use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;

use crate::convert::{
    SAFE_INTEGER, datetime_from_js, from_js, label_from_js, local_date_member, minutes,
    opt_value_from_js, text_arg, to_js, value_from_js, whole,
};
use crate::convert::{need_id, number, opt_number};
use crate::error::{Failure, Fallible};
use crate::types::TsNumber;
use crate::types::{
    TsAccountInput, TsAccountRef, TsAccountRefs, TsAccounts, TsBalances, TsDateTime,
    TsLedgerPolicy, TsLedgerPolicyInput, TsOperation, TsOperations, TsPendings, TsReceipt,
    TsStatement, TsTransactionOrUndefined, TsTransactions, TsTxMeta, TsUnit,
};

/// A ledger policy from JS (`undefined` or `null`: the default), read by the core.
pub fn policy_from_js(policy: Option<&JsValue>) -> Fallible<LedgerPolicy> {
    match opt_value_from_js(policy, "policy")? {
        Some(v) => Ok(LedgerPolicy::from_value(v)?),
        None => Ok(LedgerPolicy::default()),
    }
}

/// An account label (or the core's JSON form of an account id).
pub(crate) fn account(value: &JsValue, field: &str) -> Fallible<AccountId> {
    label_from_js(value, field, "an account label such as \"volunteer#3\"")
}

/// A transaction id: its label `tx#7`, or (input only) `"7"` or a safe integer.
fn tx(value: &JsValue, field: &str) -> Fallible<TxId> {
    match value.as_f64() {
        Some(n) => whole(n, field, SAFE_INTEGER).map(TxId),
        None => label_from_js(value, field, "a transaction id such as \"tx#7\""),
    }
}

/// A unit (`"minutes"` or `"points"`, read by the core's `FromStr`); `undefined` or `null`:
/// minutes.
pub(crate) fn unit(value: Option<&JsValue>) -> Fallible<Unit> {
    match value {
        Some(v) if !v.is_undefined() && !v.is_null() => {
            label_from_js(v, "unit", "a unit: \"minutes\" or \"points\"")
        }
        _ => Ok(Unit::Minutes),
    }
}

/// Transaction metadata `{key, operator, at, memo?}`, read by the core (`at` may be a `Date`).
pub(crate) fn meta(meta: &JsValue) -> Fallible<TxMeta> {
    let mut v = value_from_js(meta, "meta")?;
    local_date_member(meta, &mut v, "at", "meta.at", false)?;
    Ok(huzhu::model::json::from_value(v, "meta")?)
}

pub(crate) fn receipt(r: Result<Receipt, LedgerError>) -> Result<TsReceipt, JsValue> {
    Ok(to_js(&r.map_err(Failure::from)?)?.unchecked_into())
}

/// The time bank.
#[wasm_bindgen(js_name = Ledger)]
pub struct JsLedger {
    pub(crate) inner: Ledger,
    /// A head of this ledger's journal met before (the empty one at first): the journal only
    /// grows, so [`crate::journal`] encodes only the lines after it to know the current head.
    pub(crate) known_head: RefCell<JournalHead>,
}

impl From<Ledger> for JsLedger {
    fn from(inner: Ledger) -> Self {
        Self {
            inner,
            known_head: RefCell::new(JournalHead::empty()),
        }
    }
}

#[wasm_bindgen(js_class = Ledger)]
impl JsLedger {
    /// An empty ledger; `policy` fields default as in the core (1,500 h cap, family-only
    /// transfers, unit 1 minute, no starting grant, no reviewers; `cap: null` for no cap).
    #[wasm_bindgen(constructor)]
    pub fn new(policy: Option<TsLedgerPolicyInput>) -> Result<JsLedger, JsValue> {
        let p = policy_from_js(policy.as_deref())?;
        Ok(Ledger::new(p).map_err(Failure::from)?.into())
    }

    /// The policy in force.
    #[wasm_bindgen(getter)]
    pub fn policy(&self) -> Result<TsLedgerPolicy, JsValue> {
        Ok(to_js(self.inner.policy())?.unchecked_into())
    }

    /// Opens an account: `{id: "volunteer#2", priority?, group?, family?: [...]}`.
    #[wasm_bindgen(js_name = openAccount)]
    pub fn open_account(&mut self, account: &TsAccountInput) -> Result<(), JsValue> {
        let a: Account = from_js(account, "account")?;
        self.inner.open_account(a).map_err(Failure::from)?;
        Ok(())
    }

    /// Submits any operation (`{op: "earn", account, need, minutes}`, …).
    pub fn submit(
        &mut self,
        #[wasm_bindgen(js_name = meta)] meta_: &TsTxMeta,
        operation: &TsOperation,
    ) -> Result<TsReceipt, JsValue> {
        let meta = meta(meta_)?;
        let op: Operation = from_js(operation, "operation")?;
        receipt(self.inner.submit(meta, op))
    }

    /// A reviewer approves a pending transaction (when the policy requires reviewers).
    pub fn approve(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] key: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] reviewer: JsValue,
        at: &TsDateTime,
    ) -> Result<TsReceipt, JsValue> {
        let (key, reviewer) = (text_arg(&key, "key")?, text_arg(&reviewer, "reviewer")?);
        let at = datetime_from_js(at, "at")?;
        receipt(self.inner.approve(&key, &reviewer, at))
    }

    /// Deposits minutes a member earned serving a need (from the fund).
    pub fn earn(
        &mut self,
        #[wasm_bindgen(js_name = meta)] meta_: &TsTxMeta,
        #[wasm_bindgen(js_name = account)] account_: &TsAccountRef,
        need: &TsNumber,
        #[wasm_bindgen(js_name = minutes)] minutes_: &TsNumber,
    ) -> Result<TsReceipt, JsValue> {
        let need = number(need, "need")?;
        let minutes_ = number(minutes_, "minutes")?;
        let meta = meta(meta_)?;
        let a = account(account_, "account")?;
        let need = need_id(need, "need")?;
        let m = minutes(minutes_, "minutes")?;
        receipt(self.inner.earn(meta, a, need, m))
    }

    /// Spends minutes on a service (optionally for a need).
    pub fn redeem(
        &mut self,
        #[wasm_bindgen(js_name = meta)] meta_: &TsTxMeta,
        #[wasm_bindgen(js_name = account)] account_: &TsAccountRef,
        #[wasm_bindgen(js_name = minutes)] minutes_: &TsNumber,
        need: Option<TsNumber>,
    ) -> Result<TsReceipt, JsValue> {
        let minutes_ = number(minutes_, "minutes")?;
        let need = opt_number(need.as_deref(), "need")?;
        let meta = meta(meta_)?;
        let a = account(account_, "account")?;
        let m = minutes(minutes_, "minutes")?;
        let need = need.map(|n| need_id(n, "need")).transpose()?;
        receipt(self.inner.redeem(meta, a, m, need))
    }

    /// Moves minutes between members (by the policy's transfer rule).
    pub fn transfer(
        &mut self,
        #[wasm_bindgen(js_name = meta)] meta_: &TsTxMeta,
        from: &TsAccountRef,
        to: &TsAccountRef,
        #[wasm_bindgen(js_name = minutes)] minutes_: &TsNumber,
    ) -> Result<TsReceipt, JsValue> {
        let minutes_ = number(minutes_, "minutes")?;
        let meta = meta(meta_)?;
        let (from, to) = (account(from, "from")?, account(to, "to")?);
        let m = minutes(minutes_, "minutes")?;
        receipt(self.inner.transfer(meta, from, to, m))
    }

    /// Gives minutes to the donation pool.
    pub fn donate(
        &mut self,
        #[wasm_bindgen(js_name = meta)] meta_: &TsTxMeta,
        from: &TsAccountRef,
        #[wasm_bindgen(js_name = minutes)] minutes_: &TsNumber,
    ) -> Result<TsReceipt, JsValue> {
        let minutes_ = number(minutes_, "minutes")?;
        let meta = meta(meta_)?;
        let from = account(from, "from")?;
        let m = minutes(minutes_, "minutes")?;
        receipt(self.inner.donate(meta, from, m))
    }

    /// The policy's starting grant, once per account.
    #[wasm_bindgen(js_name = startingGrant)]
    pub fn starting_grant(
        &mut self,
        #[wasm_bindgen(js_name = meta)] meta_: &TsTxMeta,
        to: &TsAccountRef,
    ) -> Result<TsReceipt, JsValue> {
        let meta = meta(meta_)?;
        let to = account(to, "to")?;
        receipt(self.inner.starting_grant(meta, to))
    }

    /// Grants pooled minutes to recipients, priority accounts first.
    #[wasm_bindgen(js_name = poolGrant)]
    pub fn pool_grant(
        &mut self,
        #[wasm_bindgen(js_name = meta)] meta_: &TsTxMeta,
        recipients: &TsAccountRefs,
        #[wasm_bindgen(js_name = minutesEach)] minutes_each: &TsNumber,
    ) -> Result<TsReceipt, JsValue> {
        let minutes_each = number(minutes_each, "minutes_each")?;
        let meta = meta(meta_)?;
        let ids: Vec<AccountId> = from_js(recipients, "recipients")?;
        let m = minutes(minutes_each, "minutes_each")?;
        receipt(self.inner.pool_grant(meta, ids, m))
    }

    /// Several operations that succeed or fail as one.
    pub fn batch(
        &mut self,
        #[wasm_bindgen(js_name = meta)] meta_: &TsTxMeta,
        operations: &TsOperations,
    ) -> Result<TsReceipt, JsValue> {
        let meta = meta(meta_)?;
        let ops: Vec<Operation> = from_js(operations, "operations")?;
        receipt(self.inner.batch(meta, ops))
    }

    /// A compensating entry for a posted transaction (`"tx#7"`; `"7"` and `7` are read too).
    pub fn reverse(
        &mut self,
        #[wasm_bindgen(js_name = meta)] meta_: &TsTxMeta,
        #[wasm_bindgen(unchecked_param_type = "TxIdInput")] transaction: JsValue,
    ) -> Result<TsReceipt, JsValue> {
        let meta = meta(meta_)?;
        let id = tx(&transaction, "transaction")?;
        receipt(self.inner.reverse(meta, id))
    }

    /// An account's balance in minutes.
    pub fn balance(
        &self,
        #[wasm_bindgen(js_name = account)] account_: &TsAccountRef,
    ) -> Result<f64, JsValue> {
        let a = account(account_, "account")?;
        Ok(self.inner.balance(a).map_err(Failure::from)? as f64)
    }

    /// An account's balance at a time, in minutes or (`unit: "points"`) points.
    #[wasm_bindgen(js_name = balanceAt)]
    pub fn balance_at(
        &self,
        #[wasm_bindgen(js_name = account)] account_: &TsAccountRef,
        at: &TsDateTime,
        #[wasm_bindgen(js_name = unit)] unit_: Option<TsUnit>,
    ) -> Result<f64, JsValue> {
        let a = account(account_, "account")?;
        let at = datetime_from_js(at, "at")?;
        let unit = unit(unit_.as_deref())?;
        Ok(self
            .inner
            .balance_at_in(a, unit, at)
            .map_err(Failure::from)? as f64)
    }

    /// Every account's balance, keyed by account label.
    pub fn balances(&self) -> Result<TsBalances, JsValue> {
        let map: Map<String, Value> = huzhu::model::cold::collect(
            self.inner
                .balances()
                .map(|(a, b)| (a.to_string(), Value::from(b))),
        );
        Ok(to_js(&map)?.unchecked_into())
    }

    /// The sum of all balances (0 in a sound double-entry ledger).
    #[wasm_bindgen(js_name = totalBalance)]
    pub fn total_balance(&self) -> f64 {
        self.inner.total_balance() as f64
    }

    /// Whether the balances agree with the postings.
    #[wasm_bindgen(js_name = verifyBalances)]
    pub fn verify_balances(&self) -> bool {
        self.inner.verify_balances()
    }

    /// The open accounts: `{id, priority, group, family}` with labels.
    pub fn accounts(&self) -> Result<TsAccounts, JsValue> {
        let list: Vec<&Account> = self.inner.accounts().collect();
        Ok(to_js(&list)?.unchecked_into())
    }

    /// All posted transactions in order.
    pub fn transactions(&self) -> Result<TsTransactions, JsValue> {
        Ok(to_js(self.inner.transactions())?.unchecked_into())
    }

    /// One transaction by id (`"tx#7"`; `"7"` and `7` are read too).
    pub fn transaction(
        &self,
        #[wasm_bindgen(unchecked_param_type = "TxIdInput")] id: JsValue,
    ) -> Result<TsTransactionOrUndefined, JsValue> {
        let id = tx(&id, "id")?;
        Ok(match self.inner.transaction(id) {
            Some(t) => to_js(t)?,
            None => JsValue::UNDEFINED,
        }
        .unchecked_into())
    }

    /// Transactions waiting for reviewers.
    #[wasm_bindgen(js_name = pendingTransactions)]
    pub fn pending_transactions(&self) -> Result<TsPendings, JsValue> {
        let list: Vec<_> = self.inner.pending_transactions().collect();
        Ok(to_js(&list)?.unchecked_into())
    }

    /// An account statement over `[from, until)`, in minutes or (`unit: "points"`) points.
    pub fn statement(
        &self,
        #[wasm_bindgen(js_name = account)] account_: &TsAccountRef,
        from: &TsDateTime,
        until: &TsDateTime,
        #[wasm_bindgen(js_name = unit)] unit_: Option<TsUnit>,
    ) -> Result<TsStatement, JsValue> {
        let a = account(account_, "account")?;
        let from = datetime_from_js(from, "from")?;
        let until = datetime_from_js(until, "until")?;
        let unit = unit(unit_.as_deref())?;
        let s = self
            .inner
            .statement_in(a, unit, from, until)
            .map_err(Failure::from)?;
        Ok(to_js(&s)?.unchecked_into())
    }

    /// The hash-chained JSON Lines journal.
    #[wasm_bindgen(js_name = exportJournal)]
    pub fn export_journal(&self) -> Result<String, JsValue> {
        Ok(self.inner.export_journal().map_err(Failure::from)?)
    }

    /// Rebuilds a ledger from its journal, verifying the hash chain and replaying every entry.
    #[wasm_bindgen(js_name = importJournal)]
    pub fn import_journal(
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> Result<JsLedger, JsValue> {
        let text = text_arg(&text, "text")?;
        Ok(Ledger::import_journal(&text).map_err(Failure::from)?.into())
    }
}
