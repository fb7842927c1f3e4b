//! `huzhu.Community`: built from tables or a JSON snapshot, and back to tables.
//!
//! Column names follow the JSON snapshot's field names; nested places are flattened (`lat`,
//! `lon`), lists are Arrow lists or text separated by `;`, weekly schedules are text such as
//! `"Mon 09:00-12:00; Wed 14:00-17:00"` (`schedule.rs`). Reading the tables is `records_in.rs`,
//! writing them `records_out.rs`.

use std::fmt::Write as _;
use std::sync::Arc;

use huzhu::model::Community;
use pyo3::prelude::*;

use crate::convert::html;
use crate::errors::{core_err, guard};
use crate::records_in::{
    read_categories, read_needs, read_providers, read_residents, read_services, read_volunteers,
};
use crate::records_out::{
    categories_table, needs_table, providers_table, residents_table, services_table,
    volunteers_table,
};
use crate::tables::{Frame, wrap};

/// A validated community: residents, needs, volunteers, services and providers.
#[pyclass(frozen, module = "huzhu", name = "Community")]
pub struct PyCommunity {
    pub(crate) inner: Arc<Community>,
}

type Opt<'a, 'py> = Option<&'a Bound<'py, PyAny>>;

fn frame(name: &'static str, obj: Opt<'_, '_>) -> PyResult<Option<Frame>> {
    obj.filter(|o| !o.is_none())
        .map(|o| Frame::new(name, crate::tables::table_arg(o)?))
        .transpose()
}

#[pymethods]
impl PyCommunity {
    /// Builds a community from tables (anything Arrow-exportable, or pandas). Every row is
    /// validated; the first bad one raises `ValidationError` naming table, row and column.
    #[staticmethod]
    #[pyo3(signature = (residents, needs=None, volunteers=None, services=None, providers=None, categories=None, *, name="community"))]
    #[allow(clippy::too_many_arguments)]
    fn from_tables(
        py: Python<'_>,
        residents: &Bound<'_, PyAny>,
        needs: Opt<'_, '_>,
        volunteers: Opt<'_, '_>,
        services: Opt<'_, '_>,
        providers: Opt<'_, '_>,
        categories: Opt<'_, '_>,
        name: &str,
    ) -> PyResult<Self> {
        guard(|| {
            let frames = [
                frame("categories", categories)?,
                frame("providers", providers)?,
                frame("residents", Some(residents))?,
                frame("volunteers", volunteers)?,
                frame("services", services)?,
                frame("needs", needs)?,
            ];
            let c = py.detach(|| build(name, frames))?;
            Ok(Self { inner: Arc::new(c) })
        })
    }

