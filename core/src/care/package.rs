//! The week's needs from the care files' service packages: no re-keying.

use chrono::{Datelike, Duration, NaiveDate};

use crate::model::{
    Cadence, CareFile, Community, IntakeChannel, Need, NeedId, NeedKind, PackageItem, TimeWindow,
    Urgency,
};

/// Whether a package item is served on `date` for a file.
fn served_on(item: &PackageItem, file: &CareFile, date: NaiveDate) -> bool {
    let day = date.weekday();
    match item.every {
        Cadence::Daily => true,
        Cadence::Weekdays => day.number_from_monday() <= 5,
        Cadence::Weekly => item.weekday == Some(day),
        Cadence::Fortnightly => {
            let weeks = (monday_of(date) - monday_of(file.opened)).num_weeks();
            item.weekday == Some(day) && weeks.rem_euclid(2) == 0
        }
    }
}

fn monday_of(date: NaiveDate) -> NaiveDate {
    date - Duration::days(i64::from(date.weekday().num_days_from_monday()))
}

/// The needs the open care files' packages ask for in the week starting `week_start` (7 days),
/// numbered from `first_id` in resident, item and day order. Each is recorded at the start of
/// its week (a planned, basic need; intake channel `care_package`), with the item's window of
/// its day and its duration; the urgency is `special_group` for a special-group resident,
/// `general` otherwise. Items on days a file is not open are left out.
///
/// ```
/// use chrono::{NaiveDate, NaiveTime, Weekday};
/// use huzhu::care::package_needs;
/// use huzhu::model::*;
/// let monday = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
/// let mut c = Community::new("x");
/// c.add_resident(Resident::new(ResidentId(1), NaiveDate::from_ymd_opt(1940, 1, 1).unwrap(),
///                              GeoPoint { lat: 31.2, lon: 121.5 }, GridId(1))).unwrap();
/// c.add_worker(Worker::new(WorkerId(1), "Li", WorkerRole::GridWorker)).unwrap();
/// let t = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap();
/// let mut file = CareFile::new(ResidentId(1), monday, WorkerId(1), Assessment {
///     date: monday, assessor: "worker#1".into(), self_care: SelfCare::Partial,
///     health_risks: vec![], living_risks: vec![] });
/// file.package = vec![
///     PackageItem { category: "elder.meals".into(), every: Cadence::Daily, weekday: None,
///                   from: t(11), until: t(13), duration_minutes: 30 },
///     PackageItem { category: "elder.cleaning".into(), every: Cadence::Weekly, weekday: Some(Weekday::Wed),
///                   from: t(9), until: t(12), duration_minutes: 90 },
/// ];
/// c.add_care_file(file).unwrap();
/// let needs = package_needs(&c, monday, NeedId(100));
/// assert_eq!(needs.len(), 8); // 7 meals and 1 cleaning
/// assert_eq!(needs[7].category.as_str(), "elder.cleaning");
/// assert_eq!(needs[7].windows[0].start.to_string(), "2026-11-25 09:00:00");
/// ```
pub fn package_needs(community: &Community, week_start: NaiveDate, first_id: NeedId) -> Vec<Need> {
    let recorded = week_start.and_time(chrono::NaiveTime::MIN);
    let mut next = first_id.0;
    let mut out = Vec::new();
    for file in community.care_files() {
        let urgency = match community.resident(file.resident) {
            Some(r) if r.is_priority() => Urgency::SpecialGroup,
            _ => Urgency::General,
        };
        for item in &file.package {
            for d in 0..7 {
                let date = week_start + Duration::days(d);
                if !file.is_open_on(date) || !served_on(item, file, date) {
                    continue;
                }
                let Ok(window) =
                    TimeWindow::new(date.and_time(item.from), date.and_time(item.until))
                else {
                    continue;
                };
                let mut n = Need::new(
                    NeedId(next),
                    file.resident,
                    item.category.clone(),
                    recorded,
                    window,
                    item.duration_minutes,
                );
                next = next.saturating_add(1);
                n.urgency = urgency;
                n.kind = NeedKind::Basic;
                n.channel = Some(IntakeChannel::CarePackage);
                out.push(n);
            }
        }
    }
    out
}
