//! Python values into the core's readers and back: JSON-like values (settings, operations,
//! contexts), ids and labels (the core's `FromStr`), local date-times (the core's one rule).
//!
//! Nothing here has a grammar of its own. Ids are the core's labels (or, input only, the
//! spellings the core also reads); a pair `("volunteer", 3)` goes to the core's reader as the
//! pair `["volunteer", 3]`, or, as a dict key, is written as its label. Times are naive local
//! `datetime`s, `date`s (midnight) or text read by
//! [`parse_local_datetime`](huzhu::model::text::parse_local_datetime); a timezone-aware
//! `datetime` or pandas `Timestamp` is refused, never converted.

use std::str::FromStr;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use huzhu::model::text::{ParseError, format_local_datetime, parse_date, parse_local_datetime};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDate, PyDateTime, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::errors::{core_err, type_err, value_err};

fn repr(obj: &Bound<'_, PyAny>) -> String {
    obj.repr().map_or_else(|_| "?".into(), |r| r.to_string())
}

/// A Python value (None, bool, int, float, str, date, datetime, list, tuple, dict) as JSON;
/// `path` names it in errors (`policy.alerts.correct_below`).
pub(crate) fn to_json(obj: &Bound<'_, PyAny>, path: &str) -> PyResult<Value> {
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if obj.is_instance_of::<PyBool>() {
        return Ok(Value::Bool(obj.extract()?));
    }
    if obj.is_instance_of::<PyInt>()
        || (obj.hasattr("__index__")? && !obj.is_instance_of::<PyFloat>())
    {
        return int_json(obj, path);
    }
    if obj.is_instance_of::<PyFloat>() {
        let v: f64 = obj.extract()?;
        return serde_json::Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| value_err(path, format!("{v} is not a finite number")));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_str()?.to_owned()));
    }
    if obj.is_instance_of::<PyDate>() {
        return Ok(Value::String(if obj.is_instance_of::<PyDateTime>() {
            format_local_datetime(datetime_arg(obj, path)?)
        } else {
            obj.extract::<NaiveDate>()?.to_string()
        }));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut m = Map::new();
        for (k, v) in d.iter() {
            let key = key_text(&k)?;
            let at = if path.is_empty() {
                key.clone()
            } else {
                format!("{path}.{key}")
            };
            m.insert(key, to_json(&v, &at)?);
        }
        return Ok(Value::Object(m));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        return obj
            .try_iter()?
            .enumerate()
            .map(|(i, x)| to_json(&x?, &format!("{path}[{i}]")))
            .collect::<PyResult<Vec<_>>>()
            .map(Value::Array);
    }
    Err(type_err(
        path,
        format!("cannot use a {} here", obj.get_type().name()?),
    ))
}

/// An int (or numpy integer) as a JSON number: 64 bits signed or unsigned.
fn int_json(obj: &Bound<'_, PyAny>, path: &str) -> PyResult<Value> {
    if let Ok(v) = obj.extract::<i64>() {
        return Ok(Value::from(v));
    }
    if let Ok(v) = obj.extract::<u64>() {
        return Ok(Value::from(v));
    }
    Err(value_err(
        path,
        format!("{} is outside the 64-bit range", repr(obj)),
    ))
}

/// A dict key as JSON text: text as it is, a number in decimal, a pair `("volunteer", 3)` as
/// its label `volunteer#3` (maps keyed by helper are keyed by label in the core's JSON).
fn key_text(k: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(s) = k.cast::<PyString>() {
        return Ok(s.to_str()?.to_owned());
    }
    if let Ok((kind, n)) = k.extract::<(String, u32)>() {
        return Ok(format!("{kind}#{n}"));
    }
    Ok(k.str()?.to_str()?.to_owned())
}

/// JSON as plain Python values.
pub(crate) fn to_py(py: Python<'_>, v: &Value) -> PyResult<Py<PyAny>> {
    Ok(match v {
        Value::Null => py.None(),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any().unbind(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any().unbind()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any().unbind()
            } else {
                n.as_f64()
                    .unwrap_or(f64::NAN)
                    .into_pyobject(py)?
                    .into_any()
                    .unbind()
            }
        }
        Value::String(s) => s.into_pyobject(py)?.into_any().unbind(),
        Value::Array(a) => {
            let items = a
                .iter()
                .map(|x| to_py(py, x))
                .collect::<PyResult<Vec<_>>>()?;
            PyList::new(py, items)?.into_any().unbind()
        }
        Value::Object(m) => {
            let d = PyDict::new(py);
            for (k, x) in m {
                d.set_item(k, to_py(py, x)?)?;
            }
            d.into_any().unbind()
        }
    })
}

/// Any core value as plain Python values, in the core's JSON shape (the same on every surface).
pub(crate) fn ser_py<T: serde::Serialize>(py: Python<'_>, v: &T) -> PyResult<Py<PyAny>> {
    let json = serde_json::to_value(v)
        .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
    to_py(py, &json)
}

/// A value in the core's JSON: Python objects (dicts, lists) or JSON text, read by the core
/// under `root` (the argument's name).
pub(crate) fn core_json<T: DeserializeOwned>(obj: &Bound<'_, PyAny>, root: &str) -> PyResult<T> {
    if let Ok(s) = obj.cast::<PyString>() {
        return huzhu::model::json::from_str(s.to_str()?, root).map_err(core_err);
    }
    huzhu::model::json::from_value(to_json(obj, root)?, root).map_err(core_err)
}

