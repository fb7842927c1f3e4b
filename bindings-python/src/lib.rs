//! `huzhu-py`: the Python bindings of huzhu (PyO3), built by maturin into the package `huzhu`
//! (native module `huzhu._huzhu`; the Python package around it adds tables, plots and the
//! distributed helpers).
//!
//! One file per core area: `community` (tables in and out, the JSON snapshot), `matching`
//! (plans and explanations), `ledger` (the time bank), `scoring` (the scorecard and its
//! indicator tables), `synth` (the synthetic district). Every entry point runs under
//! `errors::guard`, so a Rust panic becomes `huzhu.InternalError`, never a Python crash.

// Column-reading code names its columns by one letter per table field, and doc comments name
// Python values (None, DataFrame) that are not Rust items.
#![allow(clippy::many_single_char_names, clippy::doc_markdown)]

#[cfg(feature = "testing")]
mod bench;
mod community;
#[cfg(feature = "testing")]
mod conformance;
mod convert;
mod errors;
mod formats;
mod ledger;
mod matching;
mod scoring;
mod synth;
mod tables;

use pyo3::prelude::*;

/// The native module.
#[pymodule]
fn _huzhu(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    errors::register(m)?;
    m.add_class::<community::PyCommunity>()?;
    m.add_class::<matching::PyPlan>()?;
    m.add_class::<ledger::PyLedger>()?;
    m.add_class::<ledger::PyStatement>()?;
    m.add_class::<scoring::PyEvidence>()?;
    m.add_class::<scoring::PyScorecard>()?;
    m.add_class::<synth::PyDistrict>()?;
    scoring::register(m)?;
    synth::register(m)?;
    formats::register(m)?;
    #[cfg(feature = "testing")]
    {
        conformance::register(m)?;
        bench::register(m)?;
    }
    Ok(())
}
