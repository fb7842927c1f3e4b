//! The visit indicator: residents on the rounds with nothing overdue. The rounds themselves —
//! who is due or overdue a visit or call, per resident, worker and grid — are the care loop's
//! ([`crate::care::contact_schedule`]); this adds the visits logged as scoring evidence.

use chrono::NaiveDateTime;

use super::records::{VisitKind, VisitLog};
use crate::care::{ContactReport, Made, contact_schedule};
use crate::model::{Community, ContactKind, ContactPolicy};

/// The rounds as of a day (the care loop's contact report).
pub type VisitReport = ContactReport;

/// The rounds as of `now` from the community's contact log and the `visits` logged as evidence
/// (a home visit is a visit, a phone call a call): see [`contact_schedule`].
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::care::DueStatus;
/// use huzhu::model::*;
/// use huzhu::scoring::*;
/// let mut c = Community::new("x");
/// let mut r = Resident::new(ResidentId(1), NaiveDate::from_ymd_opt(1950, 1, 1).unwrap(), GeoPoint { lat: 31.0, lon: 121.0 }, GridId(1));
/// r.household = Household::LivesAlone;
/// c.add_resident(r).unwrap();
/// let now = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap().and_hms_opt(12, 0, 0).unwrap();
/// let report = visit_schedule(&c, &[], now, &ContactPolicy::default());
/// assert_eq!(report.due[0].status, DueStatus::Overdue); // never visited
/// ```
pub fn visit_schedule(
    community: &Community,
    visits: &[VisitLog],
    now: NaiveDateTime,
    policy: &ContactPolicy,
) -> VisitReport {
    let extra: Vec<Made> = visits
        .iter()
        .map(|v| Made {
            resident: v.resident,
            at: v.at,
            kind: match v.kind {
                VisitKind::Home => ContactKind::Visit,
                VisitKind::Phone => ContactKind::Phone,
            },
        })
        .collect();
    contact_schedule(community, &extra, now, policy)
}
