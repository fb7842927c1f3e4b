//! Typed errors of the time-bank ledger. Each names the transaction key, account or field.

use chrono::NaiveDateTime;

use super::account::AccountId;
use super::policy::TransferRule;
use super::transaction::{OperationKind, TxId};

/// Why the ledger rejected a request. A rejected request changes nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LedgerError {
    /// A policy setting is out of range.
    #[error("invalid ledger policy: {field} {reason}")]
    InvalidPolicy {
        /// The setting.
        field: &'static str,
        /// What is wrong with it.
        reason: String,
    },
    /// A required text field (key, operator, reviewer) is empty.
    #[error("{field} must not be empty")]
    EmptyField {
        /// The field.
        field: &'static str,
    },
    /// The account is already open.
    #[error("account {account} is already open")]
    DuplicateAccount {
        /// The account.
        account: AccountId,
    },
    /// A query named an account that is not open.
    #[error("account {account} is not open")]
    AccountNotOpen {
        /// The account.
        account: AccountId,
    },
    /// A transaction named an account that is not open.
    #[error("transaction '{key}': account {account} is not open")]
    UnknownAccount {
        /// The transaction's key.
        key: String,
        /// The account.
        account: AccountId,
    },
    /// The fund or the donation pool was named where a member account is required.
    #[error("transaction '{key}': {account} is not a member account")]
    NotAMemberAccount {
        /// The transaction's key.
        key: String,
        /// The account.
        account: AccountId,
    },
    /// A transfer names the same account on both sides.
    #[error("transaction '{key}': cannot transfer from {account} to itself")]
    SameAccount {
        /// The transaction's key.
        key: String,
        /// The account.
        account: AccountId,
    },
    /// An amount is zero or negative.
    #[error("transaction '{key}': {field} must be positive, got {amount}")]
    NonPositiveAmount {
        /// The transaction's key.
        key: String,
        /// The field holding the amount.
        field: &'static str,
        /// The amount given.
        amount: i64,
    },
    /// An amount is not a multiple of the policy's unit.
    #[error("transaction '{key}': {field} = {amount} is not a multiple of the unit {unit}")]
    NotAMultipleOfUnit {
        /// The transaction's key.
        key: String,
        /// The field holding the amount.
        field: &'static str,
        /// The amount given.
        amount: i64,
        /// The policy's unit in minutes.
        unit: i64,
    },
    /// A debit would take an account below its floor.
    #[error(
        "transaction '{key}': taking {amount} from {account} (balance {balance}) would go below its floor {floor}"
    )]
    FloorBreach {
        /// The transaction's key.
        key: String,
        /// The account.
        account: AccountId,
        /// Its balance before this debit.
        balance: i64,
        /// The minutes to be taken.
        amount: i64,
        /// Its floor.
        floor: i64,
    },
    /// A credit (other than an earn, whose excess goes to the pool) would take an account
    /// above its cap.
    #[error(
        "transaction '{key}': adding {amount} to {account} (balance {balance}) would exceed its cap {cap}"
    )]
    CapBreach {
        /// The transaction's key.
        key: String,
        /// The account.
        account: AccountId,
        /// Its balance before this credit.
        balance: i64,
        /// The minutes to be added.
        amount: i64,
        /// Its cap.
        cap: i64,
    },
    /// The policy's transfer rule forbids this transfer.
    #[error("transaction '{key}': transfer from {from} to {to} is not allowed (rule: {rule})")]
    TransferNotAllowed {
        /// The transaction's key.
        key: String,
        /// The sender.
        from: AccountId,
        /// The intended recipient.
        to: AccountId,
        /// The rule in force.
        rule: TransferRule,
    },
    /// A group account tried to redeem or transfer; its minutes can only be donated.
    #[error("transaction '{key}': {account} is a group account; its minutes can only be donated")]
    GroupHoursDonateOnly {
        /// The transaction's key.
        key: String,
        /// The group account.
        account: AccountId,
    },
    /// The policy's starting grant is 0.
    #[error("transaction '{key}': starting grants are disabled by the policy")]
    StartingGrantDisabled {
        /// The transaction's key.
        key: String,
    },
    /// The account already received its starting grant.
    #[error("transaction '{key}': {account} already received its starting grant")]
    StartingGrantAlreadyGiven {
        /// The transaction's key.
        key: String,
        /// The account.
        account: AccountId,
    },
    /// A pool grant could give nothing: the pool is empty or every recipient is at its cap.
    #[error("transaction '{key}': the pool grant would give nothing")]
    NothingToGrant {
        /// The transaction's key.
        key: String,
    },
    /// A batch holds no operations.
    #[error("transaction '{key}': empty batch")]
    EmptyBatch {
        /// The transaction's key.
        key: String,
    },
    /// A batch holds a batch or a reversal.
    #[error("transaction '{key}': a {operation} is not allowed inside a batch (item {index})")]
    NotAllowedInBatch {
        /// The transaction's key.
        key: String,
        /// The item's position, from 0.
        index: usize,
        /// What the item is.
        operation: OperationKind,
    },
    /// An item of a batch was rejected, so the whole batch was.
    #[error("transaction '{key}': batch item {index} rejected: {source}")]
    BatchItem {
        /// The transaction's key.
        key: String,
        /// The item's position, from 0.
        index: usize,
        /// Why the item was rejected.
        source: Box<LedgerError>,
    },
    /// A balance would overflow `i64`.
    #[error("transaction '{key}': the balance of {account} would overflow")]
    Overflow {
        /// The transaction's key.
        key: String,
        /// The account.
        account: AccountId,
    },
    /// The key was used before for a request with different content.
    #[error("transaction '{key}': key already used for a different request")]
    IdempotencyConflict {
        /// The transaction's key.
        key: String,
    },
    /// A reversal named a transaction that does not exist.
    #[error("transaction '{key}': unknown transaction {transaction}")]
    UnknownTransaction {
        /// The transaction's key.
        key: String,
        /// The transaction named.
        transaction: TxId,
    },
    /// The transaction was already reversed.
    #[error("transaction '{key}': {transaction} was already reversed by {reversal}")]
    AlreadyReversed {
        /// The transaction's key.
        key: String,
        /// The transaction named.
        transaction: TxId,
        /// The reversal that compensated it.
        reversal: TxId,
    },
    /// A reversal named a reversal.
    #[error("transaction '{key}': {transaction} is a reversal and cannot be reversed")]
    ReversalOfReversal {
        /// The transaction's key.
        key: String,
        /// The transaction named.
        transaction: TxId,
    },
    /// The time given is earlier than the latest change to the ledger.
    #[error("transaction '{key}': time {at} is earlier than the latest entry at {latest}")]
    TimeOutOfOrder {
        /// The transaction's key.
        key: String,
        /// The time given.
        at: NaiveDateTime,
        /// The latest time in the ledger.
        latest: NaiveDateTime,
    },
    /// An approval named a key with no pending transaction.
    #[error("transaction '{key}': nothing pending under this key")]
    NotPending {
        /// The key.
        key: String,
    },
    /// The operator who submitted an earn tried to approve it.
    #[error("transaction '{key}': {reviewer} submitted it and cannot review it")]
    SelfReview {
        /// The transaction's key.
        key: String,
        /// The reviewer.
        reviewer: String,
    },
    /// A journal could not be written or read.
    #[error(transparent)]
    Journal(#[from] JournalError),
}

