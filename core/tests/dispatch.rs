//! The phone baseline and the week's replay, on communities small enough to work by hand.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use huzhu::dispatch::{DispatchTimes, Dispatcher, Fate, compare, replay};
use huzhu::matching::{MatchContext, MatchPolicy, UnmatchedReason, dispatch_by_phone};
use huzhu::model::*;

const MONDAY: (i32, u32, u32) = (2026, 11, 23);

fn at(day: u32, h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(MONDAY.0, MONDAY.1, MONDAY.2 + day)
        .unwrap()
        .and_hms_opt(h, m, 0)
        .unwrap()
}

fn monday() -> NaiveDate {
    at(0, 0, 0).date()
}

/// A point `metres` north of the resident's home.
fn north(metres: f64) -> GeoPoint {
    GeoPoint {
        lat: 31.23 + metres / 111_195.0,
        lon: 121.47,
    }
}

fn community() -> Community {
    let mut c = Community::new("hand-worked");
    c.add_resident(Resident::new(
        ResidentId(1),
        NaiveDate::from_ymd_opt(1950, 1, 1).unwrap(),
        north(0.0),
        GridId(1),
    ))
    .unwrap();
    c
}

/// A volunteer `metres` away, free 08:00–20:00 every day, taking `tasks` one-hour tasks a week.
fn volunteer(id: u32, metres: f64, tasks: u32, skills: &[&str]) -> Volunteer {
    let mut v = Volunteer::new(VolunteerId(id), north(metres));
    v.availability = WeeklySchedule::daily(
        NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
        NaiveTime::from_hms_opt(20, 0, 0).unwrap(),
    );
    v.minutes_per_week = tasks * 60;
    v.skills = skills.iter().map(|s| (*s).into()).collect();
    v
}

fn need(id: u32, created: NaiveDateTime, from: NaiveDateTime, to: NaiveDateTime) -> Need {
    Need::new(
        NeedId(id),
        ResidentId(1),
        "elder.meals".into(),
        created,
        TimeWindow::new(from, to).unwrap(),
        60,
    )
}

fn one_day() -> DispatchTimes {
    DispatchTimes {
        days: 1,
        ..DispatchTimes::office_week(monday())
    }
}

/// Two needs, two volunteers of one task each. The first caller's need can be served by both;
/// the second's needs a skill only the nearer volunteer has. The phone books the nearer one for
/// the first caller and has nobody left for the second; the matcher serves both.
#[test]
fn first_come_first_served_loses_what_the_matcher_keeps() {
    let mut c = community();
    c.add_volunteer(volunteer(1, 100.0, 1, &["nursing"]))
        .unwrap();
    c.add_volunteer(volunteer(2, 600.0, 1, &[])).unwrap();
    c.add_need(need(1, at(0, 7, 0), at(0, 9, 0), at(0, 12, 0)))
        .unwrap();
    let mut second = need(2, at(0, 7, 30), at(0, 9, 0), at(0, 12, 0));
    second.required_skills = vec!["nursing".into()];
    c.add_need(second).unwrap();

    let phone = dispatch_by_phone(
        &c,
        &MatchPolicy::default(),
        &MatchContext::new(at(0, 8, 0)),
        at(0, 10, 0),
    )
    .unwrap();
    assert_eq!(phone.assignments.len(), 1);
    assert_eq!(phone.assignments[0].need, NeedId(1));
    assert_eq!(
        phone.assignments[0].helper,
        HelperId::Volunteer(VolunteerId(1))
    );
    match &phone.unmatched[0].reason {
        UnmatchedReason::Unserved {
            closest, taken_by, ..
        } => {
            assert_eq!(*closest, HelperId::Volunteer(VolunteerId(1)));
            assert_eq!(taken_by, &vec![NeedId(1)]);
        }
        other => panic!("expected Unserved, got {other:?}"),
    }

    let cmp = compare(&c, &one_day(), &MatchPolicy::default()).unwrap();
    assert_eq!(cmp.phone.summary.served, 1);
    assert_eq!(cmp.phone.summary.match_rate, Some(0.5));
    assert_eq!(cmp.matcher.summary.served, 2);
    assert_eq!(cmp.matcher.summary.match_rate, Some(1.0));
    // Need 2's window ends at 12:00: the phone's later rounds find nobody, and it expires.
    assert_eq!(cmp.phone.outcomes[1].fate, Fate::Expired);
    assert_eq!(cmp.phone.outcomes[1].expired_at, Some(at(0, 12, 0)));
    // Why, from the last run that could serve it: its only candidate held by need 1.
    assert_eq!(
        cmp.phone.outcomes[1]
            .why
            .as_ref()
            .map(ToString::to_string)
            .as_deref(),
        Some("unserved: none of 1 candidates free; volunteer#1 held by need#1")
    );
    // Travel: the phone's one booking is 100 m; the matcher's two are 600 m + 100 m.
    assert_eq!(cmp.phone.summary.travel_m, 100);
    assert_eq!(cmp.matcher.summary.travel_m, 700);
    assert_eq!(cmp.matcher.summary.mean_travel_m, Some(350.0));
    // Loads [1, 0] on the phone: Gini 2·(0 + 2)/(2·1) − 3/2 = 0.5; the matcher's [1, 1]: 0.
    assert_eq!(cmp.phone.summary.volunteer_load_gini, Some(0.5));
    assert_eq!(cmp.matcher.summary.volunteer_load_gini, Some(0.0));
}

