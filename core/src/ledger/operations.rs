//! The ledger itself: state, operations and queries.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{NaiveDate, NaiveDateTime};

use super::account::{Account, AccountId};
use super::clearing::ClearingBook;
use super::error::LedgerError;
use super::plan::{Plan, Planner};
use super::points::{CatalogueItem, Unit};
use super::policy::LedgerPolicy;
use super::transaction::{Operation, PendingTransaction, Receipt, Transaction, TxId, TxMeta};
use crate::model::NeedId;

/// One state-changing call, in order; the journal is written from these.
///
/// A request that posted at once is recorded by its transaction id alone: the transaction
/// holds the request (key, operator, time, memo, operation), so the ledger keeps it once.
///
/// The rarer variants are boxed so that the common one, [`Event::Posted`], stays small.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Event {
    /// An account was opened.
    Open(Box<Account>),
    /// A request was accepted and posted at once as this transaction.
    Posted(TxId),
    /// A request was accepted and left pending. It keeps its own copy of the request: the
    /// pending entry moves into a transaction when the last approval posts it.
    Pending(Box<PendingEvent>),
    /// A reviewer's approval was recorded (and may have posted the transaction).
    Approve(Box<ApproveEvent>),
}

/// A request left pending for review, as submitted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PendingEvent {
    pub(crate) meta: TxMeta,
    pub(crate) operation: Operation,
    pub(crate) receipt: Receipt,
}

/// A reviewer's approval.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ApproveEvent {
    pub(crate) key: String,
    pub(crate) reviewer: String,
    pub(crate) at: NaiveDateTime,
    pub(crate) receipt: Receipt,
}

impl Event {
    /// The transaction this event posted, if any.
    #[cfg(feature = "serde")]
    pub(crate) fn posted(&self) -> Option<TxId> {
        match self {
            Self::Open(_) => None,
            Self::Posted(tx) => Some(*tx),
            Self::Pending(event) => event.receipt.tx(),
            Self::Approve(event) => event.receipt.tx(),
        }
    }
}

/// A time-bank ledger: immutable double entry in integer minutes.
///
/// Every operation becomes one transaction whose postings sum to zero, so the sum of all
/// balances is always 0. Balances are derived from the postings and cached. Every request
/// carries a client key ([`TxMeta`]) that makes it idempotent. A rejected request changes
/// nothing. Corrections are made by [`reverse`](Self::reverse), never by deletion.
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::ledger::{Account, AccountId, Ledger, LedgerPolicy, TxMeta};
/// use huzhu::model::{NeedId, ResidentId, VolunteerId};
///
/// let day = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
/// let at = |h| day.and_hms_opt(h, 0, 0).unwrap();
///
/// let mut ledger = Ledger::new(LedgerPolicy::default().with_cap(600))?;
/// let wang = AccountId::Volunteer(VolunteerId(1));
/// let mother = AccountId::Resident(ResidentId(7));
/// ledger.open_account(Account::new(wang).with_family([mother]))?;
/// ledger.open_account(Account::new(mother).with_priority(true))?;
///
/// // Wang earns 540 minutes, then 120 more: 60 of those exceed the cap of 600.
/// ledger.earn(TxMeta::new("e1", "desk:li", at(9)), wang, NeedId(1), 540)?;
/// ledger.earn(TxMeta::new("e2", "desk:li", at(10)), wang, NeedId(2), 120)?;
/// assert_eq!(ledger.balance(wang)?, 600);
/// assert_eq!(ledger.balance(AccountId::DonationPool)?, 60);
///
/// // He gives 90 minutes to his mother, who spends 30.
/// ledger.transfer(TxMeta::new("t1", "desk:li", at(11)), wang, mother, 90)?;
/// ledger.redeem(TxMeta::new("r1", "desk:li", at(12)), mother, 30, None)?;
/// assert_eq!(ledger.balance(mother)?, 60);
/// assert_eq!(ledger.balance(AccountId::Fund)?, -630);
/// assert_eq!(ledger.total_balance(), 0);
/// # Ok::<(), huzhu::ledger::LedgerError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ledger {
    pub(crate) policy: LedgerPolicy,
    pub(crate) accounts: BTreeMap<AccountId, Account>,
    pub(crate) balances: BTreeMap<AccountId, i64>,
    pub(crate) transactions: Vec<Transaction>,
    /// For each account, indices into `transactions` of those that post to it, ascending.
    pub(crate) by_account: BTreeMap<AccountId, Vec<usize>>,
    /// Every accepted client key, and the transaction it posted (`None` while pending). The
    /// request itself is read from the transaction or the pending entry.
    pub(crate) keys: BTreeMap<String, Option<TxId>>,
    pub(crate) pending: BTreeMap<String, PendingTransaction>,
    pub(crate) reversed_by: BTreeMap<TxId, TxId>,
    pub(crate) granted: BTreeSet<AccountId>,
    pub(crate) latest: Option<NaiveDateTime>,
    pub(crate) events: Vec<Event>,
    /// Points balances: every member and the fund (the points issuer), from 0.
    pub(crate) point_balances: BTreeMap<AccountId, i64>,
    /// Points earned per member in all, net of reversed earns.
    pub(crate) points_earned: BTreeMap<AccountId, i64>,
    /// Points earned per member and calendar day, net of reversed earns.
    pub(crate) points_earned_daily: BTreeMap<(AccountId, NaiveDate), i64>,
    /// The exchange catalogue, by item code.
    pub(crate) catalogue: BTreeMap<String, CatalogueItem>,
    /// Transfers to and from other banks, and what the clearing limits count.
    pub(crate) clearing: ClearingBook,
}

