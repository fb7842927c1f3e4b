//! Weekly schedules and a need's windows as integers, for the candidate search's inner loop:
//! the same earliest start as [`WeeklySchedule::earliest_start`], without date arithmetic.
//!
//! Times of day are nanoseconds since midnight and days are counted from the common era, so
//! comparing and subtracting them is what chrono does for dates and times without a leap
//! second. A schedule or window with a leap second is not converted: the caller keeps chrono's
//! own path for it.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

use huzhu_model::{TimeWindow, WeeklySchedule};

const NANOS_PER_SECOND: i64 = 1_000_000_000;

/// A time of day in nanoseconds since midnight; `None` for a leap second.
fn nanos_of(t: NaiveTime) -> Option<i64> {
    let frac = t.nanosecond();
    (i64::from(frac) < NANOS_PER_SECOND)
        .then(|| i64::from(t.num_seconds_from_midnight()) * NANOS_PER_SECOND + i64::from(frac))
}

/// One weekly slot: weekday (Monday 0) and its opening and closing times.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Slot {
    weekday: u8,
    opens: i64,
    closes: i64,
}

/// A weekly schedule's slots: a range of [`Slots`], and the weekdays (bit 0 Monday) that have
/// any.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Week {
    from: u32,
    to: u32,
    days: u8,
}

/// The slots of many schedules, one after another; each schedule is a range of them.
#[derive(Debug, Default)]
pub(crate) struct Slots {
    all: Vec<Slot>,
}

impl Slots {
    /// Adds a schedule's slots, in its order; `None` (and nothing added) if one has a leap
    /// second.
    pub(crate) fn push(&mut self, schedule: &WeeklySchedule) -> Option<Week> {
        let slots = schedule
            .slots
            .iter()
            .map(|s| {
                Some(Slot {
                    weekday: s.weekday.num_days_from_monday() as u8,
                    opens: nanos_of(s.opens)?,
                    closes: nanos_of(s.closes)?,
                })
            })
            .collect::<Option<Vec<Slot>>>()?;
        let from = self.all.len() as u32;
        let days = slots.iter().fold(0u8, |m, s| m | (1 << s.weekday));
        self.all.extend(slots);
        Some(Week {
            from,
            to: self.all.len() as u32,
            days,
        })
    }

    /// The earliest start of a task of `minutes` in any of `windows` with the schedule `week`:
    /// the minimum over the windows of [`WeeklySchedule::earliest_start`], step for step.
    pub(crate) fn earliest_start(
        &self,
        week: Week,
        windows: &[Window],
        minutes: u32,
    ) -> Option<Moment> {
        let slots = &self.all[week.from as usize..week.to as usize];
        let need = i64::from(minutes) * 60 * NANOS_PER_SECOND;
        let mut best: Option<Moment> = None;
        for w in windows {
            if let Some(found) = earliest_in(slots, week.days, w, need)
                && best.is_none_or(|b| found < b)
            {
                best = Some(found);
            }
        }
        best
    }
}

/// Half-hours (in nanoseconds).
const CELL: i64 = 30 * 60 * NANOS_PER_SECOND;

/// The half-hours of a day (bit `k` is `[k × 30, (k + 1) × 30)` minutes) that `[from, to)`
/// (nanoseconds since midnight) touches: exactly, to the nanosecond.
fn touched(from: i64, to: i64) -> u64 {
    let (a, b) = (from / CELL, ((to + CELL - 1) / CELL).min(48));
    if b <= a {
        return 0;
    }
    (((1u128 << (b - a)) - 1) as u64) << a
}

/// Where a task of given minutes may start: the half-hours of each weekday (Monday first) a
/// need's windows touch, to the nanosecond, and how many consecutive half-hours the task
/// touches at least.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Reach {
    touched: [u64; 7],
    /// The weekdays with any (bit 0 Monday).
    days: u8,
    run: u32,
}

impl Reach {
    /// The reach of a task of `minutes` in `windows`.
    pub(crate) fn new(windows: &[Window], minutes: u32) -> Self {
        let touched = windows_touched(windows);
        Self {
            days: (0..7).fold(0, |m, d| m | (u8::from(touched[d] != 0) << d)),
            touched,
            run: minutes.div_ceil(30),
        }
    }

    /// Whether the task may fit in a schedule touching `week` (see [`Week::touched`]): a
    /// necessary condition, as the interval a task fits in touches at least `run` consecutive
    /// half-hours of one day, each touched by both the schedule and a window.
    #[inline]
    pub(crate) fn may_fit(&self, week: &[u64; 7]) -> bool {
        let mut days = self.days;
        while days != 0 {
            let d = days.trailing_zeros() as usize;
            days &= days - 1;
            // Shifting and-ing leaves the starts of runs at least `run` long.
            let (mut x, mut have) = (week[d] & self.touched[d], 1);
            while have < self.run && x != 0 {
                let step = have.min(self.run - have);
                x &= x >> step;
                have += step;
            }
            if x != 0 {
                return true;
            }
        }
        false
    }
}

