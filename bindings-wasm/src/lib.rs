//! `huzhu-wasm`: the WebAssembly bindings of huzhu for browsers and Node.
//!
//! One file per core area: [`community`] (records and snapshots), [`matching`] (plans,
//! explanations, pins, hours budgets), [`ledger`] (the time bank), [`scoring`] (the scorecard
//! and its parts), [`synth`] (synthetic districts), [`solver`] (the bare flow solver on the
//! benchmark format), [`formats`] (HSDS in, GeoJSON out). [`convert`] says how values cross the boundary and [`error`] how
//! failures become JS `Error`s with a stable `code`.
//!
//! The core never reads the clock: every "now" is an argument.

pub mod community;
#[cfg(feature = "conformance")]
pub mod conformance;
pub mod convert;
pub mod error;
pub mod formats;
pub mod ledger;
pub mod matching;
pub mod scoring;
pub mod solver;
pub mod synth;
pub mod types;

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