impl Ledger {
    /// An empty ledger under `policy`, with the fund and the donation pool open at 0.
    pub fn new(policy: LedgerPolicy) -> Result<Self, LedgerError> {
        policy.validate()?;
        let mut ledger = Self {
            policy,
            accounts: BTreeMap::new(),
            balances: BTreeMap::new(),
            transactions: Vec::new(),
            by_account: BTreeMap::new(),
            keys: BTreeMap::new(),
            pending: BTreeMap::new(),
            reversed_by: BTreeMap::new(),
            granted: BTreeSet::new(),
            latest: None,
            events: Vec::new(),
            point_balances: BTreeMap::new(),
            points_earned: BTreeMap::new(),
            points_earned_daily: BTreeMap::new(),
            catalogue: BTreeMap::new(),
            clearing: ClearingBook::default(),
        };
        for id in [AccountId::Fund, AccountId::DonationPool] {
            ledger.accounts.insert(id, Account::new(id));
            ledger.balances.insert(id, 0);
        }
        ledger.point_balances.insert(AccountId::Fund, 0);
        Ok(ledger)
    }

    /// The policy in force.
    pub fn policy(&self) -> &LedgerPolicy {
        &self.policy
    }

    /// Opens a member account (or a [clearing account](AccountId::Clearing), which holds
    /// minutes only) with balance 0.
    ///
    /// Errors: [`DuplicateAccount`](LedgerError::DuplicateAccount) if it is already open
    /// (the fund and the donation pool always are).
    pub fn open_account(&mut self, account: Account) -> Result<(), LedgerError> {
        let id = account.id();
        if self.accounts.contains_key(&id) {
            return Err(LedgerError::DuplicateAccount { account: id });
        }
        self.accounts.insert(id, account.clone());
        self.balances.insert(id, 0);
        if id.is_member() {
            self.point_balances.insert(id, 0);
        }
        self.events.push(Event::Open(Box::new(account)));
        Ok(())
    }

