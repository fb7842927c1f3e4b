//! A week of rounds keeping contact intervals: hand-worked weeks (too little time, a weekly
//! budget, a visit possible on one afternoon only, daily visits over a weekend, early visits
//! against none), every day's rounds checked by the independent checker against the week's
//! shifts, the synthetic district's week, and bad input naming the record and field.

mod common;

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};
use common::rounds::{check_rounds, t, visit, w, worker};
use huzhu::model::{
    Community, ContactPolicy, HelperId, TimeWindow, Urgency, VolunteerId, WorkerId,
};
use huzhu::routing::{
    ContactRound, RoundVisit, RoundWorker, RoundsError, Server, TravelMode, Unplanned, Week,
    WeekPolicy, contact_rounds, plan_week, walkers_from_homes,
};
use huzhu::synth::{DistrictConfig, generate};

/// 2026-12-07, a Monday, plus `n` days.
fn day(n: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 7).unwrap() + Duration::days(n)
}

/// Monday to Friday (7–11 December), `from`–`to` o'clock and minutes.
fn weekdays(from: (u32, u32), to: (u32, u32)) -> Vec<TimeWindow> {
    (7..=11)
        .map(|d| w(t(d, from.0, from.1), t(d, to.0, to.1)))
        .collect()
}

/// A 30-minute visit at the centre (no travel), every `every_days`, last made `last`.
fn at_centre(id: u32, every_days: u32, last: Option<NaiveDate>) -> ContactRound {
    ContactRound {
        visit: visit(id, 0.0, 0.0, 30, vec![]),
        every_days,
        last,
    }
}

/// Plans Monday 7 to Sunday 13 December and checks every day's rounds against the week's
/// shifts and the visits' own windows.
fn plan(
    plans: &[ContactRound],
    workers: &[RoundWorker],
    budgets: &BTreeMap<Server, u32>,
    policy: &WeekPolicy,
) -> Week {
    let week = plan_week(plans, workers, budgets, day(0)..=day(6), policy).unwrap();
    let visits: Vec<RoundVisit> = plans.iter().map(|p| p.visit.clone()).collect();
    for d in &week.days {
        check_rounds(&d.plan, &visits, workers, &policy.rounds);
        for r in &d.plan.rounds {
            assert!(r.stops.iter().all(|s| s.start.date() == d.date));
        }
    }
    week
}

fn made(week: &Week, id: u32) -> &[NaiveDate] {
    &week.contacts.iter().find(|c| c.visit == id).unwrap().made
}

fn overdue(week: &Week, id: u32) -> &[NaiveDate] {
    &week
        .contacts
        .iter()
        .find(|c| c.visit == id)
        .unwrap()
        .overdue_days
}

#[test]
fn with_time_for_one_visit_a_day_the_second_due_on_monday_is_made_late_on_tuesday() {
    // Shifts of 40 minutes; both residents were last seen a week before Monday.
    let workers = [worker(1, weekdays((9, 0), (9, 40)), TravelMode::Walking)];
    let plans = [
        at_centre(1, 7, Some(day(-7))),
        at_centre(2, 7, Some(day(-7))),
    ];
    let week = plan(&plans, &workers, &BTreeMap::new(), &WeekPolicy::default());
    assert_eq!(week.days.len(), 5, "one entry per working day");
    let monday = &week.days[0].plan;
    assert_eq!(monday.rounds[0].stops.len(), 1);
    let first = monday.rounds[0].stops[0].visit;
    let second = 3 - first;
    // Both general: the one left waits for a full shift, not for a more urgent visit.
    assert_eq!(monday.unplanned, vec![(second, Unplanned::ShiftFull)]);
    assert_eq!(made(&week, first), [day(0)]);
    assert_eq!(made(&week, second), [day(1)]);
    // Eight days between its visits: Tuesday is overdue, Monday was not yet.
    assert_eq!(overdue(&week, first), [] as [NaiveDate; 0]);
    assert_eq!(overdue(&week, second), [day(1)]);
    assert_eq!(week.kept, 1);
    let next: Vec<NaiveDate> = week.contacts.iter().map(|c| c.next_due).collect();
    let expected = if first == 1 {
        [day(7), day(8)]
    } else {
        [day(8), day(7)]
    };
    assert_eq!(next, expected);
    // Two 30-minute visits with no travel.
    assert_eq!(
        week.minutes_worked,
        [(Server::Worker(WorkerId(1)), 60)].into()
    );
    assert_eq!(week.travel_minutes, 0);
}

