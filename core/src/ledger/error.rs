//! Typed errors of the time-bank ledger. Each names the transaction key, account or field.

use chrono::NaiveDateTime;

use super::account::AccountId;
use super::clearing::{BankId, TransferLimit};
use super::points::{PointsCap, Unit};
use super::policy::TransferRule;
use super::transaction::{OperationKind, TxId};

/// Why the ledger rejected a request. A rejected request changes nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LedgerError {
    /// A policy setting is out of range, or cannot be read.
    #[error("invalid ledger policy: {field} {reason}")]
    InvalidPolicy {
        /// The setting.
        field: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The request's key is empty (so there is no transaction to name).
    #[error("{field} must not be empty")]
    EmptyField {
        /// The field.
        field: &'static str,
    },
    /// A required text field of a request (its operator, a reviewer, a points rule, an item's
    /// code or name, a transfer key, a refusal's reason) is empty. Same code as
    /// [`EmptyField`](Self::EmptyField), naming the transaction.
    #[error("transaction '{key}': {field} must not be empty")]
    EmptyText {
        /// The request's key.
        key: String,
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
    #[error(
        "transaction '{key}': time {} is earlier than the latest entry at {}",
        crate::model::text::format_local_datetime(*at),
        crate::model::text::format_local_datetime(*latest)
    )]
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
    /// An operation names an amount in the other unit (`minutes` in a points operation,
    /// `points` in a minutes one). Minutes and points never mix.
    #[error("operation: {field} is in {found}, but this operation moves {expected}")]
    WrongUnit {
        /// The field at fault (`minutes`, `operations[1].points`).
        field: String,
        /// The unit the operation moves.
        expected: Unit,
        /// The unit the field names.
        found: Unit,
    },
    /// An operation's JSON cannot be read.
    #[error("invalid operation: {field} {reason}")]
    InvalidOperation {
        /// The field at fault, or `operation`.
        field: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A points earn met a cap with nothing left to credit (a partial excess is trimmed, not
    /// refused).
    #[error(
        "transaction '{key}': {account} has earned {earned} points, the {cap} cap of {limit} leaves nothing"
    )]
    PointsCapReached {
        /// The transaction's key.
        key: String,
        /// The account.
        account: AccountId,
        /// Which cap.
        cap: PointsCap,
        /// The cap's value.
        limit: i64,
        /// Points already earned in the cap's period (the day, or in all).
        earned: i64,
    },
    /// A points debit would take an account below 0 (points have no overdraft).
    #[error(
        "transaction '{key}': taking {amount} points from {account} (balance {balance}) would go below 0"
    )]
    InsufficientPoints {
        /// The transaction's key.
        key: String,
        /// The account.
        account: AccountId,
        /// Its points balance before this debit.
        balance: i64,
        /// The points to be taken.
        amount: i64,
    },
    /// A points balance, a price total or a stock would overflow.
    #[error("transaction '{key}': the points of {account} would overflow")]
    PointsOverflow {
        /// The transaction's key.
        key: String,
        /// The account (the fund for a stock or a price total).
        account: AccountId,
    },
    /// The catalogue has no item with this code.
    #[error("transaction '{key}': no catalogue item '{item}'")]
    UnknownItem {
        /// The transaction's key.
        key: String,
        /// The code.
        item: String,
    },
    /// An item with this code is already listed.
    #[error("transaction '{key}': catalogue item '{item}' is already listed")]
    DuplicateItem {
        /// The transaction's key.
        key: String,
        /// The code.
        item: String,
    },
    /// An exchange (or a reversed restock) needs more than the stock holds.
    #[error("transaction '{key}': item '{item}' has {stock} in stock, {quantity} needed")]
    StockShort {
        /// The transaction's key.
        key: String,
        /// The code.
        item: String,
        /// The stock.
        stock: u32,
        /// The quantity asked for.
        quantity: u32,
    },
    /// A restock named an item with unlimited stock.
    #[error("transaction '{key}': item '{item}' has unlimited stock")]
    UnlimitedStock {
        /// The transaction's key.
        key: String,
        /// The code.
        item: String,
    },
    /// A reversal named a transaction that cannot be reversed (a listing, or a clearing
    /// operation).
    #[error("transaction '{key}': {transaction} holds a {operation}, which cannot be reversed")]
    NotReversible {
        /// The transaction's key.
        key: String,
        /// The transaction named.
        transaction: TxId,
        /// What it holds that cannot be undone.
        operation: OperationKind,
    },
    /// A clearing operation reached a ledger whose policy names no bank code
    /// ([`ClearingPolicy::bank`](super::ClearingPolicy::bank)).
    #[error(
        "transaction '{key}': this ledger takes no part in clearing (its policy names no bank)"
    )]
    ClearingDisabled {
        /// The transaction's key.
        key: String,
    },
    /// A clearing operation names another bank where this one is meant (a message sent to
    /// the wrong bank).
    #[error("transaction '{key}': {field} is {found}, but this bank is {expected}")]
    WrongBank {
        /// The transaction's key.
        key: String,
        /// `from_bank` or `to_bank`.
        field: &'static str,
        /// This bank.
        expected: BankId,
        /// The bank named.
        found: BankId,
    },
    /// A clearing operation names this bank as the other side.
    #[error("transaction '{key}': {field} is this bank ({bank}); clearing is between two banks")]
    SameBank {
        /// The transaction's key.
        key: String,
        /// `from_bank` or `to_bank`.
        field: &'static str,
        /// This bank.
        bank: BankId,
    },
    /// A prepare would take a member (or this bank, towards one other bank) over a clearing
    /// limit. Nothing is trimmed: the transfer is refused whole.
    #[error(
        "transaction '{key}': sending {amount} more from {account} (sent {sent}) would exceed the {limit} clearing limit of {value}"
    )]
    ClearingLimit {
        /// The transaction's key.
        key: String,
        /// The member, or `clearing#<bank>` for a bank-pair limit.
        account: AccountId,
        /// Which limit.
        limit: TransferLimit,
        /// The limit's value.
        value: i64,
        /// Minutes already sent in the limit's period (the day, or in all).
        sent: i64,
        /// The minutes asked for.
        amount: i64,
    },
    /// A prepare reuses a transfer key this bank already prepared.
    #[error("transaction '{key}': transfer '{transfer}' was already prepared")]
    DuplicateTransfer {
        /// The transaction's key.
        key: String,
        /// The transfer key.
        transfer: String,
    },
    /// An acknowledgement or cancellation names a transfer this bank never prepared.
    #[error("transaction '{key}': no transfer '{transfer}' was prepared here")]
    UnknownTransfer {
        /// The transaction's key.
        key: String,
        /// The transfer key.
        transfer: String,
    },
    /// This bank already applied the transfer (under whatever idempotency key): no transfer
    /// applies twice.
    #[error(
        "transaction '{key}': transfer '{transfer}' from {from_bank} was already applied by {tx}"
    )]
    TransferAlreadyApplied {
        /// The transaction's key.
        key: String,
        /// The sending bank.
        from_bank: BankId,
        /// The transfer key.
        transfer: String,
        /// The transaction that applied it.
        tx: TxId,
    },
    /// This bank refused the transfer before: it will never apply it.
    #[error("transaction '{key}': transfer '{transfer}' from {from_bank} was refused by {tx}")]
    TransferRefused {
        /// The transaction's key.
        key: String,
        /// The sending bank.
        from_bank: BankId,
        /// The transfer key.
        transfer: String,
        /// The transaction that refused it.
        tx: TxId,
    },
    /// The transfer was already acknowledged or cancelled: each happens at most once.
    #[error(
        "transaction '{key}': transfer '{transfer}' was already {} by {tx}",
        if *cancelled { "cancelled" } else { "acknowledged" }
    )]
    TransferSettled {
        /// The transaction's key.
        key: String,
        /// The transfer key.
        transfer: String,
        /// The transaction that settled it.
        tx: TxId,
        /// Whether it was cancelled (else acknowledged).
        cancelled: bool,
    },
    /// An acknowledgement or cancellation does not match the prepared transfer.
    #[error("transaction '{key}': {field} does not match transfer '{transfer}'")]
    TransferMismatch {
        /// The transaction's key.
        key: String,
        /// The transfer key.
        transfer: String,
        /// The field that differs (`to_bank`).
        field: &'static str,
    },
    /// A journal head is not 64 lowercase hexadecimal digits.
    #[error("transaction '{key}': {field} '{head}' is not a journal head hash")]
    InvalidHead {
        /// The transaction's key.
        key: String,
        /// `source_head` or `dest_head`.
        field: &'static str,
        /// What was given.
        head: String,
    },
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

