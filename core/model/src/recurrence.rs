//! Recurring opening hours and availability: the iCalendar RRULE subset that Open Referral HSDS
//! uses, expanded into concrete [`TimeWindow`]s over a horizon, with exceptions (holidays, a
//! volunteer's days off).

use chrono::{Datelike, Days, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use std::fmt;
use std::str::FromStr;

use super::{TimeWindow, WeeklySchedule};
use crate::error::{FieldProblem, ModelError, RecordRef};

/// Largest UTC offset accepted, in minutes (±18 hours, as ISO 8601 and `chrono` allow).
pub const MAX_UTC_OFFSET_MINUTES: i32 = 18 * 60;

/// How often a rule repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "UPPERCASE"))]
pub enum Frequency {
    /// Every `interval` weeks.
    Weekly,
    /// Every `interval` months.
    Monthly,
}

/// A `BYDAY` entry: a weekday, with an ordinal within the month in `MONTHLY` rules
/// (`2MO` = second Monday, `-1FR` = last Friday).
///
/// ```
/// use chrono::Weekday;
/// use huzhu::model::WeekdayNum;
/// let last_friday: WeekdayNum = "-1FR".parse().unwrap();
/// assert_eq!(last_friday, WeekdayNum { ordinal: Some(-1), weekday: Weekday::Fri });
/// assert_eq!(last_friday.to_string(), "-1FR");
/// assert!("0MO".parse::<WeekdayNum>().is_err());
/// assert!("XX".parse::<WeekdayNum>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "String", into = "String"))]
pub struct WeekdayNum {
    /// 1..=5 from the start of the month, -5..=-1 from its end; `None` for every such weekday.
    pub ordinal: Option<i8>,
    /// The weekday.
    pub weekday: Weekday,
}

impl WeekdayNum {
    /// Every `weekday` of the period.
    pub fn every(weekday: Weekday) -> Self {
        Self {
            ordinal: None,
            weekday,
        }
    }

    /// The `ordinal`-th `weekday` of the month (negative: counted from the end).
    pub fn nth(ordinal: i8, weekday: Weekday) -> Self {
        Self {
            ordinal: Some(ordinal),
            weekday,
        }
    }
}

/// The two-letter iCalendar code of a weekday (`MO`…`SU`).
pub fn weekday_code(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "MO",
        Weekday::Tue => "TU",
        Weekday::Wed => "WE",
        Weekday::Thu => "TH",
        Weekday::Fri => "FR",
        Weekday::Sat => "SA",
        Weekday::Sun => "SU",
    }
}

/// Parses a two-letter iCalendar weekday code (`MO`…`SU`, any case).
pub fn parse_weekday_code(code: &str) -> Option<Weekday> {
    Some(match code.trim().to_ascii_uppercase().as_str() {
        "MO" => Weekday::Mon,
        "TU" => Weekday::Tue,
        "WE" => Weekday::Wed,
        "TH" => Weekday::Thu,
        "FR" => Weekday::Fri,
        "SA" => Weekday::Sat,
        "SU" => Weekday::Sun,
        _ => return None,
    })
}

impl fmt::Display for WeekdayNum {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(n) = self.ordinal {
            write!(f, "{n}")?;
        }
        f.write_str(weekday_code(self.weekday))
    }
}

impl FromStr for WeekdayNum {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let split = s.len().saturating_sub(2);
        let (num, code) = (s.get(..split).unwrap_or(""), s.get(split..).unwrap_or(""));
        let weekday =
            parse_weekday_code(code).ok_or_else(|| format!("`{s}` is not a BYDAY value"))?;
        let ordinal = if num.is_empty() {
            None
        } else {
            let n: i8 = num
                .trim_start_matches('+')
                .parse()
                .map_err(|_| format!("`{s}` has a bad ordinal"))?;
            if n == 0 || !(-5..=5).contains(&n) {
                return Err(format!("`{s}`: the ordinal must be in 1..=5 or -5..=-1"));
            }
            Some(n)
        };
        Ok(Self { ordinal, weekday })
    }
}

