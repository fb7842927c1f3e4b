//! The clearing part of a bank's policy: its own code and the limits on what members send.

use std::fmt;

use super::bank::BankId;
use crate::ledger::error::LedgerError;

/// The default daily limit on what one member sends to other banks: 600 minutes (10 hours)
/// per calendar day. No document gives a figure; this is our assumption, a guard against a
/// burst from one account, and can be changed or removed.
///
/// ```
/// use huzhu::ledger::{ClearingPolicy, DEFAULT_CLEARING_DAILY_LIMIT};
/// assert_eq!(ClearingPolicy::default().member_daily_limit(), Some(DEFAULT_CLEARING_DAILY_LIMIT));
/// ```
pub const DEFAULT_CLEARING_DAILY_LIMIT: i64 = 600;

/// How a bank takes part in clearing between banks (通存通兑), part of its
/// [`LedgerPolicy`](crate::ledger::LedgerPolicy) ([`with_clearing`](crate::ledger::LedgerPolicy::with_clearing)).
///
/// | setting | default | meaning |
/// |---|---|---|
/// | [`bank`](Self::bank) | `None` (clearing disabled) | this bank's own code; every clearing operation names it |
/// | [`member_daily_limit`](Self::member_daily_limit) | `Some(600)` ([`DEFAULT_CLEARING_DAILY_LIMIT`]) | minutes one member may send to other banks per calendar day (of the prepare's time) |
/// | [`member_lifetime_limit`](Self::member_lifetime_limit) | `None` | minutes one member may send to other banks in all |
/// | [`pair_daily_limit`](Self::pair_daily_limit) | `None` | minutes this bank may send to any one other bank per calendar day |
/// | [`pair_lifetime_limit`](Self::pair_lifetime_limit) | `None` | minutes this bank may send to any one other bank in all |
///
/// Limits count what was prepared, net of cancelled transfers (a cancelled transfer gives its
/// room back, on the day it was prepared); a prepare that would exceed one is refused whole
/// with [`ClearingLimit`](LedgerError::ClearingLimit). They are checked by the sending bank;
/// the receiving bank checks its own floor and cap.
///
/// In JSON, inside the policy: `"clearing": {"bank": "pudong", "member_daily_limit": 600,
/// "member_lifetime_limit": null, "pair_daily_limit": null, "pair_lifetime_limit": null}`;
/// every setting may be left out, and a policy whose clearing settings are all defaults
/// writes no `clearing` at all (so policies and journals written before clearing read and write
/// byte for byte as before).
///
/// ```
/// use huzhu::ledger::{BankId, ClearingPolicy, LedgerPolicy};
/// let pudong: BankId = "pudong".parse()?;
/// let policy = LedgerPolicy::default().with_clearing(
///     ClearingPolicy::for_bank(pudong).with_member_lifetime_limit(Some(6_000)),
/// );
/// assert_eq!(policy.clearing().bank(), Some(pudong));
/// assert_eq!(policy.clearing().member_daily_limit(), Some(600));
///
/// let p = LedgerPolicy::from_json(r#"{"clearing": {"bank": "xuhui", "pair_daily_limit": 3000}}"#)?;
/// assert_eq!(p.clearing().pair_daily_limit(), Some(3000));
/// let e = LedgerPolicy::from_json(r#"{"clearing": {"member_daily_limit": -1}}"#).unwrap_err();
/// assert_eq!(e.setting(), Some("clearing.member_daily_limit"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
pub struct ClearingPolicy {
    bank: Option<BankId>,
    member_daily_limit: Option<i64>,
    member_lifetime_limit: Option<i64>,
    pair_daily_limit: Option<i64>,
    pair_lifetime_limit: Option<i64>,
}

impl Default for ClearingPolicy {
    fn default() -> Self {
        Self {
            bank: None,
            member_daily_limit: Some(DEFAULT_CLEARING_DAILY_LIMIT),
            member_lifetime_limit: None,
            pair_daily_limit: None,
            pair_lifetime_limit: None,
        }
    }
}

impl ClearingPolicy {
    /// The default settings for the bank `bank`.
    pub fn for_bank(bank: BankId) -> Self {
        Self {
            bank: Some(bank),
            ..Self::default()
        }
    }

    /// Sets this bank's code (`None` disables clearing).
    #[must_use]
    pub fn with_bank(mut self, bank: Option<BankId>) -> Self {
        self.bank = bank;
        self
    }

    /// Sets the minutes one member may send per calendar day (`None`: no limit). Must be ≥ 0.
    #[must_use]
    pub fn with_member_daily_limit(mut self, minutes: Option<i64>) -> Self {
        self.member_daily_limit = minutes;
        self
    }

