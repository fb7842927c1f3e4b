//! `huzhu.Community`: built from tables or a JSON snapshot, and back to tables.
//!
//! Column names follow the JSON snapshot's field names; nested places are flattened (`lat`,
//! `lon`), lists are Arrow lists or text separated by `;`, weekly schedules are text such as
//! `"Mon 09:00-12:00; Wed 14:00-17:00"` (`schedule.rs`). Reading the tables is `records_in.rs`,
//! writing them `records_out.rs`; the care records (workers, care files and their packages, the
//! contact log) are `care_records.rs`; activities and feedback (complaints, suggestions)
//! `participation_records.rs`. `with_tables` and `with_records` give a new community
//! with records added (from tables, or from Python objects in the core's JSON shape); `update`
//! one with needs written in by id, for rolling planning (`rolling.rs`).

use std::fmt::Write as _;
use std::sync::Arc;

use huzhu::model::Community;
use pyo3::prelude::*;
use serde_json::Value;

use crate::care_records::{
    care_files_table, contacts_table, packages_table, read_care_files, read_contacts, read_workers,
    workers_table,
};
use crate::convert::{html, ser_py, to_json};
use crate::errors::{core_err, guard, type_err, value_err};
use crate::participation_records::{
    activities_table, feedback_table, read_activities, read_feedback,
};
use crate::records_in::{
    read_categories, read_needs, read_providers, read_residents, read_services, read_volunteers,
};
use crate::records_out::{
    categories_table, needs_table, providers_table, residents_table, services_table,
    volunteers_table,
};
use crate::tables::{Frame, wrap};