#[test]
fn a_volunteer_s_weekly_budget_caps_the_week_and_is_handed_back_to_the_matcher() {
    let volunteer = Server::Volunteer(VolunteerId(7));
    let workers = [RoundWorker {
        server: volunteer,
        ..worker(0, weekdays((9, 0), (12, 0)), TravelMode::Walking)
    }];
    // Three residents never visited: all overdue on Monday.
    let plans: Vec<ContactRound> = (1..=3).map(|id| at_centre(id, 7, None)).collect();
    let budgets = [(volunteer, 70)].into();
    let week = plan(&plans, &workers, &budgets, &WeekPolicy::default());
    // 70 minutes: two 30-minute visits on Monday; the 10 left never fit a third.
    let made_days: Vec<usize> = (1..=3).map(|id| made(&week, id).len()).collect();
    assert_eq!(made_days.iter().sum::<usize>(), 2);
    assert_eq!(week.days[0].plan.rounds[0].stops.len(), 2);
    let never = (1..=3).find(|&id| made(&week, id).is_empty()).unwrap();
    assert_eq!(
        overdue(&week, never).len(),
        7,
        "overdue every day of the week"
    );
    // Monday's 70 minutes are full with two visits; from Tuesday the 10 minutes left are too
    // few for it alone: the budget is named.
    assert_eq!(
        week.days[0].plan.unplanned,
        vec![(never, Unplanned::ShiftFull)]
    );
    for d in &week.days[1..] {
        assert_eq!(d.plan.unplanned, vec![(never, Unplanned::BudgetSpent)]);
    }
    assert_eq!(week.kept, 0, "the two seen were overdue on Monday");
    assert_eq!(week.minutes_worked, [(volunteer, 60)].into());
    // 60 minutes are one 60-minute task for the matcher.
    assert_eq!(
        week.committed_tasks(60),
        [(HelperId::Volunteer(VolunteerId(7)), 1)].into()
    );
    // Without the budget, all three on Monday.
    let free = plan(&plans, &workers, &BTreeMap::new(), &WeekPolicy::default());
    assert_eq!(free.days[0].plan.rounds[0].stops.len(), 3);
}

#[test]
fn a_visit_possible_only_on_wednesday_afternoon_waits_for_it() {
    let workers = [worker(1, weekdays((9, 0), (17, 0)), TravelMode::Walking)];
    // Due Friday (seen last Friday); the resident is home on Wednesday afternoon only.
    let plans = [ContactRound {
        visit: visit(1, 400.0, 0.0, 45, vec![w(t(9, 14, 0), t(9, 17, 0))]),
        every_days: 7,
        last: Some(day(-3)),
    }];
    let week = plan(&plans, &workers, &BTreeMap::new(), &WeekPolicy::default());
    assert_eq!(made(&week, 1), [day(2)]);
    let wednesday = &week.days[2].plan.rounds[0];
    assert_eq!(wednesday.shift, 2, "the week's third shift");
    assert!(wednesday.stops[0].start >= t(9, 14, 0));
    assert_eq!(week.kept, 1);
}

#[test]
fn a_daily_visit_is_made_every_weekday_and_sunday_is_overdue() {
    let workers = [worker(1, weekdays((9, 0), (12, 0)), TravelMode::Walking)];
    let plans = [at_centre(1, 1, Some(day(-1)))];
    let week = plan(&plans, &workers, &BTreeMap::new(), &WeekPolicy::default());
    assert_eq!(made(&week, 1), [day(0), day(1), day(2), day(3), day(4)]);
    // Saturday is one day after Friday's visit; Sunday two.
    assert_eq!(overdue(&week, 1), [day(6)]);
    assert_eq!(week.contacts[0].next_due, day(5));
}

