//! The rules engine: turns an operation into postings against a scratch copy of the balances,
//! checking every rule, without touching the ledger. Nothing is applied unless the whole plan
//! succeeds.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::account::{Account, AccountId};
use super::clearing::ClearingChange;
use super::error::LedgerError;
use super::operations::Ledger;
use super::overlay::Overlay;
use super::points::{CatalogueItem, PointsCap, Unit};
use super::policy::TransferRule;
use super::transaction::{Operation, OperationKind, Posting, TxId};

/// The validated effect of one operation, ready to apply.
#[derive(Debug)]
pub(crate) struct Plan {
    /// The postings, in order; they sum to zero.
    pub postings: Vec<Posting>,
    /// Final balances of the accounts touched.
    pub balances: Overlay,
    /// Accounts receiving their starting grant.
    pub granted: BTreeSet<AccountId>,
    /// The transaction this one reverses, if any.
    pub reverses: Option<TxId>,
    /// Final points balances of the accounts touched.
    pub point_balances: BTreeMap<AccountId, i64>,
    /// New lifetime points-earned totals of the accounts touched.
    pub earned: BTreeMap<AccountId, i64>,
    /// New points-earned totals per account and calendar day.
    pub earned_daily: BTreeMap<(AccountId, NaiveDate), i64>,
    /// New states of the catalogue items touched.
    pub items: BTreeMap<String, CatalogueItem>,
    /// The clearing record a clearing operation adds or settles.
    pub clearing: Option<ClearingChange>,
}

/// Builds a [`Plan`] over a scratch overlay of the ledger's balances.
pub(crate) struct Planner<'a> {
    pub(super) ledger: &'a Ledger,
    key: &'a str,
    /// The calendar day the transaction would be posted on (for the daily points cap and the
    /// daily clearing limits).
    pub(super) day: NaiveDate,
    pub(super) plan: Plan,
}

impl<'a> Planner<'a> {
    /// Plans `operation` for the request with `key`, or says why it is rejected.
    pub(crate) fn plan(
        ledger: &'a Ledger,
        key: &'a str,
        day: NaiveDate,
        operation: &Operation,
    ) -> Result<Plan, LedgerError> {
        let mut planner = Planner {
            ledger,
            key,
            day,
            plan: Plan {
                postings: Vec::new(),
                balances: Overlay::default(),
                granted: BTreeSet::new(),
                reverses: None,
                point_balances: BTreeMap::new(),
                earned: BTreeMap::new(),
                earned_daily: BTreeMap::new(),
                items: BTreeMap::new(),
                clearing: None,
            },
        };
        planner.operation(operation)?;
        Ok(planner.plan)
    }

    pub(super) fn key(&self) -> String {
        self.key.to_owned()
    }

    pub(super) fn balance(&self, account: AccountId) -> i64 {
        self.plan
            .balances
            .get(account)
            .or_else(|| self.ledger.balances.get(&account).copied())
            .unwrap_or(0)
    }

    fn floor(&self, account: AccountId) -> Option<i64> {
        match account {
            AccountId::Fund | AccountId::Clearing(_) => None,
            AccountId::DonationPool => Some(0),
            _ => Some(self.ledger.policy.floor()),
        }
    }

    fn cap(&self, account: AccountId) -> Option<i64> {
        if account.is_member() {
            self.ledger.policy.cap()
        } else {
            None
        }
    }

