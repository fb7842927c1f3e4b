//! `kind: "clearing"` — banks clearing transfers through the protocol driver
//! ([`huzhu::ledger::Clearing`]), each step at one bank.
//!
//! Input:
//! ```json
//! {"banks": {"pudong": {"policy": {"clearing": {"bank": "pudong"}}}, "xuhui": {…}},
//!  "operator": "clearing:city",
//!  "steps": [{"bank": "pudong", "open": {"id": "volunteer#1"}},
//!            {"bank": "pudong", "submit": {"key", "operator", "at", "memo", "operation"}},
//!            {"bank": "pudong", "prepare": {"key", "operator", "at", "memo",
//!                                           "request": {"transfer_key", "to_bank",
//!                                                       "from_account", "to_account", "minutes"}}},
//!            {"bank": "xuhui", "apply": {"message": 5, "at"}},
//!            {"bank": "xuhui", "refuse": {"message": 5, "reason": "timeout", "at"}},
//!            {"bank": "pudong", "settle": {"reply": 6, "at"}},
//!            {"bank": "pudong", "unsettled": {}}]}
//! ```
//! `message` and `reply` name an earlier step (from 0) whose result was a message or a reply.
//! Output:
//! ```json
//! {"steps": [{"ok": "ok" | receipt | message | reply | [transfer key]} | {"error": {…}}],
//!  "banks": {"pudong": {"balances": [[account, minutes]], "total_balance": 0, "lines": n}}}
//! ```
//! A head in a message or reply is written `<bank>:<lines>`: the bank whose journal, after its
//! first `lines` lines, has that hash (the raw hash if no bank's journal has it).

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use huzhu::ledger::{
    Clearing, JournalHead, Ledger, LedgerError, LedgerPolicy, Operation, TransferMessage,
    TransferReply, TransferRequest, TxMeta,
};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::errors::{case_json, error_value};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Bank {
    #[serde(default)]
    policy: Option<Value>,
}

/// The request fields of a submit or prepare (flattened into them, so without
/// `deny_unknown_fields`; the outer struct refuses unknown fields).
#[derive(Deserialize)]
struct Meta {
    key: String,
    operator: String,
    #[serde(with = "huzhu::model::text::local")]
    at: NaiveDateTime,
    #[serde(default)]
    memo: String,
}

