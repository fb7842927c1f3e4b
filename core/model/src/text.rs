//! The text forms that cross a boundary, and the one rule for reading local date-times.
//!
//! Every id has a label, written by its `Display` and read back by its `FromStr`:
//! `resident#7`, `need#3`, `volunteer#1`, `service#9`, `provider#2`, `grid#4`; a helper is a
//! volunteer's or a service's label. The time bank adds `organisation#2`, `fund` and
//! `donation_pool` for accounts and `tx#5` for transactions (`huzhu::ledger`). These are the only
//! spellings huzhu writes, on every surface: in messages, in error facts, in tables and in JSON.
//!
//! On input, labels are also read in the spellings earlier versions of the Python package wrote:
//! the kind in any case, surrounded by spaces, with `:` or `/` in place of `#` (`Volunteer:3`),
//! and a bare number where the kind is known from the argument (`"7"` for a need id). These are
//! accepted on input only and never written.
//!
//! # Local date-times
//!
//! huzhu's times are the community's local wall-clock time, without a time zone: a need's window
//! "Tuesday 09:00–12:00" means 09:00 on the clocks of the street it is in. One rule reads them,
//! here, for every surface ([`parse_local_datetime`]):
//!
//! - `YYYY-MM-DDTHH:MM:SS`, with optional fractional seconds; a space may replace the `T`, and the
//!   seconds may be left out (`2026-11-24 09:00`);
//! - a bare date `YYYY-MM-DD` means its midnight;
//! - a UTC offset or `Z` (`2026-11-24T09:00:00+08:00`) is **refused**, never dropped or applied:
//!   huzhu does not know the community's time zone, so `09:00+08:00` could be right as written or
//!   eight hours off. Convert to local time and leave the offset out (in pandas,
//!   `ts.dt.tz_convert("Asia/Shanghai").dt.tz_localize(None)`). A timezone-aware Python
//!   `datetime` or pandas timestamp, or a timezone-aware Arrow column, is refused the same way;
//! - a leap second (`23:59:60`) is refused: local clocks do not show one.
//!
//! # Other text forms
//!
//! Tables hold a few records as text, read and written by the core: a weekly schedule
//! (`WeeklySchedule`: `Mon-Fri 09:00-12:00; Sat 10:00-11:30`, with `daily` and `weekdays`), a
//! time window (`TimeWindow`: `2026-11-24T09:00:00/2026-11-24T12:00:00`, the ISO 8601 interval)
//! and a certification (`Certification`: `first_aid@2027-06-30`, or the skill alone).
//!
//! A JavaScript `Date` is read in the runtime's local time zone (the wall clock its user sees),
//! and a Python `date` where a date-time is asked means its midnight. Times are written as
//! `YYYY-MM-DDTHH:MM:SS` (with the fraction when there is one) by [`format_local_datetime`], as the
//! snapshot writes them. Dates are `YYYY-MM-DD` ([`parse_date`]).
//!
//! ```
//! use huzhu::model::text::{format_local_datetime, parse_local_datetime};
//! let t = parse_local_datetime("2026-11-24 09:00")?;
//! assert_eq!(format_local_datetime(t), "2026-11-24T09:00:00");
//! let e = parse_local_datetime("2026-11-24T09:00:00+08:00").unwrap_err();
//! assert_eq!(e.code(), "INVALID_DATE");
//! assert!(e.to_string().contains("UTC offset"));
//! # Ok::<(), huzhu::model::text::ParseError>(())
//! ```

use std::fmt;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Timelike};

/// Text that is not a label, date or date-time huzhu can read. Names the field when the caller
/// said which one ([`ParseError::in_field`]).
///
/// ```
/// use huzhu::model::NeedId;
/// let e = "needle#3".parse::<NeedId>().unwrap_err().in_field("need");
/// assert_eq!((e.code(), e.field()), ("INVALID_ID", Some("need")));
/// assert_eq!(e.to_string(), "need: \"needle#3\" is not a need id like need#7");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    kind: ParseKind,
    text: String,
    field: Option<String>,
}