impl LedgerError {
    /// The stable code of the error, the same on every surface: `LEDGER_` and the variant
    /// (`LEDGER_FLOOR_BREACH`, `LEDGER_IDEMPOTENCY_CONFLICT`, …), or the journal error's own
    /// code (`JOURNAL_HASH_MISMATCH`, …).
    ///
    /// ```
    /// use huzhu::ledger::{AccountId, LedgerError};
    /// use huzhu::model::VolunteerId;
    /// let e = LedgerError::FloorBreach {
    ///     key: "r1".into(), account: AccountId::Volunteer(VolunteerId(1)),
    ///     balance: 0, amount: 30, floor: 0,
    /// };
    /// assert_eq!(e.code(), "LEDGER_FLOOR_BREACH");
    /// assert_eq!(e.record().as_deref(), Some("transaction 'r1'"));
    /// assert_eq!((e.field().as_deref(), e.key()), (Some("minutes"), Some("r1")));
    /// assert_eq!(e.account(), Some(AccountId::Volunteer(VolunteerId(1))));
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Self::InvalidPolicy { .. } => "LEDGER_INVALID_POLICY",
            Self::EmptyField { .. } | Self::EmptyText { .. } => "LEDGER_EMPTY_FIELD",
            Self::DuplicateAccount { .. } => "LEDGER_DUPLICATE_ACCOUNT",
            Self::AccountNotOpen { .. } => "LEDGER_ACCOUNT_NOT_OPEN",
            Self::UnknownAccount { .. } => "LEDGER_UNKNOWN_ACCOUNT",
            Self::NotAMemberAccount { .. } => "LEDGER_NOT_A_MEMBER_ACCOUNT",
            Self::SameAccount { .. } => "LEDGER_SAME_ACCOUNT",
            Self::NonPositiveAmount { .. } => "LEDGER_NON_POSITIVE_AMOUNT",
            Self::NotAMultipleOfUnit { .. } => "LEDGER_NOT_A_MULTIPLE_OF_UNIT",
            Self::FloorBreach { .. } => "LEDGER_FLOOR_BREACH",
            Self::CapBreach { .. } => "LEDGER_CAP_BREACH",
            Self::TransferNotAllowed { .. } => "LEDGER_TRANSFER_NOT_ALLOWED",
            Self::GroupHoursDonateOnly { .. } => "LEDGER_GROUP_HOURS_DONATE_ONLY",
            Self::StartingGrantDisabled { .. } => "LEDGER_STARTING_GRANT_DISABLED",
            Self::StartingGrantAlreadyGiven { .. } => "LEDGER_STARTING_GRANT_ALREADY_GIVEN",
            Self::NothingToGrant { .. } => "LEDGER_NOTHING_TO_GRANT",
            Self::EmptyBatch { .. } => "LEDGER_EMPTY_BATCH",
            Self::NotAllowedInBatch { .. } => "LEDGER_NOT_ALLOWED_IN_BATCH",
            Self::BatchItem { .. } => "LEDGER_BATCH_ITEM",
            Self::Overflow { .. } => "LEDGER_OVERFLOW",
            Self::IdempotencyConflict { .. } => "LEDGER_IDEMPOTENCY_CONFLICT",
            Self::UnknownTransaction { .. } => "LEDGER_UNKNOWN_TRANSACTION",
            Self::AlreadyReversed { .. } => "LEDGER_ALREADY_REVERSED",
            Self::ReversalOfReversal { .. } => "LEDGER_REVERSAL_OF_REVERSAL",
            Self::TimeOutOfOrder { .. } => "LEDGER_TIME_OUT_OF_ORDER",
            Self::NotPending { .. } => "LEDGER_NOT_PENDING",
            Self::SelfReview { .. } => "LEDGER_SELF_REVIEW",
            Self::Journal(j) => j.code(),
            Self::WrongUnit { .. } => "LEDGER_WRONG_UNIT",
            Self::InvalidOperation { .. } => "LEDGER_INVALID_OPERATION",
            Self::PointsCapReached { .. } => "LEDGER_POINTS_CAP_REACHED",
            Self::InsufficientPoints { .. } => "LEDGER_INSUFFICIENT_POINTS",
            Self::PointsOverflow { .. } => "LEDGER_POINTS_OVERFLOW",
            Self::UnknownItem { .. } => "LEDGER_UNKNOWN_ITEM",
            Self::DuplicateItem { .. } => "LEDGER_DUPLICATE_ITEM",
            Self::StockShort { .. } => "LEDGER_STOCK_SHORT",
            Self::UnlimitedStock { .. } => "LEDGER_UNLIMITED_STOCK",
            Self::NotReversible { .. } => "LEDGER_NOT_REVERSIBLE",
            Self::ClearingDisabled { .. } => "LEDGER_CLEARING_DISABLED",
            Self::WrongBank { .. } => "LEDGER_WRONG_BANK",
            Self::SameBank { .. } => "LEDGER_SAME_BANK",
            Self::ClearingLimit { .. } => "LEDGER_CLEARING_LIMIT",
            Self::DuplicateTransfer { .. } => "LEDGER_DUPLICATE_TRANSFER",
            Self::UnknownTransfer { .. } => "LEDGER_UNKNOWN_TRANSFER",
            Self::TransferAlreadyApplied { .. } => "LEDGER_TRANSFER_ALREADY_APPLIED",
            Self::TransferRefused { .. } => "LEDGER_TRANSFER_REFUSED",
            Self::TransferSettled { .. } => "LEDGER_TRANSFER_SETTLED",
            Self::TransferMismatch { .. } => "LEDGER_TRANSFER_MISMATCH",
            Self::InvalidHead { .. } => "LEDGER_INVALID_HEAD",
        }
    }

    /// The record at fault: the transaction (`transaction 'k1'`), the account (for account
    /// queries), `ledger policy`, or the journal line (`journal line 3`).
    pub fn record(&self) -> Option<String> {
        match self {
            Self::InvalidPolicy { .. } => Some("ledger policy".into()),
            Self::WrongUnit { .. } | Self::InvalidOperation { .. } => Some("operation".into()),
            Self::EmptyField { .. } => None,
            Self::DuplicateAccount { account } | Self::AccountNotOpen { account } => {
                Some(account.to_string())
            }
            Self::Journal(j) => j.record(),
            other => other.key().map(|k| format!("transaction '{k}'")),
        }
    }

    /// The part of the request at fault: `minutes`, `account`, `to`, `key`, `at`, `reviewer`,
    /// `transaction`, `operations[1].minutes`, or the policy setting.
    pub fn field(&self) -> Option<String> {
        let s = |f: &str| Some(f.to_owned());
        match self {
            Self::InvalidPolicy { field, .. } => Some(field.clone()),
            Self::EmptyField { field }
            | Self::EmptyText { field, .. }
            | Self::WrongBank { field, .. }
            | Self::SameBank { field, .. }
            | Self::TransferMismatch { field, .. }
            | Self::InvalidHead { field, .. } => s(field),
            Self::DuplicateAccount { .. }
            | Self::AccountNotOpen { .. }
            | Self::UnknownAccount { .. }
            | Self::NotAMemberAccount { .. }
            | Self::SameAccount { .. }
            | Self::GroupHoursDonateOnly { .. }
            | Self::StartingGrantAlreadyGiven { .. } => s("account"),
            Self::FloorBreach { .. } | Self::CapBreach { .. } | Self::Overflow { .. } => {
                s("minutes")
            }
            Self::NonPositiveAmount { field, .. } | Self::NotAMultipleOfUnit { field, .. } => {
                s(field)
            }
            Self::TransferNotAllowed { .. } => s("to"),
            Self::NothingToGrant { .. } => s("recipients"),
            Self::EmptyBatch { .. } => s("operations"),
            Self::NotAllowedInBatch { index, .. } => Some(format!("operations[{index}]")),
            Self::BatchItem { index, source, .. } => Some(match source.field() {
                Some(f) => format!("operations[{index}].{f}"),
                None => format!("operations[{index}]"),
            }),
            Self::IdempotencyConflict { .. } | Self::NotPending { .. } => s("key"),
            Self::UnknownTransaction { .. }
            | Self::AlreadyReversed { .. }
            | Self::ReversalOfReversal { .. }
            | Self::NotReversible { .. } => s("transaction"),
            Self::TimeOutOfOrder { .. } => s("at"),
            Self::SelfReview { .. } => s("reviewer"),
            Self::StartingGrantDisabled { .. }
            | Self::ClearingDisabled { .. }
            | Self::Journal(_) => None,
            Self::WrongUnit { field, .. } | Self::InvalidOperation { field, .. } => {
                Some(field.clone())
            }
            Self::PointsCapReached { .. }
            | Self::InsufficientPoints { .. }
            | Self::PointsOverflow { .. } => s("points"),
            Self::UnknownItem { .. } | Self::UnlimitedStock { .. } => s("item"),
            Self::DuplicateItem { .. } => s("item.code"),
            Self::StockShort { .. } => s("quantity"),
            Self::ClearingLimit { .. } => s("minutes"),
            Self::DuplicateTransfer { .. }
            | Self::UnknownTransfer { .. }
            | Self::TransferAlreadyApplied { .. }
            | Self::TransferRefused { .. }
            | Self::TransferSettled { .. } => s("transfer"),
        }
    }

    /// The idempotency key of the transaction at fault.
    pub fn key(&self) -> Option<&str> {
        match self {
            Self::UnknownAccount { key, .. }
            | Self::NotAMemberAccount { key, .. }
            | Self::SameAccount { key, .. }
            | Self::NonPositiveAmount { key, .. }
            | Self::NotAMultipleOfUnit { key, .. }
            | Self::FloorBreach { key, .. }
            | Self::CapBreach { key, .. }
            | Self::TransferNotAllowed { key, .. }
            | Self::GroupHoursDonateOnly { key, .. }
            | Self::StartingGrantDisabled { key }
            | Self::StartingGrantAlreadyGiven { key, .. }
            | Self::NothingToGrant { key }
            | Self::EmptyBatch { key }
            | Self::NotAllowedInBatch { key, .. }
            | Self::BatchItem { key, .. }
            | Self::Overflow { key, .. }
            | Self::IdempotencyConflict { key }
            | Self::UnknownTransaction { key, .. }
            | Self::AlreadyReversed { key, .. }
            | Self::ReversalOfReversal { key, .. }
            | Self::TimeOutOfOrder { key, .. }
            | Self::NotPending { key }
            | Self::SelfReview { key, .. }
            | Self::PointsCapReached { key, .. }
            | Self::InsufficientPoints { key, .. }
            | Self::PointsOverflow { key, .. }
            | Self::UnknownItem { key, .. }
            | Self::DuplicateItem { key, .. }
            | Self::StockShort { key, .. }
            | Self::UnlimitedStock { key, .. }
            | Self::NotReversible { key, .. }
            | Self::ClearingDisabled { key }
            | Self::WrongBank { key, .. }
            | Self::SameBank { key, .. }
            | Self::ClearingLimit { key, .. }
            | Self::DuplicateTransfer { key, .. }
            | Self::UnknownTransfer { key, .. }
            | Self::TransferAlreadyApplied { key, .. }
            | Self::TransferRefused { key, .. }
            | Self::TransferSettled { key, .. }
            | Self::TransferMismatch { key, .. }
            | Self::InvalidHead { key, .. }
            | Self::EmptyText { key, .. } => Some(key),
            Self::WrongUnit { .. }
            | Self::InvalidOperation { .. }
            | Self::InvalidPolicy { .. }
            | Self::EmptyField { .. }
            | Self::DuplicateAccount { .. }
            | Self::AccountNotOpen { .. }
            | Self::Journal(_) => None,
        }
    }

    /// The account at fault (the sender, for a transfer that is not allowed; the item's
    /// account, for a rejected batch item).
    pub fn account(&self) -> Option<AccountId> {
        match self {
            Self::DuplicateAccount { account }
            | Self::AccountNotOpen { account }
            | Self::UnknownAccount { account, .. }
            | Self::NotAMemberAccount { account, .. }
            | Self::SameAccount { account, .. }
            | Self::GroupHoursDonateOnly { account, .. }
            | Self::StartingGrantAlreadyGiven { account, .. }
            | Self::FloorBreach { account, .. }
            | Self::CapBreach { account, .. }
            | Self::Overflow { account, .. }
            | Self::PointsCapReached { account, .. }
            | Self::InsufficientPoints { account, .. }
            | Self::PointsOverflow { account, .. }
            | Self::ClearingLimit { account, .. } => Some(*account),
            Self::TransferNotAllowed { from, .. } => Some(*from),
            Self::BatchItem { source, .. } => source.account(),
            _ => None,
        }
    }

    /// The policy setting at fault, for [`LedgerError::InvalidPolicy`]; the cap met, for
    /// [`LedgerError::PointsCapReached`] (`points_daily_cap`, `points_lifetime_cap`); the
    /// limit met, for [`LedgerError::ClearingLimit`] (`clearing.member_daily_limit`, …); and
    /// `clearing.bank` for [`LedgerError::ClearingDisabled`].
    pub fn setting(&self) -> Option<&str> {
        match self {
            Self::InvalidPolicy { field, .. } => Some(field),
            Self::PointsCapReached { cap, .. } => Some(cap.setting()),
            Self::ClearingLimit { limit, .. } => Some(limit.setting()),
            Self::ClearingDisabled { .. } => Some("clearing.bank"),
            _ => None,
        }
    }

    /// The transaction a reversal named, or the one that already applied, refused or settled
    /// a clearing transfer.
    pub fn transaction(&self) -> Option<TxId> {
        match self {
            Self::UnknownTransaction { transaction, .. }
            | Self::AlreadyReversed { transaction, .. }
            | Self::ReversalOfReversal { transaction, .. }
            | Self::NotReversible { transaction, .. } => Some(*transaction),
            Self::TransferAlreadyApplied { tx, .. }
            | Self::TransferRefused { tx, .. }
            | Self::TransferSettled { tx, .. } => Some(*tx),
            _ => None,
        }
    }

    /// The clearing transfer key at fault.
    ///
    /// ```
    /// use huzhu::ledger::LedgerError;
    /// let e = LedgerError::UnknownTransfer { key: "ack-1".into(), transfer: "t9".into() };
    /// assert_eq!((e.code(), e.transfer(), e.key()), ("LEDGER_UNKNOWN_TRANSFER", Some("t9"), Some("ack-1")));
    /// assert_eq!(e.field().as_deref(), Some("transfer"));
    /// ```
    pub fn transfer(&self) -> Option<&str> {
        match self {
            Self::DuplicateTransfer { transfer, .. }
            | Self::UnknownTransfer { transfer, .. }
            | Self::TransferAlreadyApplied { transfer, .. }
            | Self::TransferRefused { transfer, .. }
            | Self::TransferSettled { transfer, .. }
            | Self::TransferMismatch { transfer, .. } => Some(transfer),
            _ => None,
        }
    }

    /// The other bank at fault: the bank named where this one was meant
    /// ([`WrongBank`](Self::WrongBank)), this bank named as the other side
    /// ([`SameBank`](Self::SameBank)), or the sending bank of a transfer applied or refused
    /// before.
    pub fn bank(&self) -> Option<BankId> {
        match self {
            Self::WrongBank { found, .. } => Some(*found),
            Self::SameBank { bank, .. } => Some(*bank),
            Self::TransferAlreadyApplied { from_bank, .. }
            | Self::TransferRefused { from_bank, .. } => Some(*from_bank),
            _ => None,
        }
    }

    /// The position of the batch item at fault, from 0.
    pub fn index(&self) -> Option<usize> {
        match self {
            Self::NotAllowedInBatch { index, .. } | Self::BatchItem { index, .. } => Some(*index),
            _ => None,
        }
    }

    /// The journal line at fault.
    pub fn line(&self) -> Option<usize> {
        match self {
            Self::Journal(j) => j.line(),
            _ => None,
        }
    }

    /// The code of the underlying error: a rejected batch item's, or a journal replay's.
    pub fn cause(&self) -> Option<&'static str> {
        match self {
            Self::BatchItem { source, .. } => Some(source.code()),
            Self::Journal(j) => j.cause(),
            _ => None,
        }
    }
}

