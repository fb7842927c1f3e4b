//! A pure driver of the clearing protocol: the operations and the messages between banks, for a
//! caller that carries the messages (a service, a queue). It holds no state of its own: what
//! it needs after a crash it reads back from the ledgers.

use std::collections::BTreeSet;

use chrono::NaiveDateTime;

use super::bank::BankId;
use super::{IncomingOutcome, IncomingTransfer, OutgoingTransfer, TransferStatus};
use crate::ledger::account::AccountId;
use crate::ledger::error::{JournalError, LedgerError};
use crate::ledger::journal_tail::JournalHead;
use crate::ledger::operations::Ledger;
use crate::ledger::transaction::{Operation, Receipt, TxMeta};

/// What a member asks of the sending bank: send `minutes` to `to_account` in `to_bank`.
///
/// ```
/// use huzhu::ledger::{AccountId, Operation, TransferRequest};
/// use huzhu::model::{ResidentId, VolunteerId};
/// let r = TransferRequest::new("t1", "xuhui".parse()?, AccountId::Volunteer(VolunteerId(1)),
///     AccountId::Resident(ResidentId(7)), 90);
/// let op = r.operation("pudong".parse()?);
/// assert!(matches!(op, Operation::ClearingPrepare { minutes: 90, .. }));
/// # Ok::<(), huzhu::model::text::ParseError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct TransferRequest {
    /// The transfer key: unique in the sending bank, it names the transfer on both sides.
    pub transfer_key: String,
    /// The receiving bank.
    pub to_bank: BankId,
    /// The member debited in the sending bank.
    pub from_account: AccountId,
    /// The member to credit in the receiving bank.
    pub to_account: AccountId,
    /// Minutes to send.
    pub minutes: i64,
}

impl TransferRequest {
    /// A request.
    pub fn new(
        transfer_key: impl Into<String>,
        to_bank: BankId,
        from_account: AccountId,
        to_account: AccountId,
        minutes: i64,
    ) -> Self {
        Self {
            transfer_key: transfer_key.into(),
            to_bank,
            from_account,
            to_account,
            minutes,
        }
    }

    /// The prepare operation at the sending bank `from_bank`.
    pub fn operation(&self, from_bank: BankId) -> Operation {
        Operation::ClearingPrepare {
            transfer: self.transfer_key.clone(),
            from_bank,
            to_bank: self.to_bank,
            from: self.from_account,
            to: self.to_account,
            minutes: self.minutes,
        }
    }
}

/// The message from the sending bank to the receiving bank once a transfer is prepared.
///
/// `source_head` is the sending journal's head just after the prepare's line, so the message
/// rebuilt from the ledger at any later time ([`Clearing::message`], [`Clearing::unsettled`])
/// is the same message.
///
/// In JSON: `{"transfer_key", "from_bank", "to_bank", "from_account", "to_account",
/// "minutes", "source_head"}`.
///
/// ```
/// use huzhu::ledger::{Operation, TransferMessage};
/// let m: TransferMessage = serde_json::from_str(r#"{"transfer_key": "t1", "from_bank": "pudong",
///     "to_bank": "xuhui", "from_account": "volunteer#1", "to_account": "resident#7",
///     "minutes": 90, "source_head": "9f2c"}"#)?;
/// assert!(matches!(m.apply_operation(), Operation::ClearingApply { minutes: 90, .. }));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct TransferMessage {
    /// The transfer key, unique in the sending bank.
    pub transfer_key: String,
    /// The sending bank.
    pub from_bank: BankId,
    /// The receiving bank.
    pub to_bank: BankId,
    /// The member debited in the sending bank.
    pub from_account: AccountId,
    /// The member to credit in the receiving bank.
    pub to_account: AccountId,
    /// Minutes sent.
    pub minutes: i64,
    /// The sending journal's head hash just after the prepare.
    pub source_head: String,
}

impl TransferMessage {
    fn from_record(from_bank: BankId, record: &OutgoingTransfer, head: JournalHead) -> Self {
        Self {
            transfer_key: record.transfer.clone(),
            from_bank,
            to_bank: record.to_bank,
            from_account: record.from,
            to_account: record.to,
            minutes: record.minutes,
            source_head: head.hash,
        }
    }

    /// The apply operation at the receiving bank.
    pub fn apply_operation(&self) -> Operation {
        Operation::ClearingApply {
            transfer: self.transfer_key.clone(),
            from_bank: self.from_bank,
            to_bank: self.to_bank,
            from: self.from_account,
            to: self.to_account,
            minutes: self.minutes,
            source_head: self.source_head.clone(),
        }
    }