    /// Submits any operation. The convenience methods ([`earn`](Self::earn), …) call this.
    ///
    /// The request is checked in this order: non-empty key and operator; a known key
    /// (same content: the current receipt is returned and nothing changes; different content:
    /// [`IdempotencyConflict`](LedgerError::IdempotencyConflict)); time not before the
    /// latest change; then every rule of the operation. An operation containing an earn waits
    /// for reviewers when the policy requires them and returns [`Receipt::Pending`].
    pub fn submit(&mut self, meta: TxMeta, operation: Operation) -> Result<Receipt, LedgerError> {
        meta.validate()?;
        if let Some(&posted) = self.keys.get(&meta.key) {
            if self.request(&meta.key, posted).is_some_and(|(m, o)| {
                m.operator == meta.operator && m.memo == meta.memo && *o == operation
            }) {
                return Ok(self.receipt_for(&meta.key, posted));
            }
            return Err(LedgerError::IdempotencyConflict { key: meta.key });
        }
        self.check_time(&meta.key, meta.at)?;
        let plan = Planner::plan(self, &meta.key, meta.at.date(), &operation)?;
        let required = self.policy.reviewers_required();
        let key = meta.key.clone();
        let receipt = if required > 0 && operation.needs_review() {
            let receipt = Receipt::Pending {
                approvals: 0,
                required,
            };
            self.latest = Some(meta.at);
            self.pending.insert(
                key.clone(),
                PendingTransaction {
                    meta: meta.clone(),
                    operation: operation.clone(),
                    approvals: Vec::new(),
                },
            );
            self.events.push(Event::Pending(Box::new(PendingEvent {
                meta,
                operation,
                receipt,
            })));
            receipt
        } else {
            let at = meta.at;
            let tx = self.apply(meta, operation, plan, at, Vec::new());
            self.events.push(Event::Posted(tx));
            Receipt::Posted(tx)
        };
        self.keys.insert(key, receipt.tx());
        Ok(receipt)
    }

    /// Records a reviewer's approval of the pending transaction under `key`. The approval that
    /// reaches [`reviewers_required`](LedgerPolicy::reviewers_required) distinct reviewers
    /// re-checks the rules against the current balances and posts the transaction at `at`;
    /// if the rules now fail, the approval is rejected and nothing changes.
    ///
    /// Approving again as the same reviewer returns the current receipt and changes nothing.
    /// Errors: [`EmptyField`](LedgerError::EmptyField), [`NotPending`](LedgerError::NotPending),
    /// [`SelfReview`](LedgerError::SelfReview) (the submitting operator),
    /// [`TimeOutOfOrder`](LedgerError::TimeOutOfOrder), and any rule of the operation.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use huzhu::ledger::{Account, AccountId, Ledger, LedgerPolicy, Receipt, TxMeta, TxId};
    /// use huzhu::model::{NeedId, VolunteerId};
    ///
    /// let at = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap().and_hms_opt(9, 0, 0).unwrap();
    /// let mut ledger = Ledger::new(LedgerPolicy::default().with_reviewers_required(2))?;
    /// let v = AccountId::Volunteer(VolunteerId(1));
    /// ledger.open_account(Account::new(v))?;
    /// let r = ledger.earn(TxMeta::new("e1", "desk:li", at), v, NeedId(4), 60)?;
    /// assert_eq!(r, Receipt::Pending { approvals: 0, required: 2 });
    /// assert_eq!(ledger.balance(v)?, 0);
    /// ledger.approve("e1", "reviewer:zhao", at)?;
    /// assert_eq!(ledger.approve("e1", "reviewer:qian", at)?, Receipt::Posted(TxId(1)));
    /// assert_eq!(ledger.balance(v)?, 60);
    /// # Ok::<(), huzhu::ledger::LedgerError>(())
    /// ```
    pub fn approve(
        &mut self,
        key: &str,
        reviewer: &str,
        at: NaiveDateTime,
    ) -> Result<Receipt, LedgerError> {
        if reviewer.is_empty() {
            return Err(LedgerError::EmptyText {
                key: key.to_owned(),
                field: "reviewer",
            });
        }
        let not_pending = || LedgerError::NotPending {
            key: key.to_owned(),
        };
        let posted = *self.keys.get(key).ok_or_else(not_pending)?;
        if let Some(tx) = posted {
            let already = self
                .transaction(tx)
                .is_some_and(|t| t.reviewers.iter().any(|r| r == reviewer));
            return if already {
                Ok(Receipt::Posted(tx))
            } else {
                Err(not_pending())
            };
        }
        let pending = self.pending.get(key).ok_or_else(not_pending)?;
        if pending.meta.operator == reviewer {
            return Err(LedgerError::SelfReview {
                key: key.to_owned(),
                reviewer: reviewer.to_owned(),
            });
        }
        let required = self.policy.reviewers_required();
        if pending.approvals.iter().any(|r| r == reviewer) {
            return Ok(Receipt::Pending {
                approvals: pending.approvals.len() as u32,
                required,
            });
        }
        self.check_time(key, at)?;
        let approvals = pending.approvals.len() as u32 + 1;
        let receipt = if approvals >= required {
            let plan = Planner::plan(self, key, at.date(), &pending.operation)?;
            let Some(mut pending) = self.pending.remove(key) else {
                return Err(not_pending());
            };
            pending.approvals.push(reviewer.to_owned());
            let id = self.apply(pending.meta, pending.operation, plan, at, pending.approvals);
            if let Some(posted) = self.keys.get_mut(key) {
                *posted = Some(id);
            }
            Receipt::Posted(id)
        } else {
            if let Some(pending) = self.pending.get_mut(key) {
                pending.approvals.push(reviewer.to_owned());
            }
            self.latest = Some(at);
            Receipt::Pending {
                approvals,
                required,
            }
        };
        self.events.push(Event::Approve(Box::new(ApproveEvent {
            key: key.to_owned(),
            reviewer: reviewer.to_owned(),
            at,
            receipt,
        })));
        Ok(receipt)
    }

