//! Working-day calendar and response deadlines by urgency class.

use std::collections::BTreeSet;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Weekday};

/// A working-day calendar: which weekdays are weekend, plus public holidays and make-up working
/// days (调休: a weekend day worked in exchange for a longer holiday).
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::model::WorkingCalendar;
/// let d = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
/// let cal = WorkingCalendar::default()
///     .with_holiday(d(10, 1))
///     .with_make_up_day(d(9, 27)); // a Sunday worked
/// assert!(!cal.is_working_day(d(10, 1))); // Thursday, holiday
/// assert!(cal.is_working_day(d(9, 27)));
/// assert!(!cal.is_working_day(d(11, 28))); // Saturday
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct WorkingCalendar {
    /// Days of the week that are not working days (default Saturday and Sunday).
    pub weekend: Vec<Weekday>,
    /// Dates that are not working days although they fall on a weekday.
    pub holidays: BTreeSet<NaiveDate>,
    /// Dates that are working days although they fall on the weekend.
    pub make_up_days: BTreeSet<NaiveDate>,
}

impl Default for WorkingCalendar {
    fn default() -> Self {
        Self {
            weekend: vec![Weekday::Sat, Weekday::Sun],
            holidays: BTreeSet::new(),
            make_up_days: BTreeSet::new(),
        }
    }
}

impl WorkingCalendar {
    /// Adds a holiday.
    #[must_use]
    pub fn with_holiday(mut self, date: NaiveDate) -> Self {
        self.holidays.insert(date);
        self
    }

    /// Adds a make-up working day.
    #[must_use]
    pub fn with_make_up_day(mut self, date: NaiveDate) -> Self {
        self.make_up_days.insert(date);
        self
    }

    /// Whether `date` is a working day.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        if self.make_up_days.contains(&date) {
            return true;
        }
        !self.holidays.contains(&date) && !self.weekend.contains(&date.weekday())
    }

    /// The moment `n` working days after `from`: the same clock time on the `n`-th working day
    /// after `from`'s date. With `n == 0` it is `from` itself.
    ///
    /// Returns `None` only if no working day exists within ten years (a calendar with every day
    /// off), so the search always ends.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use huzhu::model::WorkingCalendar;
    /// let fri = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap().and_hms_opt(10, 0, 0).unwrap();
    /// let wed = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap().and_hms_opt(10, 0, 0).unwrap();
    /// assert_eq!(WorkingCalendar::default().add_working_days(fri, 3), Some(wed));
    /// ```
    pub fn add_working_days(&self, from: NaiveDateTime, n: u32) -> Option<NaiveDateTime> {
        let mut date = from.date();
        let mut left = n;
        let mut steps = 0u32;
        while left > 0 {
            date = date.succ_opt()?;
            steps += 1;
            if steps > 3_660 {
                return None;
            }
            if self.is_working_day(date) {
                left -= 1;
            }
        }
        Some(date.and_time(from.time()))
    }

    /// Counts working days strictly after `from`'s date up to and including `to`'s date.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        let mut count = 0;
        let mut d = from;
        while d < to {
            match d.succ_opt() {
                Some(next) => d = next,
                None => break,
            }
            if self.is_working_day(d) {
                count += 1;
            }
        }
        count
    }
}

/// How urgent a need is; each class has a response deadline in [`DeadlinePolicy`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Urgency {
    /// Emergency help (助急): default deadline 2 hours (huzhu's own default; the documents give
    /// no figure).
    Emergency,
    /// A need of a special-group resident: default 24 hours.
    SpecialGroup,
    /// A general need: default 24 hours.
    General,
    /// A complex need that gets a plan: default 3 working days.
    Complex,
}

impl Urgency {
    /// Every urgency class, most urgent first.
    pub const ALL: [Self; 4] = [
        Self::Emergency,
        Self::SpecialGroup,
        Self::General,
        Self::Complex,
    ];

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Emergency => "emergency",
            Self::SpecialGroup => "special_group",
            Self::General => "general",
            Self::Complex => "complex",
        }
    }

    /// English and Chinese labels.
    pub fn labels(self) -> (&'static str, &'static str) {
        match self {
            Self::Emergency => ("Emergency", "紧急"),
            Self::SpecialGroup => ("Special group", "特殊群体"),
            Self::General => ("General", "一般"),
            Self::Complex => ("Complex", "复杂"),
        }
    }
}

/// A response deadline: an elapsed time or a number of working days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum ResponseTime {
    /// A number of elapsed minutes, day or night.
    Minutes(u32),
    /// A number of working days on the [`WorkingCalendar`].
    WorkingDays(u32),
}

