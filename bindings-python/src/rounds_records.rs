//! A rounds plan's visits and servers (and a week's contact rounds) in (tables, or the core's
//! JSON) and its tables out.
//!
//! A list of dicts or JSON text is the core's JSON of `RoundVisit` / `RoundWorker` /
//! `ContactRound`, read by the core (defaults for what is left out, unknown fields refused,
//! errors naming the path, `visits[0].windows[0].end`). A table has one row per visit (or
//! contact round) and one row per server's shift:
//!
//! - visits: `id`, `lat`, `lon`, `minutes`, then optional `window_start` + `window_end` (one
//!   window) and `windows` (more: a list, or text separated by `;`, of the core's
//!   `start/end` form), `skills` (a list or `;`-separated text), `required` and `preferred`
//!   (server labels), `urgency` (a code), `source` (a code, `other`, or the core's JSON,
//!   `{"contact": 3}`);
//! - contact rounds: a visit's columns, then `every_days` and optionally `last` (a date);
//! - servers: `server` (label), `start_lat`, `start_lon`, `end_lat`, `end_lon`, then optional
//!   `shift_start` + `shift_end` and `shifts` (as a visit's windows), `skills`,
//!   `max_minutes_per_shift`, `mode` (a code). A server with several shifts has a row per
//!   shift (the server's shifts in row order); its other cells repeat the first row's or are
//!   left empty.
//!
//! Labels are read by the core's `FromStr`, codes and JSON cells by its serde, date-times by its
//! local-time rule (a timezone-aware column is refused); optional cells left empty take the
//! core's defaults (read once from the core's JSON). A column the records do not have is
//! refused. The records' own checks (a window shorter than its visit, a latitude of 91) are the
//! core's, in `plan_rounds`. A time window on its own (a shift, a day's window) is the core's
//! JSON (`{"start", "end"}`, or a pair `(start, end)`) or its text `start/end`.

use std::collections::HashMap;

use huzhu::model::{GeoPoint, Skill, TimeWindow};
use huzhu::routing::{
    ContactRound, Round, RoundVisit, RoundWorker, Rounds, Server, Stop, Unplanned, VisitSource,
};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};
use pyo3_arrow::PyTable;
use serde_json::{Value, json};

use crate::convert::core_json;
use crate::errors::{CellError, core_err, type_err};
use crate::records_in::{point, req_point};
use crate::tables::{Col, Frame, TableBuilder, table_arg};

/// The columns of a visits table.
const VISIT_COLUMNS: [&str; 12] = [
    "id",
    "lat",
    "lon",
    "minutes",
    "window_start",
    "window_end",
    "windows",
    "skills",
    "required",
    "preferred",
    "urgency",
    "source",
];

/// The columns a contact round adds to a visit's.
const PLAN_COLUMNS: [&str; 2] = ["every_days", "last"];

/// The columns of a servers table.
const WORKER_COLUMNS: [&str; 11] = [
    "server",
    "start_lat",
    "start_lon",
    "end_lat",
    "end_lon",
    "shift_start",
    "shift_end",
    "shifts",
    "skills",
    "max_minutes_per_shift",
    "mode",
];

type R<T> = Result<T, CellError>;

/// Whether an argument is the core's JSON (a list or tuple of dicts, or JSON text) rather than
/// a table.
fn is_json(obj: &Bound<'_, PyAny>) -> bool {
    obj.is_instance_of::<PyString>()
        || obj.is_instance_of::<PyList>()
        || obj.is_instance_of::<PyTuple>()
}

/// The visits: the core's JSON (a list of dicts, JSON text) or a table.
pub(crate) fn visits_arg(obj: &Bound<'_, PyAny>) -> PyResult<Vec<RoundVisit>> {
    if is_json(obj) {
        return core_json(obj, "visits");
    }
    read_visits(&Frame::new("visits", table_arg(obj)?)?)
}

/// The servers: the core's JSON (a list of dicts, JSON text) or a table.
pub(crate) fn workers_arg(obj: &Bound<'_, PyAny>) -> PyResult<Vec<RoundWorker>> {
    if is_json(obj) {
        return core_json(obj, "workers");
    }
    read_workers(&Frame::new("workers", table_arg(obj)?)?)
}

/// The contact rounds of a week: the core's JSON (a list of dicts, JSON text) or a table (a
/// visit's columns, `every_days`, `last`).
pub(crate) fn plans_arg(obj: &Bound<'_, PyAny>) -> PyResult<Vec<ContactRound>> {
    if is_json(obj) {
        return core_json(obj, "plans");
    }
    read_plans(&Frame::new("plans", table_arg(obj)?)?)
}

