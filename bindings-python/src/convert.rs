//! Small conversions between Python values and the core's types: JSON-like values (for policies,
//! explanations and stats), ids, datetimes.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use huzhu::ledger::AccountId;
use huzhu::model::{HelperId, NeedId, ProviderId, ResidentId, ServiceId, VolunteerId};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Value};

use crate::errors::{policy_err, policy_setting_err};

/// A Python value (None, bool, int, float, str, date, datetime, list, tuple, dict) as JSON.
pub(crate) fn to_json(obj: &Bound<'_, PyAny>) -> PyResult<Value> {
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if obj.is_instance_of::<PyBool>() {
        return Ok(Value::Bool(obj.extract()?));
    }
    if obj.is_instance_of::<PyInt>() {
        return Ok(Value::from(obj.extract::<i64>()?));
    }
    if obj.is_instance_of::<PyFloat>() {
        return Ok(serde_json::Number::from_f64(obj.extract()?).map_or(Value::Null, Value::Number));
    }
    if obj.is_instance_of::<PyString>() {
        return Ok(Value::String(obj.extract()?));
    }
    if let Ok(d) = obj.extract::<NaiveDateTime>() {
        return Ok(Value::String(d.format("%Y-%m-%dT%H:%M:%S").to_string()));
    }
    if let Ok(d) = obj.extract::<NaiveDate>() {
        return Ok(Value::String(d.to_string()));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut m = Map::new();
        for (k, v) in d.iter() {
            m.insert(k.str()?.to_string(), to_json(&v)?);
        }
        return Ok(Value::Object(m));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        return obj
            .try_iter()?
            .map(|x| to_json(&x?))
            .collect::<PyResult<Vec<_>>>()
            .map(Value::Array);
    }
    Err(PyTypeError::new_err(format!(
        "cannot use a {} here",
        obj.get_type().name()?
    )))
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

/// Any serde value as plain Python values.
pub(crate) fn ser_py<T: serde::Serialize>(py: Python<'_>, v: &T) -> PyResult<Py<PyAny>> {
    let json = serde_json::to_value(v).map_err(|e| PyValueError::new_err(e.to_string()))?;
    to_py(py, &json)
}

/// A policy: the core's defaults overlaid with a dict and keyword arguments, checked by serde
/// (unknown names and wrong types are errors that name the key).
pub(crate) fn policy_from<T>(
    what: &str,
    base: &T,
    dict: Option<&Bound<'_, PyAny>>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<T>
where
    T: serde::Serialize + serde::de::DeserializeOwned,
{
    let mut value = serde_json::to_value(base).map_err(|e| policy_err(what, e))?;
    let Value::Object(map) = &mut value else {
        return Err(policy_err(what, "not a record"));
    };
    let known: Vec<String> = map.keys().cloned().collect();
    let defaults = map.clone();
    let mut given: Vec<String> = Vec::new();
    let mut overlay = |k: String, v: Value| -> PyResult<()> {
        if !known.contains(&k) {
            return Err(policy_err(
                what,
                format!("unknown setting `{k}` (known: {})", known.join(", ")),
            ));
        }
        map.insert(k.clone(), v);
        given.push(k);
        Ok(())
    };
    if let Some(d) = dict.filter(|d| !d.is_none()) {
        let Value::Object(m) = to_json(d)? else {
            return Err(policy_err(what, "expected a dict of settings"));
        };
        for (k, v) in m {
            overlay(k, v)?;
        }
    }
    if let Some(kw) = kwargs {
        for (k, v) in kw.iter() {
            overlay(k.extract()?, to_json(&v)?)?;
        }
    }
    let settings = value.clone();
    serde_json::from_value(value).map_err(|e| {
        // Name the setting: the first given one that the defaults do not accept on its own.
        let bad = given.iter().find(|k| {
            let mut one = defaults.clone();
            one.insert((*k).clone(), settings[k.as_str()].clone());
            serde_json::from_value::<T>(Value::Object(one)).is_err()
        });
        match bad {
            Some(k) => policy_setting_err(what, k, e),
            None => policy_err(what, e),
        }
    })
}

fn split_id(s: &str) -> Option<(String, u32)> {
    let s = s.trim();
    let (kind, id) = s.rsplit_once(['#', ':', '/'])?;
    Some((kind.trim().to_ascii_lowercase(), id.trim().parse().ok()?))
}

fn kind_and_id(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<(String, Option<u32>)> {
    if let Ok(s) = obj.extract::<String>() {
        if let Some((k, i)) = split_id(&s) {
            return Ok((k, Some(i)));
        }
        return Ok((s.trim().to_ascii_lowercase().replace('-', "_"), None));
    }
    if let Ok((k, i)) = obj.extract::<(String, u32)>() {
        return Ok((k.to_ascii_lowercase(), Some(i)));
    }
    Err(PyValueError::new_err(format!(
        "expected {what} such as \"volunteer#3\" or (\"volunteer\", 3), got {}",
        obj.repr()?
    )))
}

/// `"volunteer#3"`, `"service:2"`, `("volunteer", 3)`.
pub(crate) fn helper_id(obj: &Bound<'_, PyAny>) -> PyResult<HelperId> {
    match kind_and_id(obj, "a helper")? {
        (k, Some(i)) if k == "volunteer" => Ok(HelperId::Volunteer(VolunteerId(i))),
        (k, Some(i)) if k == "service" => Ok(HelperId::Service(ServiceId(i))),
        _ => Err(PyValueError::new_err(format!(
            "expected a helper such as \"volunteer#3\" or \"service#2\", got {}",
            obj.repr()?
        ))),
    }
}

pub(crate) fn helper_parts(h: HelperId) -> (&'static str, u32) {
    match h {
        HelperId::Volunteer(v) => ("volunteer", v.0),
        HelperId::Service(s) => ("service", s.0),
    }
}

/// `"resident#1"`, `"volunteer#3"`, `"organisation#2"`, `"fund"`, `"donation_pool"`, or tuples.
pub(crate) fn account_id(obj: &Bound<'_, PyAny>) -> PyResult<AccountId> {
    match kind_and_id(obj, "an account")? {
        (k, Some(i)) if k == "resident" => Ok(AccountId::Resident(ResidentId(i))),
        (k, Some(i)) if k == "volunteer" => Ok(AccountId::Volunteer(VolunteerId(i))),
        (k, Some(i)) if k == "organisation" || k == "organization" || k == "provider" => {
            Ok(AccountId::Organisation(ProviderId(i)))
        }
        (k, None) if k == "fund" => Ok(AccountId::Fund),
        (k, None) if k == "donation_pool" || k == "pool" => Ok(AccountId::DonationPool),
        _ => Err(PyValueError::new_err(format!(
            "expected an account such as \"resident#1\", \"volunteer#3\", \"organisation#2\", \"fund\" or \"donation_pool\", got {}",
            obj.repr()?
        ))),
    }
}

pub(crate) fn account_str(a: AccountId) -> String {
    match a {
        AccountId::Resident(r) => format!("resident#{}", r.0),
        AccountId::Volunteer(v) => format!("volunteer#{}", v.0),
        AccountId::Organisation(p) => format!("organisation#{}", p.0),
        AccountId::Fund => "fund".into(),
        AccountId::DonationPool => "donation_pool".into(),
    }
}

pub(crate) fn need_id(obj: &Bound<'_, PyAny>) -> PyResult<NeedId> {
    if let Ok(i) = obj.extract::<u32>() {
        return Ok(NeedId(i));
    }
    match kind_and_id(obj, "a need")? {
        (k, Some(i)) if k == "need" => Ok(NeedId(i)),
        _ => Err(PyValueError::new_err(format!(
            "expected a need id (an int or \"need#7\"), got {}",
            obj.repr()?
        ))),
    }
}

/// A datetime, or a date (midnight), or ISO text.
pub(crate) fn datetime(obj: &Bound<'_, PyAny>) -> PyResult<NaiveDateTime> {
    if let Ok(d) = obj.extract::<NaiveDateTime>() {
        return Ok(d);
    }
    if let Ok(d) = obj.extract::<NaiveDate>() {
        return Ok(d.and_time(NaiveTime::MIN));
    }
    if let Ok(s) = obj.extract::<String>() {
        return crate::tables::parse_datetime(&s).map_err(PyValueError::new_err);
    }
    // pandas.Timestamp and numpy.datetime64 convert through isoformat / str.
    if let Ok(s) = obj.call_method0("isoformat") {
        return crate::tables::parse_datetime(&s.extract::<String>()?)
            .map_err(PyValueError::new_err);
    }
    Err(PyTypeError::new_err(format!(
        "expected a datetime, got {}",
        obj.repr()?
    )))
}

pub(crate) fn date(obj: &Bound<'_, PyAny>) -> PyResult<NaiveDate> {
    if let Ok(d) = obj.extract::<NaiveDateTime>() {
        return Ok(d.date());
    }
    if let Ok(d) = obj.extract::<NaiveDate>() {
        return Ok(d);
    }
    if let Ok(s) = obj.extract::<String>() {
        return crate::tables::parse_date(&s).map_err(PyValueError::new_err);
    }
    Err(PyTypeError::new_err(format!(
        "expected a date, got {}",
        obj.repr()?
    )))
}

/// Escapes text for HTML.
pub(crate) fn html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