/// Response deadline for each urgency class, and for the special groups' care needs. Defaults
/// follow the planning documents — special groups 24 h, general 24 h, complex needs a plan
/// within 3 working days, and any need of a special-group resident in medical help, daily care
/// or emotional support within 24 h however it is classed — except the emergency figure: no
/// document gives one, and 2 h is huzhu's own default (change it to your service's promise).
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::model::{DeadlinePolicy, Urgency, WorkingCalendar};
/// let created = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap().and_hms_opt(16, 30, 0).unwrap();
/// let p = DeadlinePolicy::default();
/// let cal = WorkingCalendar::default();
/// assert_eq!(p.deadline(created, Urgency::Emergency, &cal).unwrap().to_string(), "2026-11-20 18:30:00");
/// assert_eq!(p.deadline(created, Urgency::Complex, &cal).unwrap().to_string(), "2026-11-25 16:30:00");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct DeadlinePolicy {
    /// Deadline for [`Urgency::Emergency`] (default 2 h: huzhu's own figure, not the
    /// documents', which give none).
    pub emergency: ResponseTime,
    /// Deadline for [`Urgency::SpecialGroup`].
    pub special_group: ResponseTime,
    /// Deadline for [`Urgency::General`].
    pub general: ResponseTime,
    /// Deadline for [`Urgency::Complex`].
    pub complex: ResponseTime,
    /// The longest a special-group resident waits for a need in a care area (medical help,
    /// daily care, emotional support: [`CareArea`](crate::CareArea)), whatever its class
    /// (default 24 h).
    pub special_group_care: ResponseTime,
}

impl Default for DeadlinePolicy {
    fn default() -> Self {
        Self {
            emergency: ResponseTime::Minutes(120),
            special_group: ResponseTime::Minutes(24 * 60),
            general: ResponseTime::Minutes(24 * 60),
            complex: ResponseTime::WorkingDays(3),
            special_group_care: ResponseTime::Minutes(24 * 60),
        }
    }
}

impl DeadlinePolicy {
    /// The response time for a class.
    pub fn response_time(&self, urgency: Urgency) -> ResponseTime {
        match urgency {
            Urgency::Emergency => self.emergency,
            Urgency::SpecialGroup => self.special_group,
            Urgency::General => self.general,
            Urgency::Complex => self.complex,
        }
    }

    /// The deadline of a need created at `created_at` with the given urgency. `None` only when
    /// the date would overflow or the calendar has no working day.
    pub fn deadline(
        &self,
        created_at: NaiveDateTime,
        urgency: Urgency,
        calendar: &WorkingCalendar,
    ) -> Option<NaiveDateTime> {
        Self::after(created_at, self.response_time(urgency), calendar)
    }

    /// `created_at` plus a response time.
    fn after(
        created_at: NaiveDateTime,
        time: ResponseTime,
        calendar: &WorkingCalendar,
    ) -> Option<NaiveDateTime> {
        match time {
            ResponseTime::Minutes(m) => {
                created_at.checked_add_signed(Duration::minutes(i64::from(m)))
            }
            ResponseTime::WorkingDays(n) => calendar.add_working_days(created_at, n),
        }
    }

    /// The deadline of a need of a special-group resident in a care area: the earlier of its
    /// class's deadline and [`special_group_care`](Self::special_group_care).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use huzhu::model::{DeadlinePolicy, Urgency, WorkingCalendar};
    /// // A complex medical need of a resident living alone, Friday 16:30: 24 hours, not 3
    /// // working days.
    /// let created = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap().and_hms_opt(16, 30, 0).unwrap();
    /// let p = DeadlinePolicy::default();
    /// let cal = WorkingCalendar::default();
    /// assert_eq!(p.special_group_care_deadline(created, Urgency::Complex, &cal).unwrap().to_string(),
    ///            "2026-11-21 16:30:00");
    /// assert_eq!(p.special_group_care_deadline(created, Urgency::Emergency, &cal).unwrap().to_string(),
    ///            "2026-11-20 18:30:00");
    /// ```
    pub fn special_group_care_deadline(
        &self,
        created_at: NaiveDateTime,
        urgency: Urgency,
        calendar: &WorkingCalendar,
    ) -> Option<NaiveDateTime> {
        let by_class = self.deadline(created_at, urgency, calendar);
        let care = Self::after(created_at, self.special_group_care, calendar);
        match (by_class, care) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}
