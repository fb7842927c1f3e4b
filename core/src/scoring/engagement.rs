//! Residents' participation in community affairs (meetings, hearings, consultations) and in
//! activities (interest groups, volunteer events, cultural events, classes), from the activity
//! records: overall, by age band, household, occupation and grid; repeat participants;
//! residents never reached. The documents count the two apart (31% → 60% and 25% → 60%).

use std::collections::{BTreeMap, BTreeSet};

use super::records::Period;
use super::stats::rate;
use crate::model::{Community, GridId, ResidentId};

/// How many of a group took part.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Rate {
    /// Residents in the group.
    pub residents: u32,
    /// Of those, residents who took part.
    pub participated: u32,
    /// `participated / residents` (`None` for an empty group).
    pub share: Option<f64>,
}

impl Rate {
    fn add(&mut self, took_part: bool) {
        self.residents += 1;
        self.participated += u32::from(took_part);
        self.share = rate(u64::from(self.participated), u64::from(self.residents));
    }
}

/// Participation of one group in community affairs and in activities.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Engagement {
    /// Took part in community affairs (a meeting, hearing or consultation).
    pub community_affairs: Rate,
    /// Took part in an activity that is not community affairs (an interest group, a volunteer
    /// event, a cultural event, a class).
    pub activities: Rate,
}

impl Engagement {
    fn add(&mut self, affairs: bool, activity: bool) {
        self.community_affairs.add(affairs);
        self.activities.add(activity);
    }
}

/// Participation in a period.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct EngagementReport {
    /// The period.
    pub period: Period,
    /// Residents counted from this age (on the first day of the period).
    pub min_age: u32,
    /// Every counted resident (targets: community affairs 60%, activities 60%).
    pub all: Engagement,
    /// By age band: `under_18`, `18_34`, `35_59`, `60_79`, `80_plus`.
    pub by_age_band: BTreeMap<String, Engagement>,
    /// By household: `lives_alone`, `with_family`.
    pub by_household: BTreeMap<String, Engagement>,
    /// By occupation (`retired`, `working`, …; `unknown` when not recorded).
    pub by_occupation: BTreeMap<String, Engagement>,
    /// By grid cell.
    pub by_grid: BTreeMap<GridId, Engagement>,
    /// Counted residents who attended two or more meetings or activities in the period.
    pub repeat_participants: u32,
    /// Counted residents who never attended any recorded activity up to the end of the period.
    pub never_reached: u32,
}

/// The age band of an age.
///
/// ```
/// assert_eq!(huzhu::scoring::age_band(34), "18_34");
/// assert_eq!(huzhu::scoring::age_band(80), "80_plus");
/// ```
pub fn age_band(age: u32) -> &'static str {
    match age {
        0..=17 => "under_18",
        18..=34 => "18_34",
        35..=59 => "35_59",
        60..=79 => "60_79",
        _ => "80_plus",
    }
}

/// Participation in `period` of the residents aged `min_age` or more: a resident took part
/// in community affairs when they attended a meeting, hearing or consultation that started in
/// the period, and in activities when they attended any other activity that did.
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::model::Community;
/// use huzhu::scoring::{Period, engagement};
/// let d = |m| NaiveDate::from_ymd_opt(2026, m, 1).unwrap();
/// let r = engagement(&Community::new("x"), Period::new(d(10), d(11)).unwrap(), 18);
/// assert_eq!(r.all.activities.share, None); // nobody to count: no data, not 0%
/// ```
pub fn engagement(community: &Community, period: Period, min_age: u32) -> EngagementReport {
    let end = period.end.and_time(chrono::NaiveTime::MIN);
    // Per resident: attendances in the period, community affairs, other activities.
    let mut in_period: BTreeMap<ResidentId, (u32, bool, bool)> = BTreeMap::new();
    let mut ever: BTreeSet<ResidentId> = BTreeSet::new();
    for a in community.activities().filter(|a| a.start < end) {
        let inside = period.contains(a.start);
        for r in &a.attendees {
            ever.insert(*r);
            if inside {
                let e = in_period.entry(*r).or_default();
                e.0 += 1;
                e.1 |= a.kind.is_community_affairs();
                e.2 |= !a.kind.is_community_affairs();
            }
        }
    }
    let mut report = EngagementReport {
        period,
        min_age,
        all: Engagement::default(),
        by_age_band: BTreeMap::new(),
        by_household: BTreeMap::new(),
        by_occupation: BTreeMap::new(),
        by_grid: BTreeMap::new(),
        repeat_participants: 0,
        never_reached: 0,
    };
    for r in community.residents() {
        let age = r.age_on(period.start);
        if age < min_age {
            continue;
        }
        let (count, affairs, activity) = in_period.get(&r.id).copied().unwrap_or_default();
        report.all.add(affairs, activity);
        for map in [
            report.by_age_band.entry(age_band(age).to_owned()),
            report
                .by_household
                .entry(household_code(r.household).to_owned()),
            report
                .by_occupation
                .entry(r.occupation.map_or("unknown", |o| o.code()).to_owned()),
        ] {
            map.or_default().add(affairs, activity);
        }
        report
            .by_grid
            .entry(r.grid)
            .or_default()
            .add(affairs, activity);
        report.repeat_participants += u32::from(count >= 2);
        report.never_reached += u32::from(!ever.contains(&r.id));
    }
    report
}

fn household_code(h: crate::model::Household) -> &'static str {
    match h {
        crate::model::Household::LivesAlone => "lives_alone",
        crate::model::Household::WithFamily => "with_family",
    }
}
