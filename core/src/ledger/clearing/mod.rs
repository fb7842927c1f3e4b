//! Clearing between banks (通存通兑): minutes earned in one district's bank spent in another.
//!
//! Each bank is one [`Ledger`] with a code ([`BankId`], set in its policy's
//! [`ClearingPolicy`]) and one clearing account per bank it clears with
//! ([`AccountId::Clearing`], `clearing#<code>`, opened like any account: a bank clears only
//! with the banks whose clearing account it has opened). A transfer from a member of bank A to
//! a member of bank B is a protocol over the two ledgers' own operations, so each journal
//! records its half and replays:
//!
//! 1. **Prepare** at A ([`Operation::ClearingPrepare`]): the member → A's `clearing#b`, under
//!    the member's floor and the policy's daily and lifetime limits. The transfer key (unique in
//!    A) identifies the transfer from now on.
//! 2. **Apply** at B ([`Operation::ClearingApply`]): B's `clearing#a` → the member, under the
//!    member's cap; records A's journal head at the prepare. B applies a transfer key from A at
//!    most once, whatever idempotency key the request carries
//!    ([`TransferAlreadyApplied`]). Or **refuse** at B
//!    ([`Operation::ClearingRefuse`]): B records that it will never apply it (its rules refused
//!    it, or A gave up waiting); posts nothing.
//! 3. **Acknowledge** at A ([`Operation::ClearingAcknowledge`]): the transfer is settled; posts
//!    nothing; records B's journal head at the apply. Or **cancel** at A
//!    ([`Operation::ClearingCancel`]), only on B's refusal: the minutes go back to the member,
//!    whole, even above the cap (the member held them before); records B's journal head at
//!    the refusal. A transfer is acknowledged or cancelled at most once
//!    ([`TransferSettled`]).
//!
//! Every bank stays zero-sum on its own. Across banks, the sum of every member balance plus
//! the minutes in transit (prepared, neither applied nor cancelled) never changes, and once
//! every transfer is settled A's `clearing#b` and B's `clearing#a` are opposite: what A's
//! members sent to B's, net of what came back.
//!
//! The journal heads a message carries are those just after the line that wrote the prepare
//! (or the apply, or the refusal), so a message rebuilt from the ledger after a crash is the
//! same message, and a repeated request is an idempotent retry rather than a conflict.
//!
//! [`Clearing`] drives the protocol for a caller that carries messages between banks (a
//! service, a queue): it builds each operation and its message, derives the idempotency keys
//! of the receiving side from the transfer key, turns a receiving bank's refusal into a
//! refusal record, and lists after a crash the transfers to send again
//! ([`Clearing::unsettled`]).
//!
//! ```
//! use chrono::NaiveDate;
//! use huzhu::ledger::{
//!     Account, AccountId, BankId, Clearing, ClearingPolicy, Ledger, LedgerPolicy,
//!     TransferRequest, TransferStatus, TxMeta,
//! };
//! use huzhu::model::{NeedId, ResidentId, VolunteerId};
//!
//! let at = |h| NaiveDate::from_ymd_opt(2026, 3, 2).unwrap().and_hms_opt(h, 0, 0).unwrap();
//! let (a, b): (BankId, BankId) = ("pudong".parse()?, "xuhui".parse()?);
//! let bank = |own: BankId, other: BankId| -> Result<Ledger, huzhu::ledger::LedgerError> {
//!     let mut l = Ledger::new(LedgerPolicy::default().with_clearing(ClearingPolicy::for_bank(own)))?;
//!     l.open_account(Account::new(AccountId::Clearing(other)))?;
//!     Ok(l)
//! };
//! let (mut pudong, mut xuhui) = (bank(a, b)?, bank(b, a)?);
//! let wang = AccountId::Volunteer(VolunteerId(1)); // in Pudong
//! let mother = AccountId::Resident(ResidentId(7)); // in Xuhui
//! pudong.open_account(Account::new(wang))?;
//! xuhui.open_account(Account::new(mother))?;
//! pudong.earn(TxMeta::new("e1", "desk", at(9)), wang, NeedId(1), 120)?;
//!
//! let clearing = Clearing::new("clearing:city");
//! let request = TransferRequest::new("t1", b, wang, mother, 90);
//! let message = Clearing::prepare(&mut pudong, TxMeta::new("send-1", "desk", at(10)), &request)?;
//! assert_eq!(pudong.balance(wang)?, 30);
//! assert_eq!(pudong.balance(AccountId::Clearing(b))?, 90); // in transit
//! let reply = clearing.apply(&mut xuhui, &message, at(11))?;
//! assert_eq!(xuhui.balance(mother)?, 90);
//! assert_eq!(xuhui.balance(AccountId::Clearing(a))?, -90);
//! clearing.settle(&mut pudong, &reply, at(12))?;
//! assert!(matches!(
//!     pudong.outgoing_transfer("t1").map(|t| &t.status),
//!     Some(TransferStatus::Acknowledged { .. })
//! ));
//! assert_eq!((pudong.total_balance(), xuhui.total_balance()), (0, 0));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! [`Operation::ClearingPrepare`]: crate::ledger::Operation::ClearingPrepare
//! [`Operation::ClearingApply`]: crate::ledger::Operation::ClearingApply
//! [`Operation::ClearingRefuse`]: crate::ledger::Operation::ClearingRefuse
//! [`Operation::ClearingAcknowledge`]: crate::ledger::Operation::ClearingAcknowledge
//! [`Operation::ClearingCancel`]: crate::ledger::Operation::ClearingCancel
//! [`TransferAlreadyApplied`]: crate::ledger::LedgerError::TransferAlreadyApplied
//! [`TransferSettled`]: crate::ledger::LedgerError::TransferSettled

