//! Test builders shared by huzhu's test suites: small hand-made communities.
//!
//! A dev-dependency only; no shipped crate depends on it.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use huzhu::model::{
    GeoPoint, GridId, Need, NeedId, ProviderId, Resident, ResidentId, Service, ServiceId,
    TimeWindow, Volunteer, VolunteerId, WeeklySchedule,
};

/// Tuesday 24 Nov 2026 at `h:00`.
pub fn tue(h: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 24)
        .unwrap()
        .and_hms_opt(h, 0, 0)
        .unwrap()
}

/// Monday 23 Nov 2026 at 08:00, "now" in the tests.
pub fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(8, 0, 0)
        .unwrap()
}

/// The reference point; others are placed by metres north of it.
pub fn origin() -> GeoPoint {
    GeoPoint {
        lat: 31.2300,
        lon: 121.4700,
    }
}

/// A point `m` metres north of the origin.
pub fn north(m: f64) -> GeoPoint {
    origin().offset_m(m, 0.0)
}

/// A 75-year-old resident living at `home`.
pub fn resident(id: u32, home: GeoPoint) -> Resident {
    Resident::new(
        ResidentId(id),
        NaiveDate::from_ymd_opt(1951, 1, 1).unwrap(),
        home,
        GridId(1),
    )
}

/// A volunteer at `home`, free on weekdays 9:00–12:00, 4 h a week, travelling 1.2 km.
pub fn volunteer(id: u32, home: GeoPoint) -> Volunteer {
    let mut v = Volunteer::new(VolunteerId(id), home);
    v.availability = WeeklySchedule::weekdays(
        NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
        NaiveTime::from_hms_opt(12, 0, 0).unwrap(),
    );
    v
}

/// A one-hour cleaning need at the resident's home on Tuesday 10:00–12:00.
pub fn need(id: u32, resident: u32) -> Need {
    Need::new(
        NeedId(id),
        ResidentId(resident),
        "elder.cleaning".into(),
        now(),
        TimeWindow::new(tue(10), tue(12)).unwrap(),
        60,
    )
}

/// A service of provider#1 at `location` serving `category`, open daily 08:00–20:00 and taking
/// `per_week` tasks a week.
pub fn service(id: u32, category: &str, location: GeoPoint, per_week: u32) -> Service {
    Service {
        schedule: WeeklySchedule::daily(
            NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
            NaiveTime::from_hms_opt(20, 0, 0).unwrap(),
        ),
        capacity_per_week: per_week,
        ..Service::new(
            ServiceId(id),
            ProviderId(1),
            format!("Service {id}"),
            vec![category.into()],
            location,
        )
    }
}
