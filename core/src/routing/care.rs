//! Rounds from the care files: the home visits a contact report calls for, and servers who
//! walk them from the middle of their residents' homes.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;

use crate::care::{ContactReport, DueStatus, contact_schedule};
use crate::model::{Community, ContactKind, ContactPolicy, GeoPoint, TimeWindow, Urgency};

use super::rounds::{RoundVisit, RoundWorker, Server, TravelMode, VisitSource};
use super::week::ContactRound;

/// The home visits `report` finds due or overdue, as visits of `minutes` in `window`: overdue
/// ones first (urgency special group, the others general), then by resident; the resident's
/// responsible worker preferred; at most `per_worker` for each worker (all when `None`).
/// Residents no longer on file are left out.
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::care::contact_schedule;
/// use huzhu::model::*;
/// use huzhu::routing::contact_visits;
/// let mut c = Community::new("x");
/// let mut r = Resident::new(ResidentId(1), NaiveDate::from_ymd_opt(1950, 1, 1).unwrap(),
///                           GeoPoint { lat: 31.0, lon: 121.0 }, GridId(1));
/// r.household = Household::LivesAlone;
/// c.add_resident(r).unwrap();
/// let now = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap().and_hms_opt(8, 0, 0).unwrap();
/// let report = contact_schedule(&c, &[], now, &ContactPolicy::default());
/// let day = TimeWindow { start: now, end: now + chrono::Duration::hours(8) };
/// let visits = contact_visits(&c, &report, day, 30, None);
/// assert_eq!((visits.len(), visits[0].id, visits[0].urgency), (1, 1, Urgency::SpecialGroup));
/// ```
pub fn contact_visits(
    community: &Community,
    report: &ContactReport,
    window: TimeWindow,
    minutes: u32,
    per_worker: Option<usize>,
) -> Vec<RoundVisit> {
    let mut due: Vec<_> = report
        .due
        .iter()
        .filter(|d| d.kind == ContactKind::Visit)
        .collect();
    due.sort_by_key(|d| (d.status != DueStatus::Overdue, d.resident));
    let mut taken: BTreeMap<_, usize> = BTreeMap::new();
    due.into_iter()
        .filter_map(|d| {
            let home = community.resident(d.resident)?.home;
            if let (Some(w), Some(cap)) = (d.worker, per_worker) {
                let n = taken.entry(w).or_default();
                if *n == cap {
                    return None;
                }
                *n += 1;
            }
            Some(RoundVisit {
                id: d.resident.0,
                source: VisitSource::Contact(d.resident),
                place: home,
                minutes,
                windows: vec![window],
                skills: vec![],
                required: None,
                preferred: d.worker.map(Server::Worker),
                urgency: if d.status == DueStatus::Overdue {
                    Urgency::SpecialGroup
                } else {
                    Urgency::General
                },
            })
        })
        .collect()
}

/// Every resident on the home-visit rounds as of `now` (whether due yet or not), as contact
/// rounds for [`super::plan_week`]: visits of `minutes` in `windows` (none: any time in a
/// shift) at the resident's home, every so many days as the care file's contact plan says,
/// last made on the day of the last visit logged before `now`, the responsible worker
/// preferred. In resident order.
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::model::*;
/// use huzhu::routing::contact_rounds;
/// let mut c = Community::new("x");
/// let mut r = Resident::new(ResidentId(1), NaiveDate::from_ymd_opt(1950, 1, 1).unwrap(),
///                           GeoPoint { lat: 31.0, lon: 121.0 }, GridId(1));
/// r.household = Household::LivesAlone;
/// c.add_resident(r).unwrap();
/// let now = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap().and_hms_opt(8, 0, 0).unwrap();
/// let rounds = contact_rounds(&c, now, &ContactPolicy::default(), 30, &[]);
/// // Aged 76, living alone: a weekly visit, none made yet.
/// assert_eq!((rounds.len(), rounds[0].every_days, rounds[0].last), (1, 7, None));
/// ```
pub fn contact_rounds(
    community: &Community,
    now: NaiveDateTime,
    policy: &ContactPolicy,
    minutes: u32,
    windows: &[TimeWindow],
) -> Vec<ContactRound> {
    // Everyone in scope is "due soon" when soon is unbounded.
    let everyone = ContactPolicy {
        due_soon_days: u32::MAX,
        ..*policy
    };
    contact_schedule(community, &[], now, &everyone)
        .due
        .iter()
        .filter(|d| d.kind == ContactKind::Visit)
        .filter_map(|d| {
            let home = community.resident(d.resident)?.home;
            Some(ContactRound {
                visit: RoundVisit {
                    id: d.resident.0,
                    source: VisitSource::Contact(d.resident),
                    place: home,
                    minutes,
                    windows: windows.to_vec(),
                    skills: vec![],
                    required: None,
                    preferred: d.worker.map(Server::Worker),
                    urgency: Urgency::General,
                },
                every_days: d.interval_days,
                last: d.last,
            })
        })
        .collect()
}

/// One walker per server the visits prefer, with `shifts`, setting out from and returning to
/// the middle of the homes on their list (by server).
pub fn walkers_from_homes(visits: &[RoundVisit], shifts: &[TimeWindow]) -> Vec<RoundWorker> {
    let mut homes: BTreeMap<Server, Vec<GeoPoint>> = BTreeMap::new();
    for v in visits {
        if let Some(server) = v.preferred {
            homes.entry(server).or_default().push(v.place);
        }
    }
    homes
        .into_iter()
        .map(|(server, places)| {
            let count = places.len() as f64;
            let centre = GeoPoint {
                lat: places.iter().map(|p| p.lat).sum::<f64>() / count,
                lon: places.iter().map(|p| p.lon).sum::<f64>() / count,
            };
            RoundWorker {
                server,
                start: centre,
                end: centre,
                shifts: shifts.to_vec(),
                skills: vec![],
                max_minutes_per_shift: None,
                mode: TravelMode::Walking,
            }
        })
        .collect()
}
