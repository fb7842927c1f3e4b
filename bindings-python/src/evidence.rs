//! `huzhu.Evidence`: what happened (service records, surveys, care records, visit logs, staff,
//! time-bank summaries, workers' training, funding), held as the core's [`Evidence`]. Read from tables (one per kind) or
//! from the core's JSON; written back as tables or as that JSON.

use std::collections::BTreeMap;

use huzhu::model::{HelperId, NeedId, ResidentId};
use huzhu::scoring::{
    CareRecord, Dimension, Evidence, IdentityResponse, Period, ServiceRecord, ServiceRecordId,
    SurveyId, SurveyResponse, VisitLog,
};
use pyo3::prelude::*;

use crate::convert::{ser_py, to_json};
use crate::errors::{CellError, core_err, guard};
use crate::tables::{Col, Frame, TableBuilder, table_arg, wrap};
use crate::workforce::{funding_table, read_funding, read_training, training_table};

type Opt<'a, 'py> = Option<&'a Bound<'py, PyAny>>;

/// The five survey dimensions, in column order.
const DIMENSIONS: [Dimension; 5] = [
    Dimension::Content,
    Dimension::Efficiency,
    Dimension::Attitude,
    Dimension::Sustainability,
    Dimension::Innovation,
];

/// What happened: service records, satisfaction surveys, care records, visit logs (and the
/// time bank's period summary when simulated).
#[pyclass(frozen, module = "huzhu", name = "Evidence")]
pub struct PyEvidence {
    pub(crate) inner: Evidence,
}

fn frame(name: &'static str, o: Opt<'_, '_>) -> PyResult<Option<Frame>> {
    o.filter(|x| !x.is_none())
        .map(|o| Frame::new(name, table_arg(o)?))
        .transpose()
}

/// A helper cell: the core's label (`volunteer#3`).
fn helper_cell(col: &Col, row: usize) -> Result<HelperId, CellError> {
    col.req(row, Col::string)?
        .parse()
        .map_err(|e: huzhu::model::text::ParseError| col.core_err(row, e))
}

fn read_records(f: &Frame) -> PyResult<Vec<ServiceRecord>> {
    let (id, need, helper, started, finished, outcome) = (
        f.col("id")?,
        f.col("need")?,
        f.col("helper")?,
        f.col("started")?,
        f.col("finished")?,
        f.col("outcome")?,
    );
    let mut out = Vec::with_capacity(f.rows);
    for row in 0..f.rows {
        out.push(ServiceRecord {
            id: ServiceRecordId(id.req(row, Col::u32)?),
            need: NeedId(need.req(row, Col::u32)?),
            helper: helper_cell(&helper, row)?,
            started: started.req(row, Col::datetime)?,
            finished: finished.req(row, Col::datetime)?,
            outcome: outcome.code(row)?.unwrap_or(huzhu::scoring::Outcome::Done),
        });
    }
    Ok(out)
}

fn read_surveys(f: &Frame) -> PyResult<Vec<SurveyResponse>> {
    let (id, resp, helper, need, ps, pe) = (
        f.col("id")?,
        f.col("respondent")?,
        f.col("helper")?,
        f.col("need")?,
        f.col("period_start")?,
        f.col("period_end")?,
    );
    let dims = DIMENSIONS
        .iter()
        .map(|d| Ok((*d, f.col(d.code())?)))
        .collect::<PyResult<Vec<_>>>()?;
    let mut out = Vec::with_capacity(f.rows);
    for row in 0..f.rows {
        let mut answers = BTreeMap::new();
        for (d, c) in &dims {
            if let Some(v) = c.u32(row)? {
                // An answer beyond a byte is out of the Likert range: say so with the value.
                let v = u8::try_from(v).map_err(|_| {
                    CellError::new(
                        f.table,
                        Some(row),
                        Some(d.code()),
                        format!("value {v} is outside 1..=5"),
                    )
                })?;
                answers.insert(*d, v);
            }
        }
        out.push(SurveyResponse {
            id: SurveyId(id.req(row, Col::u32)?),
            respondent: ResidentId(resp.req(row, Col::u32)?),
            helper: helper_cell(&helper, row)?,
            need: need.u32(row)?.map(NeedId),
            period: Period {
                start: ps.req(row, Col::date)?,
                end: pe.req(row, Col::date)?,
            },
            answers,
        });
    }
    Ok(out)
}