impl Week {
    /// The half-hours of each weekday (Monday first) the schedule touches, exactly.
    pub(crate) fn touched(self, slots: &Slots) -> [u64; 7] {
        let mut m = [0u64; 7];
        for s in &slots.all[self.from as usize..self.to as usize] {
            m[usize::from(s.weekday)] |= touched(s.opens, s.closes);
        }
        m
    }
}

/// The half-hours of each weekday (Monday first) the windows touch, exactly.
fn windows_touched(windows: &[Window]) -> [u64; 7] {
    const DAY: i64 = 24 * 60 * 60 * NANOS_PER_SECOND;
    let mut m = [0u64; 7];
    for w in windows {
        if i64::from(w.end_day) - i64::from(w.start_day) >= 7 {
            return [u64::MAX >> 16; 7];
        }
        let mut weekday = usize::from(w.start_weekday);
        for day in w.start_day..=w.end_day {
            let from = if day == w.start_day { w.start } else { 0 };
            let to = if day == w.end_day { w.end } else { DAY };
            m[weekday] |= touched(from, to);
            weekday = (weekday + 1) % 7;
        }
    }
    m
}

/// A date and time as days from the common era and nanoseconds since midnight, for a time
/// that is not a leap second: ordered, and subtracted, as chrono orders and subtracts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Moment {
    day: i32,
    nanos: i64,
}

impl Moment {
    /// The moment of `t`, or `None` for a leap second.
    pub(crate) fn of(t: NaiveDateTime) -> Option<Self> {
        Some(Self {
            day: t.date().num_days_from_ce(),
            nanos: nanos_of(t.time())?,
        })
    }

    /// The date and time (`None` only for a day out of chrono's range, which no moment made
    /// from dates has).
    pub(crate) fn datetime(self) -> Option<NaiveDateTime> {
        let time = NaiveTime::from_num_seconds_from_midnight_opt(
            (self.nanos / NANOS_PER_SECOND) as u32,
            (self.nanos % NANOS_PER_SECOND) as u32,
        )?;
        Some(NaiveDate::from_num_days_from_ce_opt(self.day)?.and_time(time))
    }

    /// Whole minutes from `from` to this later moment (`(self - from).num_minutes()` in
    /// chrono), or 0 if it is not later.
    pub(crate) fn minutes_after(self, from: Self) -> i64 {
        const NANOS_PER_MINUTE: i64 = 60 * NANOS_PER_SECOND;
        if self <= from {
            return 0;
        }
        // A day is a whole number of minutes: only the times of day need rounding (down, as
        // the difference is positive).
        (i64::from(self.day) - i64::from(from.day)) * 1440
            + (self.nanos - from.nanos).div_euclid(NANOS_PER_MINUTE)
    }
}

/// A time window: its first and last days and its start and end times on them.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Window {
    start_day: i32,
    start_weekday: u8,
    start: i64,
    end_day: i32,
    end: i64,
}

/// The windows as integers, or `None` if one has a leap second.
pub(crate) fn windows(windows: &[TimeWindow]) -> Option<Vec<Window>> {
    windows
        .iter()
        .map(|w| {
            Some(Window {
                start_day: w.start.date().num_days_from_ce(),
                start_weekday: w.start.weekday().num_days_from_monday() as u8,
                start: nanos_of(w.start.time())?,
                end_day: w.end.date().num_days_from_ce(),
                end: nanos_of(w.end.time())?,
            })
        })
        .collect()
}

