//! Recurrence expansion checked against hand-worked calendars: the examples of RFC 5545
//! §3.8.5.3 and calendars of 2026 worked out by hand from 1 January 2026 being a Thursday.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use huzhu::model::{
    Frequency, Recurrence, RecurringSchedule, TimeWindow, WeekdayNum, WeeklySchedule,
};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

fn at(date: NaiveDate, h: u32, m: u32) -> NaiveDateTime {
    date.and_time(t(h, m))
}

fn rule(rrule: &str, dtstart: NaiveDate) -> Recurrence {
    Recurrence::parse(rrule, dtstart, t(9, 0), t(10, 0)).unwrap()
}

fn all_dates(r: &Recurrence) -> Vec<NaiveDate> {
    r.dates(d(1990, 1, 1), d(2035, 12, 31))
}

fn year(y: i32) -> TimeWindow {
    TimeWindow::new(at(d(y, 1, 1), 0, 0), at(d(y + 1, 1, 1), 0, 0)).unwrap()
}

#[test]
fn rfc5545_biweekly_tuesday_sunday_depends_on_wkst() {
    // RFC 5545: DTSTART 1997-08-05 (a Tuesday), FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU.
    let mo = rule(
        "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO",
        d(1997, 8, 5),
    );
    assert_eq!(
        all_dates(&mo),
        [
            d(1997, 8, 5),
            d(1997, 8, 10),
            d(1997, 8, 19),
            d(1997, 8, 24)
        ]
    );
    let su = rule(
        "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU",
        d(1997, 8, 5),
    );
    assert_eq!(
        all_dates(&su),
        [
            d(1997, 8, 5),
            d(1997, 8, 17),
            d(1997, 8, 19),
            d(1997, 8, 31)
        ]
    );
}

#[test]
fn rfc5545_every_other_week_until_excludes_the_last_day() {
    // RFC 5545: from Monday 1 September 1997, 09:00, every other week on MO,WE,FR until
    // 24 December 1997 00:00: 25 occurrences, the last on 22 December.
    let r = rule(
        "FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR",
        d(1997, 9, 1),
    );
    let expected = [
        (9, 1),
        (9, 3),
        (9, 5),
        (9, 15),
        (9, 17),
        (9, 19),
        (9, 29),
        (10, 1),
        (10, 3),
        (10, 13),
        (10, 15),
        (10, 17),
        (10, 27),
        (10, 29),
        (10, 31),
        (11, 10),
        (11, 12),
        (11, 14),
        (11, 24),
        (11, 26),
        (11, 28),
        (12, 8),
        (12, 10),
        (12, 12),
        (12, 22),
    ]
    .map(|(m, day)| d(1997, m, day));
    assert_eq!(all_dates(&r), expected);
}

#[test]
fn rfc5545_first_friday_ten_times() {
    let r = rule("FREQ=MONTHLY;COUNT=10;BYDAY=1FR", d(1997, 9, 5));
    let expected = [
        d(1997, 9, 5),
        d(1997, 10, 3),
        d(1997, 11, 7),
        d(1997, 12, 5),
        d(1998, 1, 2),
        d(1998, 2, 6),
        d(1998, 3, 6),
        d(1998, 4, 3),
        d(1998, 5, 1),
        d(1998, 6, 5),
    ];
    assert_eq!(all_dates(&r), expected);
}

#[test]
fn rfc5545_second_to_last_monday_six_times() {
    let r = rule("FREQ=MONTHLY;COUNT=6;BYDAY=-2MO", d(1997, 9, 22));
    let expected = [
        d(1997, 9, 22),
        d(1997, 10, 20),
        d(1997, 11, 17),
        d(1997, 12, 22),
        d(1998, 1, 19),
        d(1998, 2, 16),
    ];
    assert_eq!(all_dates(&r), expected);
}

#[test]
fn rfc5545_third_to_last_day_of_the_month() {
    let r = rule("FREQ=MONTHLY;BYMONTHDAY=-3", d(1997, 9, 28));
    let first: Vec<_> = r.dates(d(1997, 9, 1), d(1998, 2, 28));
    assert_eq!(
        first,
        [
            d(1997, 9, 28),
            d(1997, 10, 29),
            d(1997, 11, 28),
            d(1997, 12, 29),
            d(1998, 1, 29),
            d(1998, 2, 26)
        ]
    );
}