fn read_identity(f: &Frame) -> PyResult<Vec<IdentityResponse>> {
    let (resp, date, known) = (
        f.col("respondent")?,
        f.col("date")?,
        f.col("neighbours_known")?,
    );
    // One column per default item (for items of your own, use `from_dict`).
    let items = huzhu::scoring::DEFAULT_IDENTITY_CODES
        .iter()
        .map(|code| Ok((*code, f.col(code)?)))
        .collect::<PyResult<Vec<_>>>()?;
    let mut out = Vec::with_capacity(f.rows);
    for row in 0..f.rows {
        let mut answers = BTreeMap::new();
        for (code, c) in &items {
            if let Some(v) = c.u32(row)? {
                let v = u8::try_from(v).map_err(|_| {
                    CellError::new(
                        f.table,
                        Some(row),
                        Some(code),
                        format!("value {v} is outside 1..=5"),
                    )
                })?;
                answers.insert((*code).to_owned(), v);
            }
        }
        out.push(IdentityResponse {
            respondent: ResidentId(resp.req(row, Col::u32)?),
            date: date.req(row, Col::date)?,
            answers,
            neighbours_known: known.u32(row)?,
        });
    }
    Ok(out)
}

fn read_care_records(f: &Frame) -> PyResult<Vec<CareRecord>> {
    let (r, o, c) = (f.col("resident")?, f.col("opened")?, f.col("closed")?);
    (0..f.rows)
        .map(|row| {
            Ok(CareRecord {
                resident: ResidentId(r.req(row, Col::u32)?),
                opened: o.req(row, Col::date)?,
                closed: c.date(row)?,
            })
        })
        .collect()
}

fn read_visits(f: &Frame) -> PyResult<Vec<VisitLog>> {
    let (r, at, kind) = (f.col("resident")?, f.col("at")?, f.col("kind")?);
    (0..f.rows)
        .map(|row| {
            Ok(VisitLog {
                resident: ResidentId(r.req(row, Col::u32)?),
                at: at.req(row, Col::datetime)?,
                kind: kind.code(row)?.unwrap_or(huzhu::scoring::VisitKind::Home),
            })
        })
        .collect()
}

/// An enum's code as the core's serde writes it.
pub(crate) fn code<T: serde::Serialize>(v: &T) -> Option<String> {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
}

#[pymethods]
impl PyEvidence {
    /// Evidence from tables. `records`: id, need, helper ("volunteer#3"), started, finished,
    /// outcome (done / no_show / cancelled). `surveys`: id, respondent, helper, need,
    /// period_start, period_end and one column per dimension (content, efficiency, attitude,
    /// sustainability, innovation) holding 1–5. `care_records`: resident, opened, closed.
    /// `visits`: resident, at, kind (home / phone). `identity`: respondent, date,
    /// neighbours_known and one column per default identity item (belong, proud, trust, help,
    /// care, leave) holding 1–5; for items of your own, use `from_dict`. `training`: worker,
    /// date, minutes (workers' training). `funding`: source (government, welfare_lottery,
    /// charity, enterprise, service_fees, other), date, amount_fen (service funding in fen).
    #[staticmethod]
    #[pyo3(signature = (records=None, surveys=None, care_records=None, visits=None, identity=None, training=None, funding=None))]
    fn from_tables(
        records: Opt<'_, '_>,
        surveys: Opt<'_, '_>,
        care_records: Opt<'_, '_>,
        visits: Opt<'_, '_>,
        identity: Opt<'_, '_>,
        training: Opt<'_, '_>,
        funding: Opt<'_, '_>,
    ) -> PyResult<Self> {
        guard(|| {
            let mut ev = Evidence::default();
            if let Some(f) = frame("records", records)? {
                ev.records = read_records(&f)?;
            }
            if let Some(f) = frame("surveys", surveys)? {
                ev.surveys = read_surveys(&f)?;
            }
            if let Some(f) = frame("care_records", care_records)? {
                ev.care_records = read_care_records(&f)?;
            }
            if let Some(f) = frame("visits", visits)? {
                ev.visits = read_visits(&f)?;
            }
            if let Some(f) = frame("identity", identity)? {
                ev.identity = read_identity(&f)?;
            }
            if let Some(f) = frame("training", training)? {
                ev.training = read_training(&f)?;
            }
            if let Some(f) = frame("funding", funding)? {
                ev.funding = read_funding(&f)?;
            }
            Ok(Self { inner: ev })
        })
    }

