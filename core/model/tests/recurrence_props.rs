//! Property tests of recurrence expansion against a day-by-day oracle written from RFC 5545's
//! definitions, plus the structural properties: windows sorted, disjoint, inside the horizon
//! and the validity range, COUNT and UNTIL respected.

use chrono::{Datelike, Days, NaiveDate, NaiveTime, Weekday};
use huzhu::model::{Frequency, Recurrence, RecurringSchedule, TimeWindow, WeekdayNum};
use proptest::prelude::*;

const DAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

fn date(offset: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + Days::new(u64::from(offset))
}

fn dim(d: NaiveDate) -> u32 {
    (28..=31).rev().find(|&n| d.with_day(n).is_some()).unwrap()
}

/// Whether `d` is produced by the rule's pattern, ignoring COUNT, UNTIL and validity: checked
/// one day at a time from the definitions, with no period arithmetic shared with the library.
fn oracle_matches(r: &Recurrence, d: NaiveDate) -> bool {
    if d < r.dtstart {
        return false;
    }
    let monthday_ok = |d: NaiveDate| {
        r.by_month_day.iter().any(|&n| {
            let n = i64::from(n);
            let want = if n > 0 { n } else { i64::from(dim(d)) + 1 + n };
            want == i64::from(d.day())
        })
    };
    match r.freq {
        Frequency::Weekly => {
            // Walk back from each date to the start of its week, and count weeks from dtstart's.
            let mut week_start = d;
            while week_start.weekday() != r.wkst {
                week_start = week_start.pred_opt().unwrap();
            }
            let mut first_week = r.dtstart;
            while first_week.weekday() != r.wkst {
                first_week = first_week.pred_opt().unwrap();
            }
            let weeks = (week_start - first_week).num_days() / 7;
            let day_ok = if r.by_day.is_empty() {
                d.weekday() == r.dtstart.weekday()
            } else {
                r.by_day.iter().any(|b| b.weekday == d.weekday())
            };
            weeks % i64::from(r.interval) == 0
                && day_ok
                && (r.by_month_day.is_empty() || monthday_ok(d))
        }
        Frequency::Monthly => {
            let months =
                (d.year() - r.dtstart.year()) * 12 + d.month() as i32 - r.dtstart.month() as i32;
            if months % r.interval as i32 != 0 {
                return false;
            }
            // Count same weekdays before and after d within its month.
            let (mut before, mut after) = (0, 0);
            for day in 1..=dim(d) {
                let o = d.with_day(day).unwrap();
                if o.weekday() == d.weekday() {
                    if day < d.day() {
                        before += 1;
                    } else if day > d.day() {
                        after += 1;
                    }
                }
            }
            let byday_ok = r.by_day.iter().any(|b| {
                b.weekday == d.weekday()
                    && match b.ordinal {
                        None => true,
                        Some(n) if n > 0 => before + 1 == i32::from(n),
                        Some(n) => after + 1 == -i32::from(n),
                    }
            });
            match (r.by_day.is_empty(), r.by_month_day.is_empty()) {
                (true, true) => d.day() == r.dtstart.day(),
                (true, false) => monthday_ok(d),
                (false, true) => byday_ok,
                (false, false) => byday_ok && monthday_ok(d),
            }
        }
    }
}

/// The occurrence dates in `from..=to` by walking every day from dtstart.
fn oracle_dates(r: &Recurrence, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    let mut seen = 0;
    let mut d = r.dtstart;
    while d <= to {
        if oracle_matches(r, d) {
            if r.until.is_some_and(|u| d.and_time(r.opens) > u)
                || r.count.is_some_and(|c| seen >= c)
            {
                break;
            }
            seen += 1;
            let valid = r.valid_from.is_none_or(|f| d >= f) && r.valid_to.is_none_or(|t| d <= t);
            if d >= from && valid {
                out.push(d);
            }
        }
        d = d.succ_opt().unwrap();
    }
    out
}