/// A validated community: residents, needs, volunteers, services and providers, the care
/// records (workers, care files, the contact log), activities with their attendees and the
/// residents' complaints and suggestions.
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
    /// The care records (workers, care files with their package items, the contact log),
    /// activities (attendees as a list or `;`-separated ids) and feedback are optional tables
    /// too.
    #[staticmethod]
    #[pyo3(signature = (residents, needs=None, volunteers=None, services=None, providers=None, categories=None, workers=None, care_files=None, packages=None, contacts=None, activities=None, feedback=None, *, name="community"))]
    #[allow(clippy::too_many_arguments)]
    fn from_tables(
        py: Python<'_>,
        residents: &Bound<'_, PyAny>,
        needs: Opt<'_, '_>,
        volunteers: Opt<'_, '_>,
        services: Opt<'_, '_>,
        providers: Opt<'_, '_>,
        categories: Opt<'_, '_>,
        workers: Opt<'_, '_>,
        care_files: Opt<'_, '_>,
        packages: Opt<'_, '_>,
        contacts: Opt<'_, '_>,
        activities: Opt<'_, '_>,
        feedback: Opt<'_, '_>,
        name: &str,
    ) -> PyResult<Self> {
        guard(|| {
            let frames = Frames::read([
                categories,
                providers,
                Some(residents),
                volunteers,
                services,
                needs,
                workers,
                care_files,
                packages,
                contacts,
                activities,
                feedback,
            ])?;
            let c = py.detach(|| frames.add_to(Community::new(name)))?;
            Ok(Self { inner: Arc::new(c) })
        })
    }

    /// A new community: this one with the records of the tables added (the columns of
    /// `from_tables`), e.g. the week's needs of `huzhu.care.package_needs` or the care records
    /// of a district. Each row is checked as in `from_tables`; this community is unchanged.
    #[pyo3(signature = (*, residents=None, needs=None, volunteers=None, services=None, providers=None, categories=None, workers=None, care_files=None, packages=None, contacts=None, activities=None, feedback=None))]
    #[allow(clippy::too_many_arguments)]
    fn with_tables(
        &self,
        py: Python<'_>,
        residents: Opt<'_, '_>,
        needs: Opt<'_, '_>,
        volunteers: Opt<'_, '_>,
        services: Opt<'_, '_>,
        providers: Opt<'_, '_>,
        categories: Opt<'_, '_>,
        workers: Opt<'_, '_>,
        care_files: Opt<'_, '_>,
        packages: Opt<'_, '_>,
        contacts: Opt<'_, '_>,
        activities: Opt<'_, '_>,
        feedback: Opt<'_, '_>,
    ) -> PyResult<Self> {
        guard(|| {
            let frames = Frames::read([
                categories, providers, residents, volunteers, services, needs, workers, care_files,
                packages, contacts, activities, feedback,
            ])?;
            let c = py.detach(|| frames.add_to((*self.inner).clone()))?;
            Ok(Self { inner: Arc::new(c) })
        })
    }

    /// A new community: this one with the rows of `needs` written in by id, for a rolling
    /// planning loop that builds the community once and then passes only what changed. A row
    /// whose id is already in the community replaces that need (the row is the whole record:
    /// a status change, a moved window); a row with a new id adds a need. The columns and
    /// checks are those of `from_tables`; the first bad row raises `ValidationError` naming
    /// table, row, column and record, and an id given twice is refused at its second row.
    /// Every row given is read in full at the call (nothing is cached); the rest of the
    /// community is its own records, whatever became of the tables it was built from. This
    /// community is unchanged; rows equal to the needs already there change nothing (with
    /// none that differ, the result shares this community's records).
    #[pyo3(signature = (*, needs=None))]
    fn update(&self, py: Python<'_>, needs: Opt<'_, '_>) -> PyResult<Self> {
        guard(|| {
            let Some(f) = frame("needs", needs)? else {
                return Ok(Self {
                    inner: Arc::clone(&self.inner),
                });
            };
            let c = py.detach(|| crate::rolling::update_needs(&self.inner, &f))?;
            Ok(Self { inner: c })
        })
    }

    /// A new community: this one with records added from Python objects in the core's JSON
    /// shape, as in the snapshot — a dict of lists under `providers`, `residents`,
    /// `volunteers`, `services`, `needs`, `workers`, `care_files`, `contacts`, `activities`,
    /// `feedback` (added in that order). The core reads each record (errors name the path, `care_files[0].opened`) and
    /// checks it as it is added (errors name the record and field, `care file of resident#1`,
    /// `package[0].until`); this community is unchanged.
    fn with_records(&self, py: Python<'_>, records: &Bound<'_, PyAny>) -> PyResult<Self> {
        guard(|| {
            let value = to_json(records, "records")?;
            let c = py.detach(|| add_records((*self.inner).clone(), value))?;
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
            d.set_item("workers", self.workers(py)?)?;
            d.set_item("care_files", self.care_files(py)?)?;
            d.set_item("packages", self.packages(py)?)?;
            d.set_item("contacts", self.contacts(py)?)?;
            d.set_item("activities", self.activities(py)?)?;
            d.set_item("feedback", self.feedback(py)?)?;
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
            ("workers", c.workers().len()),
            ("care_files", c.care_files().len()),
            ("contacts", c.contacts().len()),
            ("activities", c.activities().len()),
            ("feedback", c.all_feedback().len()),
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

    /// Workers (grid, social and community workers) as a table.
    #[getter]
    fn workers(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| wrap(py, workers_table(&self.inner)))
    }

    /// Care files (one per resident: assessment, risk level, worker, contact plan) as a table.
    #[getter]
    fn care_files(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| wrap(py, care_files_table(&self.inner)))
    }

    /// The care files' service packages, one row per item, as a table.
    #[getter]
    fn packages(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| wrap(py, packages_table(&self.inner)))
    }

    /// The contact log (visits, calls, needs surveys) as a table.
    #[getter]
    fn contacts(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| wrap(py, py.detach(|| contacts_table(&self.inner))))
    }

    /// Activities and deliberation (meetings, hearings, interest groups, volunteer events…)
    /// with their attendees, as a table.
    #[getter]
    fn activities(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| wrap(py, py.detach(|| activities_table(&self.inner))))
    }

    /// The residents' complaints and suggestions, as a table.
    #[getter]
    fn feedback(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| wrap(py, py.detach(|| feedback_table(&self.inner))))
    }

    /// Who gets free service (the core's JSON of the subsidy policy: `{"aged_from": 80}`).
    #[getter]
    fn subsidy(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| ser_py(py, self.inner.subsidy()))
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
            ("workers", c.workers().len()),
            ("care files", c.care_files().len()),
            ("contacts", c.contacts().len()),
            ("activities", c.activities().len()),
            ("feedback", c.all_feedback().len()),
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

/// The input tables, read in the order records may refer back: categories, providers,
/// residents, volunteers, services, needs, workers, care files (with packages), contacts,
/// activities, feedback.
struct Frames {
    frames: [Option<Frame>; 12],
    /// Whether services create the providers they name (no providers table was given).
    auto_providers: bool,
}