mod bank;
#[cfg(feature = "serde")]
mod driver;
mod plan;
mod policy;

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};

pub use bank::BankId;
#[cfg(feature = "serde")]
pub use driver::{Clearing, TransferMessage, TransferOutcome, TransferReply, TransferRequest};
pub use policy::{ClearingPolicy, DEFAULT_CLEARING_DAILY_LIMIT, TransferLimit};

use super::account::AccountId;
use super::operations::Ledger;
use super::transaction::TxId;

/// A transfer this bank sent to another bank, as its ledger records it.
///
/// In JSON: `{"transfer", "to_bank", "from", "to", "minutes", "prepared", "prepared_at",
/// "status"}`, the status as `{"state": "prepared"}`, `{"state": "acknowledged", "tx",
/// "dest_head"}` or `{"state": "cancelled", "tx", "dest_head"}`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct OutgoingTransfer {
    /// The transfer key, unique in this bank.
    pub transfer: String,
    /// The receiving bank.
    pub to_bank: BankId,
    /// The member debited here.
    pub from: AccountId,
    /// The member to credit there.
    pub to: AccountId,
    /// Minutes sent.
    pub minutes: i64,
    /// The transaction that prepared it.
    pub prepared: TxId,
    /// When it was prepared (the limits count it on this day).
    #[cfg_attr(feature = "serde", serde(with = "crate::model::text::local"))]
    pub prepared_at: NaiveDateTime,
    /// Where it stands.
    pub status: TransferStatus,
}

/// Where a sent transfer stands.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "state", rename_all = "snake_case"))]
pub enum TransferStatus {
    /// Prepared: the minutes left the member and wait in the clearing account.
    Prepared,
    /// The receiving bank applied it and this bank acknowledged it.
    Acknowledged {
        /// The acknowledging transaction.
        tx: TxId,
        /// The receiving bank's journal head just after its apply.
        dest_head: String,
    },
    /// The receiving bank refused it and this bank gave the minutes back.
    Cancelled {
        /// The cancelling transaction.
        tx: TxId,
        /// The receiving bank's journal head just after its refusal.
        dest_head: String,
    },
}

impl TransferStatus {
    /// Whether the transfer is acknowledged or cancelled.
    ///
    /// ```
    /// assert!(!huzhu::ledger::TransferStatus::Prepared.is_settled());
    /// ```
    pub fn is_settled(&self) -> bool {
        !matches!(self, Self::Prepared)
    }
}