/// What was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
enum ParseKind {
    /// An id: what it identifies and an example label.
    Id {
        what: &'static str,
        example: &'static str,
    },
    /// A local date-time, with the reason it was refused.
    DateTime { why: &'static str },
    /// A date.
    Date { why: &'static str },
    /// Another text form (a weekly schedule, a time window, a certification).
    Form {
        what: &'static str,
        example: &'static str,
    },
}

impl ParseError {
    /// Text that is not an id of this kind: `what` names it with its article (`"a need id"`),
    /// `example` shows the label (`"need#3"`).
    pub fn id(what: &'static str, example: &'static str, text: impl Into<String>) -> Self {
        Self {
            kind: ParseKind::Id { what, example },
            text: text.into(),
            field: None,
        }
    }

    /// Text (or a value written as text) that is not a local date-time, for the reason given.
    pub fn datetime(why: &'static str, text: impl Into<String>) -> Self {
        Self {
            kind: ParseKind::DateTime { why },
            text: text.into(),
            field: None,
        }
    }

    /// A value with a UTC offset or time zone (`text` shows it): refused by the local-time rule.
    ///
    /// ```
    /// use huzhu::model::text::ParseError;
    /// let e = ParseError::utc_offset("2026-11-24 01:00:00 UTC").in_field("needs.created_at");
    /// assert_eq!(e.field(), Some("needs.created_at"));
    /// ```
    pub fn utc_offset(text: impl Into<String>) -> Self {
        Self::datetime(OFFSET, text)
    }

    /// Text that is not in the form of `what` (with its article, `"a weekly schedule"`), shown
    /// by `example`.
    pub fn form(what: &'static str, example: &'static str, text: impl Into<String>) -> Self {
        Self {
            kind: ParseKind::Form { what, example },
            text: text.into(),
            field: None,
        }
    }

    /// Text that is not a date.
    pub fn date(why: &'static str, text: impl Into<String>) -> Self {
        Self {
            kind: ParseKind::Date { why },
            text: text.into(),
            field: None,
        }
    }

    /// The same error, naming the field (argument, column or JSON path) that held the text.
    #[must_use]
    pub fn in_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// The stable code: `INVALID_ID`, `INVALID_DATE` for dates and date-times, `INVALID_TEXT`
    /// for the other text forms.
    pub fn code(&self) -> &'static str {
        match self.kind {
            ParseKind::Id { .. } => "INVALID_ID",
            ParseKind::DateTime { .. } | ParseKind::Date { .. } => "INVALID_DATE",
            ParseKind::Form { .. } => "INVALID_TEXT",
        }
    }

    /// The field that held the text, when the caller named it.
    pub fn field(&self) -> Option<&str> {
        self.field.as_deref()
    }

    /// The text that was refused.
    pub fn text(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(field) = &self.field {
            write!(f, "{field}: ")?;
        }
        match self.kind {
            ParseKind::Id { what, example } | ParseKind::Form { what, example } => {
                write!(f, "{:?} is not {what} like {example}", self.text)
            }
            ParseKind::DateTime { why } => write!(
                f,
                "{:?} is not a local date-time like 2026-11-24T09:00:00: {why}",
                self.text
            ),
            ParseKind::Date { why } => {
                write!(f, "{:?} is not a date like 2026-11-23: {why}", self.text)
            }
        }
    }
}

impl std::error::Error for ParseError {}

const OFFSET: &str = "it has a UTC offset or time zone, and huzhu's times are the community's local \
                      wall-clock time: convert to local time and leave the offset out";

/// Reads a label `kind#n` (and the input-only spellings: any case, spaces, `:` or `/` for `#`,
/// and a bare number when `bare` is allowed) into its number.
pub(crate) fn label_number(text: &str, kind: &str, bare: bool) -> Option<u32> {
    let t = text.trim();
    if bare && let Ok(n) = t.parse::<u32>() {
        return Some(n);
    }
    let (k, n) = split_label(t)?;
    k.eq_ignore_ascii_case(kind).then_some(n)
}

/// Splits a label `kind#n` (or, input only, `kind:n`, `kind/n`, with spaces) into its kind,
/// trimmed and as written, and its number. Id types' `FromStr` are built on it.
///
/// ```
/// use huzhu::model::text::split_label;
/// assert_eq!(split_label("volunteer#3"), Some(("volunteer", 3)));
/// assert_eq!(split_label("fund"), None);
/// ```
pub fn split_label(text: &str) -> Option<(&str, u32)> {
    let (k, n) = text.trim().rsplit_once(['#', ':', '/'])?;
    let n = n.trim();
    if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((k.trim(), n.parse().ok()?))
}

/// Reads a local date-time by the rule in the [module docs](self).
pub fn parse_local_datetime(text: &str) -> Result<NaiveDateTime, ParseError> {
    let t = text.trim();
    if t.len() == 10 {
        return parse_plain_date(t)
            .map(|d| d.and_time(NaiveTime::MIN))
            .map_err(|why| ParseError::datetime(why, text));
    }
    if has_offset(t) {
        return Err(ParseError::utc_offset(text));
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(v) = NaiveDateTime::parse_from_str(t, fmt) {
            if v.nanosecond() >= 1_000_000_000 {
                return Err(ParseError::datetime(
                    "it is a leap second, which local clocks do not show",
                    text,
                ));
            }
            return Ok(v);
        }
    }
    Err(ParseError::datetime(
        "write YYYY-MM-DDTHH:MM:SS (or a date for its midnight)",
        text,
    ))
}

/// Reads a date `YYYY-MM-DD`. A date-time is accepted only at midnight (a time of day there
/// would be dropped, so it is refused instead).
///
/// ```
/// use huzhu::model::text::parse_date;
/// assert_eq!(parse_date("2026-11-23")?.to_string(), "2026-11-23");
/// assert_eq!(parse_date("2026-11-23T00:00:00")?.to_string(), "2026-11-23");
/// assert!(parse_date("2026-11-23T09:00:00").is_err());
/// assert!(parse_date("2026-02-30").is_err());
/// # Ok::<(), huzhu::model::text::ParseError>(())
/// ```
pub fn parse_date(text: &str) -> Result<NaiveDate, ParseError> {
    let t = text.trim();
    if t.len() == 10 {
        return parse_plain_date(t).map_err(|why| ParseError::date(why, text));
    }
    match parse_local_datetime(t) {
        Ok(dt) if dt.time() == NaiveTime::MIN => Ok(dt.date()),
        Ok(_) => Err(ParseError::date(
            "it has a time of day, which a date would drop",
            text,
        )),
        Err(ParseError {
            kind: ParseKind::DateTime { why },
            ..
        }) if why == OFFSET => Err(ParseError::date(OFFSET, text)),
        Err(_) => Err(ParseError::date("write YYYY-MM-DD", text)),
    }
}

/// Reads a time of day `HH:MM` or `HH:MM:SS` (a package item's window, a schedule slot). A
/// date, an offset or a leap second is refused.
///
/// ```
/// use huzhu::model::text::parse_time_of_day;
/// assert_eq!(parse_time_of_day("11:00")?.to_string(), "11:00:00");
/// assert_eq!(parse_time_of_day(" 09:30:15 ")?.to_string(), "09:30:15");
/// let e = parse_time_of_day("11h").unwrap_err().in_field("package.from");
/// assert_eq!((e.code(), e.field()), ("INVALID_TEXT", Some("package.from")));
/// assert_eq!(e.to_string(), "package.from: \"11h\" is not a time of day like 11:00 or 11:00:00");
/// assert!(parse_time_of_day("23:59:60").is_err());
/// assert!(parse_time_of_day("24:00").is_err());
/// # Ok::<(), huzhu::model::text::ParseError>(())
/// ```
pub fn parse_time_of_day(text: &str) -> Result<NaiveTime, ParseError> {
    let t = text.trim();
    let refused = || ParseError::form("a time of day", "11:00 or 11:00:00", text);
    let parsed = match t.len() {
        5 => NaiveTime::parse_from_str(t, "%H:%M"),
        8 => NaiveTime::parse_from_str(t, "%H:%M:%S"),
        _ => return Err(refused()),
    }
    .map_err(|_| refused())?;
    // chrono reads second 60 as a leap second: local clocks do not show one.
    if parsed.nanosecond() >= 1_000_000_000 {
        return Err(refused());
    }
    Ok(parsed)
}

fn parse_plain_date(t: &str) -> Result<NaiveDate, &'static str> {
    NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| "write YYYY-MM-DD, a day that exists")
}