    /// Evidence from a dict in the core's JSON shape: `records`, `surveys`, `care_records`,
    /// `visits`, `staff`, `time_bank`, `assignments`, `identity`, `training`, `funding`, each
    /// optional; unknown fields are refused, and errors name the path
    /// (`evidence.surveys[0].answers`).
    #[staticmethod]
    fn from_dict(value: &Bound<'_, PyAny>) -> PyResult<Self> {
        guard(|| {
            let inner = huzhu::model::json::from_value(to_json(value, "evidence")?, "evidence")
                .map_err(core_err)?;
            Ok(Self { inner })
        })
    }

    /// Evidence from JSON text (the shape `from_dict` reads).
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Self> {
        guard(|| {
            let inner = huzhu::model::json::from_str(text, "evidence").map_err(core_err)?;
            Ok(Self { inner })
        })
    }

    /// The evidence in the core's JSON (what `from_dict` reads; the same on every surface).
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        guard(|| ser_py(py, &self.inner))
    }

    /// Service records as a table.
    #[getter]
    fn records(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let r = &self.inner.records;
        let mut b = TableBuilder::default();
        b.int("id", r.iter().map(|x| Some(i64::from(x.id.0))))
            .int("need", r.iter().map(|x| Some(i64::from(x.need.0))))
            .str("helper", r.iter().map(|x| Some(x.helper.to_string())))
            .ts("started", r.iter().map(|x| Some(x.started)))
            .ts("finished", r.iter().map(|x| Some(x.finished)))
            .str("outcome", r.iter().map(|x| Some(x.outcome.code())));
        wrap(py, b.finish())
    }

    /// Survey responses as a table (one column per dimension).
    #[getter]
    fn surveys(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let s = &self.inner.surveys;
        let mut b = TableBuilder::default();
        b.int("id", s.iter().map(|x| Some(i64::from(x.id.0))))
            .int(
                "respondent",
                s.iter().map(|x| Some(i64::from(x.respondent.0))),
            )
            .str("helper", s.iter().map(|x| Some(x.helper.to_string())))
            .int("need", s.iter().map(|x| x.need.map(|n| i64::from(n.0))))
            .date("period_start", s.iter().map(|x| Some(x.period.start)))
            .date("period_end", s.iter().map(|x| Some(x.period.end)));
        for d in DIMENSIONS {
            b.int(
                d.code(),
                s.iter().map(|x| x.answers.get(&d).map(|v| i64::from(*v))),
            );
        }
        wrap(py, b.finish())
    }

    /// Care records as a table.
    #[getter]
    fn care_records(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let c = &self.inner.care_records;
        let mut b = TableBuilder::default();
        b.int("resident", c.iter().map(|x| Some(i64::from(x.resident.0))))
            .date("opened", c.iter().map(|x| Some(x.opened)))
            .date("closed", c.iter().map(|x| x.closed));
        wrap(py, b.finish())
    }

    /// Visit logs as a table.
    #[getter]
    fn visits(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let v = &self.inner.visits;
        let mut b = TableBuilder::default();
        b.int("resident", v.iter().map(|x| Some(i64::from(x.resident.0))))
            .ts("at", v.iter().map(|x| Some(x.at)))
            .str("kind", v.iter().map(|x| code(&x.kind)));
        wrap(py, b.finish())
    }

    /// Workers' training as a table (worker, date, minutes).
    #[getter]
    fn training(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        wrap(py, training_table(&self.inner.training))
    }

    /// Service funding as a table (source, date, amount_fen).
    #[getter]
    fn funding(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        wrap(py, funding_table(&self.inner.funding))
    }

    fn __repr__(&self) -> String {
        let e = &self.inner;
        format!(
            "<huzhu.Evidence: {} service records, {} surveys, {} care records, {} visits>",
            e.records.len(),
            e.surveys.len(),
            e.care_records.len(),
            e.visits.len()
        )
    }
}
