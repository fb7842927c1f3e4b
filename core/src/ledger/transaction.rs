//! Requests, postings and transactions: what callers ask for and what the ledger records.

use std::fmt;

use std::str::FromStr;

use chrono::NaiveDateTime;

use super::account::AccountId;
use super::clearing::BankId;
use super::error::LedgerError;
use super::points::{CatalogueItem, Unit};
use crate::model::NeedId;
use crate::model::text::ParseError;

/// Identifies a posted transaction: its position in the ledger, starting at 1.
///
/// Its label is `tx#4`, written by `Display` and in JSON (a string, so that JavaScript never
/// rounds a number above 2^53), read back by `FromStr` and from JSON; on input a bare number,
/// as text or (in JSON) as an integer, is read too.
///
/// ```
/// use huzhu::ledger::TxId;
/// assert_eq!(TxId(4).to_string(), "tx#4");
/// assert_eq!("tx#4".parse::<TxId>()?, TxId(4));
/// assert_eq!("4".parse::<TxId>()?, TxId(4)); // input only
/// assert!("tx#-4".parse::<TxId>().is_err());
/// # Ok::<(), huzhu::model::text::ParseError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TxId(pub u64);

impl fmt::Display for TxId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "tx#{}", self.0)
    }
}

impl FromStr for TxId {
    type Err = ParseError;

