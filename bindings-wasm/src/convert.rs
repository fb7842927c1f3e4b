//! Values across the boundary.
//!
//! Records travel as JSON: JavaScript objects are `JSON.stringify`-ed and read by the core's
//! serde types (so field names are the JSON snapshot's, in snake case), and results are written
//! by `serde_json` and `JSON.parse`-d — exactly the JSON the Rust core writes, with maps as plain
//! objects. Times are local ISO-8601 strings without offset (`2026-11-24T09:00:00`), as in the
//! snapshot; top-level time arguments also take a JS `Date`, read in the runtime's local time.

use std::fmt::Write as _;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use huzhu::ledger::AccountId;
use huzhu::model::{HelperId, ProviderId, ResidentId, ServiceId, VolunteerId};
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};

use crate::error::{Failure, Fallible};

/// A string argument. Taken as a `JsValue` and checked here: wasm-bindgen's glue for `&str`
/// reads `.length` of whatever it is given, and a number or a plain object there made it write
/// out of bounds (a trap, `INTERNAL_PANIC`) instead of an error.
pub fn text_arg(v: &JsValue, field: &str) -> Fallible<String> {
    v.as_string().ok_or_else(|| {
        let got = if v.is_null() {
            "null".to_owned()
        } else {
            v.js_typeof().as_string().unwrap_or_default()
        };
        Failure::invalid(field, format!("expected a string, got {got}"))
    })
}

/// Reads JSON text into a core type; errors name the JSON path (`needs[2].windows`).
///
/// Plain `serde_json` (the same code the core's snapshot reader uses, which keeps the wasm
/// small); the path is recovered from the error's line and column by [`path_at`].
pub fn parse<T: DeserializeOwned>(json: &str, what: &str) -> Fallible<T> {
    serde_json::from_str(json).map_err(|e| {
        let message = e.to_string();
        // "missing field `x`" points at the end of the object that lacks it.
        let missing = message
            .strip_prefix("missing field `")
            .and_then(|rest| rest.split('`').next());
        let mut path = path_at(json, e.line(), e.column(), missing.is_some());
        if let Some(name) = missing {
            path = if path.is_empty() {
                name.to_owned()
            } else {
                format!("{path}.{name}")
            };
        }
        let field = match path.chars().next() {
            None => what.to_owned(),
            Some('[') => format!("{what}{path}"),
            Some(_) => format!("{what}.{path}"),
        };
        let reason = message
            .split(" at line ")
            .next()
            .unwrap_or(&message)
            .to_owned();
        let mut f = Failure::invalid(field, reason);
        f.line = u32::try_from(e.line()).ok();
        f
    })
}

/// The JSON path (`a.b[2].c`) of the value at a 1-based line and column of `json`: the
/// innermost member or element being read there (or, with `object`, the innermost object).
pub fn path_at(json: &str, line: usize, column: usize, object: bool) -> String {
    enum Frame {
        Object(Option<String>),
        Array(usize),
    }
    let offset = json
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>()
        + column.saturating_sub(1);
    let bytes = json.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    let mut expect_key = false;
    while i < bytes.len() && i < offset {
        match bytes[i] {
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if expect_key {
                    if let Some(Frame::Object(key)) = stack.last_mut() {
                        *key = Some(json.get(start..i.min(json.len())).unwrap_or("").to_owned());
                    }
                    expect_key = false;
                }
            }
            b'{' => {
                stack.push(Frame::Object(None));
                expect_key = true;
            }
            b'[' => stack.push(Frame::Array(0)),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array(n)) => *n += 1,
                Some(Frame::Object(_)) => expect_key = true,
                None => {}
            },
            _ => {}
        }
        i += 1;
    }
    if object && let Some(Frame::Object(key)) = stack.last_mut() {
        *key = None;
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object(Some(key)) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Object(None) => {}
            Frame::Array(n) => {
                let _ = write!(path, "[{n}]");
            }
        }
    }
    path
}

/// Writes a core value as JSON text.
pub fn json<T: Serialize>(value: &T) -> Fallible<String> {
    serde_json::to_string(value).map_err(|e| Failure::new("INTERNAL_ENCODE", e.to_string()))
}

/// `JSON.stringify(value)`; `undefined` becomes `null`.
pub fn stringify(value: &JsValue, what: &str) -> Fallible<String> {
    if value.is_undefined() {
        return Ok("null".into());
    }
    match js_sys::JSON::stringify(value) {
        Ok(s) => Ok(s.as_string().unwrap_or_else(|| "null".into())),
        Err(e) => Err(Failure::invalid(
            what,
            format!("cannot be written as JSON ({})", describe(&e)),
        )),
    }
}

fn describe(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map_or_else(|| format!("{e:?}"), |e| String::from(e.message()))
}

/// A JavaScript value read into a core type through JSON.
pub fn from_js<T: DeserializeOwned>(value: &JsValue, what: &str) -> Fallible<T> {
    parse(&stringify(value, what)?, what)
}

