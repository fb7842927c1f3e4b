//! The rules a ledger enforces, with documented, changeable defaults.

use std::fmt;

use super::clearing::ClearingPolicy;
use super::error::LedgerError;

/// Who a member may transfer minutes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum TransferRule {
    /// Only to accounts linked as family (on either side). The default.
    #[default]
    FamilyOnly,
    /// To any member account.
    Anyone,
    /// Transfers are disabled.
    Nobody,
}

impl fmt::Display for TransferRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::FamilyOnly => "family_only",
            Self::Anyone => "anyone",
            Self::Nobody => "nobody",
        })
    }
}

/// The policy of a time bank. All amounts are in minutes.
///
/// | setting | default | meaning |
/// |---|---|---|
/// | [`overdraft_limit`](Self::overdraft_limit) | 0 | a member balance may not go below `-overdraft_limit` (the floor) |
/// | [`cap`](Self::cap) | `Some(90_000)` (1,500 h, as in Nanjing) | a member balance may not exceed this; on earn the excess goes to the donation pool |
/// | [`transfer_rule`](Self::transfer_rule) | [`TransferRule::FamilyOnly`] | who may receive transfers |
/// | [`group_donate_only`](Self::group_donate_only) | `true` | group accounts may only donate their minutes |
/// | [`unit`](Self::unit) | 1 | every requested amount must be a multiple of this (some banks use 15) |
/// | [`starting_grant`](Self::starting_grant) | 0 (disabled) | minutes the fund grants once to a new member |
/// | [`reviewers_required`](Self::reviewers_required) | 0 | distinct reviewers that must approve an earn before it is posted |
/// | [`points_daily_cap`](Self::points_daily_cap) | `Some(2)` (a Shanghai pilot) | points a member may earn per calendar day; the excess is not issued |
/// | [`points_lifetime_cap`](Self::points_lifetime_cap) | `Some(600)` (the same pilot) | points a member may earn in all (net of reversed earns); the excess is not issued |
/// | [`clearing`](Self::clearing) | [`ClearingPolicy::default`] (no bank code: clearing disabled) | this bank's code and the limits on transfers to other banks |
///
/// The two points settings and `clearing` are written to JSON only when they differ from their
/// defaults, so a policy without them (and a journal header written before points or clearing
/// existed) reads and writes exactly as before.
///
/// ```
/// use huzhu::ledger::{LedgerPolicy, TransferRule};
///
/// let policy = LedgerPolicy::default()
///     .with_unit(15)
///     .with_starting_grant(120)
///     .with_reviewers_required(2)
///     .with_transfer_rule(TransferRule::Anyone);
/// assert_eq!(policy.cap(), Some(90_000));
/// assert_eq!(policy.unit(), 15);
/// assert!(policy.validate().is_ok());
/// assert!(LedgerPolicy::default().with_unit(0).validate().is_err());
/// ```
///
/// In JSON every setting may be left out (its default is used); `"cap": null` removes the cap:
///
/// ```
/// use huzhu::ledger::LedgerPolicy;
/// let p = LedgerPolicy::from_json(r#"{"unit": 15, "cap": null}"#)?;
/// assert_eq!((p.unit(), p.cap(), p.overdraft_limit()), (15, None, 0));
/// let e = LedgerPolicy::from_json(r#"{"unit": 0}"#).unwrap_err();
/// assert_eq!((e.code(), e.setting()), ("LEDGER_INVALID_POLICY", Some("unit")));
/// let e = LedgerPolicy::from_json(r#"{"units": 15}"#).unwrap_err();
/// assert_eq!(e.setting(), Some("units"));
/// # Ok::<(), huzhu::ledger::LedgerError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default, deny_unknown_fields))]
pub struct LedgerPolicy {
    overdraft_limit: i64,
    cap: Option<i64>,
    transfer_rule: TransferRule,
    group_donate_only: bool,
    unit: i64,
    starting_grant: i64,
    reviewers_required: u32,
    #[cfg_attr(
        feature = "serde",
        serde(skip_serializing_if = "is_default_points_daily_cap")
    )]
    points_daily_cap: Option<i64>,
    #[cfg_attr(
        feature = "serde",
        serde(skip_serializing_if = "is_default_points_lifetime_cap")
    )]
    points_lifetime_cap: Option<i64>,
    #[cfg_attr(
        feature = "serde",
        serde(skip_serializing_if = "ClearingPolicy::is_default")
    )]
    clearing: ClearingPolicy,
}

/// The default cap: 1,500 hours in minutes.
pub const DEFAULT_CAP_MINUTES: i64 = 1_500 * 60;

/// The default daily cap on points earned: 2 a day, as in a Shanghai pilot (see `DOMAIN.md`,
/// "What the documents say, exactly").
///
/// ```
/// assert_eq!(huzhu::ledger::LedgerPolicy::default().points_daily_cap(),
///            Some(huzhu::ledger::DEFAULT_POINTS_DAILY_CAP));
/// ```
pub const DEFAULT_POINTS_DAILY_CAP: i64 = 2;

