//! Self-governing and social organisations: their grades, activities and active members, which
//! are dormant, and the share of projects run by social organisations and companies.

use chrono::Duration;

use super::records::Period;
use super::stats::rate;
use crate::model::{Community, ProviderId, ProviderKind, ServiceStatus};

/// One organisation in a period.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct OrganisationRow {
    /// The organisation (a provider).
    pub provider: ProviderId,
    /// Its kind.
    pub kind: ProviderKind,
    /// Its grade, 1–5 for 1A–5A (0: not graded).
    pub stars: u8,
    /// Whether it gets resources first (graded 3A or above).
    pub priority: bool,
    /// Activities it organised that started in the period.
    pub activities: u32,
    /// Distinct residents who attended them (its active members).
    pub members: u32,
    /// Whether it organised nothing in the `dormant_after_days` up to the end of the period.
    pub dormant: bool,
}

/// Organisations of a period.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct OrganisationReport {
    /// Self-governing organisations, social organisations and companies, in id order.
    pub rows: Vec<OrganisationRow>,
    /// Rows that are dormant.
    pub dormant: u32,
    /// `dormant / rows`.
    pub dormant_share: Option<f64>,
    /// Volunteer teams among the rows.
    pub volunteer_teams: u32,
    /// Of those, dormant (the documents: about 30%).
    pub volunteer_teams_dormant: u32,
    /// Service projects: the active services.
    pub projects: u32,
    /// Of those, run by social organisations and companies.
    pub by_social_and_companies: u32,
    /// `by_social_and_companies / projects`.
    pub social_share: Option<f64>,
    /// The dormancy rule: no activity organised in this many days.
    pub dormant_after_days: u32,
}

fn reported(kind: ProviderKind) -> bool {
    kind.is_graded() || kind == ProviderKind::Company
}

fn social(kind: ProviderKind) -> bool {
    matches!(
        kind,
        ProviderKind::SocialOrganisation | ProviderKind::Company
    )
}

/// Organisations in `period`: an organisation is dormant when it organised no activity in
/// the `dormant_after_days` days up to the end of the period (a documented rule of ours).
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::model::*;
/// use huzhu::scoring::{Period, organisations};
/// let mut c = Community::new("x");
/// c.add_provider(Provider { stars: 3, ..Provider::new(ProviderId(1), "Silver team", ProviderKind::VolunteerTeam) }).unwrap();
/// let d = |m| NaiveDate::from_ymd_opt(2026, m, 1).unwrap();
/// let r = organisations(&c, Period::new(d(10), d(11)).unwrap(), 90);
/// assert!(r.rows[0].dormant && r.rows[0].priority);
/// assert_eq!(r.volunteer_teams_dormant, 1);
/// ```
pub fn organisations(
    community: &Community,
    period: Period,
    dormant_after_days: u32,
) -> OrganisationReport {
    let end = period.end.and_time(chrono::NaiveTime::MIN);
    let since = end - Duration::days(i64::from(dormant_after_days));
    let mut rows = Vec::new();
    for p in community.providers().filter(|p| reported(p.kind)) {
        let mine: Vec<_> = community
            .activities()
            .filter(|a| a.organiser == Some(p.id))
            .collect();
        let in_period: Vec<_> = mine.iter().filter(|a| period.contains(a.start)).collect();
        let members: std::collections::BTreeSet<_> =
            in_period.iter().flat_map(|a| a.attendees.iter()).collect();
        rows.push(OrganisationRow {
            provider: p.id,
            kind: p.kind,
            stars: p.stars,
            priority: p.has_priority(),
            activities: in_period.len() as u32,
            members: members.len() as u32,
            dormant: !mine.iter().any(|a| a.start >= since && a.start < end),
        });
    }
    let dormant = rows.iter().filter(|r| r.dormant).count() as u32;
    let teams: Vec<_> = rows
        .iter()
        .filter(|r| r.kind == ProviderKind::VolunteerTeam)
        .collect();
    let kind_of = |id: ProviderId| community.provider(id).map(|p| p.kind);
    let kinds: Vec<Option<ProviderKind>> = community
        .services()
        .filter(|s| s.status == ServiceStatus::Active)
        .map(|s| kind_of(s.provider))
        .collect();
    let by_social = kinds.iter().filter(|k| k.is_some_and(social)).count() as u32;
    OrganisationReport {
        dormant,
        dormant_share: rate(u64::from(dormant), rows.len() as u64),
        volunteer_teams: teams.len() as u32,
        volunteer_teams_dormant: teams.iter().filter(|r| r.dormant).count() as u32,
        projects: kinds.len() as u32,
        by_social_and_companies: by_social,
        social_share: rate(u64::from(by_social), kinds.len() as u64),
        rows,
        dormant_after_days,
    }
}
