//! `huzhu.formats`: HSDS 3.0 import (JSON and the tabular CSV datapackage, one importer) and
//! GeoJSON export of plans and living-circle coverage.

use std::sync::Arc;

use huzhu::formats::geojson::{coverage_to_geojson, plan_to_geojson};
use huzhu::formats::hsds::{HsdsImportOptions, HsdsTables, import_tables};
use huzhu::model::{CategoryCode, Community, SpecialGroup};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::community::PyCommunity;
use crate::convert::to_json;
use crate::errors::{core_err, core_err_at, guard, int_arg};
use crate::matching::PyPlan;
use crate::tables::{TableBuilder, wrap};

/// Imports HSDS services and organisations into a community (a new empty one, or a copy of
/// `community`): returns `(community, report table, ids dict)`. `text` is HSDS JSON (one
/// service, a list, or an object of tables) when `tabular` is false, or the tabular form
/// `{"services": [rows…], …}` (what the Python wrapper reads from a CSV datapackage) when true.
#[pyfunction]
#[pyo3(name = "_hsds_import", signature = (text, *, tabular, community=None, name="community", skip_invalid=false, utc_offset_minutes=None, categories=None, groups=None, default_category=None, radius_m=None, capacity_per_week=None))]
#[allow(clippy::too_many_arguments)]
fn hsds_import(
    py: Python<'_>,
    text: &str,
    tabular: bool,
    community: Option<&PyCommunity>,
    name: &str,
    skip_invalid: bool,
    utc_offset_minutes: Option<i32>,
    categories: Option<&Bound<'_, PyDict>>,
    groups: Option<&Bound<'_, PyDict>>,
    default_category: Option<String>,
    radius_m: Option<u32>,
    capacity_per_week: Option<u32>,
) -> PyResult<(PyCommunity, Py<PyAny>, Py<PyAny>)> {
    guard(|| {
        let mut o = HsdsImportOptions {
            skip_invalid,
            ..HsdsImportOptions::default()
        };
        if let Some(m) = utc_offset_minutes {
            o = o.with_utc_offset_minutes(m);
        }
        if let Some(d) = categories {
            for (k, v) in d.iter() {
                o = o.map_term(&k.extract::<String>()?, &v.extract::<String>()?);
            }
        }
        if let Some(d) = groups {
            for (k, v) in d.iter() {
                let term: String = k.extract()?;
                let path = format!("groups.{term}");
                let g: SpecialGroup =
                    huzhu::model::json::from_value(to_json(&v, &path)?, &path).map_err(core_err)?;
                o = o.map_group(&term, g);
            }
        }
        if let Some(c) = default_category {
            o.default_category = Some(CategoryCode(c));
        }
        if let Some(r) = radius_m {
            o.radius_m = r;
        }
        if let Some(c) = capacity_per_week {
            o.capacity_per_week = c;
        }
        let mut c: Community =
            community.map_or_else(|| Community::new(name), |c| (*c.inner).clone());
        // New ids continue after the community's own, so imported records never collide.
        if let Some(p) = c.providers().map(|p| p.id.0).max() {
            o.first_provider_id = o.first_provider_id.max(p + 1);
        }
        if let Some(x) = c.services().map(|x| x.id.0).max() {
            o.first_service_id = o.first_service_id.max(x + 1);
        }
        let import = py
            .detach(|| {
                let tables = if tabular {
                    HsdsTables::from_tabular_json(text)
                } else {
                    HsdsTables::from_json(text)
                }?;
                import_tables(&tables, &o)
            })
            .map_err(core_err)?;
        import
            .add_to(&mut c)
            .map_err(|e| core_err_at(e, "hsds", None))?;
        let issues = &import.report.issues;
        let mut b = TableBuilder::default();
        b.str(
            "severity",
            issues.iter().map(|i| {
                serde_json::to_value(i.severity)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
            }),
        )
        .str("table", issues.iter().map(|i| Some(i.table.as_str())))
        .str("record", issues.iter().map(|i| Some(i.record.as_str())))
        .str("field", issues.iter().map(|i| Some(i.field.as_str())))
        .str("why", issues.iter().map(|i| Some(i.why.as_str())));
        let report = wrap(py, b.finish())?;
        let ids = PyDict::new(py);
        let providers = PyDict::new(py);
        for (k, v) in &import.ids.providers {
            providers.set_item(k, v.0)?;
        }
        let services = PyDict::new(py);
        for s in &import.ids.services {
            services.set_item(&s.service_at_location, s.id.0)?;
        }
        ids.set_item("providers", providers)?;
        ids.set_item("services", services)?;
        Ok((
            PyCommunity { inner: Arc::new(c) },
            report,
            ids.into_any().unbind(),
        ))
    })
}

/// A plan as a GeoJSON FeatureCollection (text): needs, helpers and the match lines.
#[pyfunction]
#[pyo3(name = "plan_geojson")]
fn plan_geojson(py: Python<'_>, plan: &PyPlan) -> PyResult<String> {
    guard(|| Ok(py.detach(|| plan_to_geojson(&plan.community, &plan.plan).to_string())))
}

/// Living-circle coverage as a GeoJSON FeatureCollection (text).
#[pyfunction]
#[pyo3(name = "coverage_geojson", signature = (community, threshold_minutes=None))]
fn coverage_geojson(
    py: Python<'_>,
    community: &PyCommunity,
    threshold_minutes: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    guard(|| {
        let threshold_minutes: u32 =
            threshold_minutes.map_or(Ok(15), |t| int_arg(t, "threshold_minutes"))?;
        Ok(py.detach(|| coverage_to_geojson(&community.inner, threshold_minutes).to_string()))
    })
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(hsds_import, m)?)?;
    m.add_function(wrap_pyfunction!(plan_geojson, m)?)?;
    m.add_function(wrap_pyfunction!(coverage_geojson, m)?)?;
    Ok(())
}
