//! `huzhu-wasm`: the WebAssembly bindings of huzhu for browsers and Node.
//!
//! One file per core area: [`community`] (records and snapshots), [`community_care`] (its
//! care records: workers, care files, the contact log) and [`community_participation`]
//! (activities, complaints and suggestions), [`matching`] (plans, explanations, pins, hours
//! budgets) and [`advice`] (staffing advice), [`care`] (the care loop: contacts due, package
//! needs, risk flags, latent needs, identification), [`ledger`] (the time bank), [`journal`]
//! (its journal line by line, for stores), [`points`] (its second unit, 积分) and [`clearing`]
//! (transfers between banks, 通存通兑), [`scoring`]
//! (the scorecard and its parts), [`participation`] (engagement, identity, voice,
//! organisations, corrective actions), [`kpi`] (KPIs over a work plan) and [`levels`] (results
//! by level), [`report`] (the evaluation report), [`synth`] (synthetic districts), [`bridges`]
//! (the ledger's links to plans and the scorecard), [`solver`] (the bare flow solver on the
//! benchmark format), [`formats`] (HSDS in, GeoJSON out), [`rounds`] (visit rounds: who visits
//! which homes in what order, re-planned after a change, as GeoJSON), [`week`] (a week of rounds
//! keeping each resident's contact interval, within weekly budgets shared with the matcher) and
//! [`rounds_care`] (rounds from the care files: contact rounds, the day's visits due, walkers
//! from their residents' homes). [`convert`] says how values
//! cross the boundary and [`error`] how failures become JS `Error`s with a stable `code`.
//!
//! The core never reads the clock: every "now" is an argument.
//!
//! Every area but [`community`] (with its records) and [`matching`] is a cargo feature
//! of its own (all on by default), so that a smaller package can be built; `scripts/size-by-area.sh` measures what
//! each one adds. Matching under weekly hour budgets (`matchWithHours`) is one too, `hours`: the
//! matcher entry (`huzhu/matcher`, built with none of them) matches and explains.

#[cfg(feature = "advice")]
pub mod advice;
#[cfg(feature = "ledger")]
pub mod bridges;
#[cfg(feature = "care")]
pub mod care;
#[cfg(feature = "ledger")]
pub mod clearing;
pub mod community;
pub mod community_care;
pub mod community_participation;
#[cfg(feature = "testing")]
pub mod conformance;
pub mod convert;
#[cfg(feature = "dispatch")]
pub mod dispatch;
pub mod error;
#[cfg(feature = "formats")]
pub mod formats;
#[cfg(feature = "ledger")]
pub mod journal;
#[cfg(feature = "scoring")]
pub mod kpi;
#[cfg(feature = "ledger")]
pub mod ledger;
#[cfg(feature = "scoring")]
pub mod levels;
pub mod matching;
#[cfg(feature = "scoring")]
pub mod participation;
#[cfg(feature = "ledger")]
pub mod points;
#[cfg(feature = "report")]
pub mod report;
#[cfg(feature = "rounds")]
pub mod rounds;
#[cfg(feature = "rounds")]
pub mod rounds_care;
#[cfg(feature = "scoring")]
pub mod scoring;
#[cfg(feature = "solver")]
pub mod solver;
#[cfg(feature = "synth")]
pub mod synth;
pub mod types;
#[cfg(feature = "rounds")]
pub mod week;

use wasm_bindgen::prelude::*;

/// Runs when the module is instantiated: installs the panic hook.
#[wasm_bindgen(start)]
fn start() {
    error::install_panic_hook();
}

/// The package version (the crate's).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// Panics with `message`: exists so that tests can check that a Rust panic reaches JavaScript
/// as a `HuzhuError` with code `INTERNAL_PANIC` (never a bare `unreachable`). Do not call it
/// otherwise: reload the module after a panic.
#[wasm_bindgen(js_name = debugPanic)]
pub fn debug_panic(message: &str) {
    panic!("{message}");
}
