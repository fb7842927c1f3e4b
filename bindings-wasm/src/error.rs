//! Errors as JavaScript `Error`s with a stable `code`, and the panic hook.
//!
//! Every failure is first a [`Failure`] (plain Rust, testable on the host), then a JS `Error`
//! named `HuzhuError` whose own properties say what went wrong and where: `code` (e.g.
//! `MODEL_INVALID_FIELD`, `LEDGER_FLOOR_BREACH`), and when known `record` (`"resident#3"`),
//! `field` (`"home.lat"`), `account`, `key`, `transaction` (a string), `line`, `index`, `cause`.
//! Codes are the core's error variant names in upper snake case, prefixed with the area.

use std::fmt::Debug;

use huzhu::error::ModelError;
use huzhu::ledger::{JournalError, LedgerError};
use huzhu::matching::MatchError;
use huzhu::scoring::ScoringError;
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

impl std::ops::DerefMut for Failure {
    fn deref_mut(&mut self) -> &mut Details {
        &mut self.0
    }
}

/// What a [`Failure`] says.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Details {
    /// Stable machine-readable code.
    pub code: String,
    /// Human-readable message (the core's `Display`).
    pub message: String,
    /// The record at fault, e.g. `need#4`.
    pub record: Option<String>,
    /// The field path at fault, e.g. `home.lat` or `needs[2].window`.
    pub field: Option<String>,
    /// A time-bank account label, e.g. `volunteer#1`.
    pub account: Option<String>,
    /// A ledger idempotency key.
    pub key: Option<String>,
    /// A ledger transaction id (decimal string: ids may exceed 2^53).
    pub transaction: Option<String>,
    /// A line number (journal, bmatch file, JSON text).
    pub line: Option<u32>,
    /// An index in a list argument (batch item, input record).
    pub index: Option<u32>,
    /// The code of the underlying failure, for wrapping errors (batch item, journal replay).
    pub cause: Option<String>,
}

/// Result of the binding's internal functions.
pub type Fallible<T> = Result<T, Failure>;

impl Failure {
    /// A failure with a code and message and nothing else.
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self(Box::new(Details {
            code: code.into(),
            message: message.into(),
            ..Details::default()
        }))
    }

    /// A bad date or time argument.
    pub fn date(field: &str, message: impl Into<String>) -> Self {
        let mut f = Self::new("INVALID_DATE", message);
        f.field = Some(field.to_owned());
        f
    }

    /// A bad argument: wrong shape, type or value of what JavaScript passed.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        let field = field.into();
        let mut f = Self::new("INVALID_ARGUMENT", format!("{field}: {}", message.into()));
        f.field = Some(field);
        f
    }

    /// Sets the field when it is not set yet.
    #[must_use]
    pub fn in_field(mut self, field: &str) -> Self {
        if self.field.is_none() {
            self.field = Some(field.to_owned());
        }
        self
    }
}

/// `InvalidField { .. }` → `INVALID_FIELD`: the variant name of a derived `Debug` output.
pub fn variant_code<E: Debug>(e: &E) -> String {
    let debug = format!("{e:?}");
    let name: String = debug
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    let mut out = String::with_capacity(name.len() + 4);
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_uppercase());
    }
    out
}

impl From<ModelError> for Failure {
    fn from(e: ModelError) -> Self {
        let mut f = Failure::new(format!("MODEL_{}", variant_code(&e)), e.to_string());
        f.record = e.record().map(ToString::to_string);
        f.field = e.field().map(ToOwned::to_owned);
        if let ModelError::Json { .. } = e {
            f.line = json_line(&f.message);
        }
        f
    }
}

