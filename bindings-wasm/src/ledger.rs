//! The time bank: double entry in integer minutes. Transaction ids travel as decimal strings
//! (they are `u64`); accounts as labels (`volunteer#2`, `fund`, `donation-pool`).

// wasm-bindgen hands optional JS arguments (`Option<JsType>`) over by value.
#![allow(clippy::needless_pass_by_value)]

use huzhu::ledger::{
    Account, Ledger, LedgerPolicy, Operation, Receipt, Transaction, TransferRule, TxId, TxMeta,
};
use huzhu::model::NeedId;
use serde::Deserialize;
use serde_json::{Map, Value, json};
use wasm_bindgen::prelude::*;

use crate::convert::{
    account_from_js, account_from_label, account_json, account_label, datetime_from_js, from_js,
    from_js_opt, id32, iso, minutes, parse_js, stringify, text_arg,
};
use crate::error::{Failure, Fallible};
use crate::types::{
    TsAccountInput, TsAccountRef, TsAccountRefs, TsAccounts, TsBalances, TsDateTime,
    TsLedgerPolicy, TsLedgerPolicyInput, TsOperation, TsOperations, TsPendings, TsReceipt,
    TsStatement, TsTransactionOrUndefined, TsTransactions, TsTxMeta,
};

/// The JS shape of a ledger policy: every field optional, defaults as in the core.
#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct PolicyInput {
    overdraft_limit: Option<i64>,
    /// `null` for no cap; absent for the default cap (1,500 h).
    #[allow(clippy::option_option)]
    #[serde(deserialize_with = "double_option")]
    cap: Option<Option<i64>>,
    transfer_rule: Option<TransferRule>,
    group_donate_only: Option<bool>,
    unit: Option<i64>,
    starting_grant: Option<i64>,
    reviewers_required: Option<u32>,
}

#[allow(clippy::option_option)]
fn double_option<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<i64>>, D::Error> {
    Option::<i64>::deserialize(d).map(Some)
}

/// Builds a checked ledger policy from JSON text (or `null`).
pub fn policy_from_json(text: &str) -> Fallible<LedgerPolicy> {
    let input: Option<PolicyInput> = crate::convert::parse(text, "policy")?;
    let i = input.unwrap_or_default();
    let mut p = LedgerPolicy::default();
    if let Some(v) = i.overdraft_limit {
        p = p.with_overdraft_limit(v);
    }
    match i.cap {
        Some(Some(v)) => p = p.with_cap(v),
        Some(None) => p = p.without_cap(),
        None => {}
    }
    if let Some(v) = i.transfer_rule {
        p = p.with_transfer_rule(v);
    }
    if let Some(v) = i.group_donate_only {
        p = p.with_group_donate_only(v);
    }
    if let Some(v) = i.unit {
        p = p.with_unit(v);
    }
    if let Some(v) = i.starting_grant {
        p = p.with_starting_grant(v);
    }
    if let Some(v) = i.reviewers_required {
        p = p.with_reviewers_required(v);
    }
    p.validate()?;
    Ok(p)
}

/// The JS form of a policy.
pub fn policy_out(p: &LedgerPolicy) -> Value {
    json!({
        "overdraft_limit": p.overdraft_limit(),
        "cap": p.cap(),
        "transfer_rule": p.transfer_rule().to_string(),
        "group_donate_only": p.group_donate_only(),
        "unit": p.unit(),
        "starting_grant": p.starting_grant(),
        "reviewers_required": p.reviewers_required(),
    })
}

/// Converts an operation's JSON between the JS form (labels, string tx ids) and the core's.
fn map_operation(v: &mut Value, to_core: bool, path: &str) -> Fallible<()> {
    let Value::Object(map) = v else {
        return Err(Failure::invalid(
            path,
            "an operation is an object with an `op` field",
        ));
    };
    for key in ["account", "from", "to"] {
        if let Some(a) = map.get_mut(key) {
            let field = format!("{path}.{key}");
            *a = if to_core {
                account_json(a, &field)?
            } else {
                label_of(a, &field)?
            };
        }
    }
    if let Some(Value::Array(list)) = map.get_mut("recipients") {
        for (i, a) in list.iter_mut().enumerate() {
            let field = format!("{path}.recipients[{i}]");
            *a = if to_core {
                account_json(a, &field)?
            } else {
                label_of(a, &field)?
            };
        }
    }
    if let Some(t) = map.get_mut("transaction") {
        let field = format!("{path}.transaction");
        *t = if to_core {
            Value::from(tx_from_value(t, &field)?.0)
        } else {
            Value::from(t.to_string())
        };
    }
    if let Some(Value::Array(list)) = map.get_mut("operations") {
        for (i, op) in list.iter_mut().enumerate() {
            map_operation(op, to_core, &format!("{path}.operations[{i}]"))?;
        }
    }
    Ok(())
}