impl TryFrom<String> for WeekdayNum {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<WeekdayNum> for String {
    fn from(value: WeekdayNum) -> Self {
        value.to_string()
    }
}

#[cfg(feature = "serde")]
fn one() -> u32 {
    1
}

#[cfg(feature = "serde")]
fn monday() -> Weekday {
    Weekday::Mon
}

/// A recurrence rule with opening hours: the RRULE subset of HSDS schedules. Check it with
/// [`Recurrence::check`]; an unchecked invalid rule expands to nothing.
///
/// # The subset
/// `FREQ` `WEEKLY` or `MONTHLY`; `INTERVAL`; `BYDAY` (weekdays, and in `MONTHLY` rules ordinals
/// such as `2MO` or `-1FR`); `BYMONTHDAY` (positive or negative); `DTSTART` (a date); `UNTIL`;
/// `COUNT`; `WKST`; plus HSDS's opening and closing times, `valid_from` / `valid_to` and a numeric
/// UTC offset. No time-zone database is needed. Full RFC 5545 rules with named zones are behind
/// the optional `rrule-full` feature (module `huzhu::formats::rrule_full`).
///
/// # Semantics
/// - Occurrences are the dates the rule produces on or after `dtstart` (RFC 5545 §3.3.10);
///   `dtstart` itself is an occurrence only if it matches the rule.
/// - `WEEKLY`: weeks begin on `wkst`; every `interval`-th week counted from the week holding
///   `dtstart`; the days of `by_day` (or `dtstart`'s weekday when empty). `by_month_day`, which
///   RFC 5545 does not allow with `WEEKLY`, is applied as a filter (as python-dateutil does).
/// - `MONTHLY`: every `interval`-th month from `dtstart`'s; the days of `by_month_day` and of
///   `by_day` (intersected when both are given, RFC 5545's "limit"), or `dtstart`'s day of the
///   month when both are empty. Days that do not exist (31 April, a fifth Monday) are skipped.
/// - `count` counts occurrences from `dtstart`; `until` bounds an occurrence's opening time,
///   inclusive. Both are applied before `valid_from` / `valid_to`, which then keep only
///   occurrences whose date lies in that range.
/// - Each occurrence is open from `opens` to `closes` on its date; when `closes` is earlier
///   than `opens`, the window ends the next day (an overnight opening).
/// - Times are wall-clock time at `utc_offset_minutes`. Expansion into a community whose offset
///   is known shifts the windows by the difference; when either offset is unknown, the rule's
///   times are taken as community local time.
///
/// ```
/// use chrono::{NaiveDate, NaiveTime};
/// use huzhu::model::{Recurrence, TimeWindow};
/// let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
/// // The second Monday of each month, 09:00–11:30.
/// let rule = Recurrence::parse("FREQ=MONTHLY;BYDAY=2MO", d(1, 1),
///     NaiveTime::from_hms_opt(9, 0, 0).unwrap(), NaiveTime::from_hms_opt(11, 30, 0).unwrap()).unwrap();
/// let first_quarter = TimeWindow::new(d(1, 1).and_hms_opt(0, 0, 0).unwrap(), d(4, 1).and_hms_opt(0, 0, 0).unwrap()).unwrap();
/// let starts: Vec<_> = rule.expand(&first_quarter, &[], None).iter().map(|w| w.start.date()).collect();
/// assert_eq!(starts, [d(1, 12), d(2, 9), d(3, 9)]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Recurrence {
    /// `FREQ`.
    pub freq: Frequency,
    /// `INTERVAL` (at least 1).
    #[cfg_attr(feature = "serde", serde(default = "one"))]
    pub interval: u32,
    /// `BYDAY`.
    #[cfg_attr(feature = "serde", serde(default))]
    pub by_day: Vec<WeekdayNum>,
    /// `BYMONTHDAY` (1..=31 or -31..=-1).
    #[cfg_attr(feature = "serde", serde(default))]
    pub by_month_day: Vec<i8>,
    /// `DTSTART`: the first date the rule may produce.
    pub dtstart: NaiveDate,
    /// `UNTIL`: the last moment an occurrence may open, inclusive.
    #[cfg_attr(feature = "serde", serde(default, with = "crate::text::local::option"))]
    pub until: Option<NaiveDateTime>,
    /// `COUNT`: the number of occurrences (at least 1). Not together with `until`.
    #[cfg_attr(feature = "serde", serde(default))]
    pub count: Option<u32>,
    /// `WKST`: the first day of the week (default Monday).
    #[cfg_attr(feature = "serde", serde(default = "monday"))]
    pub wkst: Weekday,
    /// Opening time on each occurrence.
    pub opens: NaiveTime,
    /// Closing time; earlier than `opens` means the next day. Must differ from `opens`.
    pub closes: NaiveTime,
    /// First date an occurrence may fall on (HSDS `valid_from`), inclusive.
    #[cfg_attr(feature = "serde", serde(default))]
    pub valid_from: Option<NaiveDate>,
    /// Last date an occurrence may fall on (HSDS `valid_to`), inclusive.
    #[cfg_attr(feature = "serde", serde(default))]
    pub valid_to: Option<NaiveDate>,
    /// UTC offset of the rule's times in minutes (HSDS `timezone`, in hours there), if known.
    #[cfg_attr(feature = "serde", serde(default))]
    pub utc_offset_minutes: Option<i32>,
}

