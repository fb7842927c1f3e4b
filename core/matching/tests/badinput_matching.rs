//! Bad input to the matcher that JSON fixtures cannot express or that must be generated: huge
//! windows, huge instances, extreme policy weights, pins over capacity. Each must end quickly
//! with a typed error or a verified plan, never a panic or a hang.
//! Rows of `tests/bad-input.md` marked `core/tests/badinput_matching.rs`.

use std::time::{Duration, Instant};

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use huzhu::matching::solver::MAX_COST;
use huzhu::matching::{MatchContext, MatchError, MatchPolicy, Matcher};
use huzhu::model::{
    Community, GeoPoint, GridId, HelperId, Need, NeedId, Resident, ResidentId, TimeWindow,
    Volunteer, VolunteerId, WeeklySchedule,
};

fn at(day: u32, h: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, day)
        .unwrap()
        .and_hms_opt(h, 0, 0)
        .unwrap()
}

const HOME: GeoPoint = GeoPoint {
    lat: 31.2,
    lon: 121.5,
};

fn base(volunteer_hours: bool) -> Community {
    let mut c = Community::new("bad input");
    c.add_resident(Resident::new(
        ResidentId(1),
        NaiveDate::from_ymd_opt(1940, 1, 1).unwrap(),
        HOME,
        GridId(1),
    ))
    .unwrap();
    let mut v = Volunteer::new(VolunteerId(1), HOME.offset_m(300.0, 0.0));
    if volunteer_hours {
        v.availability = WeeklySchedule::weekdays(
            NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
            NaiveTime::from_hms_opt(12, 0, 0).unwrap(),
        );
    }
    c.add_volunteer(v).unwrap();
    c
}

fn quick<T>(limit: Duration, f: impl FnOnce() -> T) -> T {
    let t0 = Instant::now();
    let out = f();
    assert!(t0.elapsed() < limit, "took {:?}", t0.elapsed());
    out
}

#[test]
fn a_window_spanning_millennia_with_no_availability_ends_quickly() {
    let mut c = base(false);
    let far = NaiveDate::from_ymd_opt(262_000, 1, 1)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap();
    let need = Need::new(
        NeedId(1),
        ResidentId(1),
        "elder.cleaning".into(),
        at(23, 8),
        TimeWindow::new(at(24, 10), far).unwrap(),
        60,
    );
    c.add_need(need).unwrap();
    let plan = quick(Duration::from_secs(5), || {
        let mut m = Matcher::new(&c, MatchPolicy::default(), MatchContext::new(at(23, 8))).unwrap();
        let plan = m.solve().unwrap();
        m.verify().unwrap();
        plan
    });
    assert_eq!(plan.unmatched.len(), 1);
}

#[test]
fn ten_thousand_needs_for_one_volunteer_solve_and_verify() {
    let mut c = base(true);
    for i in 1..=10_000 {
        let need = Need::new(
            NeedId(i),
            ResidentId(1),
            "elder.cleaning".into(),
            at(23, 8),
            TimeWindow::new(at(24, 9), at(24, 12)).unwrap(),
            60,
        );
        c.add_need(need).unwrap();
    }
    let plan = quick(Duration::from_secs(60), || {
        let mut m = Matcher::new(&c, MatchPolicy::default(), MatchContext::new(at(23, 8))).unwrap();
        let plan = m.solve().unwrap();
        m.verify().unwrap();
        plan
    });
    // 240 minutes a week at 60 per task: 4 tasks.
    assert_eq!(plan.assignments.len(), 4);
    assert_eq!(plan.unmatched.len(), 9_996);
}

