//! Instance file formats read by the solve tool: OR-Library `assign` and `gap`, `bmatch`,
//! DIMACS min-cost flow (`dimacs`) and Solomon's `vrptw`.
//!
//! Each format module offers `parse(text) -> Result<Instance, FormatError>` and
//! `solve(&Instance, time_limit) -> SolveReport`, timing only the solve (`dimacs` converts in
//! between, with `to_problem`, and solves with `try_solve`).

pub mod assign;
pub mod bmatch;
pub mod dimacs;
pub mod gap;
pub mod vrptw;

/// A malformed instance file (the solver's own reader error: it names the line and field).
pub use huzhu::matching::solver::text::FormatError;