/// An optional JavaScript value (`undefined` or `null` → `None`).
pub fn from_js_opt<T: DeserializeOwned>(value: &JsValue, what: &str) -> Fallible<Option<T>> {
    if value.is_undefined() || value.is_null() {
        Ok(None)
    } else {
        from_js(value, what).map(Some)
    }
}

/// A core value as a plain JavaScript value (via JSON text).
pub fn to_js<T: Serialize>(value: &T) -> Fallible<JsValue> {
    parse_js(&json(value)?)
}

/// `JSON.parse(text)`.
pub fn parse_js(text: &str) -> Fallible<JsValue> {
    js_sys::JSON::parse(text).map_err(|e| Failure::new("INTERNAL_ENCODE", describe(&e)))
}

/// Local date-time from ISO text: `YYYY-MM-DDTHH:MM[:SS[.fff]]` (a space may replace `T`),
/// or a bare date `YYYY-MM-DD` for midnight. An offset or `Z` is refused: times are the
/// community's local time.
pub fn parse_datetime(text: &str, field: &str) -> Fallible<NaiveDateTime> {
    let t = text.trim();
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(v) = NaiveDateTime::parse_from_str(t, fmt) {
            return Ok(v);
        }
    }
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Ok(d.and_time(NaiveTime::MIN));
    }
    Err(Failure::date(
        field,
        format!(
            "{field}: {text:?} is not a local ISO date-time like 2026-11-24T09:00:00 (no offset)"
        ),
    ))
}

/// A date from ISO text `YYYY-MM-DD` (a date-time's date part is accepted too).
pub fn parse_date(text: &str, field: &str) -> Fallible<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .or_else(|_| parse_datetime(text, field).map(|t| t.date()))
        .map_err(|_| {
            Failure::date(
                field,
                format!("{field}: {text:?} is not an ISO date like 2026-11-23"),
            )
        })
}

/// A local date-time from a string or a JS `Date` (read in the runtime's local time zone).
pub fn datetime_from_js(value: &JsValue, field: &str) -> Fallible<NaiveDateTime> {
    if let Some(s) = value.as_string() {
        return parse_datetime(&s, field);
    }
    if let Some(d) = value.dyn_ref::<js_sys::Date>() {
        let ms = d.get_time();
        if ms.is_nan() {
            return Err(Failure::date(field, format!("{field}: Invalid Date")));
        }
        let date =
            NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date());
        let time = NaiveTime::from_hms_milli_opt(
            d.get_hours(),
            d.get_minutes(),
            d.get_seconds(),
            d.get_milliseconds(),
        );
        if let (Some(date), Some(time)) = (date, time) {
            return Ok(date.and_time(time));
        }
    }
    Err(Failure::date(
        field,
        format!("{field}: expected an ISO date-time string or a Date"),
    ))
}

/// A date from a string or a JS `Date` (local calendar date).
pub fn date_from_js(value: &JsValue, field: &str) -> Fallible<NaiveDate> {
    if let Some(s) = value.as_string() {
        return parse_date(&s, field);
    }
    datetime_from_js(value, field).map(|t| t.date())
}

/// ISO text of a local date-time, as the snapshot writes it.
pub fn iso(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S").to_string()
}

fn split_label<'a>(label: &'a str, field: &str) -> Fallible<(&'a str, u32)> {
    let bad = || {
        Failure::invalid(
            field,
            format!("{label:?} is not a label like \"volunteer#3\""),
        )
    };
    let (kind, id) = label.split_once('#').ok_or_else(bad)?;
    let id = id.parse::<u32>().map_err(|_| bad())?;
    Ok((kind, id))
}

/// A helper from its label (`volunteer#3`, `service#2`).
pub fn helper_from_label(label: &str, field: &str) -> Fallible<HelperId> {
    match split_label(label, field)? {
        ("volunteer", id) => Ok(HelperId::Volunteer(VolunteerId(id))),
        ("service", id) => Ok(HelperId::Service(ServiceId(id))),
        _ => Err(Failure::invalid(
            field,
            format!("{label:?} is not a helper (volunteer#N or service#N)"),
        )),
    }
}

/// A helper from a label or the core's `{kind, id}` object.
pub fn helper_from_js(value: &JsValue, field: &str) -> Fallible<HelperId> {
    match value.as_string() {
        Some(s) => helper_from_label(&s, field),
        None => from_js(value, field),
    }
}

/// An account from its label: `resident#1`, `volunteer#2`, `provider#3`, `fund`,
/// `donation-pool` (or `donation_pool`).
pub fn account_from_label(label: &str, field: &str) -> Fallible<AccountId> {
    match label {
        "fund" => return Ok(AccountId::Fund),
        "donation-pool" | "donation_pool" => return Ok(AccountId::DonationPool),
        _ => {}
    }
    match split_label(label, field)? {
        ("resident", id) => Ok(AccountId::Resident(ResidentId(id))),
        ("volunteer", id) => Ok(AccountId::Volunteer(VolunteerId(id))),
        ("provider" | "organisation", id) => Ok(AccountId::Organisation(ProviderId(id))),
        _ => Err(Failure::invalid(
            field,
            format!(
                "{label:?} is not an account (resident#N, volunteer#N, provider#N, fund, donation-pool)"
            ),
        )),
    }
}

