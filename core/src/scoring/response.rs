//! Response time of each need against its deadline on the working-day calendar.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;

use super::records::{Assignment, Outcome, Period, ServiceRecord};
use super::stats;
use crate::model::{CategoryCode, Community, GridId, NeedId, NeedStatus, SpecialGroup, Urgency};

/// How fast one need was answered.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct NeedResponse {
    /// The need.
    pub need: NeedId,
    /// Its urgency class.
    pub urgency: Urgency,
    /// Its category.
    pub category: CategoryCode,
    /// The resident's grid.
    pub grid: Option<GridId>,
    /// Its status in the model.
    pub status: NeedStatus,
    /// When it was created.
    pub created_at: NaiveDateTime,
    /// Its response deadline (`None` if the calendar has no working day).
    pub deadline: Option<NaiveDateTime>,
    /// Earliest assignment.
    pub matched_at: Option<NaiveDateTime>,
    /// Earliest finish of a delivered service record.
    pub done_at: Option<NaiveDateTime>,
    /// Minutes from creation to match.
    pub response_minutes: Option<i64>,
    /// Minutes from creation to delivery.
    pub done_minutes: Option<i64>,
    /// Matched by the deadline? `None` while undecided (not matched, deadline not passed) or
    /// when the need was cancelled unmatched.
    pub on_time: Option<bool>,
    /// Not matched, not cancelled, and the deadline has passed.
    pub overdue: bool,
}

/// Response statistics of a group of needs.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ResponseStats {
    /// Needs in the group.
    pub needs: u32,
    /// Needs whose compliance is decided.
    pub decided: u32,
    /// Needs matched by their deadline.
    pub on_time: u32,
    /// `on_time / decided`.
    pub compliance_rate: Option<f64>,
    /// Median minutes created → matched (nearest rank).
    pub p50_response_minutes: Option<i64>,
    /// 90th percentile minutes created → matched (nearest rank).
    pub p90_response_minutes: Option<i64>,
    /// Median minutes created → done (nearest rank).
    pub p50_done_minutes: Option<i64>,
    /// 90th percentile minutes created → done (nearest rank).
    pub p90_done_minutes: Option<i64>,
}

impl ResponseStats {
    fn of<'a>(items: impl Iterator<Item = &'a NeedResponse>) -> Self {
        let mut s = Self::default();
        let mut resp = Vec::new();
        let mut done = Vec::new();
        for r in items {
            s.needs += 1;
            if let Some(ok) = r.on_time {
                s.decided += 1;
                s.on_time += u32::from(ok);
            }
            resp.extend(r.response_minutes);
            done.extend(r.done_minutes);
        }
        resp.sort_unstable();
        done.sort_unstable();
        s.compliance_rate = stats::rate(u64::from(s.on_time), u64::from(s.decided));
        s.p50_response_minutes = stats::percentile(&resp, 50);
        s.p90_response_minutes = stats::percentile(&resp, 90);
        s.p50_done_minutes = stats::percentile(&done, 50);
        s.p90_done_minutes = stats::percentile(&done, 90);
        s
    }
}

/// Response times of the needs created in a period, overall and by urgency, category, special
/// group and grid, with the overdue needs.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ResponseReport {
    /// Every need created in the period, in id order.
    pub needs: Vec<NeedResponse>,
    /// All of them.
    pub overall: ResponseStats,
    /// By urgency class.
    pub by_urgency: BTreeMap<Urgency, ResponseStats>,
    /// By category.
    pub by_category: BTreeMap<CategoryCode, ResponseStats>,
    /// By special group of the resident (a resident in two groups counts in both).
    pub by_group: BTreeMap<SpecialGroup, ResponseStats>,
    /// By grid of the resident.
    pub by_grid: BTreeMap<GridId, ResponseStats>,
    /// Needs overdue as of `now`, in id order.
    pub overdue: Vec<NeedId>,
}