/// A transfer another bank sent to this one, as this bank's ledger records it: applied or
/// refused, never both, each once.
///
/// In JSON: `{"from_bank", "transfer", "tx", "outcome"}`, the outcome as `{"state":
/// "applied", "from", "to", "minutes", "source_head"}` or `{"state": "refused", "reason",
/// "source_head"}`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct IncomingTransfer {
    /// The sending bank.
    pub from_bank: BankId,
    /// The transfer key, unique in the sending bank.
    pub transfer: String,
    /// The transaction that applied or refused it.
    pub tx: TxId,
    /// What this bank did.
    pub outcome: IncomingOutcome,
}

/// What a bank did with a transfer sent to it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "state", rename_all = "snake_case"))]
pub enum IncomingOutcome {
    /// Credited to the member.
    Applied {
        /// The member debited in the sending bank.
        from: AccountId,
        /// The member credited here.
        to: AccountId,
        /// Minutes credited.
        minutes: i64,
        /// The sending bank's journal head just after its prepare.
        source_head: String,
    },
    /// Refused: it will never be applied here.
    Refused {
        /// Why (an error code such as `LEDGER_CAP_BREACH`, or `timeout`).
        reason: String,
        /// The sending bank's journal head just after its prepare, as the message carried it.
        source_head: String,
    },
}

/// The clearing state of one ledger, rebuilt by replaying its journal.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct ClearingBook {
    /// Transfers sent, by transfer key.
    pub(crate) outgoing: BTreeMap<String, OutgoingTransfer>,
    /// Transfers received (applied or refused), by sending bank and transfer key.
    pub(crate) incoming: BTreeMap<(BankId, String), IncomingTransfer>,
    /// Minutes sent, net of cancellations, by member (or `clearing#<bank>` for a bank pair) and
    /// by calendar day (`None`: in all).
    pub(crate) sent: BTreeMap<(AccountId, Option<NaiveDate>), i64>,
}

/// The clearing effect of one planned operation, committed with its transaction.
#[derive(Debug)]
pub(crate) enum ClearingChange {
    Prepare {
        transfer: String,
        to_bank: BankId,
        from: AccountId,
        to: AccountId,
        minutes: i64,
    },
    Settle {
        transfer: String,
        dest_head: String,
        cancelled: bool,
    },
    Incoming {
        from_bank: BankId,
        transfer: String,
        outcome: IncomingOutcome,
    },
}

impl ClearingBook {
    pub(crate) fn sent(&self, subject: AccountId, day: Option<NaiveDate>) -> i64 {
        self.sent.get(&(subject, day)).copied().unwrap_or(0)
    }

    fn count(&mut self, from: AccountId, to_bank: BankId, day: NaiveDate, minutes: i64) {
        for subject in [from, AccountId::Clearing(to_bank)] {
            for period in [None, Some(day)] {
                let total = self.sent.entry((subject, period)).or_insert(0);
                *total = total.saturating_add(minutes);
            }
        }
    }

    /// Records the change made by transaction `tx`, posted at `posted_at`.
    pub(crate) fn commit(&mut self, change: ClearingChange, tx: TxId, posted_at: NaiveDateTime) {
        match change {
            ClearingChange::Prepare {
                transfer,
                to_bank,
                from,
                to,
                minutes,
            } => {
                self.count(from, to_bank, posted_at.date(), minutes);
                self.outgoing.insert(
                    transfer.clone(),
                    OutgoingTransfer {
                        transfer,
                        to_bank,
                        from,
                        to,
                        minutes,
                        prepared: tx,
                        prepared_at: posted_at,
                        status: TransferStatus::Prepared,
                    },
                );
            }
            ClearingChange::Settle {
                transfer,
                dest_head,
                cancelled,
            } => {
                let Some(record) = self.outgoing.get_mut(&transfer) else {
                    return;
                };
                record.status = if cancelled {
                    TransferStatus::Cancelled { tx, dest_head }
                } else {
                    TransferStatus::Acknowledged { tx, dest_head }
                };
                if cancelled {
                    let (from, to_bank, day, minutes) = (
                        record.from,
                        record.to_bank,
                        record.prepared_at.date(),
                        record.minutes,
                    );
                    self.count(from, to_bank, day, minutes.saturating_neg());
                }
            }
            ClearingChange::Incoming {
                from_bank,
                transfer,
                outcome,
            } => {
                self.incoming.insert(
                    (from_bank, transfer.clone()),
                    IncomingTransfer {
                        from_bank,
                        transfer,
                        tx,
                        outcome,
                    },
                );
            }
        }
    }
}