    /// The refusal at the receiving bank, for `reason`.
    pub fn refuse_operation(&self, reason: &str) -> Operation {
        Operation::ClearingRefuse {
            transfer: self.transfer_key.clone(),
            from_bank: self.from_bank,
            to_bank: self.to_bank,
            source_head: self.source_head.clone(),
            reason: reason.to_owned(),
        }
    }
}

/// What the receiving bank did with a transfer.
///
/// In JSON: `{"state": "applied"}` or `{"state": "refused", "reason": "…"}`; any other member
/// is refused, a reason on an applied outcome too.
///
/// ```
/// use huzhu::ledger::TransferOutcome;
/// let refused: TransferOutcome = serde_json::from_str(r#"{"state": "refused", "reason": "timeout"}"#)?;
/// assert_eq!(refused, TransferOutcome::Refused { reason: "timeout".into() });
/// for bad in [r#"{"state": "applied", "minutes": 30}"#, r#"{"state": "applied", "reason": "x"}"#,
///             r#"{"state": "refused"}"#] {
///     assert!(serde_json::from_str::<TransferOutcome>(bad).is_err(), "{bad}");
/// }
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "state", rename_all = "snake_case", try_from = "OutcomeFields")]
pub enum TransferOutcome {
    /// Credited to the member.
    Applied,
    /// Refused, for good.
    Refused {
        /// Why: an error code (`LEDGER_CAP_BREACH`) or `timeout`.
        reason: String,
    },
}

/// A transfer outcome's members as written, checked as a whole: serde reads an internally
/// tagged enum from buffered content, where a unit variant takes any member without a word.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct OutcomeFields {
    state: OutcomeState,
    #[serde(default)]
    reason: Option<String>,
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "snake_case")]
enum OutcomeState {
    Applied,
    Refused,
}

impl TryFrom<OutcomeFields> for TransferOutcome {
    type Error = &'static str;

    fn try_from(fields: OutcomeFields) -> Result<Self, Self::Error> {
        match (fields.state, fields.reason) {
            (OutcomeState::Applied, None) => Ok(Self::Applied),
            (OutcomeState::Applied, Some(_)) => {
                Err("unknown field `reason` (an applied outcome has none)")
            }
            (OutcomeState::Refused, Some(reason)) => Ok(Self::Refused { reason }),
            (OutcomeState::Refused, None) => Err("missing field `reason`"),
        }
    }
}

/// The reply from the receiving bank to the sending bank: applied or refused, with the
/// receiving journal's head just after the line that did it.
///
/// In JSON: `{"transfer_key", "from_bank", "to_bank", "outcome", "dest_head"}`.
///
/// ```
/// use huzhu::ledger::{Operation, TransferOutcome, TransferReply};
/// let r: TransferReply = serde_json::from_str(r#"{"transfer_key": "t1", "from_bank": "pudong",
///     "to_bank": "xuhui", "outcome": {"state": "applied"}, "dest_head": "4be1"}"#)?;
/// assert_eq!(r.outcome, TransferOutcome::Applied);
/// assert!(matches!(r.settle_operation(), Operation::ClearingAcknowledge { .. }));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct TransferReply {
    /// The transfer key.
    pub transfer_key: String,
    /// The sending bank.
    pub from_bank: BankId,
    /// The receiving bank.
    pub to_bank: BankId,
    /// What the receiving bank did.
    pub outcome: TransferOutcome,
    /// The receiving journal's head hash just after the apply or the refusal.
    pub dest_head: String,
}

impl TransferReply {
    fn from_record(to_bank: BankId, record: &IncomingTransfer, head: JournalHead) -> Self {
        Self {
            transfer_key: record.transfer.clone(),
            from_bank: record.from_bank,
            to_bank,
            outcome: match &record.outcome {
                IncomingOutcome::Applied { .. } => TransferOutcome::Applied,
                IncomingOutcome::Refused { reason, .. } => TransferOutcome::Refused {
                    reason: reason.clone(),
                },
            },
            dest_head: head.hash,
        }
    }

    /// The operation that settles the transfer at the sending bank: an acknowledgement if it
    /// was applied, a cancellation if it was refused.
    pub fn settle_operation(&self) -> Operation {
        let (transfer, from_bank, to_bank, dest_head) = (
            self.transfer_key.clone(),
            self.from_bank,
            self.to_bank,
            self.dest_head.clone(),
        );
        match self.outcome {
            TransferOutcome::Applied => Operation::ClearingAcknowledge {
                transfer,
                from_bank,
                to_bank,
                dest_head,
            },
            TransferOutcome::Refused { .. } => Operation::ClearingCancel {
                transfer,
                from_bank,
                to_bank,
                dest_head,
            },
        }
    }
}