/// The default lifetime cap on points earned: 600 in all, as in the same pilot.
///
/// ```
/// assert_eq!(huzhu::ledger::LedgerPolicy::default().points_lifetime_cap(),
///            Some(huzhu::ledger::DEFAULT_POINTS_LIFETIME_CAP));
/// ```
pub const DEFAULT_POINTS_LIFETIME_CAP: i64 = 600;

#[cfg(feature = "serde")]
#[allow(clippy::ref_option)] // serde's skip_serializing_if passes a reference
fn is_default_points_daily_cap(cap: &Option<i64>) -> bool {
    *cap == Some(DEFAULT_POINTS_DAILY_CAP)
}

#[cfg(feature = "serde")]
#[allow(clippy::ref_option)] // serde's skip_serializing_if passes a reference
fn is_default_points_lifetime_cap(cap: &Option<i64>) -> bool {
    *cap == Some(DEFAULT_POINTS_LIFETIME_CAP)
}

impl Default for LedgerPolicy {
    fn default() -> Self {
        Self {
            overdraft_limit: 0,
            cap: Some(DEFAULT_CAP_MINUTES),
            transfer_rule: TransferRule::FamilyOnly,
            group_donate_only: true,
            unit: 1,
            starting_grant: 0,
            reviewers_required: 0,
            points_daily_cap: Some(DEFAULT_POINTS_DAILY_CAP),
            points_lifetime_cap: Some(DEFAULT_POINTS_LIFETIME_CAP),
            clearing: ClearingPolicy::default(),
        }
    }
}

impl LedgerPolicy {
    /// Sets how far below zero a member balance may go (the floor is minus this). Must be ≥ 0.
    #[must_use]
    pub fn with_overdraft_limit(mut self, minutes: i64) -> Self {
        self.overdraft_limit = minutes;
        self
    }

    /// Sets the per-account cap on member balances. Must be ≥ 0.
    #[must_use]
    pub fn with_cap(mut self, minutes: i64) -> Self {
        self.cap = Some(minutes);
        self
    }

    /// Removes the cap on member balances.
    #[must_use]
    pub fn without_cap(mut self) -> Self {
        self.cap = None;
        self
    }

    /// Sets who may receive transfers.
    #[must_use]
    pub fn with_transfer_rule(mut self, rule: TransferRule) -> Self {
        self.transfer_rule = rule;
        self
    }

    /// Sets whether group accounts may only donate.
    #[must_use]
    pub fn with_group_donate_only(mut self, donate_only: bool) -> Self {
        self.group_donate_only = donate_only;
        self
    }

    /// Sets the minimum unit in minutes. Must be ≥ 1.
    #[must_use]
    pub fn with_unit(mut self, minutes: i64) -> Self {
        self.unit = minutes;
        self
    }

    /// Sets the starting grant in minutes (0 disables it). Must be ≥ 0, a multiple of the unit
    /// and within the cap.
    #[must_use]
    pub fn with_starting_grant(mut self, minutes: i64) -> Self {
        self.starting_grant = minutes;
        self
    }

    /// Sets how many distinct reviewers must approve an earn before it is posted (0 posts at
    /// once).
    #[must_use]
    pub fn with_reviewers_required(mut self, reviewers: u32) -> Self {
        self.reviewers_required = reviewers;
        self
    }

    /// Sets the points a member may earn per calendar day (`None`: no daily cap). Must be ≥ 0.
    ///
    /// ```
    /// use huzhu::ledger::LedgerPolicy;
    /// let p = LedgerPolicy::default().with_points_daily_cap(Some(5));
    /// assert_eq!(p.points_daily_cap(), Some(5));
    /// assert_eq!(LedgerPolicy::default().points_daily_cap(), Some(2));
    /// ```
    #[must_use]
    pub fn with_points_daily_cap(mut self, points: Option<i64>) -> Self {
        self.points_daily_cap = points;
        self
    }

    /// Sets the points a member may earn in all (`None`: no lifetime cap). Must be ≥ 0.
    ///
    /// ```
    /// use huzhu::ledger::LedgerPolicy;
    /// let p = LedgerPolicy::default().with_points_lifetime_cap(None);
    /// assert_eq!(p.points_lifetime_cap(), None);
    /// assert_eq!(LedgerPolicy::default().points_lifetime_cap(), Some(600));
    /// ```
    #[must_use]
    pub fn with_points_lifetime_cap(mut self, points: Option<i64>) -> Self {
        self.points_lifetime_cap = points;
        self
    }