fn invalid(field: String, why: impl Into<String>) -> ModelError {
    ModelError::invalid(
        RecordRef::Snapshot,
        field,
        FieldProblem::Invalid { why: why.into() },
    )
}

impl Recurrence {
    /// A weekly rule on `days` from `dtstart`, open `opens`–`closes`.
    ///
    /// ```
    /// use chrono::{NaiveDate, NaiveTime, Weekday};
    /// use huzhu::model::Recurrence;
    /// let r = Recurrence::weekly(NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(), &[Weekday::Tue, Weekday::Thu],
    ///     NaiveTime::from_hms_opt(14, 0, 0).unwrap(), NaiveTime::from_hms_opt(17, 0, 0).unwrap());
    /// assert_eq!(r.to_rrule(), "FREQ=WEEKLY;BYDAY=TU,TH;WKST=MO");
    /// ```
    pub fn weekly(
        dtstart: NaiveDate,
        days: &[Weekday],
        opens: NaiveTime,
        closes: NaiveTime,
    ) -> Self {
        Self {
            freq: Frequency::Weekly,
            interval: 1,
            by_day: days.iter().map(|d| WeekdayNum::every(*d)).collect(),
            by_month_day: Vec::new(),
            dtstart,
            until: None,
            count: None,
            wkst: Weekday::Mon,
            opens,
            closes,
            valid_from: None,
            valid_to: None,
            utc_offset_minutes: None,
        }
    }

    /// A monthly rule from `dtstart` on the days of `by_day` (with ordinals), open
    /// `opens`–`closes`.
    pub fn monthly(
        dtstart: NaiveDate,
        by_day: &[WeekdayNum],
        opens: NaiveTime,
        closes: NaiveTime,
    ) -> Self {
        Self {
            freq: Frequency::Monthly,
            by_day: by_day.to_vec(),
            ..Self::weekly(dtstart, &[], opens, closes)
        }
    }

    /// Parses the rule parts of an RRULE value (`FREQ=MONTHLY;BYDAY=-1FR;COUNT=3`, with or
    /// without a leading `RRULE:`). `UNTIL` may be a date (`20261231`, the whole day) or a
    /// date-time (`20261231T170000`, a trailing `Z` is ignored). Parts outside the subset
    /// (`BYWEEKNO`, `BYYEARDAY`, `BYSETPOS`, `BYHOUR`…) and other frequencies are rejected,
    /// naming the part. The result is checked.
    ///
    /// ```
    /// use chrono::{NaiveDate, NaiveTime};
    /// use huzhu::model::Recurrence;
    /// let t = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap();
    /// let start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    /// let r = Recurrence::parse("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;COUNT=4", start, t(9), t(12)).unwrap();
    /// assert_eq!(r.count, Some(4));
    /// let e = Recurrence::parse("FREQ=YEARLY;BYWEEKNO=20", start, t(9), t(12)).unwrap_err();
    /// assert_eq!(e.to_string(), "snapshot: field `rrule.FREQ` YEARLY is outside the supported subset (WEEKLY, MONTHLY)");
    /// ```
    pub fn parse(
        rrule: &str,
        dtstart: NaiveDate,
        opens: NaiveTime,
        closes: NaiveTime,
    ) -> Result<Self, ModelError> {
        let body = rrule.trim();
        let body = body.strip_prefix("RRULE:").unwrap_or(body);
        let mut r = Self::weekly(dtstart, &[], opens, closes);
        let mut freq = None;
        for part in body.split(';').filter(|p| !p.trim().is_empty()) {
            let (key, value) = part
                .split_once('=')
                .ok_or_else(|| invalid(format!("rrule.{part}"), "is not KEY=VALUE"))?;
            let key = key.trim().to_ascii_uppercase();
            let field = format!("rrule.{key}");
            let value = value.trim();
            match key.as_str() {
                "FREQ" => {
                    freq = Some(match value.to_ascii_uppercase().as_str() {
                        "WEEKLY" => Frequency::Weekly,
                        "MONTHLY" => Frequency::Monthly,
                        other => {
                            return Err(invalid(
                                field,
                                format!(
                                    "{other} is outside the supported subset (WEEKLY, MONTHLY)"
                                ),
                            ));
                        }
                    });
                }
                "INTERVAL" => {
                    r.interval = value
                        .parse()
                        .map_err(|_| invalid(field, format!("`{value}` is not a whole number")))?;
                }
                "COUNT" => {
                    r.count =
                        Some(value.parse().map_err(|_| {
                            invalid(field, format!("`{value}` is not a whole number"))
                        })?);
                }
                "BYDAY" => {
                    r.by_day = split_list(value)
                        .map(|v| {
                            v.parse::<WeekdayNum>()
                                .map_err(|e| invalid(field.clone(), e))
                        })
                        .collect::<Result<_, _>>()?;
                }
                "BYMONTHDAY" => {
                    r.by_month_day = split_list(value)
                        .map(|v| {
                            v.trim_start_matches('+').parse::<i8>().map_err(|_| {
                                invalid(field.clone(), format!("`{v}` is not a day of the month"))
                            })
                        })
                        .collect::<Result<_, _>>()?;
                }
                "WKST" => {
                    r.wkst = parse_weekday_code(value)
                        .ok_or_else(|| invalid(field, format!("`{value}` is not a weekday")))?;
                }
                "UNTIL" => {
                    r.until = Some(parse_ical_until(value).ok_or_else(|| {
                        invalid(field, format!("`{value}` is not a date or date-time"))
                    })?);
                }
                _ => {
                    return Err(invalid(
                        field,
                        "is outside the supported subset (FREQ, INTERVAL, BYDAY, BYMONTHDAY, UNTIL, COUNT, WKST)",
                    ));
                }
            }
        }
        r.freq = freq.ok_or_else(|| {
            ModelError::invalid(RecordRef::Snapshot, "rrule.FREQ", FieldProblem::Empty)
        })?;
        r.check(&RecordRef::Snapshot, "rrule")?;
        Ok(r)
    }