/// Drives clearing between banks over their ledgers: builds each side's operation, submits it,
/// and returns the message for the other side. Stateless: after a crash,
/// [`unsettled`](Self::unsettled) lists from a sending bank's ledger every transfer to send
/// again, and every step may be repeated or reordered without a transfer applying twice.
///
/// Idempotency keys on the receiving side and for settling are derived from the transfer key
/// (`clearing:apply:<from_bank>:<transfer>`, `clearing:refuse:<from_bank>:<transfer>`,
/// `clearing:ack:<transfer>`, `clearing:cancel:<transfer>`), so a caller should not use keys
/// starting with `clearing:` for other requests. The operator recorded is the one given to
/// [`new`](Self::new); a cancel's memo is the refusal's reason.
///
/// The heads a message or a reply carries are recomputed from the ledger (which keeps no
/// hashes): building one hashes the journal up to the line concerned, so its cost grows with
/// the journal ([`unsettled`](Self::unsettled) reads it once for all its messages).
///
/// A receiving bank refuses (records [`Operation::ClearingRefuse`] and replies
/// [`TransferOutcome::Refused`]) when its rules reject the transfer: the member is not open or
/// not a member, the cap would be exceeded, the amount is not a multiple of its unit, or it does
/// not clear with the sending bank. A message sent to the wrong bank, to a ledger without a bank
/// code, or at a time before the ledger's latest change is an error and records nothing.
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::ledger::{
///     Account, AccountId, BankId, Clearing, ClearingPolicy, Ledger, LedgerPolicy,
///     TransferOutcome, TransferRequest, TxMeta,
/// };
/// use huzhu::model::{NeedId, ResidentId, VolunteerId};
///
/// let at = |h| NaiveDate::from_ymd_opt(2026, 3, 2).unwrap().and_hms_opt(h, 0, 0).unwrap();
/// let (a, b): (BankId, BankId) = ("pudong".parse()?, "xuhui".parse()?);
/// let mut pudong = Ledger::new(LedgerPolicy::default().with_clearing(ClearingPolicy::for_bank(a)))?;
/// let mut xuhui = Ledger::new(LedgerPolicy::default().with_clearing(ClearingPolicy::for_bank(b)))?;
/// pudong.open_account(Account::new(AccountId::Clearing(b)))?;
/// xuhui.open_account(Account::new(AccountId::Clearing(a)))?;
/// let v = AccountId::Volunteer(VolunteerId(1));
/// pudong.open_account(Account::new(v))?;
/// pudong.earn(TxMeta::new("e1", "desk", at(9)), v, NeedId(1), 60)?;
///
/// // Resident 9 has no account in Xuhui: Xuhui refuses, Pudong gives the minutes back.
/// let clearing = Clearing::new("clearing:city");
/// let request = TransferRequest::new("t1", b, v, AccountId::Resident(ResidentId(9)), 45);
/// let message = Clearing::prepare(&mut pudong, TxMeta::new("send-1", "desk", at(10)), &request)?;
/// assert_eq!(pudong.balance(v)?, 15);
/// let reply = clearing.apply(&mut xuhui, &message, at(11))?;
/// assert_eq!(reply.outcome, TransferOutcome::Refused { reason: "LEDGER_UNKNOWN_ACCOUNT".into() });
/// clearing.settle(&mut pudong, &reply, at(12))?;
/// assert_eq!(pudong.balance(v)?, 60);
/// // The message arriving again changes nothing: the transfer was refused for good.
/// assert_eq!(clearing.apply(&mut xuhui, &message, at(13))?, reply);
/// assert!(Clearing::unsettled(&pudong)?.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clearing {
    operator: String,
}

impl Clearing {
    /// A driver recording `operator` (the clearing service) on the operations it submits for
    /// the receiving side and for settling.
    pub fn new(operator: impl Into<String>) -> Self {
        Self {
            operator: operator.into(),
        }
    }

    /// The operator recorded.
    pub fn operator(&self) -> &str {
        &self.operator
    }

    /// The idempotency key of the apply at the receiving bank.
    ///
    /// ```
    /// use huzhu::ledger::Clearing;
    /// assert_eq!(Clearing::apply_key("pudong".parse()?, "t1"), "clearing:apply:pudong:t1");
    /// # Ok::<(), huzhu::model::text::ParseError>(())
    /// ```
    pub fn apply_key(from_bank: BankId, transfer: &str) -> String {
        format!("clearing:apply:{from_bank}:{transfer}")
    }