#[test]
fn extreme_policy_weights_are_refused_or_capped() {
    let c = base(true);
    let ctx = MatchContext::new(at(23, 8));
    let too_big = MatchPolicy {
        travel_per_minute: i64::MAX,
        ..MatchPolicy::default()
    };
    assert!(matches!(
        Matcher::new(&c, too_big, ctx.clone()),
        Err(MatchError::InvalidPolicy { .. })
    ));
    let negative = MatchPolicy {
        delay_per_hour: [i64::MIN, 0, 0, 0],
        ..MatchPolicy::default()
    };
    assert!(matches!(
        Matcher::new(&c, negative, ctx.clone()),
        Err(MatchError::InvalidPolicy { .. })
    ));
    // Regression: penalties up to 10^12 passed `check` but the solver takes at most
    // `MAX_COST` (2^32 - 1), so the first need failed with an obscure "cost too large".
    for penalty in [i64::MAX, 1_000_000_000_000, MAX_COST + 1] {
        let p = MatchPolicy {
            unassigned_penalty_emergency: penalty,
            ..MatchPolicy::default()
        };
        assert!(matches!(
            Matcher::new(&c, p, ctx.clone()),
            Err(MatchError::InvalidPolicy { .. })
        ));
    }
    // Likewise a fairness step whose dearest tier (168 one-hour tasks a week) exceeds it.
    let steep = MatchPolicy {
        fairness_step: 1_000_000_000,
        ..MatchPolicy::default()
    };
    assert!(matches!(
        Matcher::new(&c, steep, ctx.clone()),
        Err(MatchError::InvalidPolicy { .. })
    ));
    // The largest accepted weights: every cost is capped, nothing overflows.
    let mut c = c;
    c.add_need(Need::new(
        NeedId(1),
        ResidentId(1),
        "elder.cleaning".into(),
        at(23, 8),
        TimeWindow::new(at(24, 9), at(24, 12)).unwrap(),
        60,
    ))
    .unwrap();
    let max = MatchPolicy {
        travel_per_minute: 1_000_000_000,
        delay_per_hour: [1_000_000_000; 4],
        late_per_hour: 1_000_000_000,
        arc_cost_cap: 1_000_000_000,
        unassigned_penalty_general: MAX_COST,
        unassigned_penalty_special: MAX_COST,
        unassigned_penalty_emergency: MAX_COST,
        fairness_step: MAX_COST / 168,
        ..MatchPolicy::default()
    };
    let mut m = Matcher::new(&c, max, ctx).unwrap();
    let plan = m.solve().unwrap();
    m.verify().unwrap();
    assert_eq!(plan.assignments[0].cost.total, 1_000_000_000);
}

#[test]
fn pins_over_capacity_and_to_strangers_are_typed_errors() {
    let mut c = base(true);
    let mut v = c.volunteer(VolunteerId(1)).unwrap().clone();
    v.id = VolunteerId(2);
    v.minutes_per_week = 60;
    c.add_volunteer(v).unwrap();
    for i in 1..=2 {
        c.add_need(Need::new(
            NeedId(i),
            ResidentId(1),
            "elder.cleaning".into(),
            at(23, 8),
            TimeWindow::new(at(24, 9), at(24, 12)).unwrap(),
            60,
        ))
        .unwrap();
    }
    let mut m = Matcher::new(&c, MatchPolicy::default(), MatchContext::new(at(23, 8))).unwrap();
    let two = HelperId::Volunteer(VolunteerId(2));
    m.pin(NeedId(1), two).unwrap();
    assert!(matches!(
        m.pin(NeedId(2), two),
        Err(MatchError::PinOverCapacity { .. })
    ));
    assert!(matches!(
        m.pin(NeedId(2), HelperId::Volunteer(VolunteerId(77))),
        Err(MatchError::UnknownHelper { .. })
    ));
    assert!(matches!(
        m.pin(NeedId(99), two),
        Err(MatchError::UnknownNeed { .. })
    ));
    let plan = m.solve().unwrap();
    m.verify().unwrap();
    assert_eq!(plan.assignment(NeedId(1)).unwrap().helper, two);
}

#[test]
fn largest_accepted_weights_with_a_far_window_do_not_overflow() {
    // Regression: delay and lateness were `weight × minutes` in plain i64 arithmetic; a window
    // thousands of years after the first one, with the largest weights `check` accepts,
    // overflowed (a panic in debug builds, a wrapped, possibly negative cost in release).
    let mut c = base(true);
    let far_start = NaiveDate::from_ymd_opt(200_000, 1, 4)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let far_end = far_start + chrono::Duration::hours(3);
    let mut need = Need::new(
        NeedId(1),
        ResidentId(1),
        "elder.cleaning".into(),
        at(21, 8),
        // Sunday: the volunteer is free on weekdays only, so the first window cannot be used.
        TimeWindow::new(at(22, 9), at(22, 12)).unwrap(),
        60,
    );
    need.windows
        .push(TimeWindow::new(far_start, far_end).unwrap());
    c.add_need(need).unwrap();
    let policy = MatchPolicy {
        delay_per_hour: [1_000_000_000; 4],
        late_per_hour: 1_000_000_000,
        arc_cost_cap: 1_000_000_000,
        unassigned_penalty_general: 2_000_000_001,
        unassigned_penalty_special: 2_000_000_001,
        unassigned_penalty_emergency: 2_000_000_001,
        ..MatchPolicy::default()
    };
    let mut m = Matcher::new(&c, policy, MatchContext::new(at(22, 8))).unwrap();
    let plan = m.solve().unwrap();
    m.verify().unwrap();
    let a = plan
        .assignment(NeedId(1))
        .unwrap_or_else(|| panic!("{:?}", plan.unmatched));
    assert_eq!(a.cost.total, 1_000_000_000, "capped, not wrapped");
    assert!(a.cost.delay > 0 && a.cost.late > 0);
}