    /// The rule parts as an RRULE value (without `DTSTART` and opening hours).
    pub fn to_rrule(&self) -> String {
        let mut parts = vec![format!(
            "FREQ={}",
            match self.freq {
                Frequency::Weekly => "WEEKLY",
                Frequency::Monthly => "MONTHLY",
            }
        )];
        if self.interval != 1 {
            parts.push(format!("INTERVAL={}", self.interval));
        }
        if !self.by_day.is_empty() {
            let days: Vec<String> = self.by_day.iter().map(ToString::to_string).collect();
            parts.push(format!("BYDAY={}", days.join(",")));
        }
        if !self.by_month_day.is_empty() {
            let days: Vec<String> = self.by_month_day.iter().map(ToString::to_string).collect();
            parts.push(format!("BYMONTHDAY={}", days.join(",")));
        }
        if let Some(c) = self.count {
            parts.push(format!("COUNT={c}"));
        }
        if let Some(u) = self.until {
            parts.push(format!("UNTIL={}", u.format("%Y%m%dT%H%M%S")));
        }
        parts.push(format!("WKST={}", weekday_code(self.wkst)));
        parts.join(";")
    }

    /// Checks the rule, naming `record` and `field.<part>` on error.
    ///
    /// ```
    /// use chrono::{NaiveDate, NaiveTime, Weekday};
    /// use huzhu::error::RecordRef;
    /// use huzhu::model::{Recurrence, ServiceId};
    /// let t = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap();
    /// let mut r = Recurrence::weekly(NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(), &[Weekday::Mon], t(9), t(12));
    /// r.interval = 0;
    /// let e = r.check(&RecordRef::Service(ServiceId(3)), "recurring.rules[0]").unwrap_err();
    /// assert_eq!(e.to_string(), "service#3: field `recurring.rules[0].interval` must be positive");
    /// ```
    pub fn check(&self, record: &RecordRef, field: &str) -> Result<(), ModelError> {
        let bad = |part: &str, problem: FieldProblem| {
            Err(ModelError::invalid(
                record.clone(),
                format!("{field}.{part}"),
                problem,
            ))
        };
        if self.interval == 0 {
            return bad("interval", FieldProblem::NotPositive);
        }
        if self.count == Some(0) {
            return bad("count", FieldProblem::NotPositive);
        }
        if self.count.is_some() && self.until.is_some() {
            return bad(
                "count",
                FieldProblem::Invalid {
                    why: "COUNT and UNTIL must not both be set (RFC 5545)".into(),
                },
            );
        }
        for (i, d) in self.by_day.iter().enumerate() {
            if let Some(n) = d.ordinal {
                if self.freq == Frequency::Weekly {
                    return bad(
                        &format!("by_day[{i}]"),
                        FieldProblem::Invalid {
                            why: format!("ordinal {d} is only allowed with FREQ=MONTHLY"),
                        },
                    );
                }
                if n == 0 || !(-5..=5).contains(&n) {
                    return bad(
                        &format!("by_day[{i}]"),
                        FieldProblem::OutOfRange {
                            value: n.to_string(),
                            allowed: "1..=5 or -5..=-1".into(),
                        },
                    );
                }
            }
        }
        for (i, d) in self.by_month_day.iter().enumerate() {
            if *d == 0 || !(-31..=31).contains(d) {
                return bad(
                    &format!("by_month_day[{i}]"),
                    FieldProblem::OutOfRange {
                        value: d.to_string(),
                        allowed: "1..=31 or -31..=-1".into(),
                    },
                );
            }
        }
        if self.closes == self.opens {
            return bad("closes", FieldProblem::EndsBeforeStart);
        }
        if let (Some(from), Some(to)) = (self.valid_from, self.valid_to)
            && to < from
        {
            return bad("valid_to", FieldProblem::EndsBeforeStart);
        }
        if let Some(o) = self.utc_offset_minutes
            && o.abs() > MAX_UTC_OFFSET_MINUTES
        {
            return bad(
                "utc_offset_minutes",
                FieldProblem::OutOfRange {
                    value: o.to_string(),
                    allowed: format!("-{MAX_UTC_OFFSET_MINUTES}..={MAX_UTC_OFFSET_MINUTES}"),
                },
            );
        }
        Ok(())
    }

