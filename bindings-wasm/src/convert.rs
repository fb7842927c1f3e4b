//! Values across the boundary.
//!
//! Records, operations, policies and option objects travel as JSON: a JavaScript object is
//! `JSON.stringify`-ed and read by the core (`huzhu::model::json`, whose errors name the JSON
//! path under the argument's name: `resident.home.lat`), and results are written by the core's
//! serde and `JSON.parse`-d, so maps are plain objects and every result has the shape the other
//! surfaces give. Labels (`volunteer#3`, `organisation#2`, `tx#7`) and local times are read by
//! the core's own `FromStr` and time rule (`huzhu::model::text`); a JS `Date` where a time is
//! asked is read in the runtime's local time zone, the wall clock its user sees.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use huzhu::error::ModelError;
use huzhu::model::text::{ParseError, format_local_datetime, parse_date, parse_local_datetime};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};

use crate::error::{Failure, Fallible};

/// The largest integer a JS number holds exactly (2^53 − 1).
pub const SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// What kind of JS value `v` is, for messages (`null`, `number`, `object`, …).
fn type_of(v: &JsValue) -> String {
    if v.is_null() {
        "null".to_owned()
    } else {
        v.js_typeof().as_string().unwrap_or_default()
    }
}

/// A string argument. Taken as a `JsValue` and checked here: wasm-bindgen's glue for `&str`
/// reads `.length` of whatever it is given, and a number or object there made it write out of
/// bounds (a trap, `INTERNAL_PANIC`) instead of an error.
pub fn text_arg(v: &JsValue, field: &str) -> Fallible<String> {
    v.as_string()
        .ok_or_else(|| Failure::invalid(field, format!("expected a string, got {}", type_of(v))))
}

/// Writes a core value as JSON text.
pub fn json<T: Serialize + ?Sized>(value: &T) -> Fallible<String> {
    serde_json::to_string(value).map_err(|e| Failure::internal(e.to_string()))
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
    e.dyn_ref::<js_sys::Error>().map_or_else(
        || e.as_string().unwrap_or_default(),
        |e| String::from(e.message()),
    )
}

/// A JavaScript value as a JSON value (`undefined` is `null`). A NaN or infinite number in it
/// is refused (`MODEL_JSON`, naming its path, as the core's reader names a `null` where a number
/// is required): `JSON.stringify` writes `null`, which a reader would take for "none" wherever a
/// member may be left out.
pub fn value_from_js(value: &JsValue, what: &str) -> Fallible<Value> {
    let text = stringify(value, what)?;
    if text.contains("null") {
        finite_numbers(value, what)?;
    }
    Ok(huzhu::model::json::from_str(&text, what)?)
}

/// Refuses a NaN or infinite number anywhere in `value` (plain objects and arrays), naming its
/// path under `path`. Only walked when the JSON text holds a `null`, the only trace one leaves.
fn finite_numbers(value: &JsValue, path: &str) -> Fallible<()> {
    if let Some(n) = value.as_f64() {
        return if n.is_finite() {
            Ok(())
        } else {
            Err(ModelError::Json {
                line: 0,
                column: 0,
                message: format!("{n} is not a number: JSON has no NaN or Infinity"),
                path: path.to_owned(),
            }
            .into())
        };
    }
    if let Some(array) = value.dyn_ref::<js_sys::Array>() {
        for (i, x) in array.iter().enumerate() {
            finite_numbers(&x, &format!("{path}[{i}]"))?;
        }
        return Ok(());
    }
    if value.is_object() && !value.is_function() && !value.is_instance_of::<js_sys::Date>() {
        let entries = js_sys::Object::entries(value.unchecked_ref());
        for entry in entries.iter() {
            let pair: js_sys::Array = entry.unchecked_into();
            let key = pair.get(0).as_string().unwrap_or_default();
            let at = if path.is_empty() {
                key
            } else {
                format!("{path}.{key}")
            };
            finite_numbers(&pair.get(1), &at)?;
        }
    }
    Ok(())
}

/// An optional JavaScript value as a JSON value (`undefined` and `null` are `None`).
pub fn opt_value_from_js(value: Option<&JsValue>, what: &str) -> Fallible<Option<Value>> {
    match value {
        Some(v) if !v.is_undefined() && !v.is_null() => value_from_js(v, what).map(Some),
        _ => Ok(None),
    }
}

/// A JavaScript value read into a core type; errors name the JSON path under `what`. A NaN or
/// infinite number is refused: by the core's reader where a number is required (`null` is no
/// number there), else by `finite_numbers` (where `null` would be read as "none").
pub fn from_js<T: DeserializeOwned>(value: &JsValue, what: &str) -> Fallible<T> {
    let text = stringify(value, what)?;
    let read: T = huzhu::model::json::from_value(huzhu::model::json::from_str(&text, what)?, what)?;
    if text.contains("null") {
        finite_numbers(value, what)?;
    }
    Ok(read)
}

