//! Time windows and weekly schedules (availability, opening hours).

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Duration, NaiveDateTime, NaiveTime, Weekday};

use crate::error::{FieldProblem, ModelError, RecordRef};
use crate::text::{ParseError, format_local_datetime, parse_local_datetime};

/// A concrete time interval `[start, end)` in community local time.
///
/// ```
/// use huzhu::model::TimeWindow;
/// let t = |h| chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap().and_hms_opt(h, 0, 0).unwrap();
/// let w = TimeWindow::new(t(9), t(11)).unwrap();
/// assert_eq!(w.minutes(), 120);
/// assert!(TimeWindow::new(t(11), t(9)).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TimeWindow {
    /// Start (inclusive).
    #[cfg_attr(feature = "serde", serde(with = "crate::text::local"))]
    pub start: NaiveDateTime,
    /// End (exclusive).
    #[cfg_attr(feature = "serde", serde(with = "crate::text::local"))]
    pub end: NaiveDateTime,
}

impl TimeWindow {
    /// A checked window: `end` must be after `start`.
    pub fn new(start: NaiveDateTime, end: NaiveDateTime) -> Result<Self, ModelError> {
        let w = Self { start, end };
        w.check(&RecordRef::Snapshot, "window")?;
        Ok(w)
    }

    /// Checks that the window ends after it starts.
    pub fn check(&self, record: &RecordRef, field: &str) -> Result<(), ModelError> {
        if self.end <= self.start {
            return Err(ModelError::invalid(
                record.clone(),
                format!("{field}.end"),
                FieldProblem::EndsBeforeStart,
            ));
        }
        Ok(())
    }

    /// Length in whole minutes.
    pub fn minutes(&self) -> i64 {
        (self.end - self.start).num_minutes()
    }

    /// Whether the two windows overlap.
    pub fn overlaps(&self, other: &Self) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// One weekly slot: a weekday with opening and closing times (closing after opening; a slot
/// does not cross midnight — split it in two).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct WeeklySlot {
    /// Day of the week.
    pub weekday: Weekday,
    /// Opening time.
    pub opens: NaiveTime,
    /// Closing time.
    pub closes: NaiveTime,
}

impl WeeklySlot {
    /// A slot; check it with [`WeeklySchedule::check`].
    pub fn new(weekday: Weekday, opens: NaiveTime, closes: NaiveTime) -> Self {
        Self {
            weekday,
            opens,
            closes,
        }
    }
}

/// A weekly schedule: the union of its slots, repeating every week.
///
/// ```
/// use chrono::{NaiveDate, NaiveTime, Weekday};
/// use huzhu::model::WeeklySchedule;
/// let s = WeeklySchedule::weekdays(NaiveTime::from_hms_opt(9, 0, 0).unwrap(), NaiveTime::from_hms_opt(17, 0, 0).unwrap());
/// let tue10 = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap().and_hms_opt(10, 0, 0).unwrap();
/// assert!(s.covers(tue10, 60));
/// assert!(!s.covers(tue10, 8 * 60)); // runs past 17:00
/// assert_eq!(s.minutes_per_week(), 5 * 8 * 60);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct WeeklySchedule {
    /// The slots.
    pub slots: Vec<WeeklySlot>,
}

impl WeeklySchedule {
    /// Monday to Friday, the same hours each day.
    pub fn weekdays(opens: NaiveTime, closes: NaiveTime) -> Self {
        let days = [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
        ];
        Self {
            slots: days
                .into_iter()
                .map(|d| WeeklySlot::new(d, opens, closes))
                .collect(),
        }
    }

    /// Every day of the week, the same hours.
    pub fn daily(opens: NaiveTime, closes: NaiveTime) -> Self {
        let mut s = Self::weekdays(opens, closes);
        s.slots.push(WeeklySlot::new(Weekday::Sat, opens, closes));
        s.slots.push(WeeklySlot::new(Weekday::Sun, opens, closes));
        s
    }

    /// Checks every slot closes after it opens.
    pub fn check(&self, record: &RecordRef, field: &str) -> Result<(), ModelError> {
        for (i, s) in self.slots.iter().enumerate() {
            if s.closes <= s.opens {
                return Err(ModelError::invalid(
                    record.clone(),
                    format!("{field}[{i}].closes"),
                    FieldProblem::EndsBeforeStart,
                ));
            }
        }
        Ok(())
    }