    /// The open windows inside `horizon` (clipped to it), sorted and disjoint, less the
    /// `exceptions`, in community local time. `local_offset_minutes` is the community's UTC
    /// offset: with it and the rule's own offset both known, windows are shifted by the
    /// difference. An invalid rule (see [`Recurrence::check`]) expands to nothing.
    pub fn expand(
        &self,
        horizon: &TimeWindow,
        exceptions: &[TimeWindow],
        local_offset_minutes: Option<i32>,
    ) -> Vec<TimeWindow> {
        if self.check(&RecordRef::Snapshot, "rule").is_err() || horizon.end <= horizon.start {
            return Vec::new();
        }
        let shift = match (self.utc_offset_minutes, local_offset_minutes) {
            (Some(rule), Some(local)) => Duration::minutes(i64::from(local - rule)),
            _ => Duration::zero(),
        };
        // Dates whose windows (at most a day long, shifted) can reach into the horizon.
        let lo = horizon
            .start
            .checked_sub_signed(shift)
            .and_then(|t| t.date().checked_sub_days(Days::new(1)))
            .unwrap_or(NaiveDate::MIN);
        let hi = horizon
            .end
            .checked_sub_signed(shift)
            .map_or(NaiveDate::MAX, |t| t.date());
        let mut out = Vec::new();
        self.for_each_date(lo, hi, |d| {
            let Some((start, end)) = self.window_on(d) else {
                return;
            };
            let (Some(start), Some(end)) = (
                start.checked_add_signed(shift),
                end.checked_add_signed(shift),
            ) else {
                return;
            };
            let (start, end) = (start.max(horizon.start), end.min(horizon.end));
            if start < end {
                out.push(TimeWindow { start, end });
            }
        });
        subtract(out, exceptions)
    }

    /// The dates of all occurrences in `from..=to` (before shifting by offsets), in order.
    ///
    /// ```
    /// use chrono::{NaiveDate, NaiveTime, Weekday};
    /// use huzhu::model::Recurrence;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
    /// let t = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap();
    /// // Every Friday from 2 January 2026, three times.
    /// let mut r = Recurrence::weekly(d(1, 1), &[Weekday::Fri], t(9), t(10));
    /// r.count = Some(3);
    /// assert_eq!(r.dates(d(1, 1), d(12, 31)), [d(1, 2), d(1, 9), d(1, 16)]);
    /// ```
    pub fn dates(&self, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
        let mut out = Vec::new();
        if self.check(&RecordRef::Snapshot, "rule").is_ok() {
            self.for_each_date(from, to, |d| out.push(d));
        }
        out
    }

    fn window_on(&self, d: NaiveDate) -> Option<(NaiveDateTime, NaiveDateTime)> {
        let start = d.and_time(self.opens);
        let end_day = if self.closes > self.opens {
            d
        } else {
            d.succ_opt()?
        };
        Some((start, end_day.and_time(self.closes)))
    }

    fn in_validity(&self, d: NaiveDate) -> bool {
        self.valid_from.is_none_or(|f| d >= f) && self.valid_to.is_none_or(|t| d <= t)
    }

