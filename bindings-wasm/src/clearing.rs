//! Clearing between time banks (通存通兑): the core's protocol driver
//! ([`huzhu::ledger::Clearing`]) over the package's [`Ledger`](crate::ledger::JsLedger)s, for a
//! caller that carries the messages between banks (a service, a queue, a `postMessage`).
//!
//! The driver is stateless: each step reads and changes one bank's ledger and returns what the
//! other bank needs next. Requests, messages and replies are plain objects in the core's JSON,
//! the wire format between banks (snake-case members, labels for accounts, bank codes as
//! strings), read and written by the core's serde: a member left out names itself
//! (`message.source_head`), and an unknown member, a bad bank code or account label, or minutes
//! that are not a whole number are the core's `MODEL_JSON` naming the path
//! (`request.to_bank`, `message.minutes`). Receipts and errors are the ledger's.
//!
//! The TypeScript declaration of the class is written by hand (below): its methods also take a
//! `PersistentLedger` (the package's `persistent-ledger.js` wraps them so that each step on a
//! stored bank is one IndexedDB transaction, resolving once stored), which the generated
//! declaration could not say.

// wasm-bindgen hands `JsValue` arguments over by value.
#![allow(clippy::needless_pass_by_value)]

use huzhu::error::ModelError;
use huzhu::ledger::{BankId, Clearing, TransferMessage, TransferReply, TransferRequest};
use serde::de::DeserializeOwned;
use serde_json::Value;
use wasm_bindgen::prelude::*;

use crate::convert::{datetime_from_js, label_from_js, text_arg, to_js, value_from_js};
use crate::error::{Failure, Fallible};
use crate::ledger::{JsLedger, meta, receipt};

#[wasm_bindgen(typescript_custom_section)]
const CLEARING_TS: &str = r#"
import type { PersistentLedger } from "../persistent-ledger.js";
/**
 * The clearing driver (通存通兑): moves minutes from a member of one time bank to a member of
 * another, in three steps each at one bank, and builds the message for the other side:
 * `Clearing.prepare` at the sending bank (a `TransferMessage` for the receiving bank),
 * `clearing.apply` (or `refuse`) at the receiving bank (a `TransferReply` for the sending bank),
 * `clearing.settle` at the sending bank (acknowledged, or cancelled and given back). Each bank is a
 * `Ledger` whose policy names its bank code (`{clearing: {bank: "pudong"}}`) and which has opened
 * the other bank's clearing account (`clearing#xuhui`).
 *
 * Stateless: every step may be repeated or reordered without a transfer applying twice, and
 * `Clearing.unsettled(ledger)` lists after a crash what to send again. The receiving side's and
 * the settling idempotency keys are derived from the transfer key (`applyKey`, `refuseKey`,
 * `acknowledgeKey`, `cancelKey`: `clearing:apply:<from_bank>:<transfer_key>`, …), so keys
 * starting with `clearing:` should not be used for other requests.
 *
 * Every method also takes a `PersistentLedger`: then each step runs in one IndexedDB
 * transaction like the bank's other operations and resolves once stored (a `Promise`); the
 * lookups stay synchronous.
 */
