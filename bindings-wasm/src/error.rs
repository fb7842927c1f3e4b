//! Errors as JavaScript `Error`s with a stable `code`, and the panic hook.
//!
//! Every failure is first a [`Failure`] (plain Rust, testable on the host), then a JS `Error`
//! named `HuzhuError` whose own properties are the facts the core's [`huzhu::error::Error`]
//! exposes: `code` (e.g. `MODEL_INVALID_FIELD`, `LEDGER_FLOOR_BREACH`), and when it names them
//! `record` (`"resident#3"`), `field` (`"home.lat"`), `setting`, `account` (a label such as
//! `"organisation#2"`), `key`, `transaction` (a label such as `"tx#7"`), `line`, `index` (numbers)
//! and `cause` (the wrapped error's code). Nothing here reads a message: the facts are copied.
//! The binding's own errors are `INVALID_ARGUMENT` (a JS value of the wrong type, a number that
//! is not whole), `INTERNAL_ENCODE` and `INTERNAL_PANIC` (bugs).

use huzhu::error::Error;
use wasm_bindgen::JsValue;

/// A failure on its way to JavaScript (boxed: it travels through every `Result`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Failure(Box<Details>);

impl std::ops::Deref for Failure {
    type Target = Details;
    fn deref(&self) -> &Details {
        &self.0
    }
}

/// What a [`Failure`] says: the core error's facts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Details {
    /// Stable machine-readable code.
    pub code: String,
    /// Human-readable message (the core's `Display`).
    pub message: String,
    /// The record at fault, e.g. `need#4`, `transaction 'k1'`, `match policy`.
    pub record: Option<String>,
    /// The field, argument or JSON path at fault, e.g. `home.lat` or `needs[2].window`.
    pub field: Option<String>,
    /// The policy setting at fault, e.g. `unit`.
    pub setting: Option<String>,
    /// A time-bank account label, e.g. `volunteer#1`.
    pub account: Option<String>,
    /// A ledger idempotency key.
    pub key: Option<String>,
    /// A ledger transaction label, e.g. `tx#7`.
    pub transaction: Option<String>,
    /// A line number (journal, bmatch file, JSON text).
    pub line: Option<u32>,
    /// An index in a list (batch item, solver index).
    pub index: Option<u32>,
    /// The code of the underlying failure, for wrapping errors (batch item, journal replay).
    pub cause: Option<String>,
}

/// Result of the binding's internal functions.
pub type Fallible<T> = Result<T, Failure>;

impl Failure {
    /// A bad argument: a JavaScript value of the wrong type or shape, or a number that is not
    /// whole (code `INVALID_ARGUMENT`, the argument in `field`).
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        let field = field.into();
        Self(Box::new(Details {
            code: "INVALID_ARGUMENT".into(),
            message: format!("{field}: {}", message.into()),
            field: Some(field),
            ..Details::default()
        }))
    }
}

impl Failure {
    /// A result the binding could not hand over (code `INTERNAL_ENCODE`): a bug.
    pub fn internal(message: impl Into<String>) -> Self {
        Self(Box::new(Details {
            code: "INTERNAL_ENCODE".into(),
            message: message.into(),
            ..Details::default()
        }))
    }
}

impl From<Error> for Failure {
    /// Copies the core error's facts.
    fn from(e: Error) -> Self {
        let number = |n: Option<usize>| n.and_then(|n| u32::try_from(n).ok());
        let f = e.facts();
        Self(Box::new(Details {
            code: f.code.to_owned(),
            message: f.message,
            record: f.record,
            field: f.field,
            setting: f.setting,
            account: f.account,
            key: f.key,
            transaction: f.transaction,
            line: number(f.line),
            index: number(f.index),
            cause: f.cause.map(str::to_owned),
        }))
    }
}

/// `From` every area's error, through [`huzhu::error::Error`].
macro_rules! through_core_error {
    ($($error:ty),* $(,)?) => {
        $(
            impl From<$error> for Failure {
                fn from(e: $error) -> Self {
                    Error::from(e).into()
                }
            }
        )*
    };
}

through_core_error!(
    huzhu::error::ParseError,
    huzhu::error::ModelError,
    huzhu::matching::MatchError,
    huzhu::ledger::LedgerError,
    huzhu::ledger::JournalError,
    huzhu::scoring::ScoringError,
    huzhu::formats::hsds::HsdsError,
    huzhu::matching::solver::text::FormatError,
    huzhu::matching::solver::VerifyError,
    huzhu::matching::solver::ProblemError,
    huzhu::matching::solver::SolveError,
    huzhu::routing::RoundsError,
);

