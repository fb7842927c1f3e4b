//! `huzhu-py`: the Python bindings of huzhu (PyO3), built by maturin into the package `huzhu`
//! (native module `huzhu._huzhu`; the Python package around it adds tables, plots and the
//! distributed helpers).
//!
//! One file per core area: `community` (the class; tables in `records_in`, out `records_out`,
//! the care records' tables `care_records`, activities and feedback
//! `participation_records`), `care` (the care loop: contact schedule, package
//! needs, risk flags, latent needs, identification; its tables `care_tables`), `matching`
//! (plans and explanations; their tables `plan_tables`; staffing advice `advice`), `rolling`
//! (`Community.update`: a rolling planning loop's changed needs written in by id), `ledger` and
//! `statement` (the time bank; `bank`, in memory or a stored file; `clearing`, the driver
//! between banks), `evidence` and `scoring` (the indicators; the class `scorecard`
//! and its tables `scoring_tables`; workforce and funding `workforce`; the participation
//! indicators `participation`), the evaluation (`kpi`, results by level `levels`, the report
//! `evaluation`), `synth` (the synthetic district), `formats` (HSDS, GeoJSON), `rounds` (visit
//! rounds: `plan_rounds`, `replan_rounds`; their records and tables `rounds_records`), `week` (a
//! week of rounds keeping contact intervals: `plan_week`), `rounds_care` (rounds from the care
//! files: `contact_rounds`, `contact_visits`, `walkers_from_homes`). `convert`
//! hands Python values to the core's readers (labels, the local-time rule,
//! JSON for settings), `tables` reads and writes Arrow, and `errors` maps every core error to its
//! exception by kind with the core's facts. Every entry point runs under `errors::guard`, so a
//! Rust panic becomes `huzhu.InternalError`, never a Python crash.

// Column-reading code names its columns by one letter per table field, and doc comments name
// Python values (None, DataFrame) that are not Rust items.
#![allow(clippy::many_single_char_names, clippy::doc_markdown)]

mod advice;
mod bank;
#[cfg(feature = "testing")]
mod bench;
mod care;
mod care_records;
mod care_tables;
mod clearing;
mod community;
#[cfg(feature = "testing")]
mod conformance;
mod convert;
mod dispatch;
mod errors;
mod evaluation;
mod evidence;
mod formats;
mod kpi;
mod ledger;
mod levels;
mod matching;
mod participation;
mod participation_records;
mod plan_tables;
mod records_in;
mod records_out;
mod rolling;
mod rounds;
mod rounds_care;
mod rounds_records;
mod scorecard;
mod scoring;
mod scoring_tables;
mod statement;
mod synth;
mod tables;
mod week;
mod workforce;

use pyo3::prelude::*;

/// The native module.
#[pymodule]
fn _huzhu(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    errors::register(m)?;
    m.add_class::<community::PyCommunity>()?;
    m.add_class::<matching::PyPlan>()?;
    m.add_class::<ledger::PyLedger>()?;
    m.add_class::<clearing::PyClearing>()?;
    m.add_class::<statement::PyStatement>()?;
    m.add_class::<evidence::PyEvidence>()?;
    m.add_class::<scorecard::PyScorecard>()?;
    m.add_class::<advice::PyStaffingAdvice>()?;
    m.add_class::<synth::PyDistrict>()?;
    scoring::register(m)?;
    kpi::register(m)?;
    levels::register(m)?;
    evaluation::register(m)?;
    participation::register(m)?;
    care::register(m)?;
    synth::register(m)?;
    formats::register(m)?;
    rounds::register(m)?;
    week::register(m)?;
    dispatch::register(m)?;
    rounds_care::register(m)?;
    #[cfg(feature = "testing")]
    {
        conformance::register(m)?;
        bench::register(m)?;
    }
    Ok(())
}
