//! Accounts: who can hold minutes, and the attributes the policy reads.

use std::collections::BTreeSet;
use std::fmt;

use crate::model::{ProviderId, ResidentId, VolunteerId};

/// Identifies an account in the time bank.
///
/// Residents, volunteers and organisations hold *member* accounts, opened explicitly with
/// [`Ledger::open_account`](super::Ledger::open_account). The community [`Fund`](AccountId::Fund)
/// (which issues earned minutes and takes back redeemed ones) and the
/// [`DonationPool`](AccountId::DonationPool) exist in every ledger from the start.
///
/// Ids order as `Resident < Volunteer < Organisation < Fund < DonationPool`, then by number;
/// every "deterministic by id" rule in the ledger uses this order.
///
/// ```
/// use huzhu::ledger::AccountId;
/// use huzhu::model::ResidentId;
///
/// let a = AccountId::Resident(ResidentId(3));
/// assert!(a.is_member());
/// assert_eq!(a.to_string(), "resident#3");
/// assert!(!AccountId::Fund.is_member());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum AccountId {
    /// A resident's own account.
    Resident(ResidentId),
    /// A volunteer's account.
    Volunteer(VolunteerId),
    /// An organisation's account (often a group account, see [`Account::with_group`]).
    Organisation(ProviderId),
    /// The community fund: issues minutes on earn and starting grants, receives them on redeem.
    /// It has no floor and no cap; its balance is minus the minutes in circulation.
    Fund,
    /// The donation pool: receives donations and above-cap earnings, grants to priority
    /// residents first. Its floor is 0 and it has no cap.
    DonationPool,
}

impl AccountId {
    /// Whether this is a member account (resident, volunteer or organisation), as opposed to
    /// the fund or the donation pool.
    pub const fn is_member(self) -> bool {
        matches!(
            self,
            Self::Resident(_) | Self::Volunteer(_) | Self::Organisation(_)
        )
    }
}

impl fmt::Display for AccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Resident(id) => id.fmt(f),
            Self::Volunteer(id) => id.fmt(f),
            Self::Organisation(id) => id.fmt(f),
            Self::Fund => f.write_str("fund"),
            Self::DonationPool => f.write_str("donation-pool"),
        }
    }
}

/// An account and the attributes the [`LedgerPolicy`](super::LedgerPolicy) reads.
///
/// Built with [`Account::new`] and the `with_*` methods, then opened with
/// [`Ledger::open_account`](super::Ledger::open_account). Attributes are fixed once opened.
///
/// ```
/// use huzhu::ledger::{Account, AccountId};
/// use huzhu::model::{ResidentId, VolunteerId};
///
/// let mother = AccountId::Resident(ResidentId(1));
/// let son = Account::new(AccountId::Volunteer(VolunteerId(2))).with_family([mother]);
/// assert!(son.is_family_of(mother));
/// assert!(!son.is_priority());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Account {
    id: AccountId,
    priority: bool,
    group: bool,
    family: BTreeSet<AccountId>,
}

impl Account {
    /// A plain account: not priority, not a group account, no family links.
    pub fn new(id: AccountId) -> Self {
        Self {
            id,
            priority: false,
            group: false,
            family: BTreeSet::new(),
        }
    }

    /// Marks the holder as a priority resident (special group: elderly living alone, disabled,
    /// low-income, …). Pool grants go to priority accounts first.
    #[must_use]
    pub fn with_priority(mut self, priority: bool) -> Self {
        self.priority = priority;
        self
    }

    /// Marks a group account (a team or organisation earning together). Under the default
    /// policy its minutes can only be donated.
    #[must_use]
    pub fn with_group(mut self, group: bool) -> Self {
        self.group = group;
        self
    }

    /// Adds family links (spouse, parents, …). A link declared on either side lets the two
    /// accounts transfer to each other under [`TransferRule::FamilyOnly`](super::TransferRule).
    /// Links to the account itself are ignored.
    #[must_use]
    pub fn with_family(mut self, family: impl IntoIterator<Item = AccountId>) -> Self {
        let own = self.id;
        self.family.extend(family.into_iter().filter(|&f| f != own));
        self
    }

    /// The account's id.
    pub fn id(&self) -> AccountId {
        self.id
    }

    /// Whether the holder is a priority resident.
    pub fn is_priority(&self) -> bool {
        self.priority
    }

    /// Whether this is a group account.
    pub fn is_group(&self) -> bool {
        self.group
    }

    /// The family links this account declares.
    pub fn family(&self) -> &BTreeSet<AccountId> {
        &self.family
    }

    /// Whether this account declares `other` as family.
    pub fn is_family_of(&self, other: AccountId) -> bool {
        self.family.contains(&other)
    }
}