    /// Whether one slot covers `[start, start + minutes)` entirely.
    pub fn covers(&self, start: NaiveDateTime, minutes: u32) -> bool {
        let Some(end) = start.checked_add_signed(Duration::minutes(i64::from(minutes))) else {
            return false;
        };
        if end.date() != start.date() {
            return false;
        }
        let day = start.weekday();
        let (from, to) = (start.time(), end.time());
        self.slots
            .iter()
            .any(|s| s.weekday == day && s.opens <= from && to <= s.closes)
    }

    /// The earliest start inside `window` at which a task of `minutes` fits entirely in both
    /// the window and one slot of this schedule, on a 5-minute grid of candidate starts
    /// (window start, then slot openings). `None` if there is none.
    ///
    /// ```
    /// use chrono::{NaiveDate, NaiveTime};
    /// use huzhu::model::{TimeWindow, WeeklySchedule};
    /// let s = WeeklySchedule::weekdays(NaiveTime::from_hms_opt(14, 0, 0).unwrap(), NaiveTime::from_hms_opt(18, 0, 0).unwrap());
    /// let d = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    /// let w = TimeWindow::new(d.and_hms_opt(9, 0, 0).unwrap(), d.and_hms_opt(16, 0, 0).unwrap()).unwrap();
    /// assert_eq!(s.earliest_start(&w, 60), Some(d.and_hms_opt(14, 0, 0).unwrap()));
    /// assert_eq!(s.earliest_start(&w, 180), None);
    /// ```
    #[inline]
    pub fn earliest_start(&self, window: &TimeWindow, minutes: u32) -> Option<NaiveDateTime> {
        let need = Duration::minutes(i64::from(minutes));
        let mut best: Option<NaiveDateTime> = None;
        let mut day = window.start.date();
        while day <= window.end.date() {
            let weekday = day.weekday();
            for s in self.slots.iter().filter(|s| s.weekday == weekday) {
                let open = day.and_time(s.opens);
                let close = day.and_time(s.closes);
                let start = open.max(window.start);
                let end = close.min(window.end);
                // Both fall on `day` (the window reaches it), so their times' difference is
                // theirs, without the slower date arithmetic.
                if end.time() - start.time() >= need && best.is_none_or(|b| start < b) {
                    best = Some(start);
                }
            }
            if best.is_some() {
                break;
            }
            day = day.succ_opt()?;
        }
        best
    }

    /// Total open minutes in one week.
    pub fn minutes_per_week(&self) -> i64 {
        self.slots
            .iter()
            .map(|s| (s.closes - s.opens).num_minutes().max(0))
            .sum()
    }
}

const WINDOW: (&str, &str) = ("a time window", "2026-11-24T09:00:00/2026-11-24T12:00:00");
const SLOT: (&str, &str) = ("a weekly slot", "Mon 09:00-12:00");
const SCHEDULE: (&str, &str) = ("a weekly schedule", "Mon-Fri 09:00-12:00; Sat 10:00-11:30");

impl fmt::Display for TimeWindow {
    /// `start/end`, the ISO 8601 interval of two local date-times.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}/{}",
            format_local_datetime(self.start),
            format_local_datetime(self.end)
        )
    }
}

impl FromStr for TimeWindow {
    type Err = ParseError;

    /// Reads `start/end` (each by the local date-time rule). Like a window read from JSON, it
    /// is checked (end after start) by the record that holds it.
    ///
    /// ```
    /// use huzhu::model::TimeWindow;
    /// let w: TimeWindow = "2026-11-24T09:00:00/2026-11-24 12:00".parse()?;
    /// assert_eq!((w.minutes(), w.to_string().as_str()), (180, "2026-11-24T09:00:00/2026-11-24T12:00:00"));
    /// assert!("2026-11-24T09:00:00+08:00/2026-11-24T12:00:00".parse::<TimeWindow>().is_err());
    /// assert!("2026-11-24T09:00:00".parse::<TimeWindow>().is_err());
    /// # Ok::<(), huzhu::model::text::ParseError>(())
    /// ```
    fn from_str(text: &str) -> Result<Self, ParseError> {
        let (start, end) = text
            .split_once('/')
            .ok_or_else(|| ParseError::form(WINDOW.0, WINDOW.1, text))?;
        Ok(Self {
            start: parse_local_datetime(start)?,
            end: parse_local_datetime(end)?,
        })
    }
}

impl fmt::Display for WeeklySlot {
    /// `Mon 09:00-12:00` (seconds shown only when there are any).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}-{}",
            self.weekday,
            clock(self.opens),
            clock(self.closes)
        )
    }
}

