//! Visit schedule for elderly residents living alone: who is due or overdue a visit or call.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};

use super::policy::VisitPolicy;
use super::records::{VisitKind, VisitLog};
use super::stats;
use crate::model::{Community, Household, ResidentId, SpecialGroup};

/// Whether a contact is coming due or late.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum VisitStatus {
    /// Due within the policy's `due_soon_days`, or today.
    Due,
    /// Later than the interval allows, or never contacted.
    Overdue,
}

/// One resident's contact that is due or overdue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct VisitDue {
    /// The resident.
    pub resident: ResidentId,
    /// Age on the day judged.
    pub age: u32,
    /// Home visit or phone call.
    pub kind: VisitKind,
    /// Days allowed between contacts.
    pub interval_days: u32,
    /// Date of the last contact of this kind, if any.
    pub last: Option<NaiveDate>,
    /// Days since then.
    pub days_since: Option<u32>,
    /// Due or overdue.
    pub status: VisitStatus,
}

/// The visit schedule as of one day.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct VisitReport {
    /// The day judged.
    pub today: NaiveDate,
    /// Residents on the schedule.
    pub in_scope: u32,
    /// Of those, residents with nothing overdue.
    pub on_schedule: u32,
    /// `on_schedule / in_scope`.
    pub share_on_schedule: Option<f64>,
    /// Contacts due or overdue, by resident then kind.
    pub due: Vec<VisitDue>,
}

/// Residents living alone aged `elderly_age`+ (or in the elderly-living-alone group) are on the
/// schedule: from `older_age` a home visit every `older_visit_days`, otherwise every
/// `younger_visit_days` plus a call every `younger_call_days` (a home visit counts as a call).
/// Only contacts at or before `now` count.
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::model::*;
/// use huzhu::scoring::*;
/// let mut c = Community::new("x");
/// let mut r = Resident::new(ResidentId(1), NaiveDate::from_ymd_opt(1950, 1, 1).unwrap(), GeoPoint { lat: 31.0, lon: 121.0 }, GridId(1));
/// r.household = Household::LivesAlone;
/// c.add_resident(r).unwrap();
/// let now = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap().and_hms_opt(12, 0, 0).unwrap();
/// let report = visit_schedule(&c, &[], now, &VisitPolicy::default());
/// assert_eq!(report.due[0].status, VisitStatus::Overdue); // never visited
/// ```
pub fn visit_schedule(
    community: &Community,
    visits: &[VisitLog],
    now: NaiveDateTime,
    policy: &VisitPolicy,
) -> VisitReport {
    let today = now.date();
    let mut last: BTreeMap<(ResidentId, VisitKind), NaiveDate> = BTreeMap::new();
    for v in visits.iter().filter(|v| v.at <= now) {
        let kinds: &[VisitKind] = match v.kind {
            VisitKind::Home => &[VisitKind::Home, VisitKind::Phone],
            VisitKind::Phone => &[VisitKind::Phone],
        };
        for k in kinds {
            let e = last.entry((v.resident, *k)).or_insert(v.at.date());
            *e = (*e).max(v.at.date());
        }
    }
    let mut report = VisitReport {
        today,
        in_scope: 0,
        on_schedule: 0,
        share_on_schedule: None,
        due: Vec::new(),
    };
    for r in community.residents() {
        let age = r.age_on(today);
        let in_scope = r.household == Household::LivesAlone
            && (age >= policy.elderly_age || r.groups.contains(SpecialGroup::ElderlyLivingAlone));
        if !in_scope {
            continue;
        }
        report.in_scope += 1;
        let mut plan = Vec::with_capacity(2);
        if age >= policy.older_age {
            plan.push((VisitKind::Home, policy.older_visit_days));
        } else {
            plan.push((VisitKind::Home, policy.younger_visit_days));
            if policy.younger_call_days > 0 {
                plan.push((VisitKind::Phone, policy.younger_call_days));
            }
        }
        let mut overdue = false;
        for (kind, interval) in plan {
            let l = last.get(&(r.id, kind)).copied();
            let days = l.map(|d| (today - d).num_days().max(0) as u32);
            let status = match days {
                None => Some(VisitStatus::Overdue),
                Some(d) if d > interval => Some(VisitStatus::Overdue),
                Some(d) if d >= interval.saturating_sub(policy.due_soon_days) => {
                    Some(VisitStatus::Due)
                }
                Some(_) => None,
            };
            if let Some(status) = status {
                overdue |= status == VisitStatus::Overdue;
                report.due.push(VisitDue {
                    resident: r.id,
                    age,
                    kind,
                    interval_days: interval,
                    last: l,
                    days_since: days,
                    status,
                });
            }
        }
        report.on_schedule += u32::from(!overdue);
    }
    report.share_on_schedule =
        stats::rate(u64::from(report.on_schedule), u64::from(report.in_scope));
    report
}