/// A need recorded on Monday for Wednesday morning has a 24-hour response deadline (Tuesday
/// 08:00). The matcher books it at Monday's 08:00 run; the phone waits until a helper can start
/// before the next round, which is Wednesday's 08:00 run (next round 10:00, window from 09:00):
/// late by a day.
#[test]
fn the_phone_books_late_because_it_does_not_book_ahead() {
    let mut c = community();
    c.add_volunteer(volunteer(1, 100.0, 3, &[])).unwrap();
    c.add_need(need(1, at(0, 8, 0), at(2, 9, 0), at(2, 12, 0)))
        .unwrap();
    let times = DispatchTimes::office_week(monday());
    let cmp = compare(&c, &times, &MatchPolicy::default()).unwrap();
    let (p, m) = (&cmp.phone.outcomes[0], &cmp.matcher.outcomes[0]);
    assert_eq!(m.deadline, Some(at(1, 8, 0)));
    assert_eq!(m.booking.unwrap().at, at(0, 8, 0));
    assert_eq!(m.on_time, Some(true));
    assert_eq!(p.booking.unwrap().at, at(2, 8, 0));
    assert_eq!(p.on_time, Some(false));
    assert_eq!(cmp.phone.summary.on_time_rate, Some(0.0));
    assert_eq!(cmp.matcher.summary.on_time_rate, Some(1.0));
    // Median response: the matcher 0 min, the phone two days = 2,880 min.
    assert_eq!(cmp.matcher.summary.median_response_minutes, Some(0));
    assert_eq!(cmp.phone.summary.median_response_minutes, Some(2880));
    // The runs: 49, and the phone's booking shows on Wednesday's first.
    assert_eq!(cmp.phone.runs.len(), 49);
    assert_eq!(cmp.phone.runs[14].at, at(2, 8, 0));
    assert_eq!(cmp.phone.runs[14].booked, vec![NeedId(1)]);
    assert_eq!(cmp.phone.runs[13].waiting, 1);
    assert_eq!(cmp.phone.runs[14].served_so_far, 1);
}

/// A need whose only window ends between two runs, recorded after the run before it, is
/// never seen by a run that could serve it: it expires for both dispatchers, with no reason from
/// a run. A need needing a skill nobody has has no candidate.
#[test]
fn expired_and_no_candidate_are_told_apart() {
    let mut c = community();
    c.add_volunteer(volunteer(1, 100.0, 3, &[])).unwrap();
    c.add_need(need(1, at(0, 8, 30), at(0, 8, 45), at(0, 9, 45)))
        .unwrap();
    let mut skilled = need(2, at(0, 8, 30), at(0, 14, 0), at(0, 16, 0));
    skilled.required_skills = vec!["legal".into()];
    skilled.urgency = Urgency::Emergency;
    c.add_need(skilled).unwrap();
    for d in [Dispatcher::Phone, Dispatcher::Matcher] {
        let r = replay(&c, &one_day(), &MatchPolicy::default(), d).unwrap();
        assert_eq!(r.outcomes[0].fate, Fate::Expired, "{d:?}");
        assert_eq!(r.outcomes[0].why, None, "{d:?}");
        assert_eq!(r.outcomes[1].fate, Fate::NoCandidate, "{d:?}");
        assert!(matches!(
            r.outcomes[1].why,
            Some(UnmatchedReason::NoCandidate { .. })
        ));
        assert_eq!(r.summary.expired, 1);
        assert_eq!(r.summary.no_candidate, 1);
        assert_eq!(
            (r.summary.emergency_served, r.summary.emergency_needs),
            (0, 1)
        );
        assert_eq!(r.summary.match_rate, Some(0.0));
        // The 10:00 run is the first after 09:45.
        assert_eq!(r.runs[0].expired_so_far, 0);
        assert_eq!(r.runs[1].expired_so_far, 1);
    }
}