#[test]
fn rfc5545_second_and_fifteenth_ten_times() {
    let r = rule("FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15", d(1997, 9, 2));
    let expected = [
        d(1997, 9, 2),
        d(1997, 9, 15),
        d(1997, 10, 2),
        d(1997, 10, 15),
        d(1997, 11, 2),
        d(1997, 11, 15),
        d(1997, 12, 2),
        d(1997, 12, 15),
        d(1998, 1, 2),
        d(1998, 1, 15),
    ];
    assert_eq!(all_dates(&r), expected);
}

#[test]
fn rfc5545_every_other_month_first_and_last_sunday() {
    let r = rule(
        "FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU",
        d(1997, 9, 7),
    );
    let expected = [
        d(1997, 9, 7),
        d(1997, 9, 28),
        d(1997, 11, 2),
        d(1997, 11, 30),
        d(1998, 1, 4),
        d(1998, 1, 25),
        d(1998, 3, 1),
        d(1998, 3, 29),
        d(1998, 5, 3),
        d(1998, 5, 31),
    ];
    assert_eq!(all_dates(&r), expected);
}

#[test]
fn rfc5545_friday_the_thirteenth() {
    // RFC 5545 excludes DTSTART (2 September 1997, not a Friday 13th) with EXDATE; here
    // DTSTART is an occurrence only when it matches, so no exclusion is needed.
    let r = rule("FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13", d(1997, 9, 2));
    assert_eq!(
        r.dates(d(1997, 1, 1), d(2000, 12, 31)),
        [
            d(1998, 2, 13),
            d(1998, 3, 13),
            d(1998, 11, 13),
            d(1999, 8, 13),
            d(2000, 10, 13)
        ]
    );
}

#[test]
fn second_monday_of_each_month_in_2026() {
    let r = Recurrence::monthly(
        d(2026, 1, 1),
        &[WeekdayNum::nth(2, Weekday::Mon)],
        t(9, 0),
        t(11, 30),
    );
    let windows = r.expand(&year(2026), &[], None);
    let expected = [
        (1, 12),
        (2, 9),
        (3, 9),
        (4, 13),
        (5, 11),
        (6, 8),
        (7, 13),
        (8, 10),
        (9, 14),
        (10, 12),
        (11, 9),
        (12, 14),
    ];
    assert_eq!(windows.len(), 12);
    for (w, (m, day)) in windows.iter().zip(expected) {
        assert_eq!(w.start, at(d(2026, m, day), 9, 0));
        assert_eq!(w.end, at(d(2026, m, day), 11, 30));
    }
}

#[test]
fn last_friday_of_each_month_in_2026() {
    let r = rule("FREQ=MONTHLY;BYDAY=-1FR", d(2026, 1, 1));
    let expected = [
        (1, 30),
        (2, 27),
        (3, 27),
        (4, 24),
        (5, 29),
        (6, 26),
        (7, 31),
        (8, 28),
        (9, 25),
        (10, 30),
        (11, 27),
        (12, 25),
    ]
    .map(|(m, day)| d(2026, m, day));
    assert_eq!(r.dates(d(2026, 1, 1), d(2026, 12, 31)), expected);
}

#[test]
fn the_31st_skips_short_months() {
    let r = rule("FREQ=MONTHLY;BYMONTHDAY=31", d(2026, 1, 1));
    let months: Vec<u32> = r
        .dates(d(2026, 1, 1), d(2026, 12, 31))
        .iter()
        .map(chrono::Datelike::month)
        .collect();
    assert_eq!(months, [1, 3, 5, 7, 8, 10, 12]);
}

