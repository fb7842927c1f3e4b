//! Statements and balances at a past time.

use chrono::NaiveDateTime;

use super::account::AccountId;
use super::error::LedgerError;
use super::operations::Ledger;
use super::points::Unit;
use super::transaction::{OperationKind, TxId};

/// One posting on a statement, with the balance after it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct StatementLine {
    /// The transaction.
    pub tx: TxId,
    /// When it was posted.
    pub at: NaiveDateTime,
    /// What kind of operation it was.
    pub kind: OperationKind,
    /// The client key.
    pub key: String,
    /// Who operated.
    pub operator: String,
    /// Why.
    pub memo: String,
    /// The signed amount for this account.
    pub amount: i64,
    /// The running balance after this posting.
    pub balance: i64,
}

/// The postings of one account over a time range, with running balance.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Statement {
    /// The account.
    pub account: AccountId,
    /// Start of the range (inclusive).
    pub from: NaiveDateTime,
    /// End of the range (exclusive).
    pub until: NaiveDateTime,
    /// Balance just before `from`.
    pub opening: i64,
    /// One line per posting to the account in the range, in posting order.
    pub lines: Vec<StatementLine>,
    /// Balance after the last line (the opening balance if there are none).
    pub closing: i64,
    /// The unit of every amount and balance on the statement. Left out of JSON for minutes.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Unit::is_minutes")
    )]
    pub unit: Unit,
}

impl Ledger {
    /// The statement of `account` in minutes for postings at `from <= posted_at < until`
    /// (points: [`statement_in`](Self::statement_in)).
    ///
    /// When `until <= from` the statement has no lines.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use huzhu::ledger::{Account, AccountId, Ledger, LedgerPolicy, TxMeta};
    /// use huzhu::model::{NeedId, VolunteerId};
    ///
    /// let day = |d| NaiveDate::from_ymd_opt(2025, 3, d).unwrap().and_hms_opt(9, 0, 0).unwrap();
    /// let mut ledger = Ledger::new(LedgerPolicy::default())?;
    /// let v = AccountId::Volunteer(VolunteerId(1));
    /// ledger.open_account(Account::new(v))?;
    /// ledger.earn(TxMeta::new("e1", "desk", day(1)), v, NeedId(1), 60)?;
    /// ledger.earn(TxMeta::new("e2", "desk", day(2)), v, NeedId(2), 30)?;
    /// ledger.redeem(TxMeta::new("r1", "desk", day(3)), v, 45, None)?;
    ///
    /// let s = ledger.statement(v, day(2), day(4))?;
    /// assert_eq!(s.opening, 60);
    /// assert_eq!(s.lines.iter().map(|l| l.balance).collect::<Vec<_>>(), [90, 45]);
    /// assert_eq!(s.closing, 45);
    /// assert_eq!(ledger.balance_at(v, day(2))?, 90);
    /// # Ok::<(), huzhu::ledger::LedgerError>(())
    /// ```
    pub fn statement(
        &self,
        account: AccountId,
        from: NaiveDateTime,
        until: NaiveDateTime,
    ) -> Result<Statement, LedgerError> {
        self.statement_in(account, Unit::Minutes, from, until)
    }

