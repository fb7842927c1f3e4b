//! Full RFC 5545 recurrence (every `FREQ`, `BYSETPOS`, `EXDATE`, named `TZID` zones with
//! daylight saving) through the `rrule` crate. Optional feature `rrule-full`; the wasm build
//! leaves it out, as it carries a time-zone database.

use chrono::{Duration, TimeZone, Utc};
use thiserror::Error;

use crate::model::TimeWindow;

/// Why an iCalendar recurrence could not be expanded.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum RruleError {
    /// The text is not a valid `DTSTART` + `RRULE` set.
    #[error("rrule: {0}")]
    Invalid(String),
    /// `DTSTART` has neither `TZID` nor `Z`: its meaning would depend on the machine's zone.
    #[error("rrule: DTSTART must carry TZID or be UTC (Z); a floating time depends on the machine")]
    Floating,
    /// The duration must be positive.
    #[error("rrule: the duration must be positive")]
    Duration,
}

impl RruleError {
    /// The stable code: `RRULE_INVALID`, `RRULE_FLOATING` or `RRULE_DURATION`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Invalid(_) => "RRULE_INVALID",
            Self::Floating => "RRULE_FLOATING",
            Self::Duration => "RRULE_DURATION",
        }
    }
}

/// Expands an iCalendar recurrence set (`DTSTART;TZID=Asia/Shanghai:20260105T090000` and
/// `RRULE:…` lines, optionally `EXDATE`/`RDATE`) into windows of `duration_minutes` that
/// overlap `horizon`, clipped to it, in the community's local time at `local_offset_minutes`.
/// At most `limit` occurrences are produced.
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::formats::rrule_full::expand_ical;
/// use huzhu::model::TimeWindow;
/// let ical = "DTSTART;TZID=Europe/London:20260301T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=5";
/// let d = |m, day, h| NaiveDate::from_ymd_opt(2026, m, day).unwrap().and_hms_opt(h, 0, 0).unwrap();
/// let march = TimeWindow::new(d(3, 1, 0), d(4, 1, 0)).unwrap();
/// // Seen from UTC+8: 17:00 in winter time, 16:00 after the clocks change on 29 March.
/// let w = expand_ical(ical, 60, &march, 8 * 60, 100).unwrap();
/// assert_eq!(w.iter().map(|w| w.start).collect::<Vec<_>>(), [d(3, 2, 17), d(3, 9, 17), d(3, 16, 17), d(3, 23, 17), d(3, 30, 16)]);
/// ```
pub fn expand_ical(
    ical: &str,
    duration_minutes: u32,
    horizon: &TimeWindow,
    local_offset_minutes: i32,
    limit: u16,
) -> Result<Vec<TimeWindow>, RruleError> {
    if duration_minutes == 0 {
        return Err(RruleError::Duration);
    }
    let set: rrule::RRuleSet = ical
        .parse()
        .map_err(|e: rrule::RRuleError| RruleError::Invalid(e.to_string()))?;
    if set.get_dt_start().timezone().is_local() {
        return Err(RruleError::Floating);
    }
    let offset = Duration::minutes(i64::from(local_offset_minutes));
    let length = Duration::minutes(i64::from(duration_minutes));
    let to_utc = |t: chrono::NaiveDateTime| {
        t.checked_sub_signed(offset)
            .map(|u| Utc.from_utc_datetime(&u).with_timezone(&rrule::Tz::UTC))
    };
    let (Some(after), Some(before)) = (
        horizon.start.checked_sub_signed(length).and_then(to_utc),
        to_utc(horizon.end),
    ) else {
        return Ok(Vec::new());
    };
    let result = set.after(after).before(before).all(limit);
    let mut out: Vec<TimeWindow> = result
        .dates
        .iter()
        .filter_map(|dt| {
            let start = dt.naive_utc().checked_add_signed(offset)?;
            let end = start.checked_add_signed(length)?;
            let (s, e) = (start.max(horizon.start), end.min(horizon.end));
            (s < e).then_some(TimeWindow { start: s, end: e })
        })
        .collect();
    out.sort();
    Ok(out)
}