    /// The idempotency key of the refusal at the receiving bank.
    pub fn refuse_key(from_bank: BankId, transfer: &str) -> String {
        format!("clearing:refuse:{from_bank}:{transfer}")
    }

    /// The idempotency key of the acknowledgement at the sending bank.
    pub fn acknowledge_key(transfer: &str) -> String {
        format!("clearing:ack:{transfer}")
    }

    /// The idempotency key of the cancellation at the sending bank.
    pub fn cancel_key(transfer: &str) -> String {
        format!("clearing:cancel:{transfer}")
    }

    /// Phase 1: prepares `request` at the sending bank under the member's request `meta` (its
    /// idempotency key is the sending side's) and returns the message for the receiving bank.
    /// Submitting the same request again returns the same message.
    ///
    /// Errors: every rule of [`Operation::ClearingPrepare`] (floor, limits, a transfer key
    /// used before, …); nothing changes.
    pub fn prepare(
        source: &mut Ledger,
        meta: TxMeta,
        request: &TransferRequest,
    ) -> Result<TransferMessage, LedgerError> {
        let own = own_bank(source, &meta.key)?;
        let key = meta.key.clone();
        source.submit(meta, request.operation(own))?;
        Self::message(source, &request.transfer_key)?.ok_or_else(|| missing(&key))
    }

    /// Phase 2 at the receiving bank: applies the transfer, or refuses it for good when this
    /// bank's rules reject it, and returns the reply for the sending bank. A transfer applied
    /// or refused before is not submitted again: its recorded outcome is the reply.
    ///
    /// Errors: the message names another bank ([`WrongBank`](LedgerError::WrongBank)), this
    /// ledger has no bank code, or `at` is before its latest change; nothing changes.
    pub fn apply(
        &self,
        dest: &mut Ledger,
        message: &TransferMessage,
        at: NaiveDateTime,
    ) -> Result<TransferReply, LedgerError> {
        let key = Self::apply_key(message.from_bank, &message.transfer_key);
        addressed_to(dest, &key, message.to_bank)?;
        if let Some(reply) = Self::reply(dest, message.from_bank, &message.transfer_key)? {
            return Ok(reply);
        }
        let meta = TxMeta::new(key.clone(), self.operator.clone(), at);
        match dest.submit(meta, message.apply_operation()) {
            Ok(_) => {}
            Err(e) if refuses(&e) => return self.refuse(dest, message, e.code(), at),
            Err(e) => return Err(e),
        }
        Self::reply(dest, message.from_bank, &message.transfer_key)?.ok_or_else(|| missing(&key))
    }

    /// Refuses a transfer at the receiving bank for `reason` (`timeout`: the sending bank gave
    /// up waiting) unless it was applied or refused before, and returns the reply: `Refused`,
    /// or `Applied` if it was applied first (then the sending bank acknowledges it instead).
    pub fn refuse(
        &self,
        dest: &mut Ledger,
        message: &TransferMessage,
        reason: &str,
        at: NaiveDateTime,
    ) -> Result<TransferReply, LedgerError> {
        let key = Self::refuse_key(message.from_bank, &message.transfer_key);
        addressed_to(dest, &key, message.to_bank)?;
        if let Some(reply) = Self::reply(dest, message.from_bank, &message.transfer_key)? {
            return Ok(reply);
        }
        let meta = TxMeta::new(key.clone(), self.operator.clone(), at);
        dest.submit(meta, message.refuse_operation(reason))?;
        Self::reply(dest, message.from_bank, &message.transfer_key)?.ok_or_else(|| missing(&key))
    }

    /// Phase 3 at the sending bank: acknowledges an applied transfer or cancels a refused one
    /// (the minutes go back to the member). A transfer already settled the way the reply says
    /// returns the receipt of the transaction that settled it.
    ///
    /// Errors: the reply names another bank, or contradicts how the transfer was settled
    /// ([`TransferSettled`](LedgerError::TransferSettled)), or `at` is before the ledger's
    /// latest change; nothing changes.
    pub fn settle(
        &self,
        source: &mut Ledger,
        reply: &TransferReply,
        at: NaiveDateTime,
    ) -> Result<Receipt, LedgerError> {
        let (key, memo) = match &reply.outcome {
            TransferOutcome::Applied => (Self::acknowledge_key(&reply.transfer_key), ""),
            TransferOutcome::Refused { reason } => {
                (Self::cancel_key(&reply.transfer_key), reason.as_str())
            }
        };
        let own = own_bank(source, &key)?;
        if own == reply.from_bank
            && let Some(record) = source.outgoing_transfer(&reply.transfer_key)
        {
            match (&record.status, &reply.outcome) {
                (TransferStatus::Acknowledged { tx, .. }, TransferOutcome::Applied)
                | (TransferStatus::Cancelled { tx, .. }, TransferOutcome::Refused { .. }) => {
                    return Ok(Receipt::Posted(*tx));
                }
                _ => {}
            }
        }
        let meta = TxMeta::new(key, self.operator.clone(), at).with_memo(memo);
        source.submit(meta, reply.settle_operation())
    }