    /// Credits `account` for a completed service answering `need`; see [`Operation::Earn`].
    ///
    /// With a cap of 90,000 and a balance of 89,950, earning 120 credits 50 and sends the
    /// other 70 to the donation pool, marked [`cap_excess`](super::Posting::cap_excess).
    pub fn earn(
        &mut self,
        meta: TxMeta,
        account: AccountId,
        need: NeedId,
        minutes: i64,
    ) -> Result<Receipt, LedgerError> {
        self.submit(
            meta,
            Operation::Earn {
                account,
                need,
                minutes,
            },
        )
    }

    /// Spends `minutes` of `account` on a service received; see [`Operation::Redeem`].
    pub fn redeem(
        &mut self,
        meta: TxMeta,
        account: AccountId,
        minutes: i64,
        need: Option<NeedId>,
    ) -> Result<Receipt, LedgerError> {
        self.submit(
            meta,
            Operation::Redeem {
                account,
                minutes,
                need,
            },
        )
    }

    /// Moves `minutes` from one member to another, per the transfer rule; see
    /// [`Operation::Transfer`].
    pub fn transfer(
        &mut self,
        meta: TxMeta,
        from: AccountId,
        to: AccountId,
        minutes: i64,
    ) -> Result<Receipt, LedgerError> {
        self.submit(meta, Operation::Transfer { from, to, minutes })
    }

    /// Donates `minutes` to the donation pool; see [`Operation::Donate`].
    pub fn donate(
        &mut self,
        meta: TxMeta,
        from: AccountId,
        minutes: i64,
    ) -> Result<Receipt, LedgerError> {
        self.submit(meta, Operation::Donate { from, minutes })
    }

    /// Grants the policy's starting grant to `to`; see [`Operation::StartingGrant`].
    pub fn starting_grant(&mut self, meta: TxMeta, to: AccountId) -> Result<Receipt, LedgerError> {
        self.submit(meta, Operation::StartingGrant { to })
    }

    /// Grants from the donation pool, priority accounts first; see [`Operation::PoolGrant`].
    pub fn pool_grant(
        &mut self,
        meta: TxMeta,
        recipients: Vec<AccountId>,
        minutes_each: i64,
    ) -> Result<Receipt, LedgerError> {
        self.submit(
            meta,
            Operation::PoolGrant {
                recipients,
                minutes_each,
            },
        )
    }

    /// Applies several operations as one transaction, all or none; see [`Operation::Batch`].
    pub fn batch(
        &mut self,
        meta: TxMeta,
        operations: Vec<Operation>,
    ) -> Result<Receipt, LedgerError> {
        self.submit(meta, Operation::Batch { operations })
    }

