//! Time-bank health per period, from per-account summaries the ledger can fill.

use std::collections::BTreeSet;

use super::error::{InputRef, ScoringError};
use super::records::Period;
use crate::error::{FieldProblem, RecordRef};
use crate::model::{Community, ResidentId};

/// What an account is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum AccountKind {
    /// A resident's or volunteer's own account: its balance is care the community owes.
    #[default]
    Member,
    /// The community fund (donations, grants).
    Fund,
}

/// One account's flows in a period, in minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AccountSummary {
    /// Account number.
    pub account: u32,
    /// Member or fund.
    #[cfg_attr(feature = "serde", serde(default))]
    pub kind: AccountKind,
    /// The resident holding it, if any.
    #[cfg_attr(feature = "serde", serde(default))]
    pub holder: Option<ResidentId>,
    /// Minutes earned by service.
    pub earned: i64,
    /// Minutes redeemed for services.
    pub redeemed: i64,
    /// Minutes transferred out to other accounts (family).
    pub transferred: i64,
    /// Minutes donated (to the fund or others).
    pub donated: i64,
    /// Balance at the end of the period.
    pub balance: i64,
}

/// Every account's summary for one period, with the storage cap.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TimeBankPeriod {
    /// The period.
    pub period: Period,
    /// Storage cap per member account in minutes (e.g. Nanjing 1,500 h = 90,000), if any.
    pub cap_minutes: Option<i64>,
    /// One summary per account.
    pub accounts: Vec<AccountSummary>,
}

/// Checks time-bank summaries: valid periods, positive caps, non-negative flows, unique
/// accounts, known holders.
pub fn check_time_bank(
    community: &Community,
    periods: &[TimeBankPeriod],
) -> Result<(), ScoringError> {
    for (index, p) in periods.iter().enumerate() {
        p.period
            .check(InputRef::TimeBankPeriod { index }, "period")?;
        if p.cap_minutes.is_some_and(|c| c <= 0) {
            return Err(ScoringError::invalid(
                InputRef::TimeBankPeriod { index },
                "cap_minutes",
                FieldProblem::NotPositive,
            ));
        }
        let mut seen = BTreeSet::new();
        for a in &p.accounts {
            let record = InputRef::Account {
                period: index,
                account: a.account,
            };
            if !seen.insert(a.account) {
                return Err(ScoringError::DuplicateId { record });
            }
            for (field, v) in [
                ("earned", a.earned),
                ("redeemed", a.redeemed),
                ("transferred", a.transferred),
                ("donated", a.donated),
            ] {
                if v < 0 {
                    return Err(ScoringError::invalid(
                        record,
                        field,
                        FieldProblem::OutOfRange {
                            value: v.to_string(),
                            allowed: "0..".into(),
                        },
                    ));
                }
            }
            if let Some(h) = a.holder
                && community.resident(h).is_none()
            {
                return Err(ScoringError::UnknownReference {
                    record,
                    field: "holder".into(),
                    target: RecordRef::Resident(h),
                });
            }
        }
    }
    Ok(())
}

/// An account at or above the near-cap share of the cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct NearCap {
    /// Account number.
    pub account: u32,
    /// Holder, if any.
    pub holder: Option<ResidentId>,
    /// Balance in minutes.
    pub balance: i64,
    /// The cap.
    pub cap: i64,
}

/// Time-bank health of one period.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TimeBankHealth {
    /// The period.
    pub period: Period,
    /// Accounts reported.
    pub accounts: u32,
    /// Minutes earned.
    pub earned: i64,
    /// Minutes redeemed.
    pub redeemed: i64,
    /// Minutes transferred.
    pub transferred: i64,
    /// Minutes donated.
    pub donated: i64,
    /// Sum of positive member balances: the community's future care owed.
    pub outstanding: i64,
    /// Balance of the fund accounts.
    pub fund_balance: i64,
    /// `redeemed / earned` (`None` when nothing was earned).
    pub redemption_ratio: Option<f64>,
    /// Member accounts at or above `near_cap_share × cap`, in account order.
    pub near_cap: Vec<NearCap>,
}

/// Time-bank health per period, in the order given. Sums saturate rather than overflow.
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::scoring::*;
/// let d = |m| NaiveDate::from_ymd_opt(2026, m, 1).unwrap();
/// let acc = |account, earned, balance| AccountSummary { account, kind: AccountKind::Member, holder: None,
///     earned, redeemed: 0, transferred: 0, donated: 0, balance };
/// let p = TimeBankPeriod { period: Period::new(d(1), d(2)).unwrap(), cap_minutes: Some(1000),
///     accounts: vec![acc(1, 60, 950), acc(2, 30, 100)] };
/// let h = &time_bank_health(&[p], 0.9)[0];
/// assert_eq!((h.earned, h.outstanding, h.near_cap.len()), (90, 1050, 1));
/// ```
pub fn time_bank_health(periods: &[TimeBankPeriod], near_cap_share: f64) -> Vec<TimeBankHealth> {
    periods
        .iter()
        .map(|p| {
            let mut h = TimeBankHealth {
                period: p.period,
                accounts: p.accounts.len() as u32,
                earned: 0,
                redeemed: 0,
                transferred: 0,
                donated: 0,
                outstanding: 0,
                fund_balance: 0,
                redemption_ratio: None,
                near_cap: Vec::new(),
            };
            let mut accounts: Vec<&AccountSummary> = p.accounts.iter().collect();
            crate::cold::sort_by_key(&mut accounts, |a| a.account);
            for a in accounts {
                h.earned = h.earned.saturating_add(a.earned);
                h.redeemed = h.redeemed.saturating_add(a.redeemed);
                h.transferred = h.transferred.saturating_add(a.transferred);
                h.donated = h.donated.saturating_add(a.donated);
                match a.kind {
                    AccountKind::Fund => h.fund_balance = h.fund_balance.saturating_add(a.balance),
                    AccountKind::Member => {
                        h.outstanding = h.outstanding.saturating_add(a.balance.max(0));
                        if let Some(cap) = p.cap_minutes
                            && a.balance as f64 >= near_cap_share * cap as f64
                        {
                            h.near_cap.push(NearCap {
                                account: a.account,
                                holder: a.holder,
                                balance: a.balance,
                                cap,
                            });
                        }
                    }
                }
            }
            h.redemption_ratio = (h.earned > 0).then(|| h.redeemed as f64 / h.earned as f64);
            h
        })
        .collect()
}
