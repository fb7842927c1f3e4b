//! Instance file formats read by the solve tool: OR-Library `assign` and `gap`, `bmatch`, and
//! Solomon's `vrptw`.
//!
//! Each format module offers `parse(text) -> Result<Instance, FormatError>` and
//! `solve(&Instance, time_limit) -> SolveReport`, timing only the solve.

pub mod assign;
pub mod bmatch;
pub mod gap;
pub mod vrptw;

/// A malformed instance file (the solver's own reader error: it names the line and field).
pub use huzhu::matching::solver::text::FormatError;
