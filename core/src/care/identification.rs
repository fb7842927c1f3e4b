//! How well needs are identified: the accuracy of inferred needs, the share of personalised
//! services, needs-survey coverage, and the quarterly needs list by grid and category.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use crate::model::{CategoryCode, Community, ContactKind, GridId, IntakeChannel, NeedKind};
use crate::scoring::Period;
use crate::scoring::stats::rate;

/// The identification indicators of a period.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct IdentificationReport {
    /// Inferred needs created in the period with a decision (confirmed or not).
    pub inferred_decided: u32,
    /// Of those, confirmed.
    pub inferred_confirmed: u32,
    /// `inferred_confirmed / inferred_decided`: the needs-identification accuracy (target 85%).
    pub accuracy: Option<f64>,
    /// Needs created in the period.
    pub needs: u32,
    /// Of those, from a care file's tailored package (personalised services).
    pub personalised: u32,
    /// `personalised / needs` (target 40% of supply).
    pub personalised_share: Option<f64>,
    /// Residents.
    pub residents: u32,
    /// Days of the survey window: a resident counts as surveyed with a needs survey in the
    /// window of this many days that ends with the period (or in the period itself, if longer).
    pub survey_window_days: u32,
    /// Residents with a needs survey in that window.
    pub surveyed: u32,
    /// `surveyed / residents` (target 100%).
    pub survey_coverage: Option<f64>,
}

/// The documents survey every household's needs once a year: a survey counts for the 365 days
/// after it by default.
pub const SURVEY_WINDOW_DAYS: u32 = 365;

/// The identification indicators of `period`, with surveys counted over the default
/// [`SURVEY_WINDOW_DAYS`] (see [`identification_with`]).
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::care::identification;
/// use huzhu::model::Community;
/// use huzhu::scoring::Period;
/// let d = |m| NaiveDate::from_ymd_opt(2026, m, 1).unwrap();
/// let r = identification(&Community::new("x"), Period::new(d(10), d(11)).unwrap());
/// assert_eq!((r.accuracy, r.survey_coverage), (None, None)); // nothing to judge: no data, not 0%
/// ```
pub fn identification(community: &Community, period: Period) -> IdentificationReport {
    identification_with(community, period, SURVEY_WINDOW_DAYS)
}

/// The identification indicators of `period`: accuracy and personalised share over the needs
/// created in the period; survey coverage over the `survey_window_days` days that end with
/// the period (a week's scorecard still counts the year's surveys).
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::care::identification_with;
/// use huzhu::model::*;
/// use huzhu::scoring::Period;
/// let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
/// let mut c = Community::new("x");
/// for id in 1..=2 {
///     c.add_resident(Resident::new(ResidentId(id), d(1, 1), GeoPoint { lat: 31.2, lon: 121.5 }, GridId(1))).unwrap();
/// }
/// c.add_contact(Contact { id: ContactId(1), resident: ResidentId(1), worker: None,
///     at: d(3, 2).and_hms_opt(10, 0, 0).unwrap(), kind: ContactKind::Survey, notes: String::new() }).unwrap();
/// let week = Period::new(d(11, 23), d(11, 30)).unwrap();
/// assert_eq!(identification_with(&c, week, 365).survey_coverage, Some(0.5)); // March counts
/// assert_eq!(identification_with(&c, week, 30).survey_coverage, Some(0.0));  // not within 30 days
/// ```
pub fn identification_with(
    community: &Community,
    period: Period,
    survey_window_days: u32,
) -> IdentificationReport {
    let in_period: Vec<_> = community
        .needs()
        .filter(|n| period.contains(n.created_at))
        .collect();
    let decided: Vec<bool> = in_period
        .iter()
        .filter(|n| n.inferred_by.is_some())
        .filter_map(|n| n.confirmed)
        .collect();
    let confirmed = decided.iter().filter(|c| **c).count() as u32;
    let personalised = in_period
        .iter()
        .filter(|n| n.channel == Some(IntakeChannel::CarePackage))
        .count() as u32;
    let from =
        (period.end - chrono::Duration::days(i64::from(survey_window_days))).min(period.start);
    let surveyed: std::collections::BTreeSet<_> = community
        .contacts()
        .filter(|c| c.kind == ContactKind::Survey)
        .filter(|c| c.at.date() >= from && c.at.date() < period.end)
        .map(|c| c.resident)
        .collect();
    let residents = community.residents().len() as u32;
    IdentificationReport {
        inferred_decided: decided.len() as u32,
        inferred_confirmed: confirmed,
        accuracy: rate(u64::from(confirmed), decided.len() as u64),
        needs: in_period.len() as u32,
        personalised,
        personalised_share: rate(u64::from(personalised), in_period.len() as u64),
        residents,
        survey_window_days,
        surveyed: surveyed.len() as u32,
        survey_coverage: rate(surveyed.len() as u64, u64::from(residents)),
    }
}

/// One line of the quarterly needs list.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct NeedsListRow {
    /// First day of the quarter.
    pub quarter: NaiveDate,
    /// The grid cell.
    pub grid: GridId,
    /// The category.
    pub category: CategoryCode,
    /// Needs recorded, by kind.
    pub basic: u32,
    /// Dynamic needs.
    pub dynamic: u32,
    /// Latent needs (inferred).
    pub latent: u32,
    /// Of all, served (done).
    pub served: u32,
    /// Of all, still open or under way at the end of the data.
    pub pending: u32,
}

/// The needs list (需求清单) by quarter, grid and category, for the quarterly update the
/// documents ask for, in that order.
pub fn needs_list(community: &Community) -> Vec<NeedsListRow> {
    let mut rows: BTreeMap<(NaiveDate, GridId, CategoryCode), NeedsListRow> = BTreeMap::new();
    for n in community.needs() {
        let Some(r) = community.resident(n.resident) else {
            continue;
        };
        let d = n.created_at.date();
        let quarter = NaiveDate::from_ymd_opt(d.year(), (d.month0() / 3) * 3 + 1, 1).unwrap_or(d);
        let row = rows
            .entry((quarter, r.grid, n.category.clone()))
            .or_insert_with(|| NeedsListRow {
                quarter,
                grid: r.grid,
                category: n.category.clone(),
                basic: 0,
                dynamic: 0,
                latent: 0,
                served: 0,
                pending: 0,
            });
        match n.kind {
            NeedKind::Basic => row.basic += 1,
            NeedKind::Dynamic => row.dynamic += 1,
            NeedKind::Latent => row.latent += 1,
        }
        row.served += u32::from(n.status == crate::model::NeedStatus::Done);
        row.pending += u32::from(!n.status.is_final());
    }
    rows.into_values().collect()
}