    /// The message for a transfer prepared at `source`, rebuilt from its ledger (the same
    /// message [`prepare`](Self::prepare) returned), or `None` if no such transfer was
    /// prepared there.
    pub fn message(
        source: &Ledger,
        transfer: &str,
    ) -> Result<Option<TransferMessage>, LedgerError> {
        let (Some(own), Some(record)) = (
            source.policy().clearing().bank(),
            source.outgoing_transfer(transfer),
        ) else {
            return Ok(None);
        };
        let head = source
            .journal_head_after(record.prepared)?
            .ok_or_else(|| missing(transfer))?;
        Ok(Some(TransferMessage::from_record(own, record, head)))
    }

    /// The reply for a transfer from `from_bank` that `dest` applied or refused, rebuilt from
    /// its ledger, or `None` if it did neither.
    pub fn reply(
        dest: &Ledger,
        from_bank: BankId,
        transfer: &str,
    ) -> Result<Option<TransferReply>, LedgerError> {
        let (Some(own), Some(record)) = (
            dest.policy().clearing().bank(),
            dest.incoming_transfer(from_bank, transfer),
        ) else {
            return Ok(None);
        };
        let head = dest
            .journal_head_after(record.tx)?
            .ok_or_else(|| missing(transfer))?;
        Ok(Some(TransferReply::from_record(own, record, head)))
    }

    /// The messages of every transfer prepared at `source` and neither acknowledged nor
    /// cancelled, in transfer-key order: what a coordinator that lost its state sends again.
    /// Reads the journal once.
    ///
    /// ```
    /// use huzhu::ledger::{Clearing, Ledger, LedgerPolicy};
    /// assert!(Clearing::unsettled(&Ledger::new(LedgerPolicy::default())?)?.is_empty());
    /// # Ok::<(), huzhu::ledger::LedgerError>(())
    /// ```
    pub fn unsettled(source: &Ledger) -> Result<Vec<TransferMessage>, LedgerError> {
        let Some(own) = source.policy().clearing().bank() else {
            return Ok(Vec::new());
        };
        let open: Vec<&OutgoingTransfer> = source.unsettled_transfers().collect();
        let txs: BTreeSet<_> = open.iter().map(|t| t.prepared).collect();
        let mut heads = source.journal_heads_after(&txs)?;
        open.into_iter()
            .map(|record| {
                let head = heads
                    .remove(&record.prepared)
                    .ok_or_else(|| missing(&record.transfer))?;
                Ok(TransferMessage::from_record(own, record, head))
            })
            .collect()
    }
}

/// This ledger's bank code, or [`ClearingDisabled`](LedgerError::ClearingDisabled).
fn own_bank(ledger: &Ledger, key: &str) -> Result<BankId, LedgerError> {
    ledger
        .policy()
        .clearing()
        .bank()
        .ok_or_else(|| LedgerError::ClearingDisabled {
            key: key.to_owned(),
        })
}

/// Checks that a message for `to_bank` reached that bank.
fn addressed_to(ledger: &Ledger, key: &str, to_bank: BankId) -> Result<(), LedgerError> {
    let own = own_bank(ledger, key)?;
    if own == to_bank {
        Ok(())
    } else {
        Err(LedgerError::WrongBank {
            key: key.to_owned(),
            field: "to_bank",
            expected: own,
            found: to_bank,
        })
    }
}

/// Whether a receiving bank's error means its rules reject the transfer (so it refuses it for
/// good), as opposed to a message that should not have reached it or a caller's mistake.
fn refuses(error: &LedgerError) -> bool {
    matches!(
        error,
        LedgerError::UnknownAccount { .. }
            | LedgerError::NotAMemberAccount { .. }
            | LedgerError::CapBreach { .. }
            | LedgerError::Overflow { .. }
            | LedgerError::NonPositiveAmount { .. }
            | LedgerError::NotAMultipleOfUnit { .. }
    )
}

/// A record the ledger holds but whose journal line cannot be found: never expected.
fn missing(what: &str) -> LedgerError {
    JournalError::Encode {
        reason: format!("no journal line records '{what}'"),
    }
    .into()
}
