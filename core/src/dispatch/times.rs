//! When the office dispatches: a run every few hours on each day of a span.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};

use crate::matching::MatchError;
use crate::model::error::{FieldProblem, ModelError, RecordRef};

/// The moments a week is dispatched: every `every_minutes` from `first` to `last` (both
/// included) on each of `days` days from `start`. In JSON every setting but `start` is optional
/// (the defaults of [`DispatchTimes::office_week`]).
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::dispatch::DispatchTimes;
/// let t = DispatchTimes::office_week(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
/// let at = t.times()?;
/// assert_eq!(at.len(), 7 * 7); // 08:00, 10:00, …, 20:00 on seven days
/// assert_eq!(at[1].to_string(), "2026-11-23 10:00:00");
/// assert_eq!(at[48].to_string(), "2026-11-29 20:00:00");
/// # Ok::<(), huzhu::matching::MatchError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct DispatchTimes {
    /// The first day.
    pub start: NaiveDate,
    /// How many days (1 to 366; default 7).
    #[cfg_attr(feature = "serde", serde(default = "default_days"))]
    pub days: u32,
    /// The first run of each day (default 08:00; in JSON `"08:00"` or `"08:00:00"`).
    #[cfg_attr(
        feature = "serde",
        serde(default = "default_first", with = "time_of_day")
    )]
    pub first: NaiveTime,
    /// The last run of each day, at or after `first` (default 20:00).
    #[cfg_attr(
        feature = "serde",
        serde(default = "default_last", with = "time_of_day")
    )]
    pub last: NaiveTime,
    /// Minutes between two runs of a day (1 to 1,440; default 120).
    #[cfg_attr(feature = "serde", serde(default = "default_every"))]
    pub every_minutes: u32,
}

#[cfg(feature = "serde")]
fn default_days() -> u32 {
    7
}
#[cfg(feature = "serde")]
fn default_first() -> NaiveTime {
    NaiveTime::from_hms_opt(8, 0, 0).unwrap_or_default()
}
#[cfg(feature = "serde")]
fn default_last() -> NaiveTime {
    NaiveTime::from_hms_opt(20, 0, 0).unwrap_or_default()
}
#[cfg(feature = "serde")]
fn default_every() -> u32 {
    120
}

/// A time of day in JSON by the core's rule (`11:00` or `11:00:00`, no leap second).
#[cfg(feature = "serde")]
mod time_of_day {
    use chrono::NaiveTime;
    use serde::{Deserialize, Deserializer, Serializer};

    #[allow(clippy::trivially_copy_pass_by_ref)] // serde's `with` passes a reference
    pub fn serialize<S: Serializer>(t: &NaiveTime, s: S) -> Result<S::Ok, S::Error> {
        use chrono::Timelike;
        if t.second() == 0 {
            s.collect_str(&t.format("%H:%M"))
        } else {
            s.collect_str(&t.format("%H:%M:%S"))
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveTime, D::Error> {
        let text = String::deserialize(d)?;
        crate::model::text::parse_time_of_day(&text).map_err(serde::de::Error::custom)
    }
}

const RECORD: &str = "dispatch times";

impl DispatchTimes {
    /// A street office's week: seven days from `start`, a run every two hours from 08:00 to
    /// 20:00 (the demo's schedule).
    pub fn office_week(start: NaiveDate) -> Self {
        Self {
            start,
            days: 7,
            first: NaiveTime::from_hms_opt(8, 0, 0).unwrap_or_default(),
            last: NaiveTime::from_hms_opt(20, 0, 0).unwrap_or_default(),
            every_minutes: 120,
        }
    }

    /// Reads the settings from JSON (`{"start": "2026-11-23", "every_minutes": 60}`): `start`
    /// required, the rest optional; an unknown or unreadable setting is refused, naming it
    /// (record `dispatch times`). The values are checked when the times are used.
    ///
    /// ```
    /// use huzhu::dispatch::DispatchTimes;
    /// let t = DispatchTimes::from_value(serde_json::json!({"start": "2026-11-23", "first": "09:00"}))?;
    /// assert_eq!((t.days, t.first.to_string().as_str()), (7, "09:00:00"));
    /// let e = DispatchTimes::from_value(serde_json::json!({"start": "2026-11-23", "every": 60})).unwrap_err();
    /// assert_eq!((e.record().as_deref(), e.field()), (Some("dispatch times"), Some("every")));
    /// let e = DispatchTimes::from_value(serde_json::json!({"days": 3})).unwrap_err();
    /// assert_eq!(e.field(), Some("start"));
    /// let e = DispatchTimes::from_value(serde_json::json!({"start": "2026-11-23", "last": "23:59:60"})).unwrap_err();
    /// assert_eq!(e.field(), Some("last"));
    /// # Ok::<(), huzhu::matching::MatchError>(())
    /// ```
    #[cfg(feature = "serde")]
    pub fn from_value(value: serde_json::Value) -> Result<Self, MatchError> {
        if value.as_object().is_some_and(|m| !m.contains_key("start")) {
            return Err(MatchError::Model(ModelError::invalid(
                RecordRef::Config(RECORD.into()),
                "start",
                FieldProblem::Invalid {
                    why: "is required: the first day".into(),
                },
            )));
        }
        crate::model::json::from_value(value, "").map_err(|e| match e {
            ModelError::Json { message, path, .. } => MatchError::Model(ModelError::invalid(
                RecordRef::Config(RECORD.into()),
                crate::model::json::setting_or(&path, RECORD),
                FieldProblem::Invalid {
                    why: format!("cannot be read: {message}"),
                },
            )),
            other => MatchError::Model(other),
        })
    }

    /// Checks the settings, naming the one at fault (record `dispatch times`).
    pub fn check(&self) -> Result<(), MatchError> {
        let bad = |field: &str, problem| {
            MatchError::Model(ModelError::invalid(
                RecordRef::Config(RECORD.into()),
                field,
                problem,
            ))
        };
        if !(1..=366).contains(&self.days) {
            return Err(bad(
                "days",
                FieldProblem::OutOfRange {
                    value: self.days.to_string(),
                    allowed: "1..=366".into(),
                },
            ));
        }
        if !(1..=1440).contains(&self.every_minutes) {
            return Err(bad(
                "every_minutes",
                FieldProblem::OutOfRange {
                    value: self.every_minutes.to_string(),
                    allowed: "1..=1440".into(),
                },
            ));
        }
        if self.last < self.first {
            return Err(bad("last", FieldProblem::EndsBeforeStart));
        }
        if self
            .start
            .checked_add_signed(Duration::days(i64::from(self.days)))
            .is_none()
        {
            return Err(bad(
                "start",
                FieldProblem::OutOfRange {
                    value: self.start.to_string(),
                    allowed: "a span that ends in the calendar".into(),
                },
            ));
        }
        Ok(())
    }

    /// The run times in order, after [`DispatchTimes::check`].
    pub fn times(&self) -> Result<Vec<NaiveDateTime>, MatchError> {
        self.check()?;
        let every = Duration::minutes(i64::from(self.every_minutes));
        let mut out = Vec::new();
        for day in 0..self.days {
            let date = self.start + Duration::days(i64::from(day));
            let mut at = date.and_time(self.first);
            let last = date.and_time(self.last);
            while at <= last {
                out.push(at);
                at += every;
            }
        }
        Ok(out)
    }

    /// When the round after the last one would be: the last run plus `every_minutes`.
    pub(crate) fn after_last(&self, times: &[NaiveDateTime]) -> Option<NaiveDateTime> {
        times
            .last()
            .map(|t| *t + Duration::minutes(i64::from(self.every_minutes)))
    }
}