    pub(super) fn account(&self, account: AccountId) -> Result<&'a Account, LedgerError> {
        self.ledger
            .accounts
            .get(&account)
            .ok_or_else(|| LedgerError::UnknownAccount {
                key: self.key(),
                account,
            })
    }

    pub(super) fn member(&self, account: AccountId) -> Result<&'a Account, LedgerError> {
        let found = self.account(account)?;
        if account.is_member() {
            Ok(found)
        } else {
            Err(LedgerError::NotAMemberAccount {
                key: self.key(),
                account,
            })
        }
    }

    pub(super) fn not_group(&self, account: &Account) -> Result<(), LedgerError> {
        if account.is_group() && self.ledger.policy.group_donate_only() {
            Err(LedgerError::GroupHoursDonateOnly {
                key: self.key(),
                account: account.id(),
            })
        } else {
            Ok(())
        }
    }

    pub(super) fn amount(&self, field: &'static str, amount: i64) -> Result<(), LedgerError> {
        let unit = self.ledger.policy.unit();
        if amount <= 0 {
            Err(LedgerError::NonPositiveAmount {
                key: self.key(),
                field,
                amount,
            })
        } else if unit > 0 && amount % unit != 0 {
            Err(LedgerError::NotAMultipleOfUnit {
                key: self.key(),
                field,
                amount,
                unit,
            })
        } else {
            Ok(())
        }
    }

    /// Adds `amount` (signed) to `account` in the scratch balances, enforcing overflow, floor
    /// and cap, without recording a posting. The amount is an `i128` because a reversal's net
    /// change can lie outside `i64` (undoing a net `i64::MIN`) while the balance it leads to
    /// does not.
    fn check(&mut self, account: AccountId, amount: i128) -> Result<(), LedgerError> {
        let balance = self.balance(account);
        let new =
            i64::try_from(i128::from(balance) + amount).map_err(|_| LedgerError::Overflow {
                key: self.key(),
                account,
            })?;
        // Errors report the amount as an i64, saturated (only a reversal's net can exceed it).
        let reported =
            |x: i128| i64::try_from(x).unwrap_or(if x < 0 { i64::MIN } else { i64::MAX });
        if amount < 0
            && let Some(floor) = self.floor(account)
            && new < floor
        {
            return Err(LedgerError::FloorBreach {
                key: self.key(),
                account,
                balance,
                amount: reported(-amount),
                floor,
            });
        }
        if amount > 0
            && let Some(cap) = self.cap(account)
            && new > cap
        {
            return Err(LedgerError::CapBreach {
                key: self.key(),
                account,
                balance,
                amount: reported(amount),
                cap,
            });
        }
        self.plan.balances.insert(account, new);
        Ok(())
    }

    /// Adds `amount` (signed) to `account`, enforcing overflow, floor and cap, and records
    /// the posting.
    pub(super) fn post(
        &mut self,
        account: AccountId,
        amount: i64,
        cap_excess: bool,
    ) -> Result<(), LedgerError> {
        self.check(account, i128::from(amount))?;
        self.plan
            .postings
            .push(Posting::new(account, amount, cap_excess));
        Ok(())
    }

    fn operation(&mut self, operation: &Operation) -> Result<(), LedgerError> {
        match operation {
            Operation::Earn {
                account, minutes, ..
            } => self.earn(*account, *minutes),
            Operation::Redeem {
                account, minutes, ..
            } => self.redeem(*account, *minutes),
            Operation::Transfer { from, to, minutes } => self.transfer(*from, *to, *minutes),
            Operation::Donate { from, minutes } => self.donate(*from, *minutes),
            Operation::StartingGrant { to } => self.starting_grant(*to),
            Operation::PoolGrant {
                recipients,
                minutes_each,
            } => self.pool_grant(recipients, *minutes_each),
            Operation::Batch { operations } => self.batch(operations),
            Operation::Reverse { transaction } => self.reverse(*transaction),
            Operation::EarnPoints {
                account,
                rule,
                points,
            } => self.earn_points(*account, rule, *points),
            Operation::Exchange {
                account,
                item,
                quantity,
            } => self.exchange(*account, item, *quantity),
            Operation::ListItem { item } => self.list_item(item),
            Operation::Restock { item, quantity } => self.restock(item, *quantity),
            Operation::ClearingPrepare { .. }
            | Operation::ClearingApply { .. }
            | Operation::ClearingRefuse { .. }
            | Operation::ClearingAcknowledge { .. }
            | Operation::ClearingCancel { .. } => self.clearing(operation),
        }
    }

    fn point_balance(&self, account: AccountId) -> i64 {
        self.plan
            .point_balances
            .get(&account)
            .or_else(|| self.ledger.point_balances.get(&account))
            .copied()
            .unwrap_or(0)
    }

    fn earned(&self, account: AccountId) -> i64 {
        self.plan
            .earned
            .get(&account)
            .or_else(|| self.ledger.points_earned.get(&account))
            .copied()
            .unwrap_or(0)
    }

    fn earned_on(&self, account: AccountId, day: NaiveDate) -> i64 {
        self.plan
            .earned_daily
            .get(&(account, day))
            .or_else(|| self.ledger.points_earned_daily.get(&(account, day)))
            .copied()
            .unwrap_or(0)
    }

    fn item(&self, code: &str) -> Result<CatalogueItem, LedgerError> {
        self.plan
            .items
            .get(code)
            .or_else(|| self.ledger.catalogue.get(code))
            .cloned()
            .ok_or_else(|| LedgerError::UnknownItem {
                key: self.key(),
                item: code.to_owned(),
            })
    }

    /// Adds `amount` (signed) points to `account` in the scratch balances: member accounts may
    /// not go below 0; the fund has no floor; nothing has a cap (earning is capped instead).
    fn check_points(&mut self, account: AccountId, amount: i128) -> Result<(), LedgerError> {
        let balance = self.point_balance(account);
        let new = i64::try_from(i128::from(balance) + amount).map_err(|_| {
            LedgerError::PointsOverflow {
                key: self.key(),
                account,
            }
        })?;
        if amount < 0 && account.is_member() && new < 0 {
            return Err(LedgerError::InsufficientPoints {
                key: self.key(),
                account,
                balance,
                amount: i64::try_from(-amount).unwrap_or(i64::MAX),
            });
        }
        self.plan.point_balances.insert(account, new);
        Ok(())
    }

    fn post_points(&mut self, account: AccountId, amount: i64) -> Result<(), LedgerError> {
        self.check_points(account, i128::from(amount))?;
        self.plan.postings.push(Posting::points(account, amount));
        Ok(())
    }

    fn count_earned(&mut self, account: AccountId, day: NaiveDate, change: i64) {
        let total = self.earned(account).saturating_add(change);
        let on_day = self.earned_on(account, day).saturating_add(change);
        self.plan.earned.insert(account, total);
        self.plan.earned_daily.insert((account, day), on_day);
    }

    fn earn_points(
        &mut self,
        account: AccountId,
        rule: &str,
        points: i64,
    ) -> Result<(), LedgerError> {
        self.member(account)?;
        if rule.is_empty() {
            return Err(LedgerError::EmptyText {
                key: self.key(),
                field: "rule",
            });
        }
        if points <= 0 {
            return Err(LedgerError::NonPositiveAmount {
                key: self.key(),
                field: "points",
                amount: points,
            });
        }
        let policy = &self.ledger.policy;
        let day = self.day;
        let room = |cap: Option<i64>, earned: i64| cap.map(|c| c.saturating_sub(earned).max(0));
        let lifetime = (policy.points_lifetime_cap(), self.earned(account));
        let daily = (policy.points_daily_cap(), self.earned_on(account, day));
        let mut credited = points;
        for (which, (cap, earned)) in [(PointsCap::Lifetime, lifetime), (PointsCap::Daily, daily)] {
            if let Some(room) = room(cap, earned) {
                if room == 0 {
                    return Err(LedgerError::PointsCapReached {
                        key: self.key(),
                        account,
                        cap: which,
                        limit: cap.unwrap_or(0),
                        earned,
                    });
                }
                credited = credited.min(room);
            }
        }
        self.post_points(AccountId::Fund, credited.saturating_neg())?;
        self.post_points(account, credited)?;
        self.count_earned(account, day, credited);
        Ok(())
    }

    fn quantity(&self, quantity: u32) -> Result<(), LedgerError> {
        if quantity == 0 {
            Err(LedgerError::NonPositiveAmount {
                key: self.key(),
                field: "quantity",
                amount: 0,
            })
        } else {
            Ok(())
        }
    }

    fn exchange(
        &mut self,
        account: AccountId,
        code: &str,
        quantity: u32,
    ) -> Result<(), LedgerError> {
        self.member(account)?;
        self.quantity(quantity)?;
        let mut item = self.item(code)?;
        if let Some(stock) = item.stock {
            if stock < quantity {
                return Err(LedgerError::StockShort {
                    key: self.key(),
                    item: code.to_owned(),
                    stock,
                    quantity,
                });
            }
            item.stock = Some(stock - quantity);
        }
        let total = item.price.checked_mul(i64::from(quantity)).ok_or_else(|| {
            LedgerError::PointsOverflow {
                key: self.key(),
                account,
            }
        })?;
        self.post_points(account, total.saturating_neg())?;
        self.post_points(AccountId::Fund, total)?;
        self.plan.items.insert(code.to_owned(), item);
        Ok(())
    }

    fn list_item(&mut self, item: &CatalogueItem) -> Result<(), LedgerError> {
        if item.code.is_empty() {
            return Err(LedgerError::EmptyText {
                key: self.key(),
                field: "item.code",
            });
        }
        if item.name.is_empty() {
            return Err(LedgerError::EmptyText {
                key: self.key(),
                field: "item.name",
            });
        }
        if item.price <= 0 {
            return Err(LedgerError::NonPositiveAmount {
                key: self.key(),
                field: "item.price",
                amount: item.price,
            });
        }
        if self.item(&item.code).is_ok() {
            return Err(LedgerError::DuplicateItem {
                key: self.key(),
                item: item.code.clone(),
            });
        }
        self.plan.items.insert(item.code.clone(), item.clone());
        Ok(())
    }

    fn restock(&mut self, code: &str, quantity: u32) -> Result<(), LedgerError> {
        self.quantity(quantity)?;
        let mut item = self.item(code)?;
        let Some(stock) = item.stock else {
            return Err(LedgerError::UnlimitedStock {
                key: self.key(),
                item: code.to_owned(),
            });
        };
        item.stock =
            Some(
                stock
                    .checked_add(quantity)
                    .ok_or_else(|| LedgerError::PointsOverflow {
                        key: self.key(),
                        account: AccountId::Fund,
                    })?,
            );
        self.plan.items.insert(code.to_owned(), item);
        Ok(())
    }

    /// Undoes the catalogue effect of one operation of a reversed transaction: an exchange's
    /// stock comes back, a restock's goes away again (refused when it was sold since).
    fn undo_stock(&mut self, operation: &Operation) -> Result<(), LedgerError> {
        let (code, quantity, back) = match operation {
            Operation::Exchange { item, quantity, .. } => (item, *quantity, true),
            Operation::Restock { item, quantity } => (item, *quantity, false),
            Operation::Batch { operations } => {
                for op in operations.iter().rev() {
                    self.undo_stock(op)?;
                }
                return Ok(());
            }
            _ => return Ok(()),
        };
        let mut item = self.item(code)?;
        let Some(stock) = item.stock else {
            return Ok(());
        };
        let new = if back {
            stock
                .checked_add(quantity)
                .ok_or_else(|| LedgerError::PointsOverflow {
                    key: self.key(),
                    account: AccountId::Fund,
                })?
        } else {
            stock
                .checked_sub(quantity)
                .ok_or_else(|| LedgerError::StockShort {
                    key: self.key(),
                    item: code.clone(),
                    stock,
                    quantity,
                })?
        };
        item.stock = Some(new);
        self.plan.items.insert(code.clone(), item);
        Ok(())
    }

    fn earn(&mut self, account: AccountId, minutes: i64) -> Result<(), LedgerError> {
        self.member(account)?;
        self.amount("minutes", minutes)?;
        let room = self.cap(account).map_or(minutes, |cap| {
            cap.saturating_sub(self.balance(account)).max(0)
        });
        let credited = minutes.min(room);
        let excess = minutes - credited;
        self.post(AccountId::Fund, minutes.saturating_neg(), false)?;
        if credited > 0 {
            self.post(account, credited, false)?;
        }
        if excess > 0 {
            self.post(AccountId::DonationPool, excess, true)?;
        }
        Ok(())
    }

    fn redeem(&mut self, account: AccountId, minutes: i64) -> Result<(), LedgerError> {
        let holder = self.member(account)?;
        self.not_group(holder)?;
        self.amount("minutes", minutes)?;
        self.post(account, minutes.saturating_neg(), false)?;
        self.post(AccountId::Fund, minutes, false)
    }

    fn transfer(
        &mut self,
        from: AccountId,
        to: AccountId,
        minutes: i64,
    ) -> Result<(), LedgerError> {
        let sender = self.member(from)?;
        let recipient = self.member(to)?;
        if from == to {
            return Err(LedgerError::SameAccount {
                key: self.key(),
                account: from,
            });
        }
        self.not_group(sender)?;
        let rule = self.ledger.policy.transfer_rule();
        let allowed = match rule {
            TransferRule::Anyone => true,
            TransferRule::Nobody => false,
            TransferRule::FamilyOnly => sender.is_family_of(to) || recipient.is_family_of(from),
        };
        if !allowed {
            return Err(LedgerError::TransferNotAllowed {
                key: self.key(),
                from,
                to,
                rule,
            });
        }
        self.amount("minutes", minutes)?;
        self.post(from, minutes.saturating_neg(), false)?;
        self.post(to, minutes, false)
    }

    fn donate(&mut self, from: AccountId, minutes: i64) -> Result<(), LedgerError> {
        self.member(from)?;
        self.amount("minutes", minutes)?;
        self.post(from, minutes.saturating_neg(), false)?;
        self.post(AccountId::DonationPool, minutes, false)
    }

    fn starting_grant(&mut self, to: AccountId) -> Result<(), LedgerError> {
        let grant = self.ledger.policy.starting_grant();
        if grant <= 0 {
            return Err(LedgerError::StartingGrantDisabled { key: self.key() });
        }
        self.member(to)?;
        if self.ledger.granted.contains(&to) || self.plan.granted.contains(&to) {
            return Err(LedgerError::StartingGrantAlreadyGiven {
                key: self.key(),
                account: to,
            });
        }
        self.post(AccountId::Fund, grant.saturating_neg(), false)?;
        self.post(to, grant, false)?;
        self.plan.granted.insert(to);
        Ok(())
    }

    fn pool_grant(
        &mut self,
        recipients: &[AccountId],
        minutes_each: i64,
    ) -> Result<(), LedgerError> {
        self.amount("minutes_each", minutes_each)?;
        let mut order = recipients
            .iter()
            .map(|&id| self.member(id))
            .collect::<Result<Vec<_>, _>>()?;
        crate::cold::sort_by_key(&mut order, |account| (!account.is_priority(), account.id()));
        order.dedup_by_key(|account| account.id());
        let before = self.plan.postings.len();
        for recipient in order {
            let pool = self.balance(AccountId::DonationPool);
            if pool <= 0 {
                break;
            }
            let id = recipient.id();
            let room = self
                .cap(id)
                .map_or(i64::MAX, |cap| cap.saturating_sub(self.balance(id)).max(0));
            let give = minutes_each.min(pool).min(room);
            if give > 0 {
                self.post(AccountId::DonationPool, give.saturating_neg(), false)?;
                self.post(id, give, false)?;
            }
        }
        if self.plan.postings.len() == before {
            return Err(LedgerError::NothingToGrant { key: self.key() });
        }
        Ok(())
    }

    fn batch(&mut self, operations: &[Operation]) -> Result<(), LedgerError> {
        if operations.is_empty() {
            return Err(LedgerError::EmptyBatch { key: self.key() });
        }
        if let Some((index, operation)) = operations.iter().enumerate().find(|(_, op)| {
            matches!(op, Operation::Batch { .. } | Operation::Reverse { .. })
                || op.kind().is_clearing()
        }) {
            return Err(LedgerError::NotAllowedInBatch {
                key: self.key(),
                index,
                operation: operation.kind(),
            });
        }
        for (index, operation) in operations.iter().enumerate() {
            self.operation(operation)
                .map_err(|source| LedgerError::BatchItem {
                    key: self.key(),
                    index,
                    source: Box::new(source),
                })?;
        }
        Ok(())
    }

    fn reverse(&mut self, transaction: TxId) -> Result<(), LedgerError> {
        let ledger = self.ledger;
        let original =
            ledger
                .transaction(transaction)
                .ok_or_else(|| LedgerError::UnknownTransaction {
                    key: self.key(),
                    transaction,
                })?;
        if let Some(&reversal) = ledger.reversed_by.get(&transaction) {
            return Err(LedgerError::AlreadyReversed {
                key: self.key(),
                transaction,
                reversal,
            });
        }
        if matches!(original.operation, Operation::Reverse { .. }) {
            return Err(LedgerError::ReversalOfReversal {
                key: self.key(),
                transaction,
            });
        }
        // A listing cannot be undone; a clearing operation is undone only by the protocol
        // (a cancel), never by a reversal, which would give minutes back twice.
        let fixed = |op: &Operation| {
            let kind = op.kind();
            (kind == OperationKind::ListItem || kind.is_clearing()).then_some(kind)
        };
        let fixed = match &original.operation {
            Operation::Batch { operations } => operations.iter().find_map(fixed),
            op => fixed(op),
        };
        if let Some(operation) = fixed {
            return Err(LedgerError::NotReversible {
                key: self.key(),
                transaction,
                operation,
            });
        }
        // The net effect on each account decides floor, cap and overflow: a reversal is one
        // correction, so it is not held to the path the original took through a batch.
        // Summed in i128: undoing a net i64::MIN is i64::MAX + 1.
        let mut net: BTreeMap<(Unit, AccountId), i128> = BTreeMap::new();
        for posting in &original.postings {
            *net.entry((posting.unit, posting.account)).or_insert(0) -= i128::from(posting.amount);
        }
        for (&(unit, account), &change) in &net {
            match unit {
                Unit::Minutes => self.check(account, change)?,
                Unit::Points => self.check_points(account, change)?,
            }
        }
        self.undo_stock(&original.operation)?;
        // Points earned and reversed no longer count towards the caps.
        let day = original.posted_at.date();
        for posting in &original.postings {
            if posting.unit == Unit::Points && posting.account.is_member() && posting.amount > 0 {
                self.count_earned(posting.account, day, posting.amount.saturating_neg());
            }
        }
        for posting in original.postings.iter().rev() {
            let amount = posting
                .amount
                .checked_neg()
                .ok_or_else(|| match posting.unit {
                    Unit::Minutes => LedgerError::Overflow {
                        key: self.key(),
                        account: posting.account,
                    },
                    Unit::Points => LedgerError::PointsOverflow {
                        key: self.key(),
                        account: posting.account,
                    },
                })?;
            self.plan.postings.push(Posting {
                amount,
                cap_excess: false,
                ..*posting
            });
        }
        self.plan.reverses = Some(transaction);
        Ok(())
    }
}