#[test]
fn count_and_until_bound_the_same_series_differently() {
    // Thursdays from 1 January 2026: the 1st, 8th, 15th, 22nd, 29th.
    let count = rule("FREQ=WEEKLY;BYDAY=TH;COUNT=3", d(2026, 1, 1));
    assert_eq!(
        all_dates(&count),
        [d(2026, 1, 1), d(2026, 1, 8), d(2026, 1, 15)]
    );
    // UNTIL as a date includes that whole day.
    let until = rule("FREQ=WEEKLY;BYDAY=TH;UNTIL=20260122", d(2026, 1, 1));
    assert_eq!(
        all_dates(&until),
        [d(2026, 1, 1), d(2026, 1, 8), d(2026, 1, 15), d(2026, 1, 22)]
    );
    // COUNT counts from DTSTART even when the horizon starts later.
    let windows = count.expand(
        &TimeWindow::new(at(d(2026, 1, 10), 0, 0), at(d(2026, 3, 1), 0, 0)).unwrap(),
        &[],
        None,
    );
    assert_eq!(windows.len(), 1);
    assert_eq!(windows[0].start, at(d(2026, 1, 15), 9, 0));
    // Both at once is refused, naming the field.
    let e = Recurrence::parse(
        "FREQ=WEEKLY;COUNT=3;UNTIL=20260122",
        d(2026, 1, 1),
        t(9, 0),
        t(10, 0),
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "snapshot: field `rrule.count` COUNT and UNTIL must not both be set (RFC 5545)"
    );
}

#[test]
fn validity_range_keeps_only_dates_inside_it_after_counting() {
    // Weekly Mondays from 5 January 2026, COUNT=4: 5, 12, 19, 26 January. Valid only from the
    // 10th to the 20th: 12 and 19 remain (COUNT is spent before the range applies).
    let mut r = rule("FREQ=WEEKLY;BYDAY=MO;COUNT=4", d(2026, 1, 5));
    r.valid_from = Some(d(2026, 1, 10));
    r.valid_to = Some(d(2026, 1, 20));
    assert_eq!(all_dates(&r), [d(2026, 1, 12), d(2026, 1, 19)]);
}

#[test]
fn offsets_shift_windows_and_overnight_windows_cross_midnight() {
    // A rule at UTC+3 (HSDS timezone 3), 10:00–18:00 on Thursdays, read in a community at
    // UTC+8: 15:00–23:00 local.
    let mut r = Recurrence::weekly(d(2026, 1, 1), &[Weekday::Thu], t(10, 0), t(18, 0));
    r.utc_offset_minutes = Some(180);
    let week = TimeWindow::new(at(d(2026, 1, 5), 0, 0), at(d(2026, 1, 12), 0, 0)).unwrap();
    let w = r.expand(&week, &[], Some(480));
    assert_eq!(
        w,
        [TimeWindow::new(at(d(2026, 1, 8), 15, 0), at(d(2026, 1, 8), 23, 0)).unwrap()]
    );
    // Without the community's offset the rule's times are taken as local.
    assert_eq!(
        r.expand(&week, &[], None)[0].start,
        at(d(2026, 1, 8), 10, 0)
    );
    // A night shift 22:00–06:00 on Fridays ends on Saturday.
    let night = Recurrence::weekly(d(2026, 1, 1), &[Weekday::Fri], t(22, 0), t(6, 0));
    assert_eq!(
        night.expand(&week, &[], None),
        [TimeWindow::new(at(d(2026, 1, 9), 22, 0), at(d(2026, 1, 10), 6, 0)).unwrap()]
    );
}