    fn from_str(text: &str) -> Result<Self, ParseError> {
        let t = text.trim();
        let digits = match t.rsplit_once(['#', ':', '/']) {
            Some((kind, n)) if kind.trim().eq_ignore_ascii_case("tx") => n.trim(),
            Some(_) => "",
            None => t,
        };
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ParseError::id("a transaction id", "tx#4", text));
        }
        digits
            .parse()
            .map(Self)
            .map_err(|_| ParseError::id("a transaction id", "tx#4", text))
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for TxId {
    /// Writes the label.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for TxId {
    /// Reads the label, a decimal string or a non-negative integer.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = TxId;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a transaction id such as \"tx#4\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<TxId, E> {
                v.parse().map_err(E::custom)
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<TxId, E> {
                Ok(TxId(v))
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// Who asks for a transaction, when, why, and under which client key.
///
/// The `key` makes the request idempotent: submitting the same key again with the same
/// operation, operator and memo returns the first result and changes nothing; with different
/// content it is an [`IdempotencyConflict`](LedgerError::IdempotencyConflict). The time `at` is
/// not compared, since a retry naturally happens later.
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::ledger::TxMeta;
///
/// let at = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap().and_hms_opt(9, 0, 0).unwrap();
/// let meta = TxMeta::new("visit-17", "desk:li", at).with_memo("home visit, 90 min");
/// assert_eq!(meta.memo, "home visit, 90 min");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct TxMeta {
    /// The client's idempotency key. Must not be empty.
    pub key: String,
    /// Who operated (a staff login, a device id, …). Must not be empty.
    pub operator: String,
    /// When, in community local time. Must not be earlier than the latest change to the ledger.
    #[cfg_attr(feature = "serde", serde(with = "crate::model::text::local"))]
    pub at: NaiveDateTime,
    /// Why: a free-text memo for the audit trail. May be empty (and left out of JSON).
    #[cfg_attr(feature = "serde", serde(default))]
    pub memo: String,
}

impl TxMeta {
    /// Metadata with an empty memo.
    pub fn new(key: impl Into<String>, operator: impl Into<String>, at: NaiveDateTime) -> Self {
        Self {
            key: key.into(),
            operator: operator.into(),
            at,
            memo: String::new(),
        }
    }

    /// Sets the memo.
    #[must_use]
    pub fn with_memo(mut self, memo: impl Into<String>) -> Self {
        self.memo = memo.into();
        self
    }

    pub(crate) fn validate(&self) -> Result<(), LedgerError> {
        if self.key.is_empty() {
            return Err(LedgerError::EmptyField { field: "key" });
        }
        if self.operator.is_empty() {
            return Err(LedgerError::EmptyText {
                key: self.key.clone(),
                field: "operator",
            });
        }
        Ok(())
    }
}

/// An operation on the ledger. Each becomes one transaction whose postings sum to zero.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "op", rename_all = "snake_case"))]
pub enum Operation {
    /// A member is credited for a completed service: fund → member. The part that would take
    /// the member above the cap goes to the donation pool instead. Needs
    /// [`reviewers_required`](super::LedgerPolicy::reviewers_required) approvals.
    Earn {
        /// The account credited.
        account: AccountId,
        /// The need the service answered.
        need: NeedId,
        /// Minutes of service.
        minutes: i64,
    },
    /// A member spends minutes on a service received: member → fund.
    Redeem {
        /// The account debited.
        account: AccountId,
        /// Minutes spent.
        minutes: i64,
        /// The need the service answered, if recorded.
        need: Option<NeedId>,
    },
    /// A member gives minutes to another member (family, per policy).
    Transfer {
        /// The account debited.
        from: AccountId,
        /// The account credited.
        to: AccountId,
        /// Minutes moved.
        minutes: i64,
    },
    /// A member donates minutes to the donation pool.
    Donate {
        /// The account debited.
        from: AccountId,
        /// Minutes donated.
        minutes: i64,
    },
    /// The fund grants the policy's starting grant to a member, once per account (a reversed
    /// grant is not given again).
    StartingGrant {
        /// The account credited.
        to: AccountId,
    },
    /// The donation pool grants up to `minutes_each` to each recipient: priority accounts
    /// first, then the others, each group in [`AccountId`] order, until the pool is empty.
    /// A recipient gets less when the pool runs low or its cap leaves less room; recipients
    /// listed twice are served once.
    PoolGrant {
        /// Candidate recipients.
        recipients: Vec<AccountId>,
        /// The most any one recipient receives.
        minutes_each: i64,
    },
    /// Several operations applied in order as one transaction: all or none. Batches may not
    /// contain batches, reversals or clearing operations.
    Batch {
        /// The operations, applied in order; each sees the balances left by the ones before.
        operations: Vec<Operation>,
    },
    /// A compensating transaction that negates every posting of an earlier one, in reverse
    /// order. Floors, caps and overflow are checked on the net change to each account. A
    /// transaction can be reversed once; reversals, listings and clearing operations (undone
    /// only by the clearing protocol's cancel) cannot be reversed.
    Reverse {
        /// The transaction to reverse.
        transaction: TxId,
    },
    /// A member earns points (积分) for taking part — an activity attended, a meeting, a
    /// suggestion adopted — under a rule code; no need is involved: fund → member, in
    /// [`Unit::Points`]. The part above the policy's
    /// [`points_daily_cap`](super::LedgerPolicy::points_daily_cap) (per calendar day of the
    /// posting time) or [`points_lifetime_cap`](super::LedgerPolicy::points_lifetime_cap) is
    /// trimmed (not issued); when nothing is left the earn is refused with
    /// [`PointsCapReached`](LedgerError::PointsCapReached). Never waits for reviewers.
    EarnPoints {
        /// The account credited.
        account: AccountId,
        /// The participation rule (`activity`, `meeting`, `suggestion_adopted`, …). Must not be
        /// empty.
        rule: String,
        /// Points asked for.
        points: i64,
    },
    /// A member buys `quantity` of a catalogue item: `price × quantity` points member → fund,
    /// and the stock (if limited) goes down. Refused, changing nothing, when the stock or the
    /// balance is short.
    Exchange {
        /// The account debited.
        account: AccountId,
        /// The item's code.
        item: String,
        /// How many, ≥ 1.
        quantity: u32,
    },
    /// Adds an item to the exchange catalogue. Posts nothing; cannot be reversed.
    ListItem {
        /// The item.
        item: CatalogueItem,
    },
    /// Adds `quantity` to the stock of a listed item with limited stock. Posts nothing.
    Restock {
        /// The item's code.
        item: String,
        /// How many, ≥ 1.
        quantity: u32,
    },
    /// Clearing, phase 1, at the sending bank (`from_bank`, this one): `minutes` leave the
    /// member `from` for this bank's clearing account for `to_bank`, to be credited to `to`
    /// there. Checked against the member's floor (a group account may only donate) and the
    /// [`ClearingPolicy`](super::ClearingPolicy) limits; `clearing#<to_bank>` must be open.
    /// See the [clearing module](super::clearing).
    ///
    /// ```
    /// use huzhu::ledger::{Operation, OperationKind};
    /// let op = Operation::from_json(r#"{"op": "clearing_prepare", "transfer": "t1",
    ///     "from_bank": "pudong", "to_bank": "xuhui", "from": "volunteer#1", "to": "resident#7",
    ///     "minutes": 90}"#)?;
    /// assert_eq!(op.kind(), OperationKind::ClearingPrepare);
    /// # Ok::<(), huzhu::ledger::LedgerError>(())
    /// ```
    ClearingPrepare {
        /// The transfer key, unique in the sending bank.
        transfer: String,
        /// The sending bank: this one.
        from_bank: BankId,
        /// The receiving bank.
        to_bank: BankId,
        /// The member debited here.
        from: AccountId,
        /// The member to credit in the receiving bank.
        to: AccountId,
        /// Minutes sent.
        minutes: i64,
    },
    /// Clearing, phase 2, at the receiving bank (`to_bank`, this one): `minutes` leave this
    /// bank's clearing account for `from_bank` for the member `to`, under the member's cap.
    /// Records the sending bank's journal head just after its prepare. A transfer key from one
    /// bank applies at most once, whatever the idempotency key
    /// ([`TransferAlreadyApplied`](LedgerError::TransferAlreadyApplied)), and never after a
    /// refusal ([`TransferRefused`](LedgerError::TransferRefused)).
    ClearingApply {
        /// The transfer key, unique in the sending bank.
        transfer: String,
        /// The sending bank.
        from_bank: BankId,
        /// The receiving bank: this one.
        to_bank: BankId,
        /// The member debited in the sending bank.
        from: AccountId,
        /// The member credited here.
        to: AccountId,
        /// Minutes received.
        minutes: i64,
        /// The sending bank's journal head just after its prepare (64 lowercase hex digits).
        source_head: String,
    },
    /// Clearing, phase 2 refused, at the receiving bank: records that the transfer will never
    /// be applied here (its rules refused it, or the sending bank gave up waiting), so the
    /// sending bank may cancel it, and the sending bank's head the message carried. Posts
    /// nothing; refused if the transfer was applied.
    ClearingRefuse {
        /// The transfer key, unique in the sending bank.
        transfer: String,
        /// The sending bank.
        from_bank: BankId,
        /// The receiving bank: this one.
        to_bank: BankId,
        /// The sending bank's journal head just after its prepare, as the message carried it.
        source_head: String,
        /// Why: an error code (`LEDGER_CAP_BREACH`), `timeout`, …. Must not be empty.
        reason: String,
    },
    /// Clearing, phase 3, at the sending bank: the receiving bank applied the transfer, which
    /// is now settled. Posts nothing; records the receiving bank's journal head just after its
    /// apply. At most once per transfer ([`TransferSettled`](LedgerError::TransferSettled)).
    ClearingAcknowledge {
        /// The transfer key.
        transfer: String,
        /// The sending bank: this one.
        from_bank: BankId,
        /// The receiving bank, as prepared.
        to_bank: BankId,
        /// The receiving bank's journal head just after its apply.
        dest_head: String,
    },
    /// Clearing, phase 3 undone, at the sending bank, on the receiving bank's refusal: the
    /// minutes go back from the clearing account to the member, whole, even above the member's
    /// cap (the member held them before). Records the receiving bank's journal head just after
    /// its refusal. At most once per transfer, and never after an acknowledgement.
    ClearingCancel {
        /// The transfer key.
        transfer: String,
        /// The sending bank: this one.
        from_bank: BankId,
        /// The receiving bank, as prepared.
        to_bank: BankId,
        /// The receiving bank's journal head just after its refusal.
        dest_head: String,
    },
}

impl Operation {
    /// What kind of operation this is.
    pub fn kind(&self) -> OperationKind {
        match self {
            Self::Earn { .. } => OperationKind::Earn,
            Self::Redeem { .. } => OperationKind::Redeem,
            Self::Transfer { .. } => OperationKind::Transfer,
            Self::Donate { .. } => OperationKind::Donate,
            Self::StartingGrant { .. } => OperationKind::StartingGrant,
            Self::PoolGrant { .. } => OperationKind::PoolGrant,
            Self::Batch { .. } => OperationKind::Batch,
            Self::Reverse { .. } => OperationKind::Reversal,
            Self::EarnPoints { .. } => OperationKind::EarnPoints,
            Self::Exchange { .. } => OperationKind::Exchange,
            Self::ListItem { .. } => OperationKind::ListItem,
            Self::Restock { .. } => OperationKind::Restock,
            Self::ClearingPrepare { .. } => OperationKind::ClearingPrepare,
            Self::ClearingApply { .. } => OperationKind::ClearingApply,
            Self::ClearingRefuse { .. } => OperationKind::ClearingRefuse,
            Self::ClearingAcknowledge { .. } => OperationKind::ClearingAcknowledge,
            Self::ClearingCancel { .. } => OperationKind::ClearingCancel,
        }
    }

    /// The unit the operation moves: minutes for the time-bank operations, points for
    /// [`EarnPoints`](Self::EarnPoints), [`Exchange`](Self::Exchange),
    /// [`ListItem`](Self::ListItem) and [`Restock`](Self::Restock); `None` for a batch or a
    /// reversal, which take the units of what they hold or undo.
    ///
    /// ```
    /// use huzhu::ledger::{Operation, Unit};
    /// let op = Operation::Restock { item: "haircut".into(), quantity: 3 };
    /// assert_eq!(op.unit(), Some(Unit::Points));
    /// ```
    pub fn unit(&self) -> Option<Unit> {
        self.kind().unit()
    }

    /// Reads an operation from JSON, naming the field at fault: an amount in the other unit
    /// (`"minutes"` in a points operation, `"points"` in a minutes one) is
    /// [`WrongUnit`](LedgerError::WrongUnit); anything else that does not read is
    /// [`InvalidOperation`](LedgerError::InvalidOperation). Batch items are checked too
    /// (`operations[1].minutes`).
    ///
    /// ```
    /// use huzhu::ledger::{Operation, Unit};
    /// let op = Operation::from_json(
    ///     r#"{"op": "earn_points", "account": "resident#1", "rule": "meeting", "points": 2}"#)?;
    /// assert_eq!(op.unit(), Some(Unit::Points));
    /// let e = Operation::from_json(
    ///     r#"{"op": "earn_points", "account": "resident#1", "rule": "meeting", "minutes": 2}"#)
    ///     .unwrap_err();
    /// assert_eq!((e.code(), e.field().as_deref()), ("LEDGER_WRONG_UNIT", Some("minutes")));
    /// let e = Operation::from_json(r#"{"op": "batch", "operations": [
    ///     {"op": "redeem", "account": "resident#1", "points": 20, "need": null}]}"#)
    ///     .unwrap_err();
    /// assert_eq!(e.field().as_deref(), Some("operations[0].points"));
    /// # Ok::<(), huzhu::ledger::LedgerError>(())
    /// ```
    #[cfg(feature = "serde")]
    pub fn from_json(text: &str) -> Result<Self, LedgerError> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| LedgerError::InvalidOperation {
                field: "operation".into(),
                reason: format!("cannot be read: {e}"),
            })?;
        Self::from_value(value)
    }

    /// As [`from_json`](Self::from_json), from an already parsed JSON value.
    #[cfg(feature = "serde")]
    pub fn from_value(value: serde_json::Value) -> Result<Self, LedgerError> {
        check_units(&value, "")?;
        crate::model::json::from_value(value, "").map_err(|e| match e {
            crate::error::ModelError::Json { message, path, .. } => LedgerError::InvalidOperation {
                field: crate::model::json::setting_or(&path, "operation"),
                reason: format!("cannot be read: {message}"),
            },
            other => LedgerError::InvalidOperation {
                field: "operation".into(),
                reason: other.to_string(),
            },
        })
    }
}

