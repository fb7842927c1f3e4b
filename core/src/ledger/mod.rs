//! The time bank (时间银行): a double-entry ledger of service minutes.
//!
//! Volunteers earn minutes for services they give and redeem them for services they receive,
//! for themselves or — by transfer — for family. Storage is capped (the excess is donated),
//! group-earned minutes can only be donated, the donation pool grants to priority residents
//! first, and new members may get a starting grant. See `DOMAIN.md`, "Time bank".
//!
//! - [`Ledger`]: the state and every operation ([`Ledger::submit`] and its shortcuts).
//! - [`LedgerPolicy`]: floor, cap, transfer rule, unit, starting grant, reviewers, points caps
//!   — with defaults, all changeable.
//! - [`Account`] / [`AccountId`]: member accounts with their attributes; the fund, the
//!   donation pool and the clearing accounts for other banks.
//! - [`Operation`], [`TxMeta`], [`Transaction`], [`Posting`], [`Receipt`]: requests and records.
//! - [`Statement`]: postings over a time range with running balance.
//! - The journal codec ([`Ledger::export_journal`], [`Ledger::import_journal`], feature
//!   `serde`): hash-chained, sealed JSON Lines.
//! - [`LedgerError`] / [`JournalError`]: typed errors. A rejected request changes nothing.
//!
//! Points (积分) are a second [`Unit`] in the same ledger, never mixed with minutes: residents
//! earn them for taking part ([`Operation::EarnPoints`], by a rule code, under the policy's
//! daily and lifetime caps — 2 a day and 600 in all by default; the part over a cap is
//! trimmed, and an earn with nothing left is refused) and spend them from an exchange
//! catalogue ([`CatalogueItem`], [`Operation::ListItem`], [`Operation::Restock`],
//! [`Operation::Exchange`]). The fund's points account issues them and takes them back; the
//! donation pool holds minutes only. Every posting names its unit, each unit's balances sum to
//! zero on their own, and idempotency, batches, reversal (an exchange reversed gives the points
//! and the stock back), statements ([`Ledger::statement_in`], [`Ledger::statements`]) and the
//! journal work for both. Fields added for points are left out of JSON when they hold their
//! minutes-only value, so journals written before points import and export byte for byte.
//!
//! Clearing between banks (通存通兑, [`clearing`]): minutes earned in one district's bank are
//! spent in another. Each bank is one ledger with a code ([`BankId`], in its
//! [`ClearingPolicy`]) and a clearing account per bank it clears with
//! ([`AccountId::Clearing`], `clearing#xuhui`). A transfer is a protocol over the two ledgers'
//! own operations — prepare at the sender ([`Operation::ClearingPrepare`]), apply or refuse at
//! the receiver ([`Operation::ClearingApply`], [`Operation::ClearingRefuse`]), acknowledge or
//! cancel at the sender ([`Operation::ClearingAcknowledge`], [`Operation::ClearingCancel`]) —
//! so each journal records its half, with the other journal's head hash, and replays. The
//! sender checks daily and lifetime limits per member and per bank pair; the receiver applies
//! a transfer at most once whatever the idempotency key; each bank stays zero-sum and the sum
//! of every member balance in every bank plus the minutes in transit never changes.
//! [`Clearing`] drives it for a caller that carries the messages, and recovers after a crash
//! from the ledgers alone.
//!
//! Amounts are integer minutes or points (`i64`) with checked arithmetic; times are passed in
//! by the caller (community local time) and never read from a clock.
//!
//! ```
//! use chrono::NaiveDate;
//! use huzhu::ledger::{Account, AccountId, Ledger, LedgerPolicy, Operation, TxMeta};
//! use huzhu::model::{NeedId, ResidentId, VolunteerId};
//!
//! let at = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap().and_hms_opt(9, 0, 0).unwrap();
//! let policy = LedgerPolicy::default().with_starting_grant(60);
//! let mut ledger = Ledger::new(policy)?;
//! let aunt = AccountId::Resident(ResidentId(1)); // priority: 80+, living alone
//! let v = AccountId::Volunteer(VolunteerId(2));
//! ledger.open_account(Account::new(aunt).with_priority(true))?;
//! ledger.open_account(Account::new(v))?;
//!
//! // One atomic batch: a starting grant and an earn for the volunteer.
//! ledger.batch(
//!     TxMeta::new("onboard-2", "desk:li", at).with_memo("new volunteer"),
//!     vec![
//!         Operation::StartingGrant { to: v },
//!         Operation::Earn { account: v, need: NeedId(9), minutes: 120 },
//!     ],
//! )?;
//! // The volunteer donates 90 minutes; the pool grants them to priority residents first.
//! ledger.donate(TxMeta::new("d1", "desk:li", at), v, 90)?;
//! ledger.pool_grant(TxMeta::new("g1", "desk:li", at), vec![v, aunt], 90)?;
//! assert_eq!(ledger.balance(aunt)?, 90);
//! assert_eq!(ledger.balance(v)?, 90);
//! assert_eq!(ledger.total_balance(), 0);
//! # Ok::<(), huzhu::ledger::LedgerError>(())
//! ```

mod account;
pub mod clearing;
mod error;
#[cfg(feature = "serde")]
mod journal;
#[cfg(feature = "serde")]
mod journal_tail;
mod operations;
mod overlay;
mod plan;
mod points;
mod policy;
mod statement;
mod transaction;

pub use account::{Account, AccountId};
pub use clearing::{
    BankId, ClearingPolicy, DEFAULT_CLEARING_DAILY_LIMIT, IncomingOutcome, IncomingTransfer,
    OutgoingTransfer, TransferLimit, TransferStatus,
};
#[cfg(feature = "serde")]
pub use clearing::{Clearing, TransferMessage, TransferOutcome, TransferReply, TransferRequest};
pub use error::{JournalError, LedgerError};
#[cfg(feature = "serde")]
pub use journal::{JOURNAL_FORMAT, JOURNAL_VERSION};
#[cfg(feature = "serde")]
pub use journal_tail::{JournalHead, JournalLine, verify_journal_lines};
pub use operations::Ledger;
pub use points::{CatalogueItem, PointsCap, Unit};
pub use policy::{
    DEFAULT_CAP_MINUTES, DEFAULT_POINTS_DAILY_CAP, DEFAULT_POINTS_LIFETIME_CAP, LedgerPolicy,
    TransferRule,
};
pub use statement::{Statement, StatementLine};
pub use transaction::{
    Operation, OperationKind, PendingTransaction, Posting, Receipt, Transaction, TxId, TxMeta,
};

#[cfg(test)]
mod tests;