impl JournalError {
    /// The stable code: `JOURNAL_` and the variant (`JOURNAL_HASH_MISMATCH`, …).
    pub fn code(&self) -> &'static str {
        match self {
            Self::Malformed { .. } => "JOURNAL_MALFORMED",
            Self::Sequence { .. } => "JOURNAL_SEQUENCE",
            Self::BrokenChain { .. } => "JOURNAL_BROKEN_CHAIN",
            Self::HashMismatch { .. } => "JOURNAL_HASH_MISMATCH",
            Self::MissingHeader { .. } => "JOURNAL_MISSING_HEADER",
            Self::UnsupportedFormat { .. } => "JOURNAL_UNSUPPORTED_FORMAT",
            Self::UnexpectedHeader { .. } => "JOURNAL_UNEXPECTED_HEADER",
            Self::MissingSeal { .. } => "JOURNAL_MISSING_SEAL",
            Self::SealMismatch { .. } => "JOURNAL_SEAL_MISMATCH",
            Self::TrailingAfterSeal { .. } => "JOURNAL_TRAILING_AFTER_SEAL",
            Self::Replay { .. } => "JOURNAL_REPLAY",
            Self::ReplayMismatch { .. } => "JOURNAL_REPLAY_MISMATCH",
            Self::Encode { .. } => "JOURNAL_ENCODE",
        }
    }

    /// The record at fault: `journal line 3`.
    pub fn record(&self) -> Option<String> {
        self.line().map(|l| format!("journal line {l}"))
    }

    /// The code of the ledger error a replayed line met.
    pub fn cause(&self) -> Option<&'static str> {
        match self {
            Self::Replay { source, .. } => Some(source.code()),
            _ => None,
        }
    }

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