/// Finds an amount field of the other unit in an operation's JSON (and in a batch's items).
#[cfg(feature = "serde")]
fn check_units(value: &serde_json::Value, prefix: &str) -> Result<(), LedgerError> {
    use serde_json::Value;
    let Some(object) = value.as_object() else {
        return Ok(());
    };
    let op = object.get("op").and_then(Value::as_str).unwrap_or("");
    if op == "batch" {
        if let Some(items) = object.get("operations").and_then(Value::as_array) {
            for (i, item) in items.iter().enumerate() {
                check_units(item, &format!("{prefix}operations[{i}]."))?;
            }
        }
        return Ok(());
    }
    let unit = match op {
        "earn"
        | "redeem"
        | "transfer"
        | "donate"
        | "starting_grant"
        | "pool_grant"
        | "clearing_prepare"
        | "clearing_apply"
        | "clearing_refuse"
        | "clearing_acknowledge"
        | "clearing_cancel" => Unit::Minutes,
        "earn_points" | "exchange" | "list_item" | "restock" => Unit::Points,
        _ => return Ok(()),
    };
    let wrong: &[&str] = match unit {
        Unit::Minutes => &["points"],
        Unit::Points => &["minutes", "minutes_each"],
    };
    if let Some(name) = wrong.iter().find(|name| object.contains_key(**name)) {
        return Err(LedgerError::WrongUnit {
            field: format!("{prefix}{name}"),
            expected: unit,
            found: if unit == Unit::Minutes {
                Unit::Points
            } else {
                Unit::Minutes
            },
        });
    }
    Ok(())
}