    /// Sets how this bank takes part in clearing between banks: its code and the limits on
    /// what members send (see [`ClearingPolicy`]).
    ///
    /// ```
    /// use huzhu::ledger::{ClearingPolicy, LedgerPolicy};
    /// let p = LedgerPolicy::default()
    ///     .with_clearing(ClearingPolicy::for_bank("jingan".parse()?).with_member_daily_limit(None));
    /// assert_eq!(p.clearing().bank().map(|b| b.to_string()).as_deref(), Some("jingan"));
    /// assert_eq!(LedgerPolicy::default().clearing().bank(), None); // clearing disabled
    /// # Ok::<(), huzhu::model::text::ParseError>(())
    /// ```
    #[must_use]
    pub fn with_clearing(mut self, clearing: ClearingPolicy) -> Self {
        self.clearing = clearing;
        self
    }

    /// How this bank takes part in clearing between banks.
    pub fn clearing(&self) -> &ClearingPolicy {
        &self.clearing
    }

    /// Points a member may earn per calendar day (of the posting time), if capped.
    pub fn points_daily_cap(&self) -> Option<i64> {
        self.points_daily_cap
    }

    /// Points a member may earn in all, if capped.
    pub fn points_lifetime_cap(&self) -> Option<i64> {
        self.points_lifetime_cap
    }

    /// How far below zero a member balance may go.
    pub fn overdraft_limit(&self) -> i64 {
        self.overdraft_limit
    }

    /// The lowest balance a member account may hold: `-overdraft_limit`.
    pub fn floor(&self) -> i64 {
        self.overdraft_limit.saturating_neg()
    }

    /// The cap on member balances, if any.
    pub fn cap(&self) -> Option<i64> {
        self.cap
    }

    /// Who may receive transfers.
    pub fn transfer_rule(&self) -> TransferRule {
        self.transfer_rule
    }

    /// Whether group accounts may only donate.
    pub fn group_donate_only(&self) -> bool {
        self.group_donate_only
    }

    /// The minimum unit in minutes.
    pub fn unit(&self) -> i64 {
        self.unit
    }

    /// The starting grant in minutes (0 when disabled).
    pub fn starting_grant(&self) -> i64 {
        self.starting_grant
    }

    /// Reviewers required before an earn is posted.
    pub fn reviewers_required(&self) -> u32 {
        self.reviewers_required
    }

    /// Checks that the settings make sense together.
    pub fn validate(&self) -> Result<(), LedgerError> {
        let invalid = |field: &str, reason: String| {
            Err(LedgerError::InvalidPolicy {
                field: field.to_owned(),
                reason,
            })
        };
        if self.overdraft_limit < 0 {
            return invalid(
                "overdraft_limit",
                format!("must be >= 0, got {}", self.overdraft_limit),
            );
        }
        if let Some(cap) = self.cap
            && cap < 0
        {
            return invalid("cap", format!("must be >= 0, got {cap}"));
        }
        if self.unit < 1 {
            return invalid("unit", format!("must be >= 1, got {}", self.unit));
        }
        if self.starting_grant < 0 {
            return invalid(
                "starting_grant",
                format!("must be >= 0, got {}", self.starting_grant),
            );
        }
        if self.starting_grant % self.unit != 0 {
            return invalid(
                "starting_grant",
                format!(
                    "{} is not a multiple of the unit {}",
                    self.starting_grant, self.unit
                ),
            );
        }
        for (field, cap) in [
            ("points_daily_cap", self.points_daily_cap),
            ("points_lifetime_cap", self.points_lifetime_cap),
        ] {
            if let Some(cap) = cap
                && cap < 0
            {
                return invalid(field, format!("must be >= 0, got {cap}"));
            }
        }
        if let Some(cap) = self.cap
            && self.starting_grant > cap
        {
            return invalid(
                "starting_grant",
                format!("{} exceeds the cap {cap}", self.starting_grant),
            );
        }
        self.clearing.validate()
    }

    /// Reads a policy from JSON: the settings given, the defaults for the rest; unknown
    /// settings and wrong types are refused, and the result is validated. Errors name the
    /// setting (see the example on [`LedgerPolicy`]).
    #[cfg(feature = "serde")]
    pub fn from_json(text: &str) -> Result<Self, LedgerError> {
        Self::read(crate::model::json::from_str(text, ""))
    }

    /// As [`from_json`](Self::from_json), from an already parsed JSON value.
    #[cfg(feature = "serde")]
    pub fn from_value(value: serde_json::Value) -> Result<Self, LedgerError> {
        Self::read(crate::model::json::from_value(value, ""))
    }

    #[cfg(feature = "serde")]
    fn read(read: Result<Self, crate::error::ModelError>) -> Result<Self, LedgerError> {
        let policy = read.map_err(|e| match e {
            crate::error::ModelError::Json { message, path, .. } => LedgerError::InvalidPolicy {
                field: crate::model::json::setting_or(&path, "policy"),
                reason: format!("cannot be read: {message}"),
            },
            other => LedgerError::InvalidPolicy {
                field: "policy".into(),
                reason: other.to_string(),
            },
        })?;
        policy.validate()?;
        Ok(policy)
    }
}