/// Visits, or contact rounds (their visits): a table with an `every_days` column, or dicts
/// with a `visit`, are contact rounds.
pub(crate) fn visits_or_plans_arg(obj: &Bound<'_, PyAny>) -> PyResult<Vec<RoundVisit>> {
    if is_json(obj) {
        let value: Value = core_json(obj, "visits")?;
        let plans = value
            .as_array()
            .and_then(|a| a.first())
            .is_some_and(|v| v.get("visit").is_some());
        if plans {
            let plans: Vec<ContactRound> =
                huzhu::model::json::from_value(value, "visits").map_err(core_err)?;
            return Ok(plans.into_iter().map(|p| p.visit).collect());
        }
        return huzhu::model::json::from_value(value, "visits").map_err(core_err);
    }
    let f = Frame::new("visits", table_arg(obj)?)?;
    if f.has("every_days") {
        return Ok(read_plans(&f)?.into_iter().map(|p| p.visit).collect());
    }
    read_visits(&f)
}

/// One time window: the core's text `start/end`, or its JSON (`{"start", "end"}`, a pair
/// `(start, end)`), read by the core under `field`.
pub(crate) fn window_arg(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<TimeWindow> {
    if let Ok(text) = obj.cast::<PyString>() {
        return text
            .to_str()?
            .parse::<TimeWindow>()
            .map_err(|e| core_err(e.in_field(field)));
    }
    if !(obj.is_instance_of::<PyDict>()
        || obj.is_instance_of::<PyList>()
        || obj.is_instance_of::<PyTuple>())
    {
        return Err(type_err(
            field,
            "expected a time window: {\"start\": …, \"end\": …}, (start, end) or \"start/end\"",
        ));
    }
    core_json(obj, field)
}

/// Time windows: a list or tuple of windows, each as [`window_arg`].
pub(crate) fn windows_arg(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<Vec<TimeWindow>> {
    if !(obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>()) {
        return Err(type_err(field, "expected a list of time windows"));
    }
    obj.try_iter()?
        .enumerate()
        .map(|(i, w)| window_arg(&w?, &format!("{field}[{i}]")))
        .collect()
}

/// A record with the core's defaults in every optional field: read by the core's JSON reader
/// from the required fields alone.
fn defaults<T: serde::de::DeserializeOwned>(required: Value) -> PyResult<T> {
    huzhu::model::json::from_value(required, "").map_err(core_err)
}

/// A server label, read by the core (`worker#3`, `volunteer#12`).
fn server_cell(col: &Col, row: usize) -> R<Option<Server>> {
    col.string(row)?
        .map(|s| s.parse::<Server>().map_err(|e| col.core_err(row, e)))
        .transpose()
}

/// Where a visit comes from: a code (`other`) or the core's JSON (`{"contact": 3}`).
fn source_cell(col: &Col, row: usize) -> R<Option<VisitSource>> {
    match col.string(row)? {
        Some(text) if text.starts_with('{') => huzhu::model::json::from_str(&text, "source")
            .map(Some)
            .map_err(|e| col.core_err(row, e)),
        _ => col.code(row),
    }
}

/// A row's windows (or shifts): the pair `start` + `end` (both or neither), then the list's
/// items in the core's `start/end` form.
fn windows_cell(start: &Col, end: &Col, list: &Col, row: usize) -> R<Vec<TimeWindow>> {
    let mut out = Vec::new();
    match (start.datetime(row)?, end.datetime(row)?) {
        (Some(start), Some(end)) => out.push(TimeWindow { start, end }),
        (None, None) => {}
        (None, Some(_)) => {
            start.req(row, Col::datetime)?;
        }
        (Some(_), None) => {
            end.req(row, Col::datetime)?;
        }
    }
    for text in list.strings(row)? {
        out.push(
            text.parse::<TimeWindow>()
                .map_err(|e| list.core_err(row, e))?,
        );
    }
    Ok(out)
}

fn skills_cell(col: &Col, row: usize) -> R<Vec<Skill>> {
    Ok(col.strings(row)?.into_iter().map(Skill).collect())
}

fn read_visits(f: &Frame) -> PyResult<Vec<RoundVisit>> {
    f.refuse_unknown(&VISIT_COLUMNS)?;
    visit_rows(f)
}

fn read_plans(f: &Frame) -> PyResult<Vec<ContactRound>> {
    let known: Vec<&str> = VISIT_COLUMNS.iter().chain(&PLAN_COLUMNS).copied().collect();
    f.refuse_unknown(&known)?;
    let visits = visit_rows(f)?;
    let (every, last) = (f.col("every_days")?, f.col("last")?);
    visits
        .into_iter()
        .enumerate()
        .map(|(row, visit)| {
            let rec = |e: CellError| e.with_record(format!("visit {}", visit.id));
            Ok(ContactRound {
                every_days: every.req(row, Col::u32).map_err(rec)?,
                last: last.date(row).map_err(rec)?,
                visit,
            })
        })
        .collect()
}

/// The visits of a table's rows (its columns already checked).
fn visit_rows(f: &Frame) -> PyResult<Vec<RoundVisit>> {
    let template: RoundVisit =
        defaults(json!({"id": 0, "place": {"lat": 0.0, "lon": 0.0}, "minutes": 1}))?;
    let (id, lat, lon, minutes) = (
        f.col("id")?,
        f.col("lat")?,
        f.col("lon")?,
        f.col("minutes")?,
    );
    let (ws, we, windows) = (
        f.col("window_start")?,
        f.col("window_end")?,
        f.col("windows")?,
    );
    let (skills, required, preferred) = (f.col("skills")?, f.col("required")?, f.col("preferred")?);
    let (urgency, source) = (f.col("urgency")?, f.col("source")?);
    let mut out = Vec::with_capacity(f.rows);
    for row in 0..f.rows {
        let vid = id.req(row, Col::u32)?;
        let rec = |e: CellError| e.with_record(format!("visit {vid}"));
        let mut v = RoundVisit {
            id: vid,
            place: req_point(&lat, &lon, row).map_err(rec)?,
            minutes: minutes.req(row, Col::u32).map_err(rec)?,
            windows: windows_cell(&ws, &we, &windows, row).map_err(rec)?,
            skills: skills_cell(&skills, row).map_err(rec)?,
            required: server_cell(&required, row).map_err(rec)?,
            preferred: server_cell(&preferred, row).map_err(rec)?,
            ..template.clone()
        };
        if let Some(u) = urgency.code(row).map_err(rec)? {
            v.urgency = u;
        }
        if let Some(s) = source_cell(&source, row).map_err(rec)? {
            v.source = s;
        }
        out.push(v);
    }
    Ok(out)
}

fn read_workers(f: &Frame) -> PyResult<Vec<RoundWorker>> {
    f.refuse_unknown(&WORKER_COLUMNS)?;
    let template: RoundWorker = defaults(json!({
        "server": "worker#0", "start": {"lat": 0.0, "lon": 0.0}, "end": {"lat": 0.0, "lon": 0.0},
        "shifts": [],
    }))?;
    let server = f.col("server")?;
    let (slat, slon, elat, elon) = (
        f.col("start_lat")?,
        f.col("start_lon")?,
        f.col("end_lat")?,
        f.col("end_lon")?,
    );
    let (ss, se, shifts) = (f.col("shift_start")?, f.col("shift_end")?, f.col("shifts")?);
    let (skills, max, mode) = (
        f.col("skills")?,
        f.col("max_minutes_per_shift")?,
        f.col("mode")?,
    );
    let mut out: Vec<RoundWorker> = Vec::new();
    // Each server's first row and its place in `out`.
    let mut seen: HashMap<Server, (usize, usize)> = HashMap::new();
    for row in 0..f.rows {
        let label = server.req(row, server_cell)?;
        let rec = |e: CellError| e.with_record(label.to_string());
        let row_shifts = windows_cell(&ss, &se, &shifts, row).map_err(rec)?;
        let row_skills = skills_cell(&skills, row).map_err(rec)?;
        let row_max = max.u32(row).map_err(rec)?;
        let row_mode = mode.code(row).map_err(rec)?;
        let Some(&(first, at)) = seen.get(&label) else {
            let mut w = RoundWorker {
                server: label,
                start: req_point(&slat, &slon, row).map_err(rec)?,
                end: req_point(&elat, &elon, row).map_err(rec)?,
                shifts: row_shifts,
                skills: row_skills,
                max_minutes_per_shift: row_max,
                ..template.clone()
            };
            if let Some(m) = row_mode {
                w.mode = m;
            }
            seen.insert(label, (row, out.len()));
            out.push(w);
            continue;
        };
        // A further shift: the other cells are empty or as in the server's first row.
        let w = &mut out[at];
        let differs = |column: &'static str| {
            rec(CellError::new(
                f.table,
                Some(row),
                Some(column),
                format!(
                    "differs from row {first} of the same server (a server's rows differ only in their shift)"
                ),
            ))
        };
        for (lat, lon, (lat_name, lon_name), was) in [
            (&slat, &slon, ("start_lat", "start_lon"), w.start),
            (&elat, &elon, ("end_lat", "end_lon"), w.end),
        ] {
            if let Some(p) = point(lat, lon, row).map_err(rec)? {
                if !same(p.lat, was.lat) {
                    return Err(differs(lat_name).into());
                }
                if !same(p.lon, was.lon) {
                    return Err(differs(lon_name).into());
                }
            }
        }
        if !row_skills.is_empty() && !same_skills(&row_skills, &w.skills) {
            return Err(differs("skills").into());
        }
        if row_max.is_some() && row_max != w.max_minutes_per_shift {
            return Err(differs("max_minutes_per_shift").into());
        }
        if row_mode.is_some_and(|m| m != w.mode) {
            return Err(differs("mode").into());
        }
        w.shifts.extend(row_shifts);
    }
    Ok(out)
}

/// The same coordinate, bit for bit (the cells repeat one value).
fn same(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits()
}

fn same_skills(a: &[Skill], b: &[Skill]) -> bool {
    fn sorted(s: &[Skill]) -> Vec<&str> {
        let mut v: Vec<&str> = s.iter().map(Skill::as_str).collect();
        v.sort_unstable();
        v
    }
    sorted(a) == sorted(b)
}

/// Places of the visits, by id.
fn places(visits: &[RoundVisit]) -> HashMap<u32, GeoPoint> {
    visits.iter().map(|v| (v.id, v.place)).collect()
}

fn int(n: usize) -> Option<i64> {
    i64::try_from(n).ok()
}

/// One row per stop: server, shift (from 0), order (from 1), visit, arrive, start, end, and
/// the visit's place.
pub(crate) fn stops_table(plan: &Rounds, visits: &[RoundVisit]) -> PyTable {
    let at = places(visits);
    // (round, order from 1, stop)
    let rows: Vec<(&Round, usize, &Stop)> = plan
        .rounds
        .iter()
        .flat_map(|r| r.stops.iter().enumerate().map(move |(i, s)| (r, i + 1, s)))
        .collect();
    let mut b = TableBuilder::default();
    b.str("server", rows.iter().map(|x| Some(x.0.server.to_string())))
        .int("shift", rows.iter().map(|x| int(x.0.shift)))
        .int("order", rows.iter().map(|x| int(x.1)))
        .int("visit", rows.iter().map(|x| Some(i64::from(x.2.visit))))
        .ts("arrive", rows.iter().map(|x| Some(x.2.arrive)))
        .ts("start", rows.iter().map(|x| Some(x.2.start)))
        .ts("end", rows.iter().map(|x| Some(x.2.end)))
        .float(
            "lat",
            rows.iter().map(|x| at.get(&x.2.visit).map(|p| p.lat)),
        )
        .float(
            "lon",
            rows.iter().map(|x| at.get(&x.2.visit).map(|p| p.lon)),
        );
    b.finish()
}

/// One row per round: server, shift, depart, back, travel_minutes, and the visits in order.
pub(crate) fn rounds_table(plan: &Rounds) -> PyTable {
    let r = &plan.rounds;
    let mut b = TableBuilder::default();
    b.str("server", r.iter().map(|x| Some(x.server.to_string())))
        .int("shift", r.iter().map(|x| int(x.shift)))
        .ts("depart", r.iter().map(|x| Some(x.depart)))
        .ts("back", r.iter().map(|x| Some(x.back)))
        .int(
            "travel_minutes",
            r.iter().map(|x| Some(i64::from(x.travel_minutes))),
        )
        .ints(
            "visits",
            r.iter().map(|x| {
                x.stops
                    .iter()
                    .map(|s| i64::from(s.visit))
                    .collect::<Vec<_>>()
            }),
        );
    b.finish()
}

/// The core's code of a reason (`no_skilled_server`, `outcompeted`, …): its JSON tag.
fn reason_code(u: &Unplanned) -> Option<String> {
    match serde_json::to_value(u) {
        Ok(Value::Object(m)) => m.get("reason").and_then(Value::as_str).map(str::to_owned),
        _ => None,
    }
}

/// One row per visit not planned: visit, reason (the core's code), by (the more urgent visits
/// that took its place) and server (whose round), and the visit's place.
pub(crate) fn unplanned_table(plan: &Rounds, visits: &[RoundVisit]) -> PyTable {
    let at = places(visits);
    let u = &plan.unplanned;
    let mut b = TableBuilder::default();
    b.int("visit", u.iter().map(|x| Some(i64::from(x.0))))
        .str("reason", u.iter().map(|x| reason_code(&x.1)))
        .ints(
            "by",
            u.iter().map(|x| match &x.1 {
                Unplanned::Outcompeted { by, .. } => {
                    by.iter().map(|&v| i64::from(v)).collect::<Vec<_>>()
                }
                _ => Vec::new(),
            }),
        )
        .str(
            "server",
            u.iter().map(|x| match &x.1 {
                Unplanned::Outcompeted { server, .. } => Some(server.to_string()),
                _ => None,
            }),
        )
        .float("lat", u.iter().map(|x| at.get(&x.0).map(|p| p.lat)))
        .float("lon", u.iter().map(|x| at.get(&x.0).map(|p| p.lon)));
    b.finish()
}