#[test]
fn an_empty_community_has_no_data_not_a_score() {
    let c = community();
    let cmp = compare(&c, &one_day(), &MatchPolicy::default()).unwrap();
    for s in [&cmp.phone.summary, &cmp.matcher.summary] {
        assert_eq!(s.needs, 0);
        assert_eq!(s.match_rate, None);
        assert_eq!(s.on_time_rate, None);
        assert_eq!(s.special_rate, None);
        assert_eq!(s.emergency_rate, None);
        assert_eq!(s.mean_travel_m, None);
        assert_eq!(s.median_response_minutes, None);
        assert_eq!(s.volunteer_load_gini, None);
    }
}

#[test]
fn bad_times_name_the_setting() {
    let c = community();
    for (times, field) in [
        (
            DispatchTimes {
                every_minutes: 0,
                ..one_day()
            },
            "every_minutes",
        ),
        (
            DispatchTimes {
                days: 0,
                ..one_day()
            },
            "days",
        ),
        (
            DispatchTimes {
                last: NaiveTime::from_hms_opt(7, 0, 0).unwrap(),
                ..one_day()
            },
            "last",
        ),
        (
            DispatchTimes {
                start: NaiveDate::MAX,
                ..one_day()
            },
            "start",
        ),
    ] {
        let e = compare(&c, &times, &MatchPolicy::default()).unwrap_err();
        assert_eq!(e.record().as_deref(), Some("dispatch times"), "{field}");
        assert_eq!(e.field(), Some(field));
    }
}

/// The replay leaves the community as it was.
#[test]
fn the_community_is_not_changed() {
    let mut c = community();
    c.add_volunteer(volunteer(1, 100.0, 3, &[])).unwrap();
    c.add_need(need(1, at(0, 7, 0), at(0, 9, 0), at(0, 12, 0)))
        .unwrap();
    let before = c.clone();
    compare(&c, &one_day(), &MatchPolicy::default()).unwrap();
    assert_eq!(c, before);
}

/// One volunteer, free 08:00–11:00, one task; two needs 09:00–12:00, one an emergency. The
/// matcher serves the emergency; the other is outcompeted at 08:00, 09:00 and 10:00, and at
/// 11:00 nobody is free in what is left of its window. It expired because the capacity went to
/// the emergency, not for want of a helper: its fate and reason say so.
#[test]
fn an_outcompeted_need_expires_with_the_reason_that_mattered() {
    let mut c = community();
    let mut v = volunteer(1, 100.0, 1, &[]);
    v.availability = WeeklySchedule::daily(
        NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
        NaiveTime::from_hms_opt(11, 0, 0).unwrap(),
    );
    c.add_volunteer(v).unwrap();
    c.add_need(need(1, at(0, 7, 0), at(0, 9, 0), at(0, 12, 0)))
        .unwrap();
    let mut urgent = need(2, at(0, 7, 30), at(0, 9, 0), at(0, 12, 0));
    urgent.urgency = Urgency::Emergency;
    c.add_need(urgent).unwrap();
    let times = DispatchTimes {
        every_minutes: 60,
        last: NaiveTime::from_hms_opt(12, 0, 0).unwrap(),
        ..one_day()
    };
    let r = replay(&c, &times, &MatchPolicy::default(), Dispatcher::Matcher).unwrap();
    assert_eq!(r.outcomes[1].fate, Fate::Served);
    assert_eq!(r.outcomes[0].fate, Fate::Expired);
    assert!(
        matches!(r.outcomes[0].why, Some(UnmatchedReason::Outcompeted { .. })),
        "{:?}",
        r.outcomes[0].why
    );
    assert_eq!((r.summary.expired, r.summary.no_candidate), (1, 0));
    // First come, first served: the phone gives the volunteer to need 1, and the emergency
    // expires, held by it.
    let p = replay(&c, &times, &MatchPolicy::default(), Dispatcher::Phone).unwrap();
    assert_eq!(p.outcomes[0].fate, Fate::Served);
    assert_eq!(p.outcomes[1].fate, Fate::Expired);
    assert_eq!(
        p.outcomes[1]
            .why
            .as_ref()
            .map(ToString::to_string)
            .as_deref(),
        Some("unserved: none of 1 candidates free; volunteer#1 held by need#1")
    );
}