fn label_of(v: &Value, field: &str) -> Fallible<Value> {
    let a =
        serde_json::from_value(v.clone()).map_err(|e| Failure::invalid(field, e.to_string()))?;
    Ok(Value::from(account_label(a)))
}

fn tx_from_str(s: &str, field: &str) -> Fallible<TxId> {
    let digits = s.strip_prefix("tx#").unwrap_or(s);
    digits.parse::<u64>().map(TxId).map_err(|_| {
        Failure::invalid(
            field,
            format!("{s:?} is not a transaction id (decimal string)"),
        )
    })
}

fn tx_from_value(v: &Value, field: &str) -> Fallible<TxId> {
    match v {
        Value::String(s) => tx_from_str(s, field),
        Value::Number(n) if n.as_u64().is_some_and(|n| n < (1 << 53)) => {
            Ok(TxId(n.as_u64().unwrap_or(0)))
        }
        _ => Err(Failure::invalid(
            field,
            "transaction ids are decimal strings",
        )),
    }
}

/// An operation from the JS form (JSON text).
pub fn operation_from_json(text: &str, path: &str) -> Fallible<Operation> {
    let mut v: Value = crate::convert::parse(text, path)?;
    map_operation(&mut v, true, path)?;
    serde_json::from_value(v).map_err(|e| Failure::invalid(path, e.to_string()))
}

/// An operation in the JS form.
pub fn operation_out(op: &Operation) -> Fallible<Value> {
    let mut v =
        serde_json::to_value(op).map_err(|e| Failure::new("INTERNAL_ENCODE", e.to_string()))?;
    map_operation(&mut v, false, "operation")?;
    Ok(v)
}

/// A receipt in the JS form: `{status: "posted", transaction: "7"}` or
/// `{status: "pending", approvals, required}`.
pub fn receipt_out(r: Receipt) -> Value {
    match r {
        Receipt::Posted(id) => json!({"status": "posted", "transaction": id.0.to_string()}),
        Receipt::Pending {
            approvals,
            required,
        } => {
            json!({"status": "pending", "approvals": approvals, "required": required})
        }
    }
}

/// A transaction in the JS form.
pub fn transaction_out(t: &Transaction) -> Fallible<Value> {
    let postings: Vec<Value> = t
        .postings
        .iter()
        .map(|p| json!({"account": account_label(p.account), "amount": p.amount, "cap_excess": p.cap_excess}))
        .collect();
    Ok(json!({
        "id": t.id.0.to_string(),
        "key": t.meta.key,
        "operator": t.meta.operator,
        "at": iso(t.meta.at),
        "memo": t.meta.memo,
        "posted_at": iso(t.posted_at),
        "kind": t.operation.kind().to_string(),
        "operation": operation_out(&t.operation)?,
        "postings": postings,
        "reviewers": t.reviewers,
    }))
}