fn rule_strategy() -> impl Strategy<Value = Recurrence> {
    (
        any::<bool>(),
        1u32..=4,
        proptest::collection::vec(
            (
                0usize..7,
                prop_oneof![
                    Just(None),
                    (1i8..=5).prop_map(Some),
                    (-5i8..=-1).prop_map(Some)
                ],
            ),
            0..4,
        ),
        proptest::collection::vec(prop_oneof![1i8..=31, -31i8..=-1], 0..3),
        0u32..800,
        (0u32..3, 1u32..40, 0u32..900),
        0usize..7,
        (0u32..24, 0u32..24),
        (
            proptest::option::of(0u32..900),
            proptest::option::of(0u32..200),
        ),
    )
        .prop_map(
            |(
                monthly,
                interval,
                by_day,
                by_month_day,
                start,
                (end_kind, count, until),
                wkst,
                (o, c),
                (vf, vlen),
            )| {
                let freq = if monthly {
                    Frequency::Monthly
                } else {
                    Frequency::Weekly
                };
                let by_day = by_day
                    .into_iter()
                    .map(|(w, n)| WeekdayNum {
                        ordinal: if monthly { n } else { None },
                        weekday: DAYS[w],
                    })
                    .collect();
                let opens = NaiveTime::from_hms_opt(o, 0, 0).unwrap();
                let closes =
                    NaiveTime::from_hms_opt(if c == o { (c + 1) % 24 } else { c }, 30, 0).unwrap();
                let valid_from = vf.map(date);
                Recurrence {
                    freq,
                    interval,
                    by_day,
                    by_month_day,
                    dtstart: date(start),
                    until: (end_kind == 1).then(|| date(until).and_hms_opt(12, 0, 0).unwrap()),
                    count: (end_kind == 2).then_some(count),
                    wkst: DAYS[wkst],
                    opens,
                    closes,
                    valid_from,
                    valid_to: valid_from
                        .zip(vlen)
                        .map(|(f, l)| f + Days::new(u64::from(l))),
                    utc_offset_minutes: None,
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn dates_agree_with_the_day_by_day_oracle(r in rule_strategy(), from in 0u32..1200, len in 0u32..400) {
        let (lo, hi) = (date(from), date(from + len));
        prop_assert_eq!(r.dates(lo, hi), oracle_dates(&r, lo, hi));
    }

    #[test]
    fn windows_are_sorted_disjoint_and_inside_horizon_and_validity(
        r in rule_strategy(), from in 0u32..1200, len in 1u32..200, exc in proptest::collection::vec((0u32..1400, 1u32..48), 0..4)
    ) {
        let horizon = TimeWindow::new(date(from).and_hms_opt(0, 0, 0).unwrap(), date(from + len).and_hms_opt(6, 0, 0).unwrap()).unwrap();
        let exceptions: Vec<TimeWindow> = exc.iter().map(|&(d, h)| {
            let s = date(d).and_hms_opt(8, 0, 0).unwrap();
            TimeWindow { start: s, end: s + chrono::Duration::hours(i64::from(h)) }
        }).collect();
        let w = r.expand(&horizon, &exceptions, None);
        for pair in w.windows(2) {
            prop_assert!(pair[0].end <= pair[1].start, "not sorted and disjoint: {:?}", pair);
        }
        let occurrences = oracle_dates(&r, date(0), date(from + len + 1));
        for x in &w {
            prop_assert!(x.start < x.end);
            prop_assert!(horizon.start <= x.start && x.end <= horizon.end);
            prop_assert!(exceptions.iter().all(|e| !e.overlaps(x)));
            // Each window lies within the occurrence window of a date the oracle produces,
            // which lies in the validity range and respects COUNT / UNTIL.
            let owner = occurrences.iter().find(|d| {
                let start = d.and_time(r.opens);
                let end = if r.closes > r.opens { d.and_time(r.closes) } else { d.succ_opt().unwrap().and_time(r.closes) };
                start <= x.start && x.end <= end
            });
            prop_assert!(owner.is_some(), "window {:?} belongs to no occurrence", x);
            let d = *owner.unwrap();
            prop_assert!(r.valid_from.is_none_or(|f| d >= f) && r.valid_to.is_none_or(|t| d <= t));
            prop_assert!(r.until.is_none_or(|u| d.and_time(r.opens) <= u));
        }
    }

    #[test]
    fn count_is_never_exceeded(r in rule_strategy()) {
        if let Some(c) = r.count {
            prop_assert!(r.dates(date(0), date(3000)).len() <= c as usize);
        }
    }

    #[test]
    fn splitting_the_horizon_changes_nothing(r in rule_strategy(), from in 0u32..1000, a in 1u32..60, b in 1u32..60) {
        let t0 = date(from).and_hms_opt(0, 0, 0).unwrap();
        let t1 = date(from + a).and_hms_opt(0, 0, 0).unwrap();
        let t2 = date(from + a + b).and_hms_opt(0, 0, 0).unwrap();
        let sched = RecurringSchedule::default().with_rule(r);
        let whole = sched.windows(None, &TimeWindow { start: t0, end: t2 });
        let mut parts = sched.windows(None, &TimeWindow { start: t0, end: t1 });
        let second = sched.windows(None, &TimeWindow { start: t1, end: t2 });
        // Re-join a window cut at the split point.
        if let (Some(last), Some(first)) = (parts.last_mut(), second.first())
            && last.end == first.start
        {
            last.end = first.end;
            parts.extend_from_slice(&second[1..]);
        } else {
            parts.extend(second);
        }
        prop_assert_eq!(whole, parts);
    }

    #[test]
    fn offsets_shift_every_window_by_the_difference(r in rule_strategy(), from in 0u32..1000, rule_h in -12i32..=14, local_h in -12i32..=14) {
        let mut shifted = r.clone();
        shifted.utc_offset_minutes = Some(rule_h * 60);
        let horizon = TimeWindow::new(date(from).and_hms_opt(0, 0, 0).unwrap(), date(from + 60).and_hms_opt(0, 0, 0).unwrap()).unwrap();
        let wide = TimeWindow::new(date(from).and_hms_opt(0, 0, 0).unwrap() - chrono::Duration::days(2), date(from + 62).and_hms_opt(0, 0, 0).unwrap()).unwrap();
        let delta = chrono::Duration::hours(i64::from(local_h - rule_h));
        let expected: Vec<TimeWindow> = r.expand(&wide, &[], None).into_iter().filter_map(|w| {
            let (s, e) = ((w.start + delta).max(horizon.start), (w.end + delta).min(horizon.end));
            (s < e).then_some(TimeWindow { start: s, end: e })
        }).collect();
        prop_assert_eq!(shifted.expand(&horizon, &[], Some(local_h * 60)), expected);
    }

    #[test]
    fn parsing_arbitrary_text_never_panics(s in "[A-Z=;,0-9+-]{0,40}") {
        let _ = Recurrence::parse(&s, date(0), NaiveTime::MIN, NaiveTime::from_hms_opt(1, 0, 0).unwrap());
    }
}