/// A community record (a resident, need, volunteer… any record a snapshot holds) from JS, read
/// from its `JSON.stringify` text by the reader that reads the snapshot's text: [`from_js`]
/// would compile a second reader of every record type, for values (32 KB gzipped of the matcher
/// entry). Errors are those of [`from_js`] (see `unpositioned`).
pub fn record_from_js<T: DeserializeOwned>(value: &JsValue, what: &str) -> Fallible<T> {
    let text = stringify(value, what)?;
    let read = huzhu::model::json::from_str(&text, what).map_err(unpositioned)?;
    if text.contains("null") {
        finite_numbers(value, what)?;
    }
    Ok(read)
}

/// A JSON error in text the binding wrote (`JSON.stringify` of an argument) without its
/// position: a line and column in text the caller never saw say nothing, and the other
/// surfaces, which read the value itself, give none (line 0, and the parser's message without
/// the " at line L column C" it appends to a positioned error).
pub(crate) fn unpositioned(e: ModelError) -> ModelError {
    match e {
        ModelError::Json {
            line,
            column,
            message,
            path,
        } if line > 0 => {
            let message = match message.strip_suffix(&format!(" at line {line} column {column}")) {
                Some(m) => m.to_owned(),
                None => message,
            };
            ModelError::Json {
                line: 0,
                column: 0,
                message,
                path,
            }
        }
        other => other,
    }
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
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Fallible<JsValue> {
    parse_js(&json(value)?)
}

/// Compact JSON text (as [`json`] writes it) laid out as `serde_json::to_string_pretty` lays it
/// out: two spaces a level, `": "` after a key, empty arrays and objects as `[]` and `{}`. The
/// snapshot's text is written this way, byte for byte what the core writes, without a second
/// compiled writer of every record type for the pretty layout.
pub fn pretty(compact: &str) -> String {
    fn newline(out: &mut String, depth: usize) {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    }
    let bytes = compact.as_bytes();
    let mut out = String::with_capacity(compact.len() + compact.len() / 2);
    let mut depth = 0;
    // Bytes from `copied` on are not in `out` yet: copied in runs, up to the next structural
    // byte outside a string (all ASCII, so every cut is at a character boundary).
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            open @ (b'{' | b'[') => {
                let close = if open == b'{' { b'}' } else { b']' };
                if bytes.get(i + 1) == Some(&close) {
                    i += 1;
                } else {
                    out.push_str(&compact[copied..=i]);
                    depth += 1;
                    newline(&mut out, depth);
                    copied = i + 1;
                }
            }
            b'}' | b']' => {
                out.push_str(&compact[copied..i]);
                depth -= 1;
                newline(&mut out, depth);
                copied = i;
            }
            b',' => {
                out.push_str(&compact[copied..=i]);
                newline(&mut out, depth);
                copied = i + 1;
            }
            b':' => {
                out.push_str(&compact[copied..i]);
                out.push_str(": ");
                copied = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    out.push_str(&compact[copied..]);
    out
}

/// `JSON.parse(text)`.
pub fn parse_js(text: &str) -> Fallible<JsValue> {
    js_sys::JSON::parse(text).map_err(|e| Failure::internal(describe(&e)))
}

/// A local date-time from a JS `Date`: its wall-clock time in the runtime's time zone.
fn local_time_of(d: &js_sys::Date, field: &str) -> Fallible<NaiveDateTime> {
    let date = NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date());
    let time = NaiveTime::from_hms_milli_opt(
        d.get_hours(),
        d.get_minutes(),
        d.get_seconds(),
        d.get_milliseconds(),
    );
    match (date, time) {
        (Some(date), Some(time)) => Ok(date.and_time(time)),
        _ => Err(ParseError::datetime(
            "it is not a date the calendar holds (an Invalid Date?)",
            String::from(d.to_string()),
        )
        .in_field(field)
        .into()),
    }
}

/// A local date-time from a string (the core's local-time rule: an offset is refused) or a JS
/// `Date` (read in the runtime's local time zone).
pub fn datetime_from_js(value: &JsValue, field: &str) -> Fallible<NaiveDateTime> {
    if let Some(s) = value.as_string() {
        return parse_local_datetime(&s).map_err(|e| e.in_field(field).into());
    }
    match value.dyn_ref::<js_sys::Date>() {
        Some(d) => local_time_of(d, field),
        None => Err(Failure::invalid(
            field,
            format!(
                "expected a local date-time string or a Date, got {}",
                type_of(value)
            ),
        )),
    }
}

/// A date from a string or a JS `Date`, by the core's rule for dates (a time of day other than
/// midnight is refused: it would be dropped).
pub fn date_from_js(value: &JsValue, field: &str) -> Fallible<NaiveDate> {
    let text = match value.dyn_ref::<js_sys::Date>() {
        Some(d) => format_local_datetime(local_time_of(d, field)?),
        None => text_arg(value, field)?,
    };
    parse_date(&text).map_err(|e| e.in_field(field).into())
}

/// A member of a JSON object that was a JS `Date`, replaced by its local time (its `toJSON`
/// would have written the UTC instant, which the time rule refuses as an offset).
pub fn local_date_member(
    object: &JsValue,
    json: &mut Value,
    name: &str,
    field: &str,
    date_only: bool,
) -> Fallible<()> {
    let Some(map) = json.as_object_mut() else {
        return Ok(());
    };
    let member = js_sys::Reflect::get(object, &JsValue::from_str(name)).unwrap_or_default();
    if member.is_instance_of::<js_sys::Date>() {
        let text = if date_only {
            date_from_js(&member, field)?.to_string()
        } else {
            format_local_datetime(datetime_from_js(&member, field)?)
        };
        map.insert(name.to_owned(), Value::String(text));
    }
    Ok(())
}

/// A label argument (`volunteer#3`, `organisation#2`, `tx#7`…) read by the core's `FromStr`,
/// or an object in the core's JSON form; `what` names the kind in the message for other types.
pub fn label_from_js<T>(value: &JsValue, field: &str, what: &str) -> Fallible<T>
where
    T: std::str::FromStr<Err = ParseError> + DeserializeOwned,
{
    if let Some(s) = value.as_string() {
        return s.parse().map_err(|e: ParseError| e.in_field(field).into());
    }
    if value.is_object() {
        return from_js(value, field);
    }
    Err(Failure::invalid(
        field,
        format!("expected {what}, got {}", type_of(value)),
    ))
}

/// A period `{start, end}` (dates, end exclusive) from JS, read and checked by the core.
pub fn period_from_js(value: &JsValue) -> Fallible<huzhu::scoring::Period> {
    let p: huzhu::scoring::Period = from_js(value, "period")?;
    p.check(huzhu::scoring::InputRef::Period, "period")?;
    Ok(p)
}

/// A number argument: a JS number, nothing else (wasm-bindgen's own `f64` would take `true` as 1
/// and `"30"` as 30): anything else is a `HuzhuError` `INVALID_ARGUMENT` naming `field`, except a
/// `BigInt`, a `TypeError` as JavaScript's own arithmetic gives. NaN and infinities pass here;
/// [`whole`] and [`minutes`] refuse them.
pub fn number(value: &JsValue, field: &str) -> Result<f64, JsValue> {
    if let Some(n) = value.as_f64() {
        return Ok(n);
    }
    if value.is_bigint() {
        return Err(js_sys::TypeError::new(&format!(
            "{field}: cannot convert a BigInt value to a number"
        ))
        .into());
    }
    Err(Failure::invalid(field, format!("expected a number, got {}", type_of(value))).into())
}

/// An optional number argument (`undefined` and `null`: `None`); anything else as [`number`].
pub fn opt_number(value: Option<&JsValue>, field: &str) -> Result<Option<f64>, JsValue> {
    match value {
        Some(v) if !v.is_undefined() && !v.is_null() => number(v, field).map(Some),
        _ => Ok(None),
    }
}

/// A need id from a JS number: a NaN, an infinity or a fraction is no whole number
/// (`INVALID_ARGUMENT`); a whole number is read by the core's id reader, which refuses one out
/// of range (`INVALID_ID`) as it does on every surface.
pub fn need_id(value: f64, field: &str) -> Fallible<huzhu::model::NeedId> {
    if !value.is_finite() || value.fract() != 0.0 {
        return Err(Failure::invalid(
            field,
            format!("{value} is not a whole number"),
        ));
    }
    format!("{value:.0}")
        .parse()
        .map_err(|e: ParseError| e.in_field(field).into())
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
    if value.is_finite() && value.fract() == 0.0 && value.abs() <= SAFE_INTEGER {
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
    fn pretty_lays_out_as_serde_json_does() {
        let value = serde_json::json!({
            "name": "a \"quoted\" {name}, [with] : brackets \\",
            "empty": [], "none": {}, "n": -1.5e-7, "list": [1, [2, []], {"k": null}],
            "nested": {"x": {"y": [true, false]}, "z": "\u{1}\n中"}
        });
        let compact = serde_json::to_string(&value).unwrap();
        assert_eq!(
            pretty(&compact),
            serde_json::to_string_pretty(&value).unwrap()
        );
        let c =
            huzhu::model::Community::from_json(include_str!("../../core/examples/community.json"))
                .unwrap();
        assert_eq!(pretty(&json(&c.to_snapshot()).unwrap()), c.to_json());
    }

    #[test]
    fn numbers_are_checked() {
        assert_eq!(id32(7.0, "id").unwrap(), 7);
        assert!(id32(1.5, "id").is_err());
        assert!(id32(-1.0, "id").is_err());
        assert!(minutes(f64::NAN, "m").is_err());
        assert_eq!(minutes(-30.0, "m").unwrap(), -30);
        let e = minutes(1.5, "minutes").unwrap_err();
        assert_eq!(
            (e.code.as_str(), e.message.as_str()),
            (
                "INVALID_ARGUMENT",
                "minutes: 1.5 is not a whole number of minutes"
            )
        );
    }
}