export class Clearing {
  free(): void;
  [Symbol.dispose](): void;
  /** A driver recording `operator` (the clearing service) on the operations it submits for the receiving side and for settling. */
  constructor(operator: string);
  /** The operator recorded. */
  readonly operator: string;
  /**
   * Step 1 at the sending bank: prepares `request` under the member's `meta` (its key is the sending side's
   * idempotency key) and returns the message for the receiving bank; the same request again returns the same
   * message. Errors: every rule of the `clearing_prepare` operation (floor, limits, a transfer key used
   * before, …); nothing changes.
   */
  static prepare(ledger: Ledger, meta: TxMetaInput, request: TransferRequest): TransferMessage;
  static prepare(ledger: PersistentLedger, meta: TxMetaInput, request: TransferRequest): Promise<TransferMessage>;
  /**
   * Step 2 at the receiving bank: applies the transfer, or refuses it for good when this bank's rules reject it
   * (the reason is the error's code, e.g. `LEDGER_CAP_BREACH`), and returns the reply; a transfer applied or
   * refused before is not submitted again (its recorded outcome is the reply). Errors: the message is for
   * another bank (`LEDGER_WRONG_BANK`), this ledger has no bank code, or `at` is before its latest change;
   * nothing changes.
   */
  apply(ledger: Ledger, message: TransferMessage, at: DateTimeInput): TransferReply;
  apply(ledger: PersistentLedger, message: TransferMessage, at: DateTimeInput): Promise<TransferReply>;
  /**
   * Refuses a transfer at the receiving bank for `reason` (`"timeout"`: the sending bank gave up waiting) unless
   * it was applied or refused before, and returns the reply: refused, or applied if it was applied first (then
   * the sending bank acknowledges it instead).
   */
  refuse(ledger: Ledger, message: TransferMessage, reason: string, at: DateTimeInput): TransferReply;
  refuse(ledger: PersistentLedger, message: TransferMessage, reason: string, at: DateTimeInput): Promise<TransferReply>;
  /**
   * Step 3 at the sending bank: acknowledges an applied transfer or cancels a refused one (the minutes go back
   * to the member); a transfer already settled the way the reply says returns the receipt of the transaction
   * that settled it. Errors: the reply is for another bank, contradicts how the transfer was settled
   * (`LEDGER_TRANSFER_SETTLED`), or `at` is before the ledger's latest change; nothing changes.
   */
  settle(ledger: Ledger, reply: TransferReply, at: DateTimeInput): Receipt;
  settle(ledger: PersistentLedger, reply: TransferReply, at: DateTimeInput): Promise<Receipt>;
  /** The message of a transfer prepared at this bank, rebuilt from its ledger (the one `prepare` returned); `undefined` if none. */
  static message(ledger: Ledger | PersistentLedger, transferKey: string): TransferMessage | undefined;
  /** The reply for a transfer from `fromBank` that this bank applied or refused, rebuilt from its ledger; `undefined` if neither. */
  static reply(ledger: Ledger | PersistentLedger, fromBank: BankCode, transferKey: string): TransferReply | undefined;
  /** The messages of every transfer prepared at this bank and not yet settled, in transfer-key order: what to send again after a crash. */
  static unsettled(ledger: Ledger | PersistentLedger): TransferMessage[];
  /** The idempotency key of the apply at the receiving bank: `clearing:apply:<fromBank>:<transferKey>`. */
  static applyKey(fromBank: BankCode, transferKey: string): string;
  /** The idempotency key of the refusal at the receiving bank: `clearing:refuse:<fromBank>:<transferKey>`. */
  static refuseKey(fromBank: BankCode, transferKey: string): string;
  /** The idempotency key of the acknowledgement at the sending bank: `clearing:ack:<transferKey>`. */
  static acknowledgeKey(transferKey: string): string;
  /** The idempotency key of the cancellation at the sending bank: `clearing:cancel:<transferKey>`. */
  static cancelKey(transferKey: string): string;
}
"#;

/// The members a request must carry.
const REQUEST: &[&str] = &[
    "transfer_key",
    "to_bank",
    "from_account",
    "to_account",
    "minutes",
];
/// The members a message must carry.
const MESSAGE: &[&str] = &[
    "transfer_key",
    "from_bank",
    "to_bank",
    "from_account",
    "to_account",
    "minutes",
    "source_head",
];
/// The members a reply must carry.
const REPLY: &[&str] = &[
    "transfer_key",
    "from_bank",
    "to_bank",
    "outcome",
    "dest_head",
];

/// A required member left out of the object at `path`: the core's JSON error (the same message
/// serde gives), naming the member (`message.source_head`) rather than the object alone.
fn missing_member(path: &str, name: &str) -> Failure {
    ModelError::Json {
        line: 0,
        column: 0,
        message: format!("missing field `{name}`"),
        path: format!("{path}.{name}"),
    }
    .into()
}

/// Checks that an object has every member of `required`. An array is refused (serde would
/// read a struct from one, by position: not the wire format); a value of another shape is left
/// to serde, which names it.
fn check_members(value: &Value, path: &str, required: &[&str]) -> Fallible<()> {
    match value {
        Value::Object(map) => match required.iter().find(|n| !map.contains_key(**n)) {
            Some(name) => Err(missing_member(path, name)),
            None => Ok(()),
        },
        Value::Array(_) => Err(ModelError::Json {
            line: 0,
            column: 0,
            message: "invalid type: sequence, expected an object".to_owned(),
            path: path.to_owned(),
        }
        .into()),
        _ => Ok(()),
    }
}

/// A wire value (a request, a message or a reply) from JS, read by the core's serde (which
/// refuses unknown members and bad values, naming their path) after `check` named any required
/// member left out.
fn wire<T: DeserializeOwned>(
    value: &JsValue,
    what: &str,
    check: impl FnOnce(&Value) -> Fallible<()>,
) -> Fallible<T> {
    let v = value_from_js(value, what)?;
    check(&v)?;
    Ok(huzhu::model::json::from_value(v, what)?)
}

fn request(value: &JsValue) -> Fallible<TransferRequest> {
    wire(value, "request", |v| check_members(v, "request", REQUEST))
}