    /// Calls `f` on each occurrence date in `lo..=hi`, in order, honouring COUNT, UNTIL and
    /// the validity range.
    fn for_each_date(&self, lo: NaiveDate, hi: NaiveDate, mut f: impl FnMut(NaiveDate)) {
        let interval = i64::from(self.interval.max(1));
        let first = if self.count.is_some() {
            0
        } else {
            self.period_of(lo, interval)
        };
        let mut emitted = 0u32;
        let mut p = first;
        let mut dates = Vec::with_capacity(31);
        loop {
            let Some(period_start) = self.period_start(p, interval) else {
                return;
            };
            if period_start > hi || self.until.is_some_and(|u| period_start > u.date()) {
                return;
            }
            dates.clear();
            self.period_dates(period_start, &mut dates);
            for &d in &dates {
                if d < self.dtstart {
                    continue;
                }
                if self.until.is_some_and(|u| d.and_time(self.opens) > u)
                    || self.count.is_some_and(|c| emitted >= c)
                    || d > hi
                {
                    return;
                }
                emitted += 1;
                if d >= lo && self.in_validity(d) {
                    f(d);
                }
            }
            p += 1;
        }
    }

    /// First day of the week holding `dtstart` (weeks begin on `wkst`).
    fn week0(&self) -> Option<NaiveDate> {
        let back = self.dtstart.weekday().days_since(self.wkst);
        self.dtstart.checked_sub_days(Days::new(u64::from(back)))
    }

    fn month_index(d: NaiveDate) -> i64 {
        i64::from(d.year()) * 12 + i64::from(d.month0())
    }

    /// The first period that can hold a date on or after `lo`.
    fn period_of(&self, lo: NaiveDate, interval: i64) -> i64 {
        match self.freq {
            Frequency::Weekly => self.week0().map_or(0, |w0| {
                ((lo - w0).num_days().div_euclid(7 * interval)).max(0)
            }),
            Frequency::Monthly => ((Self::month_index(lo) - Self::month_index(self.dtstart))
                .div_euclid(interval))
            .max(0),
        }
    }

    fn period_start(&self, p: i64, interval: i64) -> Option<NaiveDate> {
        match self.freq {
            Frequency::Weekly => {
                let days = p.checked_mul(7)?.checked_mul(interval)?;
                self.week0()?
                    .checked_add_days(Days::new(u64::try_from(days).ok()?))
            }
            Frequency::Monthly => {
                let m = Self::month_index(self.dtstart).checked_add(p.checked_mul(interval)?)?;
                let year = i32::try_from(m.div_euclid(12)).ok()?;
                NaiveDate::from_ymd_opt(year, m.rem_euclid(12) as u32 + 1, 1)
            }
        }
    }

    fn month_day_ok(&self, d: NaiveDate) -> bool {
        let dim = days_in_month(d);
        self.by_month_day
            .iter()
            .any(|&n| resolve_month_day(n, dim) == Some(d.day()))
    }

    fn period_dates(&self, start: NaiveDate, out: &mut Vec<NaiveDate>) {
        match self.freq {
            Frequency::Weekly => {
                for i in 0..7 {
                    let Some(d) = start.checked_add_days(Days::new(i)) else {
                        return;
                    };
                    let day_ok = if self.by_day.is_empty() {
                        d.weekday() == self.dtstart.weekday()
                    } else {
                        self.by_day.iter().any(|b| b.weekday == d.weekday())
                    };
                    if day_ok && (self.by_month_day.is_empty() || self.month_day_ok(d)) {
                        out.push(d);
                    }
                }
            }
            Frequency::Monthly => {
                let dim = days_in_month(start);
                for day in 1..=dim {
                    let Some(d) = start.with_day(day) else {
                        continue;
                    };
                    let by_month = !self.by_month_day.is_empty() && self.month_day_ok(d);
                    let by_day = self.by_day.iter().any(|b| weekday_num_matches(*b, d, dim));
                    let keep = match (self.by_day.is_empty(), self.by_month_day.is_empty()) {
                        (true, true) => day == self.dtstart.day(),
                        (true, false) => by_month,
                        (false, true) => by_day,
                        (false, false) => by_month && by_day,
                    };
                    if keep {
                        out.push(d);
                    }
                }
            }
        }
    }
}

fn weekday_num_matches(b: WeekdayNum, d: NaiveDate, dim: u32) -> bool {
    if b.weekday != d.weekday() {
        return false;
    }
    match b.ordinal {
        None => true,
        Some(n) if n > 0 => (d.day() - 1) / 7 + 1 == n as u32,
        Some(n) => (dim - d.day()) / 7 + 1 == u32::from(n.unsigned_abs()),
    }
}

fn resolve_month_day(n: i8, dim: u32) -> Option<u32> {
    let v = if n > 0 {
        i64::from(n)
    } else {
        i64::from(dim) + 1 + i64::from(n)
    };
    (1..=i64::from(dim)).contains(&v).then_some(v as u32)
}

fn days_in_month(d: NaiveDate) -> u32 {
    let (y, m) = (d.year(), d.month());
    let next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)
    };
    next.and_then(|n| n.pred_opt()).map_or(31, |l| l.day())
}

