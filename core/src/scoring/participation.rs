//! Resident participation: who volunteered, earned or redeemed time credits in the period.

use std::collections::BTreeSet;

use super::records::{Outcome, Period, ServiceRecord};
use super::stats;
use super::timebank::TimeBankPeriod;
use crate::model::{Community, HelperId};

/// Participation of residents in a period.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ParticipationReport {
    /// Residents.
    pub residents: u32,
    /// Residents whose volunteer record delivered a service in the period.
    pub volunteered: u32,
    /// Residents holding an account that earned minutes in the period.
    pub earned: u32,
    /// Residents holding an account that redeemed minutes in the period.
    pub redeemed: u32,
    /// Residents who did any of these.
    pub participated: u32,
    /// `participated / residents`.
    pub share: Option<f64>,
    /// The policy's target share (default 0.60).
    pub target: f64,
}

/// Participation in `period`: the share of residents who volunteered (a done service record of
/// a volunteer linked to them), or whose time-bank account earned or redeemed minutes in a
/// summary whose period overlaps `period`.
///
/// ```
/// use huzhu::model::Community;
/// use huzhu::scoring::{participation, Period};
/// use chrono::NaiveDate;
/// let d = |m| NaiveDate::from_ymd_opt(2026, m, 1).unwrap();
/// let r = participation(&Community::new("x"), &[], &[], Period::new(d(1), d(2)).unwrap(), 0.6);
/// assert_eq!((r.residents, r.share), (0, None));
/// ```
pub fn participation(
    community: &Community,
    records: &[ServiceRecord],
    time_bank: &[TimeBankPeriod],
    period: Period,
    target: f64,
) -> ParticipationReport {
    let volunteered: BTreeSet<_> = crate::cold::collect(
        records
            .iter()
            .filter(|r| r.outcome == Outcome::Done && period.contains(r.started))
            .filter_map(|r| match r.helper {
                HelperId::Volunteer(v) => community.volunteer(v).and_then(|v| v.resident),
                HelperId::Service(_) => None,
            }),
    );
    let mut earned = BTreeSet::new();
    let mut redeemed = BTreeSet::new();
    for p in time_bank
        .iter()
        .filter(|p| p.period.start < period.end && period.start < p.period.end)
    {
        for a in &p.accounts {
            if let Some(h) = a.holder
                && community.resident(h).is_some()
            {
                if a.earned > 0 {
                    earned.insert(h);
                }
                if a.redeemed > 0 {
                    redeemed.insert(h);
                }
            }
        }
    }
    let any: BTreeSet<_> =
        crate::cold::collect(volunteered.iter().chain(&earned).chain(&redeemed).copied());
    let residents = community.residents().len() as u32;
    ParticipationReport {
        residents,
        volunteered: volunteered.len() as u32,
        earned: earned.len() as u32,
        redeemed: redeemed.len() as u32,
        participated: any.len() as u32,
        share: stats::rate(any.len() as u64, u64::from(residents)),
        target,
    }
}