fn js(v: &Value) -> Fallible<JsValue> {
    parse_js(&v.to_string())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AccountInput {
    id: Value,
    #[serde(default)]
    priority: bool,
    #[serde(default)]
    group: bool,
    #[serde(default)]
    family: Vec<Value>,
}

fn meta_from_js(meta: &JsValue) -> Fallible<TxMeta> {
    let get = |name: &str| {
        js_sys::Reflect::get(meta, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
    };
    if !meta.is_object() {
        return Err(Failure::invalid(
            "meta",
            "expected {key, operator, at, memo?}",
        ));
    }
    let text = |name: &str, required: bool| -> Fallible<String> {
        let v = get(name);
        match v.as_string() {
            Some(s) => Ok(s),
            None if !required && v.is_undefined() => Ok(String::new()),
            None => Err(Failure::invalid(
                format!("meta.{name}"),
                "expected a string",
            )),
        }
    };
    let at = datetime_from_js(&get("at"), "meta.at")?;
    Ok(
        TxMeta::new(text("key", true)?, text("operator", true)?, at)
            .with_memo(text("memo", false)?),
    )
}

/// The time bank.
#[wasm_bindgen(js_name = Ledger)]
pub struct JsLedger {
    pub(crate) inner: Ledger,
}

impl From<Ledger> for JsLedger {
    fn from(inner: Ledger) -> Self {
        Self { inner }
    }
}

impl JsLedger {
    fn receipt(r: Result<Receipt, huzhu::ledger::LedgerError>) -> Result<TsReceipt, JsValue> {
        let r = r.map_err(Failure::from)?;
        Ok(js(&receipt_out(r))?.unchecked_into())
    }
}

#[wasm_bindgen(js_class = Ledger)]
impl JsLedger {
    /// An empty ledger; `policy` fields default as in the core (1,500 h cap, family-only
    /// transfers, unit 1 minute, no starting grant, no reviewers).
    #[wasm_bindgen(constructor)]
    pub fn new(policy: Option<TsLedgerPolicyInput>) -> Result<JsLedger, JsValue> {
        let text = match policy.as_deref() {
            Some(p) => stringify(p, "policy")?,
            None => "null".into(),
        };
        let p = policy_from_json(&text)?;
        Ok(JsLedger {
            inner: Ledger::new(p).map_err(Failure::from)?,
        })
    }

    /// The policy in force.
    #[wasm_bindgen(getter)]
    pub fn policy(&self) -> Result<TsLedgerPolicy, JsValue> {
        Ok(js(&policy_out(self.inner.policy()))?.unchecked_into())
    }

    /// Opens an account: `{id: "volunteer#2", priority?, group?, family?: [...]}`.
    #[wasm_bindgen(js_name = openAccount)]
    pub fn open_account(&mut self, account: &TsAccountInput) -> Result<(), JsValue> {
        let a: AccountInput = from_js(account, "account")?;
        let id = serde_json::from_value(account_json(&a.id, "account.id")?)
            .map_err(|e| Failure::invalid("account.id", e.to_string()))?;
        let mut family = Vec::new();
        for (i, f) in a.family.iter().enumerate() {
            let field = format!("account.family[{i}]");
            family.push(
                serde_json::from_value(account_json(f, &field)?)
                    .map_err(|e| Failure::invalid(&field, e.to_string()))?,
            );
        }
        let account = Account::new(id)
            .with_priority(a.priority)
            .with_group(a.group)
            .with_family(family);
        self.inner.open_account(account).map_err(Failure::from)?;
        Ok(())
    }

    /// Submits any operation (`{op: "earn", account, need, minutes}`, …).
    pub fn submit(
        &mut self,
        meta: &TsTxMeta,
        operation: &TsOperation,
    ) -> Result<TsReceipt, JsValue> {
        let meta = meta_from_js(meta)?;
        let op = operation_from_json(&stringify(operation, "operation")?, "operation")?;
        Self::receipt(self.inner.submit(meta, op))
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
        Self::receipt(self.inner.approve(&key, &reviewer, at))
    }

    /// Deposits minutes a member earned serving a need (from the fund).
    pub fn earn(
        &mut self,
        meta: &TsTxMeta,
        account: &TsAccountRef,
        need: f64,
        #[wasm_bindgen(js_name = minutes)] minutes_: f64,
    ) -> Result<TsReceipt, JsValue> {
        let meta = meta_from_js(meta)?;
        let account = account_from_js(account, "account")?;
        let need = NeedId(id32(need, "need")?);
        let m = minutes(minutes_, "minutes")?;
        Self::receipt(self.inner.earn(meta, account, need, m))
    }

    /// Spends minutes on a service (optionally for a need).
    pub fn redeem(
        &mut self,
        meta: &TsTxMeta,
        account: &TsAccountRef,
        #[wasm_bindgen(js_name = minutes)] minutes_: f64,
        need: Option<f64>,
    ) -> Result<TsReceipt, JsValue> {
        let meta = meta_from_js(meta)?;
        let account = account_from_js(account, "account")?;
        let m = minutes(minutes_, "minutes")?;
        let need = need.map(|n| id32(n, "need").map(NeedId)).transpose()?;
        Self::receipt(self.inner.redeem(meta, account, m, need))
    }

    /// Moves minutes between members (by the policy's transfer rule).
    pub fn transfer(
        &mut self,
        meta: &TsTxMeta,
        from: &TsAccountRef,
        to: &TsAccountRef,
        #[wasm_bindgen(js_name = minutes)] minutes_: f64,
    ) -> Result<TsReceipt, JsValue> {
        let meta = meta_from_js(meta)?;
        let from = account_from_js(from, "from")?;
        let to = account_from_js(to, "to")?;
        let m = minutes(minutes_, "minutes")?;
        Self::receipt(self.inner.transfer(meta, from, to, m))
    }

    /// Gives minutes to the donation pool.
    pub fn donate(
        &mut self,
        meta: &TsTxMeta,
        from: &TsAccountRef,
        #[wasm_bindgen(js_name = minutes)] minutes_: f64,
    ) -> Result<TsReceipt, JsValue> {
        let meta = meta_from_js(meta)?;
        let from = account_from_js(from, "from")?;
        let m = minutes(minutes_, "minutes")?;
        Self::receipt(self.inner.donate(meta, from, m))
    }

    /// The policy's starting grant, once per account.
    #[wasm_bindgen(js_name = startingGrant)]
    pub fn starting_grant(
        &mut self,
        meta: &TsTxMeta,
        to: &TsAccountRef,
    ) -> Result<TsReceipt, JsValue> {
        let meta = meta_from_js(meta)?;
        let to = account_from_js(to, "to")?;
        Self::receipt(self.inner.starting_grant(meta, to))
    }

    /// Grants pooled minutes to recipients, priority accounts first.
    #[wasm_bindgen(js_name = poolGrant)]
    pub fn pool_grant(
        &mut self,
        meta: &TsTxMeta,
        recipients: &TsAccountRefs,
        #[wasm_bindgen(js_name = minutesEach)] minutes_each: f64,
    ) -> Result<TsReceipt, JsValue> {
        let meta = meta_from_js(meta)?;
        let list: Vec<Value> = from_js(recipients, "recipients")?;
        let mut ids = Vec::with_capacity(list.len());
        for (i, v) in list.iter().enumerate() {
            let field = format!("recipients[{i}]");
            ids.push(match v {
                Value::String(s) => account_from_label(s, &field)?,
                other => serde_json::from_value(other.clone())
                    .map_err(|e| Failure::invalid(&field, e.to_string()))?,
            });
        }
        let m = minutes(minutes_each, "minutes_each")?;
        Self::receipt(self.inner.pool_grant(meta, ids, m))
    }

    /// Several operations that succeed or fail as one.
    pub fn batch(
        &mut self,
        meta: &TsTxMeta,
        operations: &TsOperations,
    ) -> Result<TsReceipt, JsValue> {
        let meta = meta_from_js(meta)?;
        let list: Vec<Value> = from_js(operations, "operations")?;
        let mut ops = Vec::with_capacity(list.len());
        for (i, v) in list.iter().enumerate() {
            ops.push(operation_from_json(
                &v.to_string(),
                &format!("operations[{i}]"),
            )?);
        }
        Self::receipt(self.inner.batch(meta, ops))
    }

    /// A compensating entry for a posted transaction (id as a decimal string).
    pub fn reverse(
        &mut self,
        meta: &TsTxMeta,
        #[wasm_bindgen(unchecked_param_type = "string")] transaction: JsValue,
    ) -> Result<TsReceipt, JsValue> {
        let meta = meta_from_js(meta)?;
        let id = tx_from_str(&text_arg(&transaction, "transaction")?, "transaction")?;
        Self::receipt(self.inner.reverse(meta, id))
    }

    /// An account's balance in minutes.
    pub fn balance(&self, account: &TsAccountRef) -> Result<f64, JsValue> {
        let account = account_from_js(account, "account")?;
        Ok(self.inner.balance(account).map_err(Failure::from)? as f64)
    }

    /// An account's balance at a time.
    #[wasm_bindgen(js_name = balanceAt)]
    pub fn balance_at(&self, account: &TsAccountRef, at: &TsDateTime) -> Result<f64, JsValue> {
        let account = account_from_js(account, "account")?;
        let at = datetime_from_js(at, "at")?;
        Ok(self.inner.balance_at(account, at).map_err(Failure::from)? as f64)
    }

    /// Every account's balance, keyed by account label.
    pub fn balances(&self) -> Result<TsBalances, JsValue> {
        let map: Map<String, Value> = huzhu::model::cold::collect(
            self.inner
                .balances()
                .map(|(a, b)| (account_label(a), Value::from(b))),
        );
        Ok(js(&Value::Object(map))?.unchecked_into())
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
        let list: Vec<Value> = self
            .inner
            .accounts()
            .map(|a| {
                json!({
                    "id": account_label(a.id()),
                    "priority": a.is_priority(),
                    "group": a.is_group(),
                    "family": a.family().iter().map(|f| account_label(*f)).collect::<Vec<_>>(),
                })
            })
            .collect();
        Ok(js(&Value::Array(list))?.unchecked_into())
    }

    /// All posted transactions in order.
    pub fn transactions(&self) -> Result<TsTransactions, JsValue> {
        let list = self
            .inner
            .transactions()
            .iter()
            .map(transaction_out)
            .collect::<Fallible<Vec<_>>>()?;
        Ok(js(&Value::Array(list))?.unchecked_into())
    }

    /// One transaction by id (decimal string).
    pub fn transaction(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    ) -> Result<TsTransactionOrUndefined, JsValue> {
        let id = tx_from_str(&text_arg(&id, "id")?, "id")?;
        Ok(match self.inner.transaction(id) {
            Some(t) => js(&transaction_out(t)?)?,
            None => JsValue::UNDEFINED,
        }
        .unchecked_into())
    }

    /// Transactions waiting for reviewers.
    #[wasm_bindgen(js_name = pendingTransactions)]
    pub fn pending_transactions(&self) -> Result<TsPendings, JsValue> {
        let list = self
            .inner
            .pending_transactions()
            .map(|p| {
                Ok(json!({
                    "key": p.meta.key,
                    "operator": p.meta.operator,
                    "at": iso(p.meta.at),
                    "memo": p.meta.memo,
                    "operation": operation_out(&p.operation)?,
                    "approvals": p.approvals,
                }))
            })
            .collect::<Fallible<Vec<_>>>()?;
        Ok(js(&Value::Array(list))?.unchecked_into())
    }

    /// An account statement over `[from, until)`.
    pub fn statement(
        &self,
        account: &TsAccountRef,
        from: &TsDateTime,
        until: &TsDateTime,
    ) -> Result<TsStatement, JsValue> {
        let account = account_from_js(account, "account")?;
        let from = datetime_from_js(from, "from")?;
        let until = datetime_from_js(until, "until")?;
        let s = self
            .inner
            .statement(account, from, until)
            .map_err(Failure::from)?;
        let lines: Vec<Value> = s
            .lines
            .iter()
            .map(|l| {
                json!({
                    "transaction": l.tx.0.to_string(), "at": iso(l.at), "kind": l.kind.to_string(),
                    "key": l.key, "operator": l.operator, "memo": l.memo,
                    "amount": l.amount, "balance": l.balance,
                })
            })
            .collect();
        let v = json!({
            "account": account_label(s.account), "from": iso(s.from), "until": iso(s.until),
            "opening": s.opening, "lines": lines, "closing": s.closing,
        });
        Ok(js(&v)?.unchecked_into())
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
        Ok(JsLedger {
            inner: Ledger::import_journal(&text).map_err(Failure::from)?,
        })
    }
}

/// Reads an optional ledger policy from JS.
pub fn policy_from_js(policy: &JsValue) -> Fallible<LedgerPolicy> {
    let v: Option<Value> = from_js_opt(policy, "policy")?;
    policy_from_json(&v.map_or_else(|| "null".to_owned(), |v| v.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations_round_trip_through_the_js_form() {
        let text = r#"{"op": "batch", "operations": [
            {"op": "transfer", "from": "volunteer#1", "to": "resident#2", "minutes": 30},
            {"op": "pool_grant", "recipients": ["resident#2", {"resident": 3}], "minutes_each": 10},
            {"op": "reverse", "transaction": "9007199254740993"}]}"#;
        let op = operation_from_json(text, "operation").unwrap();
        let Operation::Batch { operations } = &op else {
            panic!("a batch")
        };
        assert!(matches!(
            operations[2],
            Operation::Reverse {
                transaction: TxId(9_007_199_254_740_993)
            }
        ));
        let out = operation_out(&op).unwrap();
        assert_eq!(out["operations"][2]["transaction"], "9007199254740993");
        assert_eq!(out["operations"][0]["from"], "volunteer#1");
        assert_eq!(out["operations"][1]["recipients"][1], "resident#3");
    }

    #[test]
    fn policy_input_defaults_and_checks() {
        let p = policy_from_json(r#"{"cap": null, "starting_grant": 60}"#).unwrap();
        assert_eq!((p.cap(), p.starting_grant()), (None, 60));
        assert_eq!(policy_from_json("null").unwrap(), LedgerPolicy::default());
        let e = policy_from_json(r#"{"unit": 0}"#).unwrap_err();
        assert_eq!(e.code, "LEDGER_INVALID_POLICY");
        assert_eq!(policy_out(&p)["transfer_rule"], "family_only");
    }

    #[test]
    fn errors_carry_key_and_account() {
        let mut l = Ledger::new(LedgerPolicy::default()).unwrap();
        let v = huzhu::ledger::AccountId::Volunteer(huzhu::model::VolunteerId(1));
        l.open_account(Account::new(v)).unwrap();
        let at = crate::convert::parse_datetime("2026-11-24T10:00", "at").unwrap();
        let e: Failure = l
            .redeem(TxMeta::new("k1", "desk", at), v, 5, None)
            .unwrap_err()
            .into();
        assert_eq!(e.code, "LEDGER_FLOOR_BREACH");
        assert_eq!(
            (e.key.as_deref(), e.account.as_deref()),
            (Some("k1"), Some("volunteer#1"))
        );
    }
}