/// Response times of the needs created in `period`, judged as of `now`.
///
/// A need is on time when its earliest assignment is at or before its deadline
/// ([`Community::deadline_of`]); late when matched after it, or unmatched with the deadline
/// passed (then also *overdue*, unless cancelled). A need cancelled before any match, and one
/// still within its deadline, are undecided and left out of the compliance rate. Percentiles use
/// the nearest-rank method ([`stats::percentile`]).
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::model::*;
/// use huzhu::scoring::*;
/// let at = |d, h| NaiveDate::from_ymd_opt(2026, 11, d).unwrap().and_hms_opt(h, 0, 0).unwrap();
/// let mut c = Community::new("x");
/// c.add_resident(Resident::new(ResidentId(1), NaiveDate::from_ymd_opt(1950, 1, 1).unwrap(), GeoPoint { lat: 31.0, lon: 121.0 }, GridId(1))).unwrap();
/// let w = TimeWindow::new(at(25, 9), at(25, 12)).unwrap();
/// c.add_need(Need::new(NeedId(1), ResidentId(1), "elder.meals".into(), at(23, 9), w, 60)).unwrap();
/// let a = [Assignment { need: NeedId(1), helper: HelperId::Service(ServiceId(1)), matched_at: at(23, 15) }];
/// let period = Period::new(at(1, 0).date(), at(30, 0).date()).unwrap();
/// let r = response_times(&c, &a, &[], period, at(26, 0));
/// assert_eq!(r.needs[0].response_minutes, Some(360));
/// assert_eq!(r.overall.compliance_rate, Some(1.0));
/// ```
pub fn response_times(
    community: &Community,
    assignments: &[Assignment],
    records: &[ServiceRecord],
    period: Period,
    now: NaiveDateTime,
) -> ResponseReport {
    let mut matched: BTreeMap<NeedId, NaiveDateTime> = BTreeMap::new();
    for a in assignments {
        let e = matched.entry(a.need).or_insert(a.matched_at);
        *e = (*e).min(a.matched_at);
    }
    let mut done: BTreeMap<NeedId, NaiveDateTime> = BTreeMap::new();
    for r in records.iter().filter(|r| r.outcome == Outcome::Done) {
        let e = done.entry(r.need).or_insert(r.finished);
        *e = (*e).min(r.finished);
    }
    let mut needs = Vec::new();
    let mut groups: Vec<Vec<SpecialGroup>> = Vec::new();
    for n in community.needs().filter(|n| period.contains(n.created_at)) {
        let resident = community.resident(n.resident);
        let deadline = community.deadline_of(n);
        let matched_at = matched.get(&n.id).copied();
        let done_at = done.get(&n.id).copied();
        let past = deadline.is_none_or(|d| d < now);
        let (on_time, overdue) = match (matched_at, deadline) {
            (Some(m), Some(d)) => (Some(m <= d), false),
            (Some(_), None) => (Some(false), false),
            (None, _) if n.status == NeedStatus::Cancelled => (None, false),
            (None, _) if past => (Some(false), true),
            (None, _) => (None, false),
        };
        groups.push(
            resident
                .map(|r| r.groups.iter().collect())
                .unwrap_or_default(),
        );
        needs.push(NeedResponse {
            need: n.id,
            urgency: n.urgency,
            category: n.category.clone(),
            grid: resident.map(|r| r.grid),
            status: n.status,
            created_at: n.created_at,
            deadline,
            matched_at,
            done_at,
            response_minutes: matched_at.map(|m| (m - n.created_at).num_minutes()),
            done_minutes: done_at.map(|d| (d - n.created_at).num_minutes()),
            on_time,
            overdue,
        });
    }
    let mut by_urgency: BTreeMap<Urgency, Vec<&NeedResponse>> = BTreeMap::new();
    let mut by_category: BTreeMap<CategoryCode, Vec<&NeedResponse>> = BTreeMap::new();
    let mut by_group: BTreeMap<SpecialGroup, Vec<&NeedResponse>> = BTreeMap::new();
    let mut by_grid: BTreeMap<GridId, Vec<&NeedResponse>> = BTreeMap::new();
    for (r, gs) in needs.iter().zip(&groups) {
        by_urgency.entry(r.urgency).or_default().push(r);
        by_category.entry(r.category.clone()).or_default().push(r);
        for g in gs {
            by_group.entry(*g).or_default().push(r);
        }
        if let Some(g) = r.grid {
            by_grid.entry(g).or_default().push(r);
        }
    }
    ResponseReport {
        overall: ResponseStats::of(needs.iter()),
        by_urgency: fold(by_urgency),
        by_category: fold(by_category),
        by_group: fold(by_group),
        by_grid: fold(by_grid),
        overdue: needs.iter().filter(|r| r.overdue).map(|r| r.need).collect(),
        needs,
    }
}

fn fold<K: Ord>(m: BTreeMap<K, Vec<&NeedResponse>>) -> BTreeMap<K, ResponseStats> {
    crate::cold::collect(
        m.into_iter()
            .map(|(k, v)| (k, ResponseStats::of(v.into_iter()))),
    )
}
