//! What the rounds tests share: records near one centre and the independent checker of a plan.

#![allow(dead_code)] // each test file uses its own share of these

use chrono::{NaiveDate, NaiveDateTime};
use huzhu::model::{GeoPoint, ResidentId, TimeWindow, Urgency, WorkerId};
use huzhu::routing::{
    RoundVisit, RoundWorker, Rounds, RoundsPolicy, Server, TravelMode, VisitSource,
};

pub fn w(start: NaiveDateTime, end: NaiveDateTime) -> TimeWindow {
    TimeWindow { start, end }
}

pub fn t(day: u32, h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 12, day)
        .and_then(|d| d.and_hms_opt(h, m, 0))
        .expect("a valid time")
}

pub fn centre() -> GeoPoint {
    GeoPoint {
        lat: 31.2,
        lon: 121.5,
    }
}

pub fn visit(id: u32, north: f64, east: f64, minutes: u32, windows: Vec<TimeWindow>) -> RoundVisit {
    RoundVisit {
        id,
        source: VisitSource::Contact(ResidentId(id)),
        place: centre().offset_m(north, east),
        minutes,
        windows,
        skills: vec![],
        required: None,
        preferred: None,
        urgency: Urgency::General,
    }
}

pub fn worker(id: u32, shifts: Vec<TimeWindow>, mode: TravelMode) -> RoundWorker {
    RoundWorker {
        server: Server::Worker(WorkerId(id)),
        start: centre(),
        end: centre(),
        shifts,
        skills: vec![],
        max_minutes_per_shift: None,
        mode,
    }
}

/// Checks every round against the definitions (great-circle distance × detour at the
/// server's speed, arrivals, windows, shifts, skills, required servers, travel totals);
/// returns the planned visit ids.
pub fn check_rounds(
    plan: &Rounds,
    visits: &[RoundVisit],
    workers: &[RoundWorker],
    policy: &RoundsPolicy,
) -> Vec<u32> {
    let mut planned = Vec::new();
    let travel = |a: GeoPoint, b: GeoPoint, mode: TravelMode| -> i64 {
        let metres = f64::from(a.distance_m(b)) * f64::from(policy.detour_percent) / 100.0;
        (metres / (f64::from(mode.metres_per_minute()) / 60.0)).ceil() as i64
    };
    let mut total = 0;
    for r in &plan.rounds {
        let w = workers
            .iter()
            .find(|w| w.server == r.server)
            .expect("a known server");
        let (from, to) = (w.shifts[r.shift].start, w.shifts[r.shift].end);
        assert!(
            r.depart >= from && r.back <= to,
            "{:?} outside its shift",
            r.server
        );
        let mut at = w.start;
        let mut ready = r.depart;
        let mut seconds = 0;
        for s in &r.stops {
            let v = visits
                .iter()
                .find(|v| v.id == s.visit)
                .expect("a known visit");
            let leg = travel(at, v.place, w.mode);
            seconds += leg;
            assert_eq!(
                s.arrive,
                ready + chrono::Duration::seconds(leg),
                "visit {} arrival",
                v.id
            );
            assert!(s.start >= s.arrive);
            assert_eq!(
                s.end - s.start,
                chrono::Duration::minutes(i64::from(v.minutes))
            );
            assert!(
                v.windows.is_empty()
                    || v.windows
                        .iter()
                        .any(|x| s.start >= x.start && s.end <= x.end),
                "visit {} at {} outside its windows",
                v.id,
                s.start
            );
            assert!(
                v.skills.iter().all(|k| w.skills.contains(k)),
                "visit {} skills",
                v.id
            );
            assert!(
                v.required.is_none_or(|q| q == r.server),
                "visit {} server",
                v.id
            );
            ready = s.end;
            at = v.place;
            planned.push(v.id);
        }
        seconds += travel(at, w.end, w.mode);
        assert_eq!(
            r.back,
            ready + chrono::Duration::seconds(travel(at, w.end, w.mode))
        );
        assert_eq!(
            i64::from(r.travel_minutes),
            (seconds as f64 / 60.0).round() as i64
        );
        total += seconds;
    }
    assert_eq!(
        i64::from(plan.travel_minutes),
        (total as f64 / 60.0).round() as i64
    );
    planned
}