/// Finds "line N" in a `serde_json` message.
fn json_line(message: &str) -> Option<u32> {
    let at = message.rfind("line ")?;
    message[at + 5..]
        .split(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()
}

impl From<MatchError> for Failure {
    fn from(e: MatchError) -> Self {
        let message = e.to_string();
        match e {
            MatchError::Model(m) => m.into(),
            MatchError::Problem(p) => Failure::new(format!("SOLVER_{}", variant_code(&p)), message),
            MatchError::Solve(s) => Failure::new(format!("SOLVER_{}", variant_code(&s)), message),
            MatchError::Gap(g) => Failure::new(format!("GAP_{}", variant_code(&g)), message),
            other => {
                let mut f = Failure::new(format!("MATCH_{}", variant_code(&other)), message);
                match other {
                    MatchError::UnknownNeed { need } => f.record = Some(need.to_string()),
                    MatchError::UnknownHelper { helper } => f.record = Some(helper.to_string()),
                    MatchError::NotACandidate { need, .. }
                    | MatchError::PinOverCapacity { need, .. } => {
                        f.record = Some(need.to_string());
                    }
                    MatchError::InvalidPolicy { .. } => {
                        f.record = Some("match policy".into());
                        f.field = Some("policy".into());
                    }
                    _ => {}
                }
                f
            }
        }
    }
}

impl From<JournalError> for Failure {
    fn from(e: JournalError) -> Self {
        use JournalError as J;
        let mut f = Failure::new(format!("JOURNAL_{}", variant_code(&e)), e.to_string());
        f.record = e.line().map(|l| format!("journal line {l}"));
        match e {
            J::Replay { line, source } => {
                f.line = Some(line as u32);
                f.cause = Some(Failure::from(*source).0.code);
            }
            J::Malformed { line, .. }
            | J::Sequence { line, .. }
            | J::BrokenChain { line }
            | J::HashMismatch { line }
            | J::MissingHeader { line }
            | J::UnsupportedFormat { line, .. }
            | J::UnexpectedHeader { line }
            | J::MissingSeal { line }
            | J::SealMismatch { line }
            | J::TrailingAfterSeal { line }
            | J::ReplayMismatch { line } => f.line = Some(line as u32),
            _ => {}
        }
        f
    }
}

impl From<LedgerError> for Failure {
    /// `record` is the transaction (`transaction 'k1'`), the account (for account queries) or
    /// `ledger policy`; `field` the part of the request at fault (`minutes`, `account`,
    /// `operations[1].minutes`, …); `key` and `account` are also given on their own.
    fn from(e: LedgerError) -> Self {
        use LedgerError as L;
        let message = e.to_string();
        if let L::Journal(j) = e {
            return j.into();
        }
        let mut f = Failure::new(format!("LEDGER_{}", variant_code(&e)), message);
        let tx = |key: &str| Some(format!("transaction '{key}'"));
        let field = |name: &str| Some(name.to_owned());
        match e {
            L::InvalidPolicy { field: name, .. } => {
                f.record = Some("ledger policy".into());
                f.field = field(name);
            }
            L::EmptyField { field: name } => f.field = field(name),
            L::DuplicateAccount { account } | L::AccountNotOpen { account } => {
                f.record = Some(account.to_string());
                f.field = field("account");
                f.account = Some(account.to_string());
            }
            L::UnknownAccount { key, account }
            | L::NotAMemberAccount { key, account }
            | L::SameAccount { key, account }
            | L::GroupHoursDonateOnly { key, account }
            | L::StartingGrantAlreadyGiven { key, account } => {
                f.record = tx(&key);
                f.field = field("account");
                f.key = Some(key);
                f.account = Some(account.to_string());
            }
            L::FloorBreach { key, account, .. }
            | L::CapBreach { key, account, .. }
            | L::Overflow { key, account } => {
                f.record = tx(&key);
                f.field = field("minutes");
                f.key = Some(key);
                f.account = Some(account.to_string());
            }
            L::NonPositiveAmount {
                key, field: name, ..
            }
            | L::NotAMultipleOfUnit {
                key, field: name, ..
            } => {
                f.record = tx(&key);
                f.field = field(name);
                f.key = Some(key);
            }
            L::TransferNotAllowed { key, from, .. } => {
                f.record = tx(&key);
                f.field = field("to");
                f.key = Some(key);
                f.account = Some(from.to_string());
            }
            L::NotAllowedInBatch { key, index, .. } => {
                f.record = tx(&key);
                f.field = Some(format!("operations[{index}]"));
                f.key = Some(key);
                f.index = Some(index as u32);
            }
            L::BatchItem { key, index, source } => {
                let inner = *Failure::from(*source).0;
                f.cause = Some(inner.code);
                f.account = inner.account;
                f.field = Some(match inner.field {
                    Some(name) => format!("operations[{index}].{name}"),
                    None => format!("operations[{index}]"),
                });
                f.record = tx(&key);
                f.key = Some(key);
                f.index = Some(index as u32);
            }
            L::UnknownTransaction { key, transaction }
            | L::AlreadyReversed {
                key, transaction, ..
            }
            | L::ReversalOfReversal { key, transaction } => {
                f.record = tx(&key);
                f.field = field("transaction");
                f.key = Some(key);
                f.transaction = Some(transaction.0.to_string());
            }
            L::IdempotencyConflict { key } | L::NotPending { key } => {
                f.record = tx(&key);
                f.field = field("key");
                f.key = Some(key);
            }
            L::TimeOutOfOrder { key, .. } => {
                f.record = tx(&key);
                f.field = field("at");
                f.key = Some(key);
            }
            L::SelfReview { key, .. } => {
                f.record = tx(&key);
                f.field = field("reviewer");
                f.key = Some(key);
            }
            L::EmptyBatch { key } => {
                f.record = tx(&key);
                f.field = field("operations");
                f.key = Some(key);
            }
            L::NothingToGrant { key } => {
                f.record = tx(&key);
                f.field = field("recipients");
                f.key = Some(key);
            }
            L::StartingGrantDisabled { key } => {
                f.record = tx(&key);
                f.key = Some(key);
            }
            _ => {}
        }
        f
    }
}

impl From<ScoringError> for Failure {
    fn from(e: ScoringError) -> Self {
        let message = e.to_string();
        match e {
            ScoringError::Model(m) => m.into(),
            other => {
                let mut f = Failure::new(format!("SCORING_{}", variant_code(&other)), message);
                f.field = other.field().map(ToOwned::to_owned);
                match &other {
                    ScoringError::InvalidField { record, .. }
                    | ScoringError::DuplicateId { record }
                    | ScoringError::UnknownReference { record, .. } => {
                        f.record = Some(record.to_string());
                    }
                    _ => {}
                }
                f
            }
        }
    }
}

impl From<Failure> for JsValue {
    fn from(f: Failure) -> Self {
        let error = js_sys::Error::new(&f.message);
        error.set_name("HuzhuError");
        let set = |name: &str, value: JsValue| {
            // Setting a property on a fresh Error object cannot fail.
            let _ = js_sys::Reflect::set(&error, &JsValue::from_str(name), &value);
        };
        set("code", JsValue::from_str(&f.code));
        let f = *f.0;
        let strings = [
            ("record", f.record),
            ("field", f.field),
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