impl Operation {
    /// Whether the operation contains an earn, and so waits for reviewers when the policy
    /// requires them.
    pub fn needs_review(&self) -> bool {
        match self {
            Self::Earn { .. } => true,
            Self::Batch { operations } => operations.iter().any(Self::needs_review),
            _ => false,
        }
    }
}

/// The kind of an [`Operation`], for statements and error messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum OperationKind {
    /// [`Operation::Earn`].
    Earn,
    /// [`Operation::Redeem`].
    Redeem,
    /// [`Operation::Transfer`].
    Transfer,
    /// [`Operation::Donate`].
    Donate,
    /// [`Operation::StartingGrant`].
    StartingGrant,
    /// [`Operation::PoolGrant`].
    PoolGrant,
    /// [`Operation::Batch`].
    Batch,
    /// [`Operation::Reverse`].
    Reversal,
    /// [`Operation::EarnPoints`].
    EarnPoints,
    /// [`Operation::Exchange`].
    Exchange,
    /// [`Operation::ListItem`].
    ListItem,
    /// [`Operation::Restock`].
    Restock,
    /// [`Operation::ClearingPrepare`].
    ClearingPrepare,
    /// [`Operation::ClearingApply`].
    ClearingApply,
    /// [`Operation::ClearingRefuse`].
    ClearingRefuse,
    /// [`Operation::ClearingAcknowledge`].
    ClearingAcknowledge,
    /// [`Operation::ClearingCancel`].
    ClearingCancel,
}