/// An account label (the inverse of [`account_from_label`]).
pub fn account_label(account: AccountId) -> String {
    match account {
        AccountId::Organisation(p) => format!("provider#{}", p.0),
        other => other.to_string(),
    }
}

/// An account from a label or the core's serde form (`{"volunteer": 2}`, `"fund"`).
pub fn account_from_js(value: &JsValue, field: &str) -> Fallible<AccountId> {
    match value.as_string() {
        Some(s) => account_from_label(&s, field),
        None => from_js(value, field),
    }
}

/// A JSON value holding an account label or serde form, as the core's serde form.
pub fn account_json(value: &serde_json::Value, field: &str) -> Fallible<serde_json::Value> {
    let account = match value {
        serde_json::Value::String(s) => account_from_label(s, field)?,
        other => serde_json::from_value(other.clone())
            .map_err(|e| Failure::invalid(field, e.to_string()))?,
    };
    serde_json::to_value(account).map_err(|e| Failure::new("INTERNAL_ENCODE", e.to_string()))
}

/// A non-negative whole number from JS (ids, counts); rejects fractions and NaN.
pub fn whole(value: f64, field: &str, max: f64) -> Fallible<u64> {
    if value.is_finite() && value >= 0.0 && value.fract() == 0.0 && value <= max {
        Ok(value as u64)
    } else {
        Err(Failure::invalid(
            field,
            format!("{value} is not a whole number between 0 and {max}"),
        ))
    }
}

/// A signed whole number of minutes from JS.
pub fn minutes(value: f64, field: &str) -> Fallible<i64> {
    const SAFE: f64 = 9_007_199_254_740_991.0;
    if value.is_finite() && value.fract() == 0.0 && value.abs() <= SAFE {
        Ok(value as i64)
    } else {
        Err(Failure::invalid(
            field,
            format!("{value} is not a whole number of minutes"),
        ))
    }
}

/// A u32 id from JS.
pub fn id32(value: f64, field: &str) -> Fallible<u32> {
    whole(value, field, f64::from(u32::MAX)).map(|v| v as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datetimes_are_local_iso() {
        let t = parse_datetime("2026-11-24T09:30:00", "now").unwrap();
        assert_eq!(iso(t), "2026-11-24T09:30:00");
        assert_eq!(
            iso(parse_datetime("2026-11-24 09:30", "now").unwrap()),
            "2026-11-24T09:30:00"
        );
        assert_eq!(
            iso(parse_datetime("2026-11-24", "now").unwrap()),
            "2026-11-24T00:00:00"
        );
        let e = parse_datetime("2026-11-24T09:30:00Z", "now").unwrap_err();
        assert_eq!(
            (e.code.as_str(), e.field.as_deref()),
            ("INVALID_DATE", Some("now"))
        );
        assert!(parse_date("2026-02-30", "week_start").is_err());
    }

    #[test]
    fn labels_round_trip() {
        for label in [
            "resident#1",
            "volunteer#2",
            "provider#3",
            "fund",
            "donation-pool",
        ] {
            assert_eq!(
                account_label(account_from_label(label, "a").unwrap()),
                label
            );
        }
        assert_eq!(
            helper_from_label("service#4", "h").unwrap(),
            HelperId::Service(ServiceId(4))
        );
        let e = helper_from_label("resident#4", "helper").unwrap_err();
        assert_eq!(
            (e.code.as_str(), e.field.as_deref()),
            ("INVALID_ARGUMENT", Some("helper"))
        );
        assert!(account_from_label("volunteer#x", "a").is_err());
    }

    #[test]
    fn parse_errors_name_the_path() {
        let e = parse::<huzhu::model::Resident>(r#"{"id": 1, "birth_date": "1940-05-01", "home": {"lat": "north", "lon": 1}, "grid": 1}"#, "resident").unwrap_err();
        assert_eq!(e.code, "INVALID_ARGUMENT");
        assert_eq!(e.field.as_deref(), Some("resident.home.lat"));
    }

    #[test]
    fn paths_from_positions() {
        let text = "{\"needs\": [{\"id\": 1}, {\"id\": 2, \"windows\": [1, \"x\"]}]}";
        let at = text.find("\"x\"").unwrap() + 1;
        assert_eq!(path_at(text, 1, at, false), "needs[1].windows[1]");
        let e = parse::<Vec<huzhu::model::TimeWindow>>(
            "[{\"start\": \"2026-11-24T09:00:00\"}]",
            "windows",
        )
        .unwrap_err();
        assert_eq!(e.field.as_deref(), Some("windows[0].end"));
        assert!(e.message.contains("missing field"), "{}", e.message);
    }

    #[test]
    fn numbers_are_checked() {
        assert_eq!(id32(7.0, "id").unwrap(), 7);
        assert!(id32(1.5, "id").is_err());
        assert!(id32(-1.0, "id").is_err());
        assert!(minutes(f64::NAN, "m").is_err());
        assert_eq!(minutes(-30.0, "m").unwrap(), -30);
    }
}
