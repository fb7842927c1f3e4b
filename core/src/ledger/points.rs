//! Points (积分): the ledger's second unit, earned for participation and spent from an
//! exchange catalogue. Minutes and points are kept apart: every posting names its [`Unit`],
//! each unit's balances sum to zero on their own, and no operation moves both.

use std::fmt;
use std::str::FromStr;

use crate::model::text::ParseError;

/// The unit of a posting or balance.
///
/// Its label is `minutes` or `points` (`Display`, `FromStr`, JSON).
///
/// ```
/// use huzhu::ledger::Unit;
/// assert_eq!(Unit::Points.to_string(), "points");
/// assert_eq!("minutes".parse::<Unit>()?, Unit::Minutes);
/// assert!(Unit::Minutes.is_minutes());
/// # Ok::<(), huzhu::model::text::ParseError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Unit {
    /// Time-bank credits in minutes: earned by service, redeemed for services.
    #[default]
    Minutes,
    /// Participation points (积分): earned by taking part, spent from the catalogue.
    Points,
}

impl Unit {
    /// Whether this is [`Unit::Minutes`] (postings in minutes leave the unit out of JSON).
    #[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
    pub fn is_minutes(&self) -> bool {
        matches!(self, Self::Minutes)
    }

    /// The name of the amount field of operations in this unit: `minutes` or `points`.
    pub fn field(self) -> &'static str {
        match self {
            Self::Minutes => "minutes",
            Self::Points => "points",
        }
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.field())
    }
}

impl FromStr for Unit {
    type Err = ParseError;

    fn from_str(text: &str) -> Result<Self, ParseError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "minutes" => Ok(Self::Minutes),
            "points" => Ok(Self::Points),
            _ => Err(ParseError::id("a unit", "minutes or points", text)),
        }
    }
}

/// An item of the points exchange catalogue (积分兑换): a service, a good or a priority slot,
/// with a price in points and an optional stock (`None`: unlimited).
///
/// Listed with [`Operation::ListItem`](super::Operation::ListItem), restocked with
/// [`Operation::Restock`](super::Operation::Restock), bought with
/// [`Operation::Exchange`](super::Operation::Exchange); all three are journaled.
///
/// ```
/// use huzhu::ledger::CatalogueItem;
/// let haircut = CatalogueItem::new("haircut", "Haircut at the service station", 20).with_stock(5);
/// assert_eq!((haircut.price, haircut.stock), (20, Some(5)));
/// ```
///
/// In JSON: `{"code": "haircut", "name": "…", "price": 20, "stock": 5}`; `stock` may be left
/// out or `null` (unlimited).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[non_exhaustive]
pub struct CatalogueItem {
    /// The item's code, unique in the catalogue. Must not be empty.
    pub code: String,
    /// Its name. Must not be empty.
    pub name: String,
    /// Its price in points, ≥ 1.
    pub price: i64,
    /// Units in stock; `None` for unlimited (a service with no fixed number of slots).
    #[cfg_attr(feature = "serde", serde(default))]
    pub stock: Option<u32>,
}

impl CatalogueItem {
    /// An item with unlimited stock.
    pub fn new(code: impl Into<String>, name: impl Into<String>, price: i64) -> Self {
        Self {
            code: code.into(),
            name: name.into(),
            price,
            stock: None,
        }
    }

    /// Sets the stock.
    #[must_use]
    pub fn with_stock(mut self, stock: u32) -> Self {
        self.stock = Some(stock);
        self
    }
}

/// Which of the policy's points caps an earn met: the daily or the lifetime one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum PointsCap {
    /// [`LedgerPolicy::points_daily_cap`](super::LedgerPolicy::points_daily_cap).
    Daily,
    /// [`LedgerPolicy::points_lifetime_cap`](super::LedgerPolicy::points_lifetime_cap).
    Lifetime,
}

impl PointsCap {
    /// The policy setting: `points_daily_cap` or `points_lifetime_cap`.
    pub fn setting(self) -> &'static str {
        match self {
            Self::Daily => "points_daily_cap",
            Self::Lifetime => "points_lifetime_cap",
        }
    }
}

impl fmt::Display for PointsCap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Daily => "daily",
            Self::Lifetime => "lifetime",
        })
    }
}