    /// Posts a compensating transaction for `transaction`; see [`Operation::Reverse`].
    pub fn reverse(&mut self, meta: TxMeta, transaction: TxId) -> Result<Receipt, LedgerError> {
        self.submit(meta, Operation::Reverse { transaction })
    }

    /// The current balance of an account.
    pub fn balance(&self, account: AccountId) -> Result<i64, LedgerError> {
        self.balances
            .get(&account)
            .copied()
            .ok_or(LedgerError::AccountNotOpen { account })
    }

    /// Every open account's balance, in [`AccountId`] order.
    pub fn balances(&self) -> impl Iterator<Item = (AccountId, i64)> + '_ {
        self.balances.iter().map(|(&id, &balance)| (id, balance))
    }

    /// The sum of all minutes balances, which double entry keeps at 0 (points:
    /// [`total_points`](Self::total_points)).
    pub fn total_balance(&self) -> i128 {
        self.balances.values().map(|&b| i128::from(b)).sum()
    }

    /// Recomputes every balance of both units from the postings and compares with the cached
    /// ones.
    pub fn verify_balances(&self) -> bool {
        let mut derived: BTreeMap<AccountId, i128> =
            crate::cold::collect(self.accounts.keys().map(|&id| (id, 0)));
        let mut points: BTreeMap<AccountId, i128> =
            crate::cold::collect(self.point_balances.keys().map(|&id| (id, 0)));
        for posting in self.transactions.iter().flat_map(|t| &t.postings) {
            let sums = match posting.unit {
                Unit::Minutes => &mut derived,
                Unit::Points => &mut points,
            };
            *sums.entry(posting.account).or_insert(0) += i128::from(posting.amount);
        }
        let same = |derived: &BTreeMap<AccountId, i128>, cached: &BTreeMap<AccountId, i64>| {
            derived.len() == cached.len()
                && derived
                    .iter()
                    .all(|(id, &sum)| cached.get(id).map(|&b| i128::from(b)) == Some(sum))
        };
        same(&derived, &self.balances) && same(&points, &self.point_balances)
    }

    /// Credits `account` with points for taking part; see [`Operation::EarnPoints`].
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use huzhu::ledger::{Account, AccountId, Ledger, LedgerPolicy, TxMeta};
    /// use huzhu::model::ResidentId;
    ///
    /// let day = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
    /// let mut ledger = Ledger::new(LedgerPolicy::default())?; // 2 a day, 600 in all
    /// let r = AccountId::Resident(ResidentId(1));
    /// ledger.open_account(Account::new(r))?;
    /// ledger.earn_points(TxMeta::new("p1", "desk", day.and_hms_opt(9, 0, 0).unwrap()), r, "meeting", 1)?;
    /// // 3 more asked, 1 left under the daily cap: 1 is credited, 2 are not issued.
    /// ledger.earn_points(TxMeta::new("p2", "desk", day.and_hms_opt(15, 0, 0).unwrap()), r, "activity", 3)?;
    /// assert_eq!(ledger.points_balance(r)?, 2);
    /// assert_eq!(ledger.points_balance(AccountId::Fund)?, -2);
    /// // Nothing left today: refused, naming the cap.
    /// let e = ledger.earn_points(TxMeta::new("p3", "desk", day.and_hms_opt(16, 0, 0).unwrap()), r, "activity", 1)
    ///     .unwrap_err();
    /// assert_eq!((e.code(), e.setting()), ("LEDGER_POINTS_CAP_REACHED", Some("points_daily_cap")));
    /// assert_eq!(ledger.balance(r)?, 0); // minutes untouched
    /// # Ok::<(), huzhu::ledger::LedgerError>(())
    /// ```
    pub fn earn_points(
        &mut self,
        meta: TxMeta,
        account: AccountId,
        rule: &str,
        points: i64,
    ) -> Result<Receipt, LedgerError> {
        self.submit(
            meta,
            Operation::EarnPoints {
                account,
                rule: rule.to_owned(),
                points,
            },
        )
    }

    /// Buys `quantity` of a catalogue item with points; see [`Operation::Exchange`].
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use huzhu::ledger::{Account, AccountId, CatalogueItem, Ledger, LedgerPolicy, TxMeta};
    /// use huzhu::model::ResidentId;
    ///
    /// let at = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap().and_hms_opt(9, 0, 0).unwrap();
    /// let mut ledger = Ledger::new(LedgerPolicy::default().with_points_daily_cap(None))?;
    /// let r = AccountId::Resident(ResidentId(1));
    /// ledger.open_account(Account::new(r))?;
    /// ledger.list_item(TxMeta::new("l1", "desk", at), CatalogueItem::new("soap", "Soap", 5).with_stock(1))?;
    /// ledger.earn_points(TxMeta::new("p1", "desk", at), r, "suggestion_adopted", 12)?;
    /// ledger.exchange(TxMeta::new("x1", "desk", at), r, "soap", 1)?;
    /// assert_eq!(ledger.points_balance(r)?, 7);
    /// assert_eq!(ledger.item("soap").and_then(|i| i.stock), Some(0));
    /// let e = ledger.exchange(TxMeta::new("x2", "desk", at), r, "soap", 1).unwrap_err();
    /// assert_eq!((e.code(), e.field().as_deref()), ("LEDGER_STOCK_SHORT", Some("quantity")));
    /// # Ok::<(), huzhu::ledger::LedgerError>(())
    /// ```
    pub fn exchange(
        &mut self,
        meta: TxMeta,
        account: AccountId,
        item: &str,
        quantity: u32,
    ) -> Result<Receipt, LedgerError> {
        self.submit(
            meta,
            Operation::Exchange {
                account,
                item: item.to_owned(),
                quantity,
            },
        )
    }

    /// Lists an item in the exchange catalogue; see [`Operation::ListItem`] and the example on
    /// [`exchange`](Self::exchange).
    pub fn list_item(&mut self, meta: TxMeta, item: CatalogueItem) -> Result<Receipt, LedgerError> {
        self.submit(meta, Operation::ListItem { item })
    }

    /// Adds stock to a listed item; see [`Operation::Restock`].
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use huzhu::ledger::{CatalogueItem, Ledger, LedgerPolicy, TxMeta};
    ///
    /// let at = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap().and_hms_opt(9, 0, 0).unwrap();
    /// let mut ledger = Ledger::new(LedgerPolicy::default())?;
    /// ledger.list_item(TxMeta::new("l1", "desk", at), CatalogueItem::new("slot", "Clinic slot", 30).with_stock(2))?;
    /// ledger.restock(TxMeta::new("s1", "desk", at), "slot", 3)?;
    /// assert_eq!(ledger.item("slot").and_then(|i| i.stock), Some(5));
    /// # Ok::<(), huzhu::ledger::LedgerError>(())
    /// ```
    pub fn restock(
        &mut self,
        meta: TxMeta,
        item: &str,
        quantity: u32,
    ) -> Result<Receipt, LedgerError> {
        self.submit(
            meta,
            Operation::Restock {
                item: item.to_owned(),
                quantity,
            },
        )
    }

    /// The current points balance of an account (members and the fund, which issues points
    /// and takes them back on exchange; the donation pool holds minutes only).
    ///
    /// ```
    /// use huzhu::ledger::{AccountId, Ledger, LedgerPolicy};
    /// let ledger = Ledger::new(LedgerPolicy::default())?;
    /// assert_eq!(ledger.points_balance(AccountId::Fund)?, 0);
    /// assert!(ledger.points_balance(AccountId::DonationPool).is_err());
    /// # Ok::<(), huzhu::ledger::LedgerError>(())
    /// ```
    pub fn points_balance(&self, account: AccountId) -> Result<i64, LedgerError> {
        self.point_balances
            .get(&account)
            .copied()
            .ok_or(LedgerError::AccountNotOpen { account })
    }

    /// The balance of an account in `unit`.
    ///
    /// ```
    /// use huzhu::ledger::{AccountId, Ledger, LedgerPolicy, Unit};
    /// let ledger = Ledger::new(LedgerPolicy::default())?;
    /// assert_eq!(ledger.balance_in(AccountId::DonationPool, Unit::Minutes)?, 0);
    /// # Ok::<(), huzhu::ledger::LedgerError>(())
    /// ```
    pub fn balance_in(&self, account: AccountId, unit: Unit) -> Result<i64, LedgerError> {
        match unit {
            Unit::Minutes => self.balance(account),
            Unit::Points => self.points_balance(account),
        }
    }

    /// Every points balance (members and the fund), in [`AccountId`] order.
    ///
    /// ```
    /// use huzhu::ledger::{AccountId, Ledger, LedgerPolicy};
    /// let ledger = Ledger::new(LedgerPolicy::default())?;
    /// assert_eq!(ledger.points_balances().collect::<Vec<_>>(), [(AccountId::Fund, 0)]);
    /// # Ok::<(), huzhu::ledger::LedgerError>(())
    /// ```
    pub fn points_balances(&self) -> impl Iterator<Item = (AccountId, i64)> + '_ {
        self.point_balances
            .iter()
            .map(|(&id, &balance)| (id, balance))
    }

    /// The sum of all points balances, which double entry keeps at 0.
    ///
    /// ```
    /// use huzhu::ledger::{Ledger, LedgerPolicy};
    /// assert_eq!(Ledger::new(LedgerPolicy::default())?.total_points(), 0);
    /// # Ok::<(), huzhu::ledger::LedgerError>(())
    /// ```
    pub fn total_points(&self) -> i128 {
        self.point_balances.values().map(|&b| i128::from(b)).sum()
    }

    /// Points `account` has earned in all, net of reversed earns (what the lifetime cap reads).
    ///
    /// ```
    /// use huzhu::ledger::{AccountId, Ledger, LedgerPolicy};
    /// use huzhu::model::ResidentId;
    /// let ledger = Ledger::new(LedgerPolicy::default())?;
    /// assert_eq!(ledger.points_earned(AccountId::Resident(ResidentId(1))), 0);
    /// # Ok::<(), huzhu::ledger::LedgerError>(())
    /// ```
    pub fn points_earned(&self, account: AccountId) -> i64 {
        self.points_earned.get(&account).copied().unwrap_or(0)
    }

    /// Points `account` earned on calendar day `day`, net of reversed earns (what the daily
    /// cap reads).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use huzhu::ledger::{AccountId, Ledger, LedgerPolicy};
    /// use huzhu::model::ResidentId;
    /// let ledger = Ledger::new(LedgerPolicy::default())?;
    /// let day = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
    /// assert_eq!(ledger.points_earned_on(AccountId::Resident(ResidentId(1)), day), 0);
    /// # Ok::<(), huzhu::ledger::LedgerError>(())
    /// ```
    pub fn points_earned_on(&self, account: AccountId, day: NaiveDate) -> i64 {
        self.points_earned_daily
            .get(&(account, day))
            .copied()
            .unwrap_or(0)
    }

    /// A catalogue item, by code.
    ///
    /// ```
    /// use huzhu::ledger::{Ledger, LedgerPolicy};
    /// assert!(Ledger::new(LedgerPolicy::default())?.item("haircut").is_none());
    /// # Ok::<(), huzhu::ledger::LedgerError>(())
    /// ```
    pub fn item(&self, code: &str) -> Option<&CatalogueItem> {
        self.catalogue.get(code)
    }

    /// The exchange catalogue, in code order.
    ///
    /// ```
    /// use huzhu::ledger::{Ledger, LedgerPolicy};
    /// assert_eq!(Ledger::new(LedgerPolicy::default())?.catalogue().count(), 0);
    /// # Ok::<(), huzhu::ledger::LedgerError>(())
    /// ```
    pub fn catalogue(&self) -> impl Iterator<Item = &CatalogueItem> + '_ {
        self.catalogue.values()
    }

    /// An open account.
    pub fn account(&self, account: AccountId) -> Option<&Account> {
        self.accounts.get(&account)
    }

    /// Every open account, in [`AccountId`] order.
    pub fn accounts(&self) -> impl Iterator<Item = &Account> + '_ {
        self.accounts.values()
    }

    /// Every posted transaction, in posting order.
    pub fn transactions(&self) -> &[Transaction] {
        &self.transactions
    }

    /// A posted transaction.
    pub fn transaction(&self, id: TxId) -> Option<&Transaction> {
        let index = usize::try_from(id.0.checked_sub(1)?).ok()?;
        self.transactions.get(index)
    }

    /// The pending transaction under `key`, if any.
    pub fn pending(&self, key: &str) -> Option<&PendingTransaction> {
        self.pending.get(key)
    }

    /// Every pending transaction, by key.
    pub fn pending_transactions(&self) -> impl Iterator<Item = &PendingTransaction> + '_ {
        self.pending.values()
    }

    /// The current receipt for a client key, if the key was used.
    pub fn receipt(&self, key: &str) -> Option<Receipt> {
        self.keys
            .get(key)
            .map(|&posted| self.receipt_for(key, posted))
    }

    /// The reversal that compensated `transaction`, if it was reversed.
    pub fn reversed_by(&self, transaction: TxId) -> Option<TxId> {
        self.reversed_by.get(&transaction).copied()
    }

    /// Whether `account` has received its starting grant.
    pub fn starting_grant_given(&self, account: AccountId) -> bool {
        self.granted.contains(&account)
    }

    /// The latest time recorded by any change; new requests may not be earlier.
    pub fn latest_time(&self) -> Option<NaiveDateTime> {
        self.latest
    }

    /// The request accepted under `key`: the posted transaction's, or the pending entry's.
    fn request(&self, key: &str, posted: Option<TxId>) -> Option<(&TxMeta, &Operation)> {
        match posted {
            Some(tx) => self.transaction(tx).map(|t| (&t.meta, &t.operation)),
            None => self.pending.get(key).map(|p| (&p.meta, &p.operation)),
        }
    }

    fn receipt_for(&self, key: &str, posted: Option<TxId>) -> Receipt {
        match posted {
            Some(id) => Receipt::Posted(id),
            None => Receipt::Pending {
                approvals: self
                    .pending
                    .get(key)
                    .map_or(0, |p| p.approvals.len() as u32),
                required: self.policy.reviewers_required(),
            },
        }
    }

    fn check_time(&self, key: &str, at: NaiveDateTime) -> Result<(), LedgerError> {
        match self.latest {
            Some(latest) if at < latest => Err(LedgerError::TimeOutOfOrder {
                key: key.to_owned(),
                at,
                latest,
            }),
            _ => Ok(()),
        }
    }

    /// Applies a validated plan as a new transaction.
    fn apply(
        &mut self,
        meta: TxMeta,
        operation: Operation,
        plan: Plan,
        posted_at: NaiveDateTime,
        reviewers: Vec<String>,
    ) -> TxId {
        let index = self.transactions.len();
        let id = TxId(index as u64 + 1);
        self.balances.extend(plan.balances.into_entries());
        self.point_balances.extend(plan.point_balances);
        self.points_earned.extend(plan.earned);
        self.points_earned_daily.extend(plan.earned_daily);
        self.catalogue.extend(plan.items);
        self.granted.extend(plan.granted);
        if let Some(reversed) = plan.reverses {
            self.reversed_by.insert(reversed, id);
        }
        if let Some(change) = plan.clearing {
            self.clearing.commit(change, id, posted_at);
        }
        for posting in &plan.postings {
            let list = self.by_account.entry(posting.account).or_default();
            if list.last() != Some(&index) {
                list.push(index);
            }
        }
        self.transactions.push(Transaction {
            id,
            meta,
            posted_at,
            operation,
            postings: plan.postings,
            reviewers,
        });
        self.latest = Some(posted_at);
        id
    }

    #[cfg(feature = "serde")]
    pub(crate) fn events(&self) -> &[Event] {
        &self.events
    }
}