/// Why a journal was rejected. Line numbers start at 1; line `n` holds sequence number `n - 1`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum JournalError {
    /// The line is not canonical JSON of the expected shape.
    #[error("journal line {line}: malformed: {reason}")]
    Malformed {
        /// The line.
        line: usize,
        /// What is wrong.
        reason: String,
    },
    /// The line's sequence number is not the next one (a line was removed or moved).
    #[error("journal line {line}: sequence number {found}, expected {expected}")]
    Sequence {
        /// The line.
        line: usize,
        /// The number expected.
        expected: u64,
        /// The number found.
        found: u64,
    },
    /// The line's `prev` is not the hash of the line before.
    #[error("journal line {line}: does not chain to the line before")]
    BrokenChain {
        /// The line.
        line: usize,
    },
    /// The line's content does not match its own hash (it was edited).
    #[error("journal line {line}: content does not match its hash")]
    HashMismatch {
        /// The line.
        line: usize,
    },
    /// The journal does not start with a header (or is empty).
    #[error("journal line {line}: expected the header")]
    MissingHeader {
        /// The line.
        line: usize,
    },
    /// The header names another format or version.
    #[error("journal line {line}: unsupported format {format} version {version}")]
    UnsupportedFormat {
        /// The line.
        line: usize,
        /// The format named.
        format: String,
        /// The version named.
        version: u32,
    },
    /// A header appears after the first line.
    #[error("journal line {line}: unexpected header")]
    UnexpectedHeader {
        /// The line.
        line: usize,
    },
    /// The journal ends without its seal (it was truncated).
    #[error("journal line {line}: missing seal; the journal was truncated")]
    MissingSeal {
        /// The line where the seal was expected.
        line: usize,
    },
    /// The seal's count or head hash does not match the lines before it.
    #[error("journal line {line}: seal does not match the journal")]
    SealMismatch {
        /// The line.
        line: usize,
    },
    /// Lines follow the seal.
    #[error("journal line {line}: content after the seal")]
    TrailingAfterSeal {
        /// The line.
        line: usize,
    },
    /// Replaying the line was rejected by the ledger.
    #[error("journal line {line}: replay rejected: {source}")]
    Replay {
        /// The line.
        line: usize,
        /// Why the ledger rejected it.
        source: Box<LedgerError>,
    },
    /// Replaying the line gave a different outcome than recorded.
    #[error("journal line {line}: replay does not reproduce the recorded outcome")]
    ReplayMismatch {
        /// The line.
        line: usize,
    },
    /// The ledger could not be encoded.
    #[error("journal could not be encoded: {reason}")]
    Encode {
        /// What failed.
        reason: String,
    },
}

impl JournalError {
    /// The line the error names, if any.
    pub fn line(&self) -> Option<usize> {
        match self {
            Self::Malformed { line, .. }
            | Self::Sequence { line, .. }
            | Self::BrokenChain { line }
            | Self::HashMismatch { line }
            | Self::MissingHeader { line }
            | Self::UnsupportedFormat { line, .. }
            | Self::UnexpectedHeader { line }
            | Self::MissingSeal { line }
            | Self::SealMismatch { line }
            | Self::TrailingAfterSeal { line }
            | Self::Replay { line, .. }
            | Self::ReplayMismatch { line } => Some(*line),
            Self::Encode { .. } => None,
        }
    }
}
