//! Accounts: who can hold minutes, and the attributes the policy reads.

use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

use super::clearing::BankId;
use crate::model::text::ParseError;
use crate::model::{ProviderId, ResidentId, VolunteerId};

/// Identifies an account in the time bank.
///
/// Residents, volunteers and organisations hold *member* accounts, opened explicitly with
/// [`Ledger::open_account`](super::Ledger::open_account). The community [`Fund`](AccountId::Fund)
/// (which issues earned minutes and takes back redeemed ones) and the
/// [`DonationPool`](AccountId::DonationPool) exist in every ledger from the start. A bank that
/// clears with other banks opens one [`Clearing`](AccountId::Clearing) account for each.
///
/// Ids order as `Resident < Volunteer < Organisation < Fund < DonationPool < Clearing`, then
/// by number (or bank code); every "deterministic by id" rule in the ledger uses this order.
///
/// Its label is `resident#3`, `volunteer#3`, `organisation#3`, `fund`, `donation_pool` or
/// `clearing#xuhui`: written
/// by `Display` and in JSON, read back by `FromStr` and from JSON. On input only, the spellings
/// of earlier versions are read too: `provider#3` and `organization#3` for an organisation,
/// `donation-pool` and `pool` for the pool, any case, `:` or `/` for `#`, and in JSON the object
/// form `{"volunteer": 3}`.
///
/// ```
/// use huzhu::ledger::AccountId;
/// use huzhu::model::{ProviderId, ResidentId};
///
/// let a = AccountId::Resident(ResidentId(3));
/// assert!(a.is_member());
/// assert_eq!(a.to_string(), "resident#3");
/// assert!(!AccountId::Fund.is_member());
/// assert_eq!("organisation#2".parse::<AccountId>()?, AccountId::Organisation(ProviderId(2)));
/// assert_eq!("provider#2".parse::<AccountId>()?, AccountId::Organisation(ProviderId(2))); // input only
/// assert_eq!(AccountId::DonationPool.to_string(), "donation_pool");
/// assert_eq!("donation-pool".parse::<AccountId>()?, AccountId::DonationPool); // input only
/// let xuhui = AccountId::Clearing("xuhui".parse()?);
/// assert_eq!(xuhui.to_string(), "clearing#xuhui");
/// assert_eq!("clearing#xuhui".parse::<AccountId>()?, xuhui);
/// assert!(!xuhui.is_member());
/// # Ok::<(), huzhu::model::text::ParseError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
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
    /// This bank's clearing account for another bank (通存通兑): credited when a member here
    /// sends minutes there, debited when minutes from there reach a member here. Its balance is
    /// what this bank's members sent to that bank, net of what came back, plus what is in
    /// transit; it has no floor and no cap, and holds minutes only. Opened like a member
    /// account; a bank clears only with the banks whose clearing account it has opened. See
    /// the [clearing module](super::clearing).
    Clearing(BankId),
}

impl AccountId {
    /// Whether this is a member account (resident, volunteer or organisation), as opposed to
    /// the fund, the donation pool or a clearing account.
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
            Self::Organisation(id) => write!(f, "organisation#{}", id.0),
            Self::Fund => f.write_str("fund"),
            Self::DonationPool => f.write_str("donation_pool"),
            Self::Clearing(bank) => write!(f, "clearing#{bank}"),
        }
    }
}

impl FromStr for AccountId {
    type Err = ParseError;

    /// Reads an account label (and the input-only spellings listed on [`AccountId`]).
    fn from_str(text: &str) -> Result<Self, ParseError> {
        let t = text.trim();
        let fixed = t.to_ascii_lowercase().replace('-', "_");
        match fixed.as_str() {
            "fund" => return Ok(Self::Fund),
            "donation_pool" | "pool" => return Ok(Self::DonationPool),
            _ => {}
        }
        let bad = || {
            ParseError::id(
                "an account",
                "resident#1, volunteer#2, organisation#3, fund, donation_pool or clearing#pudong",
                text,
            )
        };
        if let Some((kind, code)) = t.split_once(['#', ':', '/'])
            && kind.trim().eq_ignore_ascii_case("clearing")
        {
            return BankId::new(code).map(Self::Clearing).map_err(|_| bad());
        }
        let (kind, n) = crate::model::text::split_label(t).ok_or_else(bad)?;
        Self::from_kind(&kind.to_ascii_lowercase(), n).ok_or_else(bad)
    }
}

impl AccountId {
    fn from_kind(kind: &str, n: u32) -> Option<Self> {
        match kind {
            "resident" => Some(Self::Resident(ResidentId(n))),
            "volunteer" => Some(Self::Volunteer(VolunteerId(n))),
            "organisation" | "organization" | "provider" => Some(Self::Organisation(ProviderId(n))),
            _ => None,
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for AccountId {
    /// Writes the label.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for AccountId {
    /// Reads the label, or (input only) the object form `{"volunteer": 3}`.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = AccountId;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "an account label such as \"volunteer#3\", \"fund\" or \"donation_pool\"",
                )
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<AccountId, E> {
                v.parse().map_err(E::custom)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<AccountId, A::Error> {
                use serde::de::Error;
                let Some(kind) = map.next_key::<std::borrow::Cow<'de, str>>()? else {
                    return Err(A::Error::invalid_length(0, &self));
                };
                let n: u32 = map.next_value()?;
                if map.next_key::<std::borrow::Cow<'de, str>>()?.is_some() {
                    return Err(A::Error::invalid_length(2, &self));
                }
                AccountId::from_kind(&kind, n).ok_or_else(|| {
                    A::Error::unknown_variant(&kind, &["resident", "volunteer", "organisation"])
                })
            }
            /// The input-only pair form `["volunteer", 3]` (a Python tuple).
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<AccountId, A::Error> {
                use serde::de::Error;
                let kind: std::borrow::Cow<'de, str> = seq
                    .next_element()?
                    .ok_or_else(|| A::Error::invalid_length(0, &self))?;
                let n: u32 = seq
                    .next_element()?
                    .ok_or_else(|| A::Error::invalid_length(1, &self))?;
                if seq.next_element::<serde::de::IgnoredAny>()?.is_some() {
                    return Err(A::Error::invalid_length(3, &self));
                }
                AccountId::from_kind(&kind.to_ascii_lowercase(), n).ok_or_else(|| {
                    A::Error::unknown_variant(&kind, &["resident", "volunteer", "organisation"])
                })
            }
        }
        d.deserialize_any(Visitor)
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
///
/// In JSON: `{"id": "volunteer#2", "priority": false, "group": false, "family": ["resident#1"]}`;
/// all but `id` may be left out.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields, from = "AccountJson"))]
pub struct Account {
    id: AccountId,
    priority: bool,
    group: bool,
    family: BTreeSet<AccountId>,
}

/// The JSON form of an [`Account`], read through [`Account::with_family`] (which drops a link to
/// the account itself).
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct AccountJson {
    id: AccountId,
    #[serde(default)]
    priority: bool,
    #[serde(default)]
    group: bool,
    #[serde(default)]
    family: Vec<AccountId>,
}

#[cfg(feature = "serde")]
impl From<AccountJson> for Account {
    fn from(a: AccountJson) -> Self {
        Account::new(a.id)
            .with_priority(a.priority)
            .with_group(a.group)
            .with_family(a.family)
    }
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
