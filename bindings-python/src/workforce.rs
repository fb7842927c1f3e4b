//! Staffing beyond head counts and service funding: the evidence's training and funding tables
//! (in and out), and the scorecard's workforce and funding reports as dicts holding a table.
//!
//! `training`: worker, date, minutes. `funding`: source (a code: government, welfare_lottery,
//! charity, enterprise, service_fees, other), date, amount_fen. Cells are read here; the core
//! checks the records when the scorecard is computed (positive minutes and amounts, known
//! workers: errors name `training[0]`, `funding[0]` and the field).

use huzhu::model::WorkerId;
use huzhu::scoring::{Funding, FundingReport, FundingSource, Training, WorkforceReport};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use pyo3_arrow::PyTable;

use crate::convert::ser_py;
use crate::errors::CellError;
use crate::evidence::code;
use crate::tables::{Col, Frame, TableBuilder, wrap};

pub(crate) fn read_training(f: &Frame) -> PyResult<Vec<Training>> {
    let (worker, date, minutes) = (f.col("worker")?, f.col("date")?, f.col("minutes")?);
    (0..f.rows)
        .map(|row| {
            Ok(Training {
                worker: WorkerId(worker.req(row, Col::u32)?),
                date: date.req(row, Col::date)?,
                minutes: minutes.req(row, Col::u32)?,
            })
        })
        .collect()
}

pub(crate) fn read_funding(f: &Frame) -> PyResult<Vec<Funding>> {
    let (source, date, amount) = (f.col("source")?, f.col("date")?, f.col("amount_fen")?);
    (0..f.rows)
        .map(|row| {
            let fen = amount.req(row, Col::i64)?;
            let amount_fen = u64::try_from(fen).map_err(|_| {
                CellError::new(
                    f.table,
                    Some(row),
                    Some("amount_fen"),
                    format!("value {fen} is outside 0..={}", i64::MAX),
                )
            })?;
            Ok(Funding {
                source: source.req(row, Col::code::<FundingSource>)?,
                date: date.req(row, Col::date)?,
                amount_fen,
            })
        })
        .collect()
}

pub(crate) fn training_table(t: &[Training]) -> PyTable {
    let mut b = TableBuilder::default();
    b.int("worker", t.iter().map(|x| Some(i64::from(x.worker.0))))
        .date("date", t.iter().map(|x| Some(x.date)))
        .int("minutes", t.iter().map(|x| Some(i64::from(x.minutes))));
    b.finish()
}

pub(crate) fn funding_table(f: &[Funding]) -> PyTable {
    let mut b = TableBuilder::default();
    b.str("source", f.iter().map(|x| Some(x.source.code())))
        .date("date", f.iter().map(|x| Some(x.date)))
        .int(
            "amount_fen",
            f.iter().map(|x| i64::try_from(x.amount_fen).ok()),
        );
    b.finish()
}

/// The workforce report in the core's JSON, with `loads` as a table: one row per worker
/// (worker, role, qualified, grids, residents, care_files, training_minutes, over_caseload).
pub(crate) fn workforce_dict(py: Python<'_>, r: &WorkforceReport) -> PyResult<Py<PyAny>> {
    let d = ser_py(py, r)?;
    let l = &r.loads;
    let mut b = TableBuilder::default();
    b.int("worker", l.iter().map(|x| Some(i64::from(x.worker.0))))
        .str("role", l.iter().map(|x| code(&x.role)))
        .bool("qualified", l.iter().map(|x| Some(x.qualified)))
        .ints(
            "grids",
            l.iter().map(|x| x.grids.iter().map(|g| i64::from(g.0))),
        )
        .float("residents", l.iter().map(|x| Some(x.residents)))
        .int(
            "care_files",
            l.iter().map(|x| Some(i64::from(x.care_files))),
        )
        .int(
            "training_minutes",
            l.iter().map(|x| i64::try_from(x.training_minutes).ok()),
        )
        .bool("over_caseload", l.iter().map(|x| Some(x.over_caseload)));
    d.bind(py)
        .cast::<PyDict>()?
        .set_item("loads", wrap(py, b.finish())?)?;
    Ok(d)
}

/// The funding report in the core's JSON, with `by_source` as a table: one row per source
/// with funding (source, name_en, name_zh, amount_fen, share of the total).
pub(crate) fn funding_dict(py: Python<'_>, r: &FundingReport) -> PyResult<Py<PyAny>> {
    let d = ser_py(py, r)?;
    let rows: Vec<(FundingSource, u64)> = r.by_source.iter().map(|(s, f)| (*s, *f)).collect();
    let total = r.total_fen;
    let mut b = TableBuilder::default();
    b.str("source", rows.iter().map(|x| Some(x.0.code())))
        .str("name_en", rows.iter().map(|x| Some(x.0.labels().0)))
        .str("name_zh", rows.iter().map(|x| Some(x.0.labels().1)))
        .int("amount_fen", rows.iter().map(|x| i64::try_from(x.1).ok()))
        .float(
            "share",
            rows.iter()
                .map(|x| (total > 0).then(|| x.1 as f64 / total as f64)),
        );
    d.bind(py)
        .cast::<PyDict>()?
        .set_item("by_source", wrap(py, b.finish())?)?;
    Ok(d)
}
