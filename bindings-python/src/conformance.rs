//! `huzhu.conformance`: the shared fixtures' single entry point, so Python produces byte for
//! byte what the Rust conformance runner produces (`tests/README.md` in the repository).

use pyo3::prelude::*;

use crate::errors::{guard, value_err};

/// Runs one conformance case (the whole fixture file text) and returns its canonical JSON
/// output. Never raises for a bad case: the error is in the output, as on every surface.
#[pyfunction]
#[pyo3(name = "_run_case")]
fn run_case(py: Python<'_>, case: &str) -> PyResult<String> {
    guard(|| Ok(py.detach(|| huzhu_conformance::run_case(case))))
}

/// Canonical JSON of `json`: sorted keys, no whitespace, floats with six decimals.
#[pyfunction]
#[pyo3(name = "_canonicalize")]
fn canonicalize(json: &str) -> PyResult<String> {
    guard(|| huzhu_conformance::canonicalize(json).map_err(|e| value_err("json", e)))
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(run_case, m)?)?;
    m.add_function(wrap_pyfunction!(canonicalize, m)?)?;
    Ok(())
}