impl OperationKind {
    /// Whether this is one of the clearing operations between banks, which stand alone: never
    /// in a batch, never reversed.
    ///
    /// ```
    /// use huzhu::ledger::OperationKind;
    /// assert!(OperationKind::ClearingApply.is_clearing());
    /// assert!(!OperationKind::Transfer.is_clearing());
    /// ```
    pub fn is_clearing(self) -> bool {
        matches!(
            self,
            Self::ClearingPrepare
                | Self::ClearingApply
                | Self::ClearingRefuse
                | Self::ClearingAcknowledge
                | Self::ClearingCancel
        )
    }

    /// The unit operations of this kind move (`None` for a batch or a reversal).
    pub fn unit(self) -> Option<Unit> {
        match self {
            Self::Earn
            | Self::Redeem
            | Self::Transfer
            | Self::Donate
            | Self::StartingGrant
            | Self::PoolGrant
            | Self::ClearingPrepare
            | Self::ClearingApply
            | Self::ClearingRefuse
            | Self::ClearingAcknowledge
            | Self::ClearingCancel => Some(Unit::Minutes),
            Self::EarnPoints | Self::Exchange | Self::ListItem | Self::Restock => {
                Some(Unit::Points)
            }
            Self::Batch | Self::Reversal => None,
        }
    }
}