fn clock(t: NaiveTime) -> String {
    if t.format("%S").to_string() == "00" {
        t.format("%H:%M").to_string()
    } else {
        t.format("%H:%M:%S").to_string()
    }
}

impl FromStr for WeeklySlot {
    type Err = ParseError;

    /// Reads `Mon 09:00-12:00` (one day).
    fn from_str(text: &str) -> Result<Self, ParseError> {
        let slots = parse_slots(text, SLOT)?;
        match slots.as_slice() {
            [one] => Ok(*one),
            _ => Err(ParseError::form(SLOT.0, SLOT.1, text)),
        }
    }
}

impl fmt::Display for WeeklySchedule {
    /// Slots separated by `; ` (`Mon 09:00-12:00; Tue 09:00-12:00`), empty for no slots.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, s) in self.slots.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            s.fmt(f)?;
        }
        Ok(())
    }
}

impl FromStr for WeeklySchedule {
    type Err = ParseError;

    /// Reads slots separated by `;`, each `DAYS HH:MM-HH:MM` where DAYS is a weekday
    /// (`Mon`), a range (`Mon-Fri`), a list (`Mon,Wed`), `daily` or `weekdays`. The times must
    /// close after they open. An empty text is an empty schedule.
    ///
    /// ```
    /// use huzhu::model::WeeklySchedule;
    /// let s: WeeklySchedule = "Mon-Fri 09:00-12:00; Sun 14:00-16:30".parse()?;
    /// assert_eq!(s.slots.len(), 6);
    /// assert_eq!(s.to_string().parse::<WeeklySchedule>()?, s);
    /// assert_eq!("daily 08:00-20:00".parse::<WeeklySchedule>()?.slots.len(), 7);
    /// let e = "Funday 09:00-10:00".parse::<WeeklySchedule>().unwrap_err();
    /// assert_eq!(e.code(), "INVALID_TEXT");
    /// assert!("Mon 9-10".parse::<WeeklySchedule>().is_err());
    /// assert!("Mon 12:00-09:00".parse::<WeeklySchedule>().is_err());
    /// # Ok::<(), huzhu::model::text::ParseError>(())
    /// ```
    fn from_str(text: &str) -> Result<Self, ParseError> {
        let mut slots = Vec::new();
        for item in text.split(';').filter(|s| !s.trim().is_empty()) {
            slots.extend(
                parse_slots(item, SCHEDULE)
                    .map_err(|_| ParseError::form(SCHEDULE.0, SCHEDULE.1, text))?,
            );
        }
        Ok(Self { slots })
    }
}

/// The slots of one `DAYS HH:MM-HH:MM` item.
fn parse_slots(
    item: &str,
    form: (&'static str, &'static str),
) -> Result<Vec<WeeklySlot>, ParseError> {
    let bad = || ParseError::form(form.0, form.1, item);
    let (days, times) = item
        .trim()
        .split_once(char::is_whitespace)
        .ok_or_else(bad)?;
    let (opens, closes) = times.trim().split_once('-').ok_or_else(bad)?;
    let time = |t: &str| {
        let t = t.trim();
        if t.len() < 5 {
            return Err(bad());
        }
        NaiveTime::parse_from_str(t, "%H:%M")
            .or_else(|_| NaiveTime::parse_from_str(t, "%H:%M:%S"))
            .map_err(|_| bad())
    };
    let (opens, closes) = (time(opens)?, time(closes)?);
    if closes <= opens {
        return Err(bad());
    }
    let day = |d: &str| d.trim().parse::<Weekday>().map_err(|_| bad());
    let all = |n: u8| {
        (0..n)
            .filter_map(|i| Weekday::try_from(i).ok())
            .collect::<Vec<_>>()
    };
    let days: Vec<Weekday> = match days.trim().to_ascii_lowercase().as_str() {
        "daily" => all(7),
        "weekdays" => all(5),
        _ => match days.split_once('-') {
            Some((a, b)) => {
                let (a, b) = (day(a)?, day(b)?);
                let mut v = vec![a];
                let mut d = a;
                while d != b {
                    d = d.succ();
                    v.push(d);
                }
                v
            }
            None => days.split(',').map(day).collect::<Result<_, _>>()?,
        },
    };
    Ok(days
        .into_iter()
        .map(|d| WeeklySlot::new(d, opens, closes))
        .collect())
}