#[test]
fn visits_made_a_day_early_keep_every_interval_that_waiting_would_break() {
    // One visit a day. Residents 1 and 2 are due on Wednesday, resident 3 on Friday.
    let workers = [worker(1, weekdays((9, 0), (9, 40)), TravelMode::Walking)];
    let plans = [
        at_centre(1, 7, Some(day(-5))),
        at_centre(2, 7, Some(day(-5))),
        at_centre(3, 7, Some(day(-3))),
    ];
    // Early (the default, one working day): one of 1 and 2 on Tuesday, the other on
    // Wednesday, resident 3 on Thursday. Every interval holds.
    let early = plan(&plans, &workers, &BTreeMap::new(), &WeekPolicy::default());
    let mut first_two: Vec<NaiveDate> = [made(&early, 1), made(&early, 2)].concat();
    first_two.sort_unstable();
    assert_eq!(first_two, [day(1), day(2)]);
    assert_eq!(made(&early, 3), [day(3)]);
    assert_eq!(early.kept, 3);
    // Not early: both on Wednesday do not fit; one is made late on Thursday, and resident 3
    // on Friday.
    let none = WeekPolicy {
        early_days: 0,
        ..WeekPolicy::default()
    };
    let late = plan(&plans, &workers, &BTreeMap::new(), &none);
    let mut first_two: Vec<NaiveDate> = [made(&late, 1), made(&late, 2)].concat();
    first_two.sort_unstable();
    assert_eq!(first_two, [day(2), day(3)]);
    assert_eq!(made(&late, 3), [day(4)]);
    assert_eq!(late.kept, 2);
}

#[test]
fn an_overdue_visit_outranks_one_due_today() {
    // Room for one: resident 2 is already two days late, resident 1 due today.
    let workers = [worker(
        1,
        vec![w(t(7, 9, 0), t(7, 9, 40))],
        TravelMode::Walking,
    )];
    let plans = [
        at_centre(1, 7, Some(day(-7))),
        at_centre(2, 7, Some(day(-9))),
    ];
    let week = plan(&plans, &workers, &BTreeMap::new(), &WeekPolicy::default());
    assert_eq!(made(&week, 2), [day(0)]);
    assert_eq!(
        week.days[0].plan.unplanned,
        vec![(
            1,
            Unplanned::Outcompeted {
                by: vec![2],
                server: Server::Worker(WorkerId(1))
            }
        )]
    );
}

#[test]
fn the_synthetic_district_s_week_is_feasible_and_its_intervals_add_up() {
    let d = generate(&DistrictConfig::new(2_000, day(0)).with_seed(5)).unwrap();
    let community: &Community = &d.community;
    let now = day(0).and_hms_opt(8, 0, 0).unwrap();
    let windows = weekdays((9, 0), (17, 0));
    let plans = contact_rounds(community, now, &ContactPolicy::default(), 30, &windows);
    assert!(plans.len() > 20, "{} residents on the rounds", plans.len());
    let visits: Vec<RoundVisit> = plans.iter().map(|p| p.visit.clone()).collect();
    let mut shifts = weekdays((9, 0), (12, 0));
    shifts.extend(weekdays((14, 0), (17, 0)));
    let workers = walkers_from_homes(&visits, &shifts);
    let policy = WeekPolicy {
        rounds: huzhu::routing::RoundsPolicy {
            iterations: 100,
            ..Default::default()
        },
        ..WeekPolicy::default()
    };
    let week = plan(&plans, &workers, &BTreeMap::new(), &policy);
    assert_eq!(week.contacts.len(), plans.len());
    for (plan, kept) in plans.iter().zip(&week.contacts) {
        // Each gap between visits (from the last before the week) is within the interval
        // unless a day in it is reported overdue.
        let mut seen = plan.last;
        for &m in &kept.made {
            let late = seen.is_none_or(|s| (m - s).num_days() > i64::from(plan.every_days));
            assert_eq!(late, kept.overdue_days.contains(&m), "visit {}", kept.visit);
            seen = Some(m);
        }
        assert!(kept.made.windows(2).all(|p| p[0] < p[1]));
    }
    assert_eq!(
        week.kept as usize,
        week.contacts
            .iter()
            .filter(|c| c.overdue_days.is_empty())
            .count()
    );
    let travel: u32 = week.days.iter().map(|d| d.plan.travel_minutes).sum();
    assert_eq!(week.travel_minutes, travel);
}

#[test]
fn contact_rounds_take_interval_last_visit_and_worker_from_the_care_files() {
    let d = generate(&DistrictConfig::new(1_000, day(0)).with_seed(3)).unwrap();
    let now = day(0).and_hms_opt(8, 0, 0).unwrap();
    let policy = ContactPolicy::default();
    let plans = contact_rounds(&d.community, now, &policy, 40, &[]);
    let report = huzhu::care::contact_schedule(
        &d.community,
        &[],
        now,
        &ContactPolicy {
            due_soon_days: 1_000,
            ..policy
        },
    );
    let visits: Vec<_> = report
        .due
        .iter()
        .filter(|x| x.kind == huzhu::model::ContactKind::Visit)
        .collect();
    assert_eq!(plans.len(), visits.len());
    for (p, due) in plans.iter().zip(visits) {
        assert_eq!(p.visit.id, due.resident.0);
        assert_eq!((p.every_days, p.last), (due.interval_days, due.last));
        assert_eq!(p.visit.preferred, due.worker.map(Server::Worker));
        assert_eq!((p.visit.minutes, p.visit.urgency), (40, Urgency::General));
    }
}