    /// Loads a JSON snapshot (the format of `to_json`).
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        guard(|| {
            let c = py.detach(|| Community::from_json(text)).map_err(core_err)?;
            Ok(Self { inner: Arc::new(c) })
        })
    }

    /// The JSON snapshot (pretty-printed); `from_json` gives an equal community back.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        guard(|| Ok(py.detach(|| self.inner.to_json())))
    }

    /// Every table, in the columns `from_tables` reads: a dict of name → `huzhu.Table`.
    fn to_tables<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, pyo3::types::PyDict>> {
        guard(|| {
            let d = pyo3::types::PyDict::new(py);
            d.set_item("residents", self.residents(py)?)?;
            d.set_item("needs", self.needs(py)?)?;
            d.set_item("volunteers", self.volunteers(py)?)?;
            d.set_item("services", self.services(py)?)?;
            d.set_item("providers", self.providers(py)?)?;
            d.set_item("categories", self.categories(py)?)?;
            Ok(d)
        })
    }

    /// The community's name.
    #[getter]
    fn name(&self) -> String {
        self.inner.name().to_owned()
    }

    /// Counts of each kind of record.
    #[getter]
    fn counts(&self) -> std::collections::BTreeMap<&'static str, usize> {
        let c = &self.inner;
        [
            ("residents", c.residents().len()),
            ("needs", c.needs().len()),
            ("volunteers", c.volunteers().len()),
            ("services", c.services().len()),
            ("providers", c.providers().len()),
        ]
        .into_iter()
        .collect()
    }

    /// Residents as a table.
    #[getter]
    fn residents(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| wrap(py, py.detach(|| residents_table(&self.inner))))
    }

    /// Needs as a table.
    #[getter]
    fn needs(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| wrap(py, py.detach(|| needs_table(&self.inner))))
    }

    /// Volunteers as a table.
    #[getter]
    fn volunteers(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| wrap(py, py.detach(|| volunteers_table(&self.inner))))
    }

    /// Services as a table.
    #[getter]
    fn services(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| wrap(py, py.detach(|| services_table(&self.inner))))
    }

    /// Providers as a table.
    #[getter]
    fn providers(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| wrap(py, providers_table(&self.inner)))
    }

    /// The need taxonomy (bilingual category labels with stable codes) as a table.
    #[getter]
    fn categories(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| wrap(py, categories_table(&self.inner)))
    }

    /// Matches the open needs exactly (min-cost flow); see the stubs for the keyword arguments.
    /// `progress=True` shows a `tqdm.auto` bar; a callable is called as `(phase, done, total)`.
    #[pyo3(name = "match", signature = (*, now=None, policy=None, pinned=None, committed=None, history=None, unavailable=None, reliability=None, hours=false, progress=None, **kwargs))]
    #[allow(clippy::too_many_arguments)]
    fn match_(
        &self,
        py: Python<'_>,
        now: Opt<'_, '_>,
        policy: Opt<'_, '_>,
        pinned: Opt<'_, '_>,
        committed: Opt<'_, '_>,
        history: Opt<'_, '_>,
        unavailable: Opt<'_, '_>,
        reliability: Opt<'_, '_>,
        hours: bool,
        progress: Opt<'_, '_>,
        kwargs: Option<&Bound<'_, pyo3::types::PyDict>>,
    ) -> PyResult<crate::matching::PyPlan> {
        guard(|| {
            let bar = match progress {
                Some(p) if !p.is_none() && !p.is_callable() => {
                    if p.is_truthy()? {
                        Some(py.import("huzhu._progress")?.call_method0("bar")?)
                    } else {
                        None
                    }
                }
                _ => None,
            };
            let progress = bar.as_ref().or(progress.filter(|p| p.is_callable()));
            let result = crate::matching::run(
                py,
                &self.inner,
                &crate::matching::Args {
                    now,
                    policy,
                    pinned,
                    committed,
                    history,
                    unavailable,
                    reliability,
                    hours,
                    progress,
                    kwargs,
                },
            );
            if let Some(b) = bar {
                b.call_method0("close")?;
            }
            result
        })
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<Self>()
            .is_ok_and(|o| *o.get().inner == *self.inner)
    }

    fn __repr__(&self) -> String {
        let c = &self.inner;
        format!(
            "<huzhu.Community {:?}: {} residents, {} needs, {} volunteers, {} services>",
            c.name(),
            c.residents().len(),
            c.needs().len(),
            c.volunteers().len(),
            c.services().len()
        )
    }

    fn _repr_html_(&self) -> String {
        let c = &self.inner;
        let aged = |y: u32| {
            let today = c
                .needs()
                .map(|n| n.created_at.date())
                .max()
                .unwrap_or_default();
            c.residents().filter(|r| r.age_on(today) >= y).count()
        };
        let special = c.residents().filter(|r| r.is_priority()).count();
        let mut s = format!("<div><b>huzhu.Community</b> {}<table>", html(c.name()));
        for (k, v) in [
            ("residents", c.residents().len()),
            ("aged 60+", aged(60)),
            ("aged 80+", aged(80)),
            ("special groups", special),
            ("needs", c.needs().len()),
            ("volunteers", c.volunteers().len()),
            ("services", c.services().len()),
            ("providers", c.providers().len()),
        ] {
            let _ = write!(
                s,
                "<tr><td>{k}</td><td style='text-align:right'>{v}</td></tr>"
            );
        }
        s.push_str("</table></div>");
        s
    }
}

fn build(name: &str, frames: [Option<Frame>; 6]) -> PyResult<Community> {
    let [
        categories,
        providers,
        residents,
        volunteers,
        services,
        needs,
    ] = frames;
    let mut c = Community::new(name);
    if let Some(f) = categories {
        read_categories(&mut c, &f)?;
    }
    let mut have_providers = false;
    if let Some(f) = providers {
        read_providers(&mut c, &f)?;
        have_providers = true;
    }
    if let Some(f) = residents {
        read_residents(&mut c, &f)?;
    }
    if let Some(f) = volunteers {
        read_volunteers(&mut c, &f)?;
    }
    if let Some(f) = services {
        read_services(&mut c, &f, !have_providers)?;
    }
    if let Some(f) = needs {
        read_needs(&mut c, &f)?;
    }
    Ok(c)
}