/// Settings for a core reader (a policy, a configuration): one JSON object from `dict` (a
/// mapping, or None) overlaid with the keyword arguments. The core reads it, with its defaults,
/// refusing unknown settings and naming the one at fault.
pub(crate) fn settings(
    name: &str,
    dict: Option<&Bound<'_, PyAny>>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<Value> {
    let mut map = match dict.filter(|d| !d.is_none()) {
        None => Map::new(),
        Some(d) if d.is_instance_of::<PyDict>() => match to_json(d, "")? {
            Value::Object(m) => m,
            _ => Map::new(),
        },
        Some(d) => {
            return Err(type_err(
                name,
                format!("expected a dict of settings, got {}", repr(d)),
            ));
        }
    };
    if let Some(kw) = kwargs {
        for (k, v) in kw.iter() {
            let k: String = k.extract()?;
            let value = to_json(&v, &k)?;
            map.insert(k, value);
        }
    }
    Ok(Value::Object(map))
}

/// An id argument read by the core: its label (or an input-only spelling), an int for the ids
/// that are numbers (`7` for a need, a transaction), or a pair `("volunteer", 3)`. `what` says
/// what was expected when the value is of no usable type.
pub(crate) fn id_arg<T>(obj: &Bound<'_, PyAny>, field: &str, what: &str) -> PyResult<T>
where
    T: FromStr<Err = ParseError> + DeserializeOwned,
{
    let parse = |text: &str| text.parse::<T>().map_err(|e| core_err(e.in_field(field)));
    if let Ok(s) = obj.cast::<PyString>() {
        return parse(s.to_str()?);
    }
    // An int, or a numpy integer (read through `__index__`): its decimal text.
    if !obj.is_instance_of::<PyBool>()
        && let Ok(n) = obj.extract::<i128>()
    {
        return parse(&n.to_string());
    }
    if obj.is_instance_of::<PyInt>() && !obj.is_instance_of::<PyBool>() {
        return parse(obj.str()?.to_str()?); // beyond 128 bits: refused by the core, named
    }
    if obj.is_instance_of::<PyTuple>() || obj.is_instance_of::<PyList>() {
        return huzhu::model::json::from_value(to_json(obj, field)?, field).map_err(core_err);
    }
    Err(type_err(
        field,
        format!("expected {what}, got {}", repr(obj)),
    ))
}

/// What a helper argument looks like.
pub(crate) const A_HELPER: &str = "a helper label such as \"volunteer#3\" or (\"volunteer\", 3)";
/// What a need argument looks like.
pub(crate) const A_NEED: &str = "a need id such as 7 or \"need#7\"";
/// What an account argument looks like.
pub(crate) const AN_ACCOUNT: &str = "an account label such as \"volunteer#3\"";
/// What a transaction argument looks like.
pub(crate) const A_TRANSACTION: &str = "a transaction id such as \"tx#7\" or 7";

/// Whether the value is "not a time": pandas `NaT` (a `datetime` that is not equal to itself).
fn not_a_time(obj: &Bound<'_, PyAny>) -> bool {
    obj.ne(obj).unwrap_or(false)
}

/// A local date-time argument: a naive `datetime` as it is, a `date` at midnight, text (or a
/// numpy `datetime64`) by the core's rule. A timezone-aware value, `NaT` and `None` are refused.
pub(crate) fn datetime_arg(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<NaiveDateTime> {
    let refuse = |e: ParseError| core_err(e.in_field(field));
    if obj.is_none() {
        return Err(type_err(field, "expected a date-time, got None"));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return parse_local_datetime(s.to_str()?).map_err(refuse);
    }
    if obj.is_instance_of::<PyDateTime>() {
        if not_a_time(obj) {
            return Err(refuse(ParseError::datetime("it is NaT, not a time", "NaT")));
        }
        if !obj.getattr("tzinfo")?.is_none() {
            return Err(refuse(ParseError::utc_offset(obj.str()?.to_str()?)));
        }
        return obj.extract::<NaiveDateTime>();
    }
    if obj.is_instance_of::<PyDate>() {
        return Ok(obj.extract::<NaiveDate>()?.and_time(NaiveTime::MIN));
    }
    if obj.get_type().name()?.to_str()? == "datetime64" {
        return parse_local_datetime(obj.str()?.to_str()?).map_err(refuse);
    }
    Err(type_err(
        field,
        format!(
            "expected a date-time (a naive datetime, a date or text), got {}",
            repr(obj)
        ),
    ))
}

/// A date argument: a `date`, text, or a date-time at midnight (by the core's rule: a time of
/// day would be dropped, so it is refused).
pub(crate) fn date_arg(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<NaiveDate> {
    let refuse = |e: ParseError| core_err(e.in_field(field));
    if obj.is_none() {
        return Err(type_err(field, "expected a date, got None"));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return parse_date(s.to_str()?).map_err(refuse);
    }
    if obj.is_instance_of::<PyDate>() && !obj.is_instance_of::<PyDateTime>() {
        return obj.extract::<NaiveDate>();
    }
    let at = datetime_arg(obj, field)?;
    parse_date(&format_local_datetime(at)).map_err(refuse)
}

/// Escapes text for HTML.
pub(crate) fn html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