impl Meta {
    fn into_meta(self) -> TxMeta {
        TxMeta::new(self.key, self.operator, self.at).with_memo(self.memo)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Submit {
    #[serde(flatten)]
    meta: Meta,
    operation: Operation,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Prepare {
    #[serde(flatten)]
    meta: Meta,
    request: TransferRequest,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Apply {
    message: usize,
    #[serde(with = "huzhu::model::text::local")]
    at: NaiveDateTime,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Refuse {
    message: usize,
    reason: String,
    #[serde(with = "huzhu::model::text::local")]
    at: NaiveDateTime,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Settle {
    reply: usize,
    #[serde(with = "huzhu::model::text::local")]
    at: NaiveDateTime,
}

/// `{}`: a step that takes nothing.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoArguments {}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
enum Action {
    Open(huzhu::ledger::Account),
    Submit(Submit),
    Prepare(Prepare),
    Apply(Apply),
    Refuse(Refuse),
    Settle(Settle),
    Unsettled(NoArguments),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Step {
    bank: String,
    #[serde(flatten)]
    action: Action,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    banks: BTreeMap<String, Bank>,
    operator: String,
    steps: Vec<Step>,
}

/// What a step produced, kept for later steps.
enum Produced {
    Nothing,
    Message(TransferMessage),
    Reply(TransferReply),
}

fn case_error(message: &str) -> Value {
    json!({"error": {"code": "CASE_JSON", "message": message}})
}

/// Runs a clearing case.
pub fn run(input: Value) -> Value {
    let input: Input = match serde_json::from_value(input) {
        Ok(i) => i,
        Err(e) => return case_json(&e),
    };
    let mut banks = BTreeMap::new();
    for (name, bank) in input.banks {
        let policy = match bank.policy {
            Some(p) => match LedgerPolicy::from_value(p) {
                Ok(p) => p,
                Err(e) => return error_value(e),
            },
            None => LedgerPolicy::default(),
        };
        match Ledger::new(policy) {
            Ok(l) => banks.insert(name, l),
            Err(e) => return error_value(e),
        };
    }
    let clearing = Clearing::new(input.operator);
    let mut produced: Vec<Produced> = Vec::new();
    let mut raw: Vec<Value> = Vec::new();
    for (i, step) in input.steps.into_iter().enumerate() {
        let Some(ledger) = banks.get_mut(&step.bank) else {
            return case_error(&format!("step {i}: no bank {:?}", step.bank));
        };
        let message = |n: usize| match produced.get(n) {
            Some(Produced::Message(m)) => Ok(m.clone()),
            _ => Err(case_error(&format!("step {i}: step {n} gave no message"))),
        };
        let reply = |n: usize| match produced.get(n) {
            Some(Produced::Reply(r)) => Ok(r.clone()),
            _ => Err(case_error(&format!("step {i}: step {n} gave no reply"))),
        };
        let before = ledger.clone();
        let (value, made): (Result<Value, LedgerError>, Produced) = match step.action {
            Action::Open(account) => (
                ledger.open_account(account).map(|()| json!("ok")),
                Produced::Nothing,
            ),
            Action::Submit(s) => (
                ledger
                    .submit(s.meta.into_meta(), s.operation)
                    .map(|r| json!(r)),
                Produced::Nothing,
            ),
            Action::Prepare(p) => match Clearing::prepare(ledger, p.meta.into_meta(), &p.request) {
                Ok(m) => (Ok(json!(m)), Produced::Message(m)),
                Err(e) => (Err(e), Produced::Nothing),
            },
            Action::Apply(a) => {
                let m = match message(a.message) {
                    Ok(m) => m,
                    Err(e) => return e,
                };
                match clearing.apply(ledger, &m, a.at) {
                    Ok(r) => (Ok(json!(r)), Produced::Reply(r)),
                    Err(e) => (Err(e), Produced::Nothing),
                }
            }
            Action::Refuse(a) => {
                let m = match message(a.message) {
                    Ok(m) => m,
                    Err(e) => return e,
                };
                match clearing.refuse(ledger, &m, &a.reason, a.at) {
                    Ok(r) => (Ok(json!(r)), Produced::Reply(r)),
                    Err(e) => (Err(e), Produced::Nothing),
                }
            }
            Action::Settle(s) => {
                let r = match reply(s.reply) {
                    Ok(r) => r,
                    Err(e) => return e,
                };
                (
                    clearing.settle(ledger, &r, s.at).map(|r| json!(r)),
                    Produced::Nothing,
                )
            }
            Action::Unsettled(_) => (
                Clearing::unsettled(ledger).map(|ms| {
                    json!(
                        ms.iter()
                            .map(|m| m.transfer_key.as_str())
                            .collect::<Vec<_>>()
                    )
                }),
                Produced::Nothing,
            ),
        };
        let out = match value {
            Ok(v) => json!({"ok": v}),
            Err(e) => {
                if *ledger != before {
                    return json!({"error": {"code": "CONFORMANCE_REJECTED_OPERATION_CHANGED_LEDGER",
                        "message": "a rejected operation changed the ledger"}});
                }
                error_value(e)
            }
        };
        produced.push(made);
        raw.push(out);
    }
    let heads = head_names(&banks);
    let steps: Vec<Value> = raw.into_iter().map(|v| name_heads(v, &heads)).collect();
    let banks: BTreeMap<&String, Value> = banks
        .iter()
        .map(|(name, l)| {
            let balances: Vec<Value> = l.balances().map(|(a, b)| json!([a, b])).collect();
            (
                name,
                json!({"balances": balances,
                       "total_balance": i64::try_from(l.total_balance()).unwrap_or(i64::MAX),
                       "lines": l.journal_len()}),
            )
        })
        .collect();
    json!({"steps": steps, "banks": banks})
}

/// Every head hash of every bank's journal, named `<bank>:<lines>`.
fn head_names(banks: &BTreeMap<String, Ledger>) -> BTreeMap<String, String> {
    let mut names = BTreeMap::new();
    for (bank, ledger) in banks {
        if let Ok((lines, _)) = ledger.journal_lines_after(&JournalHead::empty()) {
            for line in lines {
                names.insert(line.hash, format!("{bank}:{}", line.seq + 1));
            }
        }
    }
    names
}

fn name_heads(mut value: Value, names: &BTreeMap<String, String>) -> Value {
    if let Some(ok) = value.get_mut("ok").and_then(Value::as_object_mut) {
        for field in ["source_head", "dest_head"] {
            if let Some(Value::String(h)) = ok.get_mut(field)
                && let Some(name) = names.get(h.as_str())
            {
                *h = name.clone();
            }
        }
    }
    value
}