#[test]
fn bad_weeks_are_named() {
    let workers = [worker(1, weekdays((9, 0), (12, 0)), TravelMode::Walking)];
    let fails = |plans: &[ContactRound],
                 budgets: &BTreeMap<Server, u32>,
                 days: std::ops::RangeInclusive<NaiveDate>| {
        match plan_week(plans, &workers, budgets, days, &WeekPolicy::default()) {
            Err(RoundsError::Invalid { record, field, .. }) => (record, field),
            other => panic!("expected a refusal, got {other:?}"),
        }
    };
    let none = BTreeMap::new();
    let week = day(0)..=day(6);
    assert_eq!(
        fails(&[at_centre(1, 0, None)], &none, week.clone()),
        ("visit 1".into(), "every_days".into())
    );
    assert_eq!(
        fails(
            &[at_centre(4, 7, None), at_centre(4, 7, None)],
            &none,
            week.clone()
        ),
        ("visit 4".into(), "id".into())
    );
    assert_eq!(
        fails(&[at_centre(2, 7, Some(day(1)))], &none, week.clone()),
        ("visit 2".into(), "last".into())
    );
    assert_eq!(
        fails(
            &[],
            &[(Server::Volunteer(VolunteerId(9)), 60)].into(),
            week.clone()
        ),
        ("volunteer#9".into(), "budget".into())
    );
    assert_eq!(
        fails(&[], &none, day(6)..=day(0)),
        ("week".into(), "through".into())
    );
    // Intervals past ten years and plans past a year are refused, not overflowed.
    assert_eq!(
        fails(&[at_centre(5, u32::MAX, None)], &none, week.clone()),
        ("visit 5".into(), "every_days".into())
    );
    assert_eq!(
        fails(&[], &none, day(0)..=day(367)),
        ("week".into(), "through".into())
    );
    let late = NaiveDate::from_ymd_opt(10_000, 1, 1).unwrap();
    assert_eq!(
        fails(&[], &none, late..=late),
        ("week".into(), "through".into())
    );
    // The day's records are checked as plan_rounds checks them.
    let mut far = at_centre(3, 7, None);
    far.visit.minutes = 0;
    assert_eq!(
        fails(&[far], &none, week),
        ("visit 3".into(), "minutes".into())
    );
}

#[cfg(feature = "serde")]
#[test]
fn contact_rounds_and_week_settings_read_from_json_with_defaults() {
    let plan: ContactRound = serde_json::from_str(
        r#"{"visit": {"id": 3, "place": {"lat": 31.2, "lon": 121.5}, "minutes": 30}, "every_days": 7}"#,
    )
    .unwrap();
    assert_eq!((plan.every_days, plan.last), (7, None));
    let policy: WeekPolicy = serde_json::from_str(r#"{"early_days": 0}"#).unwrap();
    assert_eq!(policy.rounds, huzhu::routing::RoundsPolicy::default());
    assert!(serde_json::from_str::<WeekPolicy>(r#"{"early": 0}"#).is_err());
    assert!(
        serde_json::from_str::<ContactRound>(
            r#"{"visit": {"id": 3, "place": {"lat": 31.2, "lon": 121.5}, "minutes": 30}, "every_days": 7, "next": 1}"#
        )
        .is_err()
    );
}

#[test]
fn an_early_visit_left_out_is_not_listed_even_when_complex() {
    // Room for one visit a day; resident 1 is due Monday, resident 2 (complex) on Tuesday.
    let workers = [worker(1, weekdays((9, 0), (9, 40)), TravelMode::Walking)];
    let mut complex = at_centre(2, 7, Some(day(-6)));
    complex.visit.urgency = Urgency::Complex;
    let plans = [at_centre(1, 7, Some(day(-7))), complex];
    let week = plan(&plans, &workers, &BTreeMap::new(), &WeekPolicy::default());
    // Monday: resident 1; resident 2 could wait for Tuesday, so it is not listed.
    assert_eq!(made(&week, 1), [day(0)]);
    assert!(week.days[0].plan.unplanned.is_empty());
    assert_eq!(made(&week, 2), [day(1)]);
    assert_eq!(week.kept, 2);
}