fn message(value: &JsValue) -> Fallible<TransferMessage> {
    wire(value, "message", |v| check_members(v, "message", MESSAGE))
}

/// A reply. A member the outcome needs and lacks is named here (`reply.outcome.reason`), as
/// for the reply's own members; a member too many, or a reason on an applied outcome, is
/// refused by the core's reader.
fn reply(value: &JsValue) -> Fallible<TransferReply> {
    wire(value, "reply", |v| {
        check_members(v, "reply", REPLY)?;
        let Some(outcome) = v.get("outcome") else {
            return Ok(()); // serde names a missing outcome
        };
        check_members(outcome, "reply.outcome", &["state"])?;
        if outcome.get("state").and_then(Value::as_str) == Some("refused") {
            check_members(outcome, "reply.outcome", &["reason"])?;
        }
        Ok(())
    })
}

/// A bank code argument (`"pudong"`), read by the core.
fn bank(value: &JsValue, field: &str) -> Fallible<BankId> {
    label_from_js(value, field, "a bank code such as \"pudong\"")
}

/// An optional core value as JS: `undefined` for `None`.
fn to_js_or_undefined<T: serde::Serialize>(value: Option<T>) -> Fallible<JsValue> {
    match value {
        Some(v) => to_js(&v),
        None => Ok(JsValue::UNDEFINED),
    }
}

/// The clearing driver between time banks (通存通兑).
#[wasm_bindgen(js_name = Clearing, skip_typescript)]
pub struct JsClearing {
    inner: Clearing,
}

#[wasm_bindgen(js_class = Clearing)]
impl JsClearing {
    /// A driver recording `operator` (the clearing service) on the operations it submits for
    /// the receiving side and for settling.
    #[wasm_bindgen(constructor, skip_typescript)]
    pub fn new(operator: JsValue) -> Result<JsClearing, JsValue> {
        let operator = text_arg(&operator, "operator")?;
        Ok(Self {
            inner: Clearing::new(operator),
        })
    }

    /// The operator recorded.
    #[wasm_bindgen(getter, skip_typescript)]
    pub fn operator(&self) -> String {
        self.inner.operator().to_owned()
    }

    /// Step 1 at the sending bank: prepares `request` under the member's `meta` and returns the
    /// message for the receiving bank.
    #[wasm_bindgen(skip_typescript)]
    pub fn prepare(
        ledger: &mut JsLedger,
        #[wasm_bindgen(js_name = meta)] meta_: JsValue,
        #[wasm_bindgen(js_name = request)] request_: JsValue,
    ) -> Result<JsValue, JsValue> {
        let meta = meta(&meta_)?;
        let request = request(&request_)?;
        let m = Clearing::prepare(&mut ledger.inner, meta, &request).map_err(Failure::from)?;
        Ok(to_js(&m)?)
    }

    /// Step 2 at the receiving bank: applies the transfer (or refuses it when this bank's rules
    /// reject it) and returns the reply for the sending bank.
    #[wasm_bindgen(skip_typescript)]
    pub fn apply(
        &self,
        ledger: &mut JsLedger,
        #[wasm_bindgen(js_name = message)] message_: JsValue,
        at: JsValue,
    ) -> Result<JsValue, JsValue> {
        let message = message(&message_)?;
        let at = datetime_from_js(&at, "at")?;
        let r = self
            .inner
            .apply(&mut ledger.inner, &message, at)
            .map_err(Failure::from)?;
        Ok(to_js(&r)?)
    }

    /// Refuses a transfer at the receiving bank for `reason` unless it was applied or refused
    /// before, and returns the reply.
    #[wasm_bindgen(skip_typescript)]
    pub fn refuse(
        &self,
        ledger: &mut JsLedger,
        #[wasm_bindgen(js_name = message)] message_: JsValue,
        reason: JsValue,
        at: JsValue,
    ) -> Result<JsValue, JsValue> {
        let message = message(&message_)?;
        let reason = text_arg(&reason, "reason")?;
        let at = datetime_from_js(&at, "at")?;
        let r = self
            .inner
            .refuse(&mut ledger.inner, &message, &reason, at)
            .map_err(Failure::from)?;
        Ok(to_js(&r)?)
    }

    /// Step 3 at the sending bank: acknowledges an applied transfer or cancels a refused one,
    /// and returns the receipt.
    #[wasm_bindgen(skip_typescript)]
    pub fn settle(
        &self,
        ledger: &mut JsLedger,
        #[wasm_bindgen(js_name = reply)] reply_: JsValue,
        at: JsValue,
    ) -> Result<JsValue, JsValue> {
        let reply = reply(&reply_)?;
        let at = datetime_from_js(&at, "at")?;
        Ok(receipt(self.inner.settle(&mut ledger.inner, &reply, at))?.into())
    }