/// [`WeeklySchedule::earliest_start`] for one window: day by day from the window's first, the
/// earliest start on the first day that has one. `days` are the weekdays with slots.
fn earliest_in(slots: &[Slot], days: u8, w: &Window, need: i64) -> Option<Moment> {
    let mut day = w.start_day;
    let mut weekday = w.start_weekday;
    while day <= w.end_day {
        if days & (1 << weekday) != 0 {
            let mut best: Option<i64> = None;
            for s in slots.iter().filter(|s| s.weekday == weekday) {
                // The slot's opening and closing on `day` against the window's ends: only on
                // the window's first and last days can the window cut the slot.
                let start = if day == w.start_day {
                    s.opens.max(w.start)
                } else {
                    s.opens
                };
                let end = if day == w.end_day {
                    s.closes.min(w.end)
                } else {
                    s.closes
                };
                if end - start >= need && best.is_none_or(|b| start < b) {
                    best = Some(start);
                }
            }
            if let Some(nanos) = best {
                return Some(Moment { day, nanos });
            }
        }
        day += 1;
        weekday = if weekday == 6 { 0 } else { weekday + 1 };
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Weekday;
    use huzhu_model::WeeklySlot;
    use proptest::prelude::*;

    fn time(minutes: u32) -> NaiveTime {
        NaiveTime::from_num_seconds_from_midnight_opt(minutes * 60, 0).unwrap()
    }

    fn schedule() -> impl Strategy<Value = WeeklySchedule> {
        prop::collection::vec((0u8..7, 0u32..1_440, 1u32..600), 0..6).prop_map(|slots| {
            WeeklySchedule {
                slots: slots
                    .into_iter()
                    .map(|(d, open, len)| {
                        WeeklySlot::new(
                            Weekday::try_from(d).unwrap(),
                            time(open),
                            time((open + len).min(1_439)),
                        )
                    })
                    .collect(),
            }
        })
    }

    fn window() -> impl Strategy<Value = TimeWindow> {
        (0i64..20, 0u32..1_440, 1i64..6_000).prop_map(|(day, minute, len)| {
            let start = NaiveDate::from_ymd_opt(2026, 11, 20)
                .unwrap()
                .and_time(time(minute))
                + chrono::Duration::days(day);
            TimeWindow {
                start,
                end: start + chrono::Duration::minutes(len),
            }
        })
    }

    proptest! {
        #[test]
        fn integers_give_the_schedule_s_own_earliest_start(
            s in schedule(),
            ws in prop::collection::vec(window(), 1..4),
            minutes in 0u32..400,
        ) {
            let mut slots = Slots::default();
            let week = slots.push(&s).unwrap();
            let fast = slots.earliest_start(week, &windows(&ws).unwrap(), minutes);
            let slow = ws.iter().filter_map(|w| s.earliest_start(w, minutes)).min();
            prop_assert_eq!(fast.and_then(Moment::datetime), slow);
            prop_assert_eq!(fast, slow.and_then(Moment::of));
        }

        #[test]
        fn moments_subtract_as_chrono_does(
            a in window(),
            b in window(),
            seconds in 0u32..86_400,
            nanos in 0u32..1_000_000_000,
        ) {
            let t = NaiveTime::from_num_seconds_from_midnight_opt(seconds, nanos).unwrap();
            let (from, to) = (a.start, b.end.date().and_time(t));
            let expected = if to > from { (to - from).num_minutes() } else { 0 };
            let (f, t) = (Moment::of(from).unwrap(), Moment::of(to).unwrap());
            prop_assert_eq!(t.minutes_after(f), expected);
            prop_assert_eq!(f < t, from < to);
        }
    }

    proptest! {
        #[test]
        fn a_start_lies_where_both_touch_long_enough(
            s in schedule(),
            ws in prop::collection::vec(window(), 1..4),
            minutes in 1u32..400,
        ) {
            let mut slots = Slots::default();
            let week = slots.push(&s).unwrap();
            let fast = windows(&ws).unwrap();
            if slots.earliest_start(week, &fast, minutes).is_some() {
                prop_assert!(Reach::new(&fast, minutes).may_fit(&week.touched(&slots)));
            }
        }
    }

    #[test]
    fn runs_of_half_hours() {
        let day = |bits: u64| [bits, 0, 0, 0, 0, 0, 0];
        let reach = |bits: u64, minutes: u32| Reach {
            touched: day(bits),
            days: 1,
            run: minutes.div_ceil(30),
        };
        assert!(reach(0b1111_1000, 90).may_fit(&day(0b0111_0000)));
        assert!(!reach(0b1101_1000, 90).may_fit(&day(0b0111_0000)));
        assert!(reach(0b1101_1000, 30).may_fit(&day(0b0111_0000)));
        assert!(!reach(u64::MAX >> 16, 24 * 60 + 1).may_fit(&day(u64::MAX >> 16)));
        assert_eq!(touched(0, 1), 1);
        assert_eq!(touched(CELL, 2 * CELL), 2);
        assert_eq!(touched(CELL - 1, CELL + 1), 3);
        assert_eq!(touched(0, 24 * 2 * CELL), u64::MAX >> 16);
    }

    #[test]
    fn a_leap_second_keeps_chrono_s_path() {
        let leap = NaiveTime::from_hms_nano_opt(23, 59, 59, 1_500_000_000).unwrap();
        let s = WeeklySchedule {
            slots: vec![WeeklySlot::new(Weekday::Mon, time(60), leap)],
        };
        assert!(Slots::default().push(&s).is_none());
        let day = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let w = TimeWindow {
            start: day.and_time(time(0)),
            end: day.and_time(leap),
        };
        assert!(windows(&[w]).is_none());
    }
}