impl From<Failure> for JsValue {
    fn from(f: Failure) -> Self {
        let error = js_sys::Error::new(&f.message);
        error.set_name("HuzhuError");
        let set = |name: &str, value: JsValue| {
            // Setting a property on a fresh Error object cannot fail.
            let _ = js_sys::Reflect::set(&error, &JsValue::from_str(name), &value);
        };
        let f = *f.0;
        set("code", JsValue::from_str(&f.code));
        let strings = [
            ("record", f.record),
            ("field", f.field),
            ("setting", f.setting),
            ("account", f.account),
            ("key", f.key),
            ("transaction", f.transaction),
            ("cause", f.cause),
        ];
        for (name, value) in strings {
            if let Some(v) = value {
                set(name, JsValue::from_str(&v));
            }
        }
        for (name, value) in [("line", f.line), ("index", f.index)] {
            if let Some(v) = value {
                set(name, JsValue::from(v));
            }
        }
        error.into()
    }
}

/// The global property the panic hook writes the panic message to.
pub const PANIC_GLOBAL: &str = "__huzhuLastPanic";

/// Installs the panic hook: the message goes to `console.error` (with a stack) and to
/// `globalThis.__huzhuLastPanic`, so the package's JS wrapper can turn the trap that follows
/// into a `HuzhuError` with code `INTERNAL_PANIC` instead of a bare `unreachable`, without
/// calling into the trapped module again.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let text = info.to_string();
        let _ = js_sys::Reflect::set(
            &js_sys::global(),
            &JsValue::from_str(PANIC_GLOBAL),
            &JsValue::from_str(&text),
        );
        console_error_panic_hook::hook(info);
    }));
}

#[cfg(test)]
mod tests {
    use huzhu::ledger::{
        Account, AccountId, Ledger, LedgerError, LedgerPolicy, Operation, TxId, TxMeta,
    };
    use huzhu::model::text::parse_local_datetime;
    use huzhu::model::{NeedId, ProviderId, VolunteerId};

    use super::*;

    #[test]
    fn facts_are_copied_from_the_core() {
        let e = Failure::from(LedgerPolicy::from_json(r#"{"unit": 0}"#).unwrap_err());
        assert_eq!(e.code, "LEDGER_INVALID_POLICY");
        assert_eq!(
            (e.record.as_deref(), e.setting.as_deref()),
            (Some("ledger policy"), Some("unit"))
        );
        let e = Failure::from(
            "volunteer#x"
                .parse::<AccountId>()
                .unwrap_err()
                .in_field("account"),
        );
        assert_eq!(
            (e.code.as_str(), e.field.as_deref()),
            ("INVALID_ID", Some("account"))
        );
    }

    #[test]
    fn ledger_errors_name_accounts_and_transactions_by_label() {
        let mut l = Ledger::new(LedgerPolicy::default()).unwrap();
        let org = AccountId::Organisation(ProviderId(2));
        let v = AccountId::Volunteer(VolunteerId(1));
        l.open_account(Account::new(v)).unwrap();
        l.open_account(Account::new(org)).unwrap();
        let at = parse_local_datetime("2026-11-24T10:00").unwrap();
        let e: Failure = l
            .redeem(TxMeta::new("k1", "desk", at), org, 5, None)
            .unwrap_err()
            .into();
        assert_eq!(e.code, "LEDGER_FLOOR_BREACH");
        assert_eq!(
            (e.key.as_deref(), e.account.as_deref()),
            (Some("k1"), Some("organisation#2"))
        );
        let op = Operation::Reverse {
            transaction: TxId(7),
        };
        let e: Failure = l
            .submit(TxMeta::new("k2", "desk", at), op)
            .unwrap_err()
            .into();
        assert_eq!(e.code, "LEDGER_UNKNOWN_TRANSACTION");
        assert_eq!(e.transaction.as_deref(), Some("tx#7"));
        let batch = Operation::Batch {
            operations: vec![
                Operation::Earn {
                    account: v,
                    need: NeedId(1),
                    minutes: 10,
                },
                Operation::Redeem {
                    account: v,
                    minutes: 500,
                    need: None,
                },
            ],
        };
        let e: Failure = l
            .submit(TxMeta::new("k3", "desk", at), batch)
            .unwrap_err()
            .into();
        assert_eq!(
            (e.code.as_str(), e.index, e.cause.as_deref()),
            ("LEDGER_BATCH_ITEM", Some(1), Some("LEDGER_FLOOR_BREACH"))
        );
        assert!(matches!(
            l.submit(
                TxMeta::new("", "desk", at),
                Operation::StartingGrant { to: v }
            ),
            Err(LedgerError::EmptyField { .. })
        ));
    }

    #[test]
    fn journal_lines_are_numbers() {
        let e = Failure::from(Ledger::import_journal("not a journal").unwrap_err());
        assert_eq!(
            (e.code.as_str(), e.line, e.record.as_deref()),
            ("JOURNAL_MALFORMED", Some(1), Some("journal line 1"))
        );
    }
}