/// Whether a date-time text ends in `Z` or a `±HH[:MM]` offset after its time part.
fn has_offset(t: &str) -> bool {
    let Some(time) = t.get(11..) else {
        return false;
    };
    time.ends_with(['Z', 'z']) || time.contains(['+', '-']) || time.contains(" UTC")
}

/// Writes a local date-time as `YYYY-MM-DDTHH:MM:SS`, with the fraction of a second when there is
/// one (the snapshot's form).
///
/// ```
/// use chrono::NaiveDate;
/// use huzhu::model::text::format_local_datetime;
/// let t = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap().and_hms_milli_opt(9, 5, 0, 250).unwrap();
/// assert_eq!(format_local_datetime(t), "2026-11-24T09:05:00.250");
/// ```
pub fn format_local_datetime(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.f").to_string()
}

/// Serde for local date-times by the same rule: `#[serde(with = "huzhu_model::text::local")]`.
#[cfg(feature = "serde")]
pub mod local {
    use chrono::NaiveDateTime;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes the time as [`format_local_datetime`](super::format_local_datetime) does.
    pub fn serialize<S: Serializer>(t: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&t.format("%Y-%m-%dT%H:%M:%S%.f"))
    }

    /// Reads the time by [`parse_local_datetime`](super::parse_local_datetime).
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDateTime, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        super::parse_local_datetime(&text).map_err(serde::de::Error::custom)
    }

    /// The same for an optional time (`null` for none).
    pub mod option {
        use chrono::NaiveDateTime;
        use serde::{Deserialize, Deserializer, Serializer};

        /// Writes the time, or `null`.
        pub fn serialize<S: Serializer>(
            t: &Option<NaiveDateTime>,
            s: S,
        ) -> Result<S::Ok, S::Error> {
            match t {
                Some(t) => super::serialize(t, s),
                None => s.serialize_none(),
            }
        }

        /// Reads a time or `null`.
        pub fn deserialize<'de, D: Deserializer<'de>>(
            d: D,
        ) -> Result<Option<NaiveDateTime>, D::Error> {
            let text = <Option<std::borrow::Cow<'de, str>>>::deserialize(d)?;
            text.map(|t| super::super::parse_local_datetime(&t))
                .transpose()
                .map_err(serde::de::Error::custom)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_local_time_rule() {
        let at = |s: &str| parse_local_datetime(s).map(format_local_datetime);
        assert_eq!(at("2026-11-24T09:30:00").unwrap(), "2026-11-24T09:30:00");
        assert_eq!(at(" 2026-11-24 09:30 ").unwrap(), "2026-11-24T09:30:00");
        assert_eq!(at("2026-11-24").unwrap(), "2026-11-24T00:00:00");
        assert_eq!(
            at("2026-11-24T09:30:00.5").unwrap(),
            "2026-11-24T09:30:00.500"
        );
        for offset in [
            "2026-11-24T09:30:00Z",
            "2026-11-24T09:30:00+08:00",
            "2026-11-24T09:30:00-0500",
            "2026-11-24 09:30+08",
            "2026-11-24 01:30:00 UTC",
        ] {
            let e = parse_local_datetime(offset).unwrap_err();
            assert!(e.to_string().contains("UTC offset"), "{offset}: {e}");
            assert_eq!(e.code(), "INVALID_DATE");
        }
        assert!(
            at("2026-12-31T23:59:60")
                .unwrap_err()
                .to_string()
                .contains("leap second")
        );
        assert!(at("2026-02-30").is_err());
        assert!(at("2026-11-24T25:00:00").is_err());
        assert!(at("tomorrow").is_err());
        assert!(at("").is_err());
    }

    #[test]
    fn labels_split() {
        assert_eq!(split_label("volunteer#3"), Some(("volunteer", 3)));
        assert_eq!(split_label(" Volunteer : 3 "), Some(("Volunteer", 3)));
        assert_eq!(split_label("service/2"), Some(("service", 2)));
        assert_eq!(split_label("volunteer#-3"), None);
        assert_eq!(split_label("volunteer#+3"), None);
        assert_eq!(split_label("volunteer#"), None);
        assert_eq!(split_label("volunteer#99999999999"), None);
        assert_eq!(label_number("7", "need", true), Some(7));
        assert_eq!(label_number("7", "need", false), None);
        assert_eq!(label_number("NEED#7", "need", false), Some(7));
        assert_eq!(label_number("resident#7", "need", true), None);
    }
}