impl fmt::Display for OperationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Earn => "earn",
            Self::Redeem => "redeem",
            Self::Transfer => "transfer",
            Self::Donate => "donate",
            Self::StartingGrant => "starting_grant",
            Self::PoolGrant => "pool_grant",
            Self::Batch => "batch",
            Self::Reversal => "reversal",
            Self::EarnPoints => "earn_points",
            Self::Exchange => "exchange",
            Self::ListItem => "list_item",
            Self::Restock => "restock",
            Self::ClearingPrepare => "clearing_prepare",
            Self::ClearingApply => "clearing_apply",
            Self::ClearingRefuse => "clearing_refuse",
            Self::ClearingAcknowledge => "clearing_acknowledge",
            Self::ClearingCancel => "clearing_cancel",
        })
    }
}

/// One line of a transaction: an amount added to (positive) or taken from (negative) one
/// account's balance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Posting {
    /// The account.
    pub account: AccountId,
    /// Minutes, signed: positive credits the account.
    pub amount: i64,
    /// True for the credit to the donation pool of the part of an earn above the earner's cap.
    #[cfg_attr(feature = "serde", serde(default))]
    pub cap_excess: bool,
    /// The unit of `amount`. Left out of JSON for minutes, so postings written before points
    /// existed read and write exactly as they did; `"unit": "points"` otherwise.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Unit::is_minutes")
    )]
    pub unit: Unit,
}

impl Posting {
    pub(crate) fn new(account: AccountId, amount: i64, cap_excess: bool) -> Self {
        Self {
            account,
            amount,
            cap_excess,
            unit: Unit::Minutes,
        }
    }

    pub(crate) fn points(account: AccountId, amount: i64) -> Self {
        Self {
            account,
            amount,
            cap_excess: false,
            unit: Unit::Points,
        }
    }
}

/// A posted, immutable transaction: the request, its audit data and its postings, which sum
/// to zero.
///
/// In JSON (the same on every surface): `{"id": "tx#1", "key", "operator", "at", "memo",
/// "posted_at", "kind", "operation", "postings", "reviewers"}`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Transaction {
    /// Its id.
    pub id: TxId,
    /// Key, operator, submission time and memo of the request.
    pub meta: TxMeta,
    /// When it was posted: the submission time, or the final approval's time for a reviewed
    /// earn. Balances at a past time and statements use this time.
    pub posted_at: NaiveDateTime,
    /// What was asked.
    pub operation: Operation,
    /// What it did.
    pub postings: Vec<Posting>,
    /// The reviewers who approved it, in order (empty when no review was required).
    pub reviewers: Vec<String>,
}

impl Transaction {
    /// The signed change in minutes this transaction made to one account (0 when not
    /// involved).
    pub fn net_for(&self, account: AccountId) -> i64 {
        self.net_in(account, Unit::Minutes)
    }

    /// The signed change in `unit` this transaction made to one account.
    pub fn net_in(&self, account: AccountId, unit: Unit) -> i64 {
        self.postings
            .iter()
            .filter(|p| p.account == account && p.unit == unit)
            .fold(0i64, |sum, p| sum.saturating_add(p.amount))
    }
}