fn split_list(value: &str) -> impl Iterator<Item = &str> {
    value.split(',').map(str::trim).filter(|v| !v.is_empty())
}

/// Parses an iCalendar `UNTIL` (`YYYYMMDD`, `YYYYMMDDTHHMMSS[Z]`) or an ISO date or date-time.
/// A bare date means the end of that day.
/// Parses an HSDS or iCalendar `until` value (see [`Recurrence::parse`]).
pub fn parse_ical_until(value: &str) -> Option<NaiveDateTime> {
    let v = value.trim().trim_end_matches('Z');
    let end_of_day = |d: NaiveDate| d.and_hms_opt(23, 59, 59);
    NaiveDateTime::parse_from_str(v, "%Y%m%dT%H%M%S")
        .ok()
        .or_else(|| NaiveDateTime::parse_from_str(v, "%Y-%m-%dT%H:%M:%S").ok())
        .or_else(|| NaiveDateTime::parse_from_str(v, "%Y-%m-%dT%H:%M:%S%.f").ok())
        .or_else(|| NaiveDateTime::parse_from_str(v, "%Y-%m-%dT%H:%M").ok())
        .or_else(|| {
            NaiveDate::parse_from_str(v, "%Y%m%d")
                .ok()
                .and_then(end_of_day)
        })
        .or_else(|| {
            NaiveDate::parse_from_str(v, "%Y-%m-%d")
                .ok()
                .and_then(end_of_day)
        })
}

/// `windows` (sorted, disjoint) less every exception window; stays sorted and disjoint.
fn subtract(windows: Vec<TimeWindow>, exceptions: &[TimeWindow]) -> Vec<TimeWindow> {
    if exceptions.is_empty() {
        return windows;
    }
    let mut out = Vec::with_capacity(windows.len());
    for w in windows {
        let mut pieces = vec![w];
        for x in exceptions
            .iter()
            .filter(|x| x.start < x.end && x.overlaps(&w))
        {
            pieces = pieces
                .into_iter()
                .flat_map(|p| {
                    let mut keep = Vec::with_capacity(2);
                    if !p.overlaps(x) {
                        keep.push(p);
                        return keep;
                    }
                    if p.start < x.start {
                        keep.push(TimeWindow {
                            start: p.start,
                            end: x.start,
                        });
                    }
                    if x.end < p.end {
                        keep.push(TimeWindow {
                            start: x.end,
                            end: p.end,
                        });
                    }
                    keep
                })
                .collect();
        }
        out.extend(pieces);
    }
    out
}

/// Sorts windows and merges those that overlap or touch.
fn merge(mut windows: Vec<TimeWindow>) -> Vec<TimeWindow> {
    crate::cold::sort(&mut windows);
    let mut out: Vec<TimeWindow> = Vec::with_capacity(windows.len());
    for w in windows {
        match out.last_mut() {
            Some(last) if w.start <= last.end => last.end = last.end.max(w.end),
            _ => out.push(w),
        }
    }
    out
}

/// Recurrence-based availability of a service or volunteer, and exceptions to it.
///
/// When `rules` is not empty, the open windows are the union of the rules' expansions and the
/// record's weekly schedule is not used; otherwise the weekly schedule is. `exceptions`
/// (holidays, days off, closures) are cut out of either. An empty value changes nothing, and
/// the matcher then behaves exactly as with the weekly schedule alone.
///
/// ```
/// use chrono::{NaiveDate, NaiveTime};
/// use huzhu::model::{RecurringSchedule, TimeWindow, WeeklySchedule};
/// let t = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap();
/// let weekdays = WeeklySchedule::weekdays(t(9), t(12));
/// let d = |day| NaiveDate::from_ymd_opt(2026, 11, day).unwrap();
/// // Tuesday 24 November is a day off.
/// let days_off = RecurringSchedule::default().with_day_off(d(24));
/// let week = TimeWindow::new(d(23).and_hms_opt(0, 0, 0).unwrap(), d(26).and_hms_opt(0, 0, 0).unwrap()).unwrap();
/// let open: Vec<_> = days_off.windows(Some(&weekdays), &week).iter().map(|w| w.start).collect();
/// assert_eq!(open, [d(23).and_time(t(9)), d(25).and_time(t(9))]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct RecurringSchedule {
    /// Recurrence rules; when present they replace the weekly schedule.
    pub rules: Vec<Recurrence>,
    /// Windows when the record is closed or away, in community local time.
    pub exceptions: Vec<TimeWindow>,
    /// The community's UTC offset in minutes, into which rules with their own offset are
    /// shifted. `None`: rule times are community local time.
    pub utc_offset_minutes: Option<i32>,
}