#[test]
fn exceptions_cut_holidays_and_partial_closures() {
    // Weekdays 09:00–17:00 in the week of 28 September 2026; National Day is Thursday 1 October
    // and on Tuesday the centre closes 12:00–13:00.
    let r = rule("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", d(2026, 1, 1));
    let r = Recurrence {
        opens: t(9, 0),
        closes: t(17, 0),
        ..r
    };
    let sched = RecurringSchedule::default()
        .with_rule(r)
        .with_day_off(d(2026, 10, 1))
        .with_exception(
            TimeWindow::new(at(d(2026, 9, 29), 12, 0), at(d(2026, 9, 29), 13, 0)).unwrap(),
        );
    let week = TimeWindow::new(at(d(2026, 9, 28), 0, 0), at(d(2026, 10, 5), 0, 0)).unwrap();
    let got = sched.windows(None, &week);
    let expected = [
        (at(d(2026, 9, 28), 9, 0), at(d(2026, 9, 28), 17, 0)),
        (at(d(2026, 9, 29), 9, 0), at(d(2026, 9, 29), 12, 0)),
        (at(d(2026, 9, 29), 13, 0), at(d(2026, 9, 29), 17, 0)),
        (at(d(2026, 9, 30), 9, 0), at(d(2026, 9, 30), 17, 0)),
        (at(d(2026, 10, 2), 9, 0), at(d(2026, 10, 2), 17, 0)),
    ]
    .map(|(start, end)| TimeWindow { start, end });
    assert_eq!(got, expected);
    // A four-hour task on Tuesday no longer fits before 13:00; the earliest is 13:00.
    let tuesday = TimeWindow::new(at(d(2026, 9, 29), 8, 0), at(d(2026, 9, 29), 18, 0)).unwrap();
    assert_eq!(
        sched.earliest_start(None, &tuesday, 240),
        Some(at(d(2026, 9, 29), 13, 0))
    );
    assert_eq!(sched.earliest_start(None, &tuesday, 300), None);
}

#[test]
fn exceptions_apply_to_a_weekly_schedule_without_rules() {
    let weekly = WeeklySchedule::weekdays(t(9, 0), t(12, 0));
    let off = RecurringSchedule::default().with_day_off(d(2026, 11, 24));
    let tuesday = TimeWindow::new(at(d(2026, 11, 24), 0, 0), at(d(2026, 11, 25), 0, 0)).unwrap();
    assert!(off.windows(Some(&weekly), &tuesday).is_empty());
    assert_eq!(off.earliest_start(Some(&weekly), &tuesday, 60), None);
}

#[test]
fn parse_rejects_parts_outside_the_subset_naming_them() {
    let p = |s| {
        Recurrence::parse(s, d(2026, 1, 1), t(9, 0), t(10, 0))
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        p("FREQ=WEEKLY;BYWEEKNO=20"),
        "snapshot: field `rrule.BYWEEKNO` is outside the supported subset (FREQ, INTERVAL, BYDAY, BYMONTHDAY, UNTIL, COUNT, WKST)"
    );
    assert_eq!(
        p("FREQ=WEEKLY;BYDAY=2MO"),
        "snapshot: field `rrule.by_day[0]` ordinal 2MO is only allowed with FREQ=MONTHLY"
    );
    assert_eq!(
        p("FREQ=MONTHLY;BYMONTHDAY=32"),
        "snapshot: field `rrule.by_month_day[0]` value 32 is outside 1..=31 or -31..=-1"
    );
    assert_eq!(
        p("BYDAY=MO"),
        "snapshot: field `rrule.FREQ` must not be empty"
    );
    assert_eq!(
        p("FREQ=WEEKLY;INTERVAL=0"),
        "snapshot: field `rrule.interval` must be positive"
    );
    assert_eq!(
        p("FREQ=WEEKLY;BYDAY=XY"),
        "snapshot: field `rrule.BYDAY` `XY` is not a BYDAY value"
    );
    assert_eq!(
        Recurrence::parse("FREQ=MONTHLY;BYDAY=-1FR", d(2026, 1, 1), t(9, 0), t(9, 0))
            .unwrap_err()
            .to_string(),
        "snapshot: field `rrule.closes` ends before (or when) it starts"
    );
    let r = rule(
        "FREQ=MONTHLY;INTERVAL=3;BYDAY=1MO,-1FR;WKST=SU",
        d(2026, 1, 1),
    );
    assert_eq!(r.freq, Frequency::Monthly);
    assert_eq!(
        r.to_rrule(),
        "FREQ=MONTHLY;INTERVAL=3;BYDAY=1MO,-1FR;WKST=SU"
    );
}

#[cfg(feature = "serde")]
#[test]
fn recurrence_round_trips_through_json() {
    let r = rule("FREQ=MONTHLY;BYDAY=2MO,-1FR;COUNT=5", d(2026, 1, 1));
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["by_day"], serde_json::json!(["2MO", "-1FR"]));
    assert_eq!(json["freq"], "MONTHLY");
    let back: Recurrence = serde_json::from_value(json).unwrap();
    assert_eq!(back, r);
}
