//! `huzhu.synth`: the seeded synthetic district and a week of time-bank exchanges.

use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime};
use huzhu::ledger::LedgerPolicy;
use huzhu::model::GeoPoint;
use huzhu::synth::{DistrictConfig, GridArea, generate, time_bank_week};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::community::PyCommunity;
use crate::convert::{date, datetime, policy_from};
use crate::errors::{guard, int_arg, ledger_err, model_err};
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
    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let s = &self.summary;
        let d = PyDict::new(py);
        for (k, v) in [
            ("residents", s.residents),
            ("aged_60_plus", s.aged_60_plus),
            ("aged_65_plus", s.aged_65_plus),
            ("aged_80_plus", s.aged_80_plus),
            ("children", s.children),
            ("grids", s.grids),
            ("compounds", s.compounds),
            ("volunteers", s.volunteers),
            ("resident_volunteers", s.resident_volunteers),
            ("providers", s.providers),
            ("services", s.services),
            ("needs", s.needs),
        ] {
            d.set_item(k, v)?;
        }
        d.set_item("area_m2", s.area_m2)?;
        let g = PyDict::new(py);
        for (k, v) in &s.special_groups {
            g.set_item(k.code(), v)?;
        }
        d.set_item("special_groups", g)?;
        Ok(d)
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

/// Generates a realistic district (seeded, so the same arguments give the same district).
#[pyfunction]
#[pyo3(signature = (residents=None, *, seed=None, week_start=None, name=None, centre=None, needs_per_thousand=None, volunteer_permille=None, recorded_in_advance=false))]
#[allow(clippy::too_many_arguments)]
fn generate_district(
    py: Python<'_>,
    residents: Option<&Bound<'_, PyAny>>,
    seed: Option<&Bound<'_, PyAny>>,
    week_start: Option<&Bound<'_, PyAny>>,
    name: Option<&str>,
    centre: Option<(f64, f64)>,
    needs_per_thousand: Option<u32>,
    volunteer_permille: Option<u16>,
    recorded_in_advance: bool,
) -> PyResult<PyDistrict> {
    guard(|| {
        let residents: u32 = residents.map_or(Ok(2000), |r| int_arg(r, "residents"))?;
        let seed: u64 = seed.map_or(Ok(2026), |s| int_arg(s, "seed"))?;
        let week = match week_start.filter(|w| !w.is_none()) {
            Some(w) => date(w)?,
            None => NaiveDate::from_ymd_opt(2026, 11, 23).expect("a valid date"),
        };
        let mut cfg = DistrictConfig::new(residents, week)
            .with_seed(seed)
            .with_needs_recorded_in_advance(recorded_in_advance);
        if let Some(n) = name {
            cfg = cfg.with_name(n);
        }
        if let Some((lat, lon)) = centre {
            cfg = cfg.with_centre(GeoPoint { lat, lon });
        }
        if let Some(n) = needs_per_thousand {
            cfg = cfg.with_needs_per_thousand(n);
        }
        if let Some(v) = volunteer_permille {
            cfg = cfg.with_volunteer_permille(v);
        }
        let d = py
            .detach(|| generate(&cfg))
            .map_err(|e| model_err(&e, None, None))?;
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
        let p = policy_from("ledger policy", &LedgerPolicy::default(), policy, kwargs)?;
        let start = datetime(week_start)?;
        let (l, s) = py
            .detach(|| time_bank_week(&plan.community, &plan.plan.assignments, p, start))
            .map_err(|e| ledger_err(&e))?;
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