impl RecurringSchedule {
    /// Whether there are neither rules nor exceptions (the weekly schedule alone applies).
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty() && self.exceptions.is_empty()
    }

    /// Adds a rule.
    #[must_use]
    pub fn with_rule(mut self, rule: Recurrence) -> Self {
        self.rules.push(rule);
        self
    }

    /// Adds an exception window.
    #[must_use]
    pub fn with_exception(mut self, window: TimeWindow) -> Self {
        self.exceptions.push(window);
        self
    }

    /// Adds a whole day as an exception (a holiday, a day off).
    #[must_use]
    pub fn with_day_off(mut self, date: NaiveDate) -> Self {
        if let Some(next) = date.succ_opt() {
            self.exceptions.push(TimeWindow {
                start: date.and_time(NaiveTime::MIN),
                end: next.and_time(NaiveTime::MIN),
            });
        }
        self
    }

    /// Checks every rule and exception, naming `record` and `field.rules[i]…`.
    pub fn check(&self, record: &RecordRef, field: &str) -> Result<(), ModelError> {
        for (i, r) in self.rules.iter().enumerate() {
            r.check(record, &format!("{field}.rules[{i}]"))?;
        }
        for (i, x) in self.exceptions.iter().enumerate() {
            x.check(record, &format!("{field}.exceptions[{i}]"))?;
        }
        if let Some(o) = self.utc_offset_minutes
            && o.abs() > MAX_UTC_OFFSET_MINUTES
        {
            return Err(ModelError::invalid(
                record.clone(),
                format!("{field}.utc_offset_minutes"),
                FieldProblem::OutOfRange {
                    value: o.to_string(),
                    allowed: format!("-{MAX_UTC_OFFSET_MINUTES}..={MAX_UTC_OFFSET_MINUTES}"),
                },
            ));
        }
        Ok(())
    }

    /// The open windows inside `horizon`, sorted, disjoint and merged where they touch.
    /// `base` is the weekly schedule used when there are no rules; `None` means always open
    /// (a device service without opening hours).
    pub fn windows(&self, base: Option<&WeeklySchedule>, horizon: &TimeWindow) -> Vec<TimeWindow> {
        if horizon.end <= horizon.start {
            return Vec::new();
        }
        let open = if !self.rules.is_empty() {
            merge(
                self.rules
                    .iter()
                    .flat_map(|r| r.expand(horizon, &[], self.utc_offset_minutes))
                    .collect(),
            )
        } else if let Some(weekly) = base {
            merge(weekly_windows(weekly, horizon))
        } else {
            vec![*horizon]
        };
        subtract(open, &self.exceptions)
    }

    /// The earliest start inside `window` at which `minutes` fit entirely in one open window.
    ///
    /// ```
    /// use chrono::{NaiveDate, NaiveTime, Weekday};
    /// use huzhu::model::{Recurrence, RecurringSchedule, TimeWindow};
    /// let t = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap();
    /// let d = |day| NaiveDate::from_ymd_opt(2026, 11, day).unwrap();
    /// let thursdays = RecurringSchedule::default()
    ///     .with_rule(Recurrence::weekly(d(1), &[Weekday::Thu], t(14), t(17)));
    /// let week = TimeWindow::new(d(23).and_time(t(8)), d(28).and_time(t(8))).unwrap();
    /// assert_eq!(thursdays.earliest_start(None, &week, 120), Some(d(26).and_time(t(14))));
    /// assert_eq!(thursdays.earliest_start(None, &week, 240), None);
    /// ```
    pub fn earliest_start(
        &self,
        base: Option<&WeeklySchedule>,
        window: &TimeWindow,
        minutes: u32,
    ) -> Option<NaiveDateTime> {
        let need = Duration::minutes(i64::from(minutes));
        self.windows(base, window)
            .into_iter()
            .find(|w| w.end - w.start >= need)
            .map(|w| w.start)
    }
}

/// The weekly schedule's slots inside `horizon`, clipped.
fn weekly_windows(weekly: &WeeklySchedule, horizon: &TimeWindow) -> Vec<TimeWindow> {
    let mut out = Vec::new();
    let mut day = horizon.start.date();
    while day <= horizon.end.date() {
        for s in weekly.slots.iter().filter(|s| s.weekday == day.weekday()) {
            if s.closes <= s.opens {
                continue;
            }
            let start = day.and_time(s.opens).max(horizon.start);
            let end = day.and_time(s.closes).min(horizon.end);
            if start < end {
                out.push(TimeWindow { start, end });
            }
        }
        let Some(next) = day.succ_opt() else { break };
        day = next;
    }
    out
}