impl Ledger {
    /// A transfer this bank sent, by transfer key.
    ///
    /// ```
    /// use huzhu::ledger::{Ledger, LedgerPolicy};
    /// assert!(Ledger::new(LedgerPolicy::default())?.outgoing_transfer("t1").is_none());
    /// # Ok::<(), huzhu::ledger::LedgerError>(())
    /// ```
    pub fn outgoing_transfer(&self, transfer: &str) -> Option<&OutgoingTransfer> {
        self.clearing.outgoing.get(transfer)
    }

    /// Every transfer this bank sent, in transfer-key order.
    pub fn outgoing_transfers(&self) -> impl Iterator<Item = &OutgoingTransfer> + '_ {
        self.clearing.outgoing.values()
    }

    /// The transfers this bank sent that are neither acknowledged nor cancelled, in transfer-key
    /// order: what a coordinator recovering from a crash sends again (see
    /// [`Clearing::unsettled`]).
    pub fn unsettled_transfers(&self) -> impl Iterator<Item = &OutgoingTransfer> + '_ {
        self.clearing
            .outgoing
            .values()
            .filter(|t| !t.status.is_settled())
    }

    /// The minutes of [`unsettled_transfers`](Self::unsettled_transfers): prepared here, not
    /// yet acknowledged or cancelled.
    ///
    /// ```
    /// use huzhu::ledger::{Ledger, LedgerPolicy};
    /// assert_eq!(Ledger::new(LedgerPolicy::default())?.unsettled_minutes(), 0);
    /// # Ok::<(), huzhu::ledger::LedgerError>(())
    /// ```
    pub fn unsettled_minutes(&self) -> i128 {
        self.unsettled_transfers()
            .map(|t| i128::from(t.minutes))
            .sum()
    }

    /// A transfer another bank sent here, applied or refused, by sending bank and transfer key.
    ///
    /// ```
    /// use huzhu::ledger::{Ledger, LedgerPolicy};
    /// let ledger = Ledger::new(LedgerPolicy::default())?;
    /// assert!(ledger.incoming_transfer("pudong".parse()?, "t1").is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn incoming_transfer(
        &self,
        from_bank: BankId,
        transfer: &str,
    ) -> Option<&IncomingTransfer> {
        self.clearing
            .incoming
            .get(&(from_bank, transfer.to_owned()))
    }

    /// Every transfer other banks sent here that was applied or refused, by sending bank and
    /// transfer key.
    pub fn incoming_transfers(&self) -> impl Iterator<Item = &IncomingTransfer> + '_ {
        self.clearing.incoming.values()
    }

    /// Minutes sent to other banks, net of cancelled transfers, by a member or — for
    /// `clearing#<bank>` — by this bank to that bank; on calendar day `day` (of the prepare),
    /// or in all for `None`. What the [`ClearingPolicy`] limits read.
    ///
    /// ```
    /// use huzhu::ledger::{AccountId, Ledger, LedgerPolicy};
    /// use huzhu::model::ResidentId;
    /// let ledger = Ledger::new(LedgerPolicy::default())?;
    /// assert_eq!(ledger.clearing_sent(AccountId::Resident(ResidentId(1)), None), 0);
    /// # Ok::<(), huzhu::ledger::LedgerError>(())
    /// ```
    pub fn clearing_sent(&self, subject: AccountId, day: Option<NaiveDate>) -> i64 {
        self.clearing.sent(subject, day)
    }
}
