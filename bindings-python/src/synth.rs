//! `huzhu.synth`: the seeded synthetic district and a week of time-bank exchanges.

use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime};
use huzhu::ledger::LedgerPolicy;
use huzhu::synth::{DistrictConfig, GridArea, generate, time_bank_week};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use serde_json::{Map, Value};

use crate::community::PyCommunity;
use crate::convert::{date_arg, datetime_arg, ser_py, to_json};
use crate::errors::{core_err, guard};
use crate::ledger::PyLedger;
use crate::matching::PyPlan;
use crate::tables::{TableBuilder, wrap};

/// A generated district: the community, its week, grids and a summary.
#[pyclass(frozen, module = "huzhu", name = "District")]
pub struct PyDistrict {
    community: Arc<huzhu::model::Community>,
    week_start: NaiveDate,
    now: NaiveDateTime,
    grids: Vec<GridArea>,
    summary: huzhu::synth::DistrictSummary,
}

#[pymethods]
impl PyDistrict {
    /// The community.
    #[getter]
    fn community(&self) -> PyCommunity {
        PyCommunity {
            inner: Arc::clone(&self.community),
        }
    }
    /// Monday of the generated week.
    #[getter]
    fn week_start(&self) -> NaiveDate {
        self.week_start
    }
    /// The end of the week (when every need has been recorded).
    #[getter]
    fn now(&self) -> NaiveDateTime {
        self.now
    }
    /// Counts: residents, aged 60+/65+/80+, children, special groups, grids, volunteers, …
    #[getter]
    fn summary(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        ser_py(py, &self.summary)
    }
    /// Grid cells: id, centre lat/lon, side in metres, residents.
    #[getter]
    fn grids(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| {
            let g = &self.grids;
            let mut b = TableBuilder::default();
            b.int("grid", g.iter().map(|x| Some(i64::from(x.id.0))))
                .float("lat", g.iter().map(|x| Some(x.centre.lat)))
                .float("lon", g.iter().map(|x| Some(x.centre.lon)))
                .int("side_m", g.iter().map(|x| Some(i64::from(x.side_m))))
                .int("residents", g.iter().map(|x| Some(i64::from(x.residents))));
            wrap(py, b.finish())
        })
    }
    fn __repr__(&self) -> String {
        let s = &self.summary;
        format!(
            "<huzhu.District {:?}: {} residents in {} grids, {} volunteers, {} services, {} needs; week of {}>",
            self.community.name(),
            s.residents,
            s.grids,
            s.volunteers,
            s.services,
            s.needs,
            self.week_start
        )
    }
}

/// Generates a realistic district (seeded, so the same arguments give the same district). The
/// configuration is read by the core (`DistrictConfig::from_value`): the arguments below and
/// any other setting as a keyword (`residents_per_grid`, `density_per_km2`, …); unknown
/// settings are refused, and errors name the setting.
#[pyfunction]
#[pyo3(signature = (residents=None, *, seed=None, week_start=None, name=None, centre=None, needs_per_thousand=None, volunteer_permille=None, recorded_in_advance=false, **settings))]
#[allow(clippy::too_many_arguments)]
fn generate_district(
    py: Python<'_>,
    residents: Option<&Bound<'_, PyAny>>,
    seed: Option<&Bound<'_, PyAny>>,
    week_start: Option<&Bound<'_, PyAny>>,
    name: Option<&Bound<'_, PyAny>>,
    centre: Option<&Bound<'_, PyAny>>,
    needs_per_thousand: Option<&Bound<'_, PyAny>>,
    volunteer_permille: Option<&Bound<'_, PyAny>>,
    recorded_in_advance: bool,
    settings: Option<&Bound<'_, PyDict>>,
) -> PyResult<PyDistrict> {
    guard(|| {
        let mut config = match crate::convert::settings("settings", None, settings)? {
            Value::Object(m) => m,
            _ => Map::new(),
        };
        let week = match week_start.filter(|w| !w.is_none()) {
            Some(w) => date_arg(w, "week_start")?,
            None => NaiveDate::from_ymd_opt(2026, 11, 23).expect("a valid date"),
        };
        config.insert("week_start".into(), Value::String(week.to_string()));
        config.insert("residents".into(), Value::from(2000));
        config.insert("seed".into(), Value::from(2026));
        config.insert(
            "recorded_in_advance".into(),
            Value::Bool(recorded_in_advance),
        );
        for (key, arg) in [
            ("residents", residents),
            ("seed", seed),
            ("name", name),
            ("centre", centre),
            ("needs_per_thousand", needs_per_thousand),
            ("volunteer_permille", volunteer_permille),
        ] {
            if let Some(v) = arg.filter(|v| !v.is_none()) {
                config.insert(key.into(), to_json(v, key)?);
            }
        }
        let cfg = DistrictConfig::from_value(Value::Object(config)).map_err(core_err)?;
        let d = py.detach(|| generate(&cfg)).map_err(core_err)?;
        Ok(PyDistrict {
            community: Arc::new(d.community),
            week_start: d.week_start,
            now: d.now,
            grids: d.grids,
            summary: d.summary,
        })
    })
}

/// Runs a week of time-bank exchanges for a plan's assignments (earn, redeem, donate, pool
/// grants, starting grants): returns `(Ledger, summary dict)`.
#[pyfunction]
#[pyo3(signature = (plan, *, week_start, policy=None, **kwargs))]
fn time_bank(
    py: Python<'_>,
    plan: &PyPlan,
    week_start: &Bound<'_, PyAny>,
    policy: Option<&Bound<'_, PyAny>>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<(PyLedger, Py<PyAny>)> {
    guard(|| {
        let p = LedgerPolicy::from_value(crate::convert::settings("policy", policy, kwargs)?)
            .map_err(core_err)?;
        let start = datetime_arg(week_start, "week_start")?;
        let (l, s) = py
            .detach(|| time_bank_week(&plan.community, &plan.plan.assignments, p, start))
            .map_err(core_err)?;
        let d = PyDict::new(py);
        d.set_item("accounts", s.accounts)?;
        d.set_item("earned", s.earned)?;
        d.set_item("redeemed", s.redeemed)?;
        d.set_item("donated", s.donated)?;
        d.set_item("pool_granted", s.pool_granted)?;
        d.set_item("starting_grants", s.starting_grants)?;
        d.set_item("refused", s.refused)?;
        Ok((PyLedger::from_ledger(l), d.into_any().unbind()))
    })
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(generate_district, m)?)?;
    m.add_function(wrap_pyfunction!(time_bank, m)?)?;
    Ok(())
}
