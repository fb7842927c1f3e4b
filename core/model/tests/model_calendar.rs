//! Deadlines on the working-day calendar: hand-worked dates and properties.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use huzhu::model::*;
use proptest::prelude::*;

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

fn t(m: u32, day: u32, h: u32) -> NaiveDateTime {
    d(m, day).and_hms_opt(h, 0, 0).unwrap()
}

#[test]
fn complex_need_created_on_friday_is_due_wednesday() {
    // Fri 20 Nov 2026 + 3 working days: Mon 23, Tue 24, Wed 25.
    let cal = WorkingCalendar::default();
    let p = DeadlinePolicy::default();
    assert_eq!(
        p.deadline(t(11, 20, 9), Urgency::Complex, &cal),
        Some(t(11, 25, 9))
    );
}

#[test]
fn national_day_week_with_make_up_days() {
    // 2026: 1–7 Oct off (Thu–Wed), Sun 27 Sep and Sat 10 Oct worked.
    let mut cal = WorkingCalendar::default()
        .with_make_up_day(d(9, 27))
        .with_make_up_day(d(10, 10));
    for day in 1..=7 {
        cal = cal.with_holiday(d(10, day));
    }
    let p = DeadlinePolicy::default();
    // Created Sat 26 Sep: Sun 27 (make-up), Mon 28, Tue 29 → due Tue 29 Sep.
    assert_eq!(
        p.deadline(t(9, 26, 15), Urgency::Complex, &cal),
        Some(t(9, 29, 15))
    );
    // Created Wed 30 Sep: Thu 8 Oct, Fri 9 Oct, Sat 10 Oct (make-up) → due Sat 10 Oct.
    assert_eq!(
        p.deadline(t(9, 30, 10), Urgency::Complex, &cal),
        Some(t(10, 10, 10))
    );
    // Elapsed-time classes ignore the calendar: 24 h and 2 h.
    assert_eq!(
        p.deadline(t(9, 30, 10), Urgency::General, &cal),
        Some(t(10, 1, 10))
    );
    assert_eq!(
        p.deadline(t(9, 30, 10), Urgency::Emergency, &cal),
        Some(t(9, 30, 12))
    );
}

#[test]
fn policy_figures_can_change() {
    let p = DeadlinePolicy {
        general: ResponseTime::WorkingDays(1),
        ..DeadlinePolicy::default()
    };
    let cal = WorkingCalendar::default();
    assert_eq!(
        p.deadline(t(11, 20, 9), Urgency::General, &cal),
        Some(t(11, 23, 9))
    );
}

#[test]
fn a_calendar_without_working_days_gives_no_deadline() {
    let cal = WorkingCalendar {
        weekend: vec![
            chrono::Weekday::Mon,
            chrono::Weekday::Tue,
            chrono::Weekday::Wed,
            chrono::Weekday::Thu,
            chrono::Weekday::Fri,
            chrono::Weekday::Sat,
            chrono::Weekday::Sun,
        ],
        ..WorkingCalendar::default()
    };
    assert_eq!(cal.add_working_days(t(11, 20, 9), 1), None);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// n working days later is a working day (for n > 0), keeps the clock time, and exactly n
    /// working days lie between.
    #[test]
    fn working_day_arithmetic(offset in 0i64..3650, n in 0u32..30, hols in proptest::collection::vec(0i64..3700, 0..40)) {
        let start = t(1, 1, 8) + Duration::days(offset);
        let mut cal = WorkingCalendar::default();
        for h in hols {
            cal = cal.with_holiday(d(1, 1) + Duration::days(h));
        }
        let due = cal.add_working_days(start, n).unwrap();
        prop_assert_eq!(due.time(), start.time());
        prop_assert_eq!(cal.working_days_between(start.date(), due.date()), n);
        if n > 0 {
            prop_assert!(cal.is_working_day(due.date()));
            prop_assert!(due > start);
        }
        prop_assert!(due.year() >= 2026);
    }
}