    /// The statement of `account` in `unit`; [`statements`](Self::statements) gives both.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use huzhu::ledger::{Account, AccountId, Ledger, LedgerPolicy, TxMeta, Unit};
    /// use huzhu::model::{NeedId, ResidentId};
    ///
    /// let day = |d| NaiveDate::from_ymd_opt(2025, 3, d).unwrap().and_hms_opt(9, 0, 0).unwrap();
    /// let mut ledger = Ledger::new(LedgerPolicy::default())?;
    /// let r = AccountId::Resident(ResidentId(1));
    /// ledger.open_account(Account::new(r))?;
    /// ledger.earn(TxMeta::new("e1", "desk", day(1)), r, NeedId(1), 60)?;
    /// ledger.earn_points(TxMeta::new("p1", "desk", day(1)), r, "meeting", 2)?;
    /// ledger.earn_points(TxMeta::new("p2", "desk", day(2)), r, "activity", 2)?;
    ///
    /// let points = ledger.statement_in(r, Unit::Points, day(1), day(3))?;
    /// assert_eq!(points.lines.iter().map(|l| l.balance).collect::<Vec<_>>(), [2, 4]);
    /// let [minutes, points] = ledger.statements(r, day(1), day(3))?;
    /// assert_eq!((minutes.closing, points.closing), (60, 4));
    /// assert_eq!(ledger.balance_at_in(r, Unit::Points, day(1))?, 2);
    /// // A range that ends before it starts is refused, naming `until`.
    /// let e = ledger.statement_in(r, Unit::Points, day(3), day(1)).unwrap_err();
    /// assert_eq!((e.code(), e.field().as_deref()), ("LEDGER_INVALID_OPERATION", Some("until")));
    /// # Ok::<(), huzhu::ledger::LedgerError>(())
    /// ```
    pub fn statement_in(
        &self,
        account: AccountId,
        unit: Unit,
        from: NaiveDateTime,
        until: NaiveDateTime,
    ) -> Result<Statement, LedgerError> {
        self.balance_in(account, unit)?;
        if until < from {
            // A reversed range is refused, not read as an empty statement.
            return Err(LedgerError::InvalidOperation {
                field: "until".into(),
                reason: format!("{until} is before `from` ({from})"),
            });
        }
        let mut opening = 0i64;
        let mut balance = 0i64;
        let mut lines = Vec::new();
        for tx in self.postings_of(account) {
            if tx.posted_at >= until && tx.posted_at >= from {
                break;
            }
            for posting in tx
                .postings
                .iter()
                .filter(|p| p.account == account && p.unit == unit)
            {
                balance = balance.saturating_add(posting.amount);
                if tx.posted_at < from {
                    opening = balance;
                } else if tx.posted_at < until {
                    lines.push(StatementLine {
                        tx: tx.id,
                        at: tx.posted_at,
                        kind: tx.operation.kind(),
                        key: tx.meta.key.clone(),
                        operator: tx.meta.operator.clone(),
                        memo: tx.meta.memo.clone(),
                        amount: posting.amount,
                        balance,
                    });
                }
            }
        }
        let closing = lines.last().map_or(opening, |line| line.balance);
        Ok(Statement {
            account,
            from,
            until,
            opening,
            lines,
            closing,
            unit,
        })
    }

    /// Both statements of `account`: minutes, then points. An account that holds only one
    /// unit (the donation pool) is [`AccountNotOpen`](LedgerError::AccountNotOpen) here; ask
    /// [`statement_in`](Self::statement_in) for its unit. Example on
    /// [`statement_in`](Self::statement_in).
    pub fn statements(
        &self,
        account: AccountId,
        from: NaiveDateTime,
        until: NaiveDateTime,
    ) -> Result<[Statement; 2], LedgerError> {
        Ok([
            self.statement_in(account, Unit::Minutes, from, until)?,
            self.statement_in(account, Unit::Points, from, until)?,
        ])
    }

    /// The minutes balance of `account` including every transaction posted at or before `at`.
    pub fn balance_at(&self, account: AccountId, at: NaiveDateTime) -> Result<i64, LedgerError> {
        self.balance_at_in(account, Unit::Minutes, at)
    }

    /// The balance of `account` in `unit` including every transaction posted at or before
    /// `at`. Example on [`statement_in`](Self::statement_in).
    pub fn balance_at_in(
        &self,
        account: AccountId,
        unit: Unit,
        at: NaiveDateTime,
    ) -> Result<i64, LedgerError> {
        self.balance_in(account, unit)?;
        Ok(self
            .postings_of(account)
            .take_while(|tx| tx.posted_at <= at)
            .fold(0i64, |sum, tx| sum.saturating_add(tx.net_in(account, unit))))
    }

    fn postings_of(
        &self,
        account: AccountId,
    ) -> impl Iterator<Item = &super::transaction::Transaction> + '_ {
        self.by_account
            .get(&account)
            .into_iter()
            .flatten()
            .filter_map(|&index| self.transactions.get(index))
    }
}