/// A submitted earn waiting for reviewers.
///
/// In JSON: `{"key", "operator", "at", "memo", "operation", "approvals"}`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PendingTransaction {
    /// The request's metadata.
    pub meta: TxMeta,
    /// What was asked.
    pub operation: Operation,
    /// Reviewers who approved so far, in order; all distinct.
    pub approvals: Vec<String>,
}

/// What a submission or approval achieved.
///
/// In JSON: `{"status": "posted", "transaction": "tx#7"}` or
/// `{"status": "pending", "approvals": 1, "required": 2}` — the same on every surface.
///
/// ```
/// use huzhu::ledger::{Receipt, TxId};
/// let json = serde_json::to_string(&Receipt::Posted(TxId(7)))?;
/// assert_eq!(json, r#"{"status":"posted","transaction":"tx#7"}"#);
/// assert_eq!(serde_json::from_str::<Receipt>(&json)?, Receipt::Posted(TxId(7)));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(into = "ReceiptJson", from = "ReceiptJson")
)]
pub enum Receipt {
    /// Posted as this transaction.
    Posted(TxId),
    /// Waiting for reviewers.
    Pending {
        /// Distinct approvals so far.
        approvals: u32,
        /// Approvals required.
        required: u32,
    },
}

impl Receipt {
    /// The posted transaction, if posted.
    pub fn tx(self) -> Option<TxId> {
        match self {
            Self::Posted(id) => Some(id),
            Self::Pending { .. } => None,
        }
    }
}

/// The JSON form of a [`Receipt`].
#[cfg(feature = "serde")]
#[derive(Clone, Copy, serde::Serialize, serde::Deserialize)]
#[serde(tag = "status", rename_all = "snake_case", deny_unknown_fields)]
enum ReceiptJson {
    Posted { transaction: TxId },
    Pending { approvals: u32, required: u32 },
}

#[cfg(feature = "serde")]
impl From<Receipt> for ReceiptJson {
    fn from(r: Receipt) -> Self {
        match r {
            Receipt::Posted(transaction) => Self::Posted { transaction },
            Receipt::Pending {
                approvals,
                required,
            } => Self::Pending {
                approvals,
                required,
            },
        }
    }
}

#[cfg(feature = "serde")]
impl From<ReceiptJson> for Receipt {
    fn from(r: ReceiptJson) -> Self {
        match r {
            ReceiptJson::Posted { transaction } => Self::Posted(transaction),
            ReceiptJson::Pending {
                approvals,
                required,
            } => Self::Pending {
                approvals,
                required,
            },
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Transaction {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut t = s.serialize_struct("Transaction", 10)?;
        t.serialize_field("id", &self.id)?;
        t.serialize_field("key", &self.meta.key)?;
        t.serialize_field("operator", &self.meta.operator)?;
        t.serialize_field(
            "at",
            &crate::model::text::format_local_datetime(self.meta.at),
        )?;
        t.serialize_field("memo", &self.meta.memo)?;
        t.serialize_field(
            "posted_at",
            &crate::model::text::format_local_datetime(self.posted_at),
        )?;
        t.serialize_field("kind", &self.operation.kind())?;
        t.serialize_field("operation", &self.operation)?;
        t.serialize_field("postings", &self.postings)?;
        t.serialize_field("reviewers", &self.reviewers)?;
        t.end()
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for PendingTransaction {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut t = s.serialize_struct("PendingTransaction", 6)?;
        t.serialize_field("key", &self.meta.key)?;
        t.serialize_field("operator", &self.meta.operator)?;
        t.serialize_field(
            "at",
            &crate::model::text::format_local_datetime(self.meta.at),
        )?;
        t.serialize_field("memo", &self.meta.memo)?;
        t.serialize_field("operation", &self.operation)?;
        t.serialize_field("approvals", &self.approvals)?;
        t.end()
    }
}