impl Frames {
    const NAMES: [&'static str; 12] = [
        "categories",
        "providers",
        "residents",
        "volunteers",
        "services",
        "needs",
        "workers",
        "care_files",
        "packages",
        "contacts",
        "activities",
        "feedback",
    ];

    fn read(objs: [Opt<'_, '_>; 12]) -> PyResult<Self> {
        let mut frames: [Option<Frame>; 12] = Default::default();
        for ((slot, name), obj) in frames.iter_mut().zip(Self::NAMES).zip(objs) {
            *slot = frame(name, obj)?;
        }
        Ok(Self {
            auto_providers: frames[1].is_none(),
            frames,
        })
    }

    fn add_to(self, mut c: Community) -> PyResult<Community> {
        let [
            categories,
            providers,
            residents,
            volunteers,
            services,
            needs,
            workers,
            care_files,
            packages,
            contacts,
            activities,
            feedback,
        ] = self.frames;
        if let Some(f) = categories {
            read_categories(&mut c, &f)?;
        }
        if let Some(f) = providers {
            read_providers(&mut c, &f)?;
        }
        if let Some(f) = residents {
            read_residents(&mut c, &f)?;
        }
        if let Some(f) = volunteers {
            read_volunteers(&mut c, &f)?;
        }
        if let Some(f) = services {
            read_services(&mut c, &f, self.auto_providers)?;
        }
        if let Some(f) = needs {
            read_needs(&mut c, &f)?;
        }
        if let Some(f) = workers {
            read_workers(&mut c, &f)?;
        }
        match (care_files, packages) {
            (Some(f), p) => read_care_files(&mut c, &f, p.as_ref())?,
            (None, Some(p)) => read_care_files(&mut c, &Frame::empty("care_files"), Some(&p))?,
            (None, None) => {}
        }
        if let Some(f) = contacts {
            read_contacts(&mut c, &f)?;
        }
        if let Some(f) = activities {
            read_activities(&mut c, &f)?;
        }
        if let Some(f) = feedback {
            read_feedback(&mut c, &f)?;
        }
        Ok(c)
    }
}

/// The record lists of a snapshot, in the order they are added.
const RECORD_LISTS: [&str; 10] = [
    "providers",
    "residents",
    "volunteers",
    "services",
    "needs",
    "workers",
    "care_files",
    "contacts",
    "activities",
    "feedback",
];

/// Reads the list under `key` with the core's JSON reader and adds each record through `add`.
fn add_each<T: serde::de::DeserializeOwned>(
    c: &mut Community,
    records: &mut serde_json::Map<String, Value>,
    key: &str,
    add: impl Fn(&mut Community, T) -> Result<(), huzhu::error::ModelError>,
) -> PyResult<()> {
    let Some(list) = records.remove(key) else {
        return Ok(());
    };
    let items: Vec<T> = huzhu::model::json::from_value(list, key).map_err(core_err)?;
    for item in items {
        add(c, item).map_err(core_err)?;
    }
    Ok(())
}

/// Adds the records of a dict of lists in the snapshot's shape, in the snapshot's order.
fn add_records(mut c: Community, value: Value) -> PyResult<Community> {
    let Value::Object(mut m) = value else {
        return Err(type_err(
            "records",
            "expected a dict of record lists (\"care_files\": [...], …)",
        ));
    };
    if let Some(k) = m.keys().find(|k| !RECORD_LISTS.contains(&k.as_str())) {
        return Err(value_err(
            k,
            format!(
                "unknown record list, expected one of {}",
                RECORD_LISTS.map(|r| format!("`{r}`")).join(", ")
            ),
        ));
    }
    add_each(&mut c, &mut m, "providers", Community::add_provider)?;
    add_each(&mut c, &mut m, "residents", Community::add_resident)?;
    add_each(&mut c, &mut m, "volunteers", Community::add_volunteer)?;
    add_each(&mut c, &mut m, "services", Community::add_service)?;
    add_each(&mut c, &mut m, "needs", Community::add_need)?;
    add_each(&mut c, &mut m, "workers", Community::add_worker)?;
    add_each(&mut c, &mut m, "care_files", Community::add_care_file)?;
    add_each(&mut c, &mut m, "contacts", Community::add_contact)?;
    add_each(&mut c, &mut m, "activities", Community::add_activity)?;
    add_each(&mut c, &mut m, "feedback", Community::add_feedback)?;
    Ok(c)
}