    /// The message of a transfer prepared at this bank, rebuilt from its ledger; `undefined`
    /// if none was.
    #[wasm_bindgen(skip_typescript)]
    pub fn message(
        ledger: &JsLedger,
        #[wasm_bindgen(js_name = transferKey)] transfer_key: JsValue,
    ) -> Result<JsValue, JsValue> {
        let transfer = text_arg(&transfer_key, "transferKey")?;
        let m = Clearing::message(&ledger.inner, &transfer).map_err(Failure::from)?;
        Ok(to_js_or_undefined(m)?)
    }

    /// The reply for a transfer from `fromBank` that this bank applied or refused, rebuilt
    /// from its ledger; `undefined` if it did neither.
    #[wasm_bindgen(skip_typescript)]
    pub fn reply(
        ledger: &JsLedger,
        #[wasm_bindgen(js_name = fromBank)] from_bank: JsValue,
        #[wasm_bindgen(js_name = transferKey)] transfer_key: JsValue,
    ) -> Result<JsValue, JsValue> {
        let from = bank(&from_bank, "fromBank")?;
        let transfer = text_arg(&transfer_key, "transferKey")?;
        let r = Clearing::reply(&ledger.inner, from, &transfer).map_err(Failure::from)?;
        Ok(to_js_or_undefined(r)?)
    }

    /// The messages of every transfer prepared at this bank and not yet settled, in
    /// transfer-key order.
    #[wasm_bindgen(skip_typescript)]
    pub fn unsettled(ledger: &JsLedger) -> Result<JsValue, JsValue> {
        let ms = Clearing::unsettled(&ledger.inner).map_err(Failure::from)?;
        Ok(to_js(&ms)?)
    }

    /// The idempotency key of the apply at the receiving bank.
    #[wasm_bindgen(js_name = applyKey, skip_typescript)]
    pub fn apply_key(
        #[wasm_bindgen(js_name = fromBank)] from_bank: JsValue,
        #[wasm_bindgen(js_name = transferKey)] transfer_key: JsValue,
    ) -> Result<String, JsValue> {
        let from = bank(&from_bank, "fromBank")?;
        Ok(Clearing::apply_key(
            from,
            &text_arg(&transfer_key, "transferKey")?,
        ))
    }

    /// The idempotency key of the refusal at the receiving bank.
    #[wasm_bindgen(js_name = refuseKey, skip_typescript)]
    pub fn refuse_key(
        #[wasm_bindgen(js_name = fromBank)] from_bank: JsValue,
        #[wasm_bindgen(js_name = transferKey)] transfer_key: JsValue,
    ) -> Result<String, JsValue> {
        let from = bank(&from_bank, "fromBank")?;
        Ok(Clearing::refuse_key(
            from,
            &text_arg(&transfer_key, "transferKey")?,
        ))
    }

    /// The idempotency key of the acknowledgement at the sending bank.
    #[wasm_bindgen(js_name = acknowledgeKey, skip_typescript)]
    pub fn acknowledge_key(
        #[wasm_bindgen(js_name = transferKey)] transfer_key: JsValue,
    ) -> Result<String, JsValue> {
        Ok(Clearing::acknowledge_key(&text_arg(
            &transfer_key,
            "transferKey",
        )?))
    }

    /// The idempotency key of the cancellation at the sending bank.
    #[wasm_bindgen(js_name = cancelKey, skip_typescript)]
    pub fn cancel_key(
        #[wasm_bindgen(js_name = transferKey)] transfer_key: JsValue,
    ) -> Result<String, JsValue> {
        Ok(Clearing::cancel_key(&text_arg(
            &transfer_key,
            "transferKey",
        )?))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_missing_member_is_named() {
        let m = json!({"transfer_key": "t1", "to_bank": "xuhui", "from_account": "volunteer#1",
                       "to_account": "resident#7"});
        let e = check_members(&m, "request", REQUEST).unwrap_err();
        assert_eq!(
            (e.code.as_str(), e.field.as_deref(), e.message.as_str()),
            (
                "MODEL_JSON",
                Some("request.minutes"),
                "JSON: missing field `minutes`"
            )
        );
        assert!(check_members(&json!(5), "request", REQUEST).is_ok());
        let e = check_members(&json!(["t1"]), "request", REQUEST).unwrap_err();
        assert_eq!(
            (e.code.as_str(), e.field.as_deref()),
            ("MODEL_JSON", Some("request"))
        );
        let mut full = m;
        full["minutes"] = json!(45);
        assert!(check_members(&full, "request", REQUEST).is_ok());
    }
}