    /// Sets the minutes one member may send in all (`None`: no limit). Must be ≥ 0.
    #[must_use]
    pub fn with_member_lifetime_limit(mut self, minutes: Option<i64>) -> Self {
        self.member_lifetime_limit = minutes;
        self
    }

    /// Sets the minutes this bank may send to any one other bank per calendar day (`None`: no
    /// limit). Must be ≥ 0.
    #[must_use]
    pub fn with_pair_daily_limit(mut self, minutes: Option<i64>) -> Self {
        self.pair_daily_limit = minutes;
        self
    }

    /// Sets the minutes this bank may send to any one other bank in all (`None`: no limit).
    /// Must be ≥ 0.
    #[must_use]
    pub fn with_pair_lifetime_limit(mut self, minutes: Option<i64>) -> Self {
        self.pair_lifetime_limit = minutes;
        self
    }

    /// This bank's code, if it takes part in clearing.
    pub fn bank(&self) -> Option<BankId> {
        self.bank
    }

    /// Minutes one member may send per calendar day, if limited.
    pub fn member_daily_limit(&self) -> Option<i64> {
        self.member_daily_limit
    }

    /// Minutes one member may send in all, if limited.
    pub fn member_lifetime_limit(&self) -> Option<i64> {
        self.member_lifetime_limit
    }

    /// Minutes this bank may send to one other bank per calendar day, if limited.
    pub fn pair_daily_limit(&self) -> Option<i64> {
        self.pair_daily_limit
    }

    /// Minutes this bank may send to one other bank in all, if limited.
    pub fn pair_lifetime_limit(&self) -> Option<i64> {
        self.pair_lifetime_limit
    }

    /// The value of one limit.
    pub fn limit(&self, which: TransferLimit) -> Option<i64> {
        match which {
            TransferLimit::MemberDaily => self.member_daily_limit,
            TransferLimit::MemberLifetime => self.member_lifetime_limit,
            TransferLimit::PairDaily => self.pair_daily_limit,
            TransferLimit::PairLifetime => self.pair_lifetime_limit,
        }
    }

    /// Whether every setting is its default (the policy then writes no `clearing`).
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }

    /// Checks that every limit is ≥ 0; the error names the setting
    /// (`clearing.member_daily_limit`).
    pub fn validate(&self) -> Result<(), LedgerError> {
        for which in TransferLimit::ALL {
            if let Some(limit) = self.limit(which)
                && limit < 0
            {
                return Err(LedgerError::InvalidPolicy {
                    field: which.setting().to_owned(),
                    reason: format!("must be >= 0, got {limit}"),
                });
            }
        }
        Ok(())
    }
}

/// Which of the clearing limits a prepare met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum TransferLimit {
    /// [`ClearingPolicy::member_daily_limit`].
    MemberDaily,
    /// [`ClearingPolicy::member_lifetime_limit`].
    MemberLifetime,
    /// [`ClearingPolicy::pair_daily_limit`].
    PairDaily,
    /// [`ClearingPolicy::pair_lifetime_limit`].
    PairLifetime,
}

impl TransferLimit {
    /// Every limit, in the order a prepare checks them.
    pub const ALL: [Self; 4] = [
        Self::MemberLifetime,
        Self::MemberDaily,
        Self::PairLifetime,
        Self::PairDaily,
    ];

    /// The policy setting: `clearing.member_daily_limit`, `clearing.member_lifetime_limit`,
    /// `clearing.pair_daily_limit` or `clearing.pair_lifetime_limit`.
    ///
    /// ```
    /// use huzhu::ledger::TransferLimit;
    /// assert_eq!(TransferLimit::PairDaily.setting(), "clearing.pair_daily_limit");
    /// ```
    pub fn setting(self) -> &'static str {
        match self {
            Self::MemberDaily => "clearing.member_daily_limit",
            Self::MemberLifetime => "clearing.member_lifetime_limit",
            Self::PairDaily => "clearing.pair_daily_limit",
            Self::PairLifetime => "clearing.pair_lifetime_limit",
        }
    }

    /// Whether the limit counts per calendar day.
    pub fn is_daily(self) -> bool {
        matches!(self, Self::MemberDaily | Self::PairDaily)
    }

    /// Whether the limit counts per bank pair (rather than per member).
    pub fn is_pair(self) -> bool {
        matches!(self, Self::PairDaily | Self::PairLifetime)
    }
}

impl fmt::Display for TransferLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::MemberDaily => "member daily",
            Self::MemberLifetime => "member lifetime",
            Self::PairDaily => "bank-pair daily",
            Self::PairLifetime => "bank-pair lifetime",
        })
    }
}
